package outbox_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

var testRun = outbox.Run{IncidentSHA256: "aa", CustomersSHA256: "bb", Customers: "c.xlsx", Now: "2026-11-22T10:00:00Z"}

// finishedRun writes a finished run's files into dir (the letter named as
// the run names it, one more listed only in the manifest) and returns
// them by slash path.
func finishedRun(t *testing.T, dir string) map[string]string {
	t.Helper()
	p, err := outbox.Prepare(dir, testRun, true)
	if err != nil {
		t.Fatal(err)
	}
	stem := outbox.FileStem(2, "C-1")
	files := map[string]string{
		"pdf/" + stem + ".pdf": "%PDF", "email/" + stem + ".eml": "eml", "pdf/listed.pdf": "%PDF",
		outbox.SummaryFile: "{}", outbox.AuditJSON: "{}", outbox.AuditXLSX: "xl",
		"." + outbox.AuditJSON + ".tmp-123": "half an audit",
	}
	for rel, data := range files {
		if _, err := p.Write(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := p.AppendManifest()
	m.Append(outbox.Entry{CustomerID: "C-1", Row: 2, PDF: "pdf/" + stem + ".pdf", EML: "email/" + stem + ".eml"})
	m.Append(outbox.Entry{CustomerID: "C-2", Row: 3, PDF: "pdf/listed.pdf"})
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	return files
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAdmit(t *testing.T) {
	other := testRun
	other.CustomersSHA256 = "cc"
	later := testRun
	later.Now = "2026-12-01T10:00:00Z"
	for _, tc := range []struct {
		name            string
		finished        bool
		run             outbox.Run
		pinned, replace bool
		want            error // nil, or the sentinel
		same            bool  // a *FinishedError with Same
		userFile        bool  // a file of the user's in pdf/
	}{
		{name: "finished, same run", finished: true, run: testRun, pinned: true, want: outbox.ErrFinished, same: true},
		{name: "finished, same run, clock unpinned", finished: true, run: later, want: outbox.ErrFinished, same: true},
		{name: "finished, other clock", finished: true, run: later, pinned: true, want: outbox.ErrFinished},
		{name: "finished, other customers", finished: true, run: other, pinned: true, want: outbox.ErrFinished},
		{name: "finished, replaced", finished: true, run: other, pinned: true, replace: true},
		{name: "unfinished, same run", run: testRun, pinned: true},
		{name: "unfinished, other customers", run: other, pinned: true, want: outbox.ErrOtherRun},
		{name: "unfinished, replaced", run: other, pinned: true, replace: true},
		{name: "unfinished, same run, a user's file", run: testRun, pinned: true, userFile: true, want: outbox.ErrForeign},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			finishedRun(t, dir)
			if !tc.finished {
				os.Remove(filepath.Join(dir, outbox.SummaryFile))
			}
			if tc.userFile {
				os.WriteFile(filepath.Join(dir, "pdf", "contract.pdf"), []byte("%PDF mine"), 0o600)
			}
			before := snapshot(t, dir)
			_, err := outbox.Admit(dir, tc.run, tc.pinned, tc.replace)
			var fe *outbox.FinishedError
			switch {
			case tc.want == nil && err != nil:
				t.Fatalf("Admit: %v", err)
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Fatalf("Admit: %v, want %v", err, tc.want)
			case errors.As(err, &fe) && fe.Same != tc.same:
				t.Errorf("Same = %v (%v)", fe.Same, err)
			case errors.As(err, &fe) && !tc.same && !strings.Contains(err.Error(), "another "):
				t.Errorf("error %q does not say what differs", err)
			}
			if after := snapshot(t, dir); !maps.Equal(before, after) {
				t.Error("Admit changed the directory")
			}
		})
	}
}

// Clear deletes a run's own files, all of them, and nothing else; with a
// file it did not write in the directory, it deletes nothing.
func TestClearDeletesOnlyTheRunsOwnFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	finishedRun(t, dir)
	os.MkdirAll(filepath.Join(dir, "pdf", "2024"), 0o700)
	user := map[string]string{"pdf/2024/contract.pdf": "%PDF my contract", "email/inbox.mbox": "From me", "notes.txt": "mine"}
	for rel, data := range user {
		os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(data), 0o600)
	}
	before := snapshot(t, dir)
	err := outbox.Clear(dir)
	var fe *outbox.ForeignError
	if !errors.Is(err, outbox.ErrForeign) || !errors.As(err, &fe) {
		t.Fatalf("Clear with the user's files: %v, want ErrForeign", err)
	}
	for _, name := range []string{"email/inbox.mbox", "notes.txt", "pdf/2024/"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
	if _, err := outbox.Admit(dir, testRun, true, true); !errors.Is(err, outbox.ErrForeign) {
		t.Errorf("Admit with replace: %v, want ErrForeign", err)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Fatal("a refused Clear changed the directory")
	}
	for rel := range user {
		os.Remove(filepath.Join(dir, filepath.FromSlash(rel)))
	}
	os.Remove(filepath.Join(dir, "pdf", "2024"))
	if err := outbox.Clear(dir); err != nil {
		t.Fatal(err)
	}
	if left := snapshot(t, dir); len(left) > 0 {
		t.Errorf("left after Clear: %v", left)
	}
	if p, err := outbox.Prepare(dir, testRun, true); err != nil || p.Resumed {
		t.Errorf("Prepare after Clear: %v", err)
	}
}

