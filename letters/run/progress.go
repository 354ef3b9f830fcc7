package run

import (
	"io"
	"os"
)

// passReader is the customer file as one of the first two passes reads
// it, reporting how much of it has been read: by Read and Seek (delimited
// text) or ReadAt (a workbook, read as a zip archive), about 200 times a
// pass. It offers Stat when the file does, so that a workbook is still
// read in place.
type passReader struct {
	rs     io.ReadSeeker
	pass   int
	report func(Progress)
	read   int64 // bytes read: the offset (Read), or the sum (ReadAt)
	size   int64 // 0: unknown
	next   int64 // report when read reaches it
}

// newPassReader rewinds nothing: rs is at its start, as each pass finds it.
func newPassReader(rs io.ReadSeeker, pass int, report func(Progress)) *passReader {
	p := &passReader{rs: rs, pass: pass, report: report}
	if st, ok := rs.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			p.size = fi.Size()
		}
	} else if sz, ok := rs.(interface{ Size() int64 }); ok {
		p.size = sz.Size()
	}
	return p
}

func (p *passReader) Read(b []byte) (int, error) {
	n, err := p.rs.Read(b)
	p.advance(p.read + int64(n))
	return n, err
}

func (p *passReader) Seek(offset int64, whence int) (int64, error) {
	pos, err := p.rs.Seek(offset, whence)
	if err == nil {
		p.read = pos
	}
	return pos, err
}

// ReadAt reads from the file in place; a file without ReadAt has no Stat
// either (readers ask for both), so it is never called on one.
func (p *passReader) ReadAt(b []byte, off int64) (int, error) {
	ra, ok := p.rs.(io.ReaderAt)
	if !ok {
		return 0, io.ErrNoProgress
	}
	n, err := ra.ReadAt(b, off)
	p.advance(p.read + int64(n))
	return n, err
}

// Stat is the file's, or an error when it has none (the reader then reads
// the file through Read).
func (p *passReader) Stat() (os.FileInfo, error) {
	if st, ok := p.rs.(interface{ Stat() (os.FileInfo, error) }); ok {
		return st.Stat()
	}
	return nil, os.ErrInvalid
}

// advance records read and reports it when it passes the next mark.
func (p *passReader) advance(read int64) {
	p.read = read
	if p.report == nil || read < p.next {
		return
	}
	if p.size > 0 {
		read = min(read, p.size) // a workbook's parts may be read twice
	}
	p.report(Progress{Pass: p.pass, Read: read, Size: p.size})
	p.next = read + p.size/200 + 1
}

// finish reports the pass done: the whole file read (a workbook's reader
// skips what it does not need).
func (p *passReader) finish() {
	if p.report != nil {
		p.report(Progress{Pass: p.pass, Read: max(p.size, p.read), Size: p.size})
	}
}
