package tomllimit

import (
	"os"
	"path/filepath"
	"testing"
)

// TestShippedFilesWellWithinLimits: every TOML file of the repository
// (rules, cases, catalogs, incidents of the tests) stays far below the
// limits, so that the limits never refuse a file a person wrote.
func TestShippedFilesWellWithinLimits(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../*/*.toml", "../../*/*/*.toml", "../../*/*/*/*.toml"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 100 {
		t.Fatalf("found %d TOML files, want the repository's", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := &scanner{src: data}
		if err := s.document(); err != nil {
			continue // a broken file of a test
		}
		if len(data) > MaxSize/16 || s.deepest > MaxDepth/2 || s.entries > MaxEntries/10 {
			t.Errorf("%s: %d bytes, depth %d, %d entries: too close to the limits", f, len(data), s.deepest, s.entries)
		}
	}
}
