package outbox_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "board.csv")
	if err := outbox.WriteAtomic(path, bytes.NewReader([]byte("first\n"))); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}

	// A writer that fails half-way leaves the file as it was, returns its
	// own error unchanged, and leaves no temporary file.
	boom := errors.New("boom")
	err = outbox.WriteAtomic(path, outbox.WriterFunc(func(w io.Writer) error {
		io.WriteString(w, "half of the sec")
		return boom
	}))
	if err != boom {
		t.Errorf("error = %v, want the writer's own", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "first\n" {
		t.Errorf("after a failed write the file holds %q", data)
	}

	// A streaming writer replaces it.
	err = outbox.WriteAtomic(path, outbox.WriterFunc(func(w io.Writer) error {
		_, err := io.WriteString(w, "second\n")
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "second\n" {
		t.Errorf("file holds %q, want the second content", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only board.csv (no temporary file)", len(entries))
	}

	// A directory that does not exist: an outbox error wrapping the cause.
	err = outbox.WriteAtomic(filepath.Join(dir, "no", "such", "x"), bytes.NewReader(nil))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error = %v, want one wrapping os.ErrNotExist", err)
	}
}
