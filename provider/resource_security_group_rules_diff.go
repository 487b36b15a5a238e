package provider

// What apply changes in hardened_security_group's rules: the difference between the
// rules AWS has and the rules configured, as EC2 IP permissions.

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// sgRuleDiff is what apply changes to turn the rules AWS has into the planned ones.
type sgRuleDiff struct {
	Authorize, Revoke, Redescribe []sgRule
}

func (d sgRuleDiff) empty() bool {
	return len(d.Authorize) == 0 && len(d.Revoke) == 0 && len(d.Redescribe) == 0
}

// diffRules compares AWS's rules with the wanted ones. A rule in both keeps its
// AWS rule (and ID); only a changed description is rewritten in place.
func diffRules(actual, want []sgRule) sgRuleDiff {
	var d sgRuleDiff
	have := map[sgRuleKey]string{}
	for _, r := range actual {
		have[r.Key] = r.Description
	}
	wanted := map[sgRuleKey]bool{}
	for _, r := range want {
		wanted[r.Key] = true
		desc, ok := have[r.Key]
		switch {
		case !ok:
			d.Authorize = append(d.Authorize, r)
		case desc != r.Description:
			d.Redescribe = append(d.Redescribe, r)
		}
	}
	for _, r := range actual {
		if !wanted[r.Key] {
			d.Revoke = append(d.Revoke, r)
		}
	}
	return d
}

// permissions groups rules of one direction into the API's IpPermissions.
func permissions(rules []sgRule, withDescriptions bool) []ec2types.IpPermission {
	type pk struct {
		Protocol string
		From, To int32
	}
	idx := map[pk]int{}
	var out []ec2types.IpPermission
	for _, r := range rules {
		k := pk{r.Key.Protocol, r.Key.From, r.Key.To}
		i, ok := idx[k]
		if !ok {
			p := ec2types.IpPermission{IpProtocol: aws.String(r.Key.Protocol)}
			if r.Key.Protocol != controls.ProtocolAll {
				p.FromPort, p.ToPort = aws.Int32(r.Key.From), aws.Int32(r.Key.To)
			}
			out = append(out, p)
			i = len(out) - 1
			idx[k] = i
		}
		var desc *string
		if withDescriptions {
			desc = aws.String(r.Description)
		}
		p := &out[i]
		switch r.Key.Kind {
		case sourceIPv4:
			p.IpRanges = append(p.IpRanges, ec2types.IpRange{CidrIp: aws.String(r.Key.Source), Description: desc})
		case sourceIPv6:
			p.Ipv6Ranges = append(p.Ipv6Ranges, ec2types.Ipv6Range{CidrIpv6: aws.String(r.Key.Source), Description: desc})
		case sourcePrefixList:
			p.PrefixListIds = append(p.PrefixListIds, ec2types.PrefixListId{PrefixListId: aws.String(r.Key.Source), Description: desc})
		case sourceGroup:
			account, id := parseGroupSource(r.Key.Source)
			pair := ec2types.UserIdGroupPair{GroupId: aws.String(id), Description: desc}
			if account != "" {
				pair.UserId = aws.String(account)
			}
			p.UserIdGroupPairs = append(p.UserIdGroupPairs, pair)
		}
	}
	return out
}

// splitDirection separates ingress from egress rules.
func splitDirection(rules []sgRule) (ingress, egress []sgRule) {
	for _, r := range rules {
		if r.Key.Egress {
			egress = append(egress, r)
		} else {
			ingress = append(ingress, r)
		}
	}
	return ingress, egress
}

// describeRules lists rules for messages, e.g. "ingress tcp 22 from 0.0.0.0/0".
func describeRules(rules []sgRule) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = r.Key.String()
	}
	return strings.Join(parts, "; ")
}
