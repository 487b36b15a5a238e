resource "hardened_kms_key" "data" {
  alias = "alias/app-data"
}

# A private data bucket encrypted with the key, logging to its own hardened
# access-log bucket. The application role may read and write objects.
resource "hardened_s3_bucket" "data" {
  bucket            = "example-app-data"
  kms_key_arn       = hardened_kms_key.data.arn
  access_log_bucket = true

  # Merged after the TLS denies and checked at plan.
  policy_statements = jsonencode([{
    Sid       = "AppReadsAndWrites"
    Effect    = "Allow"
    Principal = { AWS = "arn:aws:iam::123456789012:role/app" }
    Action    = ["s3:GetObject", "s3:PutObject"]
    Resource  = "arn:aws:s3:::example-app-data/*"
  }])

  noncurrent_version_days = 30
  tags                    = { team = "data" }
}
