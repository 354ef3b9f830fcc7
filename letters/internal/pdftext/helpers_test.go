package pdftext

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"strings"
)

func flateOf(s string) string {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// flateRepeat compresses n copies of s without building the whole input.
func flateRepeat(s string, n int) string {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
	chunk := []byte(strings.Repeat(s, 4096))
	for ; n >= 4096; n -= 4096 {
		w.Write(chunk)
	}
	w.Write([]byte(strings.Repeat(s, n)))
	w.Close()
	return b.String()
}

func a85Flate(s string) string {
	z := flateOf(s)
	out := make([]byte, ascii85.MaxEncodedLen(len(z)))
	n := ascii85.Encode(out, []byte(z))
	return string(out[:n]) + "~>"
}

// parseStrict is Parse with panics let through, so that the tests and
// fuzzing see a bug as a crash rather than as ErrCorrupt.
func parseStrict(data []byte) (*Document, error) {
	return parse(data, defaultLimits, false)
}
