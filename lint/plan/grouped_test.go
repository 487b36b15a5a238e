package plan

import "testing"

func TestGroupedDenseAndSparse(t *testing.T) {
	rs := make([]*Resource, 6)
	for i := range rs {
		rs[i] = &Resource{Address: string(rune('a' + i))}
	}
	pairs := []groupedPair{{3, rs[0]}, {0, rs[1]}, {3, rs[2]}, {7, rs[3]}, {0, rs[4]}, {3, rs[5]}}
	want := map[int32]string{0: "be", 1: "", 3: "acf", 7: "d", 8: "", -1: "", 1000: ""}
	for name, gr := range map[string]*grouped{"dense": newGrouped(8, pairs), "sparse": newSparseGrouped(pairs)} {
		for g, w := range want {
			got := ""
			for _, r := range gr.of(g) {
				got += r.Address
			}
			if got != w {
				t.Errorf("%s: group %d = %q, want %q", name, g, got, w)
			}
			if s := gr.of(g); len(s) != cap(s) {
				t.Errorf("%s: group %d has spare capacity", name, g)
			}
		}
	}
}
