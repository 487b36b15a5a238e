package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsRDSPublic(t *testing.T) {
	const db = "aws_db_instance.db"
	runCases(t, AwsRDSPublic{}, []ruleCase{
		{"a public instance fails", []plantest.Res{{Address: db, After: `{"engine":"postgres","publicly_accessible":true}`}},
			[]string{"fail " + db + " publicly_accessible: the database is publicly accessible"}},
		{"a private instance passes", []plantest.Res{{Address: db, After: `{"engine":"postgres","publicly_accessible":false}`}}, nil},
		{"unset passes (the default is false)", []plantest.Res{{Address: db, After: `{"engine":"postgres"}`}}, nil},
		{"a public Aurora cluster instance fails", []plantest.Res{{Address: "aws_rds_cluster_instance.a[0]", After: `{"engine":"aurora-mysql","publicly_accessible":true}`}},
			[]string{"fail aws_rds_cluster_instance.a[0] publicly_accessible: publicly accessible"}},
		{"from a computed value is unknown", []plantest.Res{{Address: db, After: `{"engine":"postgres"}`, Unknown: `{"publicly_accessible":true}`, Set: []string{"publicly_accessible"}}},
			[]string{"unknown " + db + " publicly_accessible: computed during apply"}},
	})
}
