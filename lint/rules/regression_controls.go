package rules

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// The controls a plan can take away by an update, for aws_security_control_weakened:
// which attribute changes turn a secure prior state into an insecure planned one.
// What a deletion takes away is in regression_deletions.go.

// weakening is one way an update turns a secure prior state insecure.
type weakening struct {
	attr    string
	control controls.Control
	kind    weakenKind
	// limit is the secure bound of a number: the least (weakerBelow) or the most
	// (weakerAbove, where 0 or unset also means no bound).
	limit int64
}

type weakenKind int

const (
	// weakerFalse: true before, false (or unset, defaulting to false) after.
	weakerFalse weakenKind = iota
	// weakerBelow: a number at or above limit before, below it after.
	weakerBelow
	// weakerAbove: a number in 1..limit before, above it (or 0, unset) after.
	weakerAbove
	// weakerRemoved: set before (encryption with a key), unset or empty after.
	weakerRemoved
	// weakerWorldIngress: no ingress rule from the internet before, one after.
	weakerWorldIngress
)

var pabWeakenings = []weakening{
	{attr: "block_public_acls", control: controls.S3BlockPublicAccess},
	{attr: "block_public_policy", control: controls.S3BlockPublicAccess},
	{attr: "ignore_public_acls", control: controls.S3BlockPublicAccess},
	{attr: "restrict_public_buckets", control: controls.S3BlockPublicAccess},
}

func withControl(ws []weakening, c controls.Control) []weakening {
	out := append([]weakening(nil), ws...)
	for i := range out {
		out[i].control = c
	}
	return out
}

var weakenings = map[string][]weakening{
	"aws_cloudtrail": {
		{attr: "enable_logging", control: controls.CloudTrailLogging},
		{attr: "is_multi_region_trail", control: controls.CloudTrailMultiRegion},
		{attr: "include_global_service_events", control: controls.CloudTrailGlobalServiceEvents},
		{attr: "enable_log_file_validation", control: controls.CloudTrailLogFileValidation},
		{attr: "kms_key_id", control: controls.CloudTrailKMSEncryption, kind: weakerRemoved},
	},
	"aws_iam_account_password_policy": {
		{attr: "minimum_password_length", control: controls.PasswordMinimumLength, kind: weakerBelow, limit: 14},
		{attr: "password_reuse_prevention", control: controls.PasswordReusePrevention, kind: weakerBelow, limit: 24},
		{attr: "max_password_age", control: controls.PasswordMaxAge, kind: weakerAbove, limit: 90},
		{attr: "require_uppercase_characters", control: controls.PasswordRequireUppercase},
		{attr: "require_lowercase_characters", control: controls.PasswordRequireLowercase},
		{attr: "require_symbols", control: controls.PasswordRequireSymbols},
		{attr: "require_numbers", control: controls.PasswordRequireNumbers},
		{attr: "allow_users_to_change_password", control: controls.PasswordAllowUsersToChange},
	},
	"aws_s3_bucket_public_access_block":        pabWeakenings,
	"aws_s3_account_public_access_block":       withControl(pabWeakenings, controls.AccountPublicAccessBlock),
	"aws_guardduty_detector":                   {{attr: "enable", control: controls.GuardDutyEnabled}},
	"aws_config_configuration_recorder_status": {{attr: "is_enabled", control: controls.ConfigRecorderAll}},
	"aws_kms_key":                   {{attr: "enable_key_rotation", control: controls.KMSKeyRotation}},
	"aws_ebs_encryption_by_default": {{attr: "enabled", control: controls.EBSEncryptionByDefault}},
	"aws_ebs_volume":                {{attr: "encrypted", control: controls.EBSVolumeEncryption}},
	"aws_db_instance":               {{attr: "storage_encrypted", control: controls.RDSEncrypted}},
	"aws_rds_cluster":               {{attr: "storage_encrypted", control: controls.RDSEncrypted}},
	"aws_redshift_cluster":          {{attr: "encrypted", control: controls.RedshiftEncrypted}},
	"aws_sns_topic":                 {{attr: "kms_master_key_id", control: controls.SNSEncrypted, kind: weakerRemoved}},
	"aws_cloudwatch_log_group":      {{attr: "kms_key_id", control: controls.LogGroupKMS, kind: weakerRemoved}},
	"aws_security_group":            {{attr: "ingress", control: controls.NoWorldIngressAllProtocols, kind: weakerWorldIngress}},
	"aws_default_security_group":    {{attr: "ingress", control: controls.DefaultSecurityGroupNoRules, kind: weakerWorldIngress}},
}

