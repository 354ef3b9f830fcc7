package customers

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// result collects what Read delivered.
type result struct {
	st      Stats
	persons []Person
	rejects []Reject
}

// read runs Read on data and checks the invariants every read must satisfy:
// exactly one of p/rej per call, Stats counters equal to the calls, and
// Rows == Persons + Rejects.
func read(t testing.TB, data []byte, opts Options) (result, error) {
	t.Helper()
	var res result
	st, err := Read(bytes.NewReader(data), opts, func(p *Person, rej *Reject) error {
		if (p == nil) == (rej == nil) {
			t.Fatalf("fn called with p=%v rej=%v: want exactly one", p, rej)
		}
		if p != nil {
			res.persons = append(res.persons, *p)
		} else {
			res.rejects = append(res.rejects, *rej)
		}
		return nil
	})
	res.st = st
	checkStats(t, res)
	return res, err
}

// mustRead is read that fails the test on error.
func mustRead(t testing.TB, data []byte, opts Options) result {
	t.Helper()
	res, err := read(t, data, opts)
	if err != nil {
		t.Fatalf("Read(%s): %v", opts.Name, err)
	}
	return res
}

func checkStats(t testing.TB, res result) {
	t.Helper()
	st := res.st
	if st.Rows != st.Persons+st.Rejects {
		t.Fatalf("Stats.Rows = %d, want Persons %d + Rejects %d", st.Rows, st.Persons, st.Rejects)
	}
	if st.Persons != len(res.persons) || st.Rejects != len(res.rejects) {
		t.Fatalf("Stats Persons/Rejects = %d/%d, fn saw %d/%d", st.Persons, st.Rejects, len(res.persons), len(res.rejects))
	}
}

// makeXLSX builds a workbook with one sheet per entry (in order); a nil row
// is left blank. Strings go to the shared string table, numbers are stored
// as numbers.
func makeXLSX(t testing.TB, sheets ...sheetData) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			if row == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(sh.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type sheetData struct {
	name string
	rows [][]any
}

// rawXLSX builds a minimal workbook by hand from the XML of one worksheet's
// <sheetData> content (with inline and shared strings supplied), so tests
// can use cached formula values and odd cell layouts.
func rawXLSX(t testing.TB, sheetName string, sharedStrings []string, sheetXML string) []byte {
	t.Helper()
	var sst strings.Builder
	for _, s := range sharedStrings {
		fmt.Fprintf(&sst, "<si><t>%s</t></si>", s)
	}
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + sheetName + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst.String() + `</sst>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetXML + `</sheetData></worksheet>`},
	}
	return zipFiles(t, files)
}
