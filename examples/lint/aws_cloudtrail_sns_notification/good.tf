resource "aws_sns_topic" "trail" {
  name              = "trail-deliveries"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_cloudtrail" "t" {
  name           = "main"
  s3_bucket_name = "org-trail-logs"
  sns_topic_name = aws_sns_topic.trail.name
}
