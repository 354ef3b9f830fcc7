//go:build unix

package tomllimit

import "syscall"

// mkfifo makes a named pipe at path, for the tests of non-regular files.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }
