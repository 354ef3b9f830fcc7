package outbox_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

func TestLockDirRefusesASecondHolder(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "new", "out")
	l, err := outbox.LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = outbox.LockDir(dir)
	var le *outbox.LockedError
	if !errors.Is(err, outbox.ErrLocked) || !errors.As(err, &le) {
		t.Fatalf("second lock: %v, want ErrLocked", err)
	}
	if want := fmt.Sprintf("pid %d on host ", os.Getpid()); !strings.HasPrefix(le.Holder, want) ||
		!strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), outbox.LockFile) {
		t.Errorf("error %q: want the holder (%q...) and the lock file", err, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	// The directories LockDir created are removed with the lock when empty.
	if entries, err := os.ReadDir(top); err != nil || len(entries) > 0 {
		t.Errorf("the empty directories the lock created survived: %v %v", entries, err)
	}
	l, err = outbox.LockDir(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o600)
	l.Release()
	if _, err := os.Stat(filepath.Join(dir, outbox.LockFile)); !os.IsNotExist(err) {
		t.Error("the lock file survived its release")
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err != nil {
		t.Errorf("a file in the locked directory: %v", err)
	}
}

// A lock file left by a killed process, which holds no lock any more,
// does not block the next one.
func TestLockDirTakesAStaleLock(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, outbox.LockFile), []byte("pid 999999 on host gone since 2026-01-01T00:00:00Z\n"), 0o600)
	l, err := outbox.LockDir(dir)
	if err != nil {
		t.Fatalf("stale lock: %v", err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, outbox.LockFile))
	if !strings.HasPrefix(string(data), fmt.Sprintf("pid %d ", os.Getpid())) {
		t.Errorf("lock file says %q", data)
	}
	l.Release()
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("a directory the lock did not create was removed: %v", err)
	}
}
