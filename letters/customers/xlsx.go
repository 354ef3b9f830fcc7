package customers

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// Limits applied when opening a workbook, against zip bombs and runaway
// memory use. A part whose declared size is over its limit is refused
// before anything is decompressed; archive/zip refuses to read a part past
// its declared size.
const (
	// maxXLSXSize is the largest accepted .xlsx file (compressed).
	maxXLSXSize = 1 << 30
	// maxEncryptedSize is the largest accepted encrypted workbook: it is
	// decrypted in memory (three copies), a million rows take 110 MiB.
	maxEncryptedSize = 256 << 20
	// maxSheetSize is the largest accepted worksheet XML (uncompressed): a
	// million rows of a dozen text columns take about 1 GiB.
	maxSheetSize = 4 << 30
	// maxStringsSize is the largest accepted shared string table
	// (uncompressed).
	maxStringsSize = 1 << 30
	// maxSmallPartSize bounds the workbook, relationships and styles parts.
	maxSmallPartSize = 32 << 20
	// maxCellChars is Excel's limit on the characters of a cell; a longer
	// cell was not written by a spreadsheet and makes its row a reject.
	maxCellChars = 32767
	// maxColumns is Excel's column limit (XFD).
	maxColumns = 16384
	// maxRows is Excel's row limit.
	maxRows = 1048576
	// maxSharedStrings is the most strings in the shared string table: 16
	// distinct values in each of Excel's 1,048,576 rows (a customer file
	// of a million rows and a dozen columns has fewer than 12 million).
	maxSharedStrings = 1 << 24
	// maxStringsText is the most text of the shared strings, decoded: a
	// million rows of a dozen columns hold about 100 MiB.
	maxStringsText = 256 << 20
	// maxStringsElements is the most XML elements in the shared string
	// table: four per string.
	maxStringsElements = 4 * maxSharedStrings
	// maxSheetElements is the most XML elements in a worksheet: eight for
	// each cell of a million rows of 16 columns.
	maxSheetElements = 1 << 27
	// maxRowElements is the most XML elements in a row: 16 for each of
	// Excel's 16,384 columns.
	maxRowElements = 1 << 18
	// maxOutsideElements is the most XML elements of a worksheet before
	// its data and between its rows (column widths, views: a few dozen).
	maxOutsideElements = 1 << 16
	// maxTrailer is the most read of a worksheet after its data (merged
	// cells, links, page setup), to check the part's checksum.
	maxTrailer = 64 << 20
	// maxPartElements and maxPartDepth bound the elements of the small
	// parts and their nesting.
	maxPartElements = 1 << 20
	maxPartDepth    = 64
)

// ErrPassword: the workbook is password-protected and no password, or a
// wrong one, was given.
var ErrPassword = errors.New("password-protected workbook")

// xlsxSource streams the rows of one worksheet with xmlScanner.
type xlsxSource struct {
	name     string
	sheet    string
	part     io.ReadCloser // the worksheet part
	sc       *xmlScanner
	strings  *stringTable
	dateXF   []bool // per cell style index: the number format is a date
	date1904 bool

	row      int      // number of the last row returned
	inRow    bool     // reading the cells of row
	rowStart int      // the scanner's start tags before the row
	outside  int      // start tags outside the rows
	cells    []string // reused per row
	problems []cellProblem
	done     bool
}

// cellProblem is a cell that cannot be used although the file is fine: a
// formula without a cached value, or text longer than Excel allows.
type cellProblem struct {
	col    int // 0-based
	reason string
}

// stringTable is the shared string table, stored compactly: one byte
// slice and the end offset of each string.
type stringTable struct {
	data []byte
	ends []uint32
	// long marks strings that were cut at maxText bytes.
	long map[int]bool
}

func (t *stringTable) len() int { return len(t.ends) }

func (t *stringTable) get(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return string(t.data[start:t.ends[i]])
}

// openXLSX opens the workbook in r. When r is an *os.File (or anything
// with ReadAt and Stat) the file is read in place; otherwise it is read
// into memory (at most maxXLSXSize bytes).
func openXLSX(r io.Reader, name, sheet, password string) (*xlsxSource, error) {
	ra, size, err := readerAtOf(r, name)
	if err != nil {
		return nil, err
	}
	if ra, size, err = openContainer(ra, size, name, password); err != nil {
		return nil, err
	}
	parts, err := zipParts(ra, size, name)
	if err != nil {
		return nil, err
	}
	wb, err := readWorkbook(parts, name)
	if err != nil {
		return nil, err
	}
	chosen, err := wb.worksheet(parts, name, sheet)
	if err != nil {
		return nil, err
	}
	s := &xlsxSource{name: name, sheet: chosen.name, date1904: wb.date1904}
	if err := s.readStylesAndStrings(parts, wb); err != nil {
		return nil, err
	}
	zf := parts[chosen.target]
	if zf.UncompressedSize64 > maxSheetSize {
		return nil, xlsxError(name, ErrMalformed, "sheet %q is larger than %d GiB uncompressed (a zip bomb?)", chosen.name, maxSheetSize>>30)
	}
	rc, err := openPart(zf, maxSheetSize)
	if err != nil {
		return nil, xlsxError(name, ErrMalformed, "sheet %q cannot be read: %v", chosen.name, err)
	}
	s.part = rc
	s.sc = newXMLScanner(rc)
	return s, nil
}

