resource "aws_s3_bucket_versioning" "data" {
  bucket = "org-data"
  versioning_configuration {
    status = "Enabled"
  }
}
