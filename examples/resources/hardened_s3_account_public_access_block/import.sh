# The account public access block is imported by the ID of the provider's account.
terraform import hardened_s3_account_public_access_block.this 123456789012
