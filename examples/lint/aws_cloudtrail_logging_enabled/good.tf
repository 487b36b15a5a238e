resource "hardened_cloudtrail" "t" {
  name = "main"
}
