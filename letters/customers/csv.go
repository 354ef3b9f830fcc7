package customers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// csvSource reads delimited text.
type csvSource struct {
	name   string
	r      *csv.Reader
	lim    *recordLimiter
	record int // records read so far (the header is record 1)
	// encoding is the canonical name of the text encoding; detected says
	// it was detected rather than given in Options.Encoding.
	encoding string
	detected bool
	comma    rune
	// problems are the cells of the last record that cannot be used (see
	// cellProblems).
	problems []cellProblem
}

// sniffSize is how much of the input is inspected to detect the encoding
// and the delimiter.
const sniffSize = 64 << 10

// maxRecordBytes is the largest CSV record (with its line ends, after
// decoding to UTF-8) that is read. A longer record stops the read with an
// error wrapping ErrMalformed as soon as the limit is passed, so a file that
// is not really CSV (a 2 GB line, an unbalanced quote) fails fast and uses
// about this much memory.
const maxRecordBytes = 1 << 20

// errRecordTooLong is returned by recordLimiter to the csv.Reader.
var errRecordTooLong = errors.New("record too long")

// recordLimiter counts the bytes the csv.Reader reads and fails a read
// when more than maxRecordBytes have been read past base, the
// csv.Reader.InputOffset at the end of the last complete record. The
// csv.Reader only reads more when its buffer holds no complete line, so
// every byte past base belongs to the record being read.
type recordLimiter struct {
	r    io.Reader
	n    int64 // bytes read
	base int64
}

func (l *recordLimiter) Read(p []byte) (int, error) {
	if l.n-l.base > maxRecordBytes {
		return 0, errRecordTooLong
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

// openCSV prepares r: the text encoding is the one named by encName, or
// detected if encName is "" (see detectEncoding); a byte order mark is
// skipped; text that is not UTF-8 is decoded while it is read; and the
// delimiter is detected on the first non-blank line.
func openCSV(r io.Reader, name, encName string) (*csvSource, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	sample, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("customers: %s: %w", name, err)
	}
	switch {
	case bytes.HasPrefix(sample, []byte("PK\x03\x04")):
		return nil, fmt.Errorf("customers: %s: %w: the file is a zip archive (probably an .xlsx workbook), not CSV text; name it .xlsx", name, ErrUnsupportedFormat)
	case bytes.HasPrefix(sample, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("customers: %s: %w: the file is an old Excel (.xls) workbook, not CSV text; save it as .xlsx or .csv (UTF-8)", name, ErrUnsupportedFormat)
	}
	s := &csvSource{name: name}
	bom := bomEncoding(sample)
	if encName == "" {
		d := detectEncoding(sample, len(sample) == sniffSize)
		if d.name == "" {
			return nil, &EncodingError{File: name, Line: d.line}
		}
		s.encoding, s.detected = d.name, true
	} else {
		c, err := lookupEncoding(encName)
		if err != nil {
			return nil, fmt.Errorf("customers: %s: %w", name, err)
		}
		if c == "utf-16" {
			c = "utf-16le"
			if bom == "utf-16be" {
				c = "utf-16be"
			}
		}
		if bom != "" && bom != c {
			return nil, fmt.Errorf("customers: %s: %w: the file starts with a %s byte order mark, but the encoding %s was requested; "+
				"leave the encoding out to detect it", name, ErrMalformed, strings.ToUpper(bom), c)
		}
		s.encoding = c
	}
	enc := encodingByName(s.encoding)
	if bom == enc.name {
		_, _ = br.Discard(len(enc.bom))
	}
	if enc.enc != nil {
		// Decode while reading: only transform's and bufio's buffers
		// are held in memory.
		br = bufio.NewReaderSize(transform.NewReader(br, enc.enc.NewDecoder()), sniffSize)
		sample, err = br.Peek(sniffSize)
		if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("customers: %s: %w", name, err)
		}
	} else {
		sample, _ = br.Peek(br.Buffered())
	}
	if d, n := sepDirective(sample); n > 0 {
		// Excel's "sep=;" first line names the delimiter and is not a row.
		s.comma = d
		_, _ = br.Discard(n)
	} else {
		s.comma = DetectDelimiter(sample)
	}
	s.lim = &recordLimiter{r: br}
	cr := csv.NewReader(s.lim)
	cr.Comma = s.comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	cr.ReuseRecord = true
	s.r = cr
	return s, nil
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

// DetectDelimiter returns the most frequent of ',', ';', '\t' and '|'
// outside double quotes on the first non-blank line of sample; ties are
// resolved in that order, and ',' is used when none occurs.
func DetectDelimiter(sample []byte) rune {
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
		if errors.Is(err, errRecordTooLong) {
			return 0, nil, fmt.Errorf("customers: %s: record %d: %w: the record is longer than %d MiB, the limit for one CSV record; "+
				"check that the file is CSV text with line ends and balanced quotes", s.name, s.record+1, ErrMalformed, maxRecordBytes>>20)
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return 0, nil, fmt.Errorf("customers: %s: line %d, column %d: %w: %w", s.name, pe.Line, pe.Column, ErrMalformed, pe.Err)
		}
		return 0, nil, fmt.Errorf("customers: %s: %w", s.name, err)
	}
	s.lim.base = s.r.InputOffset()
	s.record++
	s.problems = s.problems[:0]
	for i, f := range rec {
		switch {
		case s.encoding == "utf-8" && !utf8.ValidString(f):
			line, _ := s.r.FieldPos(i)
			return 0, nil, &EncodingError{File: s.name, Line: line, Encoding: s.encoding, Detected: s.detected}
		case s.encoding != "utf-8" && strings.ContainsRune(f, utf8.RuneError):
			// The decoders turn byte sequences that are invalid in the
			// encoding into U+FFFD.
			line, _ := s.r.FieldPos(i)
			return 0, nil, &EncodingError{File: s.name, Line: line, Encoding: s.encoding, Detected: s.detected}
		}
		if len(f) > maxCellChars && utf16Len(f) > maxCellChars {
			// Counted in UTF-16 code units, like Excel. The cell is
			// blanked, as for xlsx; the row is rejected if the column
			// is read.
			s.problems = append(s.problems, cellProblem{col: i, reason: "cell is longer than 32,767 characters, the most a spreadsheet cell holds"})
			rec[i] = ""
		}
	}
	return s.record, rec, nil
}

// cellProblems returns the cells of the record last returned by next that
// are longer than a spreadsheet cell can be (maxCellChars).
func (s *csvSource) cellProblems() []cellProblem { return s.problems }

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
