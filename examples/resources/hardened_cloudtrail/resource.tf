# The whole CIS-grade setup from one block: a multi-region, validated, logging trail
# recording every management event, a customer-managed rotated KMS key, a private,
# versioned, access-logged log bucket with a lifecycle, and CloudWatch Logs delivery.
resource "hardened_cloudtrail" "org" {
  name = "org-trail"
}

# Options: S3 object-level write events (CIS 3.8 in v5.0), Insights, a notification
# topic, retention, and tags on everything created.
resource "hardened_cloudtrail" "audit" {
  name                            = "audit-trail"
  s3_data_events                  = "write"
  insights                        = true
  archive_after_days              = 30
  retention_days                  = 2557 # seven years
  cloud_watch_logs_retention_days = 400
  tags = {
    Team = "security"
  }
}

# Logs delivered to a bucket and key kept in a separate logging account. They are
# referenced, never created, changed or deleted; the bucket's policy and the key's
# policy must already let CloudTrail write and encrypt for this account.
resource "hardened_cloudtrail" "central" {
  name           = "central-trail"
  s3_bucket_name = "example-org-audit-logs"
  kms_key_arn    = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
