package customers

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small, fast, streaming XML tokenizer, the one that
// reads every XML part of a workbook (the small ones through
// walkElements). encoding/xml allocates a token per element and is the
// bottleneck of reading a million-row sheet; this scanner reuses its
// buffers and understands exactly what SpreadsheetML needs: elements with
// attributes (namespace prefixes are dropped; xmlAttr.prefixed says an
// attribute had one), character data with the five
// predefined entities and character references, CDATA sections, comments
// and processing instructions. Document type declarations are refused
// (no entity expansion, no billion-laughs), and character data longer than
// maxText bytes stops the scan with errTextTooLong, at once, without
// reading the rest of it.
type xmlScanner struct {
	r *bufio.Reader

	kind  tokenKind
	name  []byte // local name of the element (start or end)
	attrs []xmlAttr
	text  []byte // character data (decoded)
	// selfClosing is set for a start tag written <x/>; the scanner then
	// reports the matching end token itself.
	selfClosing bool
	pendingEnd  bool

	attrBuf []byte // backing store of attribute names and values
	raw     []byte // scratch

	// starts counts the start tags read, against the element limits.
	starts int
}

type tokenKind int

const (
	tokStart tokenKind = iota + 1
	tokEnd
	tokText
)

type xmlAttr struct {
	name, value []byte
	// prefixed: the name had a namespace prefix (r:id), which is dropped.
	prefixed bool
}

// maxText is the longest character data accepted, in bytes. Excel cells
// hold at most 32,767 characters (at most 128 KiB in UTF-8), so longer
// text was not written by a spreadsheet.
const maxText = 256 << 10

var (
	// errXML is the cause of every syntax error reported by the scanner.
	errXML = errors.New("invalid XML")
	// errTextTooLong: character data longer than maxText.
	errTextTooLong = errors.New("text longer than 256 KiB")
)

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: bufio.NewReaderSize(r, 64<<10)}
}

// attr returns the value of the attribute with local name n.
func (s *xmlScanner) attr(n string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == n {
			return a.value, true
		}
	}
	return nil, false
}

// next reads the next token: io.EOF at the end of the input.
func (s *xmlScanner) next() error {
	if s.pendingEnd {
		s.pendingEnd = false
		s.kind = tokEnd
		return nil
	}
	s.selfClosing = false
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			return err
		}
		if b != '<' {
			s.r.UnreadByte()
			if err := s.readText(); err != nil {
				return err
			}
			s.kind = tokText
			return nil
		}
		c, err := s.r.ReadByte()
		if err != nil {
			return s.eofIn(err, "a tag")
		}
		switch c {
		case '/':
			if err := s.readName(); err != nil {
				return err
			}
			if err := s.skipSpace(); err != nil {
				return err
			}
			if b, err := s.r.ReadByte(); err != nil || b != '>' {
				return s.syntax("bad end tag")
			}
			s.kind = tokEnd
			return nil
		case '?':
			if err := s.skipUntil("?>"); err != nil {
				return err
			}
			continue
		case '!':
			head, _ := s.r.Peek(7)
			switch {
			case len(head) < 2:
				return s.eofIn(io.EOF, "a comment")
			case bytes.HasPrefix(head, []byte("--")):
				s.r.Discard(2)
				if err := s.skipUntil("-->"); err != nil {
					return err
				}
				continue
			case bytes.HasPrefix(head, []byte("[CDATA[")):
				s.r.Discard(7)
				if err := s.readCDATA(); err != nil {
					return err
				}
				s.kind = tokText
				return nil
			}
			return s.syntax("document type declarations are not allowed")
		}
		s.r.UnreadByte()
		if err := s.readName(); err != nil {
			return err
		}
		if err := s.readAttrs(); err != nil {
			return err
		}
		s.kind = tokStart
		s.starts++
		if s.selfClosing {
			s.pendingEnd = true
		}
		return nil
	}
}

