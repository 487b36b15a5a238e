package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsGuardDutyEnabled flags disabled GuardDuty detectors.
type AwsGuardDutyEnabled struct{}

func (AwsGuardDutyEnabled) Metadata() engine.Metadata {
	return controlMeta("aws_guardduty_enabled", controls.GuardDutyEnabled, []string{"aws_guardduty_detector"}, nil,
		"resource \"aws_guardduty_detector\" \"main\" {\n  enable = false\n}", "resource \"aws_guardduty_detector\" \"main\" {\n  enable = true\n}")
}

func (AwsGuardDutyEnabled) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "enable", true, "the GuardDuty detector is disabled")
}

// AwsConfigRecorderAll checks the Config recorder's scope and its status.
type AwsConfigRecorderAll struct{}

func (AwsConfigRecorderAll) Metadata() engine.Metadata {
	return controlMeta("aws_config_recorder_all", controls.ConfigRecorderAll,
		[]string{"aws_config_configuration_recorder", "aws_config_configuration_recorder_status"}, nil,
		"resource \"aws_config_configuration_recorder\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/config\"\n  recording_group {\n    all_supported                 = false\n    include_global_resource_types = false\n    resource_types                = [\"AWS::EC2::Instance\"]\n  }\n}",
		"resource \"aws_config_configuration_recorder\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/config\"\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true\n  }\n}")
}

func (AwsConfigRecorderAll) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_config_configuration_recorder_status" {
		requireTrue(p, r, rep, "is_enabled", false, "the Config recorder is stopped")
		return
	}
	group := r.Attr("recording_group").Index(0)
	for _, f := range []struct {
		attr, msg string
		// unsetDefault is what AWS Config records when the setting (or the
		// whole recording_group) is left unset.
		unsetDefault bool
	}{
		{"all_supported", "the recorder does not record all supported resource types", true},
		{"include_global_resource_types", "the recorder does not record global resources (IAM)", false},
	} {
		v := group.Get(f.attr)
		b, ok := v.Bool()
		switch {
		case ok:
			if !b {
				rep.Fail("recording_group."+f.attr, "%s", f.msg)
			}
		case v.Unknown() && p.AttrConfigured(r, "recording_group"):
			rep.Unknown("recording_group."+f.attr, "recording_group.%s is computed during apply", f.attr)
		case !f.unsetDefault:
			rep.Fail("recording_group."+f.attr, "%s (not set, and the default is false)", f.msg)
		}
	}
}

// AwsRDSEncryption requires encrypted RDS storage (instances and clusters).
type AwsRDSEncryption struct{}

func (AwsRDSEncryption) Metadata() engine.Metadata {
	return controlMeta("aws_rds_encryption", controls.RDSEncrypted, []string{"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"},
		[]string{"CKV_AWS_16", "AWS-0080"},
		"resource \"aws_db_instance\" \"db\" {\n  engine            = \"postgres\"\n  instance_class    = \"db.t3.micro\"\n  storage_encrypted = false\n}",
		"resource \"aws_db_instance\" \"db\" {\n  engine            = \"postgres\"\n  instance_class    = \"db.t3.micro\"\n  storage_encrypted = true\n}")
}

func (AwsRDSEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "storage_encrypted", false, "the database storage is not encrypted")
}

// AwsRDSPublic flags publicly accessible RDS instances.
type AwsRDSPublic struct{}

func (AwsRDSPublic) Metadata() engine.Metadata {
	return controlMeta("aws_rds_public", controls.RDSNotPublic, []string{"aws_db_instance", "aws_rds_cluster_instance"},
		[]string{"CKV_AWS_17", "AWS-0082"},
		"resource \"aws_db_instance\" \"db\" {\n  engine              = \"postgres\"\n  instance_class      = \"db.t3.micro\"\n  publicly_accessible = true\n}",
		"resource \"aws_db_instance\" \"db\" {\n  engine              = \"postgres\"\n  instance_class      = \"db.t3.micro\"\n  publicly_accessible = false\n}")
}

func (AwsRDSPublic) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireFalse(p, r, rep, "publicly_accessible", "the database is publicly accessible")
}

