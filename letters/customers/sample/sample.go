// Package sample writes synthetic customer sheets: invented people across
// the jurisdictions and languages breachnotice supports, laid out like a
// real CRM export, so that anyone can rehearse a notification run and
// measure the import without touching real personal data.
//
// # Contents
//
// Every sheet has one header row and Options.Rows data rows with the 12
// columns of [Headers]. Data row k (1-based; sheet row k+1, CSV record
// k+1) has the customer id "S-" and k on at least 7 digits ("S-0000001"),
// so ids are unique. People live in Italy, France, the United Kingdom,
// Germany, the United States (California, New York, Massachusetts, Texas,
// Florida, six other states and DC), Canada (Québec and Ontario),
// Russia, China, Brazil, Japan and Australia. Names are written natively
// (Han characters, Cyrillic with patronymics, kanji and kana, French,
// Italian, German and Portuguese accents), addresses and postal codes
// follow each country's format (some streets have two lines), and phone
// numbers are international ("+39 345 123 4567"); 35% of the rows have no
// phone and 5% no e-mail (a postal address only).
//
// The Language column is spread about 19% each over Italian, French,
// English, Chinese and Russian; the rest is German, Portuguese (pt-BR),
// Japanese, a little es-US, and about 1% of empty cells. Regional tags are
// mixed in (it-IT, fr-CA, en-US, en-GB, zh-Hans, zh-CN, ru-RU...). The
// Country column mostly holds ISO codes and sometimes a name ("Italia",
// "USA", "Россия", "中国"); State/Province holds USPS codes (sometimes the
// state's name), Canadian and Australian codes, Italian province sigle and
// region names elsewhere, or nothing. About 40% of the Data Categories
// cells are empty, so that the incident's default applies; the others list
// canonical category codes (every code of customers.Categories occurs)
// separated by ";" or ", ".
//
// All e-mail addresses are at example.com, example.org or example.net (RFC
// 2606) and are unique (the local part ends with the row number). Where a
// country reserves telephone numbers for fiction (US and Canada 555-01xx,
// UK 07700 900xxx, France 06 39 98 xx xx, Australia (02) 5550 xxxx and
// (03) 7010 xxxx...) those are used; elsewhere the numbers are made up,
// and unique up to 10 million rows. Nothing refers to a real person.
//
// The output depends only on Options: the same Options give the same bytes
// (with the same Go release, as the xlsx is compressed with compress/flate).
//
// # Deliberately bad rows
//
// With Options.BadRows, data row k is bad when k % 1000 == 10 (rows 10,
// 1010, 2010 ...; see [BadRowCount]). The bad rows cycle through five
// faults, each of which makes the row a reject when read with
// customers.Read: an unknown country ("Atlantis"), an invalid e-mail
// address, a missing customer id, the customer id of the row above (a
// duplicate), and neither an e-mail nor a postal address. The default is
// off: a clean sheet, in which every row is a person.
//
// # Formats
//
// The xlsx workbook is written directly (archive/zip and SpreadsheetML,
// deflated at flate.BestSpeed) and streamed row by row. Its one sheet,
// "Customers", has a bold header row and uses inline strings
// (t="inlineStr", as streaming exporters write) unless
// Options.SharedStrings is set; then the cells refer to a shared strings
// table (xl/sharedStrings.xml, as Excel itself writes). Empty cells are
// left out, as Excel does. A sheet holds at most [MaxXLSXRows] data rows.
//
// The zip parts are written one after the other, so with shared strings
// the sheet is written first, assigning the indexes, and the table
// afterwards, by generating the rows a second time (row k depends only on
// the seed and k). Values that are unique by construction (ids, e-mails,
// activation codes, the made-up phone numbers) take the next index without
// being remembered; only values drawn from finite lists (names, streets,
// postal codes, cities, categories...) are kept in a map to share their
// index. Memory is therefore bounded by that vocabulary, not by the number
// of rows: at a million rows the table has about 4 million entries, of
// which about 700,000 are in the map (some 80 MB of peak memory for the
// whole process, against about 20 MB for inline strings or CSV). Every
// string appears once in the table.
//
// The CSV is UTF-8 with a byte order mark, comma-separated, with CRLF line
// ends and RFC 4180 quoting (multi-line streets and cells with commas are
// quoted).
package sample

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Options control Write.
type Options struct {
	// Rows is the number of data rows (the header row is not counted). At
	// most MaxXLSXRows for xlsx.
	Rows int
	// Seed selects the people; the same Seed gives the same file.
	Seed int64
	// Format is "xlsx" (also when "") or "csv".
	Format string
	// SharedStrings writes the xlsx cells through a shared strings table
	// instead of inline strings. xlsx only.
	SharedStrings bool
	// BadRows makes about one row in 1000 deliberately bad (see the package
	// doc).
	BadRows bool
}

// Headers are the column headers of a generated sheet, in order.
var Headers = [numCols]string{
	"Customer ID", "Full Name", "E-mail", "Phone", "Street", "ZIP", "City",
	"State/Province", "Country", "Language", "Data Categories", "Activation Code",
}

// MaxXLSXRows is the largest number of data rows of an xlsx sheet: the
// 1,048,576 rows of a worksheet, less the header.
const MaxXLSXRows = 1<<20 - 1

// Bad rows: data row k is bad when k%badEvery == badOffset.
const (
	badEvery  = 1000
	badOffset = 10
	badKinds  = 5
)

// BadRowCount returns the number of deliberately bad rows in a sheet of
// the given number of data rows written with Options.BadRows.
func BadRowCount(rows int) int {
	if rows < badOffset {
		return 0
	}
	return (rows-badOffset)/badEvery + 1
}

// badKind returns the fault of data row k (0..badKinds-1), or -1.
func badKind(k int) int {
	if k%badEvery != badOffset {
		return -1
	}
	return (k / badEvery) % badKinds
}

// Write writes a synthetic customer sheet to w.
func Write(w io.Writer, opts Options) error {
	if opts.Rows < 0 {
		return fmt.Errorf("sample: Rows is %d; want 0 or more", opts.Rows)
	}
	switch opts.Format {
	case "", "xlsx":
		if opts.Rows > MaxXLSXRows {
			return fmt.Errorf("sample: %d rows do not fit in an xlsx sheet (at most %d data rows); write CSV instead", opts.Rows, MaxXLSXRows)
		}
		return writeXLSX(w, opts)
	case "csv":
		if opts.SharedStrings {
			return errors.New("sample: SharedStrings applies to xlsx only")
		}
		return writeCSV(w, opts)
	}
	return fmt.Errorf("sample: unknown format %q; want xlsx or csv", opts.Format)
}

// ---------------------------------------------------------------------------
// Output buffering

// flushSize is the size at which the row buffer is written out.
const flushSize = 256 << 10

// out accumulates bytes and writes them in large blocks.
type out struct {
	w   io.Writer
	b   []byte
	err error
}

func (o *out) maybeFlush() {
	if len(o.b) >= flushSize {
		o.flush()
	}
}

func (o *out) flush() {
	if o.err == nil && len(o.b) > 0 {
		_, o.err = o.w.Write(o.b)
	}
	o.b = o.b[:0]
}

// ---------------------------------------------------------------------------
// CSV

func writeCSV(w io.Writer, opts Options) error {
	o := &out{w: w, b: make([]byte, 0, flushSize+4096)}
	o.b = append(o.b, 0xEF, 0xBB, 0xBF)
	g := newGen(opts)
	g.header()
	for k := 0; k <= opts.Rows; k++ {
		if k > 0 {
			g.row(k)
		}
		for c := range numCols {
			if c > 0 {
				o.b = append(o.b, ',')
			}
			o.b = appendCSVField(o.b, g.cell(c))
		}
		o.b = append(o.b, '\r', '\n')
		o.maybeFlush()
		if o.err != nil {
			return o.err
		}
	}
	o.flush()
	return o.err
}

// appendCSVField appends f, quoted if it contains a delimiter, a quote, a
// line break or surrounding spaces.
func appendCSVField(b, f []byte) []byte {
	quote := len(f) > 0 && (f[0] == ' ' || f[len(f)-1] == ' ')
	for _, c := range f {
		if c == ',' || c == '"' || c == '\n' || c == '\r' {
			quote = true
			break
		}
	}
	if !quote {
		return append(b, f...)
	}
	b = append(b, '"')
	for _, c := range f {
		if c == '"' {
			b = append(b, '"')
		}
		b = append(b, c)
	}
	return append(b, '"')
}

// ---------------------------------------------------------------------------
// XLSX

// zipTime is the modification time of every part, fixed so that the same
// Options give the same bytes.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

func contentTypes(shared bool) string {
	s := xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
	if shared {
		s += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	}
	return s + `</Types>`
}

const rootRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`

const workbook = xmlDecl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
	`<bookViews><workbookView/></bookViews>` +
	`<sheets><sheet name="Customers" sheetId="1" r:id="rId1"/></sheets>` +
	`</workbook>`

func workbookRels(shared bool) string {
	s := xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + nsRel + `/styles" Target="styles.xml"/>`
	if shared {
		s += `<Relationship Id="rId3" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/>`
	}
	return s + `</Relationships>`
}

// Cell styles: 0 normal, 1 bold (the header), 2 wrapped (multi-line
// streets).
const styles = xmlDecl + `<styleSheet xmlns="` + nsMain + `">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1"/></xf></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`

// colWidths are the column widths of the sheet, in characters.
var colWidths = [numCols]int{12, 24, 32, 18, 32, 10, 16, 14, 10, 10, 36, 16}

var colNames = [numCols]string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"}

