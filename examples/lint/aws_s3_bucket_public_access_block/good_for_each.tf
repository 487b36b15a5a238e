# One access block per bucket through for_each: Terraform records the block's
# bucket as a reference to each.value, which stands for the bucket with its key.
resource "aws_s3_bucket" "b" {
  for_each = toset(["data-123456789012", "logs-123456789012"])
  bucket   = each.key
}

resource "aws_s3_bucket_public_access_block" "b" {
  for_each                = aws_s3_bucket.b
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
