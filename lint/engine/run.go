package engine

import (
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Running rules over a plan: all of it at once (Run) or resource by resource (Visit).

// Options control a run.
type Options struct {
	// ChangesOnly judges only the resources the plan creates, updates or
	// replaces (--changes-only). By default every resource instance that exists
	// after apply is judged, unchanged (no-op) ones included: a plan of existing
	// infrastructure is a full audit, as checkov's and trivy's are.
	ChangesOnly bool
	// RecordPasses keeps every passing check in Report.Passes (JUnit lists them);
	// otherwise passes are only counted, which keeps memory flat on large plans.
	RecordPasses bool
}

// Report is the result of a run, before output filters.
type Report struct {
	// Resources is the number of resource instances some rule judged.
	Resources int
	// Changing is how many of them the plan creates, updates or replaces.
	Changing int
	// Unchanged counts the no-op resources of the rules' types that
	// Options.ChangesOnly left unjudged.
	Unchanged int
	// Findings holds the fail and unknown verdicts.
	Findings []Finding
	// Passes holds the passing (rule, resource) pairs when Options.RecordPasses is set.
	Passes []Finding
	// Checks counts every (rule, resource) pair evaluated.
	Checks int
}

// Run evaluates rules over the plan, in plan order.
func Run(p *plan.Plan, rules []Rule, opts Options) *Report {
	rep := &Report{}
	c := newChecker(p, rules, opts, &rep.Findings, &rep.Passes)
	for _, res := range p.Resources {
		c.check(res)
	}
	for _, res := range p.Deleted {
		c.check(res)
	}
	for _, res := range p.DataSources {
		c.checkData(res)
	}
	rep.Resources, rep.Checks = c.resources, c.checks
	rep.Changing, rep.Unchanged = c.changing, c.unchanged
	return rep
}

// Visit evaluates rules over the plan resource by resource in address order
// (managed resources, deleted ones and data sources together), calling fn with
// each evaluated resource's fail and unknown findings sorted as Sort sorts them
// (and its passes, when Options.RecordPasses is set); both slices are reused
// once fn returns, and fn may reorder or filter them in place (engine.Filter).
// Only one resource's findings are in memory at a time, so an output can be
// written as the run goes: the findings come in the order Run's findings have
// once sorted (resources that share an address, in inconsistent input, come in
// one call). The Report returned has Run's counts and no findings or passes.
//
// A plan-wide finding (FailPlanWide) is carried by the first resource judged,
// here in address order; Run judges in plan order, which is the same for plans
// from terraform show -json (resource_changes are sorted by address).
func Visit(p *plan.Plan, rules []Rule, opts Options, fn func(findings, passes []Finding)) *Report {
	var findings, passes []Finding
	c := newChecker(p, rules, opts, &findings, &passes)
	managed := len(p.Resources) + len(p.Deleted)
	order := make([]visitEntry, 0, managed+len(p.DataSources))
	for _, list := range [][]*plan.Resource{p.Resources, p.Deleted, p.DataSources} {
		for _, r := range list {
			order = append(order, visitEntry{res: r, pos: int32(len(order))})
		}
	}
	sortByAddress(order) // by address, then plan position (see order.go)
	for i, e := range order {
		if int(e.pos) >= managed {
			c.checkData(e.res)
		} else {
			c.check(e.res)
		}
		if i+1 < len(order) && order[i+1].res.Address == e.res.Address {
			continue // the next one's findings sort among these
		}
		if len(findings) > 0 || len(passes) > 0 {
			Sort(findings)
			Sort(passes)
			fn(findings, passes)
		}
		clear(findings) // let the messages be collected (fn's reslicing leaves this length)
		clear(passes)
		findings, passes = findings[:0], passes[:0]
	}
	return &Report{Resources: c.resources, Checks: c.checks, Changing: c.changing, Unchanged: c.unchanged}
}

// checker evaluates every rule of a resource's type on it, appending verdicts
// to *findings and (with Options.RecordPasses) passes to *passes.
type checker struct {
	p      *plan.Plan
	opts   Options
	byType map[string][]ruleMeta
	// dataByType are the rules of data source types.
	dataByType map[string][]ruleMeta
	// changeByType are the ChangeRules, called for changes with a prior state.
	changeByType map[string][]ruleMeta
	// One Reporter serves every check: allocating one per (rule, resource) pair
	// was a large share of a big plan's garbage. The resource's sensitive values,
	// read only when a message is reported, are kept across its rules.
	rep               *Reporter
	passes            *[]Finding
	resources, checks int
	// changing counts the judged resources the plan changes; unchanged the
	// ones Options.ChangesOnly left out.
	changing, unchanged int
}

type ruleMeta struct {
	rule Rule
	meta *Metadata
}

func newChecker(p *plan.Plan, rules []Rule, opts Options, findings, passes *[]Finding) *checker {
	metas := make([]Metadata, len(rules)) // once per run, not per resource
	byType := map[string][]ruleMeta{}
	dataByType := map[string][]ruleMeta{}
	changeByType := map[string][]ruleMeta{}
	for i, r := range rules {
		metas[i] = r.Metadata()
		if _, ok := r.(ChangeRule); ok {
			for _, t := range metas[i].ResourceTypes {
				changeByType[t] = append(changeByType[t], ruleMeta{r, &metas[i]})
			}
			continue
		}
		for _, t := range metas[i].ResourceTypes {
			byType[t] = append(byType[t], ruleMeta{r, &metas[i]})
		}
		for _, t := range metas[i].DataSourceTypes {
			dataByType[t] = append(dataByType[t], ruleMeta{r, &metas[i]})
		}
	}
	return &checker{p: p, opts: opts, byType: byType, dataByType: dataByType, changeByType: changeByType,
		rep: &Reporter{out: findings}, passes: passes}
}

// check evaluates a managed resource instance; Resources counts only those some
// rule judges (not terraform_data).
func (c *checker) check(res *plan.Resource) {
	if len(c.changeByType) > 0 && res.HasBefore() && (res.Changed() || res.Deleted()) {
		c.evaluateChange(res)
	}
	rules := c.byType[res.Type]
	if len(rules) == 0 || res.Deleted() || res.Forgotten() {
		return
	}
	changed := res.Changed()
	if c.opts.ChangesOnly && !changed {
		c.unchanged++
		return
	}
	if changed {
		c.changing++
	}
	c.evaluate(res, rules)
}

// evaluateChange runs the ChangeRules of the resource's type on a change with
// a prior state (an update, a replacement or a deletion).
func (c *checker) evaluateChange(res *plan.Resource) {
	rules := c.changeByType[res.Type]
	if len(rules) == 0 {
		return
	}
	r := c.rep
	r.resource, r.secrets, r.secretsRead = res, nil, false
	for i := range rules {
		rm := &rules[i]
		cr, ok := rm.rule.(ChangeRule)
		if !ok {
			continue // only change rules are listed here
		}
		r.rule, r.reported = rm.meta, false
		cr.CheckChange(c.p, res, r)
		c.checks++
	}
	r.flush()
}

// checkData evaluates a data source: read at every plan, what it reports is
// current whether anything changes or not.
func (c *checker) checkData(res *plan.Resource) {
	c.evaluate(res, c.dataByType[res.Type])
}

func (c *checker) evaluate(res *plan.Resource, rules []ruleMeta) {
	if len(rules) == 0 {
		return
	}
	c.resources++
	r := c.rep
	r.resource, r.secrets, r.secretsRead = res, nil, false
	for i := range rules {
		rm := &rules[i]
		r.rule, r.reported = rm.meta, false
		rm.rule.Check(c.p, res, r)
		c.checks++
		if !r.reported && c.opts.RecordPasses {
			*c.passes = append(*c.passes, Finding{
				Rule: r.rule, Status: StatusPass, Address: res.Address, ResourceType: res.Type,
			})
		}
	}
	r.flush()
}
