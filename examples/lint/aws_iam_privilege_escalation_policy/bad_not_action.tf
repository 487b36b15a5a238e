# An Allow with NotAction grants every action it does not name: IAM included.
resource "aws_iam_policy" "power_user" {
  name = "power-user"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["organizations:*", "account:*"]
      Resource  = "*"
    }]
  })
}
