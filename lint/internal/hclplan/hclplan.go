// Package hclplan turns small Terraform snippets (the rules' good and bad
// examples) into plans, so that a test can check every example against its rule
// without a provider: literal values become planned values, references become
// values known after apply with their configuration references, and nested
// blocks become lists of objects, as terraform show -json writes them. A data
// block's attributes are the values the data source read during plan.
package hclplan

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

var evalCtx = &hcl.EvalContext{Functions: map[string]function.Function{
	"jsonencode": stdlib.JSONEncodeFunc,
}}

// Plan converts an HCL snippet into a plan of its resources (all created).
func Plan(t testing.TB, src string) *plan.Plan {
	t.Helper()
	res, err := Resources(src)
	if err != nil {
		t.Fatalf("hclplan: %v\n%s", err, src)
	}
	return plantest.Plan(t, res...)
}

// Resources converts an HCL snippet into plantest resources.
func Resources(src string) ([]plantest.Res, error) {
	f, diags := hclsyntax.ParseConfig([]byte(src), "example.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("unexpected body type %T", f.Body)
	}
	var out []plantest.Res
	for _, b := range body.Blocks {
		if b.Type != "resource" && b.Type != "data" || len(b.Labels) != 2 {
			continue
		}
		after, unknown, refs, err := convertBody(b.Body)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", b.Labels[0], b.Labels[1], err)
		}
		r := plantest.Res{Address: b.Labels[0] + "." + b.Labels[1], Refs: refs}
		if b.Type == "data" {
			// A data source's example states the values it read during plan.
			r.Address = "data." + r.Address
		}
		for name := range b.Body.Attributes {
			if _, isRef := refs[name]; !isRef {
				r.Set = append(r.Set, name)
			}
		}
		for _, nb := range b.Body.Blocks {
			r.Set = append(r.Set, nb.Type)
		}
		sort.Strings(r.Set)
		a, err := json.Marshal(after)
		if err != nil {
			return nil, err
		}
		u, err := json.Marshal(unknown)
		if err != nil {
			return nil, err
		}
		r.After, r.Unknown = string(a), string(u)
		out = append(out, r)
	}
	return out, nil
}

// convertBody returns the planned values, the after_unknown markers and, for
// top-level attributes set from references, those references.
func convertBody(body *hclsyntax.Body) (map[string]any, map[string]any, map[string][]string, error) {
	after := map[string]any{}
	unknown := map[string]any{}
	refs := map[string][]string{}
	for name, attr := range body.Attributes {
		if name == "depends_on" || name == "count" || name == "for_each" || name == "provider" {
			continue
		}
		if vars := attr.Expr.Variables(); len(vars) > 0 {
			unknown[name] = true
			for _, v := range vars {
				refs[name] = append(refs[name], traversalRefs(v)...)
			}
			continue
		}
		val, diags := attr.Expr.Value(evalCtx)
		if diags.HasErrors() {
			return nil, nil, nil, diags
		}
		j, err := ctyjson.Marshal(val, val.Type())
		if err != nil {
			return nil, nil, nil, err
		}
		var v any
		if err := json.Unmarshal(j, &v); err != nil {
			return nil, nil, nil, err
		}
		after[name] = v
	}
	blocks := map[string][]any{}
	blockUnknown := map[string][]any{}
	for _, b := range body.Blocks {
		if b.Type == "lifecycle" {
			continue
		}
		a, u, _, err := convertBody(b.Body)
		if err != nil {
			return nil, nil, nil, err
		}
		blocks[b.Type] = append(blocks[b.Type], a)
		blockUnknown[b.Type] = append(blockUnknown[b.Type], u)
	}
	for k, v := range blocks {
		after[k] = v
		unknown[k] = blockUnknown[k]
	}
	return after, unknown, refs, nil
}

// traversalRefs renders a traversal as terraform show -json lists references:
// the full reference and the resource it names ("aws_s3_bucket.b.id", "aws_s3_bucket.b").
func traversalRefs(tr hcl.Traversal) []string {
	var parts []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	var out []string
	for n := len(parts); n >= 2; n-- {
		out = append(out, join(parts[:n]))
	}
	return out
}

func join(parts []string) string {
	s := parts[0]
	for _, p := range parts[1:] {
		s += "." + p
	}
	return s
}
