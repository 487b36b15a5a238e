package engine

import (
	"slices"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Visit's order: resources by address, then by plan position. A comparison
// sort compares whole addresses about n log n times, and addresses share long
// prefixes ("aws_s3_bucket_server_side_encryption_configuration.logs[1]"); a
// multikey quicksort (Bentley and Sedgewick) compares seven bytes at a time as
// one integer and never looks at a prefix twice: a fraction of the instructions.

// visitEntry is one resource of Visit's order: 24 bytes, as the entries
// were before the sort needed keys.
type visitEntry struct {
	res *plan.Resource
	// key is the address's chunk at the depth being sorted (see mkqsort).
	key uint64
	pos int32 // the place in plan order: resources that share an address keep it
}

// sortByAddress sorts entries by address, then by pos (the order of a stable
// sort by address when pos is the input order: pos must increase along es).
func sortByAddress(es []visitEntry) {
	if mergeRuns(es) {
		return
	}
	depth := 0
	for n := len(es); n > 0; n >>= 1 {
		depth += 2
	}
	mkqsort(es, 0, depth, false)
}

// maxRuns is how many runs in address order mergeRuns merges. terraform show
// -json lists resource changes sorted by address, and Visit's entries are the
// managed, deleted and data resources one after another: up to three runs.
const maxRuns = 4

// mergeRuns sorts es when it is at most maxRuns runs already in address order,
// with one pass to find them and one to merge each, and reports whether it
// did; es is left as it was otherwise. Of two equal addresses, the earlier
// run's (the lower pos) comes first.
func mergeRuns(es []visitEntry) bool {
	var ends [maxRuns]int
	runs := 0
	for i := 1; i <= len(es); i++ {
		if i < len(es) && es[i].res.Address >= es[i-1].res.Address {
			continue
		}
		if runs == maxRuns {
			return false
		}
		ends[runs] = i
		runs++
	}
	if runs <= 1 {
		return true
	}
	// Merge the first run with each next one in turn, through a copy of the
	// part merged so far.
	tmp := make([]visitEntry, ends[runs-2])
	for r := 1; r < runs; r++ {
		left := tmp[:copy(tmp, es[:ends[r-1]])]
		right := es[ends[r-1]:ends[r]]
		k := 0
		for len(left) > 0 && len(right) > 0 {
			// right's entries sit after k's place: the merge never
			// overwrites one not yet read.
			if right[0].res.Address < left[0].res.Address {
				es[k], right = right[0], right[1:]
			} else {
				es[k], left = left[0], left[1:]
			}
			k++
		}
		copy(es[k:], left) // what is left of right is in place already
	}
	return true
}

// chunkBytes is how many address bytes a key holds.
const chunkBytes = 7

// chunkAt is the address bytes [d, d+7) big-endian, zeros past its end, then
// how many of them the address has: keys order as the addresses do (of two
// otherwise equal keys, the one with fewer bytes is a prefix of the other).
func chunkAt(s string, d int) uint64 {
	if d+chunkBytes <= len(s) {
		b := s[d : d+chunkBytes]
		return uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
			uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | chunkBytes
	}
	var k uint64
	for i := d; i < len(s); i++ {
		k |= uint64(s[i]) << (56 - 8*(i-d))
	}
	return k | uint64(max(len(s)-d, 0))
}

// ends reports a key of an address that ends within it.
func ends(key uint64) bool { return key&0xff < chunkBytes }

// compareFrom compares two entries whose addresses agree on their first d bytes.
func compareFrom(a, b *visitEntry, d int) int {
	if c := strings.Compare(a.res.Address[d:], b.res.Address[d:]); c != 0 {
		return c
	}
	return int(a.pos) - int(b.pos)
}

// mkqsort sorts es, whose addresses agree on their first d bytes; keyed tells
// that the entries' keys are their chunks at d already. depth bounds the
// nesting of the partitions that do not consume a chunk; past it (an
// adversarial input) they are sorted by comparison.
func mkqsort(es []visitEntry, d, depth int, keyed bool) {
	for len(es) > 8 {
		if depth == 0 {
			slices.SortFunc(es, func(a, b visitEntry) int { return compareFrom(&a, &b, d) })
			return
		}
		if !keyed {
			for i := range es {
				es[i].key = chunkAt(es[i].res.Address, d)
			}
		}
		// The median of three keys as the pivot (of three medians of three on
		// larger slices, Tukey's ninther: more even partitions).
		n := len(es)
		pivot := median3(es[0].key, es[n/2].key, es[n-1].key)
		if n > 64 {
			s := n / 8
			pivot = median3(median3(es[0].key, es[s].key, es[2*s].key),
				median3(es[n/2-s].key, es[n/2].key, es[n/2+s].key),
				median3(es[n-1-2*s].key, es[n-1-s].key, es[n-1].key))
		}
		// Three-way partition (Dijkstra): [0,lt) < pivot, [lt,gt] == pivot, (gt,end) > pivot.
		lt, i, gt := 0, 0, len(es)-1
		for i <= gt {
			switch k := es[i].key; {
			case k < pivot:
				es[lt], es[i] = es[i], es[lt]
				lt++
				i++
			case k > pivot:
				es[i], es[gt] = es[gt], es[i]
				gt--
			default:
				i++
			}
		}
		mkqsort(es[:lt], d, depth-1, true)
		mkqsort(es[gt+1:], d, depth-1, true)
		es = es[lt : gt+1]
		if ends(pivot) {
			// The addresses end in this chunk: equal, in plan order.
			slices.SortFunc(es, func(a, b visitEntry) int { return int(a.pos) - int(b.pos) })
			return
		}
		d += chunkBytes
		keyed = false
	}
	// Insertion sort for the small rest, by key first.
	if !keyed {
		for i := range es {
			es[i].key = chunkAt(es[i].res.Address, d)
		}
	}
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && lessFrom(&es[j], &es[j-1], d); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func median3(x, y, z uint64) uint64 { return max(min(x, y), min(max(x, y), z)) }

// lessFrom orders two entries whose addresses agree on their first d bytes and
// whose keys are their chunks at d.
func lessFrom(a, b *visitEntry, d int) bool {
	if a.key != b.key {
		return a.key < b.key
	}
	if ends(a.key) {
		return a.pos < b.pos
	}
	return compareFrom(a, b, d+chunkBytes) < 0
}
