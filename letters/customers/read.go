package customers

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors, usable with errors.Is on the errors returned by Read and
// LoadMapping.
var (
	// ErrUnsupportedFormat: the file name's extension is not a supported
	// format, or the content is not what the extension says.
	ErrUnsupportedFormat = errors.New("unsupported format")
	// ErrMissingColumns: a required column (customer_id, a name, country)
	// was not found in the header row, or the file has no header row.
	ErrMissingColumns = errors.New("missing required columns")
	// ErrDuplicateColumn: two headers are recognized as the same field.
	ErrDuplicateColumn = errors.New("duplicate column")
	// ErrBadMapping: Options.Mapping or a mapping file names an unknown
	// field or a header that is not in the file.
	ErrBadMapping = errors.New("bad column mapping")
	// ErrUnknownSheet: Options.Sheet is not a sheet of the workbook.
	ErrUnknownSheet = errors.New("unknown sheet")
	// ErrMalformed: the file could not be parsed (corrupt xlsx, CSV syntax
	// error, text that is not valid in its encoding).
	ErrMalformed = errors.New("malformed file")
)

// Person is one usable row, normalized.
type Person struct {
	// Row is the 1-based row number as a spreadsheet user sees it (the
	// header row counts): the sheet row for xlsx, the record number for CSV
	// (header = 1).
	Row        int
	CustomerID string
	// FullName comes from full_name, or from first_name and last_name (see
	// the package doc); Unicode NFC, trimmed, inner white space collapsed.
	FullName string
	// Email is a bare addr-spec accepted by net/mail (IDN domains allowed),
	// "" if the cell was empty.
	Email string
	Phone string
	// Street may contain "\n" between address lines; the other text fields
	// are single-line.
	Street, PostalCode, City string
	// Region is the subdivision, "" if the cell was empty: for the US the
	// USPS code ("CA", "NY", "DC", "PR"), for Canada and Australia the
	// province or state code ("QC", "NSW"), for Italy the province's sigla
	// ("MI") or the region's name ("Lombardia"); elsewhere the value as
	// written (see NormalizeRegion).
	Region string
	// RegionFrom is RegionFromPostalCode when the file gave no state or
	// province for a US or Canadian address and Region was taken from the
	// postal code (the ZIP Code's first three digits, the Canadian FSA);
	// "" when Region is the file's. A US or Canadian row without a region
	// whose postal code gives none is rejected.
	RegionFrom string
	// PostalCodeRegion is, when the file's state or province of a US or
	// Canadian address and its postal code disagree, the one the postal
	// code points to; Region stays the file's. "" otherwise.
	PostalCodeRegion string
	// Country is the ISO 3166-1 alpha-2 code, upper case.
	Country string
	// Language is the canonical BCP 47 tag ("fr-CA", "zh-Hans-CN"), "" if
	// the cell was empty.
	Language string
	// DataCategories are canonical category codes (see categoryCodes), sorted
	// and de-duplicated; nil if the cell was empty (the caller applies the
	// incident default).
	DataCategories []string
	ActivationCode string
	// EnrollBy is the last day to use ActivationCode (midnight UTC), when
	// the file gives one per person; zero otherwise (the incident's date
	// applies). A cell that is not a date rejects the row.
	EnrollBy time.Time
}

// Reject is a row that could not be used. Its fields never contain personal
// data: only the row number, the customer_id, a column header and a reason
// that may quote a country, language or data category value.
type Reject struct {
	File       string // file name from Options.Name
	Sheet      string // xlsx only
	Row        int
	CustomerID string // may be ""
	Column     string // the header as written in the file, "" if not column-specific
	Reason     string
}

// Error formats the reject as
// `customers.xlsx: sheet "Affected" row 17, column "Country": unknown country "Atlantis"`
// (the sheet only for xlsx, the column only if set).
func (r Reject) Error() string {
	var b strings.Builder
	if r.File != "" {
		b.WriteString(r.File)
		b.WriteString(": ")
	}
	if r.Sheet != "" {
		fmt.Fprintf(&b, "sheet %q ", r.Sheet)
	}
	fmt.Fprintf(&b, "row %d", r.Row)
	if r.Column != "" {
		fmt.Fprintf(&b, ", column %q", r.Column)
	}
	b.WriteString(": ")
	b.WriteString(r.Reason)
	return b.String()
}

