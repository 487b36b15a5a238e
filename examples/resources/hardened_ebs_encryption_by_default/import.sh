# EBS encryption by default is imported by the ID of the provider's account.
terraform import hardened_ebs_encryption_by_default.this 123456789012
