package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailS3DataEvents requires S3 object-level events in some trail of the plan.
type AwsCloudtrailS3DataEvents struct{}

func (AwsCloudtrailS3DataEvents) Metadata() engine.Metadata {
	c := controls.CloudTrailS3WriteDataEvents
	return engine.Metadata{
		ID: "aws_cloudtrail_s3_data_events", Title: c.Title, Severity: engine.FromControl(c.Severity),
		Controls: []controls.Control{c, controls.CloudTrailS3ReadDataEvents}, ResourceTypes: []string{"aws_cloudtrail"},
		Rationale: c.Rationale,
		Remediation: "Add to aws_cloudtrail an event_selector with data_resource { type = \"AWS::S3::Object\", values = " +
			"[\"arn:aws:s3\"] } (or an advanced_event_selector on resources.type AWS::S3::Object), or set " +
			"s3_data_events = \"write\" or \"all\" on hardened_cloudtrail.",
		BadExample: "resource \"aws_cloudtrail\" \"t\" {\n  name           = \"main\"\n  s3_bucket_name = \"org-trail-logs\"\n}",
		GoodExample: "resource \"aws_cloudtrail\" \"t\" {\n  name           = \"main\"\n  s3_bucket_name = \"org-trail-logs\"\n\n" +
			"  event_selector {\n    read_write_type           = \"All\"\n    include_management_events = true\n\n" +
			"    data_resource {\n      type   = \"AWS::S3::Object\"\n      values = [\"arn:aws:s3\"]\n    }\n  }\n}",
	}
}

// recordsS3Objects reports a trail with a basic or advanced selector on S3 objects.
func recordsS3Objects(t *plan.Resource) bool {
	found := false
	t.Attr("event_selector").Each(func(_ int, sel plan.Value) {
		sel.Get("data_resource").Each(func(_ int, d plan.Value) {
			if s, _ := d.Get("type").Str(); s == "AWS::S3::Object" {
				found = true
			}
		})
	})
	t.Attr("advanced_event_selector").Each(func(_ int, sel plan.Value) {
		sel.Get("field_selector").Each(func(_ int, f plan.Value) {
			if field, _ := f.Get("field").Str(); field != "resources.type" {
				return
			}
			if vals, _ := f.Get("equals").Strings(); len(vals) > 0 {
				for _, v := range vals {
					if v == "AWS::S3::Object" {
						found = true
					}
				}
			}
		})
	})
	return found
}

// anyTrailRecordsS3Objects answers once per plan (not once per trail, which would
// be quadratic) whether some trail records S3 object events.
func anyTrailRecordsS3Objects(p *plan.Plan) bool {
	covered, _ := p.Memo("any-trail-records-s3-objects", func() any {
		for _, t := range p.OfType("aws_cloudtrail") {
			if recordsS3Objects(t) {
				return true
			}
		}
		for _, t := range p.OfType("hardened_cloudtrail") {
			if s, _ := t.Attr("s3_data_events").Str(); s == "write" || s == "all" {
				return true
			}
		}
		return false
	}).(bool)
	return covered
}

func (AwsCloudtrailS3DataEvents) Check(p *plan.Plan, _ *plan.Resource, rep *engine.Reporter) {
	if anyTrailRecordsS3Objects(p) {
		return // one trail recording S3 object events covers the account
	}
	rep.Fail("event_selector", "no trail in the plan records S3 object-level (data) events")
}

// AwsCloudtrailSNSNotification requires a delivery notification topic.
type AwsCloudtrailSNSNotification struct{}

func (AwsCloudtrailSNSNotification) Metadata() engine.Metadata {
	c := controls.CloudTrailSNSNotification
	return engine.Metadata{
		ID: "aws_cloudtrail_sns_notification", Title: c.Title, Severity: engine.FromControl(c.Severity),
		Controls: []controls.Control{c}, ResourceTypes: []string{"aws_cloudtrail"},
		Rationale: c.Rationale, Remediation: c.Remediation,
		BadExample: "resource \"aws_cloudtrail\" \"t\" {\n  name           = \"main\"\n  s3_bucket_name = \"org-trail-logs\"\n}",
		GoodExample: "resource \"aws_sns_topic\" \"trail\" {\n  name              = \"trail-deliveries\"\n  kms_master_key_id = \"alias/aws/sns\"\n}\n\n" +
			"resource \"aws_cloudtrail\" \"t\" {\n  name           = \"main\"\n  s3_bucket_name = \"org-trail-logs\"\n  sns_topic_name = aws_sns_topic.trail.name\n}",
	}
}

