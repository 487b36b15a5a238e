package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Policy documents are read by several rules (a bucket's policy by the public
// policy, TLS and trail bucket rules, a key's by the key rules) and are often
// the same text on many resources (one module's policy on each instance). The
// cache parses each text once, keyed by the text as the plan holds it
// (plan.Value.Text, a view of the input: a hit neither copies nor unescapes),
// and keeps the verdicts rules ask about for the whole run.

// policyCacheBytes bounds the document text whose parsed statements the cache
// holds at once; past it the statements are dropped and parsed again if asked.
// The verdicts (policyFacts) are a few bytes a document and are kept.
const policyCacheBytes = 1 << 20

// policyDocs is one plan's cache of parsed policy documents.
type policyDocs struct {
	stmts map[string][]policyStatement
	// held is the length of the texts in stmts.
	held  int
	facts map[string]policyFacts
}

// policyFacts are the verdicts on one document text, each judged when first asked.
type policyFacts struct {
	// public is 1 + the position in the statements of the first one that
	// allows everyone (publicStatement), or -1 when none does; 0: not judged.
	public int32
	// deniesTLS is 1 when a statement denies insecure transport, -1 when none
	// does; 0: not judged.
	deniesTLS int8
}

func policyCache(p *plan.Plan) *policyDocs {
	c, _ := p.Memo("policy-documents", func() any {
		return &policyDocs{stmts: map[string][]policyStatement{}, facts: map[string]policyFacts{}}
	}).(*policyDocs)
	return c
}

// statements parses the document text of a string value once for the cache's
// life (text is v.Text()). The statements are shared: callers must not change them.
func (c *policyDocs) statements(text string, v plan.Value) []policyStatement {
	if s, ok := c.stmts[text]; ok {
		return s
	}
	s := policyStatements(v.StrDocument())
	if c.held+len(text) > policyCacheBytes {
		clear(c.stmts)
		c.held = 0
	}
	c.stmts[text] = s
	c.held += len(text)
	return s
}

// firstPublic is the position of the first statement of the document that
// allows everyone (publicStatement), or -1.
func (c *policyDocs) firstPublic(text string, v plan.Value) int {
	f := c.facts[text]
	if f.public == 0 {
		f.public = -1
		if mayAllowEveryone(text) {
			for i, s := range c.statements(text, v) {
				if publicStatement(s) {
					f.public = int32(i) + 1
					break
				}
			}
		}
		c.facts[text] = f
	}
	if f.public < 0 {
		return -1
	}
	return int(f.public) - 1
}

// deniesTLS reports a document with a Deny statement on aws:SecureTransport = false.
func (c *policyDocs) deniesTLS(text string, v plan.Value) bool {
	f := c.facts[text]
	if f.deniesTLS == 0 {
		f.deniesTLS = -1
		if mayDeny(text) && deniesInsecureTransport(c.statements(text, v)) {
			f.deniesTLS = 1
		}
		c.facts[text] = f
	}
	return f.deniesTLS > 0
}

// A verdict on a document that its text shows cannot hold the statement asked
// about is made without parsing it (most documents are asked a question or
// two, and parsed for nothing). The text is the JSON string's, escaped: a
// value of the document is in it as written there (a "*" as \"*\"), unless
// written with \u escapes, which are left to the parse.

// mayAllowEveryone reports a document text that may hold a statement that
// allows everyone (publicStatement): its Effect "Allow" and a principal "*"
// are in the text. The escapes are looked for last: a document that may is
// parsed anyway.
func mayAllowEveryone(text string) bool {
	return strings.Contains(text, "Allow") && hasQuotedStar(text) || hasUnicodeEscape(text)
}

// mayDeny reports a document text that may hold a Deny statement.
func mayDeny(text string) bool {
	return strings.Contains(text, "Deny") || hasUnicodeEscape(text)
}

// hasQuotedStar reports the string "*" of a document in its text (\"*\"): a
// search for the rare '*' where one for the backslash would stop at every
// quote.
func hasQuotedStar(text string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(text[i:], '*')
		if j < 0 {
			return false
		}
		i += j
		if i >= 2 && i+3 <= len(text) && text[i-2:i] == `\"` && text[i+1:i+3] == `\"` {
			return true
		}
	}
}

// hasUnicodeEscape reports a \u in the text: an escape of the plan's string,
// or of the document (\\u), either of which may hide any character.
func hasUnicodeEscape(text string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(text[i:], 'u')
		if j < 0 {
			return false
		}
		i += j
		if i > 0 && text[i-1] == '\\' {
			return true
		}
	}
}

// resourcePolicy returns the statements of a resource's "policy" attribute
// (shared through the cache: not to be changed). known is false when the policy is not a known string (unset, unknown, or not
// JSON gives none).
func resourcePolicy(p *plan.Plan, r *plan.Resource) (stmts []policyStatement, known bool) {
	v := r.Attr("policy")
	text, ok := v.Text()
	if !ok {
		return nil, false
	}
	return policyCache(p).statements(text, v), true
}

// publicPolicyStatement is the position of the first statement of a resource's
// "policy" attribute that allows everyone (publicStatement), or -1; known as
// resourcePolicy's.
func publicPolicyStatement(p *plan.Plan, r *plan.Resource) (i int, known bool) {
	v := r.Attr("policy")
	text, ok := v.Text()
	if !ok {
		return -1, false
	}
	return policyCache(p).firstPublic(text, v), true
}

// policyDeniesInsecureTransport reports a resource's "policy" attribute with a
// Deny statement on aws:SecureTransport = false; known as resourcePolicy's.
func policyDeniesInsecureTransport(p *plan.Plan, r *plan.Resource) (denies, known bool) {
	v := r.Attr("policy")
	text, ok := v.Text()
	if !ok {
		return false, false
	}
	return policyCache(p).deniesTLS(text, v), true
}
