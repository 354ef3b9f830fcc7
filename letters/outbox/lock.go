package outbox

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockFile is the lock a letters run or an audit holds on a directory while
// it writes there. It holds the holder's pid, host and start time, for the
// error of the one refused, and is removed when the holder ends. Where
// flock(2) exists, the lock goes with the process: one left by a killed
// process does not block the next.
const LockFile = ".breachnotice.lock"

// ErrLocked is wrapped when a directory is locked by another process.
var ErrLocked = errors.New("outbox: the directory is in use by another run or audit")

// LockedError is returned by LockDir when another process holds the lock.
// It wraps ErrLocked.
type LockedError struct {
	Dir, Lock string
	// Holder is what the lock file says of its holder ("pid 41 on host
	// build-3 since 2026-11-22T10:00:00Z"), or "" when it says nothing.
	Holder string
	// Stale is true where locks do not go with their process (no
	// flock(2)): the file may have been left by a killed process.
	Stale bool
}

func (e *LockedError) Error() string {
	holder := e.Holder
	if holder == "" {
		holder = "holder unknown"
	}
	msg := fmt.Sprintf("%v: %q is locked by %s (lock file %q)", ErrLocked, e.Dir, holder, e.Lock)
	if e.Stale {
		msg += "; if that process is gone, remove the lock file"
	}
	return msg
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// Lock is a held lock on a directory.
type Lock struct {
	f    *os.File
	path string
	// created are the directories LockDir created, dir first.
	created []string
}

// LockDir creates dir (0700) if it does not exist and locks it, or fails
// with a *LockedError naming the holder.
func LockDir(dir string) (*Lock, error) {
	created := missing(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	path := filepath.Join(dir, LockFile)
	// A holder removes the file before it unlocks: a lock won on a file
	// no longer at path is tried again.
	for range 10 {
		f, ok, err := openLock(path)
		if err != nil {
			return nil, fmt.Errorf("outbox: lock: %w", err)
		}
		if !ok {
			return nil, &LockedError{Dir: dir, Lock: path, Holder: holder(f), Stale: !flockable}
		}
		if same(f, path) {
			l := &Lock{f: f, path: path, created: created}
			return l, l.record()
		}
		f.Close()
	}
	return nil, fmt.Errorf("outbox: lock %q: removed again and again while taking it", path)
}

// missing returns dir and those of its parents that do not exist, dir
// first.
func missing(dir string) []string {
	var out []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !os.IsNotExist(err) || filepath.Dir(d) == d {
			return out
		}
		out = append(out, d)
	}
}

// same reports whether f is the file at path.
func same(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// holder reads what a lock file says of its holder and closes it.
func holder(f *os.File) string {
	if f == nil {
		return ""
	}
	defer f.Close()
	data, _ := io.ReadAll(io.LimitReader(f, 256))
	return strings.TrimSpace(strings.ToValidUTF8(string(data), "?"))
}

// record writes the holder into the lock file.
func (l *Lock) record() error {
	host, _ := os.Hostname()
	s := fmt.Sprintf("pid %d on host %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	if err := l.f.Truncate(0); err != nil {
		l.Release()
		return fmt.Errorf("outbox: lock: %w", err)
	}
	if _, err := l.f.WriteAt([]byte(s), 0); err != nil {
		l.Release()
		return fmt.Errorf("outbox: lock: %w", err)
	}
	return nil
}

// Release removes the lock file and unlocks; the directories LockDir
// created are removed again when they are still empty (a run that could
// not start).
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	for _, d := range l.created {
		if os.Remove(d) != nil { // as it should, when not empty
			break
		}
	}
	if err != nil {
		return fmt.Errorf("outbox: lock: %w", err)
	}
	return nil
}
