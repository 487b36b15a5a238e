package rules

import (
	"fmt"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

// The cache must give every resource the verdicts of its own document: the same
// text on several resources shares them, a text that differs (even only in its
// escapes) is judged on its own, and dropping the parsed statements past the
// bound changes nothing.
func TestPolicyCache(t *testing.T) {
	const public = `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Effect":"Allow","Principal":"*","Action":"*"}]}`
	// The same document with "Allow" written with an escape: another text, the same verdict.
	const escaped = `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Effect":"\u0041llow","Principal":"*","Action":"*"}]}`
	const private = `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"*"}}`
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_sqs_queue.a", After: withPolicy(t, public)},
		plantest.Res{Address: "aws_sqs_queue.b", After: withPolicy(t, public)},
		plantest.Res{Address: "aws_sqs_queue.c", After: withPolicy(t, private)},
		plantest.Res{Address: "aws_sqs_queue.d", After: withPolicy(t, escaped)},
		plantest.Res{Address: "aws_sqs_queue.e", After: withPolicy(t, "not json")},
		plantest.Res{Address: "aws_sqs_queue.f", After: `{"policy":null}`},
		plantest.Res{Address: "aws_sqs_queue.g", After: `{}`, Unknown: `{"policy":true}`},
	)
	type want struct {
		public        int
		denies, known bool
		stmts         int
	}
	wants := map[string]want{
		"aws_sqs_queue.a": {1, true, true, 2},
		"aws_sqs_queue.b": {1, true, true, 2},
		"aws_sqs_queue.c": {-1, false, true, 1},
		"aws_sqs_queue.d": {1, true, true, 2},
		"aws_sqs_queue.e": {-1, false, true, 0},
		"aws_sqs_queue.f": {-1, false, false, 0},
		"aws_sqs_queue.g": {-1, false, false, 0},
	}
	check := func(round string) {
		for _, r := range p.Resources {
			w := wants[r.Address]
			i, known := publicPolicyStatement(p, r)
			denies, knownTLS := policyDeniesInsecureTransport(p, r)
			stmts, knownStmts := resourcePolicy(p, r)
			if i != w.public || known != w.known || denies != w.denies || knownTLS != w.known ||
				len(stmts) != w.stmts || knownStmts != w.known {
				t.Errorf("%s %s: public %d %v, denies TLS %v %v, %d statements %v; want %+v",
					round, r.Address, i, known, denies, knownTLS, len(stmts), knownStmts, w)
			}
		}
	}
	check("first")
	check("cached")
	c := policyCache(p)
	if len(c.stmts) != 4 || len(c.facts) != 4 { // public, escaped, private, not json
		t.Errorf("the cache holds %d parsed texts and %d verdicts, want 4 of each", len(c.stmts), len(c.facts))
	}
	// Past the bound, the parsed statements are dropped and parsed again.
	for _, r := range p.Resources {
		if r.Address == "aws_sqs_queue.c" {
			text, _ := r.Attr("policy").Text()
			delete(c.stmts, text)
			c.held = policyCacheBytes
			resourcePolicy(p, r)
		}
	}
	if len(c.stmts) != 1 {
		t.Errorf("past the bound the cache holds %d parsed texts, want only the last one", len(c.stmts))
	}
	clear(c.facts)
	check("after the bound")

	// A role's inline policy with the same text shares the parsed statements.
	role := plantest.Plan(t, plantest.Res{Address: "aws_iam_role.r",
		After: `{"inline_policy":[` + withPolicy(t, private) + `,` + withPolicy(t, public) + `]}`})
	docs := iamPolicyDocuments(role, role.Resources[0])
	if len(docs) != 2 || len(docs[0].Stmts) != 1 || len(docs[1].Stmts) != 2 || docs[1].State != Known ||
		docs[1].Attr != "inline_policy[1].policy" {
		t.Fatalf("inline policies: %+v", docs)
	}
	again := iamPolicyDocuments(role, role.Resources[0])
	if &again[1].Stmts[0] != &docs[1].Stmts[0] {
		t.Error("the second read of an inline policy parsed it again")
	}
}