func writeXLSX(w io.Writer, opts Options) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	part := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	}
	small := func(name, body string) error {
		pw, err := part(name)
		if err == nil {
			_, err = io.WriteString(pw, body)
		}
		return err
	}
	shared := opts.SharedStrings
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes(shared)},
		{"_rels/.rels", rootRels},
		{"xl/workbook.xml", workbook},
		{"xl/_rels/workbook.xml.rels", workbookRels(shared)},
		{"xl/styles.xml", styles},
	} {
		if err := small(p.name, p.body); err != nil {
			return err
		}
	}
	pw, err := part("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	var sst *stringTable
	if shared {
		sst = &stringTable{vocab: make(map[string]int32)}
	}
	if err := writeSheet(pw, opts, sst); err != nil {
		return err
	}
	if shared {
		pw, err := part("xl/sharedStrings.xml")
		if err != nil {
			return err
		}
		if err := sst.write(pw, opts); err != nil {
			return err
		}
	}
	return zw.Close()
}

// stringTable is the shared strings table of a sheet being written.
type stringTable struct {
	vocab  map[string]int32 // values from finite lists -> index
	next   int32            // entries so far
	count  int              // string cells so far
	prevID int32            // index of the last unique customer id
}

// index returns the table index of cell c of the current row of g,
// adding the value if needed.
func (t *stringTable) index(g *gen, c int) int32 {
	t.count++
	switch {
	case c == colID && g.dupID:
		return t.prevID
	case g.unique&(1<<c) != 0:
		i := t.next
		t.next++
		if c == colID {
			t.prevID = i
		}
		return i
	}
	v := g.cell(c)
	if i, ok := t.vocab[string(v)]; ok {
		return i
	}
	i := t.next
	t.vocab[string(v)] = i
	t.next++
	return i
}

// write writes xl/sharedStrings.xml: it generates the rows again and emits
// every value where the first pass gave it a new index.
func (t *stringTable) write(w io.Writer, opts Options) error {
	o := &out{w: w, b: make([]byte, 0, flushSize+4096)}
	o.b = append(o.b, xmlDecl...)
	o.b = append(o.b, `<sst xmlns="`+nsMain+`" count="`...)
	o.b = strconv.AppendInt(o.b, int64(t.count), 10)
	o.b = append(o.b, `" uniqueCount="`...)
	o.b = strconv.AppendInt(o.b, int64(t.next), 10)
	o.b = append(o.b, `">`...)
	g := newGen(opts)
	g.header()
	var next int32
	for k := 0; k <= opts.Rows; k++ {
		if k > 0 {
			g.row(k)
		}
		for c := range numCols {
			v := g.cell(c)
			switch {
			case len(v) == 0, c == colID && g.dupID:
				continue
			case g.unique&(1<<c) == 0 && t.vocab[string(v)] != next:
				continue // seen before
			}
			next++
			o.b = append(o.b, "<si>"...)
			o.b = appendT(o.b, v)
			o.b = append(o.b, "</si>"...)
		}
		o.maybeFlush()
		if o.err != nil {
			return o.err
		}
	}
	if next != t.next {
		return fmt.Errorf("sample: internal error: shared strings pass 2 gave %d entries, pass 1 %d", next, t.next)
	}
	o.b = append(o.b, "</sst>"...)
	o.flush()
	return o.err
}

// writeSheet writes xl/worksheets/sheet1.xml; with sst, the cells refer to
// the shared strings table, which it fills.
func writeSheet(w io.Writer, opts Options, sst *stringTable) error {
	o := &out{w: w, b: make([]byte, 0, flushSize+4096)}
	last := strconv.Itoa(opts.Rows + 1)
	o.b = append(o.b, xmlDecl...)
	o.b = append(o.b, `<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><dimension ref="A1:L`+last+`"/>`...)
	o.b = append(o.b, `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`...)
	o.b = append(o.b, `<sheetFormatPr defaultRowHeight="15"/><cols>`...)
	for c, wd := range colWidths {
		n := strconv.Itoa(c + 1)
		o.b = append(o.b, `<col min="`+n+`" max="`+n+`" width="`+strconv.Itoa(wd)+`" customWidth="1"/>`...)
	}
	o.b = append(o.b, `</cols><sheetData>`...)
	g := newGen(opts)
	g.header()
	for k := 0; k <= opts.Rows; k++ {
		if k > 0 {
			g.row(k)
		}
		row := k + 1
		o.b = append(o.b, `<row r="`...)
		o.b = strconv.AppendInt(o.b, int64(row), 10)
		o.b = append(o.b, `">`...)
		for c := range numCols {
			v := g.cell(c)
			if len(v) == 0 {
				continue // Excel writes no element for an empty cell
			}
			o.b = append(o.b, `<c r="`...)
			o.b = append(o.b, colNames[c]...)
			o.b = strconv.AppendInt(o.b, int64(row), 10)
			switch {
			case k == 0:
				o.b = append(o.b, `" s="1`...)
			case c == colStreet && g.wrap:
				o.b = append(o.b, `" s="2`...)
			}
			if sst != nil {
				o.b = append(o.b, `" t="s"><v>`...)
				o.b = strconv.AppendInt(o.b, int64(sst.index(g, c)), 10)
				o.b = append(o.b, `</v></c>`...)
			} else {
				o.b = append(o.b, `" t="inlineStr"><is>`...)
				o.b = appendT(o.b, v)
				o.b = append(o.b, `</is></c>`...)
			}
		}
		o.b = append(o.b, `</row>`...)
		o.maybeFlush()
		if o.err != nil {
			return o.err
		}
	}
	o.b = append(o.b, `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`...)
	o.flush()
	return o.err
}

// appendT appends v as a <t> element, escaped for XML. Surrounding white
// space is kept with xml:space="preserve"; characters XML 1.0 cannot carry
// (C0 controls other than tab and line feed, which the generator never
// produces) are replaced by U+FFFD.
func appendT(b, v []byte) []byte {
	if len(v) > 0 && (isSpace(v[0]) || isSpace(v[len(v)-1])) {
		b = append(b, `<t xml:space="preserve">`...)
	} else {
		b = append(b, `<t>`...)
	}
	start := 0
	for i, c := range v {
		var esc string
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#13;"
		case c < 0x20 && c != '\t' && c != '\n':
			esc = "\uFFFD"
		default:
			continue
		}
		b = append(b, v[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	b = append(b, v[start:]...)
	return append(b, `</t>`...)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// ---------------------------------------------------------------------------
// Row generator

// Columns.
const (
	colID = iota
	colName
	colEmail
	colPhone
	colStreet
	colZIP
	colCity
	colRegion
	colCountry
	colLanguage
	colCategories
	colCode
	numCols
)

// gen generates rows. Row k depends only on the seed and k, so the rows
// can be generated again (for the shared strings table) with the same
// result.
type gen struct {
	seed uint64
	bad  bool
	perm uint64 // offset of the phone number permutation
	rs   uint64 // random state of the current row
	buf  []byte
	end  [numCols]int // cell c is buf[end[c-1]:end[c]]
	col  int          // next cell to be completed
	// unique has bit c set when cell c is unique by construction: it is
	// not looked up in the shared strings vocabulary.
	unique uint16
	dupID  bool // the id cell repeats the id of the row above
	wrap   bool // the street has more than one line
}

func newGen(opts Options) *gen {
	s := mix(uint64(opts.Seed) ^ 0x5bd1e9955bd1e995)
	return &gen{seed: s, bad: opts.BadRows, perm: mix(s+1) % 1e7, buf: make([]byte, 0, 1024)}
}

// mix is the splitmix64 finalizer.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (g *gen) next() uint64 {
	g.rs += 0x9e3779b97f4a7c15
	return mix(g.rs)
}

// intn returns a number in [0, n).
func (g *gen) intn(n int) int { return int((g.next() >> 32) * uint64(n) >> 32) }

// pct reports true with probability p percent.
func (g *gen) pct(p int) bool { return g.intn(100) < p }

func (g *gen) cell(c int) []byte {
	start := 0
	if c > 0 {
		start = g.end[c-1]
	}
	return g.buf[start:g.end[c]]
}

// done ends the current cell (appended to buf since the previous one).
func (g *gen) done(c int) {
	if c != g.col {
		panic("sample: cells out of order")
	}
	g.end[c] = len(g.buf)
	g.col++
}

func (g *gen) put(c int, s string) {
	g.buf = append(g.buf, s...)
	g.done(c)
}

func (g *gen) reset() {
	g.buf, g.col, g.unique, g.dupID, g.wrap = g.buf[:0], 0, 0, false, false
}

func (g *gen) header() {
	g.reset()
	for c, h := range Headers {
		g.put(c, h)
	}
}

// digits appends n random decimal digits.
func (g *gen) digits(n int) {
	for range n {
		g.buf = append(g.buf, byte('0'+g.intn(10)))
	}
}

// pattern appends p with '#' replaced by a random digit and '@' by a random
// letter valid in both British and Canadian postcodes.
func (g *gen) pattern(p string) {
	const letters = "ABEGHJLNPRSTWXYZ"
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '#':
			g.buf = append(g.buf, byte('0'+g.intn(10)))
		case '@':
			g.buf = append(g.buf, letters[g.intn(len(letters))])
		default:
			g.buf = append(g.buf, p[i])
		}
	}
}

func (g *gen) num(lo, hi int) { g.buf = strconv.AppendInt(g.buf, int64(lo+g.intn(hi-lo+1)), 10) }

func pick[T any](g *gen, xs []T) T { return xs[g.intn(len(xs))] }

