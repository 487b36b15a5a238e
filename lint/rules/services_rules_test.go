package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsGuardDutyEnabled(t *testing.T) {
	const d = "aws_guardduty_detector.main"
	runCases(t, AwsGuardDutyEnabled{}, []ruleCase{
		{"enabled passes", []plantest.Res{{Address: d, After: `{"enable":true}`}}, nil},
		{"disabled fails", []plantest.Res{{Address: d, After: `{"enable":false}`}},
			[]string{"fail " + d + " enable: the GuardDuty detector is disabled"}},
		{"unset passes (the default is true)", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"id":true}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"enable":true}`, Set: []string{"enable"}}},
			[]string{"unknown " + d + " enable: enable is computed during apply"}},
	})
}

func TestAwsConfigRecorderAll(t *testing.T) {
	const r, s = "aws_config_configuration_recorder.main", "aws_config_configuration_recorder_status.main"
	recorder := func(group string) plantest.Res {
		return plantest.Res{Address: r, After: `{"name":"main","recording_group":[` + group + `]}`, Unknown: `{"role_arn":true}`, Set: []string{"recording_group"}}
	}
	runCases(t, AwsConfigRecorderAll{}, []ruleCase{
		{"everything, global resources included, passes", []plantest.Res{recorder(`{"all_supported":true,"include_global_resource_types":true,"resource_types":null}`)}, nil},
		{"a partial recorder fails twice", []plantest.Res{recorder(`{"all_supported":false,"include_global_resource_types":false,"resource_types":["AWS::EC2::Instance"]}`)},
			[]string{
				"fail " + r + " recording_group.all_supported: the recorder does not record all supported resource types",
				"fail " + r + " recording_group.include_global_resource_types: the recorder does not record global resources (IAM)",
			}},
		{"global resources left out fail", []plantest.Res{recorder(`{"all_supported":true,"include_global_resource_types":false}`)},
			[]string{"fail " + r + " recording_group.include_global_resource_types: does not record global resources"}},
		{"global resources left unset fail (the default is false)", []plantest.Res{recorder(`{"all_supported":true,"include_global_resource_types":null,"resource_types":null}`)},
			[]string{"fail " + r + " recording_group.include_global_resource_types: the recorder does not record global resources (IAM) (not set, and the default is false)"}},
		{"no recording group (shown as known after apply) records no global resources", []plantest.Res{{Address: r, After: `{"name":"main"}`,
			Unknown: `{"recording_group":true,"role_arn":true}`}},
			[]string{"fail " + r + " recording_group.include_global_resource_types: (not set, and the default is false)"}},
		{"a recording group computed during apply is unknown", []plantest.Res{{Address: r, After: `{"name":"main"}`,
			Unknown: `{"recording_group":[{"all_supported":true,"include_global_resource_types":true}]}`, Set: []string{"recording_group"}}},
			[]string{
				"unknown " + r + " recording_group.all_supported: recording_group.all_supported is computed during apply",
				"unknown " + r + " recording_group.include_global_resource_types: recording_group.include_global_resource_types is computed during apply",
			}},
		{"an enabled recorder passes", []plantest.Res{{Address: s, After: `{"name":"main","is_enabled":true}`}}, nil},
		{"a stopped recorder fails", []plantest.Res{{Address: s, After: `{"name":"main","is_enabled":false}`}},
			[]string{"fail " + s + " is_enabled: the Config recorder is stopped"}},
		{"a status computed during apply is unknown", []plantest.Res{{Address: s, After: `{"name":"main"}`, Unknown: `{"is_enabled":true}`, Set: []string{"is_enabled"}}},
			[]string{"unknown " + s + " is_enabled: is_enabled is computed during apply"}},
	})
}

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

func TestAwsCloudFrontHTTPS(t *testing.T) {
	const cf = "aws_cloudfront_distribution.cdn"
	dist := func(def, ordered string) []plantest.Res {
		return []plantest.Res{{Address: cf, After: `{"enabled":true,"default_cache_behavior":[{"viewer_protocol_policy":"` + def + `"}],"ordered_cache_behavior":[` + ordered + `]}`}}
	}
	runCases(t, AwsCloudFrontHTTPS{}, []ruleCase{
		{"redirect-to-https passes", dist("redirect-to-https", `{"path_pattern":"/api/*","viewer_protocol_policy":"https-only"}`), nil},
		{"a policy computed during apply is unknown", []plantest.Res{{Address: cf, After: `{"default_cache_behavior":[{}]}`,
			Unknown: `{"default_cache_behavior":[{"viewer_protocol_policy":true}]}`, Set: []string{"default_cache_behavior"}}},
			[]string{"unknown " + cf + " default_cache_behavior.viewer_protocol_policy: computed during apply"}},
		{"allow-all by default fails", dist("allow-all", ``),
			[]string{"fail " + cf + " default_cache_behavior.viewer_protocol_policy: default_cache_behavior allows plain HTTP to viewers (allow-all)"}},
		{"allow-all in an ordered behaviour fails", dist("https-only",
			`{"path_pattern":"/api/*","viewer_protocol_policy":"https-only"},{"path_pattern":"/img/*","viewer_protocol_policy":"allow-all"}`),
			[]string{"fail " + cf + " ordered_cache_behavior.viewer_protocol_policy: ordered_cache_behavior allows plain HTTP to viewers (allow-all)"}},
		{"both fail", dist("allow-all", `{"path_pattern":"/img/*","viewer_protocol_policy":"allow-all"}`),
			[]string{
				"fail " + cf + " default_cache_behavior.viewer_protocol_policy: allow-all",
				"fail " + cf + " ordered_cache_behavior.viewer_protocol_policy: allow-all",
			}},
	})
}

func TestAwsCloudFrontTLS(t *testing.T) {
	const cf = "aws_cloudfront_distribution.cdn"
	cert := func(vc string) []plantest.Res {
		return []plantest.Res{{Address: cf, After: `{"enabled":true,"viewer_certificate":[` + vc + `]}`}}
	}
	const acm = `"acm_certificate_arn":"arn:aws:acm:us-east-1:123456789012:certificate/x","ssl_support_method":"sni-only"`
	runCases(t, AwsCloudFrontTLS{}, []ruleCase{
		{"TLSv1.2_2021 passes", cert(`{` + acm + `,"cloudfront_default_certificate":null,"minimum_protocol_version":"TLSv1.2_2021"}`), nil},
		{"TLSv1.3_2025 passes", cert(`{` + acm + `,"minimum_protocol_version":"TLSv1.3_2025"}`), nil},
		{"the default certificate fails", cert(`{"cloudfront_default_certificate":true,"minimum_protocol_version":"TLSv1"}`),
			[]string{"fail " + cf + " viewer_certificate: the default *.cloudfront.net certificate allows TLSv1"}},
		{"the default certificate fails whatever minimum it names", cert(`{"cloudfront_default_certificate":true,"minimum_protocol_version":"TLSv1.2_2021"}`),
			[]string{"fail " + cf + " viewer_certificate: allows TLSv1"}},
		{"TLSv1 (the provider's default) fails", cert(`{` + acm + `,"minimum_protocol_version":"TLSv1"}`),
			[]string{"fail " + cf + " viewer_certificate.minimum_protocol_version: minimum_protocol_version is TLSv1; use TLSv1.2_2021 or later"}},
		{"TLSv1.2_2019 fails", cert(`{` + acm + `,"minimum_protocol_version":"TLSv1.2_2019"}`),
			[]string{"fail " + cf + " viewer_certificate.minimum_protocol_version: minimum_protocol_version is TLSv1.2_2019"}},
	})
}

func TestAwsLBHTTPS(t *testing.T) {
	const l = "aws_lb_listener.http"
	listener := func(addr, after string) []plantest.Res {
		return []plantest.Res{{Address: addr, After: after, Unknown: `{"load_balancer_arn":true}`}}
	}
	lb := func(typ string) plantest.Res {
		return plantest.Res{Address: "aws_lb.web", After: `{"load_balancer_type":"` + typ + `"}`, Unknown: `{"arn":true}`}
	}
	onLB := func(addr, after string) plantest.Res {
		return plantest.Res{Address: addr, After: after, Unknown: `{"load_balancer_arn":true,"protocol":true}`,
			Refs: map[string][]string{"load_balancer_arn": {"aws_lb.web.arn", "aws_lb.web"}}}
	}
	runCases(t, AwsLBHTTPS{}, []ruleCase{
		{"a redirect to HTTPS passes", listener(l, `{"port":80,"protocol":"HTTP","default_action":[{"type":"redirect","redirect":[{"port":"443","protocol":"HTTPS","status_code":"HTTP_301"}]}]}`), nil},
		{"forwarding plain HTTP fails", listener(l, `{"port":80,"protocol":"HTTP","default_action":[{"type":"forward","redirect":[]}]}`),
			[]string{"fail " + l + " default_action: the HTTP listener serves traffic instead of redirecting to HTTPS"}},
		{"a redirect keeping the protocol fails", listener(l, `{"port":80,"protocol":"HTTP","default_action":[{"type":"redirect","redirect":[{"host":"www.example.com","protocol":"#{protocol}","status_code":"HTTP_301"}]}]}`),
			[]string{"fail " + l + " default_action: serves traffic instead of redirecting to HTTPS"}},
		{"a fixed response fails", listener(l, `{"port":80,"protocol":"HTTP","default_action":[{"type":"fixed-response","fixed_response":[{"content_type":"text/plain","status_code":"404"}]}]}`),
			[]string{"fail " + l + " default_action: serves traffic"}},
		{"an aws_alb_listener is checked too", listener("aws_alb_listener.http", `{"port":80,"protocol":"HTTP","default_action":[{"type":"forward"}]}`),
			[]string{"fail aws_alb_listener.http default_action: serves traffic"}},
		{"HTTPS passes", listener("aws_lb_listener.https", `{"port":443,"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-2-2021-06","default_action":[{"type":"forward"}]}`), nil},
		{"a TCP listener passes", listener("aws_lb_listener.tcp", `{"port":5432,"protocol":"TCP","default_action":[{"type":"forward"}]}`), nil},
		{"an ALB listener without protocol (HTTP by default) fails", []plantest.Res{lb("application"),
			onLB(l, `{"port":80,"default_action":[{"type":"forward"}]}`)},
			[]string{"fail " + l + " default_action: the HTTP listener serves traffic instead of redirecting to HTTPS (protocol is not set, and an Application Load Balancer listener defaults to HTTP)"}},
		{"an ALB listener without protocol redirecting to HTTPS passes", []plantest.Res{lb("application"),
			onLB(l, `{"port":80,"default_action":[{"type":"redirect","redirect":[{"port":"443","protocol":"HTTPS","status_code":"HTTP_301"}]}]}`)}, nil},
		{"a listener without protocol on a load balancer outside the plan fails", listener(l, `{"port":8080,"default_action":[{"type":"forward"}]}`),
			[]string{"fail " + l + " default_action: (protocol is not set, and an Application Load Balancer listener defaults to HTTP)"}},
		{"a Gateway Load Balancer listener (no protocol, no port) passes", []plantest.Res{lb("gateway"), onLB(l, `{"default_action":[{"type":"forward"}]}`)}, nil},
		{"a Gateway Load Balancer listener outside the plan passes", listener(l, `{"port":null,"default_action":[{"type":"forward"}]}`), nil},
		{"a protocol computed during apply is not assumed", []plantest.Res{{Address: l, After: `{"port":80,"default_action":[{"type":"forward"}]}`,
			Unknown: `{"load_balancer_arn":true,"protocol":true}`, Set: []string{"protocol"}}}, nil},
		{"a classic load balancer on HTTP fails", []plantest.Res{{Address: "aws_elb.classic",
			After: `{"listener":[{"instance_port":8080,"instance_protocol":"http","lb_port":443,"lb_protocol":"https","ssl_certificate_id":"arn:aws:acm:us-east-1:123456789012:certificate/x"},{"instance_port":8080,"instance_protocol":"http","lb_port":80,"lb_protocol":"HTTP"}]}`}},
			[]string{"fail aws_elb.classic listener.lb_protocol: the classic load balancer listens on plain HTTP (port 80)"}},
		{"a classic load balancer on HTTPS and TCP passes", []plantest.Res{{Address: "aws_elb.classic",
			After: `{"listener":[{"instance_port":8080,"instance_protocol":"http","lb_port":443,"lb_protocol":"https"},{"instance_port":22,"instance_protocol":"tcp","lb_port":2222,"lb_protocol":"tcp"}]}`}}, nil},
	})
}

func TestAwsLBTLSPolicy(t *testing.T) {
	const l = "aws_lb_listener.https"
	listener := func(after string) []plantest.Res {
		return []plantest.Res{{Address: l, After: after, Unknown: `{"load_balancer_arn":true}`}}
	}
	runCases(t, AwsLBTLSPolicy{}, []ruleCase{
		{"a TLS 1.3/1.2 policy passes", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-2-2021-06"}`), nil},
		{"a TLS 1.2 policy passes", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS-1-2-Ext-2018-06"}`), nil},
		{"a forward-secrecy TLS 1.2 policy passes", listener(`{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-FS-1-2-Res-2020-10"}`), nil},
		{"the 2016-08 policy fails", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-2016-08"}`),
			[]string{"fail " + l + " ssl_policy: ssl_policy ELBSecurityPolicy-2016-08 accepts TLS versions below 1.2"}},
		{"a TLS 1.0 policy on a TLS listener fails", listener(`{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-TLS-1-0-2015-04"}`),
			[]string{"fail " + l + " ssl_policy: ssl_policy ELBSecurityPolicy-TLS-1-0-2015-04 accepts TLS versions below 1.2"}},
		{"a forward-secrecy TLS 1.1 policy fails", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-FS-1-1-2019-08"}`),
			[]string{"fail " + l + " ssl_policy: accepts TLS versions below 1.2"}},
		{"a TLS 1.3-only policy passes", listener(`{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-TLS13-1-3-2021-06"}`), nil},
		{"a FIPS TLS 1.3/1.2 policy passes", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"}`), nil},
		{"a TLS 1.3 policy with a TLS 1.0 minimum fails", listener(`{"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-0-2021-06"}`),
			[]string{"fail " + l + " ssl_policy: ssl_policy ELBSecurityPolicy-TLS13-1-0-2021-06 accepts TLS versions below 1.2"}},
		{"a TLS 1.3 policy with a TLS 1.1 minimum fails", listener(`{"protocol":"TLS","ssl_policy":"ELBSecurityPolicy-TLS13-1-1-2021-06"}`),
			[]string{"fail " + l + " ssl_policy: ssl_policy ELBSecurityPolicy-TLS13-1-1-2021-06 accepts TLS versions below 1.2"}},
		{"unset (shown as known after apply) fails: the default is ELBSecurityPolicy-2016-08", []plantest.Res{{Address: l,
			After: `{"protocol":"HTTPS","certificate_arn":"arn:aws:acm:us-east-1:123456789012:certificate/x"}`, Unknown: `{"load_balancer_arn":true,"ssl_policy":true}`}},
			[]string{"fail " + l + " ssl_policy: ssl_policy is not set: AWS applies ELBSecurityPolicy-2016-08, which accepts TLS versions below 1.2"}},
		{"from a computed value is unknown", []plantest.Res{{Address: l, After: `{"protocol":"TLS"}`,
			Unknown: `{"load_balancer_arn":true,"ssl_policy":true}`, Set: []string{"ssl_policy"}}},
			[]string{"unknown " + l + " ssl_policy: ssl_policy is computed during apply"}},
		{"an HTTP listener is not judged", listener(`{"protocol":"HTTP"}`), nil},
		{"a TCP listener is not judged", listener(`{"protocol":"TCP","ssl_policy":"ELBSecurityPolicy-2016-08"}`), nil},
	})
}

