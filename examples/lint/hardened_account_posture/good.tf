# After rotating alice's key, the next plan reads:
data "hardened_account_posture" "this" {
  checks = [{
    id        = "HRD-IAM-020"
    status    = "pass"
    detail    = "Every active access key is younger than 90 days."
    offenders = []
  }]
}
