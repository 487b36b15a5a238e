# Stricter than trivy (5), as strict as checkov (24): CKV_AWS_13 only.
resource "aws_iam_account_password_policy" "p" {
  minimum_password_length      = 14
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
  max_password_age             = 90
  password_reuse_prevention    = 10
}
