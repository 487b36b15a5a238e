resource "aws_s3_bucket" "logs" {
  bucket = "org-trail-logs"
}

resource "aws_cloudtrail" "t" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.logs.id
}
