package plan

import (
	"strings"
)

// correlator answers "which resource does this attribute refer to" and its
// reverse, "which resources of type T refer to this one" (the public access block
// of a bucket, the rules of a security group). Every index is built once, lazily,
// in time linear in the plan.
type correlator struct {
	p         *Plan
	instances map[string][]*Resource // config address -> instances
	// narrow indexes, per referenced config address, its instances by module
	// instance and by module instance + count/for_each key: built on first use,
	// only for addresses something refers to, so correlation stays linear.
	narrow  map[string]*instanceIndex
	byType  map[string][]*Resource
	byValue map[string]map[string][]*Resource // type -> known id/arn/name/bucket -> instances
	reverse map[reverseKey]map[*Resource][]*Resource
}

type reverseKey struct{ refType, attr, targetType string }

func newCorrelator(p *Plan) *correlator {
	c := &correlator{
		p:         p,
		instances: map[string][]*Resource{},
		narrow:    map[string]*instanceIndex{},
		byType:    map[string][]*Resource{},
		byValue:   map[string]map[string][]*Resource{},
		reverse:   map[reverseKey]map[*Resource][]*Resource{},
	}
	// Made from the groups Parse filed resources in: callers may append to these
	// slices, so none has spare capacity.
	for i := range p.groups {
		g := &p.groups[i]
		c.instances[g.addr] = g.instances[:len(g.instances):len(g.instances)]
	}
	for i := range p.types {
		t := &p.types[i]
		c.byType[t.name] = t.resources[:len(t.resources):len(t.resources)]
	}
	return c
}

// OfType returns every instance of a resource type (changed or not), in plan order.
func (p *Plan) OfType(typ string) []*Resource { return p.corr.byType[typ] }

// Referenced returns the resources of the given types that r's top-level attribute
// refers to: through the configuration's references (across module calls,
// variables and outputs, matching count/for_each keys), or else through a known
// value equal to a candidate's id, arn, name or bucket.
func (p *Plan) Referenced(r *Resource, attr string, types ...string) []*Resource {
	return p.corr.referenced(r, attr, types)
}

// ReferencedBy returns the resources of type refType whose attribute attr refers
// to target, e.g. ReferencedBy(bucket, "aws_s3_bucket_public_access_block", "bucket", "aws_s3_bucket").
func (p *Plan) ReferencedBy(target *Resource, refType, attr string) []*Resource {
	key := reverseKey{refType, attr, target.Type}
	rev, ok := p.corr.reverse[key]
	if !ok {
		rev = map[*Resource][]*Resource{}
		types := []string{target.Type}
		for _, r := range p.corr.byType[refType] {
			for _, t := range p.corr.referenced(r, attr, types) {
				rev[t] = append(rev[t], r)
			}
		}
		for t, rs := range rev {
			rev[t] = rs[:len(rs):len(rs)] // callers may append: never into a shared array
		}
		p.corr.reverse[key] = rev
	}
	return rev[target]
}

// AttrConfigured reports whether the configuration sets the attribute (as opposed
// to leaving it for the provider or AWS to fill in). Without a configuration
// section (very old plans) it reports true, so no "unset" verdict is made blindly.
func (p *Plan) AttrConfigured(r *Resource, attr string) bool {
	if p.Config == nil {
		return true
	}
	_, ok := p.config.expression(r, attr)
	return ok
}

