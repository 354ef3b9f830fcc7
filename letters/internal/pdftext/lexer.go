package pdftext

import (
	"bytes"
	"strconv"
)

// tokKind identifies the kind of a lexical token.
type tokKind uint8

const (
	tokEOF        tokKind = iota
	tokBad                // malformed token (unterminated or invalid string)
	tokInt                // integer number
	tokReal               // real number
	tokName               // /Name (without the slash, #xx escapes decoded)
	tokString             // literal or hexadecimal string (decoded bytes)
	tokKeyword            // bare word: obj, R, Tj, true, ...
	tokArrayStart         // [
	tokArrayEnd           // ]
	tokDictStart          // <<
	tokDictEnd            // >>
)

// token is one lexical token of PDF syntax.
type token struct {
	kind tokKind
	s    string // name, keyword or string contents
	i    int64  // value of tokInt
	f    float64
}

// lexer splits PDF syntax (file objects, content streams, CMaps) into tokens.
// It never reads outside b.
type lexer struct {
	b   []byte
	pos int
}

func isWhite(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isWhite(c) && !isDelim(c) }

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next token.
func (l *lexer) next() token {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return token{kind: tokEOF}
	}
	c := l.b[l.pos]
	switch c {
	case '[':
		l.pos++
		return token{kind: tokArrayStart}
	case ']':
		l.pos++
		return token{kind: tokArrayEnd}
	case '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			return token{kind: tokDictStart}
		}
		s, end, ok := decodeHexString(l.b, l.pos+1)
		l.pos = end
		if !ok {
			return token{kind: tokBad, s: "malformed hex string"}
		}
		return token{kind: tokString, s: string(s)}
	case '>':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return token{kind: tokDictEnd}
		}
		l.pos++
		return token{kind: tokKeyword, s: ">"}
	case '(':
		s, end, ok := decodeLiteralString(l.b, l.pos+1)
		l.pos = end
		if !ok {
			return token{kind: tokBad, s: "unterminated string"}
		}
		return token{kind: tokString, s: string(s)}
	case ')', '{', '}':
		l.pos++
		return token{kind: tokKeyword, s: string(c)}
	case '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
			l.pos++
		}
		return token{kind: tokName, s: decodeName(l.b[start:l.pos])}
	}
	start := l.pos
	for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
		l.pos++
	}
	word := l.b[start:l.pos]
	if t, ok := parseNumber(word); ok {
		return t
	}
	return token{kind: tokKeyword, s: string(word)}
}

// parseNumber parses a PDF number: an optional sign, digits, and at most
// one decimal point, with at least one digit.
func parseNumber(w []byte) (token, bool) {
	if len(w) == 0 || len(w) > 64 {
		return token{}, false
	}
	i := 0
	if w[0] == '+' || w[0] == '-' {
		i++
	}
	digits, dots := 0, 0
	for ; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return token{}, false
		}
	}
	if digits == 0 || dots > 1 {
		return token{}, false
	}
	if dots == 0 {
		if v, err := strconv.ParseInt(string(w), 10, 64); err == nil {
			return token{kind: tokInt, i: v, f: float64(v)}, true
		}
	}
	v, err := strconv.ParseFloat(string(w), 64)
	if err != nil || !finite(v) {
		v = 0
	}
	return token{kind: tokReal, f: v}, true
}

// decodeName decodes #xx escapes in a name.
func decodeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, ok1 := unhex(b[i+1])
			lo, ok2 := unhex(b[i+2])
			if ok1 && ok2 {
				out = append(out, h<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// decodeLiteralString decodes a literal string whose opening parenthesis is
// just before b[start]. It returns the decoded bytes, the position after the
// closing parenthesis, and false if the string is unterminated.
func decodeLiteralString(b []byte, start int) ([]byte, int, bool) {
	out := make([]byte, 0, 16)
	depth := 1
	i := start
	for i < len(b) {
		c := b[i]
		i++
		switch c {
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out, i, true
			}
			out = append(out, c)
		case '\r':
			// An unescaped end of line (CR, LF or CR LF) reads as LF.
			if i < len(b) && b[i] == '\n' {
				i++
			}
			out = append(out, '\n')
		case '\\':
			if i >= len(b) {
				return out, i, false
			}
			e := b[i]
			i++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				// Line continuation: backslash EOL is ignored.
				if i < len(b) && b[i] == '\n' {
					i++
				}
			case '\n':
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
					v = v*8 + int(b[i]-'0')
					i++
				}
				out = append(out, byte(v))
			default:
				// \( \) \\ and unknown escapes: the backslash is dropped.
				out = append(out, e)
			}
		default:
			out = append(out, c)
		}
	}
	return out, i, false
}

// decodeHexString decodes a hexadecimal string whose opening angle bracket
// is just before b[start]. White space is ignored and an odd final digit is
// padded with 0. It returns false for invalid characters or a missing '>'.
func decodeHexString(b []byte, start int) ([]byte, int, bool) {
	out := make([]byte, 0, 16)
	var hi byte
	half := false
	for i := start; i < len(b); i++ {
		c := b[i]
		if c == '>' {
			if half {
				out = append(out, hi<<4)
			}
			return out, i + 1, true
		}
		if isWhite(c) {
			continue
		}
		v, ok := unhex(c)
		if !ok {
			return out, i, false
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return out, len(b), false
}

// skipInlineImage moves past the binary data of an inline image; the lexer
// must be positioned just after the ID operator. The data ends at an EI
// operator preceded by white space and followed by white space or EOF.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] != 'E' || l.b[i+1] != 'I' {
			continue
		}
		if i > 0 && !isWhite(l.b[i-1]) {
			continue
		}
		if i+2 < len(l.b) && !isWhite(l.b[i+2]) && !isDelim(l.b[i+2]) {
			continue
		}
		l.pos = i + 2
		return
	}
	l.pos = len(l.b)
}
