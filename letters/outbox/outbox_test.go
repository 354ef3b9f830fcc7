package outbox_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

func TestWriteRefusesEscapes(t *testing.T) {
	d, err := outbox.Prepare(filepath.Join(t.TempDir(), "out"), outbox.Run{Now: "2026-11-22T10:00:00Z"}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"../x", "pdf/../../x", "/etc/x"} {
		if _, err := d.Write(rel, []byte("x")); err == nil {
			t.Errorf("Write(%q) escaped the directory", rel)
		}
	}
	if _, err := d.Write("pdf/ok.pdf", []byte("x")); err != nil {
		t.Errorf("Write inside: %v", err)
	}
}

func TestFileStemNeverHoldsTheID(t *testing.T) {
	for _, id := range []string{"../../x", "C-1001", "/etc/passwd", "a\x00b"} {
		stem := outbox.FileStem(7, id)
		if strings.ContainsAny(stem, "/\\.\x00") || strings.Contains(stem, id) {
			t.Errorf("FileStem(%q) = %q", id, stem)
		}
	}
	if outbox.FileStem(7, "a") == outbox.FileStem(7, "b") {
		t.Error("different ids give the same stem")
	}
}

func TestCreateRefusesAForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := outbox.Prepare(dir, outbox.Run{}, true); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Fatalf("error = %v", err)
	}
}

func TestWriteCSVFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rejects.csv")
	err := outbox.WriteCSVFile(path, 0, []string{"row", "customer_id"}, [][]string{{"2", "=HYPERLINK(\"http://evil.example\")"}, {"3", "@SUM(A1)"}, {"4", "C-4"}})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeffrow,customer_id\n2,\"'=HYPERLINK(\"\"http://evil.example\"\")\"\n3,'@SUM(A1)\n4,C-4\n"
	if string(data) != want {
		t.Errorf("file = %q, want %q", data, want)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left: %d entries", len(entries))
	}
}

func TestPrepareResumesOnlyTheSameRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	run := outbox.Run{IncidentSHA256: "aa", CustomersSHA256: "bb", Customers: "c.xlsx", Now: "2026-11-22T10:00:00Z"}
	p, err := outbox.Prepare(dir, run, true)
	if err != nil || p.Resumed {
		t.Fatalf("new directory: resumed %v, %v", p != nil && p.Resumed, err)
	}
	m, err := p.AppendManifest()
	if err != nil {
		t.Fatal(err)
	}
	m.Append(outbox.Entry{CustomerID: "C-1", Row: 2, PDF: "pdf/a.pdf"})
	m.Close()
	// A half-written line and a temporary file, as a killed run leaves them.
	f, _ := os.OpenFile(filepath.Join(dir, outbox.ManifestFile), os.O_APPEND|os.O_WRONLY, 0o600)
	f.WriteString(`{"customer_id":"C-2","ro`)
	f.Close()
	os.WriteFile(filepath.Join(dir, "pdf", ".tmp-42"), []byte("%PDF"), 0o600)

	other := run
	other.CustomersSHA256 = "cc"
	_, err = outbox.Prepare(dir, other, true)
	var oe *outbox.OtherRunError
	if !errors.Is(err, outbox.ErrOtherRun) || !errors.As(err, &oe) || !strings.Contains(err.Error(), "another customer file") {
		t.Fatalf("other customer file: %v", err)
	}
	if oe.Dir != dir || oe.Was != run || oe.Now != other || strings.Contains(err.Error(), "--") {
		t.Errorf("other customer file: %+v (%v): want the directory and both runs, no flag names", oe, err)
	}
	unpinned := run
	unpinned.Now = "2027-01-01T00:00:00Z"
	p, err = outbox.Prepare(dir, unpinned, false)
	if err != nil || !p.Resumed || p.Run.Now != run.Now {
		t.Fatalf("resume with the clock unpinned: %+v, %v", p, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "pdf", ".tmp-42")); !os.IsNotExist(err) {
		t.Error("the temporary file survived the resume")
	}
	prev, err := p.Previous()
	if err != nil || prev == nil {
		t.Fatalf("previous manifest: %v", err)
	}
	defer prev.Close()
	e, ok := prev.Next()
	if !ok || e.CustomerID != "C-1" {
		t.Fatalf("first entry %+v %v", e, ok)
	}
	if _, ok := prev.Next(); ok {
		t.Error("the cut-short line was read as an entry")
	}
	// Finished: refused, until it is cleared.
	os.WriteFile(filepath.Join(dir, outbox.SummaryFile), []byte("{}"), 0o600)
	if _, err = outbox.Prepare(dir, other, true); !errors.Is(err, outbox.ErrFinished) {
		t.Fatalf("after a finished run: %v, want ErrFinished", err)
	}
	if err := outbox.Clear(dir); err != nil {
		t.Fatal(err)
	}
	p, err = outbox.Prepare(dir, other, true)
	if err != nil || p.Resumed {
		t.Fatalf("after a finished run cleared: resumed %v, %v", p != nil && p.Resumed, err)
	}
	for _, gone := range []string{outbox.SummaryFile, outbox.PreviousManifest, outbox.ManifestFile} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("%s survived a new run", gone)
		}
	}
}

// Attaching the PDFs or not is part of what a run is made from: an
// unfinished run without attachments is not resumed by one with them.
func TestPrepareTellsAttachmentsApart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	run := outbox.Run{IncidentSHA256: "aa", CustomersSHA256: "bb", Customers: "c.xlsx", Now: "2026-11-22T10:00:00Z"}
	if _, err := outbox.Prepare(dir, run, true); err != nil {
		t.Fatal(err)
	}
	attached := run
	attached.AttachPDF = true
	_, err := outbox.Prepare(dir, attached, true)
	if !errors.Is(err, outbox.ErrOtherRun) || !strings.Contains(err.Error(), `another choice of PDF attachments ("no attachment", now "PDF attached")`) {
		t.Fatalf("resumed with attachments: %v", err)
	}
	if p, err := outbox.Prepare(dir, run, true); err != nil || !p.Resumed {
		t.Fatalf("resumed as started: %v", err)
	}
}