// choose returns one of cs, with probability proportional to its weight.
func (g *gen) choose(cs []choice) string {
	total := 0
	for _, c := range cs {
		total += c.w
	}
	n := g.intn(total)
	for _, c := range cs {
		if n < c.w {
			return c.s
		}
		n -= c.w
	}
	return cs[len(cs)-1].s
}

// row generates data row k (1-based).
func (g *gen) row(k int) {
	g.reset()
	g.rs = mix(g.seed + uint64(k)*0xd1342543de82ef95)
	bad := -1
	if g.bad {
		bad = badKind(k)
	}
	p, mixIn, langs, pl := g.who()
	g.contact(k, bad, p, mixIn, pl)
	g.address(bad, p, pl, langs)
	g.categories(p)
	// Activation Code: unique (a bijection of k), 3% empty.
	if !g.pct(3) {
		g.activationCode(k)
		g.unique |= 1 << colCode
	}
	g.done(colCode)
}

// who chooses who the customer is and where they live: the country's
// profile, the culture of their name, the languages and the place.
func (g *gen) who() (p *profile, mixIn cultureMix, langs []choice, pl *place) {
	p = &profiles[profileIndex[g.intn(len(profileIndex))]]
	mixIn = p.cultures[0]
	if len(p.cultures) > 1 {
		n := g.intn(100)
		for _, m := range p.cultures {
			if n < m.w {
				mixIn = m
				break
			}
			n -= m.w
		}
	}
	langs = p.langs
	if mixIn.langs != nil {
		langs = mixIn.langs
	}
	pl = g.place(p.places)
	return p, mixIn, langs, pl
}

// contact writes the Customer ID, Full Name, E-mail and Phone cells.
func (g *gen) contact(k, bad int, p *profile, mixIn cultureMix, pl *place) {
	// Customer ID.
	switch bad {
	case faultNoID:
	case faultDupID:
		g.buf = appendID(g.buf, k-1)
		g.dupID = true
	default:
		g.buf = appendID(g.buf, k)
		g.unique |= 1 << colID
	}
	g.done(colID)

	// Full Name.
	given, family := g.name(mixIn.c, mixIn.latin)
	g.done(colName)

	// E-mail: unique, as it ends with the row number.
	if bad == faultNoContact || bad != faultBadEmail && g.pct(5) {
		g.done(colEmail) // postal address only
	} else {
		g.email(given, family, k, bad == faultBadEmail)
		g.unique |= 1 << colEmail
		g.done(colEmail)
	}

	// Phone.
	if g.pct(35) {
		g.done(colPhone)
	} else {
		if g.phone(p.iso, pl, k) {
			g.unique |= 1 << colPhone
		}
		g.done(colPhone)
	}
}

// address writes the postal address, Country and Language cells.
func (g *gen) address(bad int, p *profile, pl *place, langs []choice) {
	switch {
	case bad == faultCountry:
		g.put(colStreet, "1 Coral Way")
		g.put(colZIP, "00001")
		g.put(colCity, "Poseidonia")
		g.put(colRegion, "")
		g.put(colCountry, "Atlantis")
	case bad == faultNoContact:
		for _, c := range []int{colStreet, colZIP, colCity, colRegion} {
			g.done(c)
		}
		g.put(colCountry, g.choose(p.country))
	default:
		g.street(p.iso, pl)
		g.done(colStreet)
		g.pattern(pl.zip)
		g.done(colZIP)
		g.put(colCity, pl.city)
		region := pl.region
		if region != "" && !g.pct(p.regionPct) {
			region = ""
		}
		if p.iso == "US" && g.pct(12) {
			region = usStateNames[region]
		}
		g.put(colRegion, region)
		g.put(colCountry, g.choose(p.country))
	}
	if bad == faultCountry {
		g.put(colLanguage, "en")
	} else {
		g.put(colLanguage, g.choose(langs))
	}
}

// categories writes the Data Categories cell.
func (g *gen) categories(p *profile) {
	// Data Categories: ~40% empty (the incident's default applies).
	cats := categorySets[g.intn(len(categorySets))]
	if p.iso != "US" && len(cats) > 0 && cats[len(cats)-1] == "ssn" {
		cats = nonUSIdentity
	}
	sep := "; "
	if g.pct(70) {
		sep = ";"
	} else if g.pct(60) {
		sep = ", "
	}
	for i, c := range cats {
		if i > 0 {
			g.buf = append(g.buf, sep...)
		}
		g.buf = append(g.buf, c...)
	}
	g.done(colCategories)
}

// Faults of the bad rows, in the order they cycle.
const (
	faultCountry   = iota // unknown country "Atlantis"
	faultBadEmail         // invalid e-mail address
	faultNoID             // missing customer id
	faultDupID            // the customer id of the row above
	faultNoContact        // no e-mail and no postal address
)

