package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// deleteProtected tells whether the bucket has Object Lock or MFA delete, inline (v3) or split (v4+).
func deleteProtected(p *plan.Plan, b *plan.Resource) verdict {
	if on, ok := b.Attr("object_lock_enabled").Bool(); ok && on {
		return yes
	}
	if s, _ := b.Attr("object_lock_configuration").Index(0).Get("object_lock_enabled").Str(); s == "Enabled" {
		return yes
	}
	if on, ok := b.Attr("versioning").Index(0).Get("mfa_delete").Bool(); ok && on {
		return yes
	}
	if len(p.ReferencedBy(b, "aws_s3_bucket_object_lock_configuration", "bucket")) > 0 {
		return yes
	}
	best := no
	for _, v := range p.ReferencedBy(b, "aws_s3_bucket_versioning", "bucket") {
		m := v.Attr("versioning_configuration").Index(0).Get("mfa_delete")
		if s, ok := m.Str(); ok && s == "Enabled" {
			return yes
		}
		if m.Unknown() {
			best = unknown
		}
	}
	return best
}

// archives tells whether a lifecycle rule list has an enabled rule with a transition.
func archives(rules plan.Value, enabledKey string) bool {
	found := false
	rules.Each(func(_ int, rule plan.Value) {
		en := rule.Get(enabledKey)
		if s, ok := en.Str(); ok && s != "Enabled" {
			return
		}
		if b, ok := en.Bool(); ok && !b {
			return
		}
		if rule.Get("transition").Len() > 0 {
			found = true
		}
	})
	return found
}

// sseAlgorithm reads the bucket's default encryption algorithm, split (v4+) or
// inline (v3): Known with the algorithm, Computed when it is computed during
// apply, Unset ("") when none is configured.
func sseAlgorithm(p *plan.Plan, b *plan.Resource) (string, State) {
	fromRules := func(rules plan.Value) (string, State) {
		alg := rules.Index(0).Get("apply_server_side_encryption_by_default").Index(0).Get("sse_algorithm")
		if s, ok := alg.Str(); ok {
			return s, Known
		}
		if alg.Unknown() || rules.Unknown() {
			return "", Computed
		}
		return "", Unset
	}
	for _, c := range p.ReferencedBy(b, "aws_s3_bucket_server_side_encryption_configuration", "bucket") {
		if s, st := fromRules(c.Attr("rule")); st != Unset {
			return s, st
		}
	}
	inline := read(p, b, "server_side_encryption_configuration")
	if inline.Value.Len() > 0 {
		return fromRules(inline.Value.Index(0).Get("rule"))
	}
	if inline.State == Computed {
		return "", Computed
	}
	return "", Unset
}

// verdict is a three-way answer for correlated questions.
type verdict int

const (
	no verdict = iota
	yes
	unknown
)

var publicACLs = map[string]bool{"public-read": true, "public-read-write": true, "authenticated-read": true}

var publicGroupURIs = []string{
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

var pabSettings = []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}

// pabGap is one Block Public Access setting that no block covering the bucket
// turns on (no), or that only a value computed during apply may turn on (unknown).
type pabGap struct {
	setting string
	state   verdict
	// why names the blocks that leave the setting off.
	why string
}

// publicAccessBlockGaps judges each Block Public Access setting separately, as
// AWS applies them: a setting is on when the bucket's block or the account's
// turns it on. none is true when no block covers the bucket at all.
func publicAccessBlockGaps(p *plan.Plan, bucket *plan.Resource) (none bool, gaps []pabGap) {
	bb := bucketBlocksOf(p, bucket)
	if len(bb.blocks) == 0 && accountBlocks(p, pabSettings...).n == 0 {
		return true, nil
	}
	for i, setting := range pabSettings {
		state, off := bb.setting(p, i)
		if state != yes {
			gaps = append(gaps, pabGap{setting, state, strings.Join(off, ", ")})
		}
	}
	return false, gaps
}

// bucketBlocks is a bucket's public access blocks and each Block Public
// Access setting's verdict on it (settingOn, judged when first asked), shared
// by the bucket's rules (three ask, one after another); not to be changed.
type bucketBlocks struct {
	bucket *plan.Resource
	blocks []*plan.Resource
	judged [4]bool // by position in pabSettings
	state  [4]verdict
	off    [4][]string
}

// bucketBlocksRing holds the verdicts of the buckets asked about last: a
// bucket's rules ask one after another, so a few slots serve them, and
// nothing is kept (or allocated) per bucket.
type bucketBlocksRing struct {
	slots [8]bucketBlocks
	next  int
}

