package plan

// The correlator's lazily built indexes: candidates by attribute value, across
// modules, and by module instance and instance key.

// crossKey is a target address (with the instance key its reference named) as
// seen from a module instance; crossCands its candidates from there, and those
// by instance key once asked.
type crossKey struct {
	group, mod int32
	key        string
}

type crossCands struct {
	all   []*Resource
	byKey map[string][]*Resource
}

func (c *correlator) valueIndex(typ string) map[string]*valueCands {
	if ix, ok := c.byValue[typ]; ok {
		return ix
	}
	ix := map[string]*valueCands{}
	// One walk of each resource's values, markers left alone (an attribute index
	// for every resource of the type would cost more and evict the indexes rules
	// are using).
	for _, x := range c.byType[typ] {
		walkObject(x.afterRaw(), func(k []byte, v rawElem) bool {
			switch string(k) {
			case "id", "arn", "name", "bucket":
				if s, ok := (Value{raw: v.raw, typ: v.typ}).Str(); ok && s != "" {
					vc := ix[s]
					if vc == nil {
						vc = &valueCands{}
						ix[s] = vc
					}
					if n := len(vc.all); n == 0 || vc.all[n-1] != x {
						vc.all = append(vc.all, x)
					}
				}
			}
			return true
		})
	}
	c.byValue[typ] = ix
	return ix
}

// valueCands are the instances of a type that one known value names. Copies of
// a configuration (module calls, count, for_each) often repeat a name: the
// instances are then indexed by module instance and instance key, when first
// asked, so that each referring instance finds its own in constant time
// instead of pairing with every copy.
type valueCands struct {
	all   []*Resource
	byMod map[int32][]*Resource
	byKey map[instKey][]*Resource
}

// near returns the candidates r most likely means, as pick does for
// configuration references: those in r's module instance, and among them those
// with r's count/for_each key; all of them when none is in r's module instance.
func (vc *valueCands) near(r *Resource) []*Resource {
	if vc == nil {
		return nil
	}
	if len(vc.all) <= 1 {
		return vc.all
	}
	if vc.byMod == nil {
		vc.byMod = map[int32][]*Resource{}
		vc.byKey = map[instKey][]*Resource{}
		for _, x := range vc.all {
			vc.byMod[x.mod] = append(vc.byMod[x.mod], x)
			if k := lastKey(x.Address); k != "" {
				ik := instKey{x.mod, k}
				vc.byKey[ik] = append(vc.byKey[ik], x)
			}
		}
	}
	same := vc.byMod[r.mod]
	if len(same) == 0 {
		return vc.all
	}
	if len(same) > 1 {
		if k := lastKey(r.Address); k != "" {
			if keyed := vc.byKey[instKey{r.mod, k}]; len(keyed) > 0 {
				return keyed
			}
		}
	}
	return same
}

// instKey is a module instance (Resource.mod) and an instance key.
type instKey struct {
	module int32
	key    string
}

type instanceIndex struct {
	byModule *grouped // by module instance (Resource.mod)
	// byKey holds the instances that have a count/for_each key, by module
	// instance and key; when they are all in one module instance (oneMod), by
	// key alone in oneKey instead (a string key hashes faster than a pair).
	byKey  map[instKey][]*Resource
	oneMod int32
	oneKey map[string][]*Resource
}

// keyed returns the instances in module instance mod with key key, if any.
func (ix *instanceIndex) keyed(mod int32, key string) []*Resource {
	if ix.oneKey != nil {
		if mod != ix.oneMod {
			return nil
		}
		return ix.oneKey[key]
	}
	return ix.byKey[instKey{mod, key}]
}

func (c *correlator) narrowIndex(group int32, cands []*Resource) *instanceIndex {
	if ix := c.narrow[group]; ix != nil {
		return ix
	}
	ix := &instanceIndex{}
	pairs := make([]groupedPair, len(cands))
	maxMod := int32(0)
	oneMod := len(cands) > 0
	for i, x := range cands {
		pairs[i] = groupedPair{x.mod, x}
		maxMod = max(maxMod, x.mod)
		oneMod = oneMod && x.mod == cands[0].mod
	}
	// Only looked up with a key, so instances without one are left out.
	if oneMod {
		ix.oneMod = cands[0].mod
		ix.oneKey = make(map[string][]*Resource, len(cands))
		for _, x := range cands {
			if k := lastKey(x.Address); k != "" {
				ix.oneKey[k] = append(ix.oneKey[k], x)
			}
		}
		for k, rs := range ix.oneKey {
			ix.oneKey[k] = rs[:len(rs):len(rs)]
		}
	} else {
		ix.byKey = make(map[instKey][]*Resource, len(cands))
		for _, x := range cands {
			if k := lastKey(x.Address); k != "" {
				ik := instKey{x.mod, k}
				ix.byKey[ik] = append(ix.byKey[ik], x)
			}
		}
		for k, rs := range ix.byKey {
			ix.byKey[k] = rs[:len(rs):len(rs)]
		}
	}
	if int(maxMod) < 4*len(cands)+64 {
		ix.byModule = newGrouped(int(maxMod)+1, pairs)
	} else {
		ix.byModule = newSparseGrouped(pairs)
	}
	c.narrow[group] = ix
	return ix
}