func appendID(b []byte, k int) []byte {
	b = append(b, "S-"...)
	s := strconv.Itoa(k)
	for i := len(s); i < 7; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func (g *gen) place(ps []place) *place {
	total := 0
	for i := range ps {
		total += ps[i].weight()
	}
	n := g.intn(total)
	for i := range ps {
		if n < ps[i].weight() {
			return &ps[i]
		}
		n -= ps[i].weight()
	}
	return &ps[len(ps)-1]
}

// name appends a full name in the style of culture c and returns the given
// and family names in lower-case ASCII, for the e-mail address.
func (g *gen) name(c *culture, latin bool) (given, family string) {
	switch c.kind {
	case kindRussian:
		female := g.pct(50)
		gv, fam := pick(g, c.given), pick(g, c.family)
		famN, famL := fam.native, fam.latin
		patr := pick(g, russianPatronymics)
		patrN := patr[0]
		if female {
			gv = pick(g, c.givenF)
			famN, famL = fam.nativeF, fam.latinF
			patrN = patr[1]
		}
		if latin {
			g.buf = append(g.buf, title(gv.latin)...)
			g.buf = append(g.buf, ' ')
			g.buf = append(g.buf, title(famL)...)
			return gv.latin, famL
		}
		switch n := g.intn(10); {
		case n < 6: // Имя Фамилия
			g.buf = append(append(append(g.buf, gv.native...), ' '), famN...)
		case n < 9: // Фамилия Имя Отчество
			g.buf = append(append(append(append(append(g.buf, famN...), ' '), gv.native...), ' '), patrN...)
		default: // Имя Отчество Фамилия
			g.buf = append(append(append(append(append(g.buf, gv.native...), ' '), patrN...), ' '), famN...)
		}
		return gv.latin, famL
	case kindChinese:
		gv, fam := pick(g, c.given), pick(g, c.family)
		g.buf = append(append(g.buf, fam.native...), gv.native...)
		return gv.latin, fam.latin
	case kindJapanese:
		gv, fam := pick(g, c.given), pick(g, c.family)
		g.buf = append(g.buf, fam.native...)
		switch n := g.intn(10); {
		case n < 4:
			g.buf = append(g.buf, ' ')
		case n < 7:
			g.buf = append(g.buf, "\u3000"...) // ideographic space
		}
		g.buf = append(g.buf, gv.native...)
		return gv.latin, fam.latin
	}
	gv, fam := pick(g, c.given), pick(g, c.family)
	if c.upperFamilyPct > 0 && g.pct(c.upperFamilyPct) {
		// "DUBOIS Camille", as French administrative lists write it.
		g.buf = append(append(append(g.buf, fam.upper...), ' '), gv.native...)
		return gv.latin, fam.latin
	}
	g.buf = append(append(append(g.buf, gv.native...), ' '), fam.native...)
	if c.secondFamilyPct > 0 && g.pct(c.secondFamilyPct) {
		fam2 := pick(g, c.family)
		g.buf = append(append(g.buf, ' '), fam2.native...)
		return gv.latin, fam2.latin
	}
	return gv.latin, fam.latin
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var emailDomains = []choice{{"example.com", 60}, {"example.org", 25}, {"example.net", 15}}

// email appends an address made of the names and k, unique because k is.
func (g *gen) email(given, family string, k int, broken bool) {
	switch g.intn(10) {
	case 0, 1, 2, 3, 4:
		g.buf = append(append(append(g.buf, given...), '.'), family...)
	case 5, 6:
		g.buf = append(append(g.buf, given...), family...)
	case 7:
		g.buf = append(append(append(g.buf, given[0]), '.'), family...)
	case 8:
		g.buf = append(append(append(g.buf, family...), '_'), given...)
	default:
		g.buf = append(append(append(g.buf, family...), '.'), given...)
	}
	g.buf = strconv.AppendInt(g.buf, int64(k), 10)
	g.buf = append(g.buf, '@')
	if broken {
		g.buf = append(g.buf, '@')
	}
	g.buf = append(g.buf, g.choose(emailDomains)...)
}

var (
	deMobile = []string{"51 ", "52 ", "57 ", "60 ", "70 ", "76 "}
	cnMobile = []string{"3", "5", "8"}
	jpMobile = []string{"90-", "80-", "70-"}
)

// uniqueDigits returns 7 digits that are a bijection of k mod 10^7, so
// phone numbers built with them are unique in a sheet.
func (g *gen) uniqueDigits(k int) (d [7]byte) {
	v := (uint64(k)*7654321 + g.perm) % 1e7
	for i := 6; i >= 0; i-- {
		d[i] = byte('0' + v%10)
		v /= 10
	}
	return d
}

// phone appends a phone number in international format for country iso
// and reports whether it is unique by construction.
func (g *gen) phone(iso string, pl *place, k int) bool {
	switch iso {
	case "US", "CA": // 555-0100..0199 are reserved for fiction
		g.buf = append(g.buf, "+1 "...)
		g.buf = append(g.buf, pl.area...)
		g.buf = append(g.buf, "-555-01"...)
		g.digits(2)
		return false
	case "GB": // Ofcom drama range 07700 900000-900999
		g.buf = append(g.buf, "+44 7700 900"...)
		g.digits(3)
		return false
	case "FR": // ARCEP: 06 39 98 xx xx reserved for fiction
		g.buf = append(g.buf, "+33 6 39 98 "...)
		g.digits(2)
		g.buf = append(g.buf, ' ')
		g.digits(2)
		return false
	case "AU": // ACMA fictitious ranges: (02) 5550 xxxx, (03) 7010 xxxx...
		g.buf = append(g.buf, "+61 "...)
		g.buf = append(g.buf, pl.area...)
		g.digits(4)
		return false
	}
	d := g.uniqueDigits(k)
	switch iso {
	case "IT":
		g.buf = append(g.buf, "+39 3"...)
		g.buf = append(g.buf, byte('2'+g.intn(8)), byte('0'+g.intn(10)), ' ')
		g.buf = append(append(append(g.buf, d[:3]...), ' '), d[3:]...)
	case "DE":
		g.buf = append(g.buf, "+49 1"...)
		g.buf = append(g.buf, pick(g, deMobile)...)
		g.digits(1)
		g.buf = append(g.buf, d[:]...)
	case "RU":
		g.buf = append(g.buf, "+7 9"...)
		g.digits(2)
		g.buf = append(append(append(g.buf, ' '), d[:3]...), '-')
		g.buf = append(append(append(g.buf, d[3:5]...), '-'), d[5:]...)
	case "CN":
		g.buf = append(g.buf, "+86 1"...)
		g.buf = append(g.buf, pick(g, cnMobile)...)
		g.digits(1)
		g.buf = append(g.buf, ' ')
		g.digits(1)
		g.buf = append(append(append(g.buf, d[:3]...), ' '), d[3:]...)
	case "BR":
		g.buf = append(g.buf, "+55 "...)
		g.buf = append(g.buf, pl.area...)
		g.buf = append(g.buf, " 9"...)
		g.digits(1)
		g.buf = append(append(append(g.buf, d[:3]...), '-'), d[3:]...)
	case "JP":
		g.buf = append(g.buf, "+81 "...)
		g.buf = append(g.buf, pick(g, jpMobile)...)
		g.digits(1)
		g.buf = append(append(append(g.buf, d[:3]...), '-'), d[3:]...)
	}
	return true
}

// activationCode appends "ACME-XXXX-XXXX", where the 8 characters encode a
// bijection of k on 40 bits: unique in a sheet.
func (g *gen) activationCode(k int) {
	const (
		mask     = 1<<40 - 1
		alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ" // no 0 O 1 I
	)
	v := (uint64(k)*0x9e3779b97f ^ g.seed) & mask
	v ^= v >> 17
	v = v * 0x5851f42d4c95 & mask // odd: invertible mod 2^40
	v ^= v >> 13
	g.buf = append(g.buf, "ACME-"...)
	for i := range 8 {
		if i == 4 {
			g.buf = append(g.buf, '-')
		}
		g.buf = append(g.buf, alphabet[v>>(35-5*i)&31])
	}
}

// street appends a street address in the style of country iso.
func (g *gen) street(iso string, pl *place) {
	switch iso {
	case "IT":
		g.streetIT()
	case "FR":
		g.streetFR()
	case "GB":
		g.streetGB()
	case "DE":
		g.streetDE()
	case "US":
		g.streetUS()
	case "CA":
		g.streetCA(pl)
	case "RU":
		g.streetRU()
	case "CN":
		g.streetCN(pl)
	case "BR":
		g.streetBR()
	case "JP":
		g.streetJP()
	case "AU":
		g.streetAU()
	}
}

// streetIT appends a street address as written in Italy.
func (g *gen) streetIT() {
	g.buf = append(g.buf, pick(g, itStreets)...)
	g.buf = append(g.buf, ' ')
	g.num(1, 200)
	if g.pct(10) {
		g.buf = append(g.buf, ", int. "...)
		g.num(1, 20)
	}
}

// streetFR appends a street address as written in France.
func (g *gen) streetFR() {
	g.num(1, 150)
	if g.pct(5) {
		g.buf = append(g.buf, " bis"...)
	}
	g.buf = append(g.buf, ' ')
	g.buf = append(g.buf, pick(g, frStreets)...)
	if g.pct(5) {
		g.buf = append(g.buf, "\nBâtiment "...)
		g.buf = append(g.buf, "ABCD"[g.intn(4)])
		g.wrap = true
	}
}

// streetGB appends a street address as written in the United Kingdom.
func (g *gen) streetGB() {
	if g.pct(12) {
		g.buf = append(g.buf, "Flat "...)
		g.num(1, 24)
		g.buf = append(g.buf, '\n')
		g.wrap = true
	}
	g.num(1, 180)
	g.buf = append(g.buf, ' ')
	g.buf = append(g.buf, pick(g, gbStreets)...)
}

// streetDE appends a street address as written in Germany.
func (g *gen) streetDE() {
	g.buf = append(g.buf, pick(g, deStreets)...)
	g.buf = append(g.buf, ' ')
	g.num(1, 120)
	if g.pct(5) {
		g.buf = append(g.buf, 'a')
	}
}

// streetUS appends a street address as written in the United States.
func (g *gen) streetUS() {
	g.num(1, 2999)
	g.buf = append(g.buf, ' ')
	g.buf = append(g.buf, pick(g, usStreets)...)
	switch n := g.intn(100); {
	case n < 12:
		g.buf = append(g.buf, " Apt "...)
		g.num(1, 40)
	case n < 16:
		g.buf = append(g.buf, "\nApt "...)
		g.num(1, 9)
		g.buf = append(g.buf, "ABCD"[g.intn(4)])
		g.wrap = true
	case n < 19:
		g.buf = append(g.buf, " Suite "...)
		g.num(1, 9)
		g.buf = append(g.buf, "00"...)
	}
}

// streetCA appends a street address as written in Canada (Quebec in French).
func (g *gen) streetCA(pl *place) {
	if pl.region == "QC" {
		g.num(10, 9999)
		g.buf = append(g.buf, ", "...)
		g.buf = append(g.buf, pick(g, qcStreets)...)
		if g.pct(15) {
			g.buf = append(g.buf, ", app. "...)
			g.num(1, 30)
		}
	} else {
		if g.pct(15) {
			g.num(101, 2400)
			g.buf = append(g.buf, '-')
		}
		g.num(1, 999)
		g.buf = append(g.buf, ' ')
		g.buf = append(g.buf, pick(g, onStreets)...)
	}
}

// streetRU appends a street address as written in Russia.
func (g *gen) streetRU() {
	g.buf = append(g.buf, pick(g, ruStreets)...)
	g.buf = append(g.buf, ", д. "...)
	g.num(1, 150)
	if g.pct(10) {
		g.buf = append(g.buf, ", корп. "...)
		g.num(1, 5)
	}
	if g.pct(60) {
		g.buf = append(g.buf, ", кв. "...)
		g.num(1, 300)
	}
}

// streetCN appends a street address as written in China.
func (g *gen) streetCN(pl *place) {
	g.buf = append(g.buf, pick(g, pl.districts)...)
	g.buf = append(g.buf, pick(g, cnRoads)...)
	g.num(1, 999)
	g.buf = append(g.buf, "号"...)
	if g.pct(60) {
		g.num(1, 30)
		g.buf = append(g.buf, "栋"...)
		g.num(1, 6)
		g.buf = append(g.buf, "单元"...)
		g.num(1, 28)
		g.buf = append(g.buf, '0')
		g.num(1, 6)
		g.buf = append(g.buf, "室"...)
	}
}

// streetBR appends a street address as written in Brazil.
func (g *gen) streetBR() {
	g.buf = append(g.buf, pick(g, brStreets)...)
	g.buf = append(g.buf, ", "...)
	g.num(1, 3000)
	switch n := g.intn(100); {
	case n < 25:
		g.buf = append(g.buf, ", apto "...)
		g.num(1, 20)
		g.buf = append(g.buf, '0')
		g.num(1, 8)
	case n < 30:
		g.buf = append(g.buf, ", bloco "...)
		g.buf = append(g.buf, "ABC"[g.intn(3)])
		g.buf = append(g.buf, ", apto "...)
		g.num(101, 1204)
	}
}

// streetJP appends a street address as written in Japan.
func (g *gen) streetJP() {
	g.buf = append(g.buf, pick(g, jpTowns)...)
	g.num(1, 9)
	g.buf = append(g.buf, '-')
	g.num(1, 30)
	g.buf = append(g.buf, '-')
	g.num(1, 20)
	if g.pct(30) {
		g.buf = append(g.buf, ' ')
		g.buf = append(g.buf, pick(g, jpBuildings)...)
		g.num(1, 15)
		g.buf = append(g.buf, '0')
		g.num(1, 9)
		g.buf = append(g.buf, "号室"...)
	}
}

// streetAU appends a street address as written in Australia.
func (g *gen) streetAU() {
	if g.pct(20) {
		g.buf = append(g.buf, "Unit "...)
		g.num(1, 40)
		g.buf = append(g.buf, '/')
	}
	g.num(1, 400)
	g.buf = append(g.buf, ' ')
	g.buf = append(g.buf, pick(g, auStreets)...)
}

// ---------------------------------------------------------------------------
// Data

type choice struct {
	s string
	w int
}

type place struct {
	city, region string
	zip          string // pattern: '#' a digit, '@' a letter
	area         string // telephone area code (US, CA, BR, AU)
	w            int    // weight; 0 means 1
	districts    []string
}

func (p *place) weight() int { return max(p.w, 1) }

type profile struct {
	iso       string
	weight    int      // rows per 1000
	country   []choice // values of the Country cell
	langs     []choice // values of the Language cell
	regionPct int      // percent of rows that fill State/Province
	cultures  []cultureMix
	places    []place
}

// cultureMix is a culture of the names of a country's customers, with its
// share (percent) and, if not nil, its own languages.
type cultureMix struct {
	c     *culture
	w     int
	langs []choice
	latin bool // Russian names written in Latin letters
}

const (
	kindWestern = iota
	kindRussian
	kindChinese
	kindJapanese
)

type culture struct {
	kind            int
	given, givenF   []name
	family          []name
	upperFamilyPct  int // "DUBOIS Camille"
	secondFamilyPct int // "Ana Souza Lima"
}

// name is a name as written, in lower-case ASCII (for e-mails) and in
// capitals; for Russian family names also the feminine form.
type name struct {
	native, latin, upper string
	nativeF, latinF      string
}

// names builds names from "native" or "native=latin" items; without
// "=latin" the ASCII form is the native one with accents removed.
func names(items ...string) []name {
	ns := make([]name, len(items))
	for i, it := range items {
		nat, lat, ok := strings.Cut(it, "=")
		if !ok {
			lat = fold(nat)
		}
		ns[i] = name{native: nat, latin: lat, upper: strings.ToUpper(nat)}
	}
	return ns
}

// russianFamily builds Russian family names from "Фамилия=familiya" items
// with their feminine forms.
func russianFamily(items ...string) []name {
	ns := names(items...)
	for i := range ns {
		n := &ns[i]
		switch {
		case strings.HasSuffix(n.native, "ский") || strings.HasSuffix(n.native, "цкий"):
			n.nativeF = strings.TrimSuffix(n.native, "ий") + "ая"
			n.latinF = strings.TrimSuffix(n.latin, "y") + "aya"
		case strings.HasSuffix(n.native, "ов") || strings.HasSuffix(n.native, "ев") || strings.HasSuffix(n.native, "ёв") ||
			strings.HasSuffix(n.native, "ин") || strings.HasSuffix(n.native, "ын"):
			n.nativeF = n.native + "а"
			n.latinF = n.latin + "a"
		default: // Ткаченко, Черных: the same for women
			n.nativeF, n.latinF = n.native, n.latin
		}
	}
	return ns
}

// fold returns s in lower-case ASCII letters: accents removed, other
// characters dropped.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ø':
			b.WriteByte('o')
		case r == 'æ':
			b.WriteString("ae")
		case r == 'œ':
			b.WriteString("oe")
		case r == 'ı':
			b.WriteByte('i')
		case unicode.Is(unicode.Mn, r):
		}
	}
	if b.Len() == 0 {
		panic("sample: name without a Latin form: " + s)
	}
	return b.String()
}