// Options control Read.
type Options struct {
	// Name is the file name used in messages (e.g. "customers.xlsx"). Its
	// extension selects the format: .xlsx and .xlsm are read as Excel
	// workbooks; .csv, .tsv and .txt as delimited text. Other
	// extensions (.xls, .xlsb, .ods, .numbers, ...) give an error wrapping
	// ErrUnsupportedFormat that says to save the file as .xlsx or .csv.
	Name string
	// Sheet is the xlsx sheet to read; "" means the first sheet. An unknown
	// sheet gives an error listing the sheets of the workbook.
	Sheet string
	// Password opens a password-protected (encrypted) .xlsx workbook;
	// without it such a workbook is an error wrapping ErrPassword.
	Password string
	// Mapping maps canonical field names to headers as written in the file;
	// it overrides automatic header recognition for those fields. An empty
	// header disables the field.
	Mapping map[string]string
	// Encoding is the text encoding of a CSV file; "" detects it (see the
	// package doc). Names are case-insensitive: "utf-8", "utf-16" (byte
	// order from the BOM), "utf-16le", "utf-16be", "windows-1252",
	// "iso-8859-1", "iso-8859-15", "windows-1251", "koi8-r", "gbk",
	// "gb18030" and aliases such as "cp1252", "latin1", "cp1251" or
	// "GB2312". An unknown name gives an error wrapping ErrUnknownEncoding.
	// Ignored for xlsx.
	Encoding string
	// Duplicates, when not nil, are the file's duplicate rows found by
	// FindDuplicates (with the same options). When nil, Read finds them
	// itself first, reading the file twice (see Read).
	Duplicates *Duplicates
	// TempDir is where Read, finding the duplicates itself, sorts their
	// keys and spools the rows when there are too many to keep in memory;
	// "" is os.TempDir().
	TempDir string

	keys *dupKeys // FindDuplicates' recording of the keys
}

// Stats summarizes a Read.
type Stats struct {
	// Rows is the number of non-blank data rows; always Persons + Rejects.
	Rows, Persons, Rejects int
	// Sheet is the sheet that was read (xlsx only).
	Sheet string
	// Format is "xlsx" or "csv".
	Format string
	// HeaderRow is the row number of the header row.
	HeaderRow int
	// SkippedAbove are the numbers of the non-blank rows above the header
	// row (a title, an export date), which are not customers.
	SkippedAbove []int
	// Columns lists every header cell in order with the field it was
	// mapped to ("" if ignored).
	Columns []ColumnMapping
	// Encoding is the canonical name of the text encoding of a CSV file
	// ("utf-8", "windows-1251", ...; see Options.Encoding), detected if
	// Options.Encoding was ""; "" for xlsx.
	Encoding string
	// Delimiter is the field delimiter of a CSV file: ",", ";", "\t" or
	// "|"; "" for xlsx.
	Delimiter string
}

// IgnoredColumns returns the headers of the columns that no field was read
// from (not recognized, overridden by the mapping, or a second column of a
// field already read), in file order, on one line and cut after 40
// characters ("…"); columns with an empty header are left out. These are
// header texts only, never cell values.
func (s Stats) IgnoredColumns() []string {
	var out []string
	for _, c := range s.Columns {
		if c.Field == "" && c.Header != "" {
			out = append(out, truncateForMessage(oneLine(c.Header)))
		}
	}
	return out
}

// ColumnMapping is one header cell and the canonical field it was mapped
// to, or "" if the column is ignored.
type ColumnMapping struct {
	Header string
	Field  string
}

// rowSource yields the rows of a file: the 1-based row number and the raw
// cell values.
type rowSource interface {
	next() (row int, cells []string, err error) // io.EOF at the end
	// beyond describes, without quoting them, non-empty cells past the
	// header width; "" if there are none.
	beyond(cells []string, width int) string
	close() error
}