func (AwsCloudtrailSNSNotification) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	v := r.Attr("sns_topic_name")
	if s, ok := v.Str(); ok && s != "" {
		return
	}
	if v.Unknown() && p.AttrConfigured(r, "sns_topic_name") {
		return // a topic created in the same apply
	}
	rep.Fail("sns_topic_name", "log file deliveries notify nobody: sns_topic_name is not set")
}

// AwsCloudtrailBucketDeleteProtection requires MFA delete or Object Lock on the trail's bucket.
type AwsCloudtrailBucketDeleteProtection struct{}

func (AwsCloudtrailBucketDeleteProtection) Metadata() engine.Metadata {
	return cloudtrailBucketMeta("aws_cloudtrail_bucket_delete_protection", controls.CloudTrailBucketDeleteProtection,
		"resource \"aws_s3_bucket\" \"logs\" {\n  bucket              = \"org-trail-logs\"\n  object_lock_enabled = true\n}\n\n"+
			"resource \"aws_s3_bucket_object_lock_configuration\" \"logs\" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    default_retention {\n      mode = \"GOVERNANCE\"\n      days = 365\n    }\n  }\n}\n\n"+
			"resource \"aws_cloudtrail\" \"t\" {\n  name           = \"main\"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}")
}

// cloudtrailBucketMeta is the metadata of rules about the trail's correlated bucket
// that hardened_cloudtrail does not satisfy by construction.
func cloudtrailBucketMeta(id string, c controls.Control, good string) engine.Metadata {
	return engine.Metadata{
		ID: id, Title: c.Title, Severity: engine.FromControl(c.Severity), Controls: []controls.Control{c},
		ResourceTypes: []string{"aws_cloudtrail"}, Rationale: c.Rationale, Remediation: c.Remediation,
		BadExample: trailWithBucket, GoodExample: good,
	}
}

// deleteProtected tells whether the bucket has Object Lock or MFA delete, inline (v3) or split (v4+).
func deleteProtected(p *plan.Plan, b *plan.Resource) verdict {
	if on, ok := b.Attr("object_lock_enabled").Bool(); ok && on {
		return yes
	}
	if s, _ := b.Attr("object_lock_configuration").Index(0).Get("object_lock_enabled").Str(); s == "Enabled" {
		return yes
	}
	if on, ok := b.Attr("versioning").Index(0).Get("mfa_delete").Bool(); ok && on {
		return yes
	}
	if len(p.ReferencedBy(b, "aws_s3_bucket_object_lock_configuration", "bucket")) > 0 {
		return yes
	}
	best := no
	for _, v := range p.ReferencedBy(b, "aws_s3_bucket_versioning", "bucket") {
		m := v.Attr("versioning_configuration").Index(0).Get("mfa_delete")
		if s, ok := m.Str(); ok && s == "Enabled" {
			return yes
		}
		if m.Unknown() {
			best = unknown
		}
	}
	return best
}

func (AwsCloudtrailBucketDeleteProtection) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, b := range trailBucket(p, r) {
		switch deleteProtected(p, b) {
		case no:
			rep.Fail("s3_bucket_name", "the log bucket %s has neither Object Lock nor MFA delete: its logs can be deleted", b.Address)
		case unknown:
			rep.Unknown("s3_bucket_name", "MFA delete on the log bucket %s is computed during apply", b.Address)
		}
	}
}

// AwsCloudtrailBucketLifecycle requires a lifecycle transition on the trail's bucket.
type AwsCloudtrailBucketLifecycle struct{}

