# Public bucket policies: one on a bucket this configuration does not manage, one on a bucket it does.
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

resource "aws_s3_bucket" "site" {
  bucket = "site-assets"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::site-assets/*"
    }]
  })
}
