data "hardened_account_posture" "this" {
  max_key_age_days = 90 # the default, and the most the catalog allows
  max_unused_days  = 45
}

# 1. Warn on every plan and apply, without failing the run.
check "account_posture" {
  assert {
    condition = data.hardened_account_posture.this.compliant
    error_message = join("\n", [
      for c in data.hardened_account_posture.this.checks : "${c.id} ${c.status}: ${c.detail}" if c.status != "pass"
    ])
  }
}

# 2. Fail the run (plan included) when a check fails.
data "hardened_account_posture" "gate" {
  lifecycle {
    postcondition {
      condition     = length(self.failed) == 0
      error_message = "Account posture checks failed: ${join(", ", self.failed)}."
    }
  }
}
