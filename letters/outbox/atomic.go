package outbox

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// atomicFile is a file being written under a temporary name (".tmp-*", mode
// 0600) in the directory of its final name: commit renames it to that
// name, abort removes it. Every file this package writes but the letters
// (WriteLetter) goes through it, so a reader or a killed process never
// sees a partial report under its final name, and a resumed run removes
// the leftovers (see Resume).
type atomicFile struct {
	f    *os.File
	path string
}

func createAtomic(path string) (*atomicFile, error) {
	return createAtomicAs(path, ".tmp-*")
}

// createAtomicAs is createAtomic with the temporary file named by pattern
// (os.CreateTemp).
func createAtomicAs(path, pattern string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), pattern)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return &atomicFile{f: f, path: path}, nil
}

// commit fsyncs, closes and renames the file to its final name; on failure
// the temporary file is removed.
func (a *atomicFile) commit() error {
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// abort discards the file.
func (a *atomicFile) abort() {
	a.f.Close()
	os.Remove(a.f.Name())
}

// WriteAtomic writes path (mode 0600) with what src writes, through a
// temporary file in the same directory, fsync and rename: path is replaced
// only when src wrote everything, and otherwise left as it was. A
// *bytes.Reader or *bytes.Buffer writes data held in memory; WriterFunc
// streams.
func WriteAtomic(path string, src io.WriterTo) error {
	return writeAtomicAs(path, ".tmp-*", src)
}

// writeAtomicAs is WriteAtomic with the temporary file named by pattern.
func writeAtomicAs(path, pattern string, src io.WriterTo) error {
	a, err := createAtomicAs(path, pattern)
	if err != nil {
		return err
	}
	w := &fileWriter{f: a.f}
	if _, err := src.WriteTo(w); err != nil {
		a.abort()
		if w.err != nil {
			return fmt.Errorf("outbox: %w", w.err)
		}
		return err // src's own error, as it said it
	}
	return a.commit()
}

// fileWriter writes to f and keeps the first error of f.
type fileWriter struct {
	f   *os.File
	err error
}

func (w *fileWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// WriterFunc adapts a function that writes a file's content to w to an
// io.WriterTo for WriteAtomic.
type WriterFunc func(w io.Writer) error

// WriteTo calls f on a writer that counts the bytes written to w.
func (f WriterFunc) WriteTo(w io.Writer) (int64, error) {
	c := &countingWriter{w: w}
	err := f(c)
	return c.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
