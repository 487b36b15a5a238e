resource "hardened_password_policy" "p" {}