// Read streams every data row of r, calling fn once per non-blank data row
// with exactly one of p or rej non-nil. The format is chosen by the
// extension of opts.Name.
//
// Read returns an error for input that cannot be read as a whole
// (unsupported format, corrupt file, unknown sheet, missing required
// columns, bad mapping, CSV syntax error); rows delivered before a late
// error have been counted in Stats. If fn returns an error, Read stops and
// returns that error unchanged. Stats.Rows == Stats.Persons + Stats.Rejects
// always holds.
//
// The duplicate checks (see the package doc) are answered from
// opts.Duplicates, in step with the rows. When it is nil, Read reads the
// file once, keeping the rows it converts in a spool (in memory for a
// small file, else a temporary file in opts.TempDir) while it records the
// keys of the checks, sorts the keys, then delivers the rows from the
// spool with the duplicates rejected: the first row comes after the whole
// file is read. Callers that need the first rows at once (or to stop early
// without reading the whole file) give opts.Duplicates.
func Read(r io.Reader, opts Options, fn func(p *Person, rej *Reject) error) (Stats, error) {
	if opts.Duplicates == nil && opts.keys == nil {
		return readWithDuplicates(r, opts, fn)
	}
	var st Stats
	format, err := formatOf(opts.Name)
	if err != nil {
		return st, err
	}
	var src rowSource
	where := opts.Name
	st.Format = format
	switch format {
	case "xlsx":
		xs, err := openXLSX(r, opts.Name, opts.Sheet, opts.Password)
		if err != nil {
			return st, err
		}
		src = xs
		st.Sheet = xs.sheet
		where = fmt.Sprintf("%s: sheet %q", opts.Name, xs.sheet)
	default:
		cs, err := openCSV(r, opts.Name, opts.Encoding)
		if err != nil {
			return st, err
		}
		src = cs
		st.Encoding, st.Delimiter = cs.encoding, string(cs.comma)
	}
	defer src.close()
	err = readRows(src, opts, where, st.Sheet, &st, fn)
	if cerr := src.close(); err == nil && cerr != nil {
		err = fmt.Errorf("customers: %s: %w", opts.Name, cerr)
	}
	return st, err
}

// formatOf maps a file name to "xlsx" or "csv".
func formatOf(name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".xlsx", ".xlsm":
		return "xlsx", nil
	case ".csv", ".tsv", ".txt":
		return "csv", nil
	}
	what, how := fmt.Sprintf("files of type %q are not supported", ext), ""
	switch ext {
	case ".xls":
		what = "Excel 97-2003 workbooks (.xls) are not supported"
		how = "in Excel or LibreOffice, File > Save As > Excel Workbook (.xlsx)"
	case ".xlsb":
		what = "Excel binary workbooks (.xlsb) are not supported"
		how = "in Excel, File > Save As > Excel Workbook (.xlsx)"
	case ".xltx", ".xltm":
		what = "Excel templates (" + ext + ") are not supported"
		how = "in Excel, File > Save As > Excel Workbook (.xlsx)"
	case ".ods", ".fods":
		what = "OpenDocument spreadsheets (" + ext + ") are not supported"
		how = "in LibreOffice, File > Save As > Excel 2007-365 (.xlsx)"
	case ".numbers":
		what = "Apple Numbers files (.numbers) are not supported"
		how = "in Numbers, File > Export To > Excel"
	case ".json", ".xml", ".html", ".htm", ".pdf", ".doc", ".docx", ".zip", ".gz":
		how = "export the customer list from its source as .xlsx or CSV"
	case "":
		what = "the file name has no extension, so its format is unknown"
		how = "name it .xlsx or .csv as its content is"
	}
	advice := what + "; save the file as .xlsx or .csv (UTF-8)"
	if how != "" {
		advice += ": " + how
	}
	return "", fmt.Errorf("customers: %s: %w: %s", name, ErrUnsupportedFormat, advice)
}

// headerSearchRows is how many non-blank rows at the top of a sheet are
// searched for the header row.
const headerSearchRows = 20

