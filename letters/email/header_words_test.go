package email

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// encodeWordsByEncoding is encodeWords as first written: each prefix
// encoded to measure it.
func encodeWordsByEncoding(first int, s string) string {
	enc := func(s string) string {
		var b strings.Builder
		b.WriteString("=?utf-8?q?")
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == ' ':
				b.WriteByte('_')
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("!*+-/", c) >= 0:
				b.WriteByte(c)
			default:
				fmt.Fprintf(&b, "=%02X", c)
			}
		}
		b.WriteString("?=")
		return b.String()
	}
	if nonASCII([]byte(s))*3 > len(s) {
		enc = bWord
	}
	var words []string
	room := min(maxLine-first, maxWord)
	for s != "" {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n > 0 && len(enc(s[:n+size])) > room {
				break
			}
			n += size
		}
		words = append(words, enc(s[:n]))
		s = s[n:]
		room = min(maxLine-1, maxWord)
	}
	return strings.Join(words, " ")
}

// encodeWords, measuring as it goes, writes the words the encoding of
// each prefix gave.
func TestEncodeWordsMeasures(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", "!", "=", "?", "_", "é", "中", "д", "\x00", "\xff", "𝄞", "Acme ", "données ", "数据泄露通知"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		for _, first := range []int{len("To: "), len("Subject: "), 40, 77} {
			if got, want := encodeWords(first, s), encodeWordsByEncoding(first, s); got != want {
				t.Fatalf("encodeWords(%d, %q) = %q, want %q", first, s, got, want)
			}
		}
	}
}
