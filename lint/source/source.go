// Package source finds where findings are in the Terraform configuration
// (--source-dir): the resource block, and inside it the block or attribute at
// fault (the ingress block, the cidr_blocks line), by hcl/v2 source ranges. Paths
// are relative to the repository root, so that annotations land on real files.
package source

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hardened-tf/terraform-provider-hardened/lint/format"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Options say how paths are written.
type Options struct {
	// PathPrefix, when set (even to ""), replaces the repository root: paths are
	// PathPrefix joined with the path relative to the source directory.
	PathPrefix *string
	// WorkDir is the directory paths are relative to when the source directory is
	// in no git repository; "" means the process's working directory.
	WorkDir string
	// Plan, when set, lets several blocks of one type be told apart by content.
	Plan *plan.Plan
}

// Locator maps configuration addresses to declarations.
type Locator struct {
	resources map[string]resourceDecl
	// calls maps a module path (module.a, module.a.module.b) to its module block.
	calls map[string]format.Location
	// chains caches the module calls leading to each module path.
	chains map[string][]format.ModuleCall
	plan   *plan.Plan
	// byAddress indexes the plan's resources, built on first need.
	byAddress map[string]*plan.Resource
	// parsed holds each module directory's files while New scans.
	parsed map[string][]parsedFile
}

type resourceDecl struct {
	file   string // as displayed
	block  *hclsyntax.Block
	module string // module path, "" for the root module
}

// New parses the root module in dir and every local module the plan's
// configuration calls (sources starting with ./ or ../). Files that fail to
// parse are skipped: locations are a help, never a reason to fail.
func New(dir string, cfg *tfjson.Config, opts Options) *Locator {
	l := &Locator{resources: map[string]resourceDecl{}, calls: map[string]format.Location{}, chains: map[string][]format.ModuleCall{},
		plan: opts.Plan, parsed: map[string][]parsedFile{}}
	var root *tfjson.ConfigModule
	if cfg != nil {
		root = cfg.RootModule
	}
	l.scan(displayPath(dir, opts), dir, "", root, 0)
	l.parsed = nil
	return l
}

// displayPath returns the function that turns a file's path into the path
// printed: under --path-prefix, the prefix joined with the path relative to the
// source directory; otherwise relative to the git top level that contains the
// source directory, or to the working directory when there is none.
func displayPath(dir string, opts Options) func(string) string {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		absDir = dir
	}
	base, prefix := absDir, ""
	switch {
	case opts.PathPrefix != nil:
		prefix = strings.Trim(filepath.ToSlash(*opts.PathPrefix), "/")
	case gitTopLevel(absDir) != "":
		base = gitTopLevel(absDir)
	default:
		base = opts.WorkDir
		if base == "" {
			base, _ = os.Getwd()
		}
		if abs, err := filepath.Abs(base); err == nil {
			base = abs
		}
	}
	return func(file string) string {
		abs, err := filepath.Abs(file)
		if err != nil {
			abs = file
		}
		rel, err := filepath.Rel(base, abs)
		if err != nil {
			rel = abs
		}
		rel = filepath.ToSlash(rel)
		if prefix != "" {
			rel = prefix + "/" + rel
		}
		return rel
	}
}