// bucketBlocksOf returns the bucket's verdicts, valid until the next call.
func bucketBlocksOf(p *plan.Plan, bucket *plan.Resource) *bucketBlocks {
	ring, _ := p.Memo("public-access-blocks", func() any { return &bucketBlocksRing{} }).(*bucketBlocksRing)
	for i := range ring.slots {
		if ring.slots[i].bucket == bucket {
			return &ring.slots[i]
		}
	}
	bb := &ring.slots[ring.next]
	ring.next = (ring.next + 1) % len(ring.slots)
	*bb = bucketBlocks{bucket: bucket, blocks: p.ReferencedBy(bucket, "aws_s3_bucket_public_access_block", "bucket")}
	return bb
}

// setting is settingOn of pabSettings[i] for the bucket.
func (bb *bucketBlocks) setting(p *plan.Plan, i int) (verdict, []string) {
	if !bb.judged[i] {
		bb.state[i], bb.off[i] = settingOn(p, bb.blocks, pabSettings[i])
		bb.judged[i] = true
	}
	return bb.state[i], bb.off[i]
}

// settingOn tells whether one Block Public Access setting is on for a bucket
// with these blocks of its own, or at account level (summarised once per plan),
// and names the blocks that leave it off.
func settingOn(p *plan.Plan, blocks []*plan.Resource, setting string) (verdict, []string) {
	state := no
	var off []string
	for _, b := range blocks {
		v := b.Attr(setting)
		if on, ok := v.Bool(); ok && on {
			return yes, nil
		}
		if v.Unknown() {
			state = unknown
			continue
		}
		off = append(off, b.Address)
	}
	switch acc := accountBlocks(p, setting); acc.v {
	case yes:
		return yes, nil
	case unknown:
		state = unknown
	default:
		if acc.n > 0 {
			addr, _, _ := strings.Cut(acc.why, ":")
			off = append(off, addr)
		}
	}
	return state, off
}

// publicAccessBlocked tells whether all four Block Public Access settings cover the
// bucket, through its own aws_s3_bucket_public_access_block or the account's,
// each setting judged as AWS applies it (publicAccessBlockGaps).
func publicAccessBlocked(p *plan.Plan, bucket *plan.Resource) (verdict, string) {
	none, gaps := publicAccessBlockGaps(p, bucket)
	if none {
		return no, "no public access block covers the bucket"
	}
	best := yes
	var off []string
	for _, g := range gaps {
		switch g.state {
		case no:
			off = append(off, fmt.Sprintf("%s: %s not true", g.why, g.setting))
		case unknown:
			best = unknown
		}
	}
	if len(off) > 0 {
		return no, strings.Join(off, "; ")
	}
	return best, ""
}

// accountSummary is the verdict of the plan's account-level public access
// blocks on some settings: yes if one sets them all, else unknown if one may,
// else no; why is the first block's reason.
type accountSummary struct {
	v   verdict
	why string
	n   int
}

// accountBlocks summarises the account-level blocks once per plan and settings
// (up to four): every bucket asks, and a plan may hold one per module call.
func accountBlocks(p *plan.Plan, settings ...string) accountSummary {
	memo, _ := p.Memo("account-public-access-blocks", func() any { return map[[4]string]accountSummary{} }).(map[[4]string]accountSummary)
	var key [4]string
	copy(key[:], settings)
	if s, ok := memo[key]; ok && len(settings) <= len(key) {
		return s
	}
	s := accountSummary{v: no}
	for _, b := range p.OfType("aws_s3_account_public_access_block") {
		v, reason := allTrue(b, settings)
		if s.n == 0 {
			s.why = fmt.Sprintf("%s: %s", b.Address, reason)
		}
		s.n++
		switch {
		case v == yes:
			s.v = yes
		case v == unknown && s.v == no:
			s.v = unknown
		}
	}
	if len(settings) <= len(key) {
		memo[key] = s
	}
	return s
}

func allTrue(r *plan.Resource, attrs []string) (verdict, string) {
	result := yes
	var off []string
	for _, a := range attrs {
		v := r.Attr(a)
		if b, ok := v.Bool(); ok {
			if !b {
				off = append(off, a)
			}
			continue
		}
		if v.Unknown() {
			result = unknown
			continue
		}
		off = append(off, a) // unset: the provider's default is false
	}
	if len(off) > 0 {
		return no, strings.Join(off, ", ") + " not true"
	}
	return result, ""
}