// xlsxError is an error about the workbook as a whole: is (ErrMalformed,
// ErrUnsupportedFormat, ErrPassword) and what is wrong.
func xlsxError(name string, is error, format string, args ...any) error {
	return fmt.Errorf("customers: %s: %w: %s", name, is, fmt.Sprintf(format, args...))
}

// readerAtOf gives random access to the file in r: in place when r is a
// regular file, else read into memory.
func readerAtOf(r io.Reader, name string) (io.ReaderAt, int64, error) {
	var (
		ra   io.ReaderAt
		size int64
	)
	if f, ok := r.(interface {
		io.ReaderAt
		Stat() (os.FileInfo, error)
	}); ok {
		fi, err := f.Stat()
		if err == nil && fi.Mode().IsRegular() {
			ra, size = f, fi.Size()
		}
	}
	if ra == nil {
		data, err := io.ReadAll(io.LimitReader(r, maxXLSXSize+1))
		if err != nil {
			return nil, 0, fmt.Errorf("customers: %s: %w", name, err)
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	if size > maxXLSXSize {
		return nil, 0, xlsxError(name, ErrMalformed, "the file is larger than %d MiB", maxXLSXSize>>20)
	}
	return ra, size, nil
}

// openContainer looks at the first bytes of the file: a zip archive is
// returned as it is, an encrypted workbook (an OLE compound file) is
// decrypted with password; anything else is refused.
func openContainer(ra io.ReaderAt, size int64, name, password string) (io.ReaderAt, int64, error) {
	head := make([]byte, 8)
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		// An OLE compound file: an encrypted workbook or a legacy .xls.
		if size > maxEncryptedSize {
			return nil, 0, xlsxError(name, ErrMalformed, "the file is an encrypted workbook (or a legacy .xls) larger than %s, the most decrypted in memory; save it without a password", byteSize(maxEncryptedSize))
		}
		data := make([]byte, size)
		if _, err := ra.ReadAt(data, 0); err != nil && err != io.EOF {
			return nil, 0, fmt.Errorf("customers: %s: %w", name, err)
		}
		if !bytes.Contains(data, utf16le("EncryptionInfo")) {
			return nil, 0, xlsxError(name, ErrUnsupportedFormat, "the file is an old Excel 97-2003 (.xls) workbook, not .xlsx; open it in Excel or LibreOffice and save it as .xlsx or as CSV UTF-8")
		}
		if password == "" {
			return nil, 0, fmt.Errorf("customers: %s: %w: %w", name, ErrPassword, ErrNoPassword)
		}
		if err := checkEncrypted(data); err != nil {
			return nil, 0, xlsxError(name, ErrMalformed, "%v", err)
		}
		plain, err := decrypt(data, password)
		if err != nil {
			return nil, 0, xlsxError(name, ErrPassword, "the password does not open the workbook (or its encryption is not one Excel uses)")
		}
		return bytes.NewReader(plain), int64(len(plain)), nil
	case !bytes.HasPrefix(head, []byte("PK")):
		return nil, 0, xlsxError(name, ErrUnsupportedFormat, "not an .xlsx workbook (not a zip archive); if it is CSV text, name it .csv")
	}
	return ra, size, nil
}

// zipParts opens the zip archive and returns its parts by name; an
// archive that is another format (.ods, .xlsb, Numbers...) is refused.
func zipParts(ra io.ReaderAt, size int64, name string) (map[string]*zip.File, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, fmt.Errorf("customers: %s: %w: not a valid .xlsx workbook (corrupt zip archive): %w", name, ErrMalformed, err)
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	if err := notXLSX(parts); err != "" {
		return nil, xlsxError(name, ErrUnsupportedFormat, "%s", err)
	}
	return parts, nil
}

// workbookInfo is what the workbook part and its relationships say: the date
// system, the sheets, and where the sheets, the shared strings and the
// styles are.
type workbookInfo struct {
	date1904    bool
	sheets      []workbookSheet
	relByID     map[string]relationship
	stringsPath string
	stylesPath  string
}

type workbookSheet struct {
	name string
	rid  string // relationship id of its part
}

// chosenSheet is the worksheet to read and its part.
type chosenSheet struct {
	name, target string
}

// readWorkbook reads the workbook part (found through the package
// relationships) and its relationships.
func readWorkbook(parts map[string]*zip.File, name string) (*workbookInfo, error) {
	wbPath := "xl/workbook.xml"
	if rels, err := readRels(parts, "_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = r.Target
			}
		}
	}
	wb := &workbookInfo{relByID: map[string]relationship{}}
	date1904 := ""
	err := readSmallPart(parts, wbPath, func(at string, sc *xmlScanner) error {
		switch at {
		case "workbookPr":
			if v, ok := sc.attr("date1904"); ok {
				date1904 = string(v)
			}
		case "sheets/sheet":
			// The relationship id is r:id (transitional) or the strict
			// namespace's id: an attribute with a prefix.
			var rid string
			for _, a := range sc.attrs {
				if a.prefixed && string(a.name) == "id" {
					rid = string(a.value)
					break
				}
			}
			wb.sheets = append(wb.sheets, workbookSheet{name: attrString(sc, "name"), rid: rid})
		}
		return nil
	})
	if err != nil {
		return nil, xlsxError(name, ErrMalformed, "not a valid .xlsx workbook: %v", err)
	}
	wb.date1904 = date1904 == "1" || date1904 == "true"
	if len(wb.sheets) == 0 {
		return nil, xlsxError(name, ErrMalformed, "the workbook has no sheets")
	}
	rels, err := readRels(parts, relsPathOf(wbPath), path.Dir(wbPath))
	if err != nil {
		return nil, xlsxError(name, ErrMalformed, "not a valid .xlsx workbook: %v", err)
	}
	for _, r := range rels {
		wb.relByID[r.ID] = r
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			wb.stringsPath = r.Target
		case strings.HasSuffix(r.Type, "/styles"):
			wb.stylesPath = r.Target
		}
	}
	return wb, nil
}

