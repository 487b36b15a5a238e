resource "aws_s3_bucket_website_configuration" "site" {
  bucket = "org-site"
  index_document {
    suffix = "index.html"
  }
}