// weakened reports how after weakens before at w.attr ("" when it does not): a
// sentence such as "enable_logging true -> false". Values marked sensitive,
// before or after, are never printed.
func (w weakening) weakened(before, after plan.Value) (string, bool) {
	if after.Unknown() {
		return "", false // decided during apply: the after-state rules report unknowns
	}
	show := func(v plan.Value, s string) string {
		if v.Sensitive() {
			return "(sensitive value)"
		}
		return s
	}
	switch w.kind {
	case weakerFalse:
		b, ok := before.Bool()
		if !ok || !b {
			return "", false
		}
		a, ok := after.Bool()
		if ok && a {
			return "", false
		}
		to := "false"
		if !ok {
			to = "unset (false)"
		}
		return fmt.Sprintf("%s %s -> %s", w.attr, show(before, "true"), show(after, to)), true
	case weakerBelow:
		b, ok := before.Int()
		if !ok || b < w.limit {
			return "", false
		}
		a, ok := after.Int()
		if ok && a >= w.limit {
			return "", false
		}
		to := "unset"
		if ok {
			to = strconv.FormatInt(a, 10)
		}
		return fmt.Sprintf("%s %s -> %s (at least %d required)", w.attr, show(before, strconv.FormatInt(b, 10)),
			show(after, to), w.limit), true
	case weakerAbove:
		b, ok := before.Int()
		if !ok || b < 1 || b > w.limit {
			return "", false
		}
		a, ok := after.Int()
		if ok && a >= 1 && a <= w.limit {
			return "", false
		}
		to := "unset (never)"
		if ok && a > 0 {
			to = strconv.FormatInt(a, 10)
		}
		return fmt.Sprintf("%s %s -> %s (at most %d required)", w.attr, show(before, strconv.FormatInt(b, 10)),
			show(after, to), w.limit), true
	case weakerRemoved:
		if s, ok := before.Str(); !ok || s == "" {
			return "", false
		}
		if s, ok := after.Str(); ok && s != "" {
			return "", false
		}
		return fmt.Sprintf("%s set -> removed (encryption with a customer-managed key removed)", w.attr), true
	case weakerWorldIngress:
		if len(worldIngress(before)) > 0 {
			return "", false
		}
		world := worldIngress(after)
		if len(world) == 0 {
			return "", false
		}
		return fmt.Sprintf("%s: none from the internet -> %s", w.attr, show(after, joinWorld(world))), true
	}
	return "", false
}

// worldIngress lists the internet ranges (0.0.0.0/0, ::/0) of inline ingress rules.
func worldIngress(rules plan.Value) []string {
	var out []string
	rules.Each(func(_ int, rule plan.Value) {
		for _, key := range []string{"cidr_blocks", "ipv6_cidr_blocks"} {
			cidrs, _ := rule.Get(key).Strings()
			for _, c := range cidrs {
				if controls.IsWorld(c) {
					out = append(out, "ingress from "+c)
				}
			}
		}
	})
	return out
}

func joinWorld(ws []string) string {
	if len(ws) == 1 {
		return ws[0]
	}
	return fmt.Sprintf("%s and %d more", ws[0], len(ws)-1)
}

// resourceTypes lists a table's types, sorted.
func resourceTypes[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for t := range m {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
