package plan

// The configuration section is validated by a walk that knows where module
// bodies are: it records where each module call's body ends, so that the
// decoder, which keys the bodies it has decoded by their bytes, need not skip
// a body again to find its end. One entry per module call; every other part of
// the section is validated as any value is.

// moduleEnds maps the offset of a module call's body in the configuration
// section to the offset just past it.
type moduleEnds map[int]int

// scanConfig validates the configuration object at v.pos (depth 1) and
// returns its bytes and the ends of its module bodies.
func (v *validator) scanConfig() ([]byte, moduleEnds, error) {
	start := v.pos
	ends := moduleEnds{}
	err := v.eachMember(1, func(key []byte) error {
		if string(key) == "root_module" && v.peek() == '{' {
			return v.configModule(2, start, ends)
		}
		return v.skip(2)
	})
	if err != nil {
		return nil, nil, err
	}
	return v.data[start:v.pos], ends, nil
}

// configModule validates the module body at v.pos (an object, at depth),
// recording the ends of its module calls' bodies relative to base.
func (v *validator) configModule(depth, base int, ends moduleEnds) error {
	return v.eachMember(depth, func(key []byte) error {
		if string(key) != "module_calls" || v.peek() != '{' {
			return v.skipRecent(depth + 1) // a module's parts repeat in every call of it
		}
		return v.eachMember(depth+1, func([]byte) error {
			if v.peek() != '{' {
				return v.skip(depth + 2)
			}
			return v.eachMember(depth+2, func(key []byte) error {
				if string(key) != "module" || v.peek() != '{' {
					return v.skipRecent(depth + 3)
				}
				start := v.pos
				if err := v.configModule(depth+3, base, ends); err != nil {
					return err
				}
				ends[start-base] = v.pos - base
				return nil
			})
		})
	})
}
