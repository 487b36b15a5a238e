# A key for application data: the account root administers it (through IAM),
# the application role uses it, CloudWatch Logs may use it for this account only.
resource "hardened_kms_key" "data" {
  alias       = "alias/app-data"
  description = "Application data"

  users              = ["arn:aws:iam::123456789012:role/app"]
  service_principals = ["logs.us-east-1.amazonaws.com"]

  # Checked at plan: a Principal "*" needs a condition that restricts the principal.
  additional_statements = jsonencode([{
    Sid       = "OrganizationDecrypts"
    Effect    = "Allow"
    Principal = "*"
    Action    = ["kms:Decrypt", "kms:DescribeKey"]
    Resource  = "*"
    Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123def4" } }
  }])

  rotation_period_days = 180
  tags                 = { team = "data" }
}