// publicGrants lists how the bucket is opened to everyone: a public canned ACL, a
// grant to AllUsers/AuthenticatedUsers, or a policy allowing Principal "*" without
// a condition, inline (provider v3) or through split resources (v4+).
func publicGrants(p *plan.Plan, bucket *plan.Resource) (reasons []string, anyUnknown bool) {
	reasons = publicACLGrants(p, bucket)
	policies, unknown := publicPolicies(p, bucket)
	return append(reasons, policies...), unknown
}

// publicACLGrants lists public canned ACLs and grants to everyone, on the bucket
// (provider v3) or its aws_s3_bucket_acl resources (v4+).
func publicACLGrants(p *plan.Plan, bucket *plan.Resource) []string {
	var reasons []string
	for _, owner := range append([]*plan.Resource{bucket}, p.ReferencedBy(bucket, "aws_s3_bucket_acl", "bucket")...) {
		if acl, ok := owner.Attr("acl").Str(); ok && publicACLs[acl] {
			reasons = append(reasons, fmt.Sprintf("%s sets the %s ACL", owner.Address, acl))
		}
		if grantsPublic(owner.Attr("grant")) || grantsPublic(owner.Attr("access_control_policy").Index(0).Get("grant")) {
			reasons = append(reasons, owner.Address+" grants access to AllUsers or AuthenticatedUsers")
		}
	}
	return reasons
}

// publicPolicies lists policies allowing Principal "*" without a condition that
// restricts the principal (controls.ConditionRestrictsPrincipal), on the
// bucket (v3) or its aws_s3_bucket_policy resources (v4+); anyUnknown when a
// policy is computed during apply.
func publicPolicies(p *plan.Plan, bucket *plan.Resource) (reasons []string, anyUnknown bool) {
	for _, owner := range append([]*plan.Resource{bucket}, p.ReferencedBy(bucket, "aws_s3_bucket_policy", "bucket")...) {
		// A sensitive policy is read like any other: the reason names its
		// resource, never its content.
		if i, known := publicPolicyStatement(p, owner); known {
			if i >= 0 {
				reasons = append(reasons, owner.Address+" has a policy that allows Principal \"*\" without a condition that restricts the principal")
			}
		} else if read(p, owner, "policy").State == Computed {
			anyUnknown = true
		}
	}
	return reasons, anyUnknown
}

// blockSettings tells whether the named Block Public Access settings are on for
// the bucket, each at bucket or account level.
func blockSettings(p *plan.Plan, bucket *plan.Resource, settings ...string) verdict {
	bb := bucketBlocksOf(p, bucket)
	result := yes
	for _, setting := range settings {
		i := slices.Index(pabSettings, setting)
		var state verdict
		if i >= 0 {
			state, _ = bb.setting(p, i)
		} else {
			state, _ = settingOn(p, bb.blocks, setting)
		}
		switch state {
		case no:
			return no
		case unknown:
			result = unknown
		}
	}
	return result
}

func grantsPublic(grants plan.Value) bool {
	found := false
	grants.Each(func(_ int, g plan.Value) {
		uri, _ := g.Get("uri").Str()
		if uri == "" {
			uri, _ = g.Get("grantee").Index(0).Get("uri").Str()
		}
		for _, u := range publicGroupURIs {
			if uri == u {
				found = true
			}
		}
	})
	return found
}

// receivesAccessLogs reports a bucket that is the target of server access
// logging: of an aws_s3_bucket_logging (v4+) or of another bucket's inline
// logging block (v3). The S3 logging service writes it, not clients. Found
// once for the bucket's rules (two ask, one after the other).
func receivesAccessLogs(p *plan.Plan, bucket *plan.Resource) bool {
	receives, _ := bucket.Memo("receives-access-logs", func() any {
		return len(p.ReferencedBy(bucket, "aws_s3_bucket_logging", "target_bucket")) > 0 ||
			len(p.ReferencedBy(bucket, "aws_s3_bucket", "logging.target_bucket")) > 0
	}).(bool)
	return receives
}

// accessLogged tells whether the bucket has server access logging, inline (v3)
// or through aws_s3_bucket_logging (v4+).
func accessLogged(p *plan.Plan, bucket *plan.Resource) verdict {
	if len(p.ReferencedBy(bucket, "aws_s3_bucket_logging", "bucket")) > 0 {
		return yes
	}
	logging := read(p, bucket, "logging")
	if logging.Value.Len() > 0 {
		return yes
	}
	if logging.State == Computed {
		return unknown
	}
	return no
}
