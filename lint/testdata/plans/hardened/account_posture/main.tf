# The account posture as the hardened provider reads it during plan. The account
# (the AWS emulator) has alice, a console user without MFA, bob with two active
# access keys, no password policy, and a root user without MFA.
terraform {
  required_providers {
    hardened = { source = "hardened-tf/hardened" }
  }
}

provider "hardened" {}

data "hardened_account_posture" "this" {}

resource "hardened_password_policy" "this" {}