var (
	italian = &culture{kind: kindWestern,
		given: names("Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo", "Pietro", "Salvatore",
			"Carlo", "Domenico", "Paolo", "Michele", "Giorgio", "Niccolò", "Nicolò", "Mattia", "Lorenzo", "Andrea", "Matteo",
			"Gabriele", "Riccardo", "Tommaso", "Edoardo", "Federico", "Luca", "Marco", "Alessandro", "Davide", "Simone",
			"Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela", "Caterina", "Francesca",
			"Chiara", "Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Emma", "Giorgia", "Greta", "Martina", "Beatrice",
			"Elena", "Sara", "Noemi", "Ilaria", "Federica", "Valentina", "Silvia", "Paola", "Letizia", "Bianca", "Ludovica"),
		family: names("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
			"Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri",
			"Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile",
			"Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa",
			"Conte", "Ferraro", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti",
			"Pellegrini", "Palumbo", "Sanna", "Farina", "D'Amico", "Cantù", "Bertè", "Tomè", "Mirò", "Piras", "Orlando")}
	french = &culture{kind: kindWestern, upperFamilyPct: 4,
		given: names("Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Jade", "Louise", "Zoé", "Lucie", "Élodie", "Maëlle",
			"Clémence", "Agathe", "Hélène", "Noémie", "Océane", "Anaïs", "Margaux", "Juliette", "Lucas", "Hugo", "Louis",
			"Gabriel", "Nathan", "Théo", "Raphaël", "Arthur", "Jules", "Maël", "Noé", "Benoît", "Jérôme", "François",
			"Stéphane", "Sébastien", "Cédric", "Loïc", "Mathéo", "Timothée", "Jean-Baptiste", "Marie-Claire"),
		family: names("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
			"Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
			"Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Legrand", "Garnier", "Faure", "Rousseau",
			"Blanc", "Guérin", "Muller", "Henry", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Fontaine",
			"Chevalier", "Nguyen", "Noël", "Meunier", "Pérez", "Rivière", "Le Gall", "Prévost", "Carré", "Rémy", "Lefebvre")}
	quebecois = &culture{kind: kindWestern,
		given: names("Émilie", "Mathieu", "Jérémie", "Geneviève", "Marc-André", "Chloé", "Félix", "Maxime", "Catherine",
			"Sébastien", "Josée", "Benoît", "Étienne", "Gabrielle", "Olivier", "Isabelle", "Anne-Marie", "Jean-François",
			"Nathalie", "Léa", "Samuel", "Mélanie", "Alexandre", "Véronique"),
		family: names("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
			"Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher",
			"Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Lapointe", "St-Pierre", "Nadeau", "Hébert", "Thériault")}
	english = &culture{kind: kindWestern,
		given: names("Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "James", "William", "Olivia",
			"Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia", "Poppy", "Ella", "Michael", "David", "John", "Robert",
			"Christopher", "Daniel", "Matthew", "Jennifer", "Jessica", "Ashley", "Sarah", "Elizabeth", "Megan", "Hannah",
			"Siobhan", "Aoife", "Liam", "Chloe", "Zoë", "Priya", "Mohammed", "Aisha", "Ethan", "Madison"),
		family: names("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
			"Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Wood",
			"Harris", "Lewis", "Martin", "Jackson", "Clarke", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore",
			"King", "Watson", "Baker", "Harrison", "Morgan", "Patel", "Young", "Allen", "Mitchell", "Anderson", "Phillips",
			"Lee", "Bell", "Parker", "Davis", "O'Brien", "O'Connor", "McDonald", "MacLeod", "Murphy", "Kelly", "Nguyen",
			"Singh", "Khan", "Miller", "Garcia", "Kim")}
	hispanic = &culture{kind: kindWestern,
		given: names("José", "María", "Luis", "Carmen", "Juan", "Sofía", "Alejandro", "Lucía", "Carlos", "Ana", "Jesús",
			"Guadalupe", "Miguel", "Valentina", "Andrés", "Camila"),
		family: names("García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez",
			"Torres", "Flores", "Rivera", "Gómez", "Díaz", "Muñoz", "Ortiz")}
	german = &culture{kind: kindWestern,
		given: names("Lukas", "Jonas", "Leon", "Finn", "Maximilian", "Felix", "Paul", "Jürgen", "Klaus", "Stefan", "Uwe",
			"Mia", "Hannah", "Lena", "Lea", "Anna", "Sophie", "Marie", "Jülide", "Käthe", "Ursula", "Sabine", "Björn", "Jörg"),
		family: names("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
			"Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
			"Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Groß", "Köhler", "Yılmaz")}
	brazilian = &culture{kind: kindWestern, secondFamilyPct: 40,
		given: names("João", "Maria", "José", "Ana", "Pedro", "Francisca", "Lucas", "Juliana", "Gabriel", "Mariana",
			"Matheus", "Beatriz", "Rafael", "Larissa", "Guilherme", "Camila", "Thiago", "Letícia", "Vinícius", "Fernanda",
			"Antônio", "Luíza", "Caio", "Débora", "Sérgio", "Ana Paula", "João Pedro", "Maria Eduarda"),
		family: names("Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
			"Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
			"Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas",
			"Araújo", "Gonçalves", "Conceição", "Magalhães", "Brandão", "Falcão")}
	russian = &culture{kind: kindRussian,
		given: names("Александр=aleksandr", "Сергей=sergey", "Дмитрий=dmitry", "Андрей=andrey", "Алексей=aleksey",
			"Максим=maksim", "Иван=ivan", "Михаил=mikhail", "Артём=artyom", "Никита=nikita", "Евгений=evgeny",
			"Владимир=vladimir", "Николай=nikolay", "Павел=pavel", "Олег=oleg", "Юрий=yury", "Кирилл=kirill",
			"Роман=roman", "Илья=ilya", "Фёдор=fyodor"),
		givenF: names("Анна=anna", "Елена=elena", "Мария=maria", "Ольга=olga", "Наталья=natalya", "Татьяна=tatyana",
			"Екатерина=ekaterina", "Ирина=irina", "Светлана=svetlana", "Юлия=yulia", "Анастасия=anastasia",
			"Дарья=darya", "Ксения=ksenia", "Алёна=alyona", "Виктория=viktoria", "Полина=polina", "Софья=sofya",
			"Людмила=lyudmila", "Галина=galina", "Вера=vera"),
		family: russianFamily("Иванов=ivanov", "Смирнов=smirnov", "Кузнецов=kuznetsov", "Попов=popov", "Васильев=vasilyev",
			"Петров=petrov", "Соколов=sokolov", "Михайлов=mikhaylov", "Новиков=novikov", "Фёдоров=fyodorov",
			"Морозов=morozov", "Волков=volkov", "Алексеев=alekseev", "Лебедев=lebedev", "Семёнов=semyonov",
			"Егоров=egorov", "Павлов=pavlov", "Козлов=kozlov", "Степанов=stepanov", "Николаев=nikolaev", "Орлов=orlov",
			"Андреев=andreev", "Макаров=makarov", "Никитин=nikitin", "Захаров=zakharov", "Зайцев=zaytsev",
			"Соловьёв=solovyov", "Борисов=borisov", "Яковлев=yakovlev", "Григорьев=grigoryev", "Ковальский=kovalsky",
			"Ткаченко=tkachenko", "Шевченко=shevchenko", "Черных=chernykh")}
	chinese = &culture{kind: kindChinese,
		given: names("伟=wei", "芳=fang", "娜=na", "敏=min", "静=jing", "丽=li", "强=qiang", "磊=lei", "军=jun", "洋=yang",
			"勇=yong", "艳=yan", "杰=jie", "涛=tao", "明=ming", "超=chao", "秀英=xiuying", "晓明=xiaoming", "建华=jianhua",
			"志强=zhiqiang", "海燕=haiyan", "桂英=guiying", "子涵=zihan", "欣怡=xinyi", "浩然=haoran", "梓萱=zixuan",
			"宇轩=yuxuan", "雨桐=yutong", "思远=siyuan", "佳怡=jiayi", "俊杰=junjie", "丹=dan", "鹏=peng", "辉=hui",
			"玲=ling", "婷=ting", "斌=bin", "宁=ning"),
		family: names("王=wang", "李=li", "张=zhang", "刘=liu", "陈=chen", "杨=yang", "黄=huang", "赵=zhao", "吴=wu",
			"周=zhou", "徐=xu", "孙=sun", "马=ma", "朱=zhu", "胡=hu", "郭=guo", "何=he", "林=lin", "高=gao", "罗=luo",
			"郑=zheng", "梁=liang", "谢=xie", "宋=song", "唐=tang", "许=xu", "韩=han", "冯=feng", "邓=deng", "曹=cao",
			"欧阳=ouyang", "司马=sima")}
	japanese = &culture{kind: kindJapanese,
		given: names("翔=sho", "蓮=ren", "大翔=hiroto", "陽翔=haruto", "健太=kenta", "拓海=takumi", "悠真=yuma", "誠=makoto",
			"浩=hiroshi", "隆=takashi", "陽菜=hina", "結衣=yui", "美咲=misaki", "さくら=sakura", "葵=aoi", "花子=hanako",
			"裕子=yuko", "恵子=keiko", "愛=ai", "真由美=mayumi"),
		family: names("佐藤=sato", "鈴木=suzuki", "高橋=takahashi", "田中=tanaka", "伊藤=ito", "渡辺=watanabe", "山本=yamamoto",
			"中村=nakamura", "小林=kobayashi", "加藤=kato", "吉田=yoshida", "山田=yamada", "佐々木=sasaki", "山口=yamaguchi",
			"松本=matsumoto", "井上=inoue", "木村=kimura", "林=hayashi", "斎藤=saito", "清水=shimizu")}
)

