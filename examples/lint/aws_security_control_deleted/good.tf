# Applied before (v1): aws_iam_account_password_policy.strict, as in bad.tf.
#
# This change (v2) moves the policy to its hardened counterpart in the same plan:
# the aws_* resource leaves the state without being destroyed and the hardened
# one imports the live policy, so no control is lost.
removed {
  from = aws_iam_account_password_policy.strict

  lifecycle {
    destroy = false
  }
}

import {
  to = hardened_password_policy.strict
  id = "123456789012"
}

resource "hardened_password_policy" "strict" {}
