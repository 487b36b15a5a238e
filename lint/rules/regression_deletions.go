package rules

import (
	"sort"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// The controls a plan can take away by a deletion, for aws_security_control_deleted:
// which resource types carry a security control, what deleting one loses, and
// which types carry the same control when the plan puts one in its place.

// controlResource is a resource type that carries a security control.
type controlResource struct {
	// what names the control in a sentence: "the account's IAM password policy".
	what    string
	control controls.Control
	// replacements are the types that carry the same control when the plan creates
	// or imports one in place of a deleted instance (the type itself, its hardened_* counterpart).
	replacements []replacer
	// scope is the attribute of the deleted instance that ties the control to what
	// it protects (a flow log's vpc_id, a public access block's bucket): a
	// replacement must protect the same thing. "" for account-wide controls.
	scope string
	// carried, when set, tells which controls a deleted instance carries, for types
	// where only some instances carry one (a metric filter with a CIS pattern) or
	// an instance carries several (hardened_cis_monitoring): none, and its deletion
	// is not a regression. control then only names the kind in the rule's metadata.
	carried func(p *plan.Plan, deleted *plan.Resource) []controls.Control
	// all lists every control carried can return, for the rule's metadata.
	all []controls.Control
}

// replacer is a type that can carry a deleted instance's control.
type replacer struct {
	typ string
	// scope is the replacement's attribute that must name what the deleted
	// instance's scope did: "" for the same attribute name.
	scope string
	// inSet: scope is a set attribute (hardened_flow_logs' vpc_ids) that must
	// contain the deleted instance's value.
	inSet bool
}

// same lists replacement types whose scope attribute has the deleted one's name.
func same(types ...string) []replacer {
	out := make([]replacer, 0, len(types))
	for _, t := range types {
		out = append(out, replacer{typ: t})
	}
	return out
}

// retainedNote is added to the deletion of a hardened_* resource whose prior
// state has retain_on_destroy = true: destroy leaves the setting in AWS, but
// nothing enforces it or repairs its drift any more, which is still a regression.
const retainedNote = " (retain_on_destroy is true: destroy leaves the setting in AWS, but nothing enforces it or " +
	"repairs its drift any more)"

var controlResources = map[string]controlResource{
	"aws_iam_account_password_policy": {what: "the account's IAM password policy", control: controls.PasswordPolicyExists,
		replacements: same("aws_iam_account_password_policy", "hardened_password_policy")},
	"hardened_password_policy": {what: "the account's IAM password policy (hardened)", control: controls.PasswordPolicyExists,
		replacements: same("hardened_password_policy")},
	"aws_cloudtrail": {what: "a CloudTrail trail", control: controls.CloudTrailMultiRegion,
		replacements: same("aws_cloudtrail", "hardened_cloudtrail")},
	"hardened_cloudtrail": {what: "a CloudTrail trail (hardened)", control: controls.CloudTrailMultiRegion,
		replacements: same("hardened_cloudtrail")},
	"aws_guardduty_detector": {what: "the GuardDuty detector", control: controls.GuardDutyEnabled,
		replacements: same("aws_guardduty_detector", "hardened_guardduty")},
	"hardened_guardduty": {what: "the GuardDuty detectors of every governed region (hardened)",
		control: controls.GuardDutyEnabled, replacements: same("hardened_guardduty")},
	"aws_config_configuration_recorder": {what: "the AWS Config recorder", control: controls.ConfigRecorderAll,
		replacements: same("aws_config_configuration_recorder", "hardened_config_recorder")},
	"aws_config_configuration_recorder_status": {what: "the AWS Config recorder's status (recording on)",
		control:      controls.ConfigRecorderAll,
		replacements: same("aws_config_configuration_recorder_status", "hardened_config_recorder")},
	"hardened_config_recorder": {what: "the AWS Config recorders of every governed region (hardened)",
		control: controls.ConfigRecorderAll, replacements: same("hardened_config_recorder")},
	"aws_flow_log": {what: "a VPC flow log", control: controls.VPCFlowLogs, scope: "vpc_id",
		replacements: []replacer{{typ: "aws_flow_log"}, {typ: "hardened_flow_logs", scope: "vpc_ids", inSet: true}}},
	"hardened_flow_logs": {what: "VPC flow logs (hardened)", control: controls.VPCFlowLogs, scope: "vpc_ids",
		replacements: []replacer{{typ: "hardened_flow_logs", inSet: true}}},
	"aws_s3_bucket_public_access_block": {what: "a bucket's S3 Block Public Access", control: controls.S3BlockPublicAccess,
		scope: "bucket", replacements: same("aws_s3_bucket_public_access_block", "hardened_s3_bucket")},
	"hardened_s3_bucket": {what: "a hardened S3 bucket (the bucket with its objects and every version of them, " +
		"its Block Public Access, TLS-only policy, encryption, versioning and access logging)",
		control: controls.S3BlockPublicAccess, scope: "bucket", replacements: same("hardened_s3_bucket")},
	"aws_s3_account_public_access_block": {what: "the account's S3 Block Public Access",
		control:      controls.AccountPublicAccessBlock,
		replacements: same("aws_s3_account_public_access_block", "hardened_s3_account_public_access_block")},
	"hardened_s3_account_public_access_block": {what: "the account's S3 Block Public Access (hardened)",
		control: controls.AccountPublicAccessBlock, replacements: same("hardened_s3_account_public_access_block")},
	// A key's deletion is irreversible once its window ends: no replacement counts.
	"aws_kms_key": {what: "a KMS key (deleting it schedules the key's deletion, and what it encrypts becomes unreadable)",
		control: controls.KMSKeyRotation},
	"hardened_kms_key": {what: "a KMS key (hardened; deleting it schedules the key's deletion after its " +
		"deletion_window_days, after which everything it encrypted is unreadable and no new key can decrypt it)",
		control: controls.KMSKeyDeletionProtected},
	"aws_default_security_group": {what: "the managed default security group (its rules are no longer enforced)",
		control: controls.DefaultSecurityGroupNoRules, scope: "vpc_id",
		replacements: same("aws_default_security_group", "hardened_default_security_group")},
	"hardened_default_security_group": {what: "the managed default security group (hardened)",
		control: controls.DefaultSecurityGroupNoRules, scope: "vpc_id", replacements: same("hardened_default_security_group")},
	"hardened_security_group": {what: "a hardened security group", control: controls.NoWorldIngressAdminPortsIPv4},
	"aws_ebs_encryption_by_default": {what: "EBS encryption by default", control: controls.EBSEncryptionByDefault,
		replacements: same("aws_ebs_encryption_by_default", "hardened_ebs_encryption_by_default")},
	"hardened_ebs_encryption_by_default": {what: "EBS encryption by default in every governed region (hardened)",
		control: controls.EBSEncryptionByDefault, replacements: same("hardened_ebs_encryption_by_default")},
	"aws_securityhub_account": {what: "Security Hub", control: controls.SecurityHubEnabled,
		replacements: same("aws_securityhub_account")},
	// CIS 4.x: a filter with an item's pattern and the alarm on its metric are the
	// control; other filters and alarms are not.
	"aws_cloudwatch_log_metric_filter": {what: "a CIS monitoring metric filter (its alarm no longer sees the events)",
		control: controls.CISMonitorUnauthorizedAPICalls, carried: cisFilterControls, all: cisControls(),
		replacements: same("aws_cloudwatch_log_metric_filter", "hardened_cis_monitoring")},
	"aws_cloudwatch_metric_alarm": {what: "a CIS monitoring alarm (its metric filter's events no longer notify anyone)",
		control: controls.CISMonitorUnauthorizedAPICalls, carried: cisAlarmControls, all: cisControls(),
		replacements: same("aws_cloudwatch_metric_alarm", "hardened_cis_monitoring")},
	"hardened_cis_monitoring": {what: "the CIS monitoring filters and alarms (hardened)",
		control: controls.CISMonitorUnauthorizedAPICalls, carried: cisMonitoringControls, all: cisControls(),
		replacements: same("hardened_cis_monitoring")},
}

// lost lists the controls a deleted instance of cr's type carries.
func (cr controlResource) lost(p *plan.Plan, r *plan.Resource) []controls.Control {
	if cr.carried != nil {
		return cr.carried(p, r)
	}
	return []controls.Control{cr.control}
}

func cisControls() []controls.Control {
	out := make([]controls.Control, 0, len(controls.MonitoringItems))
	for _, it := range controls.MonitoringItems {
		out = append(out, it.Control)
	}
	return out
}

// cisItemOf is the CIS item whose pattern a filter's is, verbatim or reformatted
// (a lookalike naming some of the events is a defect of its own, not the control).
func cisItemOf(pattern string) (controls.MonitoringItem, bool) {
	if it, ok := controls.MonitoringItemByPattern(pattern); ok {
		return it, true
	}
	for _, it := range controls.MonitoringItems {
		if squeeze(it.Pattern) == squeeze(pattern) {
			return it, true
		}
	}
	return controls.MonitoringItem{}, false
}

// stateOf is a resource's value of attr: its prior state when the plan deletes
// it, its planned one otherwise (so that carried judges a deleted instance and
// its replacement alike).
func stateOf(r *plan.Resource, attr string) plan.Value {
	if r.Deleted() {
		return r.Before(attr)
	}
	return r.Attr(attr)
}

func cisFilterControls(_ *plan.Plan, r *plan.Resource) []controls.Control {
	pattern, _ := stateOf(r, "pattern").Str()
	if it, ok := cisItemOf(pattern); ok {
		return []controls.Control{it.Control}
	}
	return nil
}

// cisAlarmControls: an alarm carries a CIS item when a filter of the plan, kept
// or deleted, has the item's pattern and publishes the metric the alarm watches.
func cisAlarmControls(p *plan.Plan, r *plan.Resource) []controls.Control {
	name, _ := stateOf(r, "metric_name").Str()
	ns, _ := stateOf(r, "namespace").Str()
	if name == "" {
		return nil
	}
	filters := p.OfType("aws_cloudwatch_log_metric_filter")
	for _, d := range p.Deleted { // deleted instances are not among OfType's
		if d.Type == "aws_cloudwatch_log_metric_filter" {
			filters = append(filters[:len(filters):len(filters)], d)
		}
	}
	for _, f := range filters {
		pattern, _ := stateOf(f, "pattern").Str()
		it, ok := cisItemOf(pattern)
		if !ok {
			continue
		}
		found := false
		stateOf(f, "metric_transformation").Each(func(_ int, mt plan.Value) {
			n, _ := mt.Get("name").Str()
			s, _ := mt.Get("namespace").Str()
			found = found || (n == name && s == ns)
		})
		if found {
			return []controls.Control{it.Control}
		}
	}
	return nil
}

// cisMonitoringControls: every CIS item but those disabled_items leaves out.
func cisMonitoringControls(_ *plan.Plan, r *plan.Resource) []controls.Control {
	disabled := map[string]bool{}
	stateOf(r, "disabled_items").Members(func(key string, _ plan.Value) bool {
		disabled[strings.Clone(key)] = true
		return true
	})
	var out []controls.Control
	for _, it := range controls.MonitoringItems {
		if !disabled[it.Key] {
			out = append(out, it.Control)
		}
	}
	return out
}

// coversCIS tells why a hardened_cis_monitoring c does not watch every one of
// the lost CIS controls ("" when it does): a deleted filter's log group is not
// the one it watches, one of them is in its disabled_items, or either is unknown
// until apply.
func coversCIS(deleted, c *plan.Resource, lost []controls.Control) string {
	prior := deleted.Before("log_group_name")
	if group, ok := prior.Str(); ok && group != "" {
		arn := c.Attr("log_group_arn")
		if arn.Unknown() {
			return "its log_group_arn is unknown until apply"
		}
		if s, _ := arn.Str(); logGroupNameOfARN(s) != group {
			if prior.Sensitive() {
				group = "the deleted filter's (sensitive value)"
			}
			return "it watches another log group than " + group
		}
	}
	items := c.Attr("disabled_items")
	if items.Unknown() {
		return "its disabled_items is unknown until apply"
	}
	disabled := map[string]bool{}
	items.Members(func(key string, _ plan.Value) bool {
		disabled[strings.Clone(key)] = true
		return true
	})
	for _, l := range lost {
		for _, it := range controls.MonitoringItems {
			if it.Control.ID == l.ID && disabled[it.Key] {
				return "its disabled_items leaves out " + it.Key
			}
		}
	}
	return ""
}

// logGroupNameOfARN is the name in arn:aws:logs:REGION:ACCOUNT:log-group:NAME
// (with or without a trailing ":*"), or "".
func logGroupNameOfARN(arn string) string {
	_, name, ok := strings.Cut(arn, ":log-group:")
	if !ok {
		return ""
	}
	return strings.TrimSuffix(name, ":*")
}

// RegressionControl is what aws_security_control_deleted knows of a resource type:
// the controls deleting an instance can lose (catalog IDs, sorted) and the types
// that carry them when the plan puts one in its place.
type RegressionControl struct {
	Controls     []string
	Replacements []string
}

// RegressionControls maps each resource type whose deletion aws_security_control_deleted
// reports to what it knows of it, for the catalog agreement test.
func RegressionControls() map[string]RegressionControl {
	out := make(map[string]RegressionControl, len(controlResources))
	for t, cr := range controlResources {
		var rc RegressionControl
		cs := cr.all
		if cr.carried == nil {
			cs = []controls.Control{cr.control}
		}
		for _, c := range cs {
			rc.Controls = append(rc.Controls, c.ID)
		}
		sort.Strings(rc.Controls)
		for _, r := range cr.replacements {
			rc.Replacements = append(rc.Replacements, r.typ)
		}
		out[t] = rc
	}
	return out
}

// isHardened reports a type of the hardened provider.
func isHardened(typ string) bool { return strings.HasPrefix(typ, "hardened_") }
