package plan

import (
	"fmt"
	"strings"
	"testing"
)

func memoPlan(t *testing.T, n int) *Plan {
	t.Helper()
	var rcs []string
	for i := 0; i < n; i++ {
		rcs = append(rcs, fmt.Sprintf(`{"address":"aws_s3_bucket.b%d","mode":"managed","type":"aws_s3_bucket","name":"b%d","change":{"actions":["create"],"after":{"bucket":"b%d"}}}`, i, i, i))
	}
	p, err := Parse([]byte(`{"format_version":"1.2","resource_changes":[` + strings.Join(rcs, ",") + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestResourceMemo(t *testing.T) {
	p := memoPlan(t, 3*memoRing)
	calls := map[string]int{}
	get := func(r *Resource, key string) any {
		return r.Memo(key, func() any { calls[r.Address+" "+key]++; return r.Address + " " + key })
	}
	first := p.Resources[0]
	for _, key := range []string{"a", "b", "a", "b"} {
		if got := get(first, key); got != first.Address+" "+key {
			t.Fatalf("Memo(%q) = %v", key, got)
		}
	}
	if calls[first.Address+" a"] != 1 || calls[first.Address+" b"] != 1 {
		t.Fatalf("values derived again while kept: %v", calls)
	}

	// A derive that memoises more resources than the ring holds still files its
	// value under the right resource.
	nested := first.Memo("nested", func() any {
		for _, r := range p.Resources[1:] {
			get(r, "x")
		}
		return "outer"
	})
	if nested != "outer" || first.Memo("nested", func() any { return "again" }) != "outer" {
		t.Fatalf("nested memo lost: %v", nested)
	}
	// The ring holds the most recent memoRing resources; older ones derive again.
	old := p.Resources[1]
	get(old, "x")
	if calls[old.Address+" x"] != 2 {
		t.Fatalf("evicted value was not derived again: %d calls", calls[old.Address+" x"])
	}
	recent := p.Resources[len(p.Resources)-1]
	get(recent, "x")
	if calls[recent.Address+" x"] != 1 {
		t.Fatalf("recent value derived again: %d calls", calls[recent.Address+" x"])
	}
	if len(p.memoRing) != memoRing {
		t.Fatalf("ring has %d lists, want %d", len(p.memoRing), memoRing)
	}
}
