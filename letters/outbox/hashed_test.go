package outbox_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// TestWriteLetterHashedStoresAsWriteLetter: WriteLetterHashed stores a file as WriteLetter does
// (same bytes, same mode), returns the hash it was given in hex, and
// refuses paths outside the directory.
func TestWriteLetterHashedStoresAsWriteLetter(t *testing.T) {
	d, err := outbox.Prepare(filepath.Join(t.TempDir(), "out"), outbox.Run{Now: "2026-11-22T10:00:00Z"}, true)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("%PDF-1.7 a letter")
	want, err := d.WriteLetter("pdf/a.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.WriteLetterHashed("pdf/b.pdf", data, sha256.Sum256(data))
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("WriteLetterHashed returned %s, WriteLetter %s", got, want)
	}
	a, errA := os.Stat(filepath.Join(d.Path, "pdf", "a.pdf"))
	b, errB := os.Stat(filepath.Join(d.Path, "pdf", "b.pdf"))
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if a.Mode() != b.Mode() {
		t.Errorf("WriteLetterHashed's file mode %v, WriteLetter's %v", b.Mode(), a.Mode())
	}
	if stored, err := os.ReadFile(filepath.Join(d.Path, "pdf", "b.pdf")); err != nil || !bytes.Equal(stored, data) {
		t.Errorf("WriteLetterHashed stored %q (%v)", stored, err)
	}
	if _, err := d.WriteLetterHashed("../x", data, sha256.Sum256(data)); err == nil {
		t.Error("WriteLetterHashed escaped the directory")
	}
}
