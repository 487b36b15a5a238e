# The values data "hardened_account_posture" read while Terraform planned (terraform show -json
# records them in prior_state), written as HCL: alice's access key is 120 days old.
data "hardened_account_posture" "this" {
  checks = [{
    id        = "HRD-IAM-020"
    status    = "fail"
    detail    = "1 user with an active access key older than 90 days: alice."
    offenders = ["alice"]
  }]
}
