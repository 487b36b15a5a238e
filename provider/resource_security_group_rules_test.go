package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

// testRule builds a block; sets are nil for null, and "?" makes a value unknown.
type testRule struct {
	proto      string
	from, to   int64
	cidrs      []string
	ipv6       []string
	groups     []string
	self       bool
	desc       string
	unknownSrc bool
}

func (r testRule) model() sgRuleModel {
	set := func(vals []string) types.Set {
		if vals == nil {
			return types.SetNull(types.StringType)
		}
		var elems []attr.Value
		for _, v := range vals {
			if v == "?" {
				elems = append(elems, types.StringUnknown())
			} else {
				elems = append(elems, types.StringValue(v))
			}
		}
		return types.SetValueMust(types.StringType, elems)
	}
	m := sgRuleModel{
		Protocol:       types.StringValue(r.proto),
		FromPort:       types.Int64Value(r.from),
		ToPort:         types.Int64Value(r.to),
		CIDRBlocks:     set(r.cidrs),
		IPv6CIDRBlocks: set(r.ipv6),
		PrefixListIDs:  types.SetNull(types.StringType),
		SecurityGroups: set(r.groups),
		Self:           types.BoolNull(),
		Description:    types.StringValue(r.desc),
	}
	if r.self {
		m.Self = types.BoolValue(true)
	}
	if r.unknownSrc {
		m.CIDRBlocks = types.SetUnknown(types.StringType)
	}
	return m
}

func ruleSet(t *testing.T, rules ...testRule) types.Set {
	t.Helper()
	models := make([]sgRuleModel, len(rules))
	for i, r := range rules {
		models[i] = r.model()
	}
	s, d := encodeRules(context.Background(), models)
	if d.HasError() {
		t.Fatal(d)
	}
	return s
}

func ports(ps ...int64) types.Set {
	var elems []attr.Value
	for _, p := range ps {
		elems = append(elems, types.Int64Value(p))
	}
	return types.SetValueMust(types.Int64Type, elems)
}

func errorsText(d diag.Diagnostics) string {
	var parts []string
	for _, e := range d.Errors() {
		parts = append(parts, e.Summary()+": "+e.Detail())
	}
	return strings.Join(parts, "\n")
}

