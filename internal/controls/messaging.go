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

// SQSQueuePublicPolicy is checked by hardened-lint's aws_sqs_queue_public_policy.
var SQSQueuePublicPolicy = register(Control{
	ID:       "HRD-MSG-003",
	Title:    "SQS queue policies do not allow everyone",
	Severity: SeverityHigh,
	Rationale: "A queue policy statement that allows Principal \"*\" without a condition naming the caller lets " +
		"any AWS account send, read or delete the queue's messages. aws:SecureTransport, aws:Referer, aws:UserAgent " +
		"or aws:SourceIp 0.0.0.0/0 do not name the caller.",
	Remediation: "Name the principals in the aws_sqs_queue_policy (or aws_sqs_queue policy), or, for a service such as SNS or S3, add aws:SourceArn " +
		"or aws:SourceAccount with fixed values.",
	References: []Reference{{SecurityHub, "SQS.3"}},
})

// SNSTopicPublicPolicy is checked by hardened-lint's aws_sns_topic_public_policy.
var SNSTopicPublicPolicy = register(Control{
	ID:       "HRD-MSG-004",
	Title:    "SNS topic policies do not allow everyone",
	Severity: SeverityHigh,
	Rationale: "A topic policy statement that allows Principal \"*\" without a condition naming the caller lets " +
		"any AWS account publish to or subscribe to the topic. aws:SecureTransport, aws:Referer, aws:UserAgent " +
		"or aws:SourceIp 0.0.0.0/0 do not name the caller.",
	Remediation: "Name the principals in the aws_sns_topic_policy (or aws_sns_topic policy), or, for a service such as CloudWatch or S3, add " +
		"aws:SourceArn or aws:SourceAccount with fixed values.",
	References: []Reference{{SecurityHub, "SNS.4"}},
})
