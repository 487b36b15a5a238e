# GuardDuty in the regions you use: a detector enabled, findings every 15
# minutes, every protection plan on. Without regions, every region enabled for
# the account is governed, read at each plan. An account has one detector per
# region, so each region is governed by one hardened_guardduty: a second one
# governing the same region fails at plan.
resource "hardened_guardduty" "this" {
  regions = ["us-east-1", "eu-west-1"]

  # A protection plan turned off, with a reason auditors will read (it weakens
  # Security Hub GuardDuty.6).
  disabled_features = {
    LAMBDA_NETWORK_LOGS = "no Lambda functions in this account (SEC-1234)"
  }
}

# What each region reports (a detector suspended by hand shows here in the plan).
output "guardduty" {
  value = hardened_guardduty.this.region_status
}
