resource "aws_s3_bucket" "b" {
  bucket = "data"
}

# One finding, on restrict_public_buckets, with that setting's peer IDs only.
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}
