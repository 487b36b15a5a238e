# Applied before (v1): the same trail with enable_logging = true.
#
# This change (v2) adds log file validation and keeps logging on.
resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "audit-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true
}
