resource "aws_iam_policy_attachment" "ops" {
  name       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  users      = [""]
  roles      = ["ci"]
}
