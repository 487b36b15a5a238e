package rules

import (
	"encoding/json"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const s3b = "aws_s3_bucket.data"

// dataBucket is a bucket as provider v4+ plans it: no inline settings, the
// deprecated inline attributes shown as known after apply.
func dataBucket() plantest.Res {
	return plantest.Res{Address: s3b, After: `{"bucket":"data"}`,
		Unknown: `{"id":true,"arn":true,"acl":true,"grant":true,"policy":true,"versioning":true,"logging":true}`}
}

// v3Bucket is a provider v3 bucket with its settings inline.
func v3Bucket(after string) plantest.Res {
	return plantest.Res{Address: s3b, After: after}
}

// onData is a split resource (provider v4+) whose bucket refers to the data bucket.
func onData(addr, after string) plantest.Res {
	return plantest.Res{Address: addr, After: after, Unknown: `{"bucket":true}`,
		Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}
}

// withPolicy renders an after object holding the policy document as a string.
func withPolicy(t *testing.T, doc string) string {
	t.Helper()
	b, err := json.Marshal(map[string]string{"policy": doc})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// v3LogTarget is a provider v3 bucket logging, through its inline block and a
// reference, into a log bucket that does not log itself.
func v3LogTarget() []plantest.Res {
	return []plantest.Res{
		{Address: "aws_s3_bucket.logs", After: `{"bucket":"access-logs","logging":[]}`, Unknown: `{"id":true}`},
		{Address: "aws_s3_bucket.app", After: `{"bucket":"app","logging":[{"target_prefix":"app/"}]}`,
			Unknown:    `{"logging":[{"target_bucket":true}]}`,
			NestedRefs: map[string][]string{"logging.target_bucket": {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}},
	}
}
