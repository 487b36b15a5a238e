resource "aws_s3_bucket_versioning" "data" {
  bucket = "org-data"
  mfa    = "arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456"
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}
