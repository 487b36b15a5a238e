resource "aws_s3_bucket" "data" {
  bucket = "org-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::org-data", "arn:aws:s3:::org-data/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