// readRows finds the header row, resolves the columns and converts every
// following non-blank row.
//
// The header row is the first of the first headerSearchRows non-blank rows
// from which the required columns can be resolved; the non-blank rows above
// it (a title, an export date, a group header over merged cells) are
// skipped and listed in Stats.SkippedAbove. If no such row is found, the
// first non-blank row is taken as the header and its problem reported.
func readRows(src rowSource, opts Options, where, sheet string, st *Stats, fn func(*Person, *Reject) error) (err error) {
	plan, err := readHeader(src, opts, where, st)
	if err != nil {
		return err
	}
	c := &converter{plan: plan, file: opts.Name, sheet: sheet}
	if opts.keys != nil {
		c.ids, c.persons = keyRecorder{k: opts.keys}, keyRecorder{k: opts.keys, person: true}
	} else {
		o, err := openOracle(opts.Duplicates)
		if err != nil {
			return err
		}
		defer o.close()
		c.ids, c.persons = oracleView{o, dupID}, oracleView{o, dupPerson}
		defer func() {
			if o.err != nil && err == nil {
				err = o.err
			}
		}()
	}
	handle := func(r rawRow) error {
		if r.num > math.MaxInt32 {
			return fmt.Errorf("customers: %s: more than %d rows; split the file", where, math.MaxInt32)
		}
		st.Rows++
		p, rej := c.convert(r.num, r.cells, r.beyond, r.problems)
		if rej != nil {
			st.Rejects++
		} else {
			st.Persons++
		}
		return fn(p, rej)
	}
	return deliverRows(&rowReader{src: src, width: len(plan.headers)}, handle)
}

// readHeader reads the rows up to the header row and resolves the
// columns (see readRows); on success it sets the header row, the rows
// skipped above it and the columns in st.
func readHeader(src rowSource, opts Options, where string, st *Stats) (*columnPlan, error) {
	var (
		above     []int
		firstRow  int
		firstHdrs []string
	)
	for {
		row, cells, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if isBlank(cells) {
			continue
		}
		h := headerCells(cells)
		if firstHdrs == nil {
			firstRow, firstHdrs = row, h
		}
		if p, err := resolveColumns(h, opts.Mapping, fmt.Sprintf("%s row %d", where, row)); err == nil {
			st.HeaderRow, st.SkippedAbove, st.Columns = row, above, p.columns
			return p, nil
		}
		above = append(above, row)
		if len(above) == headerSearchRows {
			break
		}
	}
	if firstHdrs == nil {
		return nil, fmt.Errorf("customers: %s: no header row: the sheet is empty: %w", where, ErrMissingColumns)
	}
	_, err := resolveColumns(firstHdrs, opts.Mapping, fmt.Sprintf("%s row %d", where, firstRow))
	if len(above) > 1 {
		err = fmt.Errorf("%w (no row among the first %d non-blank rows has the required columns)", err, len(above))
	}
	return nil, err
}

