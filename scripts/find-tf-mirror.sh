#!/usr/bin/env sh
# Prints the root of a Terraform filesystem mirror on this machine that holds the
# hashicorp/aws provider for this platform (the directory containing
# registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/terraform-provider-aws_v*),
# or nothing. `make test` passes it to the tests as HARDENED_TF_PLUGIN_MIRROR; with
# nothing, terraform init downloads the provider from the registry.
#
# The search is bounded: six levels deep from /, skipping virtual file systems,
# version-control and dependency trees, Go caches and /work.
set -eu

os=$(uname -s | tr '[:upper:]' '[:lower:]')
case $(uname -m) in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  i386 | i686) arch=386 ;;
  armv7l | arm) arch=arm ;;
  *) arch=$(uname -m) ;;
esac

gomodcache=$(go env GOMODCACHE 2>/dev/null || true)
gocache=$(go env GOCACHE 2>/dev/null || true)

# Terraform's own implicit mirror directories first, then a bounded search.
candidates() {
  printf '%s\n' "${HOME:-/nonexistent}/.terraform.d/plugins" "${HOME:-/nonexistent}/.local/share/terraform/plugins" \
    /usr/local/share/terraform/plugins /usr/share/terraform/plugins
  find / -maxdepth 6 \
    \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /work -o -path /tmp \
       -o -path "${gomodcache:-/nonexistent}" -o -path "${gocache:-/nonexistent}" \
       -o -name .git -o -name node_modules \) -prune \
    -o -type d -name registry.terraform.io -print 2>/dev/null | sed 's|/registry.terraform.io$||'
}

# The first candidate that holds an executable hashicorp/aws for this platform.
candidates | while IFS= read -r dir; do
  for exe in "$dir"/registry.terraform.io/hashicorp/aws/*/"${os}_${arch}"/terraform-provider-aws_v*; do
    if [ -x "$exe" ]; then
      printf '%s\n' "$dir"
      exit 0
    fi
  done
done | head -n 1
