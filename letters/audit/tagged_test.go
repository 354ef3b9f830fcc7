package audit_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUntaggedPDFIsAFinding gives the audit letters that are not, or not
// entirely, tagged PDFs: each is an "untagged" finding naming the file
// (TestCleanRunAuditsClean: the letters as written have none).
func TestUntaggedPDFIsAFinding(t *testing.T) {
	// edit returns a letter's PDF with old replaced by new, of the same
	// length, so that the cross-reference table stays right.
	edit := func(t *testing.T, f fixture, id, old, new string) []byte {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(f.dir, f.entries[id].PDF))
		if err != nil {
			t.Fatal(err)
		}
		if len(old) != len(new) || !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%q is not in the letter, or %q is not as long", old, new)
		}
		return bytes.ReplaceAll(data, []byte(old), []byte(new))
	}
	for _, tc := range []struct {
		name string
		pdf  func(t *testing.T, f fixture) []byte
		says string
	}{
		{"written by another program", func(t *testing.T, f fixture) []byte {
			return textPDF(t, pdfLines(t, filepath.Join(f.dir, f.entries["C-1"].PDF)), 11)
		}, "no /MarkInfo /Marked true, no structure tree"},
		{"no structure tree", func(t *testing.T, f fixture) []byte {
			return edit(t, f, "C-1", "/StructTreeRoot", "/StructTreeRoox")
		}, "(no structure tree)"},
		{"not marked", func(t *testing.T, f fixture) []byte {
			return edit(t, f, "C-1", "/MarkInfo", "/MarkInfx")
		}, "(no /MarkInfo /Marked true)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := cleanRun(t)
			file := f.replace(t, "C-1", "pdf", tc.pdf(t, f))
			var got []string
			for _, x := range f.audit(t).Findings {
				if x.Code == "untagged" {
					if x.File == file && strings.Contains(x.Message, tc.says) {
						return
					}
					got = append(got, x.String())
				}
			}
			t.Errorf("no untagged finding naming %s and saying %q; untagged findings: %q", file, tc.says, got)
		})
	}
}
