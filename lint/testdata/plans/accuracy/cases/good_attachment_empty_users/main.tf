resource "aws_iam_policy_attachment" "a" {
  name       = "fixture"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  users      = [""]
  roles      = ["fixture-role"]
}
