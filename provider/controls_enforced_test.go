package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// enforcement is how a test shows that a resource enforces one control its
// documentation lists under "Controls enforced" (the table controlsTable renders
// from the resource's controls list).
type enforcement struct {
	// Rejected are configurations that break the control: each fails at plan, with
	// an error citing the control.
	Rejected []rejection
	// Weaken breaks the control outside Terraform once the resource exists (s is the
	// state after create). The next plan must show Action, and its apply must repair
	// the weakening, as Repaired checks through the AWS API.
	Weaken   func(t *testing.T, s *terraform.State)
	Action   plancheck.ResourceActionType
	Repaired func(s *terraform.State) error
}

// rejection is a configuration and the fragments its plan error contains, in order.
type rejection struct {
	config string
	want   []string
}

// documentedControlSteps turns a resource's documented controls into test steps:
// every control in documented (the list its docs table is rendered from) must have
// an enforcement in how, and every enforcement must be of a documented control, so
// the table and this test cannot drift apart. The steps are: each rejected
// configuration at plan; config created; then for each control, its out-of-band
// weakening planned (as Action) and repaired; finally an empty plan.
func documentedControlSteps(t *testing.T, documented []controls.Control, how map[string]enforcement, addr, config string) []resource.TestStep {
	t.Helper()
	var created *terraform.State
	documentedIDs := map[string]bool{}
	var steps []resource.TestStep
	for _, c := range documented {
		documentedIDs[c.ID] = true
		e, ok := how[c.ID]
		if !ok || (len(e.Rejected) == 0 && e.Weaken == nil) {
			t.Fatalf("%s documents %s (%s) as enforced, but the test shows no configuration rejected and no "+
				"weakening repaired for it: add an enforcement, or remove the control from the resource's list",
				addr, c.ID, c.Title)
		}
		for _, r := range e.Rejected {
			if !strings.Contains(strings.Join(r.want, " "), "["+c.ID+"]") {
				t.Fatalf("%s: the expected error for %s must cite the control as [%s]", addr, c.ID, c.ID)
			}
			steps = append(steps, resource.TestStep{Config: r.config, PlanOnly: true, ExpectError: fragments(r.want)})
		}
	}
	for id := range how {
		if !documentedIDs[id] {
			t.Fatalf("%s: the test enforces %s, which the resource's docs do not list: add it to the resource's "+
				"controls list", addr, id)
		}
	}
	steps = append(steps, resource.TestStep{
		Config: config,
		Check: func(s *terraform.State) error {
			created = s
			return nil
		},
	})
	for _, c := range documented {
		e := how[c.ID]
		if e.Weaken == nil {
			continue
		}
		steps = append(steps, resource.TestStep{
			PreConfig: func() { e.Weaken(t, created) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, e.Action)},
			},
			Check: func(s *terraform.State) error {
				if err := e.Repaired(s); err != nil {
					return fmt.Errorf("%s weakened out of band was not repaired: %w", c.ID, err)
				}
				return nil
			},
		})
	}
	return append(steps, resource.TestStep{
		Config:           config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	})
}

// fragments matches texts in order, each as Terraform prints it (wrapped at any space).
func fragments(texts []string) *regexp.Regexp {
	parts := make([]string, len(texts))
	for i, text := range texts {
		parts[i] = wrapped(text).String()
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}