// The verdicts a document's text rules out without a parse (no "Allow" or no
// "*" for a public statement, no "Deny" for a TLS denial) must be the parse's,
// however the text is escaped: a value written with \u escapes, in the
// document or in the plan's string holding it, is parsed.
func TestPolicyVerdictsWithoutParse(t *testing.T) {
	type doc struct {
		after          string // the resource's after, its policy as the plan writes it
		public, denies bool   // the parse's verdicts, stated to keep the cases honest
	}
	docs := []doc{
		{withPolicy(t, `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`), true, false},
		{withPolicy(t, `{"Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1:root","*"]}}}`), true, false},
		{withPolicy(t, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Resource":"*"}]}`), false, false},
		{withPolicy(t, `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"}}]}`), false, false},
		{withPolicy(t, `{"Statement":[{"Effect":"Deny","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`), false, true},
		{withPolicy(t, `{"Statement":[{"Effect":"Deny","Principal":"*","Condition":{"BoolIfExists":{"AWS:securetransport":[false]}}}]}`), false, true},
		{withPolicy(t, `{"Statement":[{"Effect":"Deny","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`), false, false},
		// Escapes inside the document (the plan's string then holds \\u).
		{withPolicy(t, `{"Statement":[{"Effect":"\u0041llow","Principal":"\u002a"}]}`), true, false},
		{withPolicy(t, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"\u002A"}}]}`), true, false},
		{withPolicy(t, `{"Statement":[{"Effect":"\u0044eny","Condition":{"Bool":{"aws:SecureTransport":false}}}]}`), false, true},
		// Escapes in the plan's string itself.
		{`{"policy":"{\"Statement\":[{\"Effect\":\"\u0041llow\",\"Principal\":\"*\"}]}"}`, true, false},
		{`{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\u0022*\u0022}]}"}`, true, false},
		{`{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"\u002a\"}]}"}`, true, false},
		{`{"policy":"{\"Statement\":[{\"Effect\":\"D\u0065ny\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"}`, false, true},
		// Not JSON, however promising its text.
		{withPolicy(t, `{"Statement":[{"Effect":"Allow","Principal":"*"}],`), false, false},
		{withPolicy(t, `Deny Allow "*"`), false, false},
	}
	var res []plantest.Res
	for i, d := range docs {
		res = append(res, plantest.Res{Address: fmt.Sprintf("aws_sqs_queue.q%d", i), After: d.after})
	}
	p := plantest.Plan(t, res...)
	for i, r := range p.Resources {
		d := docs[i]
		s, ok := r.Attr("policy").Str()
		if !ok {
			t.Fatalf("%s: no policy in %s", r.Address, d.after)
		}
		// The parse's verdicts, without the cache or its shortcuts.
		stmts := policyStatements(plan.Document(s))
		wantPublic := -1
		for j, st := range stmts {
			if publicStatement(st) {
				wantPublic = j
				break
			}
		}
		if (wantPublic >= 0) != d.public || deniesInsecureTransport(stmts) != d.denies {
			t.Fatalf("%s: the parse says public %d, denies %v; the case says %v, %v", r.Address, wantPublic,
				deniesInsecureTransport(stmts), d.public, d.denies)
		}
		if got, known := publicPolicyStatement(p, r); got != wantPublic || !known {
			t.Errorf("%s: publicPolicyStatement = %d, %v; want %d", r.Address, got, known, wantPublic)
		}
		if got, known := policyDeniesInsecureTransport(p, r); got != d.denies || !known {
			t.Errorf("%s: policyDeniesInsecureTransport = %v, %v; want %v", r.Address, got, known, d.denies)
		}
	}
}

func TestPolicyTextSearches(t *testing.T) {
	for text, want := range map[string]bool{
		`\"*\"`: true, `{\"P\":\"*\"}`: true, `\"a*\"`: false, `\"*a\"`: false, `*\"`: false, `\"*`: false,
		`*`: false, ``: false, `s3:*\"`: false, `\"**\"`: false, `** \"*\"`: true,
	} {
		if got := hasQuotedStar(text); got != want {
			t.Errorf("hasQuotedStar(%q) = %v, want %v", text, got, want)
		}
	}
	for text, want := range map[string]bool{
		`\u0041`: true, `\\u0041`: true, `x\u`: true, `u\`: false, `uu`: false, `u`: false, ``: false, `\"Sub\"`: false,
	} {
		if got := hasUnicodeEscape(text); got != want {
			t.Errorf("hasUnicodeEscape(%q) = %v, want %v", text, got, want)
		}
	}
}
