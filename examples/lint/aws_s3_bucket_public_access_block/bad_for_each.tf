# for_each over a filtered map of the buckets: the logs bucket has no access block.
resource "aws_s3_bucket" "b" {
  for_each = toset(["data-123456789012", "logs-123456789012"])
  bucket   = each.key
}

resource "aws_s3_bucket_public_access_block" "b" {
  for_each                = { for k, b in aws_s3_bucket.b : k => b if k == "data-123456789012" }
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
