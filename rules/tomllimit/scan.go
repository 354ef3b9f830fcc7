package tomllimit

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"
)

// errStop: the scanner met what it does not read as TOML.
var errStop = errors.New("tomllimit: not TOML")

// Check checks data against the limits. Where data is not TOML the
// scanner stops and the decoder, given the lines up to there, says why; if
// the decoder reads them, Check refuses the file all the same rather than
// let the decoder read on unchecked.
func Check(data []byte) error {
	if len(data) > MaxSize {
		return sizeError(data)
	}
	stop, err := scan(data)
	if err != nil || stop < 0 {
		return err
	}
	end := bytes.IndexByte(data[stop:], '\n')
	if end < 0 {
		end = len(data)
	} else {
		end += stop + 1
	}
	var m map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(data[:end])).Decode(&m); err != nil {
		return err
	}
	return &Error{Line: lineAt(data, stop), Msg: "cannot be read as TOML here"}
}

// scan reads data as TOML, counting depth and entries. It returns the
// offset where it stopped on something it does not read as TOML (-1 if
// none) or the error of a limit.
func scan(data []byte) (stop int, err error) {
	s := &scanner{src: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))}
	err = s.document()
	off := len(data) - len(s.src) // the byte order mark
	switch {
	case errors.Is(err, errStop):
		return off + s.i, nil
	case err != nil:
		return -1, err
	}
	return -1, nil
}

// scanner is a TOML reader that keeps nothing but its place, the depth
// and the number of entries.
type scanner struct {
	src     []byte
	i       int
	entries int
	deepest int
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) limit(msg string) error {
	return &Error{Line: lineAt(s.src, s.i), Msg: msg}
}

// entry counts one key, table header or array value at depth.
func (s *scanner) entry(depth int) error {
	s.entries++
	s.deepest = max(s.deepest, depth)
	if s.entries > MaxEntries {
		return s.limit(fmt.Sprintf("more than %d keys, tables and array values", MaxEntries))
	}
	if depth > MaxDepth {
		return s.limit(fmt.Sprintf("nesting deeper than %d (table names, dotted keys, arrays and inline tables)", MaxDepth))
	}
	return nil
}

// document reads table headers and key/value pairs to the end.
func (s *scanner) document() error {
	base := 0 // the depth of the current table
	for {
		s.skip(true)
		if s.eof() {
			return nil
		}
		var err error
		if s.peek() == '[' {
			base, err = s.header()
		} else {
			err = s.keyValue(base)
		}
		if err != nil {
			return err
		}
	}
}

// header reads [a.b] or [[a.b]] and returns its depth.
func (s *scanner) header() (int, error) {
	s.i++
	array := s.peek() == '['
	if array {
		s.i++
	}
	n, err := s.key(']')
	if err != nil {
		return 0, err
	}
	s.i++
	if array {
		if s.peek() != ']' {
			return 0, errStop
		}
		s.i++
	}
	return n, s.entry(n)
}

// keyValue reads key = value in a table at depth base.
func (s *scanner) keyValue(base int) error {
	n, err := s.key('=')
	if err != nil {
		return err
	}
	if err := s.entry(base + n); err != nil {
		return err
	}
	s.i++
	s.skip(false)
	return s.value(base + n)
}

// key reads a dotted key up to end (not consumed) and returns the number
// of its parts.
func (s *scanner) key(end byte) (int, error) {
	n := 0
	for {
		s.skip(false)
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			if err := s.str(false); err != nil {
				return 0, err
			}
		case bareKeyChar(c):
			for bareKeyChar(s.peek()) {
				s.i++
			}
		default:
			return 0, errStop
		}
		n++
		s.skip(false)
		switch s.peek() {
		case '.':
			s.i++
		case end:
			return n, nil
		default:
			return 0, errStop
		}
	}
}

func bareKeyChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value reads a value at depth.
func (s *scanner) value(depth int) error {
	switch s.peek() {
	case '"', '\'':
		return s.str(true)
	case '[':
		return s.array(depth)
	case '{':
		return s.inline(depth)
	}
	// A number, date, time, boolean, inf or nan: up to what ends it.
	start := s.i
	for !s.eof() && bytes.IndexByte([]byte(",]}#\r\n[{\"'"), s.peek()) < 0 {
		s.i++
	}
	if s.i == start {
		return errStop
	}
	return nil
}

// array reads [v, ...] whose values are at depth+1.
func (s *scanner) array(depth int) error {
	s.i++
	for {
		s.skip(true)
		if s.peek() == ']' {
			s.i++
			return nil
		}
		if err := s.entry(depth + 1); err != nil {
			return err
		}
		if err := s.value(depth + 1); err != nil {
			return err
		}
		s.skip(true)
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return nil
		default:
			return errStop
		}
	}
}

// inline reads {k = v, ...} whose keys are below depth.
func (s *scanner) inline(depth int) error {
	s.i++
	for {
		s.skip(true)
		if s.peek() == '}' {
			s.i++
			return nil
		}
		if err := s.keyValue(depth); err != nil {
			return err
		}
		s.skip(true)
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return nil
		default:
			return errStop
		}
	}
}

// str reads a string: basic or literal, on one line or (when multi is
// allowed: a value, not a key) on several.
func (s *scanner) str(multi bool) error {
	q := s.peek()
	if multi && bytes.HasPrefix(s.src[s.i:], []byte{q, q, q}) {
		return s.multiline(q)
	}
	s.i++
	for !s.eof() {
		switch c := s.src[s.i]; {
		case c == '\n':
			return errStop
		case c == '\\' && q == '"':
			if s.i+1 < len(s.src) && s.src[s.i+1] == '\n' {
				return errStop
			}
			s.i += 2
		case c == q:
			s.i++
			return nil
		default:
			s.i++
		}
	}
	return errStop
}

// multiline reads a multi-line string from its opening quotes q: it ends
// at the first run of three or more quotes (up to two belong to it).
func (s *scanner) multiline(q byte) error {
	s.i += 3
	for !s.eof() {
		switch c := s.src[s.i]; {
		case c == '\\' && q == '"':
			s.i += 2
		case c == q:
			n := 0
			for s.peek() == q {
				s.i++
				n++
			}
			if n >= 3 {
				return nil
			}
		default:
			s.i++
		}
	}
	return errStop
}

// skip skips blanks and comments, and newlines if nl.
func (s *scanner) skip(nl bool) {
	for !s.eof() {
		switch s.src[s.i] {
		case ' ', '\t':
		case '\n', '\r':
			if !nl {
				return
			}
		case '#':
			for !s.eof() && s.src[s.i] != '\n' {
				s.i++
			}
			continue
		default:
			return
		}
		s.i++
	}
}
