# EBS encryption by default in every region enabled for the account, read at each
# plan: a region enabled later is brought under control by the next apply.
resource "hardened_ebs_encryption_by_default" "this" {}

# Or only the regions you use.
resource "hardened_ebs_encryption_by_default" "used" {
  regions = ["us-east-1", "eu-west-1"]
}

# Which regions report what (a region turned off by hand shows here in the plan).
output "ebs_encryption_by_default" {
  value = hardened_ebs_encryption_by_default.this.region_status
}
