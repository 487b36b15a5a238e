#!/usr/bin/env sh
# Regenerates plan.json from main.tf and cases/ with Terraform and hashicorp/aws
# 5.100.0 from a filesystem mirror, offline, isolated from ~/.terraformrc:
#   HARDENED_TF_PLUGIN_MIRROR=/path/to/mirror ./regenerate.sh
set -eu
: "${HARDENED_TF_PLUGIN_MIRROR:?set HARDENED_TF_PLUGIN_MIRROR to the directory that contains registry.terraform.io}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/main.tf" "$here/cases" "$work/"
cat > "$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$HARDENED_TF_PLUGIN_MIRROR"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
cd "$work"
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_DATA_DIR="$work/.terraform" HOME="$work" TF_IN_AUTOMATION=1
terraform init -input=false -no-color >/dev/null
terraform plan -refresh=false -input=false -no-color -lock=false -out=tfplan >/dev/null
terraform show -json tfplan > "$here/plan.json"
echo "wrote $here/plan.json"
