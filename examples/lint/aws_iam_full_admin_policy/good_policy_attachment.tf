resource "aws_iam_policy_attachment" "auditors" {
  name       = "auditors"
  roles      = ["audit"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
