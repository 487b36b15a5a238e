// Package genplan writes synthetic but realistic plans for benchmarks: modules
// under for_each, each instance with a bucket and its split resources (public
// access block, versioning, encryption, policy), a security group, and now and
// then a trail; with the configuration section that references tie them together.
package genplan

import (
	"bufio"
	"fmt"
	"io"
)

// ResourcesPerInstance is how many resource instances one module instance adds.
const ResourcesPerInstance = 8

// Generate writes a plan with about n resource instances. Write errors are
// sticky in the buffered writer and returned by the final Flush.
func Generate(out io.Writer, n int) error {
	w := bufio.NewWriterSize(out, 1<<20)
	instances := n / ResourcesPerInstance
	if instances < 1 {
		instances = 1
	}
	_, _ = fmt.Fprint(w, `{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},"resource_changes":[`)
	for i := 0; i < instances; i++ {
		mod := fmt.Sprintf(`module.app[\"svc-%06d\"]`, i)
		modAddr := fmt.Sprintf(`module.app["svc-%06d"]`, i)
		_ = modAddr
		if i > 0 {
			_, _ = w.WriteString(",")
		}
		bucket := fmt.Sprintf("corp-svc-%06d-data", i)
		tags := fmt.Sprintf(`{"Name":"svc-%06d","team":"platform","cost-center":"cc-%04d","environment":"production","managed-by":"terraform","data-classification":"internal"}`, i, i%1000)
		rc := func(typ, name, after, unknown, sensitive string) {
			fmt.Fprintf(w, `{"address":"%s.%s.%s","module_address":"%s","mode":"managed","type":"%s","name":"%s","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":%s,"after_unknown":%s,"before_sensitive":false,"after_sensitive":%s}}`,
				mod, typ, name, mod, typ, name, after, unknown, sensitive)
		}
		rc("aws_s3_bucket", "data", fmt.Sprintf(`{"bucket":"%s","force_destroy":false,"lifecycle_rule":[{"enabled":true,"transition":[{"days":90,"storage_class":"GLACIER"}]}],"tags":%s,"tags_all":%s,"timeouts":null}`, bucket, tags, tags),
			`{"acceleration_status":true,"acl":true,"arn":true,"bucket_domain_name":true,"bucket_regional_domain_name":true,"cors_rule":true,"grant":true,"hosted_zone_id":true,"id":true,"logging":true,"object_lock_configuration":true,"object_lock_enabled":true,"policy":true,"region":true,"replication_configuration":true,"request_payer":true,"server_side_encryption_configuration":true,"versioning":true,"website":true,"website_domain":true,"website_endpoint":true}`,
			`{"cors_rule":[],"grant":[],"lifecycle_rule":[{"transition":[{}]}],"logging":[],"tags":{},"tags_all":{}}`)
		_, _ = w.WriteString(",")
		rc("aws_s3_bucket_public_access_block", "data", `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true}`, `{"bucket":true,"id":true}`, `{}`)
		_, _ = w.WriteString(",")
		rc("aws_s3_bucket_versioning", "data", `{"expected_bucket_owner":null,"mfa":null,"versioning_configuration":[{"mfa_delete":"Enabled","status":"Enabled"}]}`, `{"bucket":true,"id":true,"versioning_configuration":[{}]}`, `{"versioning_configuration":[{}]}`)
		_, _ = w.WriteString(",")
		rc("aws_s3_bucket_server_side_encryption_configuration", "data", `{"expected_bucket_owner":null,"rule":[{"apply_server_side_encryption_by_default":[{"kms_master_key_id":null,"sse_algorithm":"aws:kms"}],"bucket_key_enabled":true}]}`, `{"bucket":true,"id":true,"rule":[{"apply_server_side_encryption_by_default":[{}]}]}`, `{"rule":[{"apply_server_side_encryption_by_default":[{}]}]}`)
		_, _ = w.WriteString(",")
		rc("aws_s3_bucket_policy", "data", `{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"}`, `{"bucket":true,"id":true}`, `{}`)
		_, _ = w.WriteString(",")
		cidr := "10.0.0.0/16"
		if i%50 == 0 {
			cidr = "0.0.0.0/0"
		}
		rc("aws_security_group", "app", fmt.Sprintf(`{"description":"svc %d","egress":[{"cidr_blocks":["0.0.0.0/0"],"description":"out","from_port":443,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":443}],"ingress":[{"cidr_blocks":["%s"],"description":"ssh","from_port":22,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":22},{"cidr_blocks":["0.0.0.0/0"],"description":"https","from_port":443,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":443}],"name":"svc-%06d","revoke_rules_on_delete":false,"tags":%s,"tags_all":%s,"timeouts":null}`, i, cidr, i, tags, tags),
			`{"arn":true,"egress":[{"cidr_blocks":[false],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[]}],"id":true,"ingress":[{"cidr_blocks":[false],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[]},{"cidr_blocks":[false],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[]}],"name_prefix":true,"owner_id":true,"vpc_id":true}`,
			`{"egress":[{"cidr_blocks":[false],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[]}],"ingress":[{"cidr_blocks":[false],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[]},{"cidr_blocks":[false],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[]}],"tags":{},"tags_all":{}}`)
		_, _ = w.WriteString(",")
		rc("aws_s3_bucket_logging", "data", `{"expected_bucket_owner":null,"target_bucket":"corp-access-logs","target_grant":[],"target_object_key_format":[],"target_prefix":"s3/"}`,
			`{"bucket":true,"id":true}`, `{"target_grant":[],"target_object_key_format":[]}`)
		_, _ = w.WriteString(",")
		// About 2% of the instances carry a weakness, as in a real estate under review.
		rc("aws_cloudtrail", "audit", fmt.Sprintf(`{"name":"svc-%06d","enable_logging":true,"enable_log_file_validation":true,"include_global_service_events":true,"is_multi_region_trail":%v,"sns_topic_name":"audit-deliveries","event_selector":[{"include_management_events":true,"read_write_type":"All","data_resource":[{"type":"AWS::S3::Object","values":["arn:aws:s3"]}]}],"tags":%s}`, i, i%50 != 7, tags),
			`{"arn":true,"home_region":true,"id":true,"s3_bucket_name":true,"sns_topic_arn":true,"kms_key_id":true,"cloud_watch_logs_group_arn":true,"cloud_watch_logs_role_arn":true}`, `{"event_selector":[{"data_resource":[{"values":[false]}]}],"tags":{}}`)
	}
	ref := func(attr, target string) string {
		return fmt.Sprintf(`"%s":{"references":["%s.id","%s"]}`, attr, target, target)
	}
	fmt.Fprintf(w, `],"configuration":{"root_module":{"module_calls":{"app":{"source":"./modules/app","for_each_expression":{"references":["var.services"]},"module":{"resources":[`+
		`{"address":"aws_s3_bucket.data","mode":"managed","type":"aws_s3_bucket","name":"data","expressions":{"bucket":{"references":["each.key"]}}},`+
		`{"address":"aws_s3_bucket_public_access_block.data","mode":"managed","type":"aws_s3_bucket_public_access_block","name":"data","expressions":{%s,"block_public_acls":{"constant_value":true},"block_public_policy":{"constant_value":true},"ignore_public_acls":{"constant_value":true},"restrict_public_buckets":{"constant_value":true}}},`+
		`{"address":"aws_s3_bucket_versioning.data","mode":"managed","type":"aws_s3_bucket_versioning","name":"data","expressions":{%s}},`+
		`{"address":"aws_s3_bucket_server_side_encryption_configuration.data","mode":"managed","type":"aws_s3_bucket_server_side_encryption_configuration","name":"data","expressions":{%s}},`+
		`{"address":"aws_s3_bucket_policy.data","mode":"managed","type":"aws_s3_bucket_policy","name":"data","expressions":{%s,"policy":{"references":["data.aws_iam_policy_document.data.json"]}}},`+
		`{"address":"aws_security_group.app","mode":"managed","type":"aws_security_group","name":"app","expressions":{"ingress":{"constant_value":[]}}},`+
		`{"address":"aws_s3_bucket_logging.data","mode":"managed","type":"aws_s3_bucket_logging","name":"data","expressions":{%s}},`+
		`{"address":"aws_cloudtrail.audit","mode":"managed","type":"aws_cloudtrail","name":"audit","expressions":{"s3_bucket_name":{"references":["aws_s3_bucket.data.id","aws_s3_bucket.data"]},"is_multi_region_trail":{"constant_value":true},"kms_key_id":{"references":["var.kms_key_arn"]},"cloud_watch_logs_group_arn":{"references":["var.log_group_arn"]},"cloud_watch_logs_role_arn":{"references":["var.log_role_arn"]}}}`+
		`]}}}}}}`, ref("bucket", "aws_s3_bucket.data"), ref("bucket", "aws_s3_bucket.data"), ref("bucket", "aws_s3_bucket.data"), ref("bucket", "aws_s3_bucket.data"), ref("bucket", "aws_s3_bucket.data"))
	return w.Flush()
}