// deliverRows reads the data rows of rr and hands each to handle, in
// order. The first rows are read and converted in this goroutine, so a
// small file is read deterministically (tests, fuzzing). Past them, one
// goroutine reads and splits rows while this one converts them: on two
// cores a large file is read about twice as fast. The queue between them
// is bounded, so memory does not grow with the file, and rows keep their
// order.
func deliverRows(rr *rowReader, handle func(rawRow) error) error {
	for range syncRows {
		r, err := rr.read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := handle(r); err != nil {
			return err
		}
	}
	done := make(chan struct{})
	batches := streamRows(rr, done)
	defer func() {
		close(done)
		for range batches { // wait for the reader to stop before src is closed
		}
	}()
	for b := range batches {
		for _, r := range b.rows {
			if err := handle(r); err != nil {
				return err
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	return nil
}

// rawRow is a non-blank data row as read, before conversion.
type rawRow struct {
	num      int
	cells    []string
	beyond   string // see rowSource.beyond
	problems []cellProblem
}

// rowReader reads the non-blank data rows of a source, copied out of the
// source's reused buffers.
type rowReader struct {
	src   rowSource
	width int // of the header
}

// read returns the next non-blank row, or io.EOF.
func (rr *rowReader) read() (rawRow, error) {
	problems, _ := rr.src.(interface{ cellProblems() []cellProblem })
	for {
		num, cells, err := rr.src.next()
		if err != nil {
			return rawRow{}, err
		}
		var cp []cellProblem
		if problems != nil {
			if p := problems.cellProblems(); len(p) > 0 {
				cp = slices.Clone(p)
			}
		}
		if isBlank(cells) && len(cp) == 0 {
			continue
		}
		// Sources reuse their slices, not the strings. Cells past the
		// header are not read: beyond looks at them here.
		return rawRow{num, slices.Clone(cells[:min(len(cells), rr.width)]), rr.src.beyond(cells, rr.width), cp}, nil
	}
}

// rowBatch is a run of rows, then the read error that ended the file, if
// any.
type rowBatch struct {
	rows []rawRow
	err  error
}

const (
	syncRows    = 1024 // rows converted before the reader goroutine starts
	batchRows   = 256  // rows per batch
	batchesAhed = 4    // batches the reader may be ahead of the converter
)

// streamRows reads the rows of rr in a goroutine and sends them in
// batches until the end of the file, a read error (sent after the rows
// before it) or done. The channel is closed when the goroutine has
// stopped using the source.
func streamRows(rr *rowReader, done <-chan struct{}) <-chan rowBatch {
	out := make(chan rowBatch, batchesAhed)
	go func() {
		defer close(out)
		batch := make([]rawRow, 0, batchRows)
		for n := 0; ; n++ {
			if n%64 == 0 {
				select {
				case <-done: // the converter stopped: stop reading
					return
				default:
				}
			}
			r, err := rr.read()
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				select {
				case out <- rowBatch{batch, err}:
				case <-done:
				}
				return
			}
			batch = append(batch, r)
			if len(batch) == batchRows {
				select {
				case out <- rowBatch{rows: batch}:
				case <-done:
					return
				}
				batch = make([]rawRow, 0, batchRows)
			}
		}
	}()
	return out
}

// headerCells cleans the cells of a candidate header row; trailing empty
// cells are dropped.
func headerCells(cells []string) []string {
	h := make([]string, len(cells))
	for i, c := range cells {
		h[i] = oneLine(cleanCell(c))
	}
	for len(h) > 0 && h[len(h)-1] == "" {
		h = h[:len(h)-1]
	}
	return h
}

// isBlank reports whether every cell is empty or white space only.
func isBlank(cells []string) bool {
	for _, c := range cells {
		if cleanCell(c) != "" {
			return false
		}
	}
	return true
}

// converter turns rows into Persons or Rejects.
type converter struct {
	plan        *columnPlan
	file, sheet string
	// ids answers the duplicate check of the customer_id, persons that of
	// the email and name (from Options.Duplicates, or recording the keys
	// for FindDuplicates).
	ids, persons dupIndex
}

// dupIndex answers a duplicate check: the first row that had key, or ok
// false when none did.
type dupIndex interface {
	firstRow(key string, row int) (first int, ok bool)
}

func (c *converter) convert(row int, cells []string, beyond string, problems []cellProblem) (*Person, *Reject) {
	rw := convertedRow{c: c, row: row, cells: cells}
	id, reason, field := c.checkID(&rw, beyond, problems)
	if reason != "" {
		return rw.reject(id, field, reason)
	}
	p := &Person{Row: row, CustomerID: id}
	if field, reason := rw.name(p); reason != "" {
		return rw.reject(id, field, reason)
	}
	if field, reason := rw.place(p); reason != "" {
		return rw.reject(id, field, reason)
	}
	if field, reason := rw.language(p); reason != "" {
		return rw.reject(id, field, reason)
	}
	if field, reason := rw.contact(p); reason != "" {
		return rw.reject(id, field, reason)
	}
	if field, reason := rw.postalRegion(p); reason != "" {
		return rw.reject(id, field, reason)
	}
	if p.Email == "" && (p.Street == "" || p.City == "") {
		return rw.reject(id, "", "no email and no postal address: unreachable")
	}
	if p.Email != "" {
		if first, dup := c.persons.firstRow(strings.ToLower(p.Email)+"\x00"+normKey(p.FullName), row); dup {
			return rw.reject(id, FieldEmail, fmt.Sprintf("same person as row %d: same email and name; one letter goes to row %d, so merge this row's data categories into it if they differ", first, first))
		}
	}
	return p, nil
}

// convertedRow is a row being converted.
type convertedRow struct {
	c     *converter
	row   int
	cells []string
}

// get returns the cleaned cell of field, "" if the file has no such
// column.
func (rw convertedRow) get(field string) string {
	i := rw.c.plan.col(field)
	if i < 0 || i >= len(rw.cells) {
		return ""
	}
	return cleanCell(rw.cells[i])
}

// raw is the field's cell as read, before cleanCell.
func (rw convertedRow) raw(field string) string {
	i := rw.c.plan.col(field)
	if i < 0 || i >= len(rw.cells) {
		return ""
	}
	return rw.cells[i]
}

func (rw convertedRow) reject(id, field, reason string) (*Person, *Reject) {
	c := rw.c
	return nil, &Reject{File: c.file, Sheet: c.sheet, Row: rw.row, CustomerID: id, Column: c.plan.header(field), Reason: reason}
}

// checkID reads the customer_id and checks what makes the whole row
// unusable: a repeated id, cells beyond the header, cell problems and
// spreadsheet errors in the columns read, a missing or mangled id. reason
// is "" when the row can be read on; id is "" if it cannot be trusted.
func (c *converter) checkID(rw *convertedRow, beyond string, problems []cellProblem) (id, reason, field string) {
	pl := c.plan
	rawID := oneLine(rw.get(FieldCustomerID))
	id, idProblem := normalizeID(rawID)
	// The first row with an id owns it, even if that row is rejected for
	// another reason below.
	if rawID != "" && idProblem == "" {
		if first, dup := c.ids.firstRow(id, rw.row); dup {
			return id, fmt.Sprintf("duplicate customer_id (first seen on row %d)", first), FieldCustomerID
		}
	}
	if beyond != "" {
		return id, beyond, ""
	}
	for _, cp := range problems {
		// A problem in a column that is not read does not matter.
		for _, f := range fieldNames {
			if pl.col(f) == cp.col {
				return id, cp.reason, f
			}
		}
	}
	for _, f := range fieldNames {
		if v := rw.get(f); spreadsheetErrors[strings.ToUpper(v)] {
			return id, fmt.Sprintf("cell contains the spreadsheet error %s", strings.ToUpper(v)), f
		}
	}
	if rawID == "" {
		return "", "missing customer_id", FieldCustomerID
	}
	if idProblem != "" {
		return "", idProblem, FieldCustomerID
	}
	return id, "", ""
}

// name sets the full name, from full_name or first and last name.
func (rw convertedRow) name(p *Person) (field, reason string) {
	full := oneLine(rw.get(FieldFullName))
	if full == "" {
		full = joinName(oneLine(rw.get(FieldFirstName)), oneLine(rw.get(FieldLastName)))
	}
	if full == "" {
		nameField := FieldFullName
		if rw.c.plan.col(FieldFullName) < 0 {
			nameField = FieldFirstName
		}
		return nameField, "missing name"
	}
	p.FullName = full
	return "", ""
}

// place sets the country and the region.
func (rw convertedRow) place(p *Person) (field, reason string) {
	country := oneLine(rw.get(FieldCountry))
	if country == "" {
		return FieldCountry, "missing country"
	}
	code, ok := NormalizeCountry(country)
	if !ok {
		return FieldCountry, fmt.Sprintf("unknown country %q", truncateForMessage(country))
	}
	p.Country = code

	region, ok := NormalizeRegion(p.Country, oneLine(rw.get(FieldRegion)))
	if !ok {
		switch p.Country {
		case "US":
			return FieldRegion, "unknown US state or territory"
		case "CA":
			return FieldRegion, "unknown Canadian province or territory"
		case "AU":
			return FieldRegion, "unknown Australian state or territory"
		}
		// Elsewhere the region only completes the postal address: an
		// unrecognized value is kept as written.
	}
	p.Region = region
	return "", ""
}

// postalRegion takes the state or province of a US or Canadian address
// that has none from its postal code; without one the row is rejected,
// the region's column named (else the postal code's).
func (rw convertedRow) postalRegion(p *Person) (field, reason string) {
	if p.Country != "US" && p.Country != "CA" {
		return "", ""
	}
	postal := postalCodeRegion(p.Country, p.PostalCode)
	if p.Region != "" {
		if postal != "" && postal != p.Region {
			p.PostalCodeRegion = postal
		}
		return "", ""
	}
	if postal != "" {
		p.Region, p.RegionFrom = postal, RegionFromPostalCode
		return "", ""
	}
	field = FieldRegion
	if rw.c.plan.col(FieldRegion) < 0 && rw.c.plan.col(FieldPostalCode) >= 0 {
		field = FieldPostalCode
	}
	what, code := "US address without a state", "ZIP Code"
	if p.Country == "CA" {
		what, code = "Canadian address without a province or territory", "postal code"
	}
	if p.PostalCode == "" {
		return field, fmt.Sprintf("%s, and no %s to take it from", what, code)
	}
	return field, fmt.Sprintf("%s, and its %s does not give one", what, code)
}

// language sets the language and the data categories.
func (rw convertedRow) language(p *Person) (field, reason string) {
	lang, ok := NormalizeLanguage(rw.get(FieldLanguage))
	if !ok {
		return FieldLanguage, fmt.Sprintf("invalid language tag %q", truncateForMessage(oneLine(rw.get(FieldLanguage))))
	}
	p.Language = lang

	cats, unknown := parseCategories(rw.get(FieldDataCategories))
	if unknown != "" {
		return FieldDataCategories, fmt.Sprintf("unknown data category %q", truncateForMessage(unknown))
	}
	p.DataCategories = cats
	return "", ""
}

// contact sets the email, phone, postal address, activation code and
// enrol-by date.
func (rw convertedRow) contact(p *Person) (field, reason string) {
	if r, ok := hiddenInEmail(rw.raw(FieldEmail)); ok {
		// Removed silently, it would make another address.
		return FieldEmail, fmt.Sprintf("invalid email address: it contains the invisible character %U; correct the cell", r)
	}
	p.Email = oneLine(rw.get(FieldEmail))
	if p.Email != "" && !validEmail(p.Email) {
		return FieldEmail, "invalid email address"
	}
	p.Phone = oneLine(rw.get(FieldPhone))
	p.Street = multiLine(rw.get(FieldStreet))
	p.PostalCode = NormalizePostalCode(p.Country, oneLine(rw.get(FieldPostalCode)))
	p.City = oneLine(rw.get(FieldCity))
	p.ActivationCode = oneLine(rw.get(FieldActivationCode))
	if v := oneLine(rw.get(FieldEnrollBy)); v != "" {
		d, problem := parseDate(v)
		if problem != "" {
			return FieldEnrollBy, problem
		}
		p.EnrollBy = d
	}
	return "", ""
}

var (
	reDecimalZeros = regexp.MustCompile(`^[0-9]+\.0+$`)
	reScientific   = regexp.MustCompile(`^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$`)
)

// normalizeID undoes number formatting of a numeric customer_id:
// "100234.0" -> "100234" and "1.00234E+05" -> "100234". Scientific notation
// that does not show every digit of the integer ("1.23457E+11",
// "1.23456789012346E+15": rounded by the spreadsheet or its number format)
// cannot be trusted: problem is then set.
func normalizeID(s string) (id, problem string) {
	switch {
	case reDecimalZeros.MatchString(s):
		return s[:strings.IndexByte(s, '.')], ""
	case reScientific.MatchString(s):
		e := strings.IndexAny(s, "eE")
		mant := strings.Replace(s[:e], ".", "", 1)
		exp, err := strconv.Atoi(strings.TrimPrefix(s[e+1:], "+"))
		switch {
		case err != nil || len(mant) > exp+1:
			return s, "" // not an integer: keep as written
		case len(mant) < exp+1:
			return s, "customer_id is a number shown in scientific notation with digits missing; format the column as text and re-enter the ids"
		}
		return mant, ""
	}
	return s, ""
}
