package engine

import (
	"fmt"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// sortByAddress must give exactly the order of a stable sort by address: byte
// order (not UTF-8 or numeric order), shorter prefixes first, equal addresses
// in plan order, on inputs of every size around the insertion sort's cut-off.
func TestSortByAddress(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	parts := []string{"aws_s3_bucket", "aws_s3_bucket_policy", "aws_s3_bucket-x", "module.m", "module.m[0]",
		`module.m["a.b"]`, "data.aws_caller_identity", ".", "[", "\x00", "\xff", "é", "a", ""}
	gen := func(n, distinct int) []visitEntry {
		pool := make([]string, distinct)
		for i := range pool {
			var b strings.Builder
			for k := rng.Intn(4); k >= 0; k-- {
				b.WriteString(parts[rng.Intn(len(parts))])
				if rng.Intn(3) == 0 {
					b.WriteString("[" + strings.Repeat("1", rng.Intn(3)) + "]")
				}
			}
			pool[i] = b.String()
		}
		es := make([]visitEntry, n)
		for i := range es {
			es[i] = entry(pool[rng.Intn(distinct)], i)
		}
		return es
	}
	check := func(name string, es []visitEntry) {
		t.Helper()
		want := slices.Clone(es)
		slices.SortStableFunc(want, func(a, b visitEntry) int { return strings.Compare(a.res.Address, b.res.Address) })
		got := slices.Clone(es)
		sortByAddress(got)
		if !sameOrder(got, want) {
			t.Fatalf("%s: sortByAddress gave\n%v\nwant\n%v", name, got, want)
		}
	}
	for _, n := range []int{0, 1, 2, 7, 8, 9, 10, 50, 65, 66, 1000} {
		for _, distinct := range []int{1, 2, 7, n + 1} {
			check("random", gen(n, distinct))
		}
	}
	// Long shared prefixes, already sorted, reversed, and all equal.
	var es []visitEntry
	for i := 0; i < 500; i++ {
		es = append(es, entry(strings.Repeat("module.deep.", 20)+"aws_x.y["+strings.Repeat("9", i%37)+"]", i))
	}
	check("long prefixes", es)
	sorted := slices.Clone(es)
	slices.SortStableFunc(sorted, func(a, b visitEntry) int { return strings.Compare(a.res.Address, b.res.Address) })
	for i := range sorted {
		sorted[i].pos = int32(i)
	}
	check("sorted", sorted)
	slices.Reverse(sorted)
	for i := range sorted {
		sorted[i].pos = int32(i)
	}
	check("reversed", sorted)
	check("equal", gen(300, 1))
	// A few runs each in order, as Visit's entries are for plans from
	// terraform show -json (managed, deleted and data resources, each sorted):
	// merged (up to maxRuns) or sorted, the same order. Addresses repeat within
	// and across runs.
	for _, runs := range []int{1, 2, 3, maxRuns, maxRuns + 1, 9} {
		for _, n := range []int{0, 1, 5, 40, 700} {
			all := gen(n, n/3+1)
			var es []visitEntry
			for r := range runs {
				run := slices.Clone(all[r*n/runs : (r+1)*n/runs])
				slices.SortStableFunc(run, func(a, b visitEntry) int { return strings.Compare(a.res.Address, b.res.Address) })
				es = append(es, run...)
			}
			for i := range es {
				es[i].pos = int32(i)
			}
			check(fmt.Sprintf("%d runs of %d", runs, n), es)
		}
	}
}

// Entries in a few sorted runs are merged, not sorted; more runs are sorted.
func TestMergeRuns(t *testing.T) {
	es := []visitEntry{entry("b", 0), entry("d", 1), entry("a", 2), entry("d", 3), entry("c", 4)}
	if !mergeRuns(es) {
		t.Fatal("two runs not merged")
	}
	if got := addresses(es); got != "a b c d d" || es[3].pos != 1 || es[4].pos != 3 {
		t.Errorf("merged %q (equal addresses by pos: %d, %d)", got, es[3].pos, es[4].pos)
	}
	var many []visitEntry
	for i := range maxRuns + 1 {
		many = append(many, entry("b", 2*i), entry("a", 2*i+1))
	}
	if mergeRuns(many) {
		t.Errorf("%d runs merged: more than maxRuns must be left to the sort", maxRuns+1)
	}
	if addresses(many) != strings.TrimSpace(strings.Repeat("b a ", maxRuns+1)) {
		t.Errorf("entries moved by a merge that did not happen: %q", addresses(many))
	}
}

func addresses(es []visitEntry) string {
	var out []string
	for _, e := range es {
		out = append(out, e.res.Address)
	}
	return strings.Join(out, " ")
}

// Past its depth bound the sort falls back to comparisons with the same result.
func TestMkqsortDepthBound(t *testing.T) {
	es := make([]visitEntry, 200)
	for i := range es {
		es[i] = entry(string(rune('a'+i%26)), i)
	}
	want := slices.Clone(es)
	slices.SortStableFunc(want, func(a, b visitEntry) int { return strings.Compare(a.res.Address, b.res.Address) })
	mkqsort(es, 0, 0, false)
	if !sameOrder(es, want) {
		t.Fatalf("depth 0: got %v, want %v", es, want)
	}
}

func sameOrder(a, b []visitEntry) bool {
	return slices.EqualFunc(a, b, func(x, y visitEntry) bool { return x.res == y.res && x.pos == y.pos })
}

func entry(addr string, pos int) visitEntry {
	return visitEntry{res: &plan.Resource{Address: addr}, pos: int32(pos)}
}

// Sort is a stable sort by compare, on a handful of findings (sorted by
// insertion, without allocating) and on more.
func TestSortFindingsStable(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	rules := []*Metadata{{ID: "a", Severity: "high"}, {ID: "b", Severity: "low"}, {ID: "c", Severity: "high"}, {ID: "d", Severity: "critical"}}
	for _, n := range []int{0, 1, 2, 3, 15, 16, 17, 40} {
		for round := 0; round < 20; round++ {
			fs := make([]Finding, n)
			for i := range fs {
				fs[i] = Finding{Rule: rules[rng.Intn(len(rules))], Address: []string{"x", "y"}[rng.Intn(2)],
					Attribute: []string{"", "p"}[rng.Intn(2)], Message: []string{"m", "n"}[rng.Intn(2)],
					Note: strconv.Itoa(i)} // tells equal findings apart
			}
			want := slices.Clone(fs)
			slices.SortStableFunc(want, func(a, b Finding) int { return compare(&a, &b) })
			Sort(fs)
			if !slices.Equal(fs, want) {
				t.Fatalf("%d findings: Sort gave %v, want %v", n, fs, want)
			}
		}
	}
	fs := []Finding{{Rule: rules[0], Address: "x"}, {Rule: rules[3], Address: "x"}}
	if n := testing.AllocsPerRun(10, func() { Sort(fs) }); n != 0 {
		t.Errorf("Sort of two findings allocates %v times", n)
	}
}
