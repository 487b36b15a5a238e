# The bucket is managed elsewhere: the finding is on the policy.
resource "aws_s3_bucket_policy" "legacy" {
  bucket = "legacy-assets"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::legacy-assets/*"
    }]
  })
}
