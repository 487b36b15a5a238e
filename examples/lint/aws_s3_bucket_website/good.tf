resource "aws_s3_bucket" "site" {
  bucket = "org-site"
}
