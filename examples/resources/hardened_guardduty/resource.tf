# GuardDuty in every region enabled for the account, read at each plan: a
# detector enabled, findings every 15 minutes, every protection plan on.
resource "hardened_guardduty" "this" {}

# Or only the regions you use, with a protection plan turned off for a reason
# auditors will read (it weakens Security Hub GuardDuty.6).
resource "hardened_guardduty" "used" {
  regions = ["us-east-1", "eu-west-1"]

  disabled_features = {
    LAMBDA_NETWORK_LOGS = "no Lambda functions in this account (SEC-1234)"
  }
}

# What each region reports (a detector suspended by hand shows here in the plan).
output "guardduty" {
  value = hardened_guardduty.this.region_status
}
