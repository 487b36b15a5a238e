# Every CIS monitoring filter with the published pattern, and its alarm.
resource "hardened_cis_monitoring" "trail" {
  log_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
}
