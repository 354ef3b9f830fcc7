package customers

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
)

// Limits on a part of the zip archive, beyond its size (see xlsx.go).
const (
	// maxInflateRatio is the most a large part may inflate: spreadsheets
	// compress 3 to 10 to 1; a zip bomb, up to about 1,000 to 1. Apache
	// POI refuses 100 to 1.
	maxInflateRatio = 200
	// inflateGrace is the size under which a part may inflate more: it is
	// read at once whatever its ratio.
	inflateGrace = 64 << 20
)

// errPartLimit is wrapped by the error of a part over a limit.
var errPartLimit = errors.New("over a limit")

// partLimitError is a part of the workbook over a limit: what is
// wrong, said with the part's name and the limit.
type partLimitError struct{ msg string }

func (e *partLimitError) Error() string        { return e.msg }
func (e *partLimitError) Is(target error) bool { return target == errPartLimit }

func partLimitf(format string, args ...any) error {
	return &partLimitError{fmt.Sprintf(format, args...)}
}

// openPart opens a part of the archive to read at most limit bytes: a
// part that declares more, or inflates more than maxInflateRatio to 1, is
// refused before anything is inflated, and reading past limit (whatever
// the part declared) is an error.
func openPart(f *zip.File, limit uint64) (io.ReadCloser, error) {
	if f.UncompressedSize64 > limit {
		return nil, partLimitf("part %s is larger than %s uncompressed (a zip bomb?)", f.Name, byteSize(limit))
	}
	if f.UncompressedSize64 > inflateGrace && f.UncompressedSize64/maxInflateRatio > f.CompressedSize64 {
		return nil, partLimitf("part %s inflates %s to %s, more than %d to 1 (a zip bomb?)", f.Name, byteSize(f.CompressedSize64), byteSize(f.UncompressedSize64), maxInflateRatio)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &cappedPart{ReadCloser: rc, name: f.Name, limit: limit}, nil
}

// cappedPart counts the bytes read from a part and stops past its limit.
type cappedPart struct {
	io.ReadCloser
	name  string
	limit uint64
	n     uint64
}

func (p *cappedPart) Read(b []byte) (int, error) {
	if p.n >= p.limit+1 {
		return 0, partLimitf("part %s holds more than %s uncompressed (a zip bomb?)", p.name, byteSize(p.limit))
	}
	if uint64(len(b)) > p.limit+1-p.n {
		b = b[:p.limit+1-p.n]
	}
	n, err := p.ReadCloser.Read(b)
	p.n += uint64(n)
	if p.n > p.limit {
		return n, partLimitf("part %s holds more than %s uncompressed (a zip bomb?)", p.name, byteSize(p.limit))
	}
	return n, err
}

// byteSize writes a size in GiB, MiB, KiB or bytes, whichever is whole.
func byteSize(n uint64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
