// Package source finds where resources are declared in Terraform configuration
// files (--source-dir), so findings point at file:line instead of "line 0".
package source

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hardened-tf/terraform-provider-hardened/lint/format"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Locator maps configuration addresses to declarations.
type Locator struct {
	byAddr map[string]format.Location
}

// New parses the root module in dir and every local module the plan's
// configuration calls (sources starting with ./ or ../). Files that fail to
// parse are skipped: locations are a help, never a reason to fail.
func New(dir string, cfg *tfjson.Config) *Locator {
	l := &Locator{byAddr: map[string]format.Location{}}
	var root *tfjson.ConfigModule
	if cfg != nil {
		root = cfg.RootModule
	}
	l.scan(dir, dir, "", root, 0)
	return l
}

func (l *Locator) scan(base, dir, module string, mod *tfjson.ConfigModule, depth int) {
	if depth > 32 {
		return
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	sort.Strings(files)
	parser := hclparse.NewParser()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		file, diags := parser.ParseHCL(src, f)
		if diags.HasErrors() || file == nil {
			continue
		}
		body, ok := file.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		rel, err := filepath.Rel(base, f)
		if err != nil {
			rel = f
		}
		for _, b := range body.Blocks {
			if b.Type != "resource" || len(b.Labels) != 2 {
				continue
			}
			addr := b.Labels[0] + "." + b.Labels[1]
			if module != "" {
				addr = module + "." + addr
			}
			l.byAddr[addr] = format.Location{File: filepath.ToSlash(rel), Line: b.DefRange().Start.Line,
				Column: b.DefRange().Start.Column}
		}
	}
	if mod == nil {
		return
	}
	for name, call := range mod.ModuleCalls {
		if call == nil || (!strings.HasPrefix(call.Source, "./") && !strings.HasPrefix(call.Source, "../")) {
			continue
		}
		child := "module." + name
		if module != "" {
			child = module + "." + child
		}
		l.scan(base, filepath.Join(dir, filepath.FromSlash(call.Source)), child, call.Module, depth+1)
	}
}

// Locate returns where a resource instance's block is declared.
func (l *Locator) Locate(address, _ string) (format.Place, bool) {
	loc, ok := l.byAddr[plan.ConfigAddress(address)]
	return format.Place{Location: loc}, ok
}
