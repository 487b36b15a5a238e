# Declarations the cases refer to: planned with each case, not part of the example.
resource "aws_iam_user" "dev" {
  name = "dev"
}

resource "aws_iam_group" "readers" {
  name = "readers"
}

resource "aws_iam_policy" "read" {
  name = "read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::reports/*" }]
  })
}
