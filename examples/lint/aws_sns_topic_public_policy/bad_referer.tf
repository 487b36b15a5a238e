resource "aws_sns_topic" "public" {
  name = "public"
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