// worksheet finds the sheet to read: the one named sheet (exactly, else
// the only one equal under case folding), or the first if sheet is "".
func (wb *workbookInfo) worksheet(parts map[string]*zip.File, name, sheet string) (chosenSheet, error) {
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = s.name
	}
	idx := 0
	if sheet != "" {
		idx = sheetIndex(names, sheet)
		if idx < 0 {
			return chosenSheet{}, fmt.Errorf("customers: %s: %w %q; the sheets are %s", name, ErrUnknownSheet, sheet, quoteList(names))
		}
	}
	chosen := wb.sheets[idx]
	rel, ok := wb.relByID[chosen.rid]
	if !ok || parts[rel.Target] == nil {
		return chosenSheet{}, xlsxError(name, ErrMalformed, "sheet %q: its worksheet part is missing", chosen.name)
	}
	if !strings.HasSuffix(rel.Type, "/worksheet") {
		return chosenSheet{}, fmt.Errorf("customers: %s: %w: sheet %q is %w (a chart or dialog sheet); the sheets are %s", name, ErrUnsupportedFormat, chosen.name, ErrNotWorksheet, quoteList(names))
	}
	return chosenSheet{chosen.name, rel.Target}, nil
}

// sheetIndex returns the index of the sheet named sheet: the last one
// with exactly that name, else the only one equal to it under case
// folding (spaces trimmed); -1 if none.
func sheetIndex(names []string, sheet string) int {
	idx := -1
	for i, s := range names {
		if s == sheet {
			idx = i
		}
	}
	if idx >= 0 {
		return idx
	}
	var folded []int
	for i, s := range names {
		if strings.EqualFold(s, strings.TrimSpace(sheet)) {
			folded = append(folded, i)
		}
	}
	if len(folded) == 1 {
		return folded[0]
	}
	return -1
}

// readStylesAndStrings reads the date styles and the shared string
// table, when the workbook has them.
func (s *xlsxSource) readStylesAndStrings(parts map[string]*zip.File, wb *workbookInfo) error {
	var err error
	if wb.stylesPath != "" && parts[wb.stylesPath] != nil {
		s.dateXF, err = readDateStyles(parts, wb.stylesPath)
		if err != nil {
			return xlsxError(s.name, ErrMalformed, "the styles part is corrupt: %v", err)
		}
	}
	if wb.stringsPath != "" && parts[wb.stringsPath] != nil {
		s.strings, err = readSharedStrings(parts[wb.stringsPath])
		if errors.Is(err, errPartLimit) {
			return xlsxError(s.name, ErrMalformed, "the shared string table: %v", err)
		}
		if err != nil {
			return xlsxError(s.name, ErrMalformed, "the shared string table is corrupt: %v", err)
		}
	}
	return nil
}

// maxSpinCount is the most hashing rounds ECMA-376 allows an encrypted
// document's key derivation (Part 2, agile encryption: spinCount).
const maxSpinCount = 10_000_000

var reSpinCount = regexp.MustCompile(`spinCount="\s*([0-9]+)\s*"`)

// checkEncrypted refuses an encrypted workbook whose container would make
// decryption allocate beyond the file's size or hash without end: every
// stream of the compound file must fit in the file, and the key
// derivation may not ask for more than maxSpinCount rounds.
func checkEncrypted(data []byte) (err error) {
	defer func() {
		if recover() != nil {
			err = errors.New("the encrypted container is corrupt")
		}
	}()
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return errors.New("the encrypted container is corrupt")
	}
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		if entry.Size < 0 || entry.Size > int64(len(data)) {
			return errors.New("the encrypted container is corrupt (a stream larger than the file)")
		}
		if entry.Name != "EncryptionInfo" {
			continue
		}
		info := make([]byte, entry.Size)
		if _, err := io.ReadFull(doc, info); err != nil {
			return errors.New("the encrypted container is corrupt")
		}
		for _, m := range reSpinCount.FindAllSubmatch(info, -1) {
			if n, err := strconv.Atoi(string(m[1])); err != nil || n > maxSpinCount {
				return fmt.Errorf("the encryption asks for more than %d hashing rounds, more than the standard allows", maxSpinCount)
			}
		}
	}
	return nil
}

