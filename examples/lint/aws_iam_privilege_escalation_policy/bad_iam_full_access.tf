resource "aws_iam_policy_attachment" "iam_admins" {
  name       = "iam-admins"
  groups     = ["iam-admins"]
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}
