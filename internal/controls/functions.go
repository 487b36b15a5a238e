package controls

// Lambda function controls (HRD-FN-*).
var (
	LambdaNotPublic = register(Control{
		ID:          "HRD-FN-001",
		Title:       "Lambda functions cannot be invoked by everyone",
		Severity:    SeverityHigh,
		Rationale:   "A resource policy with principal \"*\" lets any AWS account, or anyone through a function URL, invoke the function.",
		Remediation: "Set aws_lambda_permission principal to a service or account, with source_arn or source_account for services.",
		References:  []Reference{{SecurityHub, "Lambda.1"}},
	})

	LambdaPermissionServiceSource = register(Control{
		ID:       "HRD-FN-002",
		Title:    "Lambda permissions for AWS services name the source resource or account",
		Severity: SeverityMedium,
		Rationale: "A permission for a service principal (s3.amazonaws.com, sns.amazonaws.com) without source_arn or " +
			"source_account lets that service invoke the function on behalf of any AWS account: another account's " +
			"bucket or topic can trigger it (the confused deputy problem).",
		Remediation: "Set source_arn (the bucket, topic, rule or API that calls the function) or source_account on " +
			"the aws_lambda_permission.",
	})
)
