# AWS Config in every region enabled for the account, read at each plan: global
# resource types (IAM) recorded in the provider's region only, delivered to a
# hardened bucket this resource creates.
resource "hardened_config_recorder" "this" {}

# Or only the regions you use, global types recorded in eu-west-1, delivering to
# a bucket you manage elsewhere (referenced: its policy must let AWS Config write).
resource "hardened_config_recorder" "used" {
  regions                 = ["us-east-1", "eu-west-1"]
  global_resources_region = "eu-west-1"
  s3_bucket_name          = "my-config-history"
}

# What each region reports (a recorder stopped by hand shows here in the plan).
output "config_recorders" {
  value = hardened_config_recorder.this.region_status
}
