resource "aws_s3_bucket" "b" {
  bucket = "data"
}

# A condition on TLS says how the caller connects, not who the caller is.
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::data/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}