// decrypt decrypts an ECMA-376 encrypted workbook with excelize.
// The caller has run checkEncrypted.
func decrypt(data []byte, password string) (plain []byte, err error) {
	defer func() {
		if recover() != nil {
			err = errors.New("decryption failed")
		}
	}()
	plain, err = excelize.Decrypt(data, &excelize.Options{Password: password})
	if err == nil && !bytes.HasPrefix(plain, []byte("PK")) {
		err = errors.New("decryption failed")
	}
	return plain, err
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// notXLSX recognizes zip archives that are other formats and says how to
// convert them; "" for an Office Open XML package.
func notXLSX(parts map[string]*zip.File) string {
	if f := parts["mimetype"]; f != nil {
		if rc, err := f.Open(); err == nil {
			mt, _ := io.ReadAll(io.LimitReader(rc, 200))
			rc.Close()
			if strings.Contains(string(mt), "opendocument.spreadsheet") {
				return "the file is an OpenDocument spreadsheet (.ods), not .xlsx; open it in LibreOffice and save it as .xlsx (Excel 2007-365) or as CSV UTF-8"
			}
			return fmt.Sprintf("the file is a %q document, not an .xlsx workbook", strings.TrimSpace(string(mt)))
		}
	}
	if parts["Index/Document.iwa"] != nil || parts["Index/CalculationEngine.iwa"] != nil {
		return "the file is an Apple Numbers document, not .xlsx; in Numbers choose File > Export To > Excel"
	}
	if parts["[Content_Types].xml"] == nil {
		return "the zip archive is not an .xlsx workbook (no [Content_Types].xml)"
	}
	if parts["xl/workbook.bin"] != nil {
		return "the file is an Excel binary workbook (.xlsb), not .xlsx; save it as .xlsx or as CSV UTF-8"
	}
	if parts["word/document.xml"] != nil || parts["ppt/presentation.xml"] != nil {
		return "the file is a Word or PowerPoint document, not a spreadsheet"
	}
	return ""
}

type relationship struct {
	ID, Type, Target, Mode string
}

func relsPathOf(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// readRels reads a relationships part and resolves internal targets
// relative to base.
func readRels(parts map[string]*zip.File, name, base string) ([]relationship, error) {
	var out []relationship
	err := readSmallPart(parts, name, func(at string, sc *xmlScanner) error {
		if at != "Relationship" {
			return nil
		}
		r := relationship{ID: attrString(sc, "Id"), Type: attrString(sc, "Type"), Target: attrString(sc, "Target"), Mode: attrString(sc, "TargetMode")}
		if strings.EqualFold(r.Mode, "External") {
			return nil
		}
		if strings.HasPrefix(r.Target, "/") {
			r.Target = strings.TrimPrefix(r.Target, "/")
		} else {
			r.Target = path.Join(base, r.Target)
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readSmallPart reads a small part (the workbook, relationships, styles)
// with the same scanner as the sheets, checking that its elements nest.
// start is called for each start tag in the root element, with the path
// of element names below the root ("sheets/sheet"; "" for the root).
func readSmallPart(parts map[string]*zip.File, name string, start func(at string, sc *xmlScanner) error) error {
	f := parts[name]
	if f == nil {
		return fmt.Errorf("part %q is missing", name)
	}
	rc, err := openPart(f, maxSmallPartSize)
	if errors.Is(err, errPartLimit) {
		return err
	}
	if err != nil {
		return fmt.Errorf("part %q: %w", name, err)
	}
	defer rc.Close()
	if err := walkElements(newXMLScanner(rc), start); err != nil {
		return fmt.Errorf("part %q: %w", name, err)
	}
	return nil
}

// walkElements reads the first element of a document to its end, calling
// start for each start tag (see readSmallPart).
func walkElements(sc *xmlScanner, start func(at string, sc *xmlScanner) error) error {
	var stack []string // names of the open elements, the root first
	for {
		err := sc.next()
		if err == io.EOF {
			if len(stack) == 0 {
				return fmt.Errorf("%w: no root element", errXML)
			}
			return fmt.Errorf("%w: unexpected end of data in element <%s>", errXML, stack[len(stack)-1])
		}
		if err != nil {
			return err
		}
		switch sc.kind {
		case tokStart:
			if sc.starts > maxPartElements || len(stack) >= maxPartDepth {
				return partLimitf("more than %d XML elements, or elements nested deeper than %d", maxPartElements, maxPartDepth)
			}
			path := ""
			if len(stack) > 0 {
				path = strings.Join(append(stack[1:len(stack):len(stack)], string(sc.name)), "/")
			}
			stack = append(stack, string(sc.name))
			if err := start(path, sc); err != nil {
				return err
			}
		case tokEnd:
			if len(stack) == 0 {
				return fmt.Errorf("%w: end tag </%s> without a start tag", errXML, sc.name)
			}
			if open := stack[len(stack)-1]; open != string(sc.name) {
				return fmt.Errorf("%w: element <%s> closed by </%s>", errXML, open, sc.name)
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return nil
			}
		}
	}
}

// attrString returns the value of the attribute with local name n, "" if
// there is none.
func attrString(sc *xmlScanner, n string) string {
	v, _ := sc.attr(n)
	return string(v)
}

// attrInt returns the value of an integer attribute: 0 if it is missing
// or empty.
func attrInt(sc *xmlScanner, n string) (int, error) {
	v, ok := sc.attr(n)
	if !ok || len(v) == 0 {
		return 0, nil
	}
	i, err := strconv.ParseInt(strings.TrimSpace(string(v)), 10, 64)
	return int(i), err
}

// readDateStyles reports, per cell format (xf) index, whether its number
// format shows a date or time.
func readDateStyles(parts map[string]*zip.File, name string) ([]bool, error) {
	custom := map[int]string{}
	var xfs []int // the number format of each cell format
	err := readSmallPart(parts, name, func(at string, sc *xmlScanner) error {
		switch at {
		case "numFmts/numFmt":
			id, err := attrInt(sc, "numFmtId")
			if err != nil {
				return err
			}
			custom[id] = attrString(sc, "formatCode")
		case "cellXfs/xf":
			id, err := attrInt(sc, "numFmtId")
			if err != nil {
				return err
			}
			xfs = append(xfs, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(xfs))
	for i, id := range xfs {
		if code, ok := custom[id]; ok {
			out[i] = isDateFormat(code)
		} else {
			out[i] = builtinDateFormat(id)
		}
	}
	return out, nil
}

// builtinDateFormat reports whether a built-in number format id is a date
// or time: 14-22 and 45-47 in every locale, 27-36 and 50-58 in the East
// Asian locales (ECMA-376 Part 1, 18.8.30).
func builtinDateFormat(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// reFractionalSeconds matches seconds with decimals ("ss.000"), whose
// zeros are not a number format's digits.
var reFractionalSeconds = regexp.MustCompile(`s+[.,]0+`)

// isDateFormat reports whether a custom number format code shows a date
// or time: after removing quoted text, escaped characters and [bracketed]
// sections (colours, locales, elapsed-time markers excepted), it contains
// a year, day, hour or second token.
func isDateFormat(code string) bool {
	section, _, _ := strings.Cut(code, ";")
	var b strings.Builder
	for i := 0; i < len(section); i++ {
		switch c := section[i]; c {
		case '"':
			j := strings.IndexByte(section[i+1:], '"')
			if j < 0 {
				i = len(section)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(section[i:], ']')
			if j < 0 {
				i = len(section)
				break
			}
			inner := strings.ToLower(section[i+1 : i+j])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				b.WriteByte('h')
			}
			i += j
		default:
			b.WriteByte(c)
		}
	}
	code = reFractionalSeconds.ReplaceAllString(strings.ToLower(b.String()), "s")
	return (strings.ContainsAny(code, "ydhs") || strings.Contains(code, "mmm")) && !strings.ContainsAny(code, "0#?@")
}

// readSharedStrings reads the shared string table: each <si> is the
// concatenation of its <t> texts, phonetic runs (<rPh>) left out.
func readSharedStrings(f *zip.File) (*stringTable, error) {
	rc, err := openPart(f, maxStringsSize)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	t := &stringTable{}
	sc := newXMLScanner(rc)
	var (
		inSI, inT bool
		phonetic  int
		start     int
	)
	for {
		err := sc.next()
		if err == io.EOF {
			break
		}
		if errors.Is(err, errTextTooLong) {
			return nil, fmt.Errorf("string %d is longer than %d KiB, far more than a spreadsheet cell holds", len(t.ends)+1, maxText>>10)
		}
		if err != nil {
			return nil, err
		}
		if err := t.checkLimits(f.Name, sc); err != nil {
			return nil, err
		}
		switch sc.kind {
		case tokStart:
			switch string(sc.name) {
			case "si":
				inSI, inT, phonetic, start = true, false, 0, len(t.data)
			case "t":
				inT = inSI
			case "rPh":
				phonetic++
			}
		case tokEnd:
			switch string(sc.name) {
			case "si":
				if !inSI {
					continue
				}
				inSI = false
				if uint64(len(t.data)) > math.MaxUint32 {
					return nil, errors.New("the shared string table is too large")
				}
				if bytes.Contains(t.data[start:], []byte("_x")) {
					t.data = append(t.data[:start], decodeEscapes(t.data[start:])...)
				}
				if len(t.data)-start > maxCellChars && utf16Len(string(t.data[start:])) > maxCellChars {
					if t.long == nil {
						t.long = map[int]bool{}
					}
					t.long[len(t.ends)] = true
					t.data = t.data[:start]
				}
				t.ends = append(t.ends, uint32(len(t.data)))
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case tokText:
			if inSI && inT && phonetic == 0 {
				t.data = append(t.data, sc.text...)
				if len(t.data)-start > maxText {
					return nil, fmt.Errorf("string %d is longer than %d KiB, far more than a spreadsheet cell holds", len(t.ends)+1, maxText>>10)
				}
			}
		}
	}
	return t, nil
}

// checkLimits stops a shared string table (part) over the limits on the
// number of strings, their text and the XML elements.
func (t *stringTable) checkLimits(part string, sc *xmlScanner) error {
	switch {
	case len(t.ends) > maxSharedStrings:
		return partLimitf("part %s holds more than %d strings", part, maxSharedStrings)
	case len(t.data) > maxStringsText:
		return partLimitf("part %s holds more than %s of text", part, byteSize(maxStringsText))
	case sc.starts > maxStringsElements:
		return partLimitf("part %s holds more than %d XML elements", part, maxStringsElements)
	}
	return nil
}

// next returns the next row that has at least one cell (rows are numbered
// as in the sheet; gaps are rows that do not exist in the file).
func (s *xlsxSource) next() (int, []string, error) {
	for !s.done {
		num, ok, err := s.readRow()
		if err != nil {
			return 0, nil, err
		}
		if !ok {
			s.done = true
			break
		}
		return num, s.cells, nil
	}
	return 0, nil, io.EOF
}

// cellProblems returns the problems of the row last returned by next.
func (s *xlsxSource) cellProblems() []cellProblem { return s.problems }

func (s *xlsxSource) errorf(format string, args ...any) error {
	row := s.row
	if !s.inRow {
		row++ // between rows: the problem is on the way to the next one
	}
	return fmt.Errorf("customers: %s: sheet %q row %d: %w: %s", s.name, s.sheet, row, ErrMalformed, fmt.Sprintf(format, args...))
}

// token reads the next token of the sheet. The end of the input (inside
// says where it came) and text longer than any cell are errors.
func (s *xlsxSource) token(inside string) error {
	err := s.sc.next()
	switch {
	case err == nil:
		return s.countElement()
	case err == io.EOF:
		return s.errorf("the sheet ends %s", inside)
	case errors.Is(err, errTextTooLong):
		return s.errTooLong()
	case errors.Is(err, errPartLimit):
		return s.errorf("%v", err)
	case errors.Is(err, zip.ErrFormat):
		// archive/zip stops a part that inflates past its declared size.
		return s.errorf("the sheet holds more data than its zip entry declares (a zip bomb?); the file is damaged or forged")
	}
	return s.errorf("%v", err)
}

// countElement stops a sheet over the limits on its XML elements: in
// all, in one row, and before and between the rows.
func (s *xlsxSource) countElement() error {
	sc := s.sc
	if sc.kind != tokStart {
		return nil
	}
	switch {
	case sc.starts > maxSheetElements:
		return s.errorf("the sheet holds more than %d XML elements", maxSheetElements)
	case s.inRow && sc.starts-s.rowStart > maxRowElements:
		return s.errorf("the row holds more than %d XML elements", maxRowElements)
	case !s.inRow && string(sc.name) != "row":
		if s.outside++; s.outside > maxOutsideElements {
			return s.errorf("the sheet holds more than %d XML elements outside its rows", maxOutsideElements)
		}
	}
	return nil
}

func (s *xlsxSource) errTooLong() error {
	return s.errorf("a cell is longer than %d KiB, far more than a spreadsheet cell holds; the file was not written by a spreadsheet", maxText>>10)
}

// readRow reads one <row> element. ok is false at the end of <sheetData>.
func (s *xlsxSource) readRow() (num int, ok bool, err error) {
	sc := s.sc
	// Find the next <row> start, or the end of sheetData.
	for {
		if err := s.token("before the end of its data (a truncated file?)"); err != nil {
			return 0, false, err
		}
		if sc.kind == tokEnd && string(sc.name) == "sheetData" {
			// Read the part to its end, so that archive/zip verifies its
			// checksum: a damaged sheet must not pass for a good one.
			n, err := io.Copy(io.Discard, io.LimitReader(s.part, maxTrailer+1))
			if err != nil {
				return 0, false, s.errorf("the sheet is damaged: %v", err)
			}
			if n > maxTrailer {
				return 0, false, s.errorf("the sheet holds more than %s after its data", byteSize(maxTrailer))
			}
			return 0, false, nil
		}
		if sc.kind == tokStart && string(sc.name) == "row" {
			break
		}
	}
	num = s.row + 1
	if v, ok := sc.attr("r"); ok {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 1 || n > maxRows {
			return 0, false, s.errorf("bad row number %q", truncateForMessage(string(v)))
		}
		if n <= s.row {
			return 0, false, fmt.Errorf("customers: %s: sheet %q row %d: %w: row %d comes after row %d", s.name, s.sheet, n, ErrMalformed, n, s.row)
		}
		num = n
	}
	if num > maxRows {
		return 0, false, s.errorf("more than %d rows", maxRows)
	}
	s.row, s.inRow, s.rowStart = num, true, sc.starts
	defer func() { s.inRow = false }()
	s.cells = s.cells[:0]
	s.problems = s.problems[:0]
	if sc.selfClosing {
		sc.next() // the synthetic end tag
		return num, true, nil
	}
	col := -1
	for {
		if err := s.token("inside a row"); err != nil {
			return 0, false, err
		}
		if sc.kind == tokEnd && string(sc.name) == "row" {
			return num, true, nil
		}
		if sc.kind != tokStart || string(sc.name) != "c" {
			continue
		}
		col++
		if v, ok := sc.attr("r"); ok {
			c, r, err := cellRef(v)
			if err != nil || r != num {
				return 0, false, s.errorf("bad cell reference %q", truncateForMessage(string(v)))
			}
			if c <= col-1 {
				return 0, false, s.errorf("cell %s is out of order", string(v))
			}
			col = c
		}
		if col >= maxColumns {
			return 0, false, s.errorf("more than %d columns", maxColumns)
		}
		value, problem, err := s.readCell()
		if err == errNotUTF8 {
			return 0, false, s.errorf("cell %s: %v", cellName(col, num), err)
		}
		if err != nil {
			return 0, false, err
		}
		if value == "" && problem == "" {
			continue
		}
		for len(s.cells) <= col {
			s.cells = append(s.cells, "")
		}
		s.cells[col] = value
		if problem != "" {
			s.problems = append(s.problems, cellProblem{col, problem})
		}
	}
}

// readCell reads a <c> element whose start tag was just read and returns
// its value as text.
func (s *xlsxSource) readCell() (value, problem string, err error) {
	sc := s.sc
	typ, _ := sc.attr("t")
	cellType := strings.TrimSpace(string(typ))
	style := -1
	if v, ok := sc.attr("s"); ok {
		style, _ = strconv.Atoi(string(v))
	}
	if sc.selfClosing {
		sc.next()
		return "", "", nil
	}
	var (
		v, inline  []byte
		hasV, hasF bool
		in         string // "v", "t" (inline text) or ""
		inIS       bool
		phonetic   int
	)
	for {
		if err := s.token("inside a cell"); err != nil {
			return "", "", err
		}
		switch sc.kind {
		case tokStart:
			switch string(sc.name) {
			case "v":
				in, hasV = "v", true
			case "f":
				hasF = true
			case "is":
				inIS = true
			case "t":
				if inIS {
					in = "t"
				}
			case "rPh":
				phonetic++
			}
		case tokEnd:
			switch string(sc.name) {
			case "c":
				return s.cellValue(cellType, style, v, inline, hasV, hasF)
			case "v", "t":
				in = ""
			case "is":
				inIS = false
			case "rPh":
				phonetic--
			}
		case tokText:
			switch {
			case in == "v":
				v = append(v, sc.text...)
			case in == "t" && phonetic == 0:
				inline = append(inline, sc.text...)
			}
			if len(v) > maxText || len(inline) > maxText {
				return "", "", s.errTooLong()
			}
		}
	}
}

func (s *xlsxSource) cellValue(cellType string, style int, v, inline []byte, hasV, hasF bool) (string, string, error) {
	const longMsg = "cell is longer than 32,767 characters, the most a spreadsheet cell holds"
	// A formula without a cached value: no <v>, or (openpyxl) an empty
	// <v> on a cell that is not a text result; Excel writes an empty text
	// result as t="str".
	if hasF && (!hasV || len(v) == 0 && cellType != "str") && cellType != "inlineStr" {
		return "", "formula has no cached value; open the file in Excel or LibreOffice, let it recalculate, and save it", nil
	}
	var out string
	switch cellType {
	case "s":
		ref := strings.TrimSpace(string(v))
		if ref == "" {
			return "", "", nil // <c t="s"></c>: an empty cell
		}
		// The index is not quoted in messages: a damaged file may have
		// cell text here.
		i, err := strconv.Atoi(ref)
		switch {
		case s.strings == nil:
			return "", "", s.errorf("a cell refers to the shared string table, which the workbook does not have")
		case err != nil || i < 0 || i >= s.strings.len():
			return "", "", s.errorf("a cell refers to a shared string that does not exist")
		}
		if s.strings.long[i] {
			return "", longMsg, nil
		}
		out = s.strings.get(i)
	case "inlineStr":
		// Some writers put an inline string's text in <v>.
		if len(inline) == 0 {
			inline = v
		}
		out = string(decodeEscapes(inline))
	case "str":
		out = string(decodeEscapes(v))
	case "e":
		// An error value (#N/A, #REF!, or a newer code): the row cannot
		// use the cell. Only a short code is quoted.
		code := strings.TrimSpace(string(v))
		if !reErrorCode.MatchString(code) {
			return "", "cell contains a spreadsheet error", nil
		}
		return "", "cell contains the spreadsheet error " + strings.ToUpper(code), nil
	case "b":
		switch strings.TrimSpace(string(v)) {
		case "1":
			out = "TRUE"
		case "0":
			out = "FALSE"
		default:
			out = string(v)
		}
	case "d":
		// An ISO 8601 date cell: midnight is written as the date alone.
		out = strings.TrimSpace(string(v))
		if d, rest, ok := strings.Cut(out, "T"); ok && strings.HasPrefix(rest, "00:00:00") && strings.Trim(rest[8:], ".0Z") == "" {
			out = d
		}
	case "", "n":
		raw := strings.TrimSpace(string(v))
		if raw == "" {
			return "", "", nil
		}
		if len(inline) > 0 && len(v) == 0 {
			// <is> on a cell without t="inlineStr".
			out = string(decodeEscapes(inline))
			break
		}
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			// Not quoted: it may be cell text.
			return "", "", s.errorf("a number cell does not hold a number")
		}
		if style >= 0 && style < len(s.dateXF) && s.dateXF[style] {
			if d, ok := serialToTime(f, s.date1904); ok {
				if d.Hour() == 0 && d.Minute() == 0 && d.Second() == 0 {
					return d.Format(time.DateOnly), "", nil
				}
				return d.Format("2006-01-02T15:04:05"), "", nil
			}
		}
		out = formatNumber(f)
	default:
		return "", "", s.errorf("unknown cell type %q", truncateForMessage(cellType))
	}
	if len(out) > maxCellChars && utf16Len(out) > maxCellChars {
		return "", longMsg, nil
	}
	if !utf8.ValidString(out) {
		return "", "", errNotUTF8
	}
	return out, "", nil
}

// errNotUTF8: a cell's text is not UTF-8. It is refused like a CSV file
// that is not UTF-8; read as U+FFFD, a name would print as "Mario � Rossi".
var errNotUTF8 = errors.New("the text is not valid UTF-8 (bytes that are not UTF-8, or half of a UTF-16 surrogate pair); correct the cell in a spreadsheet program and save the file again")

// cellName is the A1 name of the cell at column col (from 0) of row.
func cellName(col, row int) string {
	name := ""
	for col++; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return name + strconv.Itoa(row)
}

// reErrorCode matches a spreadsheet error code such as #N/A or #SPILL!.
var reErrorCode = regexp.MustCompile(`^#[A-Za-z0-9/_.]{1,20}[!?]?$`)

// decodeEscapes decodes the _xHHHH_ escapes of SpreadsheetML text (ECMA-376
// Part 1, 22.9.2.19 ST_Xstring): Excel writes a carriage return in a cell
// as _x000D_ and a literal "_x" sequence as _x005F_x. UTF-16 surrogate
// pairs are joined; a lone surrogate becomes U+FFFD.
func decodeEscapes(b []byte) []byte {
	if !bytes.Contains(b, []byte("_x")) {
		return b
	}
	out := make([]byte, 0, len(b))
	unit := func(i int) (uint16, bool) {
		if i+7 > len(b) || b[i] != '_' || b[i+1] != 'x' || b[i+6] != '_' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
		return uint16(n), err == nil
	}
	for i := 0; i < len(b); {
		u, ok := unit(i)
		if !ok {
			out = append(out, b[i])
			i++
			continue
		}
		i += 7
		r := rune(u)
		if utf16.IsSurrogate(r) {
			u2, ok := unit(i)
			c := utf16.DecodeRune(rune(u), rune(u2))
			if !ok || u >= 0xDC00 || c == utf8.RuneError {
				// A lone surrogate: kept as its three bytes, which are
				// not UTF-8, so that the cell is refused (cellValue).
				out = append(out, 0xE0|byte(u>>12), 0x80|byte(u>>6)&0x3F, 0x80|byte(u)&0x3F)
				continue
			}
			r = c
			i += 7
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// utf16Len counts UTF-16 code units, which is what Excel's cell limit
// counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// formatNumber writes a cell number as a spreadsheet shows it in General
// format, without float noise: integers in full up to 15 digits
// (100234, 393331234567), other values with at most 15 significant
// digits; larger integers in scientific notation as Excel shows them
// ("1.23456789012346E+15"), which normalizeID then refuses as rounded.
func formatNumber(f float64) string {
	if f == 0 {
		return "0" // also -0
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	if strings.ContainsAny(s, "e") {
		mant, exp, _ := strings.Cut(s, "e")
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		}
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		if len(exp) < 2 {
			exp = strings.Repeat("0", 2-len(exp)) + exp
		}
		return mant + "E" + string(sign) + exp
	}
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// serialToTime converts a spreadsheet date serial to a time (UTC, no zone
// meaning). In the 1900 system serial 1 is 1900-01-01 and Excel's
// fictitious 1900-02-29 (serial 60) is skipped; in the 1904 system serial
// 0 is 1904-01-01.
func serialToTime(f float64, date1904 bool) (time.Time, bool) {
	// 9999-12-31 is the last date of both systems.
	if f < 0 || f > 2958465 || date1904 && f > 2958465-1462 {
		return time.Time{}, false
	}
	var base time.Time
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
		if f >= 60 {
			f--
		}
		if f < 1 {
			return time.Time{}, false
		}
	}
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
}

// cellRef parses "B12" into column index 1 and row 12.
func cellRef(ref []byte) (col, row int, err error) {
	i := 0
	for i < len(ref) && (ref[i] >= 'A' && ref[i] <= 'Z' || ref[i] >= 'a' && ref[i] <= 'z') {
		c := int(ref[i]|0x20) - 'a' + 1
		col = col*26 + c
		if col > maxColumns {
			return 0, 0, errors.New("column out of range")
		}
		i++
	}
	if i == 0 || i == len(ref) {
		return 0, 0, errors.New("bad reference")
	}
	row, err = strconv.Atoi(string(ref[i:]))
	if err != nil || row < 1 {
		return 0, 0, errors.New("bad reference")
	}
	return col - 1, row, nil
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

// close closes the worksheet part; it may be called more than once.
func (s *xlsxSource) close() error {
	if s.part == nil {
		return nil
	}
	err := s.part.Close()
	s.part = nil
	return err
}
