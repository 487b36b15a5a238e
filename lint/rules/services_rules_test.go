package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsGuardDutyEnabled(t *testing.T) {
	const d = "aws_guardduty_detector.main"
	runCases(t, AwsGuardDutyEnabled{}, []ruleCase{
		{"enabled passes", []plantest.Res{{Address: d, After: `{"enable":true}`}}, nil},
		{"unset passes (the default is true)", []plantest.Res{{Address: d, After: `{}`}}, nil},
		{"disabled fails", []plantest.Res{{Address: d, After: `{"enable":false}`}}, []string{"fail " + d + " enable: disabled"}},
		{"from a computed value is unknown", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"enable":true}`, Set: []string{"enable"}}},
			[]string{"unknown " + d + " enable: computed during apply"}},
	})
}

func TestAwsConfigRecorderAll(t *testing.T) {
	const r, s = "aws_config_configuration_recorder.main", "aws_config_configuration_recorder_status.main"
	runCases(t, AwsConfigRecorderAll{}, []ruleCase{
		{"all resources and global types pass", []plantest.Res{{Address: r, After: `{"recording_group":[{"all_supported":true,"include_global_resource_types":true}]}`}}, nil},
		{"not all supported types fails", []plantest.Res{{Address: r, After: `{"recording_group":[{"all_supported":false,"include_global_resource_types":true}]}`}},
			[]string{"fail " + r + " recording_group.all_supported: does not record all supported"}},
		{"no global types fails", []plantest.Res{{Address: r, After: `{"recording_group":[{"all_supported":true,"include_global_resource_types":false}]}`}},
			[]string{"fail " + r + " recording_group.include_global_resource_types: global resources"}},
		{"computed settings are unknown", []plantest.Res{{Address: r, After: `{"recording_group":[{}]}`,
			Unknown: `{"recording_group":[{"all_supported":true,"include_global_resource_types":true}]}`, Set: []string{"recording_group"}}},
			[]string{"unknown " + r + " recording_group.all_supported: computed", "unknown " + r + " recording_group.include_global_resource_types: computed"}},
		{"a running recorder passes", []plantest.Res{{Address: s, After: `{"is_enabled":true}`}}, nil},
		{"a stopped recorder fails", []plantest.Res{{Address: s, After: `{"is_enabled":false}`}}, []string{"fail " + s + " is_enabled: stopped"}},
		{"a status without is_enabled fails", []plantest.Res{{Address: s, After: `{}`}}, []string{"fail " + s + " is_enabled: not set"}},
	})
}

func TestAwsRDSEncryption(t *testing.T) {
	runCases(t, AwsRDSEncryption{}, []ruleCase{
		{"encrypted instance passes", []plantest.Res{{Address: "aws_db_instance.db", After: `{"storage_encrypted":true}`}}, nil},
		{"unencrypted cluster fails", []plantest.Res{{Address: "aws_rds_cluster.c", After: `{"storage_encrypted":false}`}},
			[]string{"fail aws_rds_cluster.c storage_encrypted: not encrypted"}},
		{"unset (shown as known after apply) fails", []plantest.Res{{Address: "aws_db_instance.db", After: `{}`, Unknown: `{"storage_encrypted":true}`}},
			[]string{"fail aws_db_instance.db storage_encrypted: not set, and the default is false"}},
		{"DocumentDB and Neptune clusters are judged too", []plantest.Res{{Address: "aws_docdb_cluster.d", After: `{"storage_encrypted":false}`}, {Address: "aws_neptune_cluster.n", After: `{"storage_encrypted":true}`}},
			[]string{"fail aws_docdb_cluster.d storage_encrypted: not encrypted"}},
		{"from a computed value is unknown", []plantest.Res{{Address: "aws_db_instance.db", After: `{}`, Unknown: `{"storage_encrypted":true}`, Set: []string{"storage_encrypted"}}},
			[]string{"unknown aws_db_instance.db storage_encrypted: computed during apply"}},
	})
}

func TestAwsRDSPublic(t *testing.T) {
	runCases(t, AwsRDSPublic{}, []ruleCase{
		{"public instance fails", []plantest.Res{{Address: "aws_db_instance.db", After: `{"publicly_accessible":true}`}},
			[]string{"fail aws_db_instance.db publicly_accessible: publicly accessible"}},
		{"public cluster instance fails", []plantest.Res{{Address: "aws_rds_cluster_instance.i", After: `{"publicly_accessible":true}`}},
			[]string{"fail aws_rds_cluster_instance.i publicly_accessible: publicly accessible"}},
		{"private passes", []plantest.Res{{Address: "aws_db_instance.db", After: `{"publicly_accessible":false}`}}, nil},
		{"unset passes (the default is false)", []plantest.Res{{Address: "aws_db_instance.db", After: `{}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: "aws_db_instance.db", After: `{}`, Unknown: `{"publicly_accessible":true}`, Set: []string{"publicly_accessible"}}},
			[]string{"unknown aws_db_instance.db publicly_accessible: computed during apply"}},
	})
}

