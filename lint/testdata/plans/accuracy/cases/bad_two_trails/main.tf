resource "aws_cloudtrail" "a" {
  name           = "fixture-a"
  s3_bucket_name = "fixture-trail-logs"
}

resource "aws_cloudtrail" "b" {
  name           = "fixture-b"
  s3_bucket_name = "fixture-trail-logs"
}
