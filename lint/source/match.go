package source

import (
	"math/big"
	"sort"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// matchBlock picks, among a resource's blocks of one type in source order, the
// one whose literal arguments agree with the plan's element at index. Terraform
// orders set-typed blocks (aws_security_group ingress) its own way in the plan,
// so the plan's ingress[0] is not always the first ingress block written.
// It returns -1 when no block agrees (or none has literal arguments to compare).
func matchBlock(blocks []*hclsyntax.Block, elem plan.Value) int {
	best, bestScore := -1, 0
	for i, b := range blocks {
		score, ok := agreement(b.Body, elem)
		if ok && score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// agreement counts the block's literal arguments equal to the element's values;
// ok is false when one differs.
func agreement(body *hclsyntax.Body, elem plan.Value) (int, bool) {
	score := 0
	for name, a := range body.Attributes {
		val, diags := a.Expr.Value(nil)
		if diags.HasErrors() || !val.IsWhollyKnown() || val.IsNull() {
			continue // not a literal: says nothing
		}
		same, known := equal(val, elem.Get(name))
		if !known {
			continue
		}
		if !same {
			return 0, false
		}
		score++
	}
	return score, true
}

// equal compares a literal with a plan value; known is false for shapes it
// does not compare (and for sensitive or unknown values).
func equal(lit cty.Value, v plan.Value) (same, known bool) {
	if v.Unknown() || v.Sensitive() {
		return false, false
	}
	ty := lit.Type()
	switch {
	case ty == cty.String:
		s, ok := v.Str()
		return ok && s == lit.AsString(), true
	case ty == cty.Number:
		n, ok := v.Int()
		f := lit.AsBigFloat()
		if !f.IsInt() {
			return false, false
		}
		want, _ := f.Int(new(big.Int))
		return ok && want.IsInt64() && want.Int64() == n, true
	case ty == cty.Bool:
		b, ok := v.Bool()
		return ok && b == lit.True(), true
	case ty.IsTupleType() || ty.IsListType() || ty.IsSetType():
		var want []string
		for it := lit.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.Type() != cty.String || e.IsNull() {
				return false, false
			}
			want = append(want, e.AsString())
		}
		got, unknown := v.Strings()
		if unknown {
			return false, false
		}
		sort.Strings(want)
		sort.Strings(got)
		if len(want) != len(got) {
			return false, true
		}
		for i := range want {
			if want[i] != got[i] {
				return false, true
			}
		}
		return true, true
	}
	return false, false
}
