package email

// appendQP appends data encoded as quoted-printable (RFC 2045 §6.7) to
// dst, as mime/quotedprintable's Writer writes it (closed after one
// Write), byte for byte: lines of at most 76 characters with soft breaks,
// a line feed, a carriage return or both as one CRLF, the space or tab
// ending a line encoded. It is that Writer without its buffer and calls
// through io.Writer, which cost a run more than the encoding.
func appendQP(dst, data []byte) []byte {
	q := qpEncoder{b: dst, start: len(dst)}
	for i := 0; i < len(data); {
		switch c := data[i]; {
		case qpLiteral[c]:
			n := 1
			for i+n < len(data) && qpLiteral[data[i+n]] {
				n++
			}
			q.literals(data[i : i+n])
			i += n
			continue
		case c == '\n' || c == '\r':
			q.lineEnd(c)
		default:
			q.encode(c)
		}
		i++
	}
	q.checkLastByte()
	return q.b
}

// qpLiteral are the bytes quoted-printable writes as they are (unless a
// space or tab ends a line): printable ASCII but "=", space and tab.
var qpLiteral = func() (t [256]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = c != '='
	}
	t[' '], t['\t'] = true, true
	return t
}()

// qpMaxLine is the longest encoded line, its soft break's "=" included.
const qpMaxLine = 76

// qpEncoder is the state of appendQP: the output, where its last line
// starts, and whether the last byte read was a carriage return.
type qpEncoder struct {
	b     []byte
	start int
	cr    bool
}

func (q *qpEncoder) lineLen() int { return len(q.b) - q.start }

// literals appends bytes written as they are, with soft line breaks.
func (q *qpEncoder) literals(p []byte) {
	for len(p) > 0 {
		if q.lineLen() == qpMaxLine-1 {
			q.softBreak()
		}
		n := min(len(p), qpMaxLine-1-q.lineLen())
		q.b = append(q.b, p[:n]...)
		p = p[n:]
	}
	q.cr = false
}

func (q *qpEncoder) lineEnd(c byte) {
	// A CRLF is one line end.
	if q.cr && c == '\n' {
		q.cr = false
		return
	}
	q.cr = c == '\r'
	q.checkLastByte()
	q.crlf()
}

func (q *qpEncoder) encode(c byte) {
	if qpMaxLine-1-q.lineLen() < 3 {
		q.softBreak()
	}
	const hex = "0123456789ABCDEF"
	q.b = append(q.b, '=', hex[c>>4], hex[c&0x0f])
}

// checkLastByte encodes a space or tab that ends the line.
func (q *qpEncoder) checkLastByte() {
	if q.lineLen() == 0 {
		return
	}
	if c := q.b[len(q.b)-1]; c == ' ' || c == '\t' {
		q.b = q.b[:len(q.b)-1]
		q.encode(c)
	}
}

func (q *qpEncoder) softBreak() {
	q.b = append(q.b, '=')
	q.crlf()
}

func (q *qpEncoder) crlf() {
	q.b = append(q.b, '\r', '\n')
	q.start = len(q.b)
}
