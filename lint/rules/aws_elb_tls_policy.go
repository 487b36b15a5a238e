package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsELBTLSPolicy flags classic load balancer SSL negotiation policies
// (aws_load_balancer_policy of type SSLNegotiationPolicyType, and
// aws_lb_ssl_negotiation_policy) that enable SSL 2/3, TLS 1.0 or 1.1 or a weak
// cipher, or reference a predefined policy older than
// ELBSecurityPolicy-TLS-1-2-2017-01. A policy that sets none of these is left to
// AWS's defaults and not judged.
type AwsELBTLSPolicy struct{}

func (AwsELBTLSPolicy) Metadata() engine.Metadata {
	c := controls.ClassicLoadBalancerTLSPolicy
	return engine.Metadata{
		ID:       "aws_elb_tls_policy",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		// checkov judges the protocols and the predefined policy, not the ciphers.
		Parts: []engine.Part{
			{ID: "protocols", Aliases: []string{"CKV_AWS_213"}},
			{ID: "reference_policy", Aliases: []string{"CKV_AWS_213"}},
		},
		ResourceTypes: []string{"aws_load_balancer_policy", "aws_lb_ssl_negotiation_policy"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

// weakProtocols are the protocol attributes of an SSL negotiation policy that
// must not be "true".
var weakProtocols = []string{"Protocol-SSLv2", "Protocol-SSLv3", "Protocol-TLSv1", "Protocol-TLSv1.1"}

// weakCipherMarks mark the cipher attributes (OpenSSL names) whose encryption or
// authentication is broken: RC4, single and triple DES, IDEA (64-bit blocks),
// export grade, NULL encryption, MD5 MACs and anonymous key exchange.
var weakCipherMarks = []string{"RC4", "DES", "IDEA", "EXP", "NULL", "MD5", "ADH", "AECDH"}

func (AwsELBTLSPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	block := "attribute"
	if r.Type == "aws_load_balancer_policy" {
		if t, _ := r.Attr("policy_type_name").Str(); t != "SSLNegotiationPolicyType" {
			return
		}
		block = "policy_attribute"
	}
	attrs := r.Attr(block)
	if attrs.Unknown() {
		if p.AttrConfigured(r, block) {
			rep.Unknown(block, "the policy's attributes are computed during apply")
		}
		return
	}
	var protocols, ciphers []string
	// Findings point at the first attribute block of their kind.
	protocolAt, cipherAt, computedAt := "", "", ""
	computed := ""
	attrs.Each(func(i int, a plan.Value) {
		at := block + "[" + strconv.Itoa(i) + "]"
		name, _ := a.Get("name").Str()
		v := readIn(p, r, block, a, "value")
		value, known := v.Str()
		if !known {
			if v.State == Computed && computed == "" && (name == "Reference-Security-Policy" || weakAttribute(name)) {
				computed, computedAt = name, at
			}
			return
		}
		switch {
		case name == "Reference-Security-Policy":
			if !tls12Policy(value) {
				rep.FailPart("reference_policy", at, "Reference-Security-Policy %s accepts TLS versions below 1.2: use ELBSecurityPolicy-TLS-1-2-2017-01", value)
			}
		case !strings.EqualFold(value, "true"):
		case slices.Contains(weakProtocols, name):
			protocols = append(protocols, name)
			protocolAt = cmp.Or(protocolAt, at)
		case weakCipher(name):
			ciphers = append(ciphers, name)
			cipherAt = cmp.Or(cipherAt, at)
		}
	})
	if len(protocols) > 0 {
		rep.FailPart("protocols", protocolAt, "the policy enables %s: only Protocol-TLSv1.2 may be true", strings.Join(protocols, ", "))
	}
	if len(ciphers) > 0 {
		rep.Fail(cipherAt, "the policy enables %s", weakCipherList(ciphers))
	}
	if computed != "" && len(protocols)+len(ciphers) == 0 {
		rep.Unknown(computedAt, "the value of %s is computed during apply", computed)
	}
}

// tls12Policy reports a predefined security policy whose minimum is TLS 1.2.
func tls12Policy(name string) bool {
	for _, minimum := range []string{"TLS-1-2", "TLS13-1-2", "TLS13-1-3", "FS-1-2"} {
		if strings.Contains(name, minimum) {
			return true
		}
	}
	return false
}

func weakAttribute(name string) bool { return slices.Contains(weakProtocols, name) || weakCipher(name) }

// weakCipher reports a cipher attribute carrying one of weakCipherMarks.
func weakCipher(name string) bool {
	if strings.HasPrefix(name, "Protocol-") || strings.Contains(name, "Server-Defined") {
		return false
	}
	upper := strings.ToUpper(name)
	for _, m := range weakCipherMarks {
		if strings.Contains(upper, m) {
			return true
		}
	}
	return false
}

func weakCipherList(ciphers []string) string {
	if len(ciphers) == 1 {
		return "the weak cipher " + ciphers[0]
	}
	return fmt.Sprintf("%d weak ciphers: %s", len(ciphers), strings.Join(ciphers, ", "))
}
