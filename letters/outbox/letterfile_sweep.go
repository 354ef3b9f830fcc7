//go:build !linux

package outbox

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// syncLetters makes the letters of d durable where there is no syncfs(2):
// an fsync of each file written or kept since the last barrier (reopened:
// the workers closed it), then of the directories that name them.
var syncLetters = func(d *Dir) error {
	var errs []error
	for _, p := range d.unsynced.take() {
		errs = append(errs, fsyncPath(p))
	}
	for _, sub := range []string{PDFDir, EmailDir, "."} {
		// Not every system can sync a directory (Windows cannot, nor
		// needs to): the files' own syncs are what must not fail.
		fsyncPath(filepath.Join(d.Path, sub))
	}
	return errors.Join(errs...)
}

// unsynced lists the files the next barrier syncs.
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

func fsyncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
