package rules

// The reason for every alias and related ID a rule lists, in one table:
// TestPeerIDsHaveReasons holds the rules to it and internal/agreement's
// TestCatalogAgreement reads it.

// PeerID is one checkov or trivy ID a rule lists, where, and why.
type PeerID struct {
	// Where is "alias" (every finding of the rule), "part <id>" (findings of
	// that part) or "related" (overlapping, never on a finding).
	Where, ID, Reason string
}

// PeerIDReasons holds every alias and related ID against the peer check's logic as
// read in checkov and trivy-checks (checkov 2026-08, trivy-checks 2026-08). An
// alias means the peer fails where the finding is reported; related means the
// checks overlap without agreeing on the same input.
var PeerIDReasons = map[string][]PeerID{
	"aws_ami_public": {
		{"related", "CKV_AWS_205", "checkov fails every aws_ami_launch_permission, one for a named account too"}},
	"aws_cloudfront_https": {
		{"alias", "CKV_AWS_34", "viewer_protocol_policy allow-all fails both"},
		{"alias", "AWS-0012", "viewer_protocol_policy allow-all fails both"}},
	"aws_cloudfront_tls": {
		{"alias", "CKV_AWS_174", "minimum_protocol_version below TLSv1.2_2018/2019/2021 fails both"},
		{"alias", "AWS-0013", "minimum_protocol_version below TLSv1.2_2021 fails both"}},
	"aws_cloudtrail_bucket_access_logging": {
		{"alias", "AWS-0163", "the trail's bucket without access logging fails both"}},
	"aws_cloudtrail_bucket_public": {
		{"alias", "AWS-0161", "a trail whose bucket is public fails both"}},
	"aws_cloudtrail_cloudwatch_logs": {
		{"alias", "CKV2_AWS_10", "a trail without a CloudWatch Logs group fails both"},
		{"alias", "AWS-0162", "a trail without cloud_watch_logs_group_arn fails both"}},
	"aws_cloudtrail_kms_encryption": {
		{"alias", "CKV_AWS_35", "a trail without kms_key_id fails both"},
		{"alias", "AWS-0015", "a trail without kms_key_id fails both"}},
	"aws_cloudtrail_log_file_validation": {
		{"alias", "CKV_AWS_36", "enable_log_file_validation not true fails both"},
		{"alias", "AWS-0016", "enable_log_file_validation not true fails both"}},
	"aws_cloudtrail_logging_enabled": {
		{"alias", "CKV_AWS_251", "enable_logging = false fails both"}},
	"aws_cloudtrail_multi_region": {
		{"part multi_region", "CKV_AWS_67", "is_multi_region_trail not true fails both; the management-events part has no peer"},
		{"part multi_region", "AWS-0014", "is_multi_region_trail not true fails both; the management-events part has no peer"}},
	"aws_cloudtrail_sns_notification": {
		{"alias", "CKV_AWS_252", "a trail without sns_topic_name fails both"}},
	"aws_cloudwatch_log_group_kms": {
		{"alias", "CKV_AWS_158", "a log group without kms_key_id fails both"},
		{"alias", "AWS-0017", "a log group without kms_key_id fails both"}},
	"aws_cloudwatch_log_group_retention": {
		{"alias", "CKV_AWS_66", "retention_in_days unset fails both (checkov accepts any value, as this rule does)"}},
	"aws_config_recorder_all": {
		{"part is_enabled", "CKV2_AWS_45", "a stopped recorder status fails checkov's recorder check, reported on the status"},
		{"part include_global_resource_types", "CKV2_AWS_48", "include_global_resource_types not true (unset included) fails both"}},
	"aws_default_security_group_rules": {
		{"alias", "AWS-0173", "a default security group with any ingress or egress rule fails both"},
		{"related", "CKV2_AWS_12", "checkov reports the rules on the aws_vpc, this rule on the aws_default_security_group"}},
	"aws_ebs_encryption_by_default": {
		{"alias", "CKV_AWS_106", "enabled not true fails both"}},
	"aws_ebs_volume_encryption": {
		{"part aws_ebs_volume", "CKV_AWS_3", "checkov judges aws_ebs_volume.encrypted only"},
		{"part aws_ebs_volume", "AWS-0026", "trivy judges the volume's encryption only"},
		{"part aws_instance", "CKV_AWS_8", "checkov judges the instance's root and EBS block devices (and launch configurations)"},
		{"part aws_instance", "AWS-0131", "trivy judges the instance's root and EBS block devices"}},
	"aws_guardduty_enabled": {
		{"alias", "CKV_AWS_238", "enable = false fails both; unset (true) passes both"},
		{"related", "CKV2_AWS_3", "checkov also requires an aws_guardduty_organization_configuration"}},
	"aws_elb_tls_policy": {
		{"part protocols", "CKV_AWS_213", "Protocol-SSLv3, TLSv1 or TLSv1.1 enabled fails both; checkov does not judge ciphers"},
		{"part reference_policy", "CKV_AWS_213", "a predefined policy older than TLS-1-2-2017-01 fails both"}},
	"aws_iam_full_admin_policy": {
		{"part policy_document", "CKV_AWS_62", "Action * on Resource * in aws_iam_policy, role, user or group policy documents (not aws_iam_role inline_policy)"},
		{"part administrator_access", "CKV_AWS_274", "AdministratorAccess attached by aws_iam_role, the policy attachment resources or SSO"},
		{"related", "CKV_AWS_1", "checkov judges the data.aws_iam_policy_document, not the resource this rule reports"}},
	"aws_iam_password_policy_character_classes": {
		{"part require_uppercase_characters", "CKV_AWS_15", "checkov's uppercase check"},
		{"part require_uppercase_characters", "AWS-0061", "trivy's uppercase check"},
		{"part require_lowercase_characters", "CKV_AWS_11", "checkov's lowercase check"},
		{"part require_lowercase_characters", "AWS-0058", "trivy's lowercase check"},
		{"part require_numbers", "CKV_AWS_12", "checkov's number check"},
		{"part require_numbers", "AWS-0059", "trivy's number check"},
		{"part require_symbols", "CKV_AWS_14", "checkov's symbol check"},
		{"part require_symbols", "AWS-0060", "trivy's symbol check"}},
	"aws_iam_password_policy_max_age": {
		{"alias", "CKV_AWS_9", "max_password_age unset or above 90 fails both"},
		{"alias", "AWS-0062", "max_password_age above 90 fails both"}},
	"aws_iam_password_policy_min_length": {
		{"alias", "CKV_AWS_10", "minimum_password_length below 14 fails both"},
		{"alias", "AWS-0063", "minimum_password_length below 14 fails both"}},
	"aws_iam_password_policy_reuse_prevention": {
		{"alias", "CKV_AWS_13", "checkov wants 24 remembered passwords, as this rule does"},
		{"related", "AWS-0056", "trivy accepts 5 remembered passwords; this rule wants 24"}},
	"aws_iam_user_direct_policy": {
		{"alias", "CKV_AWS_40", "checkov judges aws_iam_user_policy, aws_iam_user_policy_attachment and aws_iam_policy_attachment users"},
		{"alias", "AWS-0143", "a policy attached to a user fails both"}},
	"aws_instance_imdsv2": {
		{"alias", "CKV_AWS_79", "http_tokens not required (endpoint enabled) fails both on instances, launch templates and configurations"},
		{"part aws_instance", "AWS-0028", "trivy's instance check"},
		{"part aws_launch_template", "AWS-0130", "trivy's launch template and configuration check"},
		{"part aws_launch_configuration", "AWS-0130", "trivy's launch template and configuration check"}},
	"aws_kms_key_rotation": {
		{"alias", "CKV_AWS_7", "a symmetric key without enable_key_rotation fails both"},
		{"alias", "AWS-0065", "a non-signing key without rotation fails both"}},
	"aws_lambda_permission_public": {
		{"related", "CKV_AWS_301", "checkov fails every principal \"*\", even one restricted by source_arn, source_account or principal_org_id"}},
	"aws_lambda_permission_service_source": {
		{"alias", "CKV_AWS_364", "a *.amazonaws.com principal without source_arn or source_account fails both"},
		{"related", "AWS-0067", "trivy also fails a service permission that names source_account but not source_arn"}},
	"aws_kms_key_public_policy": {
		{"related", "CKV_AWS_33", "checkov passes any statement with a Condition, even aws:SecureTransport or aws:SourceIp 0.0.0.0/0"}},
	"aws_lb_https": {
		{"part aws_lb_listener", "CKV_AWS_2", "checkov judges aws_lb_listener: HTTP without a redirect to HTTPS"},
		{"part aws_lb_listener", "AWS-0054", "trivy judges application load balancer listeners: HTTP without a redirect"},
		{"part aws_alb_listener", "CKV_AWS_2", "as for aws_lb_listener"},
		{"part aws_alb_listener", "AWS-0054", "as for aws_lb_listener"}},
	"aws_lb_tls_policy": {
		{"alias", "CKV_AWS_103", "an HTTPS/TLS listener with a policy older than TLS 1.2 fails both"},
		{"alias", "AWS-0047", "an outdated ssl_policy fails both"}},
	"aws_network_acl_world_admin_ports": {
		{"part port_20", "CKV_AWS_230", "checkov's port 20 check; the database ports have no peer"},
		{"part port_21", "CKV_AWS_229", "checkov's port 21 check"},
		{"part port_22", "CKV_AWS_232", "checkov's port 22 check"},
		{"part port_3389", "CKV_AWS_231", "checkov's port 3389 check"},
		{"part all_protocols", "CKV_AWS_229", "every protocol from the world opens port 21"},
		{"part all_protocols", "CKV_AWS_230", "every protocol from the world opens port 20"},
		{"part all_protocols", "CKV_AWS_231", "every protocol from the world opens port 3389"},
		{"part all_protocols", "CKV_AWS_232", "every protocol from the world opens port 22"},
		{"part all_protocols", "AWS-0102", "trivy fails every allow rule on protocol -1"}},
	"aws_rds_encryption": {
		{"part aws_db_instance", "CKV_AWS_16", "checkov judges aws_db_instance.storage_encrypted"},
		{"part aws_db_instance", "AWS-0080", "trivy judges the instance's storage encryption"},
		{"part aws_rds_cluster", "CKV_AWS_96", "checkov's Aurora cluster check"},
		{"part aws_docdb_cluster", "CKV_AWS_74", "checkov's DocumentDB check"},
		{"part aws_neptune_cluster", "CKV_AWS_44", "checkov's Neptune check"},
		{"related", "AWS-0079", "trivy also fails an encrypted cluster without a customer-managed key"}},
	"aws_rds_public": {
		{"alias", "CKV_AWS_17", "publicly_accessible = true on aws_db_instance or aws_rds_cluster_instance fails both"},
		{"alias", "AWS-0180", "trivy's current ID (trivy-checks renumbered AWS-0082): public access on an instance or cluster instance"}},
	"aws_redshift_encryption": {
		{"alias", "CKV_AWS_64", "encrypted not true fails both"}},
	"aws_redshift_public": {
		{"alias", "CKV_AWS_87", "publicly_accessible true fails both"}},
	"aws_s3_bucket_access_logging": {
		{"alias", "CKV_AWS_18", "a bucket without access logging fails both"},
		{"alias", "AWS-0089", "a bucket without access logging fails both"}},
	"aws_s3_bucket_mfa_delete": {
		{"related", "AWS-0170", "trivy judges only an mfa_delete that is set; this rule also fails versioning without it"}},
	"aws_s3_bucket_public_access_block": {
		{"part no_block", "CKV2_AWS_6", "no block: checkov's bucket check fails"},
		{"part no_block", "AWS-0094", "no block: trivy's 'specify a block' fails"},
		{"part no_block", "AWS-0086", "no block: each of trivy's four setting checks fails"},
		{"part no_block", "AWS-0087", "as AWS-0086"},
		{"part no_block", "AWS-0091", "as AWS-0086"},
		{"part no_block", "AWS-0093", "as AWS-0086"},
		{"part block_public_acls", "CKV2_AWS_6", "checkov's bucket check requires block_public_acls"},
		{"part block_public_acls", "AWS-0086", "trivy's block_public_acls check"},
		{"part block_public_policy", "CKV2_AWS_6", "checkov's bucket check requires block_public_policy"},
		{"part block_public_policy", "AWS-0087", "trivy's block_public_policy check"},
		{"part ignore_public_acls", "AWS-0091", "trivy's ignore_public_acls check"},
		{"part restrict_public_buckets", "AWS-0093", "trivy's restrict_public_buckets check"},
		{"related", "CKV_AWS_53", "checkov reports block_public_acls on the aws_s3_bucket_public_access_block, this rule on the bucket"},
		{"related", "CKV_AWS_54", "as CKV_AWS_53, for block_public_policy"},
		{"related", "CKV_AWS_55", "as CKV_AWS_53, for ignore_public_acls"},
		{"related", "CKV_AWS_56", "as CKV_AWS_53, for restrict_public_buckets"}},
	"aws_s3_bucket_public_acl": {
		{"alias", "CKV_AWS_20", "public-read, public-read-write, authenticated-read (and website) ACLs fail checkov's read check"},
		{"alias", "AWS-0092", "the same public canned ACLs fail trivy"},
		{"part public_write", "CKV_AWS_57", "only public-read-write fails checkov's write check"}},
	"aws_s3_bucket_public_policy": {
		{"alias", "CKV_AWS_70", "Principal \"*\" without a condition that restricts the principal fails both"}},
	"aws_s3_bucket_versioning": {
		{"alias", "CKV_AWS_21", "versioning not enabled fails both"},
		{"alias", "AWS-0090", "versioning not enabled fails both"}},
	"aws_security_group_description": {
		{"part group_description", "AWS-0099", "trivy fails a group without a description or with \"Managed by Terraform\"; checkov accepts the default"},
		{"part rule_description", "CKV_AWS_23", "checkov fails a rule without a description"},
		{"part rule_description", "AWS-0124", "trivy fails a rule without a description"}},
	"aws_security_group_world_admin_ports": {
		{"part ssh", "CKV_AWS_24", "port 22 open to the world; the other admin and database ports have no peer"},
		{"part ssh", "AWS-0107", "trivy judges SSH and RDP only"},
		{"part rdp", "CKV_AWS_25", "port 3389 open to the world"},
		{"part rdp", "AWS-0107", "trivy judges SSH and RDP only"},
		{"part ssh_rdp", "CKV_AWS_24", "a range covering both ports"},
		{"part ssh_rdp", "CKV_AWS_25", "a range covering both ports"},
		{"part ssh_rdp", "AWS-0107", "a range covering both ports"}},
	"aws_security_group_world_all_protocols": {
		{"alias", "CKV_AWS_277", "protocol -1 from the world fails checkov's all-ports check"},
		{"alias", "CKV_AWS_24", "every protocol includes SSH: checkov's port 22 check fails too"},
		{"alias", "CKV_AWS_25", "every protocol includes RDP: checkov's port 3389 check fails too"},
		{"alias", "AWS-0107", "trivy counts protocol -1 as SSH and RDP"}},
	"aws_security_group_world_egress": {
		{"alias", "CKV_AWS_382", "protocol -1 to the world fails checkov's all-ports egress check"},
		{"related", "AWS-0104", "trivy fails world egress on any port; this rule only every protocol"}},
	"aws_sns_topic_encryption": {
		{"alias", "CKV_AWS_26", "a topic without kms_master_key_id fails both (SNS has no default encryption)"},
		{"alias", "AWS-0095", "a topic without kms_master_key_id fails both"}},
	"aws_sns_topic_public_policy": {
		{"part aws_sns_topic_policy", "CKV_AWS_169", "checkov's internet-accessible test, on aws_sns_topic_policy only (not the topic's inline policy)"}},
	"aws_sqs_queue_public_policy": {
		{"alias", "CKV_AWS_168", "checkov's internet-accessible test on aws_sqs_queue and aws_sqs_queue_policy: Principal \"*\" whose conditions name no caller"}},
	"aws_sqs_queue_encryption": {
		{"related", "CKV_AWS_27", "checkov fails a queue that leaves SSE-SQS to SQS's default; this rule passes it"},
		{"related", "AWS-0096", "trivy fails a queue that leaves SSE-SQS to SQS's default; this rule passes it"}},
	"aws_vpc_default_security_group": {
		{"alias", "CKV2_AWS_12", "a VPC whose default security group is not managed fails checkov's VPC check"}},
	"aws_vpc_flow_logs": {
		{"alias", "CKV2_AWS_11", "a VPC without a flow log fails both"},
		{"alias", "AWS-0178", "a VPC without a flow log fails both"}},
}

// IsAlias reports whether p is an alias (rule-wide or of a part), not a
// related ID.
func (p PeerID) IsAlias() bool { return p.Where != "related" }
