package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsLBTLSPolicy(t *testing.T) {
	const l = "aws_lb_listener.https"
	listener := func(after string) []plantest.Res {
		return []plantest.Res{{Address: l, After: after, Unknown: `{"load_balancer_arn":true}`}}
	}
	runCases(t, AwsLBTLSPolicy{}, []ruleCase{
		{"a TLS 1.3/1.2 policy passes", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-2-2021-06"}`), nil},
		{"a TLS 1.2 policy passes", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS-1-2-Ext-2018-06"}`), nil},
		{"a forward-secrecy TLS 1.2 policy passes", listener(`{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-FS-1-2-Res-2020-10"}`), nil},
		{"the 2016-08 policy fails", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-2016-08"}`),
			[]string{"fail " + l + " ssl_policy: ssl_policy ELBSecurityPolicy-2016-08 accepts TLS versions below 1.2"}},
		{"a TLS 1.0 policy on a TLS listener fails", listener(`{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-TLS-1-0-2015-04"}`),
			[]string{"fail " + l + " ssl_policy: ssl_policy ELBSecurityPolicy-TLS-1-0-2015-04 accepts TLS versions below 1.2"}},
		{"a forward-secrecy TLS 1.1 policy fails", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-FS-1-1-2019-08"}`),
			[]string{"fail " + l + " ssl_policy: accepts TLS versions below 1.2"}},
		{"a TLS 1.3-only policy passes", listener(`{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-TLS13-1-3-2021-06"}`), nil},
		{"a FIPS TLS 1.3/1.2 policy passes", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"}`), nil},
		{"a TLS 1.3 policy with a TLS 1.0 minimum fails", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-0-2021-06"}`),
			[]string{"fail " + l + " ssl_policy: ssl_policy ELBSecurityPolicy-TLS13-1-0-2021-06 accepts TLS versions below 1.2"}},
		{"a TLS 1.3 policy with a TLS 1.1 minimum fails", listener(`{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-TLS13-1-1-2021-06"}`),
			[]string{"fail " + l + " ssl_policy: ssl_policy ELBSecurityPolicy-TLS13-1-1-2021-06 accepts TLS versions below 1.2"}},
		{"unset (shown as known after apply) fails: the default is ELBSecurityPolicy-2016-08", []plantest.Res{{Address: l,
			After: `{"protocol":"HTTPS","certificate_arn":"arn:aws:acm:us-east-1:123456789012:certificate/x"}`, Unknown: `{"load_balancer_arn":true,"ssl_policy":true}`}},
			[]string{"fail " + l + " ssl_policy: ssl_policy is not set: AWS applies ELBSecurityPolicy-2016-08, which accepts TLS versions below 1.2"}},
		{"from a computed value is unknown", []plantest.Res{{Address: l, After: `{"protocol":"TLS"}`,
			Unknown: `{"load_balancer_arn":true,"ssl_policy":true}`, Set: []string{"ssl_policy"}}},
			[]string{"unknown " + l + " ssl_policy: ssl_policy is computed during apply"}},
		{"an HTTP listener is not judged", listener(`{"protocol":"HTTP"}`), nil},
		{"a TCP listener is not judged", listener(`{"protocol":"TCP","ssl_policy":"ELBSecurityPolicy-2016-08"}`), nil},
	})
}
