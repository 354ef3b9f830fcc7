package customers

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoPassword: the workbook is encrypted and Options.Password is empty.
// It is wrapped with ErrPassword, which also covers a password that does
// not open the workbook.
var ErrNoPassword = errors.New("the workbook is encrypted with a password")

// ErrNotWorksheet: the sheet chosen (Options.Sheet, or the first) is a
// chart or dialog sheet. It is wrapped with ErrUnsupportedFormat; the
// message lists the workbook's sheets.
var ErrNotWorksheet = errors.New("not a worksheet")

// EncodingError is returned when the text of a CSV file is not valid in
// its encoding, or when no encoding could be detected (Encoding is then
// ""). It wraps ErrMalformed.
type EncodingError struct {
	File string // the file name from Options.Name
	Line int    // the line where the bad text is
	// Encoding is the canonical name of the encoding the text was read
	// with; "" when it is not UTF-8 and no other encoding was detected.
	Encoding string
	// Detected: Encoding was detected, not given in Options.Encoding.
	Detected bool
}

func (e *EncodingError) Error() string {
	if e.Encoding == "" {
		return fmt.Sprintf("customers: %s: line %d: %v: the text is not UTF-8 and its encoding could not be detected; the supported encodings are %s",
			e.File, e.Line, ErrMalformed, supportedEncodings())
	}
	enc, how := e.Encoding, "given"
	if enc == "utf-8" {
		enc = "UTF-8"
	}
	if e.Detected {
		how = "detected"
	}
	return fmt.Sprintf("customers: %s: line %d: %v: the text is not valid %s (encoding %s)", e.File, e.Line, ErrMalformed, enc, how)
}

func (e *EncodingError) Unwrap() error { return ErrMalformed }

// MissingColumnsError is returned when a header row was found (some of its
// columns are recognized) but required columns are not among them. It
// wraps ErrMissingColumns. Only the recognized headers are quoted: the
// other cells may be a row of customer data standing where the header
// should be.
type MissingColumnsError struct {
	Where      string   // the file, its sheet and the header row
	Missing    []string // the required fields not found
	Recognized []string // the recognized headers: `"E-mail" as email`
	Unquoted   int      // how many other non-empty cells the row has
}

func (e *MissingColumnsError) Error() string {
	others := ""
	switch e.Unquoted {
	case 0:
	case 1:
		others = "; 1 other cell not recognized and not quoted, since it may be customer data"
	default:
		others = fmt.Sprintf("; %d other cells not recognized and not quoted, since they may be customer data", e.Unquoted)
	}
	return fmt.Sprintf("customers: %s: %v: %s (recognized: %s%s)", e.Where, ErrMissingColumns,
		strings.Join(e.Missing, ", "), strings.Join(e.Recognized, ", "), others)
}

func (e *MissingColumnsError) Unwrap() error { return ErrMissingColumns }
