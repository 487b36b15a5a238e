# Administrator access through attachment forms, and policies that let their holder escalate.
resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_policy_attachment" "admins" {
  name       = "admins"
  roles      = [aws_iam_role.ops.name]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "iam_full" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ec2:RunInstances", "ec2:Describe*"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "power_user" {
  name = "power-user"
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["organizations:*", "account:*"]
      Resource  = "*"
    }]
  })
}

resource "aws_iam_user_policy" "keys" {
  name = "keys"
  user = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Allow"
      Action      = ["iam:CreateAccessKey", "iam:UpdateLoginProfile"]
      NotResource = "arn:aws:iam::123456789012:user/root-admin"
    }]
  })
}

resource "aws_iam_group_policy" "assume_anything" {
  name  = "assume-anything"
  group = "developers"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sts:AssumeRole", "iam:Put*Policy"]
      Resource = ["*"]
    }]
  })
}