func (s *xmlScanner) syntax(msg string) error { return fmt.Errorf("%w: %s", errXML, msg) }

// eofIn reports the end of the input, or a read error (a corrupt
// compressed stream, a checksum mismatch), inside a construct.
func (s *xmlScanner) eofIn(err error, what string) error {
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return fmt.Errorf("reading %s: %w", what, err)
	}
	return fmt.Errorf("%w: unexpected end of data in %s", errXML, what)
}

func isNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' ||
		b == '_' || b == '-' || b == '.' || b == ':' || b >= 0x80
}

// readName reads an element name into s.name, dropping a namespace prefix.
func (s *xmlScanner) readName() error {
	var err error
	s.name, _, err = s.appendName(s.name[:0])
	return err
}

// appendName reads a name into dst, dropping a namespace prefix;
// prefixed says whether it had one.
func (s *xmlScanner) appendName(dst []byte) (_ []byte, prefixed bool, _ error) {
	start := len(dst)
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			return dst, prefixed, s.eofIn(err, "a tag name")
		}
		if !isNameByte(b) {
			s.r.UnreadByte()
			break
		}
		if b == ':' {
			dst, prefixed = dst[:start], true
			continue
		}
		if len(dst)-start > 256 {
			return dst, prefixed, s.syntax("tag name too long")
		}
		dst = append(dst, b)
	}
	if len(dst) == start {
		return dst, prefixed, s.syntax("missing tag name")
	}
	return dst, prefixed, nil
}

func (s *xmlScanner) skipSpace() error {
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			return s.eofIn(err, "a tag")
		}
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			s.r.UnreadByte()
			return nil
		}
	}
}

// readAttrs reads the attributes of a start tag up to and including its
// closing '>' or '/>'.
func (s *xmlScanner) readAttrs() error {
	s.attrs = s.attrs[:0]
	s.attrBuf = s.attrBuf[:0]
	var spans [16]attrSpan
	sp := spans[:0]
	for {
		if err := s.skipSpace(); err != nil {
			return err
		}
		b, err := s.r.ReadByte()
		if err != nil {
			return s.eofIn(err, "a tag")
		}
		switch b {
		case '>':
			s.setAttrs(sp)
			return nil
		case '/':
			if b, err := s.r.ReadByte(); err != nil || b != '>' {
				return s.syntax("bad empty-element tag")
			}
			s.selfClosing = true
			s.setAttrs(sp)
			return nil
		}
		s.r.UnreadByte()
		var a attrSpan
		a.n0 = len(s.attrBuf)
		if s.attrBuf, a.prefixed, err = s.appendName(s.attrBuf); err != nil {
			return err
		}
		a.n1 = len(s.attrBuf)
		if err := s.skipSpace(); err != nil {
			return err
		}
		if b, err := s.r.ReadByte(); err != nil || b != '=' {
			return s.syntax("attribute without value")
		}
		if err := s.skipSpace(); err != nil {
			return err
		}
		q, err := s.r.ReadByte()
		if err != nil || (q != '"' && q != '\'') {
			return s.syntax("unquoted attribute value")
		}
		raw, err := s.readUntilByte(q, 4096)
		if err != nil {
			return err
		}
		a.v0 = len(s.attrBuf)
		s.attrBuf, err = appendUnescaped(s.attrBuf, raw)
		if err != nil {
			return err
		}
		if !utf8.Valid(s.attrBuf[a.v0:]) { // names and numbers, not cell text
			s.attrBuf = append(s.attrBuf[:a.v0], bytes.ToValidUTF8(s.attrBuf[a.v0:], []byte("\uFFFD"))...)
		}
		a.v1 = len(s.attrBuf)
		if len(sp) > 64 {
			return s.syntax("too many attributes")
		}
		sp = append(sp, a)
	}
}

// attrSpan locates an attribute's name and value in attrBuf while the
// tag is read (attrBuf may move as it grows).
type attrSpan struct {
	n0, n1, v0, v1 int
	prefixed       bool
}

