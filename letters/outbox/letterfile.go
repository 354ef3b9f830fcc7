package outbox

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// A run's letters are written straight under their final names and made
// durable in batches, not one fsync per file: ManifestWriter.Sync puts a
// barrier (SyncLetters) before the manifest's own fsync, and the last one
// comes before the summary that marks a finished run. Between barriers the
// system may write the manifest back before the letters it names, so what
// makes a resume safe is that it hashes every letter it would keep: a
// letter cut short, zeroed or lost by a kill or a power loss has no line,
// or a line whose hash it no longer has, and is written again (Keep).

// WriteLetter writes data to rel (a slash path inside the directory: a
// letter's file in pdf/ or email/) under its final name, mode 0600, and
// returns its sha256. It does not sync: the file is durable after the next
// SyncLetters (or ManifestWriter.Sync). A file of that name, left by an
// interrupted run, is replaced, never written through; a failed write
// leaves no file.
func (d *Dir) WriteLetter(rel string, data []byte) (string, error) {
	return d.WriteLetterHashed(rel, data, sha256.Sum256(data))
}

// WriteLetterHashed is WriteLetter for data whose sha256 the caller has
// (the PDF writer hashes the file as it writes it): sum is returned, not
// computed again.
func (d *Dir) WriteLetterHashed(rel string, data []byte, sum [sha256.Size]byte) (string, error) {
	full, err := d.resolve(rel)
	if err != nil {
		return "", err
	}
	if err := writeNew(full, data); err != nil {
		return "", err
	}
	d.unsynced.add(full)
	return hex.EncodeToString(sum[:]), nil
}

// writeNew writes data to a new file at path (0600), removed again if the
// write fails.
func writeNew(path string, data []byte) error {
	f, err := createNew(path)
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// createNew creates path (0600) for writing. A file already there (an
// interrupted run's letter, cut short or not) is removed first rather
// than truncated: were it a link, what it leads to stays untouched.
func createNew(path string) (*os.File, error) {
	const flags = os.O_CREATE | os.O_EXCL | os.O_WRONLY
	f, err := os.OpenFile(path, flags, 0o600)
	if !os.IsExist(err) {
		return f, err
	}
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	return os.OpenFile(path, flags, 0o600)
}

// Keep reports whether the files of an interrupted run's entry are in the
// directory with the hashes it records (Unchanged); if so, they are made
// durable with the letters written, as the interrupted run may not have
// synced them.
func (d *Dir) Keep(e Entry) bool {
	if !d.Unchanged(e) {
		return false
	}
	for _, rel := range []string{e.PDF, e.EML} {
		if full, err := d.resolve(rel); rel != "" && err == nil {
			d.unsynced.add(full)
		}
	}
	return true
}

// SyncLetters makes every letter written (WriteLetter) or kept (Keep) in
// the directory so far durable, with the directory entries that name them.
func (d *Dir) SyncLetters() error {
	if err := syncLetters(d); err != nil {
		return fmt.Errorf("outbox: syncing the letters: %w", err)
	}
	return nil
}

// unsynced lists the letters written or kept since the last barrier.
type unsynced struct {
	mu    sync.Mutex
	paths []string
}

func (u *unsynced) add(path string) {
	u.mu.Lock()
	u.paths = append(u.paths, path)
	u.mu.Unlock()
}

// take returns the list and starts a new one.
func (u *unsynced) take() []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	p := u.paths
	u.paths = nil
	return p
}

// sweep is the barrier where there is no syncfs(2): an fsync of each
// letter written or kept since the last barrier (reopened: the workers
// closed it), then of the directories that name them.
func sweep(d *Dir) error {
	return sweepPaths(d, d.unsynced.take())
}

func sweepPaths(d *Dir, paths []string) error {
	var errs []error
	for _, p := range paths {
		errs = append(errs, fsyncPath(p, os.O_WRONLY))
	}
	for _, sub := range []string{PDFDir, EmailDir, "."} {
		// Windows cannot sync a directory, nor needs to: there the files'
		// own syncs are what must not fail.
		if err := fsyncPath(filepath.Join(d.Path, sub), os.O_RDONLY); err != nil && runtime.GOOS != "windows" {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// fsyncPath opens path with flag (a file for writing: Windows syncs only
// those) and syncs it.
func fsyncPath(path string, flag int) error {
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