func (AwsCloudtrailBucketLifecycle) Metadata() engine.Metadata {
	return cloudtrailBucketMeta("aws_cloudtrail_bucket_lifecycle", controls.CloudTrailBucketLifecycle,
		"resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"org-trail-logs\"\n}\n\n"+
			"resource \"aws_s3_bucket_lifecycle_configuration\" \"logs\" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    id     = \"archive\"\n    status = \"Enabled\"\n    filter {}\n    transition {\n      days          = 90\n      storage_class = \"GLACIER\"\n    }\n    expiration {\n      days = 2557\n    }\n  }\n}\n\n"+
			"resource \"aws_cloudtrail\" \"t\" {\n  name           = \"main\"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}")
}

// archives tells whether a lifecycle rule list has an enabled rule with a transition.
func archives(rules plan.Value, enabledKey string) bool {
	found := false
	rules.Each(func(_ int, rule plan.Value) {
		en := rule.Get(enabledKey)
		if s, ok := en.Str(); ok && s != "Enabled" {
			return
		}
		if b, ok := en.Bool(); ok && !b {
			return
		}
		if rule.Get("transition").Len() > 0 {
			found = true
		}
	})
	return found
}

func (AwsCloudtrailBucketLifecycle) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, b := range trailBucket(p, r) {
		ok := archives(b.Attr("lifecycle_rule"), "enabled")
		unknown := false
		for _, lc := range p.ReferencedBy(b, "aws_s3_bucket_lifecycle_configuration", "bucket") {
			if archives(lc.Attr("rule"), "status") {
				ok = true
			}
			unknown = unknown || lc.Attr("rule").Unknown()
		}
		switch {
		case ok:
		case unknown:
			rep.Unknown("s3_bucket_name", "the lifecycle of the log bucket %s is computed during apply", b.Address)
		default:
			rep.Fail("s3_bucket_name", "the log bucket %s has no lifecycle rule moving logs to an archive storage class", b.Address)
		}
	}
}

// AwsS3BucketTLSOnly requires a bucket policy denying requests without TLS.
type AwsS3BucketTLSOnly struct{}

func (AwsS3BucketTLSOnly) Metadata() engine.Metadata {
	return controlMeta("aws_s3_bucket_tls_only", controls.S3TLSOnly, []string{"aws_s3_bucket"}, nil,
		"resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"org-data\"\n}",
		"resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"org-data\"\n}\n\n"+
			"resource \"aws_s3_bucket_policy\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"+
			"      Sid       = \"DenyInsecureTransport\"\n      Effect    = \"Deny\"\n      Principal = \"*\"\n      Action    = \"s3:*\"\n"+
			"      Resource  = [\"arn:aws:s3:::org-data\", \"arn:aws:s3:::org-data/*\"]\n"+
			"      Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } }\n    }]\n  })\n}")
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
		if stmts, ok := resourcePolicy(owner); ok {
			if deniesInsecureTransport(stmts) {
				return
			}
		} else if pol := owner.Attr("policy"); pol.Unknown() && p.AttrConfigured(owner, "policy") {
			anyUnknown = true
		}
	}
	if anyUnknown {
		rep.Unknown("policy", "the bucket policy is computed during apply")
		return
	}
	rep.Fail("policy", "no bucket policy denies requests made without TLS (aws:SecureTransport = false)")
}

// AwsS3BucketWebsite reports buckets configured as static websites.
type AwsS3BucketWebsite struct{}

func (AwsS3BucketWebsite) Metadata() engine.Metadata {
	return controlMeta("aws_s3_bucket_website", controls.S3NoWebsite,
		[]string{"aws_s3_bucket", "aws_s3_bucket_website_configuration"}, nil,
		"resource \"aws_s3_bucket_website_configuration\" \"site\" {\n  bucket = \"org-site\"\n  index_document {\n    suffix = \"index.html\"\n  }\n}",
		"resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"org-site\"\n}")
}

func (AwsS3BucketWebsite) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_s3_bucket_website_configuration" {
		rep.Fail("", "the bucket is served as a plain-HTTP static website")
		return
	}
	if r.Attr("website").Len() > 0 {
		rep.Fail("website", "the bucket is served as a plain-HTTP static website")
	}
}
