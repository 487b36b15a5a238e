package provider

// Checks shared by the provider's acceptance tests: wrapped error text and the
// prior value of a planned resource.

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// wrapped matches text as Terraform prints it, wrapped at any space.
func wrapped(text string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(text), " ", `\s+`))
}

// expectPriorValue checks a value of a resource's refreshed state in the plan (the
// "before" side), i.e. what the plan shows changing.
func expectPriorValue(addr string, p tfjsonpath.Path, check knownvalue.Check) plancheck.PlanCheck {
	return priorValueCheck{addr: addr, path: p, check: check}
}

type priorValueCheck struct {
	addr  string
	path  tfjsonpath.Path
	check knownvalue.Check
}

func (e priorValueCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr || rc.Change == nil {
			continue
		}
		v, err := tfjsonpath.Traverse(rc.Change.Before, e.path)
		if err != nil {
			resp.Error = fmt.Errorf("%s: %w", e.addr, err)
			return
		}
		if err := e.check.CheckValue(v); err != nil {
			resp.Error = fmt.Errorf("%s.%s before apply: %w", e.addr, e.path, err)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", e.addr)
}
