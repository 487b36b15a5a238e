#!/usr/bin/env bash
# Measures the provider's AWS calls per refresh and the plan and apply times of
# examples/baseline and of 50 hardened_security_group resources, through the
# counting proxy (internal/faultproxy) against the AWS emulator, and records them
# in docs/provider/performance.md. Needs terraform and moto_server, like make test.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/provider
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
HARDENED_PERF_DOC="$PWD/docs/provider/performance.md" \
  go test -count=1 -run '^TestCallBudget$' -v ./internal/e2e >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then cat "$log" >&2; exit "$status"; fi
grep -E 'budget_test' "$log" || true
echo "wrote docs/provider/performance.md"
