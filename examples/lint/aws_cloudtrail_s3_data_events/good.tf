resource "aws_cloudtrail" "t" {
  name           = "main"
  s3_bucket_name = "org-trail-logs"

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
