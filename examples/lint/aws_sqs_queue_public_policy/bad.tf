resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:us-east-1:123456789012:jobs"
      # TLS-only says nothing about who the caller is.
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}
