# An account baseline built from every hardened resource. `make demo` applies it
# against the AWS emulator; point the provider at a real account to use it there.
terraform {
  required_version = ">= 1.5"
  required_providers {
    hardened = {
      source = "hardened-tf/hardened"
    }
  }
}

provider "hardened" {}

# CIS AWS Foundations 1.8/1.9, Security Hub IAM.7, IAM.11-IAM.17.
resource "hardened_password_policy" "this" {}

output "password_policy" {
  value = {
    account          = hardened_password_policy.this.id
    minimum_length   = hardened_password_policy.this.minimum_length
    reuse_prevention = hardened_password_policy.this.reuse_prevention
    max_age_days     = hardened_password_policy.this.max_age_days
  }
}
