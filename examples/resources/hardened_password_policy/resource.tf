# The CIS-strict policy: length 14, every character class, reuse 24, expiry 90 days.
resource "hardened_password_policy" "this" {}

# Stricter than the floor is fine; weaker fails at plan.
resource "hardened_password_policy" "stricter" {
  minimum_length    = 20
  max_age_days      = 60
  hard_expiry       = true
  retain_on_destroy = false # delete the policy on destroy (the default keeps it)
}
