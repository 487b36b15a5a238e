package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsRedshiftPublic(t *testing.T) {
	const dw = "aws_redshift_cluster.dw"
	runCases(t, AwsRedshiftPublic{}, []ruleCase{
		{"a public cluster fails", []plantest.Res{{Address: dw, After: `{"publicly_accessible":true}`}},
			[]string{"fail " + dw + " publicly_accessible: the cluster is publicly accessible"}},
		{"a private cluster passes", []plantest.Res{{Address: dw, After: `{"publicly_accessible":false}`}}, nil},
		{"unset (not in the plan) passes", []plantest.Res{{Address: dw, After: `{"cluster_identifier":"dw"}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: dw, After: `{}`, Unknown: `{"publicly_accessible":true}`, Set: []string{"publicly_accessible"}}},
			[]string{"unknown " + dw + " publicly_accessible: computed during apply"}},
	})
}