// setAttrs sets s.attrs from the spans of the tag just read.
func (s *xmlScanner) setAttrs(sp []attrSpan) {
	for _, x := range sp {
		s.attrs = append(s.attrs, xmlAttr{s.attrBuf[x.n0:x.n1], s.attrBuf[x.v0:x.v1], x.prefixed})
	}
}

// readUntilByte reads up to the delimiter (consumed, not returned); at
// most limit bytes.
func (s *xmlScanner) readUntilByte(delim byte, limit int) ([]byte, error) {
	s.raw = s.raw[:0]
	for {
		chunk, err := s.r.ReadSlice(delim)
		if len(s.raw)+len(chunk) > limit {
			return nil, s.syntax("attribute value too long")
		}
		switch {
		case err == nil:
			s.raw = append(s.raw, chunk[:len(chunk)-1]...)
			return s.raw, nil
		case errors.Is(err, bufio.ErrBufferFull):
			s.raw = append(s.raw, chunk...)
		default:
			return nil, s.eofIn(err, "an attribute value")
		}
	}
}

// readText reads character data up to the next '<' (not consumed).
func (s *xmlScanner) readText() error {
	s.raw = s.raw[:0]
	for {
		chunk, err := s.r.ReadSlice('<')
		if err == nil {
			chunk = chunk[:len(chunk)-1]
			s.r.UnreadByte()
		}
		if len(s.raw)+len(chunk) > maxText {
			return errTextTooLong
		}
		s.raw = append(s.raw, chunk...)
		switch {
		case err == nil, err == io.EOF:
			var derr error
			s.text, derr = appendUnescaped(s.text[:0], s.raw)
			return derr
		case errors.Is(err, bufio.ErrBufferFull):
		default:
			return err
		}
	}
}

func (s *xmlScanner) readCDATA() error {
	s.raw = s.raw[:0]
	for {
		chunk, err := s.r.ReadSlice('>')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return s.eofIn(err, "a CDATA section")
		}
		if len(s.raw)+len(chunk) > maxText+3 {
			return errTextTooLong
		}
		s.raw = append(s.raw, chunk...)
		if err == nil && bytes.HasSuffix(s.raw, []byte("]]>")) {
			s.text = append(s.text[:0], s.raw[:len(s.raw)-3]...)
			return nil
		}
	}
}

// skipUntil discards input up to and including the terminator.
func (s *xmlScanner) skipUntil(term string) error {
	last := term[len(term)-1]
	var tail []byte
	for {
		chunk, err := s.r.ReadSlice(last)
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return s.eofIn(err, "a comment or processing instruction")
		}
		tail = append(tail, chunk...)
		if len(tail) > len(term) {
			tail = tail[len(tail)-len(term):]
		}
		if err == nil && bytes.HasSuffix(tail, []byte(term)) {
			return nil
		}
	}
}

// appendUnescaped appends raw with entity and character references
// decoded. Bytes that are not UTF-8 are kept as they are: the sheet reader
// refuses a cell with them (never read as U+FFFD); attributes have them
// replaced by U+FFFD.
func appendUnescaped(dst, raw []byte) ([]byte, error) {
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i+1:]
		j := bytes.IndexByte(raw, ';')
		if j < 0 || j > 12 {
			return dst, fmt.Errorf("%w: unterminated entity reference", errXML)
		}
		ent := raw[:j]
		raw = raw[j+1:]
		switch string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				// The entity's name is not quoted: it is cell text.
				return dst, fmt.Errorf("%w: unknown entity reference", errXML)
			}
			var n uint64
			var err error
			if ent[1] == 'x' || ent[1] == 'X' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || n == 0 || n > utf8.MaxRune || n >= 0xD800 && n <= 0xDFFF {
				return dst, fmt.Errorf("%w: bad character reference", errXML)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst, nil
}
