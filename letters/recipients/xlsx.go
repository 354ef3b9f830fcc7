package recipients

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits applied when opening a workbook, against zip bombs and runaway
// memory use.
const (
	// maxXLSXSize is the largest accepted .xlsx file (compressed).
	maxXLSXSize = 512 << 20
	// unzipSizeLimit is the total uncompressed size of all parts of the
	// workbook (excelize.Options.UnzipSizeLimit).
	unzipSizeLimit = 1 << 30
	// unzipXMLSizeLimit is the size above which a worksheet or the shared
	// strings are extracted to a temporary file instead of memory
	// (excelize.Options.UnzipXMLSizeLimit).
	unzipXMLSizeLimit = 16 << 20
)

// xlsxSource streams the rows of one sheet.
type xlsxSource struct {
	name   string
	sheet  string
	f      *excelize.File
	rows   *excelize.Rows
	row    int
	closed bool
}

// guard runs fn and turns a panic inside excelize (malformed input) into an
// error wrapping ErrMalformed.
func guard(name string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			// The panic value is not quoted: it might contain cell data.
			err = fmt.Errorf("recipients: %s: %w: the workbook is corrupt (the xlsx reader failed)", name, ErrMalformed)
		}
	}()
	return fn()
}

func openXLSX(r io.Reader, name, sheet string) (*xlsxSource, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxXLSXSize+1))
	if err != nil {
		return nil, fmt.Errorf("recipients: %s: %w", name, err)
	}
	if len(data) > maxXLSXSize {
		return nil, fmt.Errorf("recipients: %s: %w: the file is larger than %d MiB", name, ErrMalformed, maxXLSXSize>>20)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("recipients: %s: %w: the file is an old Excel (.xls) workbook or a password-protected workbook, not .xlsx; save it without a password as .xlsx or .csv (UTF-8)", name, ErrUnsupportedFormat)
	case !bytes.HasPrefix(data, []byte("PK")):
		return nil, fmt.Errorf("recipients: %s: %w: not an .xlsx workbook (not a zip archive); if it is CSV text, name it .csv", name, ErrUnsupportedFormat)
	}
	s := &xlsxSource{name: name}
	err = guard(name, func() error {
		var err error
		s.f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
			UnzipSizeLimit:    unzipSizeLimit,
			UnzipXMLSizeLimit: unzipXMLSizeLimit,
		})
		return err
	})
	if err != nil {
		s.close()
		if errors.Is(err, ErrMalformed) {
			return nil, err
		}
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrAlgorithm) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("recipients: %s: %w: not a valid .xlsx workbook (corrupt zip archive): %w", name, ErrMalformed, err)
		}
		return nil, fmt.Errorf("recipients: %s: %w: cannot open the workbook: %w", name, ErrMalformed, err)
	}
	var sheets []string
	_ = guard(name, func() error { sheets = s.f.GetSheetList(); return nil })
	if len(sheets) == 0 {
		s.close()
		return nil, fmt.Errorf("recipients: %s: %w: the workbook has no sheets", name, ErrMalformed)
	}
	s.sheet = sheets[0]
	if sheet != "" {
		s.sheet = ""
		for _, sh := range sheets {
			if sh == sheet {
				s.sheet = sh
			}
		}
		if s.sheet == "" {
			var folded []string
			for _, sh := range sheets {
				if strings.EqualFold(sh, strings.TrimSpace(sheet)) {
					folded = append(folded, sh)
				}
			}
			if len(folded) == 1 {
				s.sheet = folded[0]
			}
		}
		if s.sheet == "" {
			s.close()
			return nil, fmt.Errorf("recipients: %s: %w %q; the sheets are %s", name, ErrUnknownSheet, sheet, quoteList(sheets))
		}
	}
	err = guard(name, func() error {
		var err error
		s.rows, err = s.f.Rows(s.sheet)
		return err
	})
	if err != nil {
		s.close()
		if errors.Is(err, ErrMalformed) {
			return nil, err
		}
		return nil, fmt.Errorf("recipients: %s: sheet %q: %w: %w", name, s.sheet, ErrMalformed, err)
	}
	return s, nil
}

func (s *xlsxSource) next() (int, []string, error) {
	var (
		ok    bool
		cells []string
	)
	err := guard(s.name, func() error {
		if ok = s.rows.Next(); !ok {
			return s.rows.Error()
		}
		var err error
		cells, err = s.rows.Columns()
		return err
	})
	if err != nil {
		if errors.Is(err, ErrMalformed) {
			return 0, nil, err
		}
		return 0, nil, fmt.Errorf("recipients: %s: sheet %q row %d: %w: %w", s.name, s.sheet, s.row+1, ErrMalformed, err)
	}
	if !ok {
		return 0, nil, io.EOF
	}
	s.row++
	return s.row, cells, nil
}

func (s *xlsxSource) beyond(cells []string, width int) string {
	n := len(cells)
	for n > width && cleanCell(cells[n-1]) == "" {
		n--
	}
	if n > width {
		col, _ := excelize.ColumnNumberToName(n)
		last, _ := excelize.ColumnNumberToName(width)
		return fmt.Sprintf("row has a value in column %s, beyond the last header column %s", col, last)
	}
	return ""
}

// close closes the rows iterator and the workbook (removing excelize's
// temporary files); it may be called more than once.
func (s *xlsxSource) close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	_ = guard(s.name, func() error {
		if s.rows != nil {
			if err := s.rows.Close(); err != nil {
				errs = append(errs, err)
			}
		}
		if s.f != nil {
			if err := s.f.Close(); err != nil {
				errs = append(errs, err)
			}
		}
		return nil
	})
	return errors.Join(errs...)
}
