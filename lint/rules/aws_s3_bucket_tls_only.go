package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketTLSOnly requires a bucket policy denying requests without TLS.
type AwsS3BucketTLSOnly struct{}

func (AwsS3BucketTLSOnly) Metadata() engine.Metadata {
	c := controls.S3TLSOnly
	return engine.Metadata{
		ID:            "aws_s3_bucket_tls_only",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_s3_bucket"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

// deniesInsecureTransport reports a policy with a Deny statement on aws:SecureTransport = false.
func deniesInsecureTransport(stmts []policyStatement) bool {
	for _, s := range stmts {
		if s.Effect != "Deny" {
			continue
		}
		found := false
		s.Condition.Members(func(op string, kv plan.Value) bool {
			if !strings.EqualFold(strings.TrimSuffix(op, "IfExists"), "Bool") {
				return true
			}
			kv.Members(func(k string, v plan.Value) bool {
				if strings.EqualFold(k, "aws:SecureTransport") {
					found = eachString(v, func(s string) bool { return strings.EqualFold(s, "false") }) ||
						isFalse(v) || (v.Len() == 1 && isFalse(v.Index(0)))
				}
				return !found
			})
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// isFalse reports a JSON false (or the string "false").
func isFalse(v plan.Value) bool {
	b, ok := v.Bool()
	return ok && !b
}

func (AwsS3BucketTLSOnly) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if receivesAccessLogs(p, r) {
		// A server access log bucket is written by the S3 logging service, not by
		// clients; as in aws_s3_bucket_access_logging, it is not judged here.
		return
	}
	anyUnknown := false
	for _, owner := range append([]*plan.Resource{r}, p.ReferencedBy(r, "aws_s3_bucket_policy", "bucket")...) {
		if denies, ok := policyDeniesInsecureTransport(p, owner); ok {
			if denies {
				return
			}
		} else if read(p, owner, "policy").State == Computed {
			anyUnknown = true
		}
	}
	if anyUnknown {
		rep.Unknown("policy", "the bucket policy is computed during apply")
		return
	}
	rep.Fail("policy", "no bucket policy denies requests made without TLS (aws:SecureTransport = false)")
}
