resource "aws_s3_bucket" "logs" {
  bucket              = "org-trail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 365
    }
  }
}

resource "aws_cloudtrail" "t" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.logs.id
}