func TestAwsIAMFullAdminPolicy(t *testing.T) {
	const a = "aws_iam_policy.admin"
	pol := func(addr, doc string) []plantest.Res {
		return []plantest.Res{{Address: addr, After: withPolicy(t, doc)}}
	}
	const admin = `the policy allows every action ("*") on every resource ("*")`
	runCases(t, AwsIAMFullAdminPolicy{}, []ruleCase{
		{`"*" on "*" in a Statement list fails`, pol(a, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`),
			[]string{"fail " + a + " policy.Statement[0]: " + admin}},
		{"a single Statement object fails", pol(a, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`),
			[]string{"fail " + a + " policy.Statement: " + admin}},
		{`"*" among listed actions and resources fails`, pol(a, `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","*"],"Resource":["arn:aws:s3:::data/*","*"]}]}`),
			[]string{"fail " + a + " policy.Statement[0]: " + admin}},
		{"a role policy fails", pol("aws_iam_role_policy.ci", `{"Statement":[{"Sid":"ok","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Action":["*"],"Resource":["*"]}]}`),
			[]string{"fail aws_iam_role_policy.ci policy.Statement[1]: " + admin}},
		{"a user policy and a group policy fail", append(pol("aws_iam_user_policy.dev", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`),
			pol("aws_iam_group_policy.ops", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)...),
			[]string{"fail aws_iam_group_policy.ops policy.Statement[0]: " + admin, "fail aws_iam_user_policy.dev policy.Statement[0]: " + admin}},
		{`every action on one resource passes`, pol(a, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::data/*"}]}`), nil},
		{`one service's actions on "*" pass`, pol(a, `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`), nil},
		{"a Deny passes", pol(a, `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`), nil},
		{"NotAction is not every action", pol(a, `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`), nil},
		{"a document that is not JSON is not judged", pol(a, `{`), nil},
		{"a sensitive policy is read too", []plantest.Res{{Address: a, After: withPolicy(t, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`),
			Sensitive: `{"policy":true}`}},
			[]string{"fail " + a + " policy.Statement[0]: " + admin}},
		{"a policy computed during apply is unknown", []plantest.Res{{Address: "aws_iam_role_policy.logs", After: `{"role":"ops"}`,
			Unknown: `{"policy":true}`, Set: []string{"policy"}}},
			[]string{"unknown aws_iam_role_policy.logs policy: the policy document is computed during apply"}},
		{"attaching AdministratorAccess fails", []plantest.Res{{Address: "aws_iam_role_policy_attachment.admin",
			After: `{"role":"ops","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`}},
			[]string{"fail aws_iam_role_policy_attachment.admin policy_arn: attaches the AWS managed AdministratorAccess policy"}},
		{"the GovCloud and China partitions' AdministratorAccess fail", []plantest.Res{
			{Address: "aws_iam_role_policy_attachment.gov", After: `{"role":"ops","policy_arn":"arn:aws-us-gov:iam::aws:policy/AdministratorAccess"}`},
			{Address: "aws_iam_role_policy_attachment.cn", After: `{"role":"ops","policy_arn":"arn:aws-cn:iam::aws:policy/AdministratorAccess"}`},
			{Address: "aws_iam_role_policy_attachment.own", After: `{"role":"ops","policy_arn":"arn:aws:iam::123456789012:policy/AdministratorAccess"}`}},
			[]string{
				"fail aws_iam_role_policy_attachment.cn policy_arn: AdministratorAccess",
				"fail aws_iam_role_policy_attachment.gov policy_arn: AdministratorAccess",
			}},
		{"attaching it to a user or a group fails", []plantest.Res{
			{Address: "aws_iam_user_policy_attachment.dev", After: `{"user":"dev","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`},
			{Address: "aws_iam_group_policy_attachment.ops", After: `{"group":"ops","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`}},
			[]string{
				"fail aws_iam_group_policy_attachment.ops policy_arn: AdministratorAccess",
				"fail aws_iam_user_policy_attachment.dev policy_arn: AdministratorAccess",
			}},
		{"attaching ReadOnlyAccess passes", []plantest.Res{{Address: "aws_iam_role_policy_attachment.ro",
			After: `{"role":"ops","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`}}, nil},
		{"attaching a policy of the plan is judged on the policy", []plantest.Res{{Address: "aws_iam_role_policy_attachment.custom",
			After: `{"role":"ops"}`, Unknown: `{"policy_arn":true}`, Refs: map[string][]string{"policy_arn": {"aws_iam_policy.admin.arn", "aws_iam_policy.admin"}}}}, nil},
	})
}
