package upgradeplans

import (
	"strings"
	"testing"
)

// wantRegressions checks a case's regressions against "rule address attribute: message part".
func wantRegressions(t *testing.T, r result, want ...string) {
	t.Helper()
	got := r.regressions()
	if len(got) != len(want) {
		t.Fatalf("got %d regressions, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		head, msg, _ := strings.Cut(w, ": ")
		if !strings.HasPrefix(got[i], head+": ") || !strings.Contains(got[i], msg) {
			t.Errorf("regression %d is\n  %s\nwant\n  %s", i, got[i], w)
		}
	}
}

// Deleting the password policy and turning a public access block setting off
// fails with two regressions naming before -> after, whatever fail_on says.
func TestWeakenAndDelete(t *testing.T) {
	w := setup(t)
	plan := w.planFile(t, w.v2, "weaken_and_delete")
	code, r := w.lintJSON(t, "--fail-on", "none", plan)
	if code != 1 {
		t.Errorf("exit %d, want 1: regressions fail the run under --fail-on none", code)
	}
	wantRegressions(t, r,
		"aws_security_control_deleted module.weaken_and_delete.aws_iam_account_password_policy.strict : "+
			"the change deletes module.weaken_and_delete.aws_iam_account_password_policy.strict, the account's IAM password policy: present -> absent; HRD-IAM-001",
		"aws_security_control_weakened module.weaken_and_delete.aws_s3_bucket_public_access_block.data block_public_policy: "+
			"the change turns block_public_policy true -> false; HRD-S3-001")
	if r.Summary["regressions"] != 2.0 {
		t.Errorf("summary %v", r.Summary)
	}
	// The text a reviewer reads.
	_, text, _ := w.run(t, t.TempDir(), plan)
	for _, want := range []string{"REGRESSION [high] aws_security_control_weakened: the change turns block_public_policy true -> false",
		"REGRESSION [high] aws_security_control_deleted: the change deletes"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	// Configurable: warn reports them (status regression, level warn) without failing.
	code, r = w.lintJSON(t, "--fail-on", "none", "--regressions", "warn", plan)
	warned := 0
	for _, f := range r.Findings {
		if f.Status == "regression" && f.Level == "warn" {
			warned++
		}
	}
	if code != 0 || warned != 2 {
		t.Errorf("--regressions warn: exit %d, %d regressions at level warn, want 0 and 2", code, warned)
	}
	// Waivable like any finding.
	dir := t.TempDir()
	writeFile(t, dir, ".hardened-lint.hcl", `waiver "aws_security_control_deleted" {
  address = "module.weaken_and_delete.aws_iam_account_password_policy.*"
  reason  = "the policy moves to the organisation (SEC-1)"
  expires = "2999-01-01"
}
`)
	code, out, errOut := w.run(t, dir, "--fail-on", "none", "--format", "json", plan)
	if code != 1 || !strings.Contains(out, `"status": "waived"`) || strings.Count(out, `"status": "regression"`) != 1 {
		t.Errorf("with a waiver for the deletion: exit %d, stderr %s\n%s", code, errOut, out)
	}
}

// The public access block moved into a module by moved blocks and weakened
// there: the regression is at its new address, and nothing is reported deleted.
func TestRefactorIntoModule(t *testing.T) {
	w := setup(t)
	_, r := w.lintJSON(t, w.planFile(t, w.v2, "refactor_into_module"))
	wantRegressions(t, r,
		"aws_security_control_deleted module.refactor_into_module.aws_iam_account_password_policy.strict : present -> absent",
		"aws_security_control_weakened module.refactor_into_module.module.storage.aws_s3_bucket_public_access_block.data block_public_policy: block_public_policy true -> false")
}

func TestMoveAndWeaken(t *testing.T) {
	w := setup(t)
	_, r := w.lintJSON(t, w.planFile(t, w.v2, "move_and_weaken"))
	wantRegressions(t, r,
		"aws_security_control_weakened module.move_and_weaken.aws_security_group.new ingress: ingress: none from the internet -> ingress from 0.0.0.0/0")
}

func TestWeakenGroup(t *testing.T) {
	w := setup(t)
	_, r := w.lintJSON(t, w.planFile(t, w.v2, "weaken_group"))
	wantRegressions(t, r,
		"aws_security_control_weakened module.weaken_group.aws_security_group.web ingress: ingress: none from the internet -> ingress from 0.0.0.0/0")
}

// The password policy deleted while the same plan creates a
// hardened_password_policy: a note that says so, not a regression.
func TestReplaceWithHardened(t *testing.T) {
	w := setup(t)
	_, r := w.lintJSON(t, w.planFile(t, w.v2, "replace_with_hardened"))
	wantRegressions(t, r)
	found := false
	for _, f := range r.Findings {
		if f.Status == "replaced" && f.Level == "note" &&
			strings.Contains(f.Message, "the same plan creates module.replace_with_hardened.hardened_password_policy.strict in its place: not a regression") {
			found = true
		}
	}
	if !found {
		t.Errorf("no replaced note for the password policy: %+v", r.Findings)
	}
}

// aws_iam_account_password_policy moved to hardened_password_policy with removed
// and import blocks: the policy is never deleted, so nothing regresses.
func TestMigrateToHardened(t *testing.T) {
	w := setup(t)
	code, r := w.lintJSON(t, w.planFile(t, w.v2, "migrate_to_hardened"))
	wantRegressions(t, r)
	if code != 0 {
		t.Errorf("exit %d: %+v", code, r.Findings)
	}
}
