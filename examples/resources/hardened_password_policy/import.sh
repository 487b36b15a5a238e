# The password policy is imported by the ID of the provider's account.
terraform import hardened_password_policy.this 123456789012
