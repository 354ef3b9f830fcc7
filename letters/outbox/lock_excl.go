//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package outbox

import "os"

// flockable: without flock(2), the lock is a file created exclusively; one
// left by a killed process must be removed by hand (the error says so).
const flockable = false

// openLock creates the lock file at path exclusively: ok is false (and f
// open for reading the holder, when it can be) when it exists.
func openLock(path string) (f *os.File, ok bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if os.IsExist(err) {
		f, _ = os.Open(path)
		return f, false, nil
	}
	return f, err == nil, err
}
