package outbox

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// BOM is the UTF-8 byte order mark every CSV this tool writes starts with:
// without it, Excel on Windows reads a CSV in the ANSI code page and shows
// "Роскомнадзор" as mojibake.
const BOM = "\uFEFF"

// ErrDelimiter is wrapped by ParseDelimiter for a delimiter it does not
// know.
var ErrDelimiter = errors.New("unknown CSV delimiter")

// ParseDelimiter returns the CSV delimiter named s: "," (also ""), ";"
// (the list separator Excel expects where the decimal separator is a
// comma: Germany, France, Italy, Russia...) or "tab" (also "\t").
func ParseDelimiter(s string) (rune, error) {
	switch s {
	case "", ",":
		return ',', nil
	case ";":
		return ';', nil
	case "tab", "\t":
		return '\t', nil
	}
	return 0, fmt.Errorf("%w %q: want \",\", \";\" or \"tab\"", ErrDelimiter, s)
}

// CSV writes the rows of a CSV for a spreadsheet: a BOM first, comma as
// the delimiter, and every cell a spreadsheet would run as a formula
// neutralised (NeutraliseCell). Every CSV of this tool is written through
// it; ReadCSV reads it back.
type CSV struct {
	cw *csv.Writer
}

// NewCSV writes the BOM to w and returns a CSV writing rows delimited by
// comma (0: ',') after it.
func NewCSV(w io.Writer, comma rune) (*CSV, error) {
	if _, err := io.WriteString(w, BOM); err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	cw := csv.NewWriter(w)
	if comma != 0 {
		cw.Comma = comma
	}
	return &CSV{cw: cw}, nil
}

// Write adds a row, neutralising its cells.
func (c *CSV) Write(row []string) error {
	safe := make([]string, len(row))
	for i, s := range row {
		safe[i] = NeutraliseCell(s)
	}
	if err := c.cw.Write(safe); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// Flush writes what is buffered and returns the first error of any write.
func (c *CSV) Flush() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// NeutraliseCell prefixes with an apostrophe a value a spreadsheet opening
// the CSV would run as a formula: one that begins with = + - @, a tab or a
// carriage return (OWASP's list), unless it is a plain decimal number such
// as "-5" or "+2.5" (read as a number, nothing runs). "-2+3" is a formula
// (Excel shows 1), so it is written "'-2+3". A value that already begins
// with apostrophes before such a character gets one more ("'=x" is written
// "”=x"), so UnneutraliseCell gives every value back exactly.
//
// A CSV has no cell types: the apostrophe is the least bad protection, and
// a spreadsheet shows it. The xlsx files need none: their text cells are
// never run as formulas and keep the value intact.
func NeutraliseCell(s string) string {
	if runsAsFormula(s) {
		return "'" + s
	}
	return s
}

// UnneutraliseCell undoes NeutraliseCell: it drops the apostrophe
// NeutraliseCell added, and only that one.
func UnneutraliseCell(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && runsAsFormula(rest) {
		return rest
	}
	return s
}

// runsAsFormula reports whether NeutraliseCell prefixes s: it begins with
// a formula character (after any apostrophes) and is not a plain number.
// Leading apostrophes do not change the answer, which makes
// UnneutraliseCell the exact inverse.
func runsAsFormula(s string) bool {
	t := strings.TrimLeft(s, "'")
	if t == "" || !strings.ContainsRune("=+-@\t\r", rune(t[0])) {
		return false
	}
	return !plainNumber(t)
}

// plainNumber reports whether s is a sign and decimal digits with at most
// one decimal point: "-5", "+2.5".
func plainNumber(s string) bool {
	digits, point := 0, false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' && !point:
			point = true
		case (r == '-' || r == '+') && i == 0:
		default:
			return false
		}
	}
	return digits > 0
}

// ReadCSV reads back a CSV this tool wrote, old or new: a BOM is skipped
// when present, the delimiter (',' ';' or tab) is the one its header line
// uses most, and every cell is passed through UnneutraliseCell, so the
// values are those written.
func ReadCSV(r io.Reader) ([][]string, error) {
	var recs [][]string
	err := ScanCSV(r, func(rec []string) error {
		recs = append(recs, slices.Clone(rec))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return recs, nil
}
