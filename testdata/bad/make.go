//go:build ignore

// make.go writes the hostile customer files of testdata/bad (see README.md
// there). Run it from the repository root:
//
//	go run testdata/bad/make.go
//
// Every file is small (the largest is about 60 KB): the bombs declare sizes
// they do not have or compress a huge run of one byte, and the file with a
// 1 MiB CSV cell is made by the test itself (cmd/breachnotice/bad_files_test.go).
// The output is deterministic: fixed zip dates, a seeded generator for the
// garbage. The encrypted, .xls and .ods files are copies of fixtures of
// letters/customers/testdata/fixtures.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"
)

const dir = "testdata/bad"

var modified = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func main() {
	log.SetFlags(0)
	if _, err := os.Stat(filepath.Join(dir, "make.go")); err != nil {
		log.Fatal("run from the repository root: go run testdata/bad/make.go")
	}
	fixtures := filepath.Join("letters", "recipients", "testdata", "fixtures")

	// --- Not a workbook at all, or not the format the name says ---
	write("empty.xlsx", nil)
	write("empty.csv", nil)
	write("garbage.xlsx", garbage(1, 4096))
	write("garbage.csv", garbage(2, 4096))
	write("csv-named.xlsx", []byte(goodCSV))
	write("xlsx-named.csv", zipParts(workbook(goodSheet, nil)))
	write("no-extension", []byte(goodCSV))
	write("legacy.xls", read(filepath.Join(fixtures, "plain-libreoffice.xls")))
	write("legacy-named.xlsx", read(filepath.Join(fixtures, "plain-libreoffice.xls")))
	write("legacy-named.csv", read(filepath.Join(fixtures, "plain-libreoffice.xls")))
	write("opendocument-named.xlsx", read(filepath.Join(fixtures, "plain-libreoffice.ods")))
	write("encrypted.xlsx", read(filepath.Join(fixtures, "plain-password.xlsx")))

	// --- Damaged workbooks ---
	good := zipParts(workbook(goodSheet, nil))
	write("truncated.xlsx", good[:len(good)*6/10])
	// A complete zip archive whose sheet stops in the middle of row 3.
	write("truncated-sheet.xlsx", zipParts(withPart(workbook(goodSheet, nil), "xl/worksheets/sheet1.xml",
		func(p *part) { p.body = p.body[:strings.Index(p.body, "Bianchi")] })))
	write("bad-crc.xlsx", badCRC())
	write("sheet-not-well-formed.xlsx", zipParts(workbook(
		headerRow+`<row r="2">`+is("A2", "C-1")+`<c r="B2" t="inlineStr"<is><t>Mario Rossi</t></is></c></row>`, nil)))
	write("billion-laughs.xlsx", billionLaughs())
	write("no-sheets.xlsx", noSheets())
	write("bad-shared-string.xlsx", zipParts(workbook(
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`+
			`<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>99</v></c></row>`,
		[]string{"Customer ID", "Full Name", "Country", "C-1", "Mario Rossi"})))
	write("rows-out-of-order.xlsx", zipParts(workbook(
		headerRow+dataRow(5, "C-1", "Mario Rossi", "mario.rossi@example.it", "Via Roma 1", "Roma", "Italia", "it")+
			dataRow(3, "C-2", "Giulia Bianchi", "giulia.bianchi@example.it", "Via Po 2", "Torino", "Italia", "it"), nil)))

	// --- Bombs ---
	write("zip-bomb.xlsx", zipParts(withPart(workbook(goodSheet, nil), "xl/worksheets/sheet1.xml",
		func(p *part) { p.declared = 5 << 30 })))
	write("zip-bomb-strings.xlsx", zipParts(withPart(workbook(goodSheet, []string{"Customer ID"}), "xl/sharedStrings.xml",
		func(p *part) { p.declared = 2 << 30 })))
	// The sheet says it is 4 KiB but inflates to 64 MiB of spaces.
	write("zip-bomb-lying.xlsx", zipParts(withPart(workbook(goodSheet+strings.Repeat(" ", 64<<20), nil),
		"xl/worksheets/sheet1.xml", func(p *part) { p.declared = 4 << 10 })))

	// --- Sizes a spreadsheet cannot have ---
	write("columns-16384.xlsx", zipParts(workbook(wideRow(1, 16384, "Column"), nil)))
	write("columns-16384-one-known.xlsx", zipParts(workbook(wideRow(1, 16384, "Email"), nil)))
	write("columns-16385.xlsx", zipParts(workbook(headerRow+wideRow(2, 16385, "C-1"), nil)))
	write("cell-1mb.xlsx", zipParts(workbook(headerRow+`<row r="2">`+is("A2", "C-1")+is("B2", strings.Repeat("Rossi ", 1<<20/6+1))+`</row>`, nil)))
	write("cell-1mb-shared.xlsx", zipParts(workbook(goodSheet, []string{strings.Repeat("Rossi ", 1<<20/6+1)})))
	write("header-cell-40k.csv", []byte("Customer ID,Email,"+strings.Repeat("Z", 40000)+"\nC-1,mario.rossi@example.it,x\n"))
	write("cell-40k.csv", []byte("Customer ID,Full Name,Email,Country\nC-1,"+strings.Repeat("Rossi", 8000)+",mario.rossi@example.it,IT\n"))

	// --- Text that is not what it seems ---
	write("header-only.csv", []byte("Customer ID,Full Name,Email,Street,City,Country,Language\r\n"))
	write("header-only.xlsx", zipParts(workbook(headerRow, nil)))
	write("blank-lines.csv", []byte("\r\n  \r\n,,,\r\n\t\r\n"))
	write("bom-only.csv", []byte("\ufeff"))
	write("no-header.csv", []byte("C-1,Mario Rossi,mario.rossi@example.it,Via Roma 1,Roma,Italia,it\r\nC-2,Giulia Bianchi,giulia.bianchi@example.it,Via Po 2,Torino,Italia,it\r\n"))
	write("duplicate-columns.csv", []byte("Customer ID,Full Name,Email,E-mail,Country\r\nC-1,Mario Rossi,mario.rossi@example.it,m.rossi@example.it,IT\r\n"))
	write("nul-bytes.csv", []byte("Customer ID,Full Name,Email,Country\r\nC-1,Mario\x00 Rossi\x00,mario.rossi@example.it,IT\r\n"))
	write("unbalanced-quote.csv", []byte("Customer ID,Full Name,Email,Country\r\nC-1,\"Mario Rossi,mario.rossi@example.it,IT\r\nC-2,Giulia Bianchi,giulia.bianchi@example.it,IT\r\n"))
	write("bare-quote.csv", []byte("Customer ID,Full Name,Email,Country\r\nC-1,Mario \"Rossi\",mario.rossi@example.it,IT\r\n"))
	write("late-error.csv", lateError())
	write("invalid-utf8.csv", invalidUTF8())
	write("utf16le-no-bom.csv", utf16LE(goodCSV))
	write("utf16le-no-bom-odd.csv", append(utf16LE(goodCSV), 'x'))
	write("binary-in-text.csv", append([]byte(goodCSV[:strings.Index(goodCSV, "\n")+1]), garbage(3, 2048)...))
}

// goodCSV is a valid customer file: what the damaged files are made from.
const goodCSV = "Customer ID,Full Name,Email,Street,City,Country,Language\r\n" +
	"C-1,Mario Rossi,mario.rossi@example.it,Via Roma 1,Roma,Italia,it\r\n" +
	"C-2,Giulia Bianchi,giulia.bianchi@example.it,Via Po 2,Torino,Italia,it\r\n"

var headerRow = dataRow(1, "Customer ID", "Full Name", "Email", "Street", "City", "Country", "Language")

var goodSheet = headerRow +
	dataRow(2, "C-1", "Mario Rossi", "mario.rossi@example.it", "Via Roma 1", "Roma", "Italia", "it") +
	dataRow(3, "C-2", "Giulia Bianchi", "giulia.bianchi@example.it", "Via Po 2", "Torino", "Italia", "it")

func write(name string, data []byte) {
	if len(data) > 200<<10 {
		log.Fatalf("%s: %d bytes, more than 200 KB", name, len(data))
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%-30s %7d bytes\n", name, len(data))
}

func read(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	return data
}

func garbage(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func colName(n int) string { // 1-based
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

func is(ref, s string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>`
}

func dataRow(n int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for i, c := range cells {
		b.WriteString(is(fmt.Sprintf("%s%d", colName(i+1), n), c))
	}
	b.WriteString("</row>")
	return b.String()
}

// wideRow is row n with cols cells (without references, so the file stays
// small), the first one first and "x" in the others.
func wideRow(n, cols int, first string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d"><c t="inlineStr"><is><t>%s</t></is></c>`, n, first)
	for i := 1; i < cols; i++ {
		b.WriteString(`<c t="inlineStr"><is><t>x</t></is></c>`)
	}
	b.WriteString("</row>")
	return b.String()
}

// part is one zip entry.
type part struct {
	name, body string
	declared   uint64 // uncompressed size written in the headers; 0: the real one
	store      bool   // stored, not deflated
	crc        uint32 // written instead of the real CRC-32 when set
}

func withPart(parts []part, name string, f func(*part)) []part {
	for i := range parts {
		if parts[i].name == name {
			f(&parts[i])
		}
	}
	return parts
}

func zipParts(parts []part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		body := []byte(p.body)
		h := &zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified,
			CRC32: crc32.ChecksumIEEE(body), UncompressedSize64: uint64(len(body))}
		if p.declared != 0 {
			h.UncompressedSize64 = p.declared
		}
		if p.crc != 0 {
			h.CRC32 = p.crc
		}
		data := body
		if p.store {
			h.Method = zip.Store
		} else {
			var c bytes.Buffer
			fw, _ := flate.NewWriter(&c, flate.BestCompression)
			fw.Write(body)
			fw.Close()
			data = c.Bytes()
		}
		h.CompressedSize64 = uint64(len(data))
		w, err := zw.CreateRaw(h)
		if err != nil {
			log.Fatal(err)
		}
		if _, err := io.Copy(w, bytes.NewReader(data)); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
	decl   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// workbook is a minimal workbook with one sheet, "Customers", holding
// sheetXML inside <sheetData>, and a shared string table if sst is not nil.
func workbook(sheetXML string, sst []string) []part {
	rels := `<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>`
	parts := []part{
		{name: "[Content_Types].xml", body: decl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{name: "_rels/.rels", body: decl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{name: "xl/workbook.xml", body: decl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets><sheet name="Customers" sheetId="1" r:id="rId1"/></sheets></workbook>`},
	}
	if sst != nil {
		rels += `<Relationship Id="rId2" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/>`
		var b strings.Builder
		for _, s := range sst {
			b.WriteString("<si><t>" + s + "</t></si>")
		}
		parts = append(parts, part{name: "xl/sharedStrings.xml", body: decl + `<sst xmlns="` + nsMain + `">` + b.String() + `</sst>`})
	}
	parts = append(parts,
		part{name: "xl/_rels/workbook.xml.rels", body: decl + `<Relationships xmlns="` + nsPkg + `">` + rels + `</Relationships>`},
		part{name: "xl/worksheets/sheet1.xml", body: decl + `<worksheet xmlns="` + nsMain + `"><sheetData>` + sheetXML + `</sheetData></worksheet>`},
	)
	return parts
}

// badCRC is a stored workbook whose sheet was changed after its CRC-32 was
// computed: the rows read well, the checksum fails at the end of the part.
func badCRC() []byte {
	parts := workbook(goodSheet, nil)
	return zipParts(withPart(parts, "xl/worksheets/sheet1.xml", func(p *part) {
		p.store = true
		p.crc = crc32.ChecksumIEEE([]byte(p.body))
		p.body = strings.Replace(p.body, "Giulia", "Giulio", 1)
	}))
}

// billionLaughs declares nested entities in the sheet's DOCTYPE and uses
// the last one in a cell.
func billionLaughs() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE worksheet [<!ENTITY lol "lol">`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, `<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	b.WriteString(`]>`)
	parts := workbook(headerRow+`<row r="2">`+is("A2", "C-1")+is("B2", "&lol9;")+`</row>`, nil)
	return zipParts(withPart(parts, "xl/worksheets/sheet1.xml", func(p *part) {
		p.body = strings.Replace(p.body, decl, decl+strings.ReplaceAll(b.String(), "&lol0;", "&lol;"), 1)
	}))
}

func noSheets() []byte {
	parts := workbook(goodSheet, nil)
	return zipParts(withPart(parts, "xl/workbook.xml", func(p *part) {
		p.body = decl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets/></workbook>`
	}))
}

// lateError is 1,500 good rows (more than the importer converts before it
// starts its reader goroutine) and then a quote in an unquoted field.
func lateError() []byte {
	var b strings.Builder
	b.WriteString("Customer ID,Full Name,Email,Country\r\n")
	for i := 1; i <= 1500; i++ {
		fmt.Fprintf(&b, "C-%d,Mario Rossi %d,mario.rossi.%d@example.it,IT\r\n", i, i, i)
	}
	b.WriteString("C-1501,Giulia \"Bianchi\",giulia.bianchi@example.it,IT\r\n")
	return []byte(b.String())
}

// invalidUTF8 is UTF-8 text (with accented names, so it is detected as
// UTF-8) with a Windows-1252 byte on row 900.
func invalidUTF8() []byte {
	var b strings.Builder
	b.WriteString("Customer ID,Full Name,Email,Country\r\n")
	for i := 1; i <= 1200; i++ {
		name := fmt.Sprintf("Niccolò Rossi %d", i)
		if i == 900 {
			name = "Niccol\xf2 Rossi"
		}
		fmt.Fprintf(&b, "C-%d,%s,n.rossi.%d@example.it,IT\r\n", i, name, i)
	}
	return []byte(b.String())
}
