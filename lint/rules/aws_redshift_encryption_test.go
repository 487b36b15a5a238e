package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsRedshiftEncryption(t *testing.T) {
	const dw = "aws_redshift_cluster.dw"
	runCases(t, AwsRedshiftEncryption{}, []ruleCase{
		{`"true" (as provider v6 writes it) passes`, []plantest.Res{{Address: dw, After: `{"encrypted":"true"}`}}, nil},
		{"true passes", []plantest.Res{{Address: dw, After: `{"encrypted":true}`}}, nil},
		{`"false" fails`, []plantest.Res{{Address: dw, After: `{"encrypted":"false"}`}},
			[]string{"fail " + dw + " encrypted: the cluster is not encrypted"}},
		{"unset fails (the default is false)", []plantest.Res{{Address: dw, After: `{"cluster_identifier":"dw"}`}},
			[]string{"fail " + dw + " encrypted: the cluster is not encrypted (not set, and the default is false)"}},
		{"from a computed value is unknown", []plantest.Res{{Address: dw, After: `{}`, Unknown: `{"encrypted":true}`, Set: []string{"encrypted"}}},
			[]string{"unknown " + dw + " encrypted: encrypted is computed during apply"}},
	})
}
