# Applied before (v1): the same trail with enable_logging = true.
#
# This change (v2) stops logging: enable_logging true -> false.
resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "audit-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = false
}
