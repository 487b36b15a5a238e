resource "aws_sqs_queue" "q" {
  name = "fixture-referer"
}

resource "aws_sqs_queue_policy" "q" {
  queue_url = aws_sqs_queue.q.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:us-east-1:123456789012:fixture-referer"
      Condition = { StringLike = { "aws:Referer" = "https://example.com/*" } }
    }]
  })
}
