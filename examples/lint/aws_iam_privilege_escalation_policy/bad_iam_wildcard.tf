# iam:Put*Policy on every resource: write an inline admin policy onto oneself.
resource "aws_iam_role_policy" "ci" {
  name = "ci"
  role = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:Get*", "iam:List*", "iam:Put*Policy"]
      Resource = "*"
    }]
  })
}
