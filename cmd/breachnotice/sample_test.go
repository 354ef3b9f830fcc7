package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/customers/sample"
)

func runCLI(args ...string) (status int, stdout, stderr string) {
	var o, e bytes.Buffer
	status = cli(args, strings.NewReader(""), &o, &e)
	return status, o.String(), e.String()
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestSampleFile: the file is created 0600, also when --force replaces a
// more open one, and no temporary file is left.
func TestSampleFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"sample", "--rows", "50", "--out", filepath.Join(dir, "s.xlsx")},
		{"sample", "--rows", "50", "--out", out, "--force"},
	} {
		if st, stdout, stderr := runCLI(args...); st != exitOK {
			t.Fatalf("%v: exit %d\n%s%s", args, st, stdout, stderr)
		}
	}
	for _, name := range []string{"s.xlsx", "s.csv"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, fi.Mode().Perm())
		}
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("directory holds %v, want s.csv and s.xlsx only", names)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := sample.Write(&want, sample.Options{Rows: 50, Seed: 1, Format: "csv"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want.Bytes()) {
		t.Errorf("s.csv is not the sheet of seed 1")
	}
}

// TestSampleFailure: when writing fails half-way, neither the file nor the
// temporary file is left, and an existing file is untouched.
func TestSampleFailure(t *testing.T) {
	defer func(w func(io.Writer, sample.Options) error) { sampleWrite = w }(sampleWrite)
	sampleWrite = func(w io.Writer, _ sample.Options) error {
		w.Write(bytes.Repeat([]byte("x"), 3<<20)) // more than the buffer: reaches the file
		return errors.New("disk on fire")
	}
	dir := t.TempDir()
	st, _, stderr := runCLI("sample", "--rows", "10", "--out", filepath.Join(dir, "new.xlsx"))
	if st != exitUsage || !strings.Contains(stderr, "disk on fire") {
		t.Errorf("exit %d, stderr %q; want 2 and the error", st, stderr)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("a failed write left %v", names)
	}

	old := filepath.Join(dir, "old.xlsx")
	if err := os.WriteFile(old, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := runCLI("sample", "--rows", "10", "--out", old, "--force"); st != exitUsage {
		t.Errorf("exit %d, want 2", st)
	}
	if data, _ := os.ReadFile(old); string(data) != "keep me" {
		t.Errorf("a failed --force write changed the existing file: %q", data)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("a failed write left %v", names)
	}
}
