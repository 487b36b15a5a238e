# AWS Config in the regions you use, global resource types (IAM) recorded in
# eu-west-1 only, delivered to a hardened bucket this resource creates in the
# provider's region. Without regions, every region enabled for the account is
# governed, read at each plan, and global types are recorded in the provider's
# region. An account has one recorder per region, so each region is governed by
# one hardened_config_recorder: a second one governing the same region fails at
# plan. To deliver to a bucket you manage elsewhere, set s3_bucket_name (the
# bucket is referenced, not changed: its policy must let AWS Config write).
resource "hardened_config_recorder" "this" {
  regions                 = ["us-east-1", "eu-west-1"]
  global_resources_region = "eu-west-1"
}

# What each region reports (a recorder stopped by hand shows here in the plan).
output "config_recorders" {
  value = hardened_config_recorder.this.region_status
}
