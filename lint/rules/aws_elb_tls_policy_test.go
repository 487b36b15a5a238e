package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsELBTLSPolicy(t *testing.T) {
	const lp, sp = "aws_load_balancer_policy.tls", "aws_lb_ssl_negotiation_policy.tls"
	policy := func(attrs string) []plantest.Res {
		return []plantest.Res{{Address: lp, After: `{"load_balancer_name":"web","policy_name":"tls","policy_type_name":"SSLNegotiationPolicyType","policy_attribute":[` + attrs + `]}`}}
	}
	negotiation := func(attrs string) []plantest.Res {
		return []plantest.Res{{Address: sp, After: `{"name":"tls","load_balancer":"web","lb_port":443,"attribute":[` + attrs + `]}`}}
	}
	attr := func(name, value string) string { return `{"name":"` + name + `","value":"` + value + `"}` }
	runCases(t, AwsELBTLSPolicy{}, []ruleCase{
		{"the TLS 1.2 predefined policy passes", policy(attr("Reference-Security-Policy", "ELBSecurityPolicy-TLS-1-2-2017-01")), nil},
		{"ELBSecurityPolicy-2016-08 fails", policy(attr("Reference-Security-Policy", "ELBSecurityPolicy-2016-08")),
			[]string{"fail " + lp + " policy_attribute[0]: Reference-Security-Policy ELBSecurityPolicy-2016-08 accepts TLS versions below 1.2"}},
		{"the TLS 1.1 predefined policy fails", policy(attr("Reference-Security-Policy", "ELBSecurityPolicy-TLS-1-1-2017-01")),
			[]string{"fail " + lp + " policy_attribute[0]: Reference-Security-Policy ELBSecurityPolicy-TLS-1-1-2017-01 accepts TLS versions below 1.2"}},
		{"a sample policy fails", policy(attr("Reference-Security-Policy", "ELBSample-OpenSSLDefaultCipherPolicy")),
			[]string{"fail " + lp + " policy_attribute[0]: Reference-Security-Policy ELBSample-OpenSSLDefaultCipherPolicy"}},
		{"SSLv3 and TLS 1.0 enabled fail", policy(attr("Protocol-SSLv3", "true") + "," + attr("Protocol-TLSv1", "true") + "," + attr("Protocol-TLSv1.2", "true")),
			[]string{"fail " + lp + " policy_attribute[0]: the policy enables Protocol-SSLv3, Protocol-TLSv1: only Protocol-TLSv1.2 may be true"}},
		{"TLS 1.1 enabled fails", policy(attr("Protocol-TLSv1.1", "true") + "," + attr("Protocol-TLSv1.2", "true")),
			[]string{"fail " + lp + " policy_attribute[0]: the policy enables Protocol-TLSv1.1"}},
		{"weak ciphers fail", policy(attr("Protocol-TLSv1.2", "true") + "," + attr("ECDHE-RSA-AES128-GCM-SHA256", "true") + "," + attr("RC4-SHA", "true") + "," + attr("DES-CBC3-SHA", "true")),
			[]string{"fail " + lp + " policy_attribute[2]: the policy enables 2 weak ciphers: RC4-SHA, DES-CBC3-SHA"}},
		{"protocols and ciphers fail apart", policy(attr("Protocol-TLSv1", "true") + "," + attr("EXP-RC4-MD5", "true")),
			[]string{
				"fail " + lp + " policy_attribute[0]: the policy enables Protocol-TLSv1",
				"fail " + lp + " policy_attribute[1]: the policy enables the weak cipher EXP-RC4-MD5",
			}},
		{"weak protocols and ciphers set to false pass", policy(attr("Protocol-SSLv3", "false") + "," + attr("Protocol-TLSv1", "false") + "," + attr("Protocol-TLSv1.1", "false") + "," +
			attr("Protocol-TLSv1.2", "true") + "," + attr("RC4-SHA", "false") + "," + attr("ECDHE-ECDSA-AES256-GCM-SHA384", "true") + "," + attr("Server-Defined-Cipher-Order", "true")), nil},
		{"strong CBC ciphers pass", policy(attr("Protocol-TLSv1.2", "true") + "," + attr("ECDHE-RSA-AES128-SHA256", "true") + "," + attr("AES256-SHA256", "true")), nil},
		{"a policy of another type is not judged", []plantest.Res{{Address: lp,
			After: `{"policy_type_name":"BackendServerAuthenticationPolicyType","policy_attribute":[{"name":"PublicKeyPolicyName","value":"Protocol-TLSv1"}]}`}}, nil},
		{"a policy setting nothing is not judged", policy(""), nil},
		{"a predefined policy computed during apply is unknown", []plantest.Res{{Address: lp,
			After:      `{"policy_type_name":"SSLNegotiationPolicyType","policy_attribute":[{"name":"Reference-Security-Policy"}]}`,
			Unknown:    `{"policy_attribute":[{"value":true}]}`,
			NestedRefs: map[string][]string{"policy_attribute.value": {"var.tls_policy"}}}},
			[]string{"unknown " + lp + " policy_attribute[0]: the value of Reference-Security-Policy is computed during apply"}},
		{"aws_lb_ssl_negotiation_policy enabling TLS 1.0 fails", negotiation(attr("Protocol-TLSv1", "true") + "," + attr("Protocol-TLSv1.2", "true")),
			[]string{"fail " + sp + " attribute[0]: the policy enables Protocol-TLSv1"}},
		{"aws_lb_ssl_negotiation_policy with an old predefined policy fails", negotiation(attr("Reference-Security-Policy", "ELBSecurityPolicy-2015-05")),
			[]string{"fail " + sp + " attribute[0]: Reference-Security-Policy ELBSecurityPolicy-2015-05"}},
		{"aws_lb_ssl_negotiation_policy with TLS 1.2 only passes", negotiation(attr("Protocol-TLSv1", "false") + "," + attr("Protocol-TLSv1.1", "false") + "," + attr("Protocol-TLSv1.2", "true") + "," + attr("ECDHE-RSA-AES256-GCM-SHA384", "true")), nil},
	})
}
