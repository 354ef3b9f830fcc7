package audit

import (
	"cmp"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// TestSpool: records come back in the order of a stable sort, whether
// they fit in memory or were spilled to several temporary files, as often
// as they are read; the files are gone from the folder at once.
func TestSpool(t *testing.T) {
	type rec struct{ Key, Seq int }
	defer func(n int) { spoolChunk = n }(spoolChunk)
	spoolChunk = 7
	for _, n := range []int{0, 5, 7, 8, 100} {
		dir := t.TempDir()
		s := newSpool(dir, func(x, y rec) int { return cmp.Compare(x.Key, y.Key) })
		r := rand.New(rand.NewPCG(1, uint64(n)))
		var want []rec
		for i := range n {
			v := rec{Key: r.IntN(10), Seq: i}
			want = append(want, v)
			s.add(v)
		}
		slices.SortStableFunc(want, func(x, y rec) int { return cmp.Compare(x.Key, y.Key) })
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%d records: %d files left in the folder", n, len(left))
		}
		for pass := range 2 {
			var got []rec
			if err := s.each(func(v rec) error { got = append(got, v); return nil }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%d records, pass %d: %v, want %v", n, pass, got, want)
			}
		}
		if first, err := s.first(3); err != nil || !slices.Equal(first, want[:min(3, n)]) {
			t.Errorf("%d records: first %v (%v), want %v", n, first, err, want[:min(3, n)])
		}
		if s.len() != n {
			t.Errorf("len %d, want %d", s.len(), n)
		}
		s.close()
	}
}