func TestAwsRedshift(t *testing.T) {
	const c = "aws_redshift_cluster.dw"
	runCases(t, AwsRedshiftEncryption{}, []ruleCase{
		{"encrypted passes", []plantest.Res{{Address: c, After: `{"encrypted":true}`}}, nil},
		{"a \"true\" string passes (older providers)", []plantest.Res{{Address: c, After: `{"encrypted":"true"}`}}, nil},
		{"unencrypted fails", []plantest.Res{{Address: c, After: `{"encrypted":false}`}}, []string{"fail " + c + " encrypted: not encrypted"}},
		{"unset fails", []plantest.Res{{Address: c, After: `{}`}}, []string{"fail " + c + " encrypted: not set"}},
		{"from a computed value is unknown", []plantest.Res{{Address: c, After: `{}`, Unknown: `{"encrypted":true}`, Set: []string{"encrypted"}}},
			[]string{"unknown " + c + " encrypted: computed during apply"}},
	})
	runCases(t, AwsRedshiftPublic{}, []ruleCase{
		{"public fails", []plantest.Res{{Address: c, After: `{"publicly_accessible":true}`}}, []string{"fail " + c + " publicly_accessible: publicly accessible"}},
		{"private passes", []plantest.Res{{Address: c, After: `{"publicly_accessible":false}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: c, After: `{}`, Unknown: `{"publicly_accessible":true}`, Set: []string{"publicly_accessible"}}},
			[]string{"unknown " + c + " publicly_accessible: computed during apply"}},
	})
}

func TestAwsCloudFront(t *testing.T) {
	const d = "aws_cloudfront_distribution.cdn"
	dist := func(behaviours, cert string) []plantest.Res {
		return []plantest.Res{{Address: d, After: `{` + behaviours + `,"viewer_certificate":[` + cert + `]}`}}
	}
	const acm = `{"acm_certificate_arn":"arn:aws:acm:us-east-1:123456789012:certificate/x","minimum_protocol_version":"TLSv1.2_2021","cloudfront_default_certificate":false}`
	runCases(t, AwsCloudFrontHTTPS{}, []ruleCase{
		{"redirect-to-https passes", dist(`"default_cache_behavior":[{"viewer_protocol_policy":"redirect-to-https"}],"ordered_cache_behavior":[{"viewer_protocol_policy":"https-only"}]`, acm), nil},
		{"allow-all on the default behaviour fails", dist(`"default_cache_behavior":[{"viewer_protocol_policy":"allow-all"}]`, acm),
			[]string{"fail " + d + " default_cache_behavior.viewer_protocol_policy: plain HTTP"}},
		{"allow-all on an ordered behaviour fails", dist(`"default_cache_behavior":[{"viewer_protocol_policy":"https-only"}],"ordered_cache_behavior":[{"path_pattern":"/img/*","viewer_protocol_policy":"allow-all"}]`, acm),
			[]string{"fail " + d + " ordered_cache_behavior.viewer_protocol_policy: plain HTTP"}},
		{"a computed policy is unknown", []plantest.Res{{Address: d, After: `{"default_cache_behavior":[{}]}`,
			Unknown: `{"default_cache_behavior":[{"viewer_protocol_policy":true}]}`, Set: []string{"default_cache_behavior"}}},
			[]string{"unknown " + d + " default_cache_behavior.viewer_protocol_policy: computed during apply"}},
	})
	runCases(t, AwsCloudFrontTLS{}, []ruleCase{
		{"TLSv1.2_2021 passes", dist(`"default_cache_behavior":[]`, acm), nil},
		{"the default certificate fails", dist(`"default_cache_behavior":[]`, `{"cloudfront_default_certificate":true,"minimum_protocol_version":"TLSv1"}`),
			[]string{"fail " + d + " viewer_certificate: allows TLSv1"}},
		{"TLSv1.1_2016 fails", dist(`"default_cache_behavior":[]`, `{"acm_certificate_arn":"arn:x","minimum_protocol_version":"TLSv1.1_2016"}`),
			[]string{"fail " + d + " viewer_certificate.minimum_protocol_version: TLSv1.1_2016"}},
	})
}

func TestAwsLoadBalancers(t *testing.T) {
	const l, elb = "aws_lb_listener.web", "aws_elb.classic"
	runCases(t, AwsLBHTTPS{}, []ruleCase{
		{"HTTPS listener passes", []plantest.Res{{Address: l, After: `{"protocol":"HTTPS","port":443}`}}, nil},
		{"HTTP redirecting to HTTPS passes", []plantest.Res{{Address: l, After: `{"protocol":"HTTP","default_action":[{"type":"redirect","redirect":[{"protocol":"HTTPS","port":"443","status_code":"HTTP_301"}]}]}`}}, nil},
		{"HTTP forwarding fails", []plantest.Res{{Address: l, After: `{"protocol":"HTTP","default_action":[{"type":"forward","target_group_arn":"arn:x"}]}`}},
			[]string{"fail " + l + " default_action: instead of redirecting to HTTPS"}},
		{"an alb listener alias is judged too", []plantest.Res{{Address: "aws_alb_listener.old", After: `{"protocol":"HTTP","default_action":[{"type":"fixed-response"}]}`}},
			[]string{"fail aws_alb_listener.old default_action: instead of redirecting"}},
		{"a TCP listener is not judged", []plantest.Res{{Address: l, After: `{"protocol":"TCP","port":5432}`}}, nil},
		{"classic ELB on HTTP fails", []plantest.Res{{Address: elb, After: `{"listener":[{"lb_protocol":"http","lb_port":80,"instance_port":8080,"instance_protocol":"http"}]}`}},
			[]string{"fail " + elb + " listener.lb_protocol: plain HTTP (port 80)"}},
		{"classic ELB on HTTPS passes", []plantest.Res{{Address: elb, After: `{"listener":[{"lb_protocol":"https","lb_port":443,"ssl_certificate_id":"arn:x"}]}`}}, nil},
	})
	runCases(t, AwsLBTLSPolicy{}, []ruleCase{
		{"a TLS 1.3 policy passes", []plantest.Res{{Address: l, After: `{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-2-2021-06"}`}}, nil},
		{"a TLS 1.2 policy passes", []plantest.Res{{Address: l, After: `{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-TLS-1-2-2017-01"}`}}, nil},
		{"the 2016 default policy fails", []plantest.Res{{Address: l, After: `{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-2016-08"}`}},
			[]string{"fail " + l + " ssl_policy: accepts TLS versions below 1.2"}},
		{"unset (AWS's current default) passes", []plantest.Res{{Address: l, After: `{"protocol":"HTTPS"}`, Unknown: `{"ssl_policy":true}`}}, nil},
		{"an HTTP listener is not judged", []plantest.Res{{Address: l, After: `{"protocol":"HTTP","ssl_policy":"ELBSecurityPolicy-2016-08"}`}}, nil},
	})
}

func TestAwsIAMFullAdminPolicy(t *testing.T) {
	const a = "aws_iam_policy.admin"
	pol := func(stmts string) []plantest.Res {
		return []plantest.Res{{Address: a, After: `{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":` + stmts + `}"}`}}
	}
	runCases(t, AwsIAMFullAdminPolicy{}, []ruleCase{
		{"* on * fails", pol(`[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]`),
			[]string{"fail " + a + ` policy: allows every action ("*") on every resource`}},
		{"a single statement object with lists fails", pol(`{\"Effect\":\"Allow\",\"Action\":[\"*\"],\"Resource\":[\"*\"]}`),
			[]string{"fail " + a + " policy: allows every action"}},
		{"* on one bucket passes", pol(`[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/*\"}]`), nil},
		{"s3:* on * passes (service-wide, not full admin)", pol(`[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]`), nil},
		{"a deny of everything passes", pol(`[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]`), nil},
		{"role, user and group inline policies are judged", []plantest.Res{
			{Address: "aws_iam_role_policy.r", After: `{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}`},
			{Address: "aws_iam_group_policy.g", After: `{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}`}},
			[]string{"fail aws_iam_group_policy.g policy: every action", "fail aws_iam_role_policy.r policy: every action"}},
		{"attaching AdministratorAccess fails", []plantest.Res{{Address: "aws_iam_role_policy_attachment.a", After: `{"role":"ops","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`}},
			[]string{"fail aws_iam_role_policy_attachment.a policy_arn: AdministratorAccess"}},
		{"attaching ReadOnlyAccess passes", []plantest.Res{{Address: "aws_iam_user_policy_attachment.a", After: `{"user":"u","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`}}, nil},
		{"a policy computed during apply is unknown", []plantest.Res{{Address: a, After: `{}`, Unknown: `{"policy":true}`, Set: []string{"policy"}}},
			[]string{"unknown " + a + " policy: computed during apply"}},
		{"a sensitive policy is not read", []plantest.Res{{Address: a, After: `{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}`, Sensitive: `{"policy":true}`}}, nil},
	})
}
