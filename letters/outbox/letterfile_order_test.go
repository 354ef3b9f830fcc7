package outbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// syncRecorder stands for the disk: its barrier (syncLetters) takes a
// snapshot of the letters on disk, as a real barrier makes them durable,
// and its manifest fsync checks that every entry the manifest holds then
// names files of an earlier snapshot, with the hashes the entry records.
type syncRecorder struct {
	t        *testing.T
	mu       sync.Mutex
	synced   map[string]string // slash path -> sha256, at the last barrier
	barriers int
	fsyncs   int
	// started is told when a barrier has taken its snapshot; it then
	// waits for release, so the test appends entries while it is under
	// way.
	started, release chan struct{}
}

func (r *syncRecorder) barrier(d *Dir) error {
	snap := map[string]string{}
	for _, sub := range []string{PDFDir, EmailDir} {
		es, _ := os.ReadDir(filepath.Join(d.Path, sub))
		for _, e := range es {
			data, _ := os.ReadFile(filepath.Join(d.Path, sub, e.Name()))
			snap[sub+"/"+e.Name()] = sha(data)
		}
	}
	r.mu.Lock()
	r.synced, r.barriers = snap, r.barriers+1
	r.mu.Unlock()
	if r.started != nil {
		r.started <- struct{}{}
		<-r.release
	}
	return nil
}

func (r *syncRecorder) fsync(f *os.File) error {
	data, err := os.ReadFile(f.Name())
	if err != nil {
		return err
	}
	entries, err := ReadManifest(bytes.NewReader(data))
	if err != nil {
		r.t.Errorf("fsync of a manifest that does not read: %v", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fsyncs++
	for _, e := range entries {
		if r.synced[e.PDF] != e.PDFSHA256 || r.synced[e.EML] != e.EMLSHA256 {
			r.t.Errorf("fsync %d: the manifest holds row %d before a barrier synced its files", r.fsyncs, e.Row)
		}
	}
	return nil
}

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// A manifest entry is made durable only after the files it names: every
// fsync of the manifest (Sync, StartSync, Close) comes after a barrier
// that saw the files of every entry it holds, and the entries appended
// while a background sync is under way are not in its fsync. None is
// lost on the way.
func TestManifestSyncedAfterItsLetters(t *testing.T) {
	r := &syncRecorder{t: t}
	oldBarrier, oldFsync := syncLetters, fsyncFile
	syncLetters, fsyncFile = r.barrier, r.fsync
	defer func() { syncLetters, fsyncFile = oldBarrier, oldFsync }()

	d := &Dir{Path: t.TempDir()}
	for _, sub := range []string{PDFDir, EmailDir} {
		os.Mkdir(filepath.Join(d.Path, sub), 0o700)
	}
	m, err := d.AppendManifest()
	if err != nil {
		t.Fatal(err)
	}
	row := 1
	letter := func() {
		t.Helper()
		row++
		e := Entry{CustomerID: fmt.Sprint("C-", row), Row: row, PDF: fmt.Sprintf("pdf/row%06d-000000000000.pdf", row)}
		if e.PDFSHA256, err = d.WriteLetter(e.PDF, []byte(fmt.Sprint("%PDF of ", row))); err != nil {
			t.Fatal(err)
		}
		if row%2 == 0 {
			e.EML = fmt.Sprintf("email/row%06d-000000000000.eml", row)
			if e.EMLSHA256, err = d.WriteLetter(e.EML, []byte(fmt.Sprint("mail of ", row))); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		letter()
	}
	if err := m.Sync(); err != nil {
		t.Fatal(err)
	}
	letter()
	// A background sync: the letters written while it is under way are
	// not in its fsync, more than maxHeld of them make Append wait.
	r.started, r.release = make(chan struct{}), make(chan struct{})
	if err := m.StartSync(); err != nil {
		t.Fatal(err)
	}
	<-r.started
	for range maxHeld - 1 {
		letter()
	}
	close(r.release)
	r.started = nil
	for range maxHeld + 5 {
		letter()
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if r.barriers != 3 || r.fsyncs != 3 {
		t.Errorf("%d barriers and %d fsyncs of the manifest, want 3 of each", r.barriers, r.fsyncs)
	}
	data, _ := os.ReadFile(filepath.Join(d.Path, ManifestFile))
	if entries, err := ReadManifest(bytes.NewReader(data)); err != nil || len(entries) != row-1 {
		t.Errorf("the manifest holds %d entries (%v), want %d", len(entries), err, row-1)
	}
}

// The barrier of systems without syncfs(2) syncs the letters written or
// kept since the last one, each once.
func TestSweep(t *testing.T) {
	d := &Dir{Path: t.TempDir()}
	os.Mkdir(filepath.Join(d.Path, PDFDir), 0o700)
	os.Mkdir(filepath.Join(d.Path, EmailDir), 0o700)
	e := Entry{PDF: "pdf/row000002-000000000000.pdf"}
	var err error
	if e.PDFSHA256, err = d.WriteLetter(e.PDF, []byte("%PDF")); err != nil {
		t.Fatal(err)
	}
	if !d.Keep(e) {
		t.Fatal("the letter just written is not kept")
	}
	if got := d.unsynced.paths; len(got) != 2 || got[0] != got[1] || got[0] != filepath.Join(d.Path, "pdf", "row000002-000000000000.pdf") {
		t.Errorf("to sync: %q, want the letter written, then kept", got)
	}
	if err := sweep(d); err != nil {
		t.Fatal(err)
	}
	if len(d.unsynced.paths) != 0 {
		t.Errorf("still to sync after the sweep: %q", d.unsynced.paths)
	}
	os.Remove(filepath.Join(d.Path, filepath.FromSlash(e.PDF)))
	d.unsynced.add(filepath.Join(d.Path, filepath.FromSlash(e.PDF)))
	if err := sweep(d); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("sweep of a letter gone: %v, want an error", err)
	}
}

// A barrier that fails in the background is not lost: the next Append
// (at the latest when the entries held back are full) and Close return
// its error.
func TestBackgroundSyncErrorReturned(t *testing.T) {
	d := &Dir{Path: t.TempDir()}
	failure := errors.New("write-back failed")
	old := syncLetters
	syncLetters = func(*Dir) error { return failure }
	defer func() { syncLetters = old }()
	m, err := d.AppendManifest()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.StartSync(); err != nil {
		t.Fatal(err)
	}
	var appendErr error
	for i := 0; i <= maxHeld && appendErr == nil; i++ {
		appendErr = m.Append(Entry{Row: i + 2})
	}
	if !errors.Is(appendErr, failure) {
		t.Errorf("Append after a failed background sync: %v, want %v", appendErr, failure)
	}
	if err := m.Close(); !errors.Is(err, failure) {
		t.Errorf("Close: %v, want %v", err, failure)
	}
}
