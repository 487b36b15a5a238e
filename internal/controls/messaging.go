package controls

// Messaging controls: SNS, SQS (HRD-MSG-*).
var (
	SNSEncrypted = register(Control{
		ID:          "HRD-MSG-001",
		Title:       "SNS topics are encrypted with KMS",
		Severity:    SeverityLow,
		Rationale:   "Messages at rest in a topic may carry sensitive data; KMS encryption adds a key policy in front of them.",
		Remediation: "Set kms_master_key_id on aws_sns_topic (alias/aws/sns or a customer-managed key).",
		References:  []Reference{{SecurityHub, "SNS.1"}},
	})

	SQSEncrypted = register(Control{
		ID:          "HRD-MSG-002",
		Title:       "SQS queues are encrypted at rest",
		Severity:    SeverityLow,
		Rationale:   "Queued messages may carry sensitive data; server-side encryption protects them at rest.",
		Remediation: "Set sqs_managed_sse_enabled = true or kms_master_key_id on aws_sqs_queue.",
		References:  []Reference{{SecurityHub, "SQS.1"}},
	})
)