// AwsRedshiftEncryption requires encrypted Redshift clusters ("true" strings count, as the provider writes them).
type AwsRedshiftEncryption struct{}

func (AwsRedshiftEncryption) Metadata() engine.Metadata {
	return controlMeta("aws_redshift_encryption", controls.RedshiftEncrypted, []string{"aws_redshift_cluster"},
		[]string{"CKV_AWS_64"},
		"resource \"aws_redshift_cluster\" \"dw\" {\n  cluster_identifier = \"dw\"\n  node_type          = \"ra3.xlplus\"\n  encrypted          = false\n}",
		"resource \"aws_redshift_cluster\" \"dw\" {\n  cluster_identifier = \"dw\"\n  node_type          = \"ra3.xlplus\"\n  encrypted          = true\n}")
}

func (AwsRedshiftEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "encrypted", false, "the cluster is not encrypted")
}

// AwsRedshiftPublic flags publicly accessible Redshift clusters.
type AwsRedshiftPublic struct{}

func (AwsRedshiftPublic) Metadata() engine.Metadata {
	return controlMeta("aws_redshift_public", controls.RedshiftNotPublic, []string{"aws_redshift_cluster"},
		[]string{"CKV_AWS_87"},
		"resource \"aws_redshift_cluster\" \"dw\" {\n  cluster_identifier  = \"dw\"\n  node_type           = \"ra3.xlplus\"\n  publicly_accessible = true\n}",
		"resource \"aws_redshift_cluster\" \"dw\" {\n  cluster_identifier  = \"dw\"\n  node_type           = \"ra3.xlplus\"\n  publicly_accessible = false\n}")
}

func (AwsRedshiftPublic) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireFalse(p, r, rep, "publicly_accessible", "the cluster is publicly accessible")
}

// AwsCloudFrontHTTPS requires HTTPS to viewers in every cache behaviour.
type AwsCloudFrontHTTPS struct{}

func (AwsCloudFrontHTTPS) Metadata() engine.Metadata {
	return controlMeta("aws_cloudfront_https", controls.CloudFrontHTTPS, []string{"aws_cloudfront_distribution"},
		[]string{"CKV_AWS_34", "AWS-0012"},
		"resource \"aws_cloudfront_distribution\" \"cdn\" {\n  enabled = true\n  origin {\n    domain_name = \"origin.example.com\"\n    origin_id   = \"web\"\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n  default_cache_behavior {\n    target_origin_id       = \"web\"\n    viewer_protocol_policy = \"allow-all\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}",
		"resource \"aws_cloudfront_distribution\" \"cdn\" {\n  enabled = true\n  origin {\n    domain_name = \"origin.example.com\"\n    origin_id   = \"web\"\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n  default_cache_behavior {\n    target_origin_id       = \"web\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}")
}

func (AwsCloudFrontHTTPS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	check := func(block string, v plan.Value) {
		policy := v.Get("viewer_protocol_policy")
		if s, ok := policy.Str(); ok && s == "allow-all" {
			rep.Fail(block+".viewer_protocol_policy", "%s allows plain HTTP to viewers (allow-all)", block)
		} else if policy.Unknown() && p.AttrConfigured(r, block) {
			rep.Unknown(block+".viewer_protocol_policy", "%s.viewer_protocol_policy is computed during apply", block)
		}
	}
	r.Attr("default_cache_behavior").Each(func(_ int, v plan.Value) { check("default_cache_behavior", v) })
	r.Attr("ordered_cache_behavior").Each(func(i int, v plan.Value) { check("ordered_cache_behavior", v) })
}

// AwsCloudFrontTLS requires TLSv1.2_2021 for viewers (the default certificate allows TLSv1).
type AwsCloudFrontTLS struct{}

func (AwsCloudFrontTLS) Metadata() engine.Metadata {
	return controlMeta("aws_cloudfront_tls", controls.CloudFrontModernTLS, []string{"aws_cloudfront_distribution"},
		[]string{"CKV_AWS_174", "AWS-0013"},
		"resource \"aws_cloudfront_distribution\" \"cdn\" {\n  enabled = true\n  origin {\n    domain_name = \"origin.example.com\"\n    origin_id   = \"web\"\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n  default_cache_behavior {\n    target_origin_id       = \"web\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}",
		"resource \"aws_cloudfront_distribution\" \"cdn\" {\n  enabled = true\n  origin {\n    domain_name = \"origin.example.com\"\n    origin_id   = \"web\"\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n  default_cache_behavior {\n    target_origin_id       = \"web\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}")
}

