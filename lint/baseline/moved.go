package baseline

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Move is one moved block: From and To are relative to Module, the module
// (a path without instance keys, "" for the root module) whose configuration
// holds the block.
type Move struct {
	Module, From, To string
}

// Renames are a configuration's moved blocks. Terraform leaves them out of
// the plan's JSON, and keeps applying them to state for as long as they stay in
// the configuration (the recommended practice), so a finding's earlier
// addresses are found here as well as in the plan's previous_address.
type Renames []Move

// ReadMoved reads the moved blocks of the root module in dir and of every
// local module (source ./ or ../) the plan's configuration calls. Files that
// do not parse are skipped: terraform plan has read them already, so a file
// that fails here is not one Terraform uses.
func ReadMoved(dir string, cfg *tfjson.Config) Renames {
	var out Renames
	var root *tfjson.ConfigModule
	if cfg != nil {
		root = cfg.RootModule
	}
	readModuleMoves(&out, dir, "", root, 0)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Module != b.Module {
			return a.Module < b.Module
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.From < b.From
	})
	return out
}

func readModuleMoves(out *Renames, dir, module string, mod *tfjson.ConfigModule, depth int) {
	if depth > 32 {
		return
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	sort.Strings(files)
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
		if diags.HasErrors() {
			continue
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type != "moved" {
				continue
			}
			from, okFrom := traversalAddress(b.Body.Attributes["from"])
			to, okTo := traversalAddress(b.Body.Attributes["to"])
			if okFrom && okTo {
				*out = append(*out, Move{Module: module, From: from, To: to})
			}
		}
	}
	if mod == nil {
		return
	}
	names := make([]string, 0, len(mod.ModuleCalls))
	for name := range mod.ModuleCalls {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		call := mod.ModuleCalls[name]
		if !strings.HasPrefix(call.Source, "./") && !strings.HasPrefix(call.Source, "../") {
			continue
		}
		readModuleMoves(out, filepath.Join(dir, filepath.FromSlash(call.Source)), joinAddress(module, "module."+name), call.Module, depth+1)
	}
}

// traversalAddress renders a moved block's from or to as an address.
func traversalAddress(a *hclsyntax.Attribute) (string, bool) {
	if a == nil {
		return "", false
	}
	t, diags := hcl.AbsTraversalForExpr(a.Expr)
	if diags.HasErrors() {
		return "", false
	}
	var b strings.Builder
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type().FriendlyName() == "string" {
				b.WriteString(`["` + strings.ReplaceAll(s.Key.AsString(), `"`, `\"`) + `"]`)
			} else if s.Key.Type().FriendlyName() == "number" {
				b.WriteString("[" + s.Key.AsBigFloat().Text('f', -1) + "]")
			} else {
				return "", false
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

func joinAddress(module, rel string) string {
	if module == "" {
		return rel
	}
	return module + "." + rel
}

// Previous lists the addresses the moved blocks say address had just before:
// for each block whose To is address or contains it (a moved module, or a
// resource whose instances moved with it), the address under From.
func (rs Renames) Previous(address string) []string {
	var out []string
	for _, m := range rs {
		prefix, rel, ok := splitModule(address, m.Module)
		if !ok {
			continue
		}
		if !strings.HasPrefix(rel, m.To) {
			continue
		}
		rest := rel[len(m.To):]
		if rest != "" && rest[0] != '.' && rest[0] != '[' {
			continue // aws_s3_bucket.ab is not in aws_s3_bucket.a
		}
		if rest != "" && rest[0] == '[' && strings.HasSuffix(m.To, "]") {
			continue
		}
		out = append(out, prefix+m.From+rest)
	}
	return out
}

// splitModule splits an instance address into the instance of module (a path
// without keys) it is in, with a trailing dot, and the address within it.
func splitModule(address, module string) (prefix, rel string, ok bool) {
	if module == "" {
		return "", address, true
	}
	segs := strings.Split(module, ".")
	i := 0
	for k := 0; k < len(segs); k++ {
		want := segs[k]
		if !strings.HasPrefix(address[i:], want) {
			return "", "", false
		}
		i += len(want)
		if k%2 == 1 && i < len(address) && address[i] == '[' {
			i = plan.InstanceKeyEnd(address, i) + 1
		}
		if i >= len(address) || address[i] != '.' {
			return "", "", false
		}
		i++
	}
	return address[:i], address[i:], true
}
