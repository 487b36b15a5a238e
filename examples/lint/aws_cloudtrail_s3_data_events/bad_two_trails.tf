# A plan-wide finding: reported once, on the first trail, not under each.
resource "aws_cloudtrail" "a" {
  name           = "trail-a"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "b" {
  name           = "trail-b"
  s3_bucket_name = "logs"
}
