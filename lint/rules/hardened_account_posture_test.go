package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const postureAddr = "data.hardened_account_posture.this"

func posture(checks string) plantest.Res {
	return plantest.Res{Address: postureAddr, After: `{"id":"123456789012","checks":[` + checks + `]}`}
}

const (
	oldKey = `{"id":"HRD-IAM-020","title":"Active IAM access keys are rotated within 90 days","cis":"1.14","security_hub":"IAM.3",` +
		`"status":"fail","detail":"1 user with an active access key older than 90 days: alice.","offenders":["alice"]}`
	keysRotated  = `{"id":"HRD-IAM-020","status":"pass","detail":"Every active access key is younger than 90 days.","offenders":[]}`
	reportDenied = `{"id":"HRD-IAM-019","status":"unknown","detail":"The credential report is unavailable: AccessDenied.","offenders":[]}`
	newerCheck   = `{"id":"HRD-IAM-999","title":"A check this linter does not know","cis":"1.99","security_hub":"","status":"fail",` +
		`"detail":"Something failed.","offenders":[]}`
)

func TestHardenedAccountPosture(t *testing.T) {
	runCases(t, HardenedAccountPosture{}, []ruleCase{
		{"every check passing is clean", []plantest.Res{posture(keysRotated)}, nil},
		{"an old access key is a finding naming the control and the user",
			[]plantest.Res{posture(keysRotated + "," + oldKey)},
			[]string{"fail " + postureAddr + " checks[HRD-IAM-020]: HRD-IAM-020 Active IAM access keys are rotated within 90 days " +
				"(CIS AWS Foundations 1.14, Security Hub IAM.3): 1 user with an active access key older than 90 days: alice."}},
		{"a check the API denied is unknown",
			[]plantest.Res{posture(reportDenied)},
			[]string{"unknown " + postureAddr + " checks[HRD-IAM-019]: could not be checked: The credential report is unavailable"}},
		{"a check newer than the linter's catalog is named by what the plan says",
			[]plantest.Res{posture(newerCheck)},
			[]string{"fail " + postureAddr + " checks[HRD-IAM-999]: HRD-IAM-999 A check this linter does not know (CIS AWS Foundations 1.99): Something failed."}},
		{"a read deferred to apply is unknown",
			[]plantest.Res{{Address: postureAddr, Actions: []string{"read"}, After: `{}`, Unknown: `{"checks":true,"id":true}`}},
			[]string{"unknown " + postureAddr + " checks: read during apply"}},
		{"a managed resource of another type is not judged",
			[]plantest.Res{{Address: "aws_iam_user.alice", After: `{"name":"alice"}`}}, nil},
	})
}

// The real plan that scripts/gen-posture-plan.sh makes with the built provider
// against the emulator: the data source read during plan is only in prior_state,
// and each of its failed checks is a finding; the unknown one (the emulator's
// report has no root row) is an unknown.
func TestHardenedAccountPosture_realPlan(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "plans", "hardened", "account_posture", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.DataSources) != 1 || p.DataSources[0].Address != postureAddr || p.DataSources[0].Type != "hardened_account_posture" {
		t.Fatalf("data sources %v, want %s", p.DataSources, postureAddr)
	}
	expectFindings(t, HardenedAccountPosture{}, p, []string{
		"fail " + postureAddr + " checks[HRD-IAM-001]: The account has no password policy",
		"fail " + postureAddr + " checks[HRD-IAM-002]: minimum length of 14",
		"fail " + postureAddr + " checks[HRD-IAM-003]: remembers 24 passwords",
		"fail " + postureAddr + " checks[HRD-IAM-016]: MFA is enabled for the root user",
		"fail " + postureAddr + " checks[HRD-IAM-017]: The root user has no MFA device at all.",
		"unknown " + postureAddr + " checks[HRD-IAM-018]: The credential report has no <root_account> row",
		"fail " + postureAddr + " checks[HRD-IAM-019]: no MFA: alice.",
		"fail " + postureAddr + " checks[HRD-IAM-022]: 1 user with two active access keys: bob.",
	})
	// The rule judges the data source even though no resource of its type changes,
	// and other rules are not asked about it.
	rep := engine.Run(p, All(), engine.Options{})
	for _, f := range rep.Findings {
		if f.Address == postureAddr && f.Rule.ID != "hardened_account_posture" {
			t.Errorf("rule %s judged the data source", f.Rule.ID)
		}
	}
}
