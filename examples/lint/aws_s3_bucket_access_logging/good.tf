resource "aws_s3_bucket" "b" {
  bucket = "data"
}

resource "aws_s3_bucket" "logs" {
  bucket = "access-logs"
}

resource "aws_s3_bucket_logging" "b" {
  bucket        = aws_s3_bucket.b.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}
