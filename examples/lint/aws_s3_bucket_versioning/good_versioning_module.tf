# Versioning from a module: the linter follows the bucket through the module's variable.
resource "aws_s3_bucket" "b" {
  bucket = "data"
}

module "versioning" {
  source = "./modules/versioning"
  bucket = aws_s3_bucket.b.id
}
