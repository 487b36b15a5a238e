resource "aws_cloudtrail" "t" {
  name           = "main"
  s3_bucket_name = "org-trail-logs"
}
