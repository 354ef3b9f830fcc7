package run_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/breachnotice/breachnotice/letters/run"
)

// TestProgressReportsEveryPass: the first two passes report how much of
// the customer file they have read (a workbook read in place, through
// ReadAt), up to the whole file, before the third reports its rows.
func TestProgressReportsEveryPass(t *testing.T) {
	f, err := os.Open("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	cfg := config(t, "", "customers.xlsx", filepath.Join(t.TempDir(), "out"))
	cfg.Customers = f
	var got []run.Progress
	cfg.Progress = func(p run.Progress) { got = append(got, p) }
	sum, err := run.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	last := map[int]run.Progress{}
	pass := 1
	for _, p := range got {
		if p.Pass < pass || p.Pass > 3 {
			t.Fatalf("pass %d reported after pass %d", p.Pass, pass)
		}
		pass = p.Pass
		if prev, ok := last[p.Pass]; ok && (p.Read < prev.Read || p.Rows < prev.Rows) {
			t.Errorf("pass %d went back: %+v after %+v", p.Pass, p, prev)
		}
		last[p.Pass] = p
	}
	for _, n := range []int{1, 2} {
		p, ok := last[n]
		if !ok {
			t.Fatalf("pass %d reported nothing", n)
		}
		if p.Size != fi.Size() || p.Read != p.Size {
			t.Errorf("pass %d ended at %d of %d bytes, want all %d", n, p.Read, p.Size, fi.Size())
		}
	}
	if p := last[3]; p.Rows != sum.Rows {
		t.Errorf("pass 3 ended at %d rows, want %d", p.Rows, sum.Rows)
	}
}
