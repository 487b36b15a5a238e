package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsDefaultSecurityGroupRules(t *testing.T) {
	const d = "aws_default_security_group.d"
	runCases(t, AwsDefaultSecurityGroupRules{}, []ruleCase{
		{"explicitly empty passes", []plantest.Res{{Address: d, After: `{"ingress":[],"egress":[]}`, Set: []string{"ingress", "egress"}}}, nil},
		// No blocks: the provider strips every rule, and the plan shows them as unknown.
		{"no blocks passes", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"ingress":true,"egress":true}`}}, nil},
		{"inline rules fail", []plantest.Res{{Address: d, After: `{"ingress":[` + inline("-1", 0, 0, "") + `],"egress":[` + inline("-1", 0, 0, `"0.0.0.0/0"`) + `]}`}},
			[]string{
				"fail " + d + " egress: has 1 egress rule(s)",
				"fail " + d + " ingress: has 1 ingress rule(s)",
			}},
		{"standalone rule on the default group fails", []plantest.Res{
			{Address: d, After: `{"ingress":[],"egress":[]}`},
			{Address: "aws_security_group_rule.r", After: `{"type":"ingress"}`, Unknown: `{"security_group_id":true}`,
				Refs: map[string][]string{"security_group_id": {"aws_default_security_group.d.id", "aws_default_security_group.d"}}},
		}, []string{"fail " + d + ": aws_security_group_rule.r adds a rule to the default security group"}},
	})
}
