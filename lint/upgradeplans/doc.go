// Package upgradeplans holds hardened-lint's end-to-end upgrade workflows, run as
// a user runs them: the Terraform CLI with the real hashicorp/aws provider (and
// the hardened provider) applies a v1 of each case to the AWS emulator, plans a v2
// against that state (a change that weakens, deletes, moves, refactors into a
// module or migrates to a hardened_* resource), and the hardened-lint binary
// judges the plan: regressions, and baselines taken before the change.
package upgradeplans
