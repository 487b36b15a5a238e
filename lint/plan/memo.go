package plan

// Memo: values rules derive once per resource or per plan and share.

// Memo caches a value derived from the resource (e.g. its normalised rules) so
// that several rules reading the same structure derive it once. Only the most
// recently memoised resources keep their values (rules run resource by resource),
// so memory stays flat on large plans; an evicted value is derived again if asked.
func (r *Resource) Memo(key string, derive func() any) any {
	if m := r.memo; m != nil && m.owner == r {
		for _, e := range m.entries {
			if e.key == key {
				return e.val
			}
		}
	}
	v := derive()
	// derive may have memoised other resources: take r's slot only now.
	m := r.memo
	if m == nil || m.owner != r {
		m = r.plan.memoSlot(r)
		r.memo = m
	}
	m.entries = append(m.entries, memoEntry{key, v})
	return v
}

// Memo caches a plan-wide answer (e.g. "does any trail record S3 data events")
// that rules would otherwise recompute for every resource they check, which
// would make them quadratic in plan size. Values are kept for the plan's life.
func (p *Plan) Memo(key string, derive func() any) any {
	if v, ok := p.planMemo[key]; ok {
		return v
	}
	if p.planMemo == nil {
		p.planMemo = map[string]any{}
	}
	v := derive()
	p.planMemo[key] = v
	return v
}

// memoList holds one resource's memoised values. The lists live in a ring that
// the plan reuses, so memoising allocates nothing once the ring is warm.
type memoList struct {
	owner   *Resource
	entries []memoEntry
}

type memoEntry struct {
	key string
	val any
}

// memoRing is how many resources keep their memoised values.
const memoRing = 64

// memoSlot gives r the ring's next list, dropping the values of the resource
// that memoised longest ago.
func (p *Plan) memoSlot(r *Resource) *memoList {
	if p == nil {
		return &memoList{owner: r}
	}
	if p.memoRing == nil {
		p.memoRing = make([]memoList, memoRing)
	}
	m := &p.memoRing[p.memoNext]
	p.memoNext = (p.memoNext + 1) % memoRing
	if m.owner != nil && m.owner.memo == m {
		m.owner.memo = nil
	}
	clear(m.entries) // let the evicted values be collected
	m.owner, m.entries = r, m.entries[:0]
	return m
}