var modernCloudFrontTLS = map[string]bool{"TLSv1.2_2021": true, "TLSv1.2_2025": true, "TLSv1.3_2025": true}

func (AwsCloudFrontTLS) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	cert := r.Attr("viewer_certificate").Index(0)
	if b, ok := cert.Get("cloudfront_default_certificate").Bool(); ok && b {
		rep.Fail("viewer_certificate", "the default *.cloudfront.net certificate allows TLSv1")
		return
	}
	if v, ok := cert.Get("minimum_protocol_version").Str(); ok && !modernCloudFrontTLS[v] {
		rep.Fail("viewer_certificate.minimum_protocol_version", "minimum_protocol_version is %s; use TLSv1.2_2021 or later", v)
	}
}

// AwsLBHTTPS flags HTTP listeners that serve traffic instead of redirecting to HTTPS,
// on application load balancers and classic ELBs.
type AwsLBHTTPS struct{}

func (AwsLBHTTPS) Metadata() engine.Metadata {
	return controlMeta("aws_lb_https", controls.LoadBalancerHTTPS, []string{"aws_lb_listener", "aws_alb_listener", "aws_elb"},
		[]string{"CKV_AWS_2", "AWS-0054"},
		"resource \"aws_lb_listener\" \"http\" {\n  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = \"HTTP\"\n  default_action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}",
		"resource \"aws_lb_listener\" \"http\" {\n  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = \"HTTP\"\n  default_action {\n    type = \"redirect\"\n    redirect {\n      port        = \"443\"\n      protocol    = \"HTTPS\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}")
}

func (AwsLBHTTPS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_elb" {
		r.Attr("listener").Each(func(i int, l plan.Value) {
			if s, ok := l.Get("lb_protocol").Str(); ok && strings.EqualFold(s, "http") {
				rep.Fail("listener.lb_protocol", "the classic load balancer listens on plain HTTP (port %s)", l.Get("lb_port").Display())
			}
		})
		return
	}
	unset := ""
	proto, ok := r.Attr("protocol").Str()
	if !ok && !p.AttrConfigured(r, "protocol") && listenerDefaultsToHTTP(p, r) {
		proto, ok = "HTTP", true
		unset = " (protocol is not set, and an Application Load Balancer listener defaults to HTTP)"
	}
	if !ok || proto != "HTTP" {
		return
	}
	redirects := false
	r.Attr("default_action").Each(func(_ int, a plan.Value) {
		if t, _ := a.Get("type").Str(); t == "redirect" {
			if to, _ := a.Get("redirect").Index(0).Get("protocol").Str(); to == "HTTPS" {
				redirects = true
			}
		}
	})
	if !redirects {
		rep.Fail("default_action", "the HTTP listener serves traffic instead of redirecting to HTTPS%s", unset)
	}
}

// listenerDefaultsToHTTP tells whether a listener that leaves protocol unset
// listens on HTTP: it does on an Application Load Balancer (the default
// load_balancer_type); a Gateway Load Balancer's listener has neither protocol
// nor port, and a Network Load Balancer's must name its protocol.
func listenerDefaultsToHTTP(p *plan.Plan, r *plan.Resource) bool {
	lbs := p.Referenced(r, "load_balancer_arn", "aws_lb", "aws_alb")
	for _, lb := range lbs {
		if t, ok := lb.Attr("load_balancer_type").Str(); ok && t != "application" {
			return false
		}
	}
	if len(lbs) > 0 {
		return true
	}
	_, hasPort := r.Attr("port").Int()
	return hasPort
}

// AwsLBTLSPolicy requires a TLS 1.2+ security policy on HTTPS/TLS listeners.
type AwsLBTLSPolicy struct{}

