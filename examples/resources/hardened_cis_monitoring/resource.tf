# The CIS monitoring section on the hardened trail's log group: fifteen metric
# filters with the published patterns and their alarms, notifying an encrypted topic
# only CloudWatch alarms of this account may publish to.
resource "hardened_cloudtrail" "org" {
  name = "org-trail"
}

resource "hardened_cis_monitoring" "org" {
  log_group_arn = hardened_cloudtrail.org.cloud_watch_logs_group_arn
}

# Alarms to an existing topic (referenced, never changed), other names, and an item
# dropped with the reason auditors will read, on another trail's log group (any
# log group ARN of the provider's region works, once the group exists).
resource "hardened_cloudtrail" "audit" {
  name = "audit-trail"
}

resource "hardened_cis_monitoring" "audit" {
  log_group_arn     = hardened_cloudtrail.audit.cloud_watch_logs_group_arn
  alarm_topic_arn   = "arn:aws:sns:us-east-1:123456789012:security-alerts"
  alarm_name_prefix = "sec-"
  metric_namespace  = "Security"
  disabled_items = {
    organizations_changes = "standalone account, not a member of AWS Organizations"
  }
  retain_on_destroy = false
}
