# Declarations the cases refer to: planned with each case, not part of the example.
resource "aws_s3_bucket" "logs" {
  bucket = "cloudtrail-logs-123456789012"
}
