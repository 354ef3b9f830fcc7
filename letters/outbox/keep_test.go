package outbox_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// interrupted appends entries for rows to a new manifest, then a line cut
// short, as a run killed while writing leaves it.
func interrupted(t *testing.T, p *outbox.Prepared, tag string, rows ...int) {
	t.Helper()
	m, err := p.AppendManifest()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := m.Append(outbox.Entry{CustomerID: "C-" + string(rune('A'+r)), Row: r, PDF: "pdf/x.pdf", PDFSHA256: tag}); err != nil {
			t.Fatal(err)
		}
	}
	m.Close()
	f, err := os.OpenFile(filepath.Join(p.Path, outbox.ManifestFile), os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"customer_id":"C-9","ro`)
	f.Close()
}

// previous lists the rows of the manifest a resumed run keeps letters
// from, with the run that recorded each.
func previous(t *testing.T, p *outbox.Prepared) (rows []int, tags []string) {
	t.Helper()
	m, err := p.Previous()
	if err != nil || m == nil {
		t.Fatalf("previous manifest: %v, %v", m, err)
	}
	defer m.Close()
	for e, ok := m.Next(); ok; e, ok = m.Next() {
		rows, tags = append(rows, e.Row), append(tags, e.PDFSHA256)
	}
	return rows, tags
}

// A run killed again and again keeps, for the next one, every letter any
// of the killed runs recorded: a resumed run that got further adds its
// letters, one killed before it got as far loses none, and the later run's
// entry stands for a row both recorded.
func TestResumeAccumulatesAcrossKills(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	run := outbox.Run{IncidentSHA256: "aa", CustomersSHA256: "bb", Customers: "c.xlsx", Now: "2026-11-22T10:00:00Z"}
	steps := []struct {
		name     string
		rows     []int // what the killed run recorded
		wantRows []int
		wantTags []string
	}{
		{"first run killed", []int{2, 3, 5}, []int{2, 3, 5}, []string{"r1", "r1", "r1"}},
		{"resumed, killed further on", []int{2, 3, 5, 6, 8}, []int{2, 3, 5, 6, 8}, []string{"r2", "r2", "r2", "r2", "r2"}},
		{"resumed, killed before it got as far", []int{2}, []int{2, 3, 5, 6, 8}, []string{"r3", "r2", "r2", "r2", "r2"}},
		{"resumed, killed before its first letter", nil, []int{2, 3, 5, 6, 8}, []string{"r3", "r2", "r2", "r2", "r2"}},
		{"resumed, a row skipped, killed furthest", []int{2, 4, 9, 10}, []int{2, 3, 4, 5, 6, 8, 9, 10}, []string{"r5", "r2", "r5", "r2", "r2", "r2", "r5", "r5"}},
	}
	p, err := outbox.Prepare(dir, run, true)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range steps {
		interrupted(t, p, "r"+string(rune('1'+i)), s.rows...)
		if p, err = outbox.Prepare(dir, run, true); err != nil || !p.Resumed {
			t.Fatalf("%s: resume: %v", s.name, err)
		}
		rows, tags := previous(t, p)
		if !slices.Equal(rows, s.wantRows) || !slices.Equal(tags, s.wantTags) {
			t.Errorf("%s: kept rows %v from %v, want %v from %v", s.name, rows, tags, s.wantRows, s.wantTags)
		}
		if _, err := os.Stat(filepath.Join(dir, outbox.ManifestFile)); !os.IsNotExist(err) {
			t.Errorf("%s: the killed run's manifest is still there (%v)", s.name, err)
		}
		if tmps, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(tmps) > 0 {
			t.Errorf("%s: temporary files left: %v", s.name, tmps)
		}
	}
}

// An entry appended is in the file at once, without Sync or Close: a run
// killed right after loses no letter it recorded.
func TestAppendWritesThrough(t *testing.T) {
	p, err := outbox.Prepare(filepath.Join(t.TempDir(), "out"), outbox.Run{Now: "2026-11-22T10:00:00Z"}, true)
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.AppendManifest()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for row := 2; row <= 3; row++ {
		if err := m.Append(outbox.Entry{CustomerID: "C-1", Row: row, PDF: "pdf/x.pdf"}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(p.Path, outbox.ManifestFile))
		if err != nil {
			t.Fatal(err)
		}
		entries, err := outbox.ReadManifest(bytes.NewReader(data))
		if err != nil || len(entries) != row-1 {
			t.Fatalf("after appending row %d the file holds %d entries (%v)", row, len(entries), err)
		}
	}
}
