resource "aws_sns_topic" "events" {
  name = "events"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "*"
      # Any caller can send any Referer header.
      Condition = { StringLike = { "aws:Referer" = "https://example.com/*" } }
    }]
  })
}
