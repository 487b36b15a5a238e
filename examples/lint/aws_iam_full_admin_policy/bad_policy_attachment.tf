# aws_iam_policy_attachment (exclusive: it owns every attachment of the policy) attaching AdministratorAccess.
resource "aws_iam_policy_attachment" "admins" {
  name       = "admins"
  roles      = ["ops"]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
