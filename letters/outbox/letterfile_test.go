package outbox_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// A letter is written under its final name, 0600, with no temporary file;
// one left there by an interrupted run is replaced, and a link there is
// replaced too, never written through.
func TestWriteLetter(t *testing.T) {
	d := &outbox.Dir{Path: t.TempDir()}
	os.Mkdir(filepath.Join(d.Path, outbox.PDFDir), 0o700)
	rel := "pdf/row000002-0123456789ab.pdf"
	full := filepath.Join(d.Path, filepath.FromSlash(rel))
	sum, err := d.WriteLetter(rel, []byte("%PDF-1.7 whole"))
	if err != nil {
		t.Fatal(err)
	}
	if want := sha256.Sum256([]byte("%PDF-1.7 whole")); sum != hex.EncodeToString(want[:]) {
		t.Errorf("sum %q, want the data's sha256", sum)
	}
	check := func(what, want string) {
		t.Helper()
		fi, err := os.Lstat(full)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want a regular file 0600", what, fi, err)
		}
		if data, _ := os.ReadFile(full); string(data) != want {
			t.Errorf("%s: the file holds %q, want %q", what, data, want)
		}
		if es, _ := os.ReadDir(filepath.Dir(full)); len(es) != 1 {
			t.Errorf("%s: the directory holds %d files, want the letter alone", what, len(es))
		}
	}
	check("new", "%PDF-1.7 whole")

	// Cut short by a kill: written again.
	os.WriteFile(full, []byte("%PDF-1.7 wh"), 0o600)
	if _, err := d.WriteLetter(rel, []byte("%PDF-1.7 again")); err != nil {
		t.Fatal(err)
	}
	check("rewritten", "%PDF-1.7 again")

	// A link in its place (which Admit would refuse): what it leads to
	// stays as it was.
	other := filepath.Join(t.TempDir(), "other")
	os.WriteFile(other, []byte("not ours"), 0o644)
	for _, link := range []func(string, string) error{os.Symlink, os.Link} {
		os.Remove(full)
		if err := link(other, full); err != nil {
			t.Skipf("no links here: %v", err)
		}
		if _, err := d.WriteLetter(rel, []byte("%PDF-1.7 third")); err != nil {
			t.Fatal(err)
		}
		check("over a link", "%PDF-1.7 third")
		if data, _ := os.ReadFile(other); string(data) != "not ours" {
			t.Errorf("the file a link led to now holds %q", data)
		}
	}
	if err := d.SyncLetters(); err != nil {
		t.Errorf("SyncLetters: %v", err)
	}
}

func TestWriteLetterRefusesEscapes(t *testing.T) {
	d := &outbox.Dir{Path: t.TempDir()}
	for _, rel := range []string{"../x", "pdf/../../x", "/etc/x"} {
		if _, err := d.WriteLetter(rel, []byte("x")); err == nil {
			t.Errorf("WriteLetter(%q) escaped the directory", rel)
		}
	}
}
