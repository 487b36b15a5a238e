resource "aws_cloudtrail" "t" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.logs.id
  enable_log_file_validation = false
}
