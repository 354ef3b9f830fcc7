// Package tomllimit reads TOML files within limits: a regular file of at
// most [MaxSize] bytes, whose tables, arrays and keys nest at most
// [MaxDepth] deep and which holds at most [MaxEntries] keys, tables and
// array values. The limits are checked by a small scanner that knows
// TOML's strings and comments, before the decoder
// (github.com/BurntSushi/toml, which recurses and copies the key path of
// every level) sees the bytes: a hostile file is refused in time and memory
// proportional to its size, with the line where it crosses a limit.
//
// Every TOML file this program reads goes through [Decode]: the incident,
// the rule and case files, the column mapping and the locale catalogs.
package tomllimit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/BurntSushi/toml"
)

// The limits, generous for the files people write: the largest file the
// program ships is 60 KB and nests 4 deep.
const (
	// MaxSize is the largest TOML file read, in bytes.
	MaxSize = 4 << 20
	// MaxDepth is the deepest nesting: the components of a table's name
	// and of a dotted key, plus the arrays and inline tables around a
	// value ([a.b] c.d = [[1]] is 6 deep at the 1).
	MaxDepth = 16
	// MaxEntries is the most keys, table headers and array values in one
	// file.
	MaxEntries = 20_000
)

var (
	// ErrLimit is wrapped by every error of a file over a limit.
	ErrLimit = errors.New("over a limit")
	// ErrNotRegular: the file is a directory, a device, a pipe or a socket,
	// which may never end or never answer.
	ErrNotRegular = errors.New("not a regular file (a directory, device or pipe)")
)

// Error is a file over a limit, at a line. It is also a toml.ParseError
// (errors.As), so that a caller reports it as it reports a syntax error.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Is makes errors.Is(err, ErrLimit) hold.
func (e *Error) Is(target error) bool { return target == ErrLimit }

// As makes errors.As(err, &parseError) hold for a *toml.ParseError.
func (e *Error) As(target any) bool {
	p, ok := target.(*toml.ParseError)
	if ok {
		*p = toml.ParseError{Message: e.Msg, Position: toml.Position{Line: e.Line}}
	}
	return ok
}

// Decode checks data against the limits, then decodes it into v.
func Decode(data []byte, v any) (toml.MetaData, error) {
	if err := Check(data); err != nil {
		return toml.MetaData{}, err
	}
	return toml.NewDecoder(bytes.NewReader(data)).Decode(v)
}

// ReadAll reads r to its end, refusing more than MaxSize bytes: it never
// reads more than MaxSize+1.
func ReadAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, sizeError(data)
	}
	return data, nil
}

// ReadFile reads the file name of fsys: only a regular file (checked
// before it is opened and again on the open file), at most MaxSize bytes.
// Errors name the file as name.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	if st, err := fs.Stat(fsys, name); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	data, err := ReadAll(f)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

func sizeError(data []byte) error {
	return &Error{Line: lineAt(data, MaxSize), Msg: fmt.Sprintf("the file is larger than %d MiB", MaxSize>>20)}
}

// lineAt is the line of byte offset i of data.
func lineAt(data []byte, i int) int {
	return bytes.Count(data[:min(i, len(data))], []byte("\n")) + 1
}
