# Reading IAM on every resource grants nothing new.
resource "aws_iam_policy" "auditor" {
  name = "auditor"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:Get*", "iam:List*", "iam:GenerateCredentialReport"]
      Resource = "*"
    }]
  })
}
