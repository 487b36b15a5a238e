# hardened-lint configuration: found in the working directory, or given with --config.
# Precedence: command-line flag > HARDENED_LINT_* environment variable > this file.

# Lowest severity that fails the run (exit 1): low (default), medium, high or critical.
fail_on = "low"

# Checks whose verdict depends on values known only after apply:
# warn (reported, exit 0; the default), fail, or ignore.
unknown = "warn"

# Findings recorded by `hardened-lint baseline PLAN > .hardened-lint-baseline.json`
# are reported as baselined, not failing (docs/lint/baseline.md). Relative to this file.
# baseline = ".hardened-lint-baseline.json"

# Turn a rule off.
rule "aws_cloudtrail_cloudwatch_logs" {
  enabled = false
}

# Accept a known failure for a while. reason and expires are required; an expired
# waiver stops applying and the finding says so.
waiver "aws_security_group_world_admin_ports" {
  address = "module.legacy_bastion.*"
  reason  = "bastion retired with the VPN rollout (INFRA-1234)"
  expires = "2027-03-31"
}
