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
)
