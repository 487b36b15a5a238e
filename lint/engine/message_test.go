package engine

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// sprintf writes exactly what fmt.Sprintf writes, on the verbs it formats
// itself and on everything it hands to fmt.
func TestSprintfMatchesFmt(t *testing.T) {
	type stringer struct{ fmt.Stringer }
	cases := []struct {
		format string
		args   []any
	}{
		{"plain", nil},
		{"", nil},
		{"100%% sure", nil},
		{"%s", []any{"x"}},
		{"the log bucket %s has no lifecycle rule", []any{`module.a["k"].aws_s3_bucket.b`}},
		{"%s (%s) allows port %d, the database's, from %s", []any{"sg", "ingress[0]", 5432, "0.0.0.0/0"}},
		{"%d%%", []any{-42}},
		{"event_selector[%d] records only %s management events", []any{0, "ReadOnly"}},
		{"%q", []any{"quoted"}},
		{"(%q is the default) %s", []any{"Managed by Terraform", "x"}},
		{"%q %q %q %q", []any{`a"b\c`, "tab\there\n", "\x00\xff invalid", "é ☃ \u2028"}},
		{"%q", []any{strings.Repeat("long ", 40)}},
		{"%q", []any{""}},
		// Handed to fmt: other verbs, widths, flags, types, missing or extra arguments.
		{"%#q", []any{"back"}},
		{"%+q", []any{"é"}},
		{"%q", []any{42}},
		{"%5d|%-4s|", []any{7, "a"}},
		{"%v and %x", []any{true, 255}},
		{"%s", []any{controls.SeverityHigh}}, // a named string type
		{"%s", []any{stringer{}}},
		{"%d", []any{int64(3)}},
		{"%s %s", []any{"one"}},
		{"%s", []any{"one", "two"}},
		{"no verbs", []any{"extra"}},
		{"trailing %", nil},
		{"%%%s%%", []any{"x"}},
		{"a%%b%%c%d", []any{12}},
		{"%s%", []any{"x"}},
		{"%%%", nil},
		{"%s%s%d%s", []any{"", "b", 0, "%s"}},
		{"%", []any{"x"}},
	}
	for _, c := range cases {
		want := func() (s string) {
			defer func() {
				if recover() != nil {
					s = "panic"
				}
			}()
			return fmt.Sprintf(c.format, c.args...)
		}()
		if want == "panic" {
			continue // a nil Stringer: fmt reports it in the text, sprintf hands it over the same way
		}
		if got := sprintf(c.format, c.args); got != want {
			t.Errorf("sprintf(%q, %v) = %q, fmt.Sprintf writes %q", c.format, c.args, got, want)
		}
		// Appended after earlier messages (Reporter's buffer): a fallback to fmt
		// part way drops only what this message appended.
		buf := make([]byte, 0, 8)
		buf = append(buf, "before|"...)
		if got := string(appendf(buf, c.format, c.args)); got != "before|"+want {
			t.Errorf("appendf(\"before|\", %q, %v) = %q, want %q", c.format, c.args, got, "before|"+want)
		}
	}
}

func BenchmarkFailMessage(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = sprintf("%s (%s) allows port %d, the database's, from %s", []any{"aws_security_group.db", "ingress[0]", 5432, "0.0.0.0/0"})
	}
}

// appendQuote writes what strconv.Quote writes, on every byte value alone and
// in strings that take its fast path or leave it.
func TestAppendQuoteMatchesStrconv(t *testing.T) {
	cases := []string{"", "Managed by Terraform", `a"b`, `a\b`, "tab\t", "\x7f", "~ !", "é", "\xff", "\u2028", "x\x00"}
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "ab"+string([]byte{byte(c)})+"cd")
	}
	for _, s := range cases {
		if got, want := string(appendQuote([]byte("x"), s)), "x"+strconv.Quote(s); got != want {
			t.Errorf("appendQuote(%q) = %s, want %s", s, got, want)
		}
	}
}