// A directory that merely holds a summary.json (no run.json of ours) is
// no run: refused, naming what is there, and never emptied, replace or
// not.
func TestForeignDirectoryIsNeverEmptied(t *testing.T) {
	for _, runJSON := range []string{"", `{"name":"someone else's"}`} {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "pdf", "2024"), 0o700)
		os.MkdirAll(filepath.Join(dir, "email"), 0o700)
		os.WriteFile(filepath.Join(dir, outbox.SummaryFile), []byte("{}"), 0o600)
		os.WriteFile(filepath.Join(dir, "pdf", "2024", "contract.pdf"), []byte("%PDF contract"), 0o600)
		os.WriteFile(filepath.Join(dir, "email", "inbox.mbox"), []byte("From me"), 0o600)
		if runJSON != "" {
			os.WriteFile(filepath.Join(dir, outbox.RunFile), []byte(runJSON), 0o600)
		}
		before := snapshot(t, dir)
		for _, try := range []func() error{
			func() error { _, err := outbox.Prepare(dir, testRun, true); return err },
			func() error { _, err := outbox.Admit(dir, testRun, true, true); return err },
			func() error { return outbox.Clear(dir) },
		} {
			err := try()
			var fe *outbox.ForeignError
			if !errors.As(err, &fe) || !fe.NoRun || !strings.Contains(err.Error(), "summary.json") || !strings.Contains(err.Error(), "no run.json") {
				t.Errorf("run.json %q: %v, want a ForeignError naming what is there", runJSON, err)
			}
		}
		if after := snapshot(t, dir); !maps.Equal(before, after) {
			t.Errorf("run.json %q: the directory changed", runJSON)
		}
	}
}

func TestReportTemps(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "audit.json")
	mine := filepath.Join(dir, ".audit.json.tmp-42")
	others := []string{filepath.Join(dir, ".tmp-7"), filepath.Join(dir, ".audit.xlsx.tmp-1"), filepath.Join(dir, "audit.json.tmp-9")}
	for _, p := range append([]string{mine}, others...) {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	if err := outbox.RemoveReportTemps(report); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(mine); !os.IsNotExist(err) {
		t.Error("the report's temporary file survived")
	}
	for _, p := range others {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
	if err := outbox.CheckWritable(filepath.Join(dir, "missing", "e.zip")); err == nil {
		t.Error("CheckWritable into a missing directory passed")
	}
	if err := outbox.CheckWritable(dir); err == nil {
		t.Error("CheckWritable of a directory passed")
	}
	if err := outbox.CheckWritable(report); err != nil {
		t.Error(err)
	}
	if len(snapshot(t, dir)) != len(others) {
		t.Error("CheckWritable left a file")
	}
}