func (c *correlator) referenced(r *Resource, attr string, types []string) []*Resource {
	want := func(typ string) bool {
		for _, t := range types {
			if t == typ {
				return true
			}
		}
		return false
	}
	var out []*Resource
	add := func(cands []*Resource) {
		for _, x := range cands {
			if x != r && want(x.Type) && !contains(out, x) {
				out = append(out, x)
			}
		}
	}
	if e, ok := c.p.config.expression(r, attr); ok {
		for _, t := range c.p.config.resolveExpr(r.moduleKey(), e) {
			typ := t.addr
			if i := strings.IndexByte(typ, '.'); i >= 0 {
				typ = typ[:i]
			}
			if want(typ) {
				add(c.pick(r, t))
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	// Fallback: a known value that names the target (an existing bucket, a group ID).
	if s, ok := r.Attr(attr).Str(); ok && s != "" {
		for _, typ := range types {
			add(c.valueIndex(typ)[s])
		}
	}
	return out
}

// pick chooses the instances of a configuration target that r most likely means:
// the instance key the reference named, then the same module instance, then the
// same count/for_each key as r (the `bucket = aws_s3_bucket.b[count.index].id` pattern).
func (c *correlator) pick(r *Resource, t target) []*Resource {
	addr := t.full
	cands := c.instances[addr]
	if len(cands) <= 1 {
		return cands
	}
	if t.module == r.moduleKey() {
		// The common case, answered from the indexes: same module instance, then
		// the key the reference named, or else r's own count/for_each key.
		ix := c.narrowIndex(addr, cands)
		if same := ix.byModule[r.mod]; len(same) > 0 {
			cands = same
		}
		if t.key != "" {
			return ix.byKey[instKey{r.mod, t.key}]
		}
		if len(cands) > 1 {
			if k := lastKey(r.Address); k != "" {
				if keyed := ix.byKey[instKey{r.mod, k}]; len(keyed) > 0 {
					return keyed
				}
			}
		}
		return cands
	}
	// Across modules (through variables and outputs): rarer, filtered directly.
	if t.key != "" {
		cands = filter(cands, func(x *Resource) bool { return lastKey(x.Address) == t.key })
	}
	if r.ModuleAddress != "" && strings.HasPrefix(t.module, r.moduleKey()) {
		cands = prefer(cands, func(x *Resource) bool { return strings.HasPrefix(x.ModuleAddress, r.ModuleAddress) })
	} else {
		cands = prefer(cands, func(x *Resource) bool { return strings.HasPrefix(r.ModuleAddress, x.ModuleAddress) })
	}
	if k := lastKey(r.Address); k != "" && len(cands) > 1 {
		cands = prefer(cands, func(x *Resource) bool { return lastKey(x.Address) == k })
	}
	return cands
}

func (c *correlator) valueIndex(typ string) map[string][]*Resource {
	if ix, ok := c.byValue[typ]; ok {
		return ix
	}
	ix := map[string][]*Resource{}
	for _, x := range c.byType[typ] {
		for _, a := range []string{"id", "arn", "name", "bucket"} {
			if s, ok := x.Attr(a).Str(); ok && s != "" {
				ix[s] = append(ix[s], x)
			}
		}
	}
	c.byValue[typ] = ix
	return ix
}

func filter(in []*Resource, keep func(*Resource) bool) []*Resource {
	var out []*Resource
	for _, x := range in {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// prefer narrows to the matching candidates, unless none match.
func prefer(in []*Resource, keep func(*Resource) bool) []*Resource {
	if out := filter(in, keep); len(out) > 0 {
		return out
	}
	return in
}

// instKey is a module instance (Resource.mod) and an instance key.
type instKey struct {
	module int32
	key    string
}

type instanceIndex struct {
	byModule map[int32][]*Resource
	byKey    map[instKey][]*Resource
}

func (c *correlator) narrowIndex(addr string, cands []*Resource) *instanceIndex {
	if ix, ok := c.narrow[addr]; ok {
		return ix
	}
	ix := &instanceIndex{byModule: map[int32][]*Resource{}, byKey: map[instKey][]*Resource{}}
	for _, x := range cands {
		ix.byModule[x.mod] = append(ix.byModule[x.mod], x)
		k := instKey{x.mod, lastKey(x.Address)}
		ix.byKey[k] = append(ix.byKey[k], x)
	}
	for m, rs := range ix.byModule {
		ix.byModule[m] = rs[:len(rs):len(rs)]
	}
	for k, rs := range ix.byKey {
		ix.byKey[k] = rs[:len(rs):len(rs)]
	}
	c.narrow[addr] = ix
	return ix
}

func contains(rs []*Resource, x *Resource) bool {
	for _, r := range rs {
		if r == x {
			return true
		}
	}
	return false
}
