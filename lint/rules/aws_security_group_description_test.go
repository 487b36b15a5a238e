package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityGroupDescription(t *testing.T) {
	const g = "aws_security_group.g"
	runCases(t, AwsSecurityGroupDescription{}, []ruleCase{
		{"described group and rules pass", []plantest.Res{{Address: g, After: `{"description":"web","ingress":[{"description":"https"}],"egress":[{"description":"out"}]}`}}, nil},
		{"the provider's default description and an undescribed rule fail", []plantest.Res{{Address: g,
			After: `{"description":"Managed by Terraform","ingress":[{"description":"https"},{"description":""}],"egress":[{"description":null}]}`}},
			[]string{
				"fail " + g + " description: no description of its own",
				"fail " + g + " egress[0].description: egress[0] has no description",
				"fail " + g + " ingress[1].description: ingress[1] has no description",
			}},
		{"a description computed during apply passes", []plantest.Res{{Address: g, After: `{}`, Unknown: `{"description":true}`}}, nil},
		{"a rule resource without description fails", []plantest.Res{{Address: "aws_security_group_rule.r", After: `{"type":"ingress"}`}},
			[]string{"fail aws_security_group_rule.r description: the rule has no description"}},
	})
}