// russianPatronymics are masculine and feminine patronymics.
var russianPatronymics = [][2]string{
	{"Александрович", "Александровна"}, {"Сергеевич", "Сергеевна"}, {"Дмитриевич", "Дмитриевна"},
	{"Андреевич", "Андреевна"}, {"Алексеевич", "Алексеевна"}, {"Иванович", "Ивановна"}, {"Михайлович", "Михайловна"},
	{"Владимирович", "Владимировна"}, {"Николаевич", "Николаевна"}, {"Павлович", "Павловна"}, {"Олегович", "Олеговна"},
	{"Юрьевич", "Юрьевна"}, {"Викторович", "Викторовна"}, {"Петрович", "Петровна"}, {"Евгеньевич", "Евгеньевна"},
}

var usStateNames = map[string]string{
	"CA": "California", "NY": "New York", "MA": "Massachusetts", "TX": "Texas", "FL": "Florida", "IL": "Illinois",
	"WA": "Washington", "NJ": "New Jersey", "PA": "Pennsylvania", "GA": "Georgia", "CO": "Colorado", "DC": "District of Columbia",
}

var (
	itStreets = []string{"Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Giuseppe Mazzini", "Via Cavour",
		"Piazza della Repubblica", "Viale dei Mille", "Via XX Settembre", "Via Dante Alighieri", "Via Nazionale",
		"Via Alessandro Manzoni", "Corso Italia", "Via San Francesco d'Assisi", "Via Guglielmo Marconi", "Via Giuseppe Verdi",
		"Largo Augusto", "Via dei Servi", "Via della Libertà", "Via Sant'Antonio", "Piazza Santa Maria Novella"}
	frStreets = []string{"rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "boulevard Voltaire", "place Bellecour",
		"rue du Faubourg Saint-Honoré", "rue de Rivoli", "avenue des Champs-Élysées", "rue Émile Zola", "allée des Tilleuls",
		"impasse des Lilas", "chemin des Écoliers", "quai des Chartrons", "rue Sainte-Catherine", "cours Mirabeau",
		"rue Nationale", "boulevard de la Liberté", "rue de l'Église", "place du Marché", "rue Pasteur"}
	gbStreets = []string{"High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road",
		"Park Avenue", "Queen's Road", "King Street", "The Crescent", "Mill Lane", "Baker Street", "Kingsway", "Albert Road",
		"St John's Road", "Castle Street", "Bridge Street", "Rose & Crown Yard"}
	deStreets = []string{"Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Gartenstraße", "Lindenallee",
		"Am Markt", "Kirchweg", "Friedrichstraße", "Königsallee", "Schloßstraße", "Mühlenweg", "Rosenstraße", "Bergstraße",
		"Waldstraße"}
	usStreets = []string{"Main Street", "Market St", "Broadway", "Oak Avenue", "Maple Ave", "Elm Street", "Park Avenue",
		"Washington Blvd", "Sunset Blvd", "Lake Shore Dr", "2nd Street", "5th Avenue", "Pine St", "Cedar Lane",
		"Mission St", "Peachtree St NE", "Ocean Drive", "Congress Ave", "Commonwealth Ave", "Martin Luther King Jr Blvd"}
	qcStreets = []string{"rue Sainte-Catherine Ouest", "boulevard Saint-Laurent", "rue Saint-Denis", "avenue du Mont-Royal Est",
		"rue Sherbrooke Ouest", "chemin de la Côte-des-Neiges", "rue Notre-Dame Est", "boulevard René-Lévesque",
		"Grande Allée Est", "rue Saint-Jean"}
	onStreets = []string{"King St W", "Queen St E", "Yonge St", "Bloor St W", "Dundas St", "Bank St", "Elgin St",
		"Spadina Ave", "Richmond St", "Main St E"}
	ruStreets = []string{"ул. Ленина", "ул. Пушкина", "пр. Мира", "ул. Гагарина", "ул. Советская", "ул. Садовая",
		"Невский пр.", "ул. Тверская", "ул. Зелёная", "Ленинский пр.", "ул. Кирова", "ул. Молодёжная",
		"наб. реки Фонтанки", "пер. Чистый", "ш. Энтузиастов", "ул. Большая Покровская"}
	cnRoads = []string{"人民路", "中山路", "解放路", "建设路", "长江路", "和平路", "新华路", "胜利路", "文化路", "建国路",
		"南京路", "光明街", "朝阳路", "花园路", "青年路", "学府路", "科技路", "东风路", "幸福路", "友谊路"}
	brStreets = []string{"Rua Augusta", "Avenida Paulista", "Rua das Flores", "Avenida Atlântica", "Rua da Consolação",
		"Avenida Brasil", "Rua XV de Novembro", "Rua Oscar Freire", "Avenida Sete de Setembro", "Rua Bahia",
		"Avenida Boa Viagem", "Rua Padre Chagas", "Rua São Bento", "Travessa do Ouvidor", "Praça da Sé"}
	jpTowns = []string{"本町", "中央", "栄", "錦", "丸の内", "西新宿", "神南", "梅田", "大手町", "天神", "旭町", "緑町",
		"桜木町", "元町", "三宮町", "一番町"}
	jpBuildings = []string{"サンハイツ", "グランドメゾン", "コーポ山田", "パークハウス", "レジデンス桜"}
	auStreets   = []string{"George Street", "Collins Street", "Queen Street", "Pitt Street", "Bourke Street", "Hay Street",
		"King William Street", "Flinders Lane", "Elizabeth Street", "Murray Street", "Smith Street", "Beach Road",
		"Station Street", "The Esplanade"}
)

// categorySets are the Data Categories cells: 40 of 100 are empty. A set
// ending with "ssn" is replaced by nonUSIdentity outside the US.
var categorySets = func() [][]string {
	sets := []struct {
		codes string
		w     int
	}{
		{"", 40},
		{"name email", 10},
		{"name email password_hash", 8},
		{"name email phone", 5},
		{"name email password_hash payment_card", 6},
		{"name postal_address date_of_birth", 4},
		{"email username password_hash", 4},
		{"name email phone postal_address", 4},
		{"name date_of_birth national_id", 3},
		{"name drivers_license ssn", 3},
		{"name email health health_insurance", 2},
		{"name bank_account tax_id", 2},
		{"name passport date_of_birth", 2},
		{"email location precise_geolocation", 1},
		{"name biometric", 1},
		{"username password security_qa", 2},
		{"name email genetic", 1},
		{"name payment_card", 2},
	}
	var out [][]string
	for _, s := range sets {
		for range s.w {
			out = append(out, strings.Fields(s.codes))
		}
	}
	return out
}()

