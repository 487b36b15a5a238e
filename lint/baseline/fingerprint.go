package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Markers digested in place of a value that must not, or cannot, be digested.
const (
	markSensitive = "(sensitive)"
	markUnknown   = "(known after apply)"
	markAbsent    = "(absent)"
	// planWide stands for the identity of a plan-wide finding.
	planWide = "(plan-wide)"
)

// fingerprintVersion is hashed into every fingerprint: a change to what a
// fingerprint covers changes it, and Version with it.
const fingerprintVersion = "hardened-lint-fingerprint-1"

// Fingerprinter computes findings' fingerprints over one plan: it finds each
// finding's resource and the addresses it had before (previous_address and
// moved blocks).
type Fingerprinter struct {
	byAddress map[string]*plan.Resource
	// renames are the moved blocks of the configuration (see ReadMoved).
	renames Renames
	// byIdentity maps every address a resource is known by to it (see Resolve).
	byIdentity map[string]*plan.Resource
}

// NewFingerprinter indexes the plan's resources; renames may be nil.
func NewFingerprinter(p *plan.Plan, renames Renames) *Fingerprinter {
	fp := &Fingerprinter{byAddress: make(map[string]*plan.Resource, len(p.Resources)+len(p.Deleted)), renames: renames}
	for _, list := range [][]*plan.Resource{p.DataSources, p.Deleted, p.Resources} {
		for _, r := range list {
			fp.byAddress[r.Address] = r // a planned instance wins over a deleted one
		}
	}
	return fp
}

// Identities lists the addresses a resource is known by, its current one
// first, then the ones it had before: the plan's previous_address (a moved
// block Terraform applies in this plan) and, through the configuration's moved
// blocks, every earlier address (moves already applied, whose blocks stay).
func (fp *Fingerprinter) Identities(address string) []string {
	out := []string{address}
	if r := fp.byAddress[address]; r != nil && r.PreviousAddress != "" && r.PreviousAddress != address {
		out = append(out, r.PreviousAddress)
	}
	for i := 0; i < len(out) && len(out) < maxIdentities; i++ {
		for _, prev := range fp.renames.Previous(out[i]) {
			if !contains(out, prev) {
				out = append(out, prev)
			}
		}
	}
	return out
}

// maxIdentities bounds a chain of moves (and cycles in broken configurations).
const maxIdentities = 32

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Fingerprints returns the finding's fingerprint under each of its resource's
// identities, the current one first. A plan-wide finding (no trail records S3
// data events) is carried by whichever resource the run judged first: its
// fingerprint is the rule's and the attribute's alone.
func (fp *Fingerprinter) Fingerprints(f *engine.Finding) []string {
	attr := NormalizeAttribute(f.Attribute)
	if f.Rule.PlanWide {
		return []string{Fingerprint(f.Rule.ID, "", planWide, attr, digest([]byte(planWide)))}
	}
	digest := fp.ValueDigest(f)
	ids := fp.Identities(f.Address)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = Fingerprint(f.Rule.ID, f.ResourceType, id, attr, digest)
	}
	return out
}

// Fingerprint hashes what identifies a finding: the rule, the resource type,
// the resource's identity (its address, module path and for_each/count keys
// included), the attribute at fault with list positions left out, and the
// digest of the offending value. 128 bits, hex.
func Fingerprint(rule, resourceType, identity, attribute, valueDigest string) string {
	h := sha256.New()
	for _, part := range []string{fingerprintVersion, rule, resourceType, identity, attribute, valueDigest} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// NormalizeAttribute replaces list positions in an attribute path with [*]
// ("ingress[2].cidr_blocks" -> "ingress[*].cidr_blocks"): Terraform orders a
// set's elements by their content, so adding a rule to a group moves the
// others. Map keys ([\"a\"]) are kept.
func NormalizeAttribute(attr string) string {
	if !strings.Contains(attr, "[") {
		return attr
	}
	var b strings.Builder
	for i := 0; i < len(attr); i++ {
		c := attr[i]
		if c == '"' { // a map key: copied as it is
			end := skipString(attr, i)
			b.WriteString(attr[i:end])
			i = end - 1
			continue
		}
		b.WriteByte(c)
		if c != '[' {
			continue
		}
		j := i + 1
		for j < len(attr) && attr[j] >= '0' && attr[j] <= '9' {
			j++
		}
		if j > i+1 && j < len(attr) && attr[j] == ']' {
			b.WriteByte('*')
			i = j - 1
		}
	}
	return b.String()
}

// ValueDigest is the digest of the value a finding is about, never the value:
// at a path with list positions, the outermost list element on the path (the
// whole ingress rule, so that two rules with the same CIDR block differ, and
// reordering does not matter); otherwise the value at the attribute. A value
// that is sensitive (in any part), known only after apply, or absent is
// digested as a fixed marker. Objects are digested with sorted keys, so the
// digest does not depend on how the plan was written out.
func (fp *Fingerprinter) ValueDigest(f *engine.Finding) string {
	r := fp.byAddress[f.Address]
	if r == nil {
		return digest([]byte(markAbsent))
	}
	path := f.Attribute
	if i := strings.Index(path, "]"); i >= 0 && strings.Contains(path[:i], "[") {
		path = path[:i+1]
	}
	v := r.AttrPath(path)
	// A path into something the plan holds as one value (a policy document's
	// statements, inside a JSON string): the nearest value that exists.
	for v.JSON() == nil && !v.AnyUnknown() && path != "" {
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
		v = r.AttrPath(path)
	}
	return digestValue(v)
}

func digestValue(v plan.Value) string {
	switch {
	case v.AnySensitive():
		return digest([]byte(markSensitive))
	case v.AnyUnknown():
		return digest([]byte(markUnknown))
	}
	raw := v.JSON()
	if raw == nil {
		return digest([]byte(markAbsent))
	}
	if bytes.ContainsAny(raw, "{[ \t\r\n") {
		raw = canonical(raw) // an object's keys sorted, spacing left out
	}
	return digest(raw)
}

// canonical re-encodes a JSON value with sorted object keys and no spacing.
func canonical(raw []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return raw
	}
	out, err := json.Marshal(v)
	if err != nil {
		return raw
	}
	return out
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// Resolve finds the plan's resource that a baseline entry's address names
// now: the resource at that address, or the one moved there from it. nil
// when the plan has none.
func (fp *Fingerprinter) Resolve(address string) *plan.Resource {
	if fp.byIdentity == nil {
		fp.byIdentity = map[string]*plan.Resource{}
		for addr, r := range fp.byAddress {
			for _, id := range fp.Identities(addr) {
				if _, taken := fp.byIdentity[id]; !taken || id == addr {
					fp.byIdentity[id] = r
				}
			}
		}
	}
	return fp.byIdentity[address]
}

// skipString returns the index just past the quoted string at s[i] == '"'.
func skipString(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(s)
}
