package plan

import (
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// configIndex indexes the plan's configuration section by module path so that
// references can be followed through module calls, variables and outputs.
type configIndex struct {
	modules map[string]*configModule
	memo    map[memoKey][]target
	// exprs memoises resolveExpr by module and expression: the calls of a
	// module share its decoded configuration (see decodeConfig), so one
	// expression serves every module the module is called as.
	exprs map[exprKey][]target
	// resources indexes each decoded module's resource blocks by address, once
	// for all the calls that share it.
	resources map[*tfjson.ConfigModule]map[resKey]*tfjson.ConfigResource
	// byMod caches modules[Plan.mods[i].key] by module instance i (noModule:
	// looked up, absent), so that configResource hashes no module path.
	byMod []*configModule
	// locals holds, by expression, what its references name inside its own
	// module (see localTargets): shared by every module the expression's module
	// is called as.
	locals map[*tfjson.Expression]localRefs
	// local is resolveExpr's answer for a local expression, reused by the
	// next call; addrBuf joins a module path and an address.
	local   []target
	addrBuf []byte
	// groupIDs numbers the configuration addresses the plan has instances of
	// (Plan.groupIDs), so that resolved targets carry their group.
	groupIDs map[string]int32
}

type memoKey struct{ module, ref string }

type exprKey struct {
	module string
	e      *tfjson.Expression
}

type configModule struct {
	key       string
	mod       *tfjson.ConfigModule
	parent    *configModule
	call      *tfjson.ModuleCall // this module's call in its parent
	resources map[resKey]*tfjson.ConfigResource
}

// resKey is a resource block's address ("type.name") cut at its first dot:
// looked up from a resource's Type and Name without joining them.
type resKey struct{ head, tail string }

func newResKey(addr string) (resKey, bool) {
	head, tail, ok := strings.Cut(addr, ".")
	return resKey{head, tail}, ok
}

// noModule marks a module instance whose configuration module was looked for and not found.
var noModule = &configModule{}

// target is a resource of the configuration that a reference resolves to.
type target struct {
	module string // module path, "" for root
	addr   string // "type.name"
	key    string // instance key if the reference named one (`[0]`, `["a"]`)
	group  int32  // full's number in Plan.groups (groupAt), -1 if the plan has no instance of it
}

func newConfigIndex(cfg *tfjson.Config, groupIDs map[string]int32) *configIndex {
	ix := &configIndex{modules: map[string]*configModule{}, memo: map[memoKey][]target{},
		exprs: map[exprKey][]target{}, groupIDs: groupIDs, locals: map[*tfjson.Expression]localRefs{},
		resources: map[*tfjson.ConfigModule]map[resKey]*tfjson.ConfigResource{}}
	if cfg == nil || cfg.RootModule == nil {
		return ix
	}
	ix.add("", cfg.RootModule, nil, nil, 0)
	return ix
}

func (ix *configIndex) add(key string, mod *tfjson.ConfigModule, parent *configModule, call *tfjson.ModuleCall, depth int) {
	if mod == nil || depth > 64 {
		return
	}
	rs, ok := ix.resources[mod]
	if !ok {
		rs = make(map[resKey]*tfjson.ConfigResource, len(mod.Resources))
		for _, r := range mod.Resources {
			if r == nil {
				continue
			}
			// An address without a dot is never "type.name": never looked up.
			if k, ok := newResKey(r.Address); ok {
				rs[k] = r
			}
		}
		ix.resources[mod] = rs
	}
	m := &configModule{key: key, mod: mod, parent: parent, call: call, resources: rs}
	ix.modules[key] = m
	for name, c := range mod.ModuleCalls {
		if c != nil {
			ix.add(joinAddr(key, "module."+name), c.Module, m, c, depth+1)
		}
	}
}

// resource returns the configuration block of a resource instance's
// "type.name" in its module.
func (ix *configIndex) resource(r *Resource) *tfjson.ConfigResource {
	m := ix.moduleOf(r)
	if m == noModule {
		return nil
	}
	k := resKey{r.Type, r.Name}
	if i := strings.IndexByte(r.Type, '.'); i >= 0 { // never in plans Terraform writes
		k, _ = newResKey(r.Type + "." + r.Name)
	}
	return m.resources[k]
}

// moduleOf returns the configuration module of a resource instance's module
// path, noModule if the configuration has none.
func (ix *configIndex) moduleOf(r *Resource) *configModule {
	if int(r.mod) < len(ix.byMod) {
		if m := ix.byMod[r.mod]; m != nil {
			return m
		}
	} else {
		ix.byMod = append(ix.byMod, make([]*configModule, int(r.mod)+1-len(ix.byMod))...)
	}
	m := ix.modules[r.moduleKey()]
	if m == nil {
		m = noModule
	}
	ix.byMod[r.mod] = m
	return m
}

// configResource returns the configuration block of a resource instance. The
// instances of a configuration address share it: it is looked up once per
// address (each time for the instances of an address the input gave
// inconsistent types, which is rare).
func (ix *configIndex) configResource(r *Resource) *tfjson.ConfigResource {
	g := r.plan.groupAt(r.group)
	cfg := g.cfg
	if cfg == nil || g.mixed {
		cfg = ix.resource(r)
		if cfg == nil {
			cfg = noConfig
		}
		g.cfg = cfg
	}
	if cfg == noConfig {
		return nil
	}
	return cfg
}

// noConfig marks a resource whose configuration block was looked for and not found.
var noConfig = &tfjson.ConfigResource{}

// expression returns the configuration expression of a resource's top-level attribute.
func (ix *configIndex) expression(r *Resource, attr string) (*tfjson.Expression, bool) {
	cr := ix.configResource(r)
	if cr == nil || cr.Expressions == nil {
		return nil, false
	}
	e, ok := cr.Expressions[attr]
	return e, ok
}

// attrExpressions returns the configuration expressions of attr: a top-level
// attribute ("bucket"), or one inside a nested block ("logging.target_bucket"),
// once per block that sets it; appended to out (a buffer the caller owns).
func (ix *configIndex) attrExpressions(out []*tfjson.Expression, r *Resource, attr string) []*tfjson.Expression {
	block, nested, isNested := strings.Cut(attr, ".")
	e, ok := ix.expression(r, block)
	if !ok || e == nil {
		return out
	}
	if !isNested {
		return append(out, e)
	}
	if e.ExpressionData == nil {
		return out
	}
	for _, nb := range e.NestedBlocks {
		if x, ok := nb[nested]; ok && x != nil {
			out = append(out, x)
		}
	}
	return out
}

// resolveExpr resolves every reference of an expression in a module to
// resources. The answer is valid until the next call (a local expression's is
// made in a reused buffer): read it, do not keep it.
func (ix *configIndex) resolveExpr(module string, e *tfjson.Expression) []target {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	if l := ix.localRefs(e); l.local {
		// Joined to the module at each call, into a buffer: cheaper than
		// keeping an answer per module and expression.
		ix.local = ix.localTargets(ix.local[:0], module, l.refs)
		return ix.local
	}
	key := exprKey{module, e}
	if out, ok := ix.exprs[key]; ok {
		return out
	}
	var out []target
	defer func() { ix.exprs[key] = out }()
	var seen map[target]bool // once the list is long: an expression may name thousands
	for _, ref := range e.References {
		for _, t := range ix.resolve(module, ref, 0) {
			if seen == nil && len(out) >= 16 {
				seen = make(map[target]bool, 2*len(out))
				for _, o := range out {
					seen[o] = true
				}
			}
			dup := seen[t]
			for i := 0; seen == nil && i < len(out) && !dup; i++ {
				dup = out[i] == t
			}
			if !dup {
				out = append(out, t)
				if seen != nil {
					seen[t] = true
				}
			}
		}
	}
	return out
}

// localRefs are the resources an expression's references name in its own
// module, each once, in order (type.name and the instance key named); local
// is false when a reference leads out of the module (var.x, module.m.out),
// which resolve follows module by module.
type localRefs struct {
	refs  []localRef
	local bool
}

type localRef struct{ addr, key string }

// localRefs reads an expression's references once, whatever the module: an
// expression of a module called many times (one module body, see
// decodeConfig) names the same blocks in each call.
func (ix *configIndex) localRefs(e *tfjson.Expression) localRefs {
	if l, ok := ix.locals[e]; ok {
		return l
	}
	l := localRefs{local: true}
	var seen map[localRef]bool // once the list is long: an expression may name thousands
	var buf [3]string
	for _, ref := range e.References {
		segs := splitRef(buf[:0], ref)
		if len(segs) < 2 {
			continue // names nothing, as in resolve
		}
		head, _ := splitKey(segs[0])
		switch head {
		case "var", "module":
			ix.locals[e] = localRefs{}
			return localRefs{}
		case "data", "local", "each", "count", "path", "terraform", "self":
			continue
		}
		name, key := splitKey(segs[1])
		r := localRef{addr: head + "." + name, key: key}
		if seen == nil && len(l.refs) >= 16 {
			seen = make(map[localRef]bool, 2*len(l.refs))
			for _, o := range l.refs {
				seen[o] = true
			}
		}
		dup := seen[r]
		for i := 0; seen == nil && i < len(l.refs) && !dup; i++ {
			dup = l.refs[i] == r
		}
		if !dup {
			l.refs = append(l.refs, r)
			if seen != nil {
				seen[r] = true
			}
		}
	}
	ix.locals[e] = l
	return l
}

// localTargets are the targets of local references in a module: what
// resolveExpr makes of them through resolve (one target a reference, in order,
// each once), without resolve's memo of every (module, reference) pair.
func (ix *configIndex) localTargets(out []target, module string, refs []localRef) []target {
	for _, r := range refs {
		ix.addrBuf = append(ix.addrBuf[:0], module...)
		if module != "" {
			ix.addrBuf = append(ix.addrBuf, '.')
		}
		ix.addrBuf = append(ix.addrBuf, r.addr...)
		group, ok := ix.groupIDs[string(ix.addrBuf)] // joinAddr(module, r.addr), not allocated
		if !ok {
			group = -1
		}
		out = append(out, target{module: module, addr: r.addr, key: r.key, group: group})
	}
	return out
}

// resolve follows one reference ("aws_s3_bucket.b.id", "var.x", "module.m.out")
// from a module to the resources it ultimately names.
func (ix *configIndex) resolve(module, ref string, depth int) []target {
	if depth > 32 {
		return nil
	}
	key := memoKey{module, ref}
	if t, ok := ix.memo[key]; ok {
		return t
	}
	ix.memo[key] = nil // breaks cycles
	var out []target
	var buf [3]string
	segs := splitRef(buf[:0], ref)
	if len(segs) >= 2 {
		head, _ := splitKey(segs[0])
		switch head {
		case "var":
			name, _ := splitKey(segs[1])
			if m := ix.modules[module]; m != nil && m.call != nil && m.parent != nil {
				if e, ok := m.call.Expressions[name]; ok && e != nil && e.ExpressionData != nil {
					for _, r := range e.References {
						out = append(out, ix.resolve(m.parent.key, r, depth+1)...)
					}
				}
			}
		case "module":
			if len(segs) >= 3 {
				call, _ := splitKey(segs[1])
				out_, _ := splitKey(segs[2])
				child := joinAddr(module, "module."+call)
				if m := ix.modules[child]; m != nil {
					if o := m.mod.Outputs[out_]; o != nil && o.Expression != nil && o.Expression.ExpressionData != nil {
						for _, r := range o.Expression.References {
							out = append(out, ix.resolve(child, r, depth+1)...)
						}
					}
				}
			}
		case "data", "local", "each", "count", "path", "terraform", "self":
		default:
			name, key := splitKey(segs[1])
			addr := head + "." + name
			full := joinAddr(module, addr)
			group, ok := ix.groupIDs[full]
			if !ok {
				group = -1
			}
			out = append(out, target{module: module, addr: addr, key: key, group: group})
		}
	}
	ix.memo[key] = out
	return out
}

// splitRef splits a reference at dots outside instance keys, appending the
// segments to segs and stopping once it holds cap(segs) of them: resolve reads
// the first three, into a buffer on its stack, not a slice allocated per reference.
func splitRef(segs []string, ref string) []string {
	start := 0
	for i := 0; i < len(ref); i++ {
		switch ref[i] {
		case '[':
			i = skipKey(ref, i)
		case '.':
			segs = append(segs, ref[start:i])
			if len(segs) == cap(segs) {
				return segs
			}
			start = i + 1
		}
	}
	return append(segs, ref[start:])
}

// splitKey separates `name["k"]` into name and `["k"]`.
func splitKey(seg string) (string, string) {
	if i := strings.IndexByte(seg, '['); i >= 0 {
		return seg[:i], seg[i:]
	}
	return seg, ""
}