// gitTopLevel returns the nearest directory at or above dir that holds .git (a
// directory, or a file in worktrees and submodules), or "".
func gitTopLevel(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

func (l *Locator) scan(display func(string) string, dir, module string, mod *tfjson.ConfigModule, depth int) {
	if depth > 32 {
		return
	}
	for _, pf := range l.parseDir(display, dir) {
		for _, b := range pf.body.Blocks {
			switch {
			case b.Type == "resource" && len(b.Labels) == 2:
				l.resources[join(module, b.Labels[0]+"."+b.Labels[1])] = resourceDecl{file: pf.shown, block: b, module: module}
			case b.Type == "data" && len(b.Labels) == 2:
				l.resources[join(module, "data."+b.Labels[0]+"."+b.Labels[1])] = resourceDecl{file: pf.shown, block: b, module: module}
			case b.Type == "module" && len(b.Labels) == 1:
				l.calls[join(module, "module."+b.Labels[0])] = at(pf.shown, b.DefRange())
			}
		}
	}
	if mod == nil {
		return
	}
	for name, call := range mod.ModuleCalls {
		if call == nil || (!strings.HasPrefix(call.Source, "./") && !strings.HasPrefix(call.Source, "../")) {
			continue
		}
		l.scan(display, filepath.Join(dir, filepath.FromSlash(call.Source)), join(module, "module."+name), call.Module, depth+1)
	}
}

// parsedFile is one .tf file of a module directory, parsed.
type parsedFile struct {
	shown string // as displayed
	body  *hclsyntax.Body
}

// parseDir parses the .tf files of dir once per Locator: a module called many
// times (thousands of module blocks with one source) is read and parsed once.
func (l *Locator) parseDir(display func(string) string, dir string) []parsedFile {
	dir = filepath.Clean(dir)
	if pfs, ok := l.parsed[dir]; ok {
		return pfs
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	sort.Strings(files)
	parser := hclparse.NewParser()
	pfs := []parsedFile{}
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
		pfs = append(pfs, parsedFile{shown: display(f), body: body})
	}
	l.parsed[dir] = pfs
	return pfs
}

func join(module, addr string) string {
	if module == "" {
		return addr
	}
	return module + "." + addr
}

func at(file string, r hcl.Range) format.Location {
	return format.Location{File: file, Line: r.Start.Line, Column: r.Start.Column}
}

// Locate returns where a resource instance's attribute is declared: the
// attribute or nested block the path names (ingress[0].cidr_blocks), or the
// nearest enclosing one the source has, or the resource block. A resource in a
// module whose source is not local is located at the innermost module call found.
func (l *Locator) Locate(address, attribute string) (format.Place, bool) {
	cfgAddr := plan.ConfigAddress(address)
	decl, ok := l.resources[cfgAddr]
	if !ok {
		// A module whose source was not read: the innermost call we know.
		for m := modulePath(cfgAddr); m != ""; m = parentModule(m) {
			if loc, ok := l.calls[m]; ok {
				return format.Place{Location: loc, ModuleCalls: l.chain(parentModule(m))}, true
			}
		}
		return format.Place{}, false
	}
	elem := func(name string, index int) (plan.Value, bool) {
		res := l.resource(address)
		if res == nil {
			return plan.Value{}, false
		}
		return res.Attr(name).Index(index), true
	}
	path := parsePath(attribute)
	if doc, ok := l.policyDocumentStatement(decl, path); ok {
		return format.Place{Location: doc, ModuleCalls: l.chain(decl.module)}, true
	}
	r := findPath(decl.block.Body, path, decl.block.DefRange(), elem)
	return format.Place{Location: at(decl.file, r), ModuleCalls: l.chain(decl.module)}, true
}

// policyDocumentStatement follows policy = data.aws_iam_policy_document.X.json
// to the statement block a policy.Statement[i] path names.
func (l *Locator) policyDocumentStatement(decl resourceDecl, path []step) (format.Location, bool) {
	if len(path) < 2 || path[1].name != "Statement" {
		return format.Location{}, false
	}
	a, ok := decl.block.Body.Attributes[path[0].name]
	if !ok {
		return format.Location{}, false
	}
	ref, ok := a.Expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(ref.Traversal) < 3 || ref.Traversal.RootName() != "data" {
		return format.Location{}, false
	}
	typ, ok1 := ref.Traversal[1].(hcl.TraverseAttr)
	name, ok2 := ref.Traversal[2].(hcl.TraverseAttr)
	if !ok1 || !ok2 || typ.Name != "aws_iam_policy_document" {
		return format.Location{}, false
	}
	doc, ok := l.resources[join(decl.module, "data.aws_iam_policy_document."+name.Name)]
	if !ok {
		return format.Location{}, false
	}
	i := max(path[1].index, 0)
	for _, b := range doc.block.Body.Blocks {
		if b.Type == "statement" {
			if i == 0 {
				return at(doc.file, b.DefRange()), true
			}
			i--
		}
	}
	return format.Location{}, false
}

// resource finds a resource instance of the plan by address.
func (l *Locator) resource(address string) *plan.Resource {
	if l.plan == nil {
		return nil
	}
	if l.byAddress == nil {
		l.byAddress = make(map[string]*plan.Resource, len(l.plan.Resources))
		for _, r := range l.plan.Resources {
			l.byAddress[r.Address] = r
		}
	}
	return l.byAddress[address]
}

// chain lists the module calls from the root to module (outermost first).
func (l *Locator) chain(module string) []format.ModuleCall {
	if module == "" {
		return nil
	}
	if c, ok := l.chains[module]; ok {
		return c
	}
	var c []format.ModuleCall
	for m := module; m != ""; m = parentModule(m) {
		if loc, ok := l.calls[m]; ok {
			c = append(c, format.ModuleCall{Address: m, Location: loc})
		}
	}
	for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
		c[i], c[j] = c[j], c[i]
	}
	l.chains[module] = c
	return c
}

// modulePath returns the module part of a configuration address
// ("module.a.module.b" of "module.a.module.b.aws_x.y"), or "".
func modulePath(cfgAddr string) string {
	parts := strings.Split(cfgAddr, ".")
	n := 0
	for n+1 < len(parts) && parts[n] == "module" {
		n += 2
	}
	return strings.Join(parts[:n], ".")
}

// parentModule drops the last module call: module.a.module.b -> module.a -> "".
func parentModule(m string) string {
	i := strings.LastIndex(m, ".module.")
	if i < 0 {
		return ""
	}
	return m[:i]
}
