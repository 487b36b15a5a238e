#!/usr/bin/env bash
# pre-commit hook: plan each Terraform directory that holds a changed .tf file and lint the plan.
# Exit 1 when any plan has failing findings; 2 on errors (as hardened-lint does).
# Every resource that exists after apply is judged, unchanged ones included; set
# HARDENED_LINT_CHANGES_ONLY=true (or pass --changes-only in HARDENED_LINT_ARGS) to judge only what
# the plan creates, updates or replaces.
set -uo pipefail
lint=${HARDENED_LINT:-hardened-lint}
command -v "$lint" >/dev/null || lint="go run github.com/hardened-tf/terraform-provider-hardened/lint/cmd/hardened-lint@latest"
command -v terraform >/dev/null || { echo "hardened-lint-plan: terraform is not on PATH" >&2; exit 2; }

status=0
for dir in $(for f in "$@"; do dirname "$f"; done | sort -u); do
  # Only root modules are planned: skip directories without a backend or provider block of their own.
  grep -qsE '^\s*(terraform|provider)\s' "$dir"/*.tf || continue
  echo "hardened-lint-plan: $dir"
  plan=$(mktemp)
  if ! (cd "$dir" && terraform init -input=false -backend=true >/dev/null &&
        terraform plan -input=false -lock=false -out="$plan.bin" >/dev/null &&
        terraform show -json "$plan.bin" >"$plan"); then
    echo "hardened-lint-plan: terraform could not plan $dir" >&2
    status=2
    continue
  fi
  # shellcheck disable=SC2086 # HARDENED_LINT_ARGS holds flags, split on spaces
  $lint --source-dir "$dir" ${HARDENED_LINT_ARGS:-} "$plan"
  rc=$?
  rm -f "$plan" "$plan.bin"
  if [ $rc -gt $status ]; then status=$rc; fi
done
exit $status
