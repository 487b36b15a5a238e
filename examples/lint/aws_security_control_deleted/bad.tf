# Applied before (v1):
#
#   resource "aws_iam_account_password_policy" "strict" {
#     minimum_password_length = 14
#   }
#
# This change (v2) removes the block: the plan deletes the password policy.
resource "aws_iam_user" "ci" {
  name = "ci"
}