// The rule validator over a table of good and bad rules, as the plan runs it.
func TestValidateRules(t *testing.T) {
	world := []string{"0.0.0.0/0"}
	for _, tc := range []struct {
		name    string
		ingress []testRule
		egress  []testRule
		public  types.Set
		allow   types.Bool // allow_all_egress; null (the zero value) as in a configuration without it
		want    string     // "" for a good configuration; otherwise text of the (first) error
	}{
		// Good.
		{name: "no rules", public: types.SetNull(types.Int64Type)},
		{name: "declared https from the world", public: ports(80, 443),
			ingress: []testRule{{proto: "tcp", from: 443, to: 443, cidrs: world, ipv6: []string{"::/0"}, desc: "https"}}},
		{name: "ssh from an office", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 22, to: 22, cidrs: []string{"203.0.113.0/24"}, desc: "ssh"}}},
		{name: "all traffic between members", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "-1", from: 0, to: 0, self: true, desc: "members"}}},
		{name: "database from another group", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "6", from: 5432, to: 5432, groups: []string{"sg-0123"}, desc: "app"}}},
		{name: "allow-all egress opted into", public: types.SetNull(types.Int64Type), allow: types.BoolValue(true),
			egress: []testRule{{proto: "-1", from: 0, to: 0, cidrs: world, desc: "all out"}}},
		{name: "allow-all egress with the opt-in unknown is decided at apply", public: types.SetNull(types.Int64Type),
			allow:  types.BoolUnknown(),
			egress: []testRule{{proto: "tcp", from: 0, to: 65535, ipv6: []string{"::/0"}, desc: "all tcp out"}}},
		{name: "https out to the world", public: types.SetNull(types.Int64Type),
			egress: []testRule{{proto: "tcp", from: 443, to: 443, cidrs: world, ipv6: []string{"::/0"}, desc: "https"}}},
		{name: "all traffic out to the VPC", public: types.SetNull(types.Int64Type),
			egress: []testRule{{proto: "-1", from: 0, to: 0, cidrs: []string{"10.0.0.0/16"}, desc: "vpc"}}},
		{name: "unknown CIDRs are checked at apply", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 22, to: 22, unknownSrc: true, desc: "ssh"}}},
		{name: "unknown element among CIDRs", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 8080, to: 8080, cidrs: []string{"?", "10.0.0.0/16"}, desc: "app"}}},
		{name: "undeclared port with public ports unknown", public: types.SetUnknown(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 8443, to: 8443, cidrs: world, desc: "ui"}}},
		{name: "icmp from the world", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "icmp", from: -1, to: -1, cidrs: world, desc: "ping"}}},
		{name: "same source in both directions", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 80, to: 80, cidrs: []string{"10.0.0.0/16"}, desc: "in"}},
			egress:  []testRule{{proto: "tcp", from: 80, to: 80, cidrs: []string{"10.0.0.0/16"}, desc: "out"}}},

		// Bad.
		{name: "allow-all egress", public: types.SetNull(types.Int64Type),
			egress: []testRule{{proto: "-1", from: 0, to: 0, cidrs: world, desc: "all out"}},
			want: `Insecure egress rule: egress rule "all out" allows all traffic (every protocol and port) out to ` +
				`0.0.0.0/0 (control HRD-NET-006) [HRD-NET-006]`},
		{name: "allow-all egress refused explicitly", public: types.SetNull(types.Int64Type), allow: types.BoolValue(false),
			egress: []testRule{{proto: "udp", from: 1, to: 65535, ipv6: []string{"::/0"}, desc: "all udp out"}},
			want:   `egress rule "all udp out" allows every udp port (1-65535) out to ::/0`},
		{name: "ssh from the world", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 22, to: 22, cidrs: world, desc: "ssh"}},
			want:    `Insecure ingress rule: ingress rule "ssh" allows tcp 22 (SSH) from 0.0.0.0/0`},
		{name: "admin port still refused with public ports unknown", public: types.SetUnknown(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 3389, to: 3389, cidrs: world, desc: "rdp"}},
			want:    `3389 (RDP) from 0.0.0.0/0`},
		{name: "redis over IPv6", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 6379, to: 6379, ipv6: []string{"::/0"}, desc: "cache"}},
			want:    `[HRD-NET-003]`},
		{name: "declaring an admin port", public: ports(443, 22),
			want: `Insecure public_ingress_ports: public_ingress_ports: port 22 (SSH) is an administrative or database port`},
		{name: "undeclared port", public: ports(443),
			ingress: []testRule{{proto: "tcp", from: 8443, to: 8443, cidrs: world, desc: "ui"}},
			want:    `add 8443 to public_ingress_ports`},
		{name: "all protocols from the world", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "all", from: 0, to: 0, cidrs: world, desc: "any"}},
			want:    `[HRD-NET-004]`},
		{name: "wide range from a /12", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "udp", from: 1000, to: 2000, cidrs: []string{"172.16.0.0/12"}, desc: "range"}},
			want:    `opens 1001 udp ports (1000-2000) to 172.16.0.0/12`},
		{name: "duplicate across blocks with one description", public: types.SetNull(types.Int64Type),
			ingress: []testRule{
				{proto: "tcp", from: 80, to: 80, cidrs: []string{"10.0.0.0/16"}, desc: "web"},
				{proto: "6", from: 80, to: 80, cidrs: []string{"10.0.0.0/16", "10.1.0.0/16"}, desc: "web"},
			},
			want: `both define ingress tcp 80 from 10.0.0.0/16`},
		{name: "icmp type out of range", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "icmp", from: 300, to: 0, cidrs: []string{"10.0.0.0/16"}, desc: "ping"}},
			want:    `from_port is the ICMP type and to_port the code`},
		{name: "egress rule without destination", public: types.SetNull(types.Int64Type),
			egress: []testRule{{proto: "tcp", from: 443, to: 443, desc: "out"}},
			want:   `egress rule "out" has no destinations`},
		{name: "malformed group ID", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 80, to: 80, groups: []string{"web"}, desc: "lb"}},
			want:    `security_groups entry "web" is not a security group ID`},
		{name: "IPv4 block in ipv6_cidr_blocks", public: types.SetNull(types.Int64Type),
			ingress: []testRule{{proto: "tcp", from: 80, to: 80, ipv6: []string{"10.0.0.0/8"}, desc: "x"}},
			want:    `is not an IPv6 CIDR block`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d diag.Diagnostics
			validateRules(context.Background(), sgRulesConfig{
				Ingress: ruleSet(t, tc.ingress...), Egress: ruleSet(t, tc.egress...), PublicIngressPorts: tc.public,
				AllowAllEgress: tc.allow,
			}, &d)
			got := errorsText(d)
			if tc.want == "" {
				if got != "" {
					t.Fatalf("good configuration rejected:\n%s", got)
				}
				return
			}
			if !strings.Contains(got, tc.want) {
				t.Fatalf("errors do not contain %q:\n%s", tc.want, got)
			}
		})
	}
}

