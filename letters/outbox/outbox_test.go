package outbox_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

func TestWriteRefusesEscapes(t *testing.T) {
	d, err := outbox.Create(filepath.Join(t.TempDir(), "out"))
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
	if _, err := outbox.Create(dir); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Fatalf("error = %v", err)
	}
}

func TestNeutraliseCell(t *testing.T) {
	for in, want := range map[string]string{"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-2": "'-2", "@x": "'@x", "ok": "ok", "": ""} {
		if got := outbox.NeutraliseCell(in); got != want {
			t.Errorf("NeutraliseCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSVFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rejects.csv")
	err := outbox.WriteCSVFile(path, []string{"row", "customer_id"}, [][]string{{"2", "=HYPERLINK(\"http://evil.example\")"}, {"3", "@SUM(A1)"}, {"4", "C-4"}})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "row,customer_id\n2,\"'=HYPERLINK(\"\"http://evil.example\"\")\"\n3,'@SUM(A1)\n4,C-4\n"
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
