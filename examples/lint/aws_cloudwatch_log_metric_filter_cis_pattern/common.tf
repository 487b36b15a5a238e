# Declarations the cases refer to: planned with each case, not part of the example.
resource "aws_s3_bucket" "logs" {
  bucket = "cloudtrail-logs-123456789012"
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "trail-logs"
}

resource "aws_cloudtrail" "t" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.logs.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail-to-logs"
}