// Read keeps each block as written while AWS has its rules, and reports the rest.
func TestRebuildBlocks(t *testing.T) {
	ctx := context.Background()
	const self, owner = "sg-self", "123456789012"
	prior := []sgRuleModel{
		testRule{proto: "6", from: 443, to: 443, cidrs: []string{"0.0.0.0/0"}, ipv6: []string{"::/0"}, desc: "https"}.model(),
		testRule{proto: "all", from: 0, to: 0, self: true, desc: "members"}.model(),
		testRule{proto: "tcp", from: 22, to: 22, cidrs: []string{"203.0.113.0/24"}, desc: "ssh"}.model(),
		testRule{proto: "tcp", from: 5432, to: 5432, groups: []string{owner + "/sg-app"}, desc: "db"}.model(),
	}
	actual := []sgRule{
		{sgRuleKey{false, "tcp", 443, 443, sourceIPv6, "::/0"}, "https"},                      // IPv4 https revoked by hand
		{sgRuleKey{false, "-1", 0, 0, sourceGroup, self}, "members"},                          // unchanged
		{sgRuleKey{false, "tcp", 22, 22, sourceIPv4, "203.0.113.0/24"}, "ssh from anywhere?"}, // redescribed by hand
		{sgRuleKey{false, "tcp", 5432, 5432, sourceGroup, "sg-app"}, "db"},                    // same account: short form
		{sgRuleKey{false, "tcp", 3306, 3306, sourceIPv4, "10.0.0.0/8"}, "added"},              // added by hand
		{sgRuleKey{false, "tcp", 3306, 3306, sourceGroup, self}, "added"},
		{sgRuleKey{true, "-1", 0, 0, sourceIPv4, "0.0.0.0/0"}, ""}, // egress: not this direction
	}
	got, d := rebuildBlocks(ctx, prior, actual, false, self, owner)
	if d.HasError() {
		t.Fatal(d)
	}
	var lines []string
	for _, m := range got {
		cidrs := knownStrings(m.CIDRBlocks)
		v6 := knownStrings(m.IPv6CIDRBlocks)
		groups := knownStrings(m.SecurityGroups)
		lines = append(lines, fmt.Sprintf("%s %d-%d cidrs=%v null=%v ipv6=%v groups=%v self=%s %q", m.Protocol.ValueString(),
			m.FromPort.ValueInt64(), m.ToPort.ValueInt64(), cidrs, m.CIDRBlocks.IsNull(), v6, groups, m.Self, m.Description.ValueString()))
	}
	want := []string{
		`6 443-443 cidrs=[] null=false ipv6=[::/0] groups=[] self=<null> "https"`,
		`all 0-0 cidrs=[] null=true ipv6=[] groups=[] self=true "members"`,
		`tcp 5432-5432 cidrs=[] null=true ipv6=[] groups=[123456789012/sg-app] self=<null> "db"`,
		`tcp 22-22 cidrs=[203.0.113.0/24] null=false ipv6=[] groups=[] self=<null> "ssh from anywhere?"`,
		`tcp 3306-3306 cidrs=[10.0.0.0/8] null=false ipv6=[] groups=[] self=true "added"`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("rebuilt blocks:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// Apply changes only the difference, and the requests carry every kind of peer.
func TestDiffRulesAndPermissions(t *testing.T) {
	k := func(port int32, kind sgSourceKind, src string) sgRuleKey {
		return sgRuleKey{Protocol: "tcp", From: port, To: port, Kind: kind, Source: src}
	}
	actual := []sgRule{{k(443, sourceIPv4, "0.0.0.0/0"), "https"}, {k(22, sourceIPv4, "10.0.0.0/8"), "ssh"},
		{sgRuleKey{Egress: true, Protocol: "-1", Kind: sourceIPv4, Source: "0.0.0.0/0"}, ""}}
	want := []sgRule{{k(443, sourceIPv4, "0.0.0.0/0"), "https"}, {k(22, sourceIPv4, "10.0.0.0/8"), "ssh via VPN"},
		{k(80, sourcePrefixList, "pl-1"), "http"}, {k(80, sourceGroup, "111111111111/sg-2"), "http"}, {k(80, sourceIPv6, "::/0"), "http"}}
	d := diffRules(actual, want)
	if describeRules(d.Authorize) != "ingress tcp 80 from pl-1; ingress tcp 80 from 111111111111/sg-2; ingress tcp 80 from ::/0" ||
		describeRules(d.Redescribe) != "ingress tcp 22 from 10.0.0.0/8" ||
		describeRules(d.Revoke) != "egress all traffic to 0.0.0.0/0" {
		t.Fatalf("diff: %+v", d)
	}
	perms := permissions(d.Authorize, true)
	if len(perms) != 1 {
		t.Fatalf("want one permission for tcp 80, got %d", len(perms))
	}
	p := perms[0]
	if aws.ToInt32(p.FromPort) != 80 || len(p.PrefixListIds) != 1 || len(p.Ipv6Ranges) != 1 || len(p.UserIdGroupPairs) != 1 ||
		aws.ToString(p.UserIdGroupPairs[0].UserId) != "111111111111" || aws.ToString(p.UserIdGroupPairs[0].GroupId) != "sg-2" ||
		aws.ToString(p.PrefixListIds[0].Description) != "http" {
		t.Fatalf("permission: %+v", p)
	}
	revoke := permissions(d.Revoke, false)
	if revoke[0].FromPort != nil || aws.ToString(revoke[0].IpProtocol) != "-1" || revoke[0].IpRanges[0].Description != nil {
		t.Fatalf("all-traffic revoke must carry no ports or descriptions: %+v", revoke[0])
	}
	if !diffRules(actual, actual).empty() {
		t.Error("identical rules give a non-empty diff")
	}
}

// fakeDeleteAPI plays EC2 for deleteSecurityGroup.
type fakeDeleteAPI struct {
	dependencyFailures int // DeleteSecurityGroup fails this many times with DependencyViolation
	enis               []ec2types.NetworkInterface
	referencedBy       []ec2types.SecurityGroup
	deleteErr          error
	deletes            int
}

func (f *fakeDeleteAPI) DeleteSecurityGroup(_ context.Context, _ *ec2.DeleteSecurityGroupInput, _ ...func(*ec2.Options)) (*ec2.DeleteSecurityGroupOutput, error) {
	f.deletes++
	if f.deleteErr != nil {
		return nil, f.deleteErr
	}
	if f.deletes <= f.dependencyFailures {
		return nil, &smithy.GenericAPIError{Code: errDependency, Message: "resource sg-1 has a dependent object"}
	}
	return &ec2.DeleteSecurityGroupOutput{}, nil
}

func (f *fakeDeleteAPI) DescribeNetworkInterfaces(_ context.Context, in *ec2.DescribeNetworkInterfacesInput, _ ...func(*ec2.Options)) (*ec2.DescribeNetworkInterfacesOutput, error) {
	if aws.ToString(in.Filters[0].Name) != "group-id" || in.Filters[0].Values[0] != "sg-1" {
		return nil, errors.New("unexpected filter")
	}
	return &ec2.DescribeNetworkInterfacesOutput{NetworkInterfaces: f.enis}, nil
}

func (f *fakeDeleteAPI) DescribeSecurityGroups(_ context.Context, _ *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	return &ec2.DescribeSecurityGroupsOutput{SecurityGroups: f.referencedBy}, nil
}

// DependencyViolation (which the emulator never returns) is retried until the
// deadline, then explained by what still uses the group.
func TestDeleteSecurityGroup(t *testing.T) {
	ctx := context.Background()
	const timeout, poll = 200 * time.Millisecond, time.Millisecond
	clk := clock.NewFake(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))

	f := &fakeDeleteAPI{dependencyFailures: 3}
	if err := deleteSecurityGroup(ctx, clk, f, "sg-1", timeout, poll); err != nil || f.deletes != 4 {
		t.Fatalf("transient DependencyViolation: err %v after %d attempts, want success on the 4th", err, f.deletes)
	}

	f = &fakeDeleteAPI{enis: []ec2types.NetworkInterface{{
		NetworkInterfaceId: aws.String("eni-1"), Status: ec2types.NetworkInterfaceStatusInUse,
		Attachment:  &ec2types.NetworkInterfaceAttachment{InstanceId: aws.String("i-1")},
		Description: aws.String("primary network interface"),
	}, {
		NetworkInterfaceId: aws.String("eni-2"), InterfaceType: ec2types.NetworkInterfaceTypeLambda,
		RequesterManaged: aws.Bool(true), RequesterId: aws.String("AROAEXAMPLE"),
	}}}
	err := deleteSecurityGroup(ctx, clk, f, "sg-1", timeout, poll)
	for _, want := range []string{"sg-1 is still used by 2 network interface(s)", "eni-1 (attached to instance i-1,",
		`"primary network interface", status in-use)`, "eni-2 (type lambda, managed by AROAEXAMPLE)", "Detach or delete"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("error %v does not contain %q", err, want)
		}
	}
	if f.deletes != 0 {
		t.Errorf("DeleteSecurityGroup called %d times while interfaces use the group", f.deletes)
	}

	f = &fakeDeleteAPI{dependencyFailures: 1 << 30, referencedBy: []ec2types.SecurityGroup{
		{GroupId: aws.String("sg-9"), GroupName: aws.String("app")}}}
	err = deleteSecurityGroup(ctx, clk, f, "sg-1", timeout, poll)
	if err == nil || !strings.Contains(err.Error(), "still referenced by rules of security group(s) sg-9 (app)") {
		t.Fatalf("referenced group: %v", err)
	}

	f = &fakeDeleteAPI{deleteErr: &smithy.GenericAPIError{Code: errGroupNotFound}}
	if err := deleteSecurityGroup(ctx, clk, f, "sg-1", timeout, poll); err != nil {
		t.Fatalf("a group already gone is deleted: %v", err)
	}
	f = &fakeDeleteAPI{deleteErr: &smithy.GenericAPIError{Code: "UnauthorizedOperation"}}
	if err := deleteSecurityGroup(ctx, clk, f, "sg-1", timeout, poll); err == nil || f.deletes != 1 {
		t.Fatalf("other errors fail at once: %v after %d attempts", err, f.deletes)
	}
}
