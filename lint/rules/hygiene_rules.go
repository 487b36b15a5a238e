package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMUserDirectPolicy flags policies attached directly to IAM users.
type AwsIAMUserDirectPolicy struct{}

func (AwsIAMUserDirectPolicy) Metadata() engine.Metadata {
	return controlMeta("aws_iam_user_direct_policy", controls.IAMNoUserPolicies,
		[]string{"aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"},
		[]string{"CKV_AWS_40", "AWS-0143"},
		"resource \"aws_iam_user_policy_attachment\" \"dev\" {\n  user       = aws_iam_user.dev.name\n  policy_arn = aws_iam_policy.read.arn\n}",
		"resource \"aws_iam_group_policy_attachment\" \"readers\" {\n  group      = aws_iam_group.readers.name\n  policy_arn = aws_iam_policy.read.arn\n}")
}

func (AwsIAMUserDirectPolicy) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_iam_policy_attachment" {
		if users := r.Attr("users"); users.Len() > 0 {
			rep.Fail("users", "attaches the policy directly to %d user(s)", users.Len())
		}
		return
	}
	rep.Fail("user", "attaches a policy directly to a user")
}

// AwsIAMAccessKey flags access keys created in Terraform.
type AwsIAMAccessKey struct{}

func (AwsIAMAccessKey) Metadata() engine.Metadata {
	return controlMeta("aws_iam_access_key", controls.IAMNoAccessKeys, []string{"aws_iam_access_key"}, nil,
		"resource \"aws_iam_access_key\" \"ci\" {\n  user = aws_iam_user.ci.name\n}",
		"resource \"aws_iam_role\" \"ci\" {\n  name               = \"ci\"\n  assume_role_policy = data.aws_iam_policy_document.github_oidc.json\n}")
}

func (AwsIAMAccessKey) Check(_ *plan.Plan, _ *plan.Resource, rep *engine.Reporter) {
	rep.Fail("", "creates a long-lived access key; its secret ends up in the Terraform state")
}

// AwsSNSTopicEncryption requires KMS on SNS topics.
type AwsSNSTopicEncryption struct{}

func (AwsSNSTopicEncryption) Metadata() engine.Metadata {
	return controlMeta("aws_sns_topic_encryption", controls.SNSEncrypted, []string{"aws_sns_topic"},
		[]string{"CKV_AWS_26", "AWS-0095"},
		"resource \"aws_sns_topic\" \"alerts\" {\n  name = \"alerts\"\n}",
		"resource \"aws_sns_topic\" \"alerts\" {\n  name              = \"alerts\"\n  kms_master_key_id = \"alias/aws/sns\"\n}")
}

func (AwsSNSTopicEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireSet(p, r, rep, "kms_master_key_id", "the topic is not encrypted: kms_master_key_id is not set")
}

// AwsSQSQueueEncryption requires SSE on SQS queues.
type AwsSQSQueueEncryption struct{}

func (AwsSQSQueueEncryption) Metadata() engine.Metadata {
	return controlMeta("aws_sqs_queue_encryption", controls.SQSEncrypted, []string{"aws_sqs_queue"},
		[]string{"CKV_AWS_27", "AWS-0096"},
		"resource \"aws_sqs_queue\" \"jobs\" {\n  name                    = \"jobs\"\n  sqs_managed_sse_enabled = false\n}",
		"resource \"aws_sqs_queue\" \"jobs\" {\n  name                    = \"jobs\"\n  sqs_managed_sse_enabled = true\n}")
}

func (AwsSQSQueueEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if k, ok := r.Attr("kms_master_key_id").Str(); ok && k != "" {
		return
	}
	if p.AttrConfigured(r, "kms_master_key_id") && r.Attr("kms_master_key_id").Unknown() {
		return
	}
	v := r.Attr("sqs_managed_sse_enabled")
	if b, ok := v.Bool(); ok {
		if !b {
			rep.Fail("sqs_managed_sse_enabled", "the queue is not encrypted: sqs_managed_sse_enabled = false and no kms_master_key_id")
		}
		return
	}
	if v.Unknown() && p.AttrConfigured(r, "sqs_managed_sse_enabled") {
		rep.Unknown("sqs_managed_sse_enabled", "sqs_managed_sse_enabled is computed during apply")
	}
	// Unset: SQS enables SSE-SQS by default on new queues.
}

// AwsLambdaPermissionPublic flags Lambda permissions for everyone.
type AwsLambdaPermissionPublic struct{}

func (AwsLambdaPermissionPublic) Metadata() engine.Metadata {
	return controlMeta("aws_lambda_permission_public", controls.LambdaNotPublic, []string{"aws_lambda_permission"}, nil,
		"resource \"aws_lambda_permission\" \"any\" {\n  action        = \"lambda:InvokeFunction\"\n  function_name = aws_lambda_function.fn.function_name\n  principal     = \"*\"\n}",
		"resource \"aws_lambda_permission\" \"s3\" {\n  action        = \"lambda:InvokeFunction\"\n  function_name = aws_lambda_function.fn.function_name\n  principal     = \"s3.amazonaws.com\"\n  source_arn    = aws_s3_bucket.uploads.arn\n}")
}

func (AwsLambdaPermissionPublic) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if pr, ok := r.Attr("principal").Str(); !ok || pr != "*" {
		return
	}
	// Lambda writes these as conditions of the statement (aws:PrincipalOrgID,
	// AWS:SourceAccount, AWS:SourceArn): principal "*" with one of them is the
	// documented way to grant an organization's accounts or one source, not everyone.
	for _, a := range []string{"principal_org_id", "source_account", "source_arn"} {
		v := r.Attr(a)
		if s, ok := v.Str(); (ok && s != "") || (v.Unknown() && p.AttrConfigured(r, a)) {
			return
		}
	}
	rep.Fail("principal", "the function can be invoked by everyone (principal = \"*\")")
}
