package plan

// ReferencedOneByOne is Referenced worked out for r alone (no index of its
// type's answers): what the indexes must agree with.
func ReferencedOneByOne(p *Plan, r *Resource, attr string, types ...string) []*Resource {
	return p.corr.referenced(r, attr, types)
}
