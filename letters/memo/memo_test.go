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
	// Four keys in turn through two places: each one computed each time.
	if calls != 4*3 {
		t.Errorf("f called %d times, want 12", calls)
	}
}

// TestGetForgetsTheOldForTheNew: keys asked for once first (an
// incident's sentences, checked before the letters) do not keep out
// those asked for again and again later.
func TestGetForgetsTheOldForTheNew(t *testing.T) {
	m := Map[int, int]{Max: 3}
	calls := 0
	f := func(k int) int { calls++; return -k }
	for k := range 3 {
		m.Get(k, f)
	}
	for range 10 {
		for k := 10; k < 13; k++ {
			if got := m.Get(k, f); got != -k {
				t.Fatalf("Get(%d) = %d", k, got)
			}
		}
	}
	if calls != 3+3 {
		t.Errorf("f called %d times, want 6: keys 10, 11, 12 once each after 0, 1, 2", calls)
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
	if n := m.Len(); n < 1 || n > 50 {
		t.Errorf("Len = %d, want 1 to 50", n)
	}
}
