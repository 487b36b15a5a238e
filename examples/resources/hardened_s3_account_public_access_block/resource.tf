# All four S3 Block Public Access settings on for the whole account.
resource "hardened_s3_account_public_access_block" "this" {}
