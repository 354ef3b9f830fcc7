package email

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// maxLine is the longest header line written, CRLF aside (RFC 5322 §2.1.1:
// lines SHOULD be no more than 78 characters). An encoded-word is at most
// 75 characters (RFC 2047 §2).
const (
	maxLine = 78
	maxWord = 75
)

// writeHeader writes one header field, folded (see fold).
func writeHeader(b *bytes.Buffer, name, value string) {
	b.WriteString(name + ": " + fold(name, value) + "\r\n")
}

// fold returns the value of the header field name folded at spaces, so
// that no line is longer than maxLine where the value allows it (a single
// word longer than a line is left whole).
func fold(name, value string) string {
	var b strings.Builder
	n := len(name) + 1 // the line so far: "name:"
	for i, word := range strings.Split(value, " ") {
		if i > 0 && n+1+len(word) > maxLine {
			b.WriteString("\r\n")
			n = 0
		}
		if i > 0 || n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(word)
		n += 1 + len(word)
	}
	return strings.TrimPrefix(b.String(), " ")
}

// encodeText returns unstructured header text (a Subject) as it is
// written after "name: ": as it is when it is printable ASCII, otherwise
// as UTF-8 encoded-words, each short enough to stand on its own line of
// the folded field (the first after the field's name), so that folding
// between them keeps every line within maxLine.
func encodeText(name, s string) string {
	if printableASCII(s) && !strings.Contains(s, "=?") {
		return s
	}
	return encodeWords(len(name)+2, s)
}

// encodeAddress returns a mailbox ("Name <addr>") for the field name: the
// display name as encoded-words sized like encodeText's when it is not
// ASCII, the domain in its ASCII form (asciiDomain).
func encodeAddress(name, display, addr string) string {
	addr = asciiDomain(addr)
	if printableASCII(display) {
		return (&mail.Address{Name: display, Address: addr}).String()
	}
	return encodeWords(len(name)+2, display) + " " + (&mail.Address{Address: addr}).String()
}

// encodeWords writes s as encoded-words separated by spaces: base64 for
// text mostly outside ASCII (Chinese, Russian), else Q. The first word
// fits in maxLine-first characters, the others in a continuation line;
// no character is split between two words.
func encodeWords(first int, s string) string {
	b := nonASCII([]byte(s))*3 > len(s)
	var words []string
	room := min(maxLine-first, maxWord)
	for s != "" {
		n, q := 0, 0 // the bytes of s in the word, their length in Q
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			qn := q + qLen(s[n:n+size])
			if n > 0 && wordLen(b, n+size, qn) > room {
				break
			}
			n, q = n+size, qn
		}
		if b {
			words = append(words, bWord(s[:n]))
		} else {
			words = append(words, qWord(s[:n]))
		}
		s = s[n:]
		room = min(maxLine-1, maxWord)
	}
	return strings.Join(words, " ")
}

// wordLen is the length of the encoded-word of n bytes: in base64 (b),
// or in Q, where they take q characters.
func wordLen(b bool, n, q int) int {
	const frame = len("=?utf-8?q?") + len("?=")
	if b {
		return frame + base64.StdEncoding.EncodedLen(n)
	}
	return frame + q
}

// bWord is s as one B encoded-word.
func bWord(s string) string {
	return "=?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte(s)) + "?="
}

// qWord is s as one Q encoded-word, using only the characters RFC 2047
// §5(3) allows in a phrase, so the same word serves a Subject and a
// display name.
func qWord(s string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len("=?utf-8?q??=")+qLen(s))
	b = append(b, "=?utf-8?q?"...)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			b = append(b, '_')
		case qLiteral(c):
			b = append(b, c)
		default:
			b = append(b, '=', hex[c>>4], hex[c&0x0f])
		}
	}
	return string(append(b, "?="...))
}

// qLiteral reports whether a Q encoded-word writes c as it is.
func qLiteral(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!*+-/", c) >= 0
}

// qLen is the length of s in a Q encoded-word.
func qLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || qLiteral(c) {
			n++
		} else {
			n += 3
		}
	}
	return n
}

// fileParam writes the parameter key=value of a Content-Type or
// Content-Disposition field: quoted when value is ASCII and fits a line,
// else encoded
// as RFC 2231 UTF-8 in continuations short enough to be folded onto lines
// of their own: filename*0*=utf-8 and two single quotes, then the first
// part; filename*1*= and the next.
func fileParam(key, value string) string {
	if printableASCII(value) && len(key)+len(value) <= maxLine-5 {
		return fmt.Sprintf("%s=%q", key, value)
	}
	const room = maxLine - 12 // a leading space, the key, "*NN*=" and ";"
	var parts []string
	rest := value
	for i := 0; rest != ""; i++ {
		prefix := fmt.Sprintf("%s*%d*=", key, i)
		if i == 0 {
			prefix += "utf-8''"
		}
		n := 0
		for n < len(rest) {
			_, size := utf8.DecodeRuneInString(rest[n:])
			if n > 0 && len(prefix)+len(pathEscape(rest[:n+size])) > room {
				break
			}
			n += size
		}
		parts = append(parts, prefix+pathEscape(rest[:n]))
		rest = rest[n:]
	}
	return strings.Join(parts, "; ")
}

// pathEscape percent-encodes s for an RFC 2231 value: every byte but
// ASCII letters, digits and "-._".
func pathEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// printableASCII reports whether s is printable ASCII (spaces allowed).
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// asciiDomain returns addr with an internationalized domain in its ASCII
// form ("anna@bücher.de" → "anna@xn--bcher-kva.de", IDNA2008 lookup rules,
// RFC 5891): the form every mail server accepts. A local part that is not
// ASCII has no such form and is written as UTF-8 (RFC 6532): the message
// can then be sent only through a server that supports SMTPUTF8 (RFC 6531;
// the letter warns, letters.WarnSMTPUTF8). A domain without an ASCII form
// (the customer reader rejects such addresses) is left as it is.
func asciiDomain(addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 || printableASCII(addr[at+1:]) {
		return addr
	}
	domain, err := idna.Lookup.ToASCII(addr[at+1:])
	if err != nil {
		return addr
	}
	return addr[:at+1] + domain
}
