# Declarations the cases refer to: planned with each case, not part of the example.
resource "aws_lambda_function" "fn" {
  function_name = "thumbnail"
  role          = "arn:aws:iam::123456789012:role/thumbnail"
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "artifacts-123456789012"
  s3_key        = "thumbnail.zip"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "uploads-123456789012"
}
