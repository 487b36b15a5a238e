package source

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// step is one segment of an attribute path: a name and, for ingress[0], an index.
type step struct {
	name  string
	index int // -1: none
}

// parsePath splits "ingress[0].cidr_blocks" into steps; empty segments are dropped.
func parsePath(p string) []step {
	var out []step
	for _, seg := range strings.Split(p, ".") {
		s := step{name: seg, index: -1}
		if i := strings.IndexByte(seg, '['); i >= 0 && strings.HasSuffix(seg, "]") {
			if n, err := strconv.Atoi(seg[i+1 : len(seg)-1]); err == nil {
				s = step{name: seg[:i], index: n}
			}
		}
		if s.name != "" {
			out = append(out, s)
		}
	}
	return out
}

// findPath walks a block body along the path and returns the range of the
// deepest attribute, block or expression element it reaches; best otherwise.
// elem, when not nil, gives the plan's value of a top-level nested block
// element, to pick among several blocks of a type by their content.
func findPath(body *hclsyntax.Body, path []step, best hcl.Range, elem func(name string, index int) (plan.Value, bool)) hcl.Range {
	if len(path) == 0 || body == nil {
		return best
	}
	s := path[0]
	if a, ok := body.Attributes[s.name]; ok {
		return findExpr(a.Expr, s.index, path[1:], a.NameRange)
	}
	var blocks []*hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type == s.name {
			blocks = append(blocks, b)
		}
	}
	i := s.index
	if len(blocks) > 1 && i >= 0 && elem != nil {
		if v, ok := elem(s.name, i); ok {
			if m := matchBlock(blocks, v); m >= 0 {
				return findPath(blocks[m].Body, path[1:], blocks[m].DefRange(), nil)
			}
		}
	}
	switch {
	case len(blocks) == 1 && i <= 0, i >= 0 && i < len(blocks):
		// Blocks in source order: exact for list blocks and for a single set
		// block; for several set blocks (aws_security_group ingress), the plan's
		// order is Terraform's, which may differ.
		if i < 0 {
			i = 0
		}
		return findPath(blocks[i].Body, path[1:], blocks[i].DefRange(), nil)
	case len(blocks) > 0:
		return blocks[0].DefRange()
	}
	for _, b := range body.Blocks {
		if b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == s.name {
			for _, c := range b.Body.Blocks {
				if c.Type == "content" {
					return findPath(c.Body, path[1:], b.DefRange(), nil)
				}
			}
			return b.DefRange()
		}
	}
	return best
}

// findExpr walks into an expression: list elements by index, object members by
// key, through a one-argument call such as jsonencode(...).
func findExpr(e hclsyntax.Expression, index int, path []step, best hcl.Range) hcl.Range {
	if call, ok := e.(*hclsyntax.FunctionCallExpr); ok && len(call.Args) == 1 {
		e = call.Args[0]
	}
	if index >= 0 {
		t, ok := e.(*hclsyntax.TupleConsExpr)
		if !ok || index >= len(t.Exprs) {
			return best
		}
		e, best = t.Exprs[index], t.Exprs[index].Range()
	}
	if len(path) == 0 {
		return best
	}
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return best
	}
	for _, item := range obj.Items {
		if keyName(item.KeyExpr) == path[0].name {
			return findExpr(item.ValueExpr, path[0].index, path[1:], item.KeyExpr.Range())
		}
	}
	return best
}

// keyName is an object key written as a bare name or a literal string.
func keyName(e hclsyntax.Expression) string {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		e = k.Wrapped
	}
	switch k := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return k.Traversal.RootName()
	case *hclsyntax.TemplateExpr:
		if len(k.Parts) == 1 {
			if lit, ok := k.Parts[0].(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
				return lit.Val.AsString()
			}
		}
	}
	return ""
}
