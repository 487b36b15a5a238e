package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsRDSEncryption(t *testing.T) {
	const db, c = "aws_db_instance.db", "aws_rds_cluster.aurora"
	runCases(t, AwsRDSEncryption{}, []ruleCase{
		{"encrypted storage passes", []plantest.Res{{Address: db, After: `{"engine":"postgres","storage_encrypted":true}`}}, nil},
		{"unencrypted storage fails", []plantest.Res{{Address: db, After: `{"engine":"postgres","storage_encrypted":false}`}},
			[]string{"fail " + db + " storage_encrypted: the database storage is not encrypted"}},
		{"unset fails (the default is false)", []plantest.Res{{Address: db, After: `{"engine":"postgres"}`}},
			[]string{"fail " + db + " storage_encrypted: the database storage is not encrypted (not set, and the default is false)"}},
		{"an Aurora cluster left unset (shown as known after apply) fails", []plantest.Res{{Address: c, After: `{"engine":"aurora-postgresql"}`, Unknown: `{"storage_encrypted":true}`}},
			[]string{"fail " + c + " storage_encrypted: not set, and the default is false"}},
		{"from a computed value is unknown", []plantest.Res{{Address: c, After: `{"engine":"aurora-postgresql"}`, Unknown: `{"storage_encrypted":true}`, Set: []string{"storage_encrypted"}}},
			[]string{"unknown " + c + " storage_encrypted: storage_encrypted is computed during apply"}},
		{"an unencrypted DocumentDB cluster fails", []plantest.Res{{Address: "aws_docdb_cluster.docs", After: `{"storage_encrypted":false}`}},
			[]string{"fail aws_docdb_cluster.docs storage_encrypted: not encrypted"}},
		{"an encrypted Neptune cluster passes", []plantest.Res{{Address: "aws_neptune_cluster.graph", After: `{"storage_encrypted":true}`}}, nil},
	})
}
