package memo

import (
	"strconv"
	"sync"
	"testing"
)

func TestGetRemembersUpToMax(t *testing.T) {
	var m Map[int, string]
	m.Max = 2
	calls := 0
	f := func(k int) string { calls++; return strconv.Itoa(k * 10) }
	for range 3 {
		for k := range 4 {
			if got, want := m.Get(k, f), strconv.Itoa(k*10); got != want {
				t.Fatalf("Get(%d) = %q, want %q", k, got, want)
			}
		}
	}
	if m.Len() != 2 {
		t.Errorf("Len = %d, want 2 (Max)", m.Len())
	}
	// Keys 0 and 1 computed once, keys 2 and 3 each of the three times.
	if calls != 2+2*3 {
		t.Errorf("f called %d times, want 8", calls)
	}
}

func TestGetConcurrent(t *testing.T) {
	m := Map[int, int]{Max: 50}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 100 {
				if got := m.Get((k+g)%100, func(k int) int { return k * k }); got != ((k+g)%100)*((k+g)%100) {
					t.Errorf("Get(%d) = %d", (k+g)%100, got)
				}
			}
		})
	}
	wg.Wait()
	if m.Len() != 50 {
		t.Errorf("Len = %d, want 50", m.Len())
	}
}
