package recipients

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// csvSource reads delimited UTF-8 text.
type csvSource struct {
	name   string
	r      *csv.Reader
	record int // records read so far (the header is record 1)
}

// sniffSize is how much of the input is inspected to find the delimiter.
const sniffSize = 64 << 10

// openCSV prepares r: UTF-16 with a byte order mark is decoded, a UTF-8
// BOM is skipped, and the delimiter is detected on the first non-blank line.
func openCSV(r io.Reader, name string) (*csvSource, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(4)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("recipients: %s: %w", name, err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		// "Unicode text" saved by Excel is UTF-16 with a BOM.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), sniffSize)
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil, fmt.Errorf("recipients: %s: %w: the file is a zip archive (probably an .xlsx workbook), not CSV text; name it .xlsx", name, ErrUnsupportedFormat)
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("recipients: %s: %w: the file is an old Excel (.xls) workbook, not CSV text; save it as .xlsx or .csv (UTF-8)", name, ErrUnsupportedFormat)
	}
	sample, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("recipients: %s: %w", name, err)
	}
	var comma rune
	if d, n := sepDirective(sample); n > 0 {
		// Excel's "sep=;" first line names the delimiter and is not a row.
		comma = d
		_, _ = br.Discard(n)
	} else {
		comma = detectDelimiter(sample)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	cr.ReuseRecord = true
	return &csvSource{name: name, r: cr}, nil
}

// sepDirective recognizes Excel's optional first line "sep=X" (X one of
// , ; tab |) and returns the delimiter and the length of the line.
func sepDirective(sample []byte) (rune, int) {
	if len(sample) < 5 || !bytes.EqualFold(sample[:4], []byte("sep=")) {
		return 0, 0
	}
	d := sample[4]
	if !bytes.ContainsRune([]byte{',', ';', '\t', '|'}, rune(d)) {
		return 0, 0
	}
	n := 5
	if n < len(sample) && sample[n] == '\r' {
		n++
	}
	if n < len(sample) && sample[n] == '\n' {
		return rune(d), n + 1
	}
	if n == len(sample) {
		return rune(d), n
	}
	return 0, 0
}

// detectDelimiter returns the most frequent of ',', ';', '\t' and '|'
// outside double quotes on the first non-blank line of sample; ties are
// resolved in that order, and ',' is used when none occurs.
func detectDelimiter(sample []byte) rune {
	cands := []byte{',', ';', '\t', '|'}
	var counts [4]int
	inQuotes, started := false, false
	for _, b := range sample {
		if !started {
			if b == '\n' || b == '\r' || b == ' ' {
				continue
			}
			started = true
		}
		if b == '"' {
			inQuotes = !inQuotes
			continue
		}
		if inQuotes {
			continue
		}
		if b == '\n' || b == '\r' {
			break
		}
		for i, c := range cands {
			if b == c {
				counts[i]++
			}
		}
	}
	best := 0
	for i := range cands {
		if counts[i] > counts[best] {
			best = i
		}
	}
	return rune(cands[best])
}

func (s *csvSource) next() (int, []string, error) {
	rec, err := s.r.Read()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return 0, nil, fmt.Errorf("recipients: %s: line %d, column %d: %w: %w", s.name, pe.Line, pe.Column, ErrMalformed, pe.Err)
		}
		return 0, nil, fmt.Errorf("recipients: %s: %w", s.name, err)
	}
	s.record++
	for _, f := range rec {
		if !utf8.ValidString(f) {
			line, _ := s.r.FieldPos(0)
			return 0, nil, fmt.Errorf("recipients: %s: line %d: %w: the text is not UTF-8; save the file as \"CSV UTF-8\"", s.name, line, ErrMalformed)
		}
	}
	return s.record, rec, nil
}

func (s *csvSource) beyond(cells []string, width int) string {
	n := len(cells)
	for n > width && cleanCell(cells[n-1]) == "" {
		n--
	}
	if n > width {
		return fmt.Sprintf("row has %d cells, header has %d", n, width)
	}
	return ""
}

func (s *csvSource) close() error { return nil }
