package run_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/run"
)

// TestTornLettersWrittenAgain: letters are synced by batch, so a power
// loss can leave a manifest line whose file is cut short, zeroed or
// missing. The resume re-hashes every letter it would keep and writes
// those again: byte for byte the letters of an uninterrupted run, the
// others kept.
func TestTornLettersWrittenAgain(t *testing.T) {
	data, err := os.ReadFile("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := run.Run(config(t, string(data), "customers.xlsx", out)); err != nil {
		t.Fatal(err)
	}
	want := readLetters(t, out)
	interrupt(t, out, false)
	mdata, err := os.ReadFile(filepath.Join(out, outbox.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	es, err := outbox.ReadManifest(bytes.NewReader(mdata))
	if err != nil || len(es) < 3 {
		t.Fatalf("manifest: %d entries, %v", len(es), err)
	}
	touched := map[int]bool{0: true, 2: true}
	tear(t, filepath.Join(out, es[0].PDF), func(b []byte) []byte { return b[:len(b)/2] })
	tear(t, filepath.Join(out, es[2].PDF), func(b []byte) []byte { return make([]byte, len(b)) })
	for i, e := range es[3:] {
		if e.EML != "" {
			if err := os.Remove(filepath.Join(out, e.EML)); err != nil {
				t.Fatal(err)
			}
			touched[3+i] = true
			break
		}
	}
	kept := 0
	cfg := config(t, string(data), "customers.xlsx", out)
	cfg.Progress = func(p run.Progress) { kept = p.Kept }
	if _, err := run.Run(cfg); err != nil {
		t.Fatal(err)
	}
	if got := readLetters(t, out); !maps.EqualFunc(got, want, bytes.Equal) {
		t.Error("the letters after the resume are not those of the uninterrupted run")
	}
	if kept != len(es)-len(touched) {
		t.Errorf("the resume kept %d letters, want %d (%d recorded, %d torn)", kept, len(es)-len(touched), len(es), len(touched))
	}
	if fs := findings(t, out); len(fs) > 0 {
		t.Errorf("audit findings: %v", fs)
	}
}

// tear rewrites the file at path with what cut makes of its bytes.
func tear(t *testing.T, path string, cut func([]byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, cut(b), 0o600); err != nil {
		t.Fatal(err)
	}
}
