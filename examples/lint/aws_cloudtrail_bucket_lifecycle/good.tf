resource "aws_s3_bucket" "logs" {
  bucket = "org-trail-logs"
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "archive"
    status = "Enabled"
    filter {}
    transition {
      days          = 90
      storage_class = "GLACIER"
    }
    expiration {
      days = 2557
    }
  }
}

resource "aws_cloudtrail" "t" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.logs.id
}