func (AwsLBTLSPolicy) Metadata() engine.Metadata {
	return controlMeta("aws_lb_tls_policy", controls.LoadBalancerTLSPolicy, []string{"aws_lb_listener", "aws_alb_listener"},
		[]string{"CKV_AWS_103", "AWS-0047"},
		"resource \"aws_lb_listener\" \"https\" {\n  load_balancer_arn = aws_lb.web.arn\n  port              = 443\n  protocol          = \"HTTPS\"\n  ssl_policy        = \"ELBSecurityPolicy-2016-08\"\n  certificate_arn   = \"arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789\"\n  default_action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}",
		"resource \"aws_lb_listener\" \"https\" {\n  load_balancer_arn = aws_lb.web.arn\n  port              = 443\n  protocol          = \"HTTPS\"\n  ssl_policy        = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n  certificate_arn   = \"arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789\"\n  default_action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}")
}

func (AwsLBTLSPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	proto, _ := r.Attr("protocol").Str()
	if proto != "HTTPS" && proto != "TLS" {
		return
	}
	v := r.Attr("ssl_policy")
	policy, ok := v.Str()
	if !ok {
		if v.Unknown() && p.AttrConfigured(r, "ssl_policy") {
			rep.Unknown("ssl_policy", "ssl_policy is computed during apply")
			return
		}
		// Left unset, the listener gets the API's default policy.
		rep.Fail("ssl_policy", "ssl_policy is not set: AWS applies ELBSecurityPolicy-2016-08, which accepts TLS versions below 1.2")
		return
	}
	// The number after TLS13-, TLS- or FS- is the minimum version: the TLS13-1-0
	// and TLS13-1-1 policies add TLS 1.3 but still accept TLS 1.0 and 1.1.
	if !strings.Contains(policy, "TLS13-1-2") && !strings.Contains(policy, "TLS13-1-3") &&
		!strings.Contains(policy, "TLS-1-2") && !strings.Contains(policy, "FS-1-2") {
		rep.Fail("ssl_policy", "ssl_policy %s accepts TLS versions below 1.2", policy)
	}
}

// AwsIAMFullAdminPolicy flags policy documents that allow "*" on "*".
type AwsIAMFullAdminPolicy struct{}

func (AwsIAMFullAdminPolicy) Metadata() engine.Metadata {
	return controlMeta("aws_iam_full_admin_policy", controls.IAMNoFullAdminPolicies,
		[]string{"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_user_policy_attachment", "aws_iam_role_policy_attachment", "aws_iam_group_policy_attachment"},
		[]string{"CKV_AWS_62", "CKV_AWS_1", "AWS-0057"},
		"resource \"aws_iam_policy\" \"admin\" {\n  name = \"admin\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = \"*\", Resource = \"*\" }]\n  })\n}",
		"resource \"aws_iam_policy\" \"read\" {\n  name = \"read\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = [\"s3:GetObject\"], Resource = \"arn:aws:s3:::data/*\" }]\n  })\n}")
}

func (AwsIAMFullAdminPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if strings.HasSuffix(r.Type, "_attachment") {
		// Every partition's: arn:aws:, arn:aws-us-gov:, arn:aws-cn:...
		if arn, ok := r.Attr("policy_arn").Str(); ok && strings.HasPrefix(arn, "arn:aws") &&
			strings.HasSuffix(arn, ":iam::aws:policy/AdministratorAccess") {
			rep.Fail("policy_arn", "attaches the AWS managed AdministratorAccess policy")
		}
		return
	}
	stmts, ok := resourcePolicy(r)
	if !ok {
		if r.Attr("policy").Unknown() && p.AttrConfigured(r, "policy") {
			rep.Unknown("policy", "the policy document is computed during apply")
		}
		return
	}
	if allowsEverything(stmts) {
		rep.Fail("policy", "the policy allows every action (\"*\") on every resource (\"*\")")
	}
}

// allowsEverything reports an Allow statement with Action "*" and Resource "*".
func allowsEverything(stmts []policyStatement) bool {
	for _, s := range stmts {
		if s.Effect == "Allow" && hasStar(s.Action) && hasStar(s.Resource) {
			return true
		}
	}
	return false
}

func hasStar(v plan.Value) bool {
	return eachString(v, func(s string) bool { return s == "*" })
}
