# The secure variants: a public policy neutralised by the bucket's Block Public Access, and a policy naming an account.
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

resource "aws_s3_bucket_public_access_block" "legacy" {
  bucket                  = "legacy-assets"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "partner" {
  bucket = "partner-exchange"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "arn:aws:s3:::partner-exchange/*"
    }]
  })
}