var nonUSIdentity = []string{"name", "drivers_license", "national_id"}

var (
	langIT = []choice{{"it", 80}, {"it-IT", 15}, {"en", 3}, {"", 2}}
	langFR = []choice{{"fr", 80}, {"fr-FR", 17}, {"en", 2}, {"", 1}}
	langGB = []choice{{"en-GB", 60}, {"en", 39}, {"", 1}}
	langUS = []choice{{"en-US", 55}, {"en", 44}, {"", 1}}
	langRU = []choice{{"ru", 85}, {"ru-RU", 14}, {"", 1}}
	langCN = []choice{{"zh-Hans", 45}, {"zh-CN", 25}, {"zh", 25}, {"zh-Hans-CN", 4}, {"", 1}}
)

var profiles = []profile{
	{iso: "IT", weight: 205, country: []choice{{"IT", 85}, {"Italia", 10}, {"Italy", 5}}, langs: langIT, regionPct: 90,
		cultures: []cultureMix{{c: italian, w: 97}, {c: chinese, w: 3, langs: []choice{{"it", 60}, {"zh-Hans", 40}}}},
		places: []place{
			{city: "Milano", region: "MI", zip: "201##", w: 5}, {city: "Roma", region: "RM", zip: "001##", w: 6},
			{city: "Napoli", region: "NA", zip: "801##", w: 3}, {city: "Torino", region: "TO", zip: "101##", w: 3},
			{city: "Firenze", region: "FI", zip: "501##", w: 2}, {city: "Bologna", region: "BO", zip: "401##", w: 2},
			{city: "Palermo", region: "PA", zip: "901##", w: 2}, {city: "Genova", region: "GE", zip: "161##", w: 2},
			{city: "Bari", region: "BA", zip: "701##", w: 2}, {city: "Venezia", region: "VE", zip: "301##"},
			{city: "Verona", region: "VR", zip: "371##"}, {city: "Catania", region: "CT", zip: "951##"},
			{city: "Cagliari", region: "CA", zip: "091##"}, {city: "Trieste", region: "TS", zip: "341##"},
			{city: "Forlì", region: "FC", zip: "4712#"}, {city: "Cantù", region: "CO", zip: "22063"},
		}},
	{iso: "FR", weight: 170, country: []choice{{"FR", 85}, {"France", 15}}, langs: langFR, regionPct: 30,
		cultures: []cultureMix{{c: french, w: 100}},
		places: []place{
			{city: "Paris", region: "Île-de-France", zip: "7500#", w: 4}, {city: "Paris", region: "Île-de-France", zip: "7501#", w: 4},
			{city: "Lyon", region: "Auvergne-Rhône-Alpes", zip: "6900#", w: 2}, {city: "Marseille", region: "Provence-Alpes-Côte d'Azur", zip: "1300#", w: 2},
			{city: "Toulouse", region: "Occitanie", zip: "31#00"}, {city: "Nice", region: "Provence-Alpes-Côte d'Azur", zip: "06#00"},
			{city: "Nantes", region: "Pays de la Loire", zip: "44#00"}, {city: "Strasbourg", region: "Grand Est", zip: "67#00"},
			{city: "Bordeaux", region: "Nouvelle-Aquitaine", zip: "33#00"}, {city: "Lille", region: "Hauts-de-France", zip: "59#00"},
			{city: "Montpellier", region: "Occitanie", zip: "340#0"}, {city: "Rennes", region: "Bretagne", zip: "35#00"},
			{city: "Orléans", region: "Centre-Val de Loire", zip: "45#00"}, {city: "Aix-en-Provence", region: "Provence-Alpes-Côte d'Azur", zip: "13#90"},
			{city: "Saint-Étienne", region: "Auvergne-Rhône-Alpes", zip: "42#00"},
		}},
	{iso: "CA", weight: 30, country: []choice{{"CA", 80}, {"Canada", 20}}, regionPct: 100,
		langs:    []choice{{"fr-CA", 85}, {"fr", 10}, {"en-CA", 5}},
		cultures: []cultureMix{{c: quebecois, w: 100}},
		places: []place{
			{city: "Montréal", region: "QC", zip: "H2X #@#", area: "514", w: 3}, {city: "Montréal", region: "QC", zip: "H3B #@#", area: "514", w: 2},
			{city: "Québec", region: "QC", zip: "G1R #@#", area: "418", w: 2}, {city: "Laval", region: "QC", zip: "H7N #@#", area: "450"},
			{city: "Gatineau", region: "QC", zip: "J8X #@#", area: "819"}, {city: "Sherbrooke", region: "QC", zip: "J1H #@#", area: "819"},
		}},
	{iso: "CA", weight: 20, country: []choice{{"CA", 80}, {"Canada", 20}}, regionPct: 100,
		langs:    []choice{{"en-CA", 60}, {"en", 30}, {"fr-CA", 10}},
		cultures: []cultureMix{{c: english, w: 100}},
		places: []place{
			{city: "Toronto", region: "ON", zip: "M5V #@#", area: "416", w: 4}, {city: "Ottawa", region: "ON", zip: "K1P #@#", area: "613", w: 2},
			{city: "Mississauga", region: "ON", zip: "L5B #@#", area: "905"}, {city: "Hamilton", region: "ON", zip: "L8P #@#", area: "905"},
			{city: "London", region: "ON", zip: "N6A #@#", area: "519"},
		}},
	{iso: "GB", weight: 55, country: []choice{{"GB", 70}, {"UK", 15}, {"United Kingdom", 15}}, langs: langGB, regionPct: 20,
		cultures: []cultureMix{{c: english, w: 100}},
		places: []place{
			{city: "London", region: "England", zip: "SW1A #@@", w: 3}, {city: "London", region: "England", zip: "EC1A #@@", w: 2},
			{city: "London", region: "England", zip: "N1 #@@", w: 2}, {city: "London", region: "England", zip: "SE1 #@@", w: 2},
			{city: "Manchester", region: "England", zip: "M1 #@@", w: 2}, {city: "Birmingham", region: "England", zip: "B1 #@@", w: 2},
			{city: "Leeds", region: "England", zip: "LS1 #@@"}, {city: "Glasgow", region: "Scotland", zip: "G1 #@@"},
			{city: "Edinburgh", region: "Scotland", zip: "EH1 #@@"}, {city: "Bristol", region: "England", zip: "BS1 #@@"},
			{city: "Cardiff", region: "Wales", zip: "CF10 #@@"}, {city: "Liverpool", region: "England", zip: "L1 #@@"},
			{city: "Belfast", region: "Northern Ireland", zip: "BT1 #@@"}, {city: "Newcastle upon Tyne", region: "England", zip: "NE1 #@@"},
		}},
	{iso: "US", weight: 95, country: []choice{{"US", 70}, {"USA", 20}, {"United States", 10}}, langs: langUS, regionPct: 97,
		cultures: []cultureMix{
			{c: english, w: 78},
			{c: hispanic, w: 15, langs: []choice{{"en-US", 60}, {"en", 25}, {"es-US", 15}}},
			{c: chinese, w: 4, langs: []choice{{"zh-Hans", 60}, {"en", 40}}},
			{c: russian, w: 3, latin: true, langs: []choice{{"ru", 70}, {"en", 30}}},
		},
		places: []place{
			{city: "Los Angeles", region: "CA", zip: "900##", area: "213", w: 8}, {city: "San Francisco", region: "CA", zip: "941##", area: "415", w: 5},
			{city: "San Diego", region: "CA", zip: "921##", area: "619", w: 4}, {city: "San Jose", region: "CA", zip: "951##", area: "408", w: 3},
			{city: "Sacramento", region: "CA", zip: "958##", area: "916", w: 2}, {city: "Oakland", region: "CA", zip: "946##", area: "510", w: 2},
			{city: "Fresno", region: "CA", zip: "937##", area: "559"},
			{city: "New York", region: "NY", zip: "100##", area: "212", w: 8}, {city: "Brooklyn", region: "NY", zip: "112##", area: "718", w: 4},
			{city: "Buffalo", region: "NY", zip: "142##", area: "716"}, {city: "Albany", region: "NY", zip: "122##", area: "518"},
			{city: "Rochester", region: "NY", zip: "146##", area: "585"},
			{city: "Boston", region: "MA", zip: "021##", area: "617", w: 4}, {city: "Cambridge", region: "MA", zip: "021##", area: "617", w: 2},
			{city: "Worcester", region: "MA", zip: "016##", area: "508"}, {city: "Springfield", region: "MA", zip: "011##", area: "413"},
			{city: "Houston", region: "TX", zip: "770##", area: "713", w: 5}, {city: "Austin", region: "TX", zip: "787##", area: "512", w: 3},
			{city: "Dallas", region: "TX", zip: "752##", area: "214", w: 4}, {city: "San Antonio", region: "TX", zip: "782##", area: "210", w: 3},
			{city: "El Paso", region: "TX", zip: "799##", area: "915"},
			{city: "Miami", region: "FL", zip: "331##", area: "305", w: 4}, {city: "Orlando", region: "FL", zip: "328##", area: "407", w: 3},
			{city: "Tampa", region: "FL", zip: "336##", area: "813", w: 3}, {city: "Jacksonville", region: "FL", zip: "322##", area: "904", w: 2},
			{city: "Chicago", region: "IL", zip: "606##", area: "312", w: 4}, {city: "Seattle", region: "WA", zip: "981##", area: "206", w: 3},
			{city: "Newark", region: "NJ", zip: "071##", area: "973", w: 2}, {city: "Philadelphia", region: "PA", zip: "191##", area: "215", w: 3},
			{city: "Atlanta", region: "GA", zip: "303##", area: "404", w: 2}, {city: "Denver", region: "CO", zip: "802##", area: "303", w: 2},
			{city: "Washington", region: "DC", zip: "200##", area: "202", w: 2},
		}},
	{iso: "AU", weight: 15, country: []choice{{"AU", 80}, {"Australia", 20}}, regionPct: 95,
		langs:    []choice{{"en-AU", 60}, {"en", 39}, {"", 1}},
		cultures: []cultureMix{{c: english, w: 100}},
		places: []place{
			{city: "Sydney", region: "NSW", zip: "20##", area: "2 5550 ", w: 5}, {city: "Melbourne", region: "VIC", zip: "30##", area: "3 7010 ", w: 5},
			{city: "Brisbane", region: "QLD", zip: "40##", area: "7 5550 ", w: 3}, {city: "Perth", region: "WA", zip: "60##", area: "8 7010 ", w: 2},
			{city: "Adelaide", region: "SA", zip: "50##", area: "8 7010 ", w: 2}, {city: "Hobart", region: "TAS", zip: "70##", area: "3 7010 "},
			{city: "Canberra", region: "ACT", zip: "26##", area: "2 5550 "}, {city: "Darwin", region: "NT", zip: "08##", area: "8 7010 "},
			{city: "Gold Coast", region: "QLD", zip: "42##", area: "7 5550 "}, {city: "Newcastle", region: "NSW", zip: "23##", area: "2 5550 "},
		}},
	{iso: "RU", weight: 185, country: []choice{{"RU", 80}, {"Россия", 15}, {"Russia", 5}}, langs: langRU, regionPct: 80,
		cultures: []cultureMix{{c: russian, w: 100}},
		places: []place{
			{city: "Москва", zip: "11####", w: 6}, {city: "Москва", zip: "12####", w: 6},
			{city: "Санкт-Петербург", zip: "19####", w: 6},
			{city: "Новосибирск", region: "Новосибирская область", zip: "630###", w: 2},
			{city: "Екатеринбург", region: "Свердловская область", zip: "620###", w: 2},
			{city: "Казань", region: "Республика Татарстан", zip: "420###", w: 2},
			{city: "Нижний Новгород", region: "Нижегородская область", zip: "603###", w: 2},
			{city: "Самара", region: "Самарская область", zip: "443###"},
			{city: "Ростов-на-Дону", region: "Ростовская область", zip: "344###"},
			{city: "Краснодар", region: "Краснодарский край", zip: "350###"},
			{city: "Владивосток", region: "Приморский край", zip: "690###"},
			{city: "Пермь", region: "Пермский край", zip: "614###"},
			{city: "Воронеж", region: "Воронежская область", zip: "394###"},
			{city: "Челябинск", region: "Челябинская область", zip: "454###"},
			{city: "Уфа", region: "Республика Башкортостан", zip: "450###"},
			{city: "Калининград", region: "Калининградская область", zip: "236###"},
			{city: "Королёв", region: "Московская область", zip: "14107#"},
		}},
	{iso: "CN", weight: 185, country: []choice{{"CN", 80}, {"中国", 15}, {"China", 5}}, langs: langCN, regionPct: 70,
		cultures: []cultureMix{{c: chinese, w: 100}},
		places: []place{
			{city: "北京市", zip: "100###", w: 5, districts: []string{"朝阳区", "海淀区", "东城区", "西城区"}},
			{city: "上海市", zip: "200###", w: 5, districts: []string{"浦东新区", "徐汇区", "静安区", "黄浦区"}},
			{city: "广州市", region: "广东省", zip: "510###", w: 3, districts: []string{"天河区", "越秀区", "海珠区"}},
			{city: "深圳市", region: "广东省", zip: "518###", w: 3, districts: []string{"南山区", "福田区", "罗湖区"}},
			{city: "杭州市", region: "浙江省", zip: "310###", w: 2, districts: []string{"西湖区", "上城区", "拱墅区"}},
			{city: "成都市", region: "四川省", zip: "610###", w: 2, districts: []string{"锦江区", "武侯区", "青羊区"}},
			{city: "南京市", region: "江苏省", zip: "210###", w: 2, districts: []string{"鼓楼区", "玄武区", "秦淮区"}},
			{city: "武汉市", region: "湖北省", zip: "430###", w: 2, districts: []string{"武昌区", "江汉区", "洪山区"}},
			{city: "西安市", region: "陕西省", zip: "710###", districts: []string{"雁塔区", "碑林区"}},
			{city: "重庆市", zip: "400###", w: 2, districts: []string{"渝中区", "江北区"}},
			{city: "天津市", zip: "300###", districts: []string{"和平区", "南开区"}},
			{city: "苏州市", region: "江苏省", zip: "215###", districts: []string{"姑苏区", "工业园区"}},
			{city: "长沙市", region: "湖南省", zip: "410###", districts: []string{"岳麓区", "芙蓉区"}},
			{city: "沈阳市", region: "辽宁省", zip: "110###", districts: []string{"和平区", "沈河区"}},
			{city: "哈尔滨市", region: "黑龙江省", zip: "150###", districts: []string{"南岗区", "道里区"}},
		}},
	{iso: "DE", weight: 15, country: []choice{{"DE", 80}, {"Deutschland", 10}, {"Germany", 10}}, regionPct: 40,
		langs:    []choice{{"de", 85}, {"de-DE", 10}, {"en", 5}},
		cultures: []cultureMix{{c: german, w: 100}},
		places: []place{
			{city: "Berlin", region: "Berlin", zip: "101##", w: 3}, {city: "Hamburg", region: "Hamburg", zip: "200##", w: 2},
			{city: "München", region: "Bayern", zip: "803##", w: 2}, {city: "Köln", region: "Nordrhein-Westfalen", zip: "506##"},
			{city: "Frankfurt am Main", region: "Hessen", zip: "603##"}, {city: "Stuttgart", region: "Baden-Württemberg", zip: "701##"},
			{city: "Düsseldorf", region: "Nordrhein-Westfalen", zip: "402##"}, {city: "Leipzig", region: "Sachsen", zip: "041##"},
			{city: "Dresden", region: "Sachsen", zip: "010##"}, {city: "Nürnberg", region: "Bayern", zip: "904##"},
		}},
	{iso: "BR", weight: 15, country: []choice{{"BR", 80}, {"Brasil", 20}}, regionPct: 95,
		langs:    []choice{{"pt-BR", 85}, {"pt", 10}, {"en", 5}},
		cultures: []cultureMix{{c: brazilian, w: 100}},
		places: []place{
			{city: "São Paulo", region: "SP", zip: "01###-###", area: "11", w: 4}, {city: "São Paulo", region: "SP", zip: "04###-###", area: "11", w: 3},
			{city: "Rio de Janeiro", region: "RJ", zip: "20###-###", area: "21", w: 3}, {city: "Rio de Janeiro", region: "RJ", zip: "22###-###", area: "21", w: 2},
			{city: "Belo Horizonte", region: "MG", zip: "30###-###", area: "31", w: 2}, {city: "Salvador", region: "BA", zip: "40###-###", area: "71"},
			{city: "Curitiba", region: "PR", zip: "80###-###", area: "41"}, {city: "Porto Alegre", region: "RS", zip: "90###-###", area: "51"},
			{city: "Recife", region: "PE", zip: "50###-###", area: "81"}, {city: "Fortaleza", region: "CE", zip: "60###-###", area: "85"},
			{city: "Brasília", region: "DF", zip: "70###-###", area: "61"}, {city: "Florianópolis", region: "SC", zip: "88###-###", area: "48"},
			{city: "Goiânia", region: "GO", zip: "74###-###", area: "62"}, {city: "Belém", region: "PA", zip: "66###-###", area: "91"},
		}},
	{iso: "JP", weight: 10, country: []choice{{"JP", 80}, {"日本", 10}, {"Japan", 10}}, regionPct: 100,
		langs:    []choice{{"ja", 85}, {"ja-JP", 5}, {"en", 10}},
		cultures: []cultureMix{{c: japanese, w: 100}},
		places: []place{
			{city: "千代田区", region: "東京都", zip: "100-####", w: 2}, {city: "新宿区", region: "東京都", zip: "160-####", w: 2},
			{city: "渋谷区", region: "東京都", zip: "150-####", w: 2}, {city: "港区", region: "東京都", zip: "105-####", w: 2},
			{city: "大阪市北区", region: "大阪府", zip: "530-####", w: 2}, {city: "京都市中京区", region: "京都府", zip: "604-####"},
			{city: "名古屋市中区", region: "愛知県", zip: "460-####"}, {city: "札幌市中央区", region: "北海道", zip: "060-####"},
			{city: "福岡市博多区", region: "福岡県", zip: "812-####"}, {city: "横浜市西区", region: "神奈川県", zip: "220-####"},
			{city: "神戸市中央区", region: "兵庫県", zip: "650-####"}, {city: "仙台市青葉区", region: "宮城県", zip: "980-####"},
		}},
}

// profileIndex maps a number in [0, 1000) to a profile.
var profileIndex = func() []uint8 {
	var idx []uint8
	for i, p := range profiles {
		for range p.weight {
			idx = append(idx, uint8(i))
		}
	}
	if len(idx) != 1000 {
		panic(fmt.Sprintf("sample: profile weights add up to %d, want 1000", len(idx)))
	}
	return idx
}()
