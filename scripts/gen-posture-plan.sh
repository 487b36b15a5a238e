#!/usr/bin/env bash
# Regenerates lint/testdata/plans/hardened/account_posture/plan.json: a real
# `terraform show -json` plan of the main.tf beside it, made with the built
# provider (dev_overrides) against the AWS emulator, in an account set up with
# posture failures (a console user without MFA, a user with two active keys).
# hardened-lint's tests read where Terraform records a data source read during
# plan (prior_state) from it. Needs go, terraform and moto_server (with boto3).
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=lint/testdata/plans/hardened/account_posture
work=$(mktemp -d)
moto_pid=""
cleanup() { [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

go build -o "$work/bin/terraform-provider-hardened" .
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${HARDENED_MOTO_SERVER:-moto_server}" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test \
  AWS_SECRET_ACCESS_KEY=test CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
for _ in $(seq 50); do
  curl -fs "$AWS_ENDPOINT_URL/moto-api/" >/dev/null 2>&1 && break
  sleep 0.2
done
python3 - <<'PY'
import os, boto3
iam = boto3.client("iam", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="us-east-1")
for user in ("alice", "bob"):
    iam.create_user(UserName=user)
    iam.create_access_key(UserName=user)
iam.create_login_profile(UserName="alice", Password="Correct-Horse-Battery-9")
iam.create_access_key(UserName="bob")
PY
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides { "hardened-tf/hardened" = "$work/bin" }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
cp "$fixture/main.tf" "$work/"
(cd "$work" && terraform plan -input=false -no-color -out=tfplan >/dev/null && terraform show -json tfplan) \
  | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin), indent=2, sort_keys=True))' >"$fixture/plan.json"
echo "wrote $fixture/plan.json"
