# The CIS monitoring of a log group is imported by the log group's ARN; the filters
# and alarms are read under the default names (alarm_name_prefix "CIS-").
terraform import hardened_cis_monitoring.org 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/org-trail:*'
