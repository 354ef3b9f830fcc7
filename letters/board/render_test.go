package board

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/rules"
)

func TestXLSX(t *testing.T) {
	b := fixture(t)
	var buf bytes.Buffer
	if err := b.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetByDue, SheetByJurisdiction}) {
		t.Fatalf("sheets %q", got)
	}
	rows := b.Rows()
	for _, sheet := range f.GetSheetList() {
		cells, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(cells) != 1+len(rows) {
			t.Errorf("%s: %d rows, want a header and %d obligations", sheet, len(cells), len(rows))
		}
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, want the header row frozen", sheet, panes)
		}
		header := cells[0]
		col := func(name string) string {
			i := slices.Index(header, name)
			if i < 0 {
				t.Fatalf("%s: no column %q in %q", sheet, name, header)
			}
			return colName(i)
		}
		// Date cells: numbers with a date-time format, all in the reader's
		// zone, which their titles name.
		for _, title := range []string{"Due (Europe/Rome)", "Clock start (Europe/Rome)", "Policy target, not law (Europe/Rome)"} {
			for y := 2; y <= len(cells); y++ {
				cell := fmt.Sprintf("%s%d", col(title), y)
				raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				status, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col("Status"), y))
				typ, _ := f.GetCellType(sheet, cell)
				if raw == "" || (title == "Due (Europe/Rome)" && (status == rules.StatusNoFixed || status == rules.StatusNotRequired)) {
					if typ == excelize.CellTypeNumber || (raw != "" && raw != status) {
						t.Errorf("%s %s: %q (%v), want %q, never a date", sheet, cell, raw, typ, status)
					}
					continue
				}
				var serial float64
				if _, err := fmt.Sscan(raw, &serial); err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
					t.Errorf("%s %s: %q (%v) is not a number", sheet, cell, raw, typ)
					continue
				}
				id, _ := f.GetCellStyle(sheet, cell)
				st, err := f.GetStyle(id)
				if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != DateFormat {
					t.Errorf("%s %s: style %+v, want number format %q", sheet, cell, st, DateFormat)
				}
			}
		}
		checkPrint(t, f, sheet, len(rows)+1)
	}
	// The first row by due time is Russia's overdue notice: due 18:45 in
	// Rome (a date cell), 20:45 in Moscow (text); its clock started at
	// 18:45 the day before, Rome's time.
	header, _ := f.GetRows(SheetByDue)
	for _, c := range []struct {
		col  string
		want time.Time
	}{{"Due (Europe/Rome)", time.Date(2026, 11, 21, 18, 45, 0, 0, time.UTC)}, {"Clock start (Europe/Rome)", time.Date(2026, 11, 20, 18, 45, 0, 0, time.UTC)}} {
		cell := colName(slices.Index(header[0], c.col)) + "2"
		raw, _ := f.GetCellValue(SheetByDue, cell, excelize.Options{RawCellValue: true})
		var serial float64
		fmt.Sscan(raw, &serial)
		got := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(math.Round(serial*86400)) * time.Second)
		if !got.Equal(c.want) {
			t.Errorf("%s %s = %v (%s), want %v", c.col, cell, got, raw, c.want)
		}
	}
	if got := header[1][slices.Index(header[0], "Due in the jurisdiction's time")]; got != "2026-11-21 20:45 MSK" {
		t.Errorf("due in the jurisdiction's time = %q", got)
	}
	// Text that a spreadsheet would run is a text cell, kept as it is.
	authority, found := colName(slices.Index(header[0], "Authority")), false
	for y := 2; y <= len(header); y++ {
		cell := fmt.Sprintf("%s%d", authority, y)
		v, _ := f.GetCellValue(SheetByDue, cell)
		if !strings.HasPrefix(v, "=HYPERLINK") {
			continue
		}
		typ, _ := f.GetCellType(SheetByDue, cell)
		formula, _ := f.GetCellFormula(SheetByDue, cell)
		if typ != excelize.CellTypeSharedString || formula != "" {
			t.Errorf("%s: %q is a cell of type %v, formula %q; want a text cell", cell, v, typ, formula)
		}
		found = true
	}
	if !found {
		t.Error("the fixture's formula authority is not in the workbook as written")
	}
	if v, _ := f.GetCellValue(SheetByJurisdiction, "B2"); v != "CN" {
		t.Errorf("by jurisdiction starts with %q, want CN", v)
	}
	// Autofilter over the header: excelize keeps it as the sheet's
	// _FilterDatabase name and the sheet's <autoFilter>.
	filters := 0
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters++
			if !strings.HasSuffix(dn.RefersTo, fmt.Sprintf("$A$1:$X$%d", len(rows)+1)) {
				t.Errorf("autofilter %q", dn.RefersTo)
			}
		}
	}
	if filters != 2 {
		t.Errorf("%d autofilters, want one per sheet", filters)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
		xml := readZip(t, zr, name)
		if !strings.Contains(strings.ReplaceAll(xml, "$", ""), `<autoFilter ref="A1:X8"`) {
			t.Errorf("%s: no autoFilter on the header", name)
		}
		if !strings.Contains(xml, `max="6" min="6" width="30"`) {
			t.Errorf("%s: column widths not set", name)
		}
	}
	var again bytes.Buffer
	if err := b.WriteXLSX(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("two workbooks of the same board differ")
	}
}

func readZip(t *testing.T, zr *zip.Reader, name string) string {
	t.Helper()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// subsetName is the name of a font subset: a tag of six capitals, "+".
var subsetName = regexp.MustCompile(`^[A-Z]{6}\+.`)

func renderPDF(t *testing.T, b *Board) ([]byte, *pdftext.Document) {
	t.Helper()
	var buf bytes.Buffer
	if err := b.WritePDF(&buf, loadFonts(t), PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	doc, err := pdftext.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc
}

func TestPDF(t *testing.T) {
	b := fixture(t)
	data, doc := renderPDF(t, b)
	if len(doc.Pages) != 1 {
		t.Fatalf("%d pages, want 1", len(doc.Pages))
	}
	p := doc.Pages[0]
	if math.Abs(p.Width-841.89) > 0.5 || math.Abs(p.Height-595.28) > 0.5 {
		t.Errorf("page %.2f x %.2f pt, want A4 landscape", p.Width, p.Height)
	}
	text := doc.Text()
	for _, want := range []string{
		"INC-2026-0042", "Acme Retail S.p.A.", "as of Sun 22 Nov 2026 10:00 CET (Europe/Rome)",
		"now Sun 22 Nov 10:00", "no fixed deadline", "policy, not law", "threshold not met",
		"overdue by 15h 15m", "Роскомнадзор", "履行个人信息保护职责", "US-HIPAA (US-TX)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, r := range b.Rows() {
		if !strings.Contains(text, r.Jurisdiction) {
			t.Errorf("the page lacks jurisdiction %q", r.Jurisdiction)
		}
	}
	var names []string
	for _, f := range doc.Fonts {
		names = append(names, f.Name)
		if !f.Embedded {
			t.Errorf("font %s is not embedded", f.Name)
		}
		if !subsetName.MatchString(f.Name) { // PDF 32000-1, 9.6.4
			t.Errorf("font %s is a subset without a subset tag (six capitals and +)", f.Name)
		}
	}
	for _, want := range []string{"dejavu", "notosc"} {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.Contains(strings.ToLower(n), want) }) {
			t.Errorf("fonts %q: no %s", names, want)
		}
	}
	if doc.Info["CreationDate"] != "D:20261122090000Z" && !strings.HasPrefix(doc.Info["CreationDate"], "D:20261122") {
		t.Errorf("creation date %q, want --now", doc.Info["CreationDate"])
	}
	again, _ := renderPDF(t, fixture(t))
	if !bytes.Equal(data, again) {
		t.Errorf("two renderings of the same board differ")
	}
	// Latin-only text embeds no Chinese face.
	latin := fixture(t)
	latin.Deadlines = slices.DeleteFunc(latin.Deadlines, func(d rules.Deadline) bool { return d.Jurisdiction == "CN" })
	_, doc = renderPDF(t, latin)
	for _, f := range doc.Fonts {
		if strings.Contains(f.Name, "notosc") {
			t.Errorf("Chinese face embedded for Latin and Cyrillic text")
		}
	}
}

// TestPDFFits renders boards of many obligations: always one page, the
// chart and table shrinking, and what does not fit counted on the page.
func TestPDFFits(t *testing.T) {
	for _, n := range []int{1, 15, 25, 40, 90} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			b := many(t, n)
			_, doc := renderPDF(t, b)
			if len(doc.Pages) != 1 {
				t.Fatalf("%d pages", len(doc.Pages))
			}
			p := doc.Pages[0]
			minSize := 100.0
			for _, s := range p.Spans {
				if s.Y < 0 || s.Y > p.Height || s.X < 0 || s.X+s.Width > p.Width+0.5 {
					t.Errorf("span %q at (%.1f, %.1f) leaves the page", s.Text, s.X, s.Y)
				}
				if strings.HasPrefix(s.Text, "X") {
					minSize = min(minSize, s.Size)
				}
			}
			if minSize < minFont-0.01 {
				t.Errorf("rows set at %.2f pt, below the %.1f pt minimum", minSize, minFont)
			}
			text := doc.Text()
			more := strings.Contains(text, "more obligations: see --format xlsx")
			switch {
			case n <= 40 && more:
				t.Errorf("%d obligations should fit entirely", n)
			case n > 50 && !more:
				t.Errorf("%d obligations: no \"more obligations\" line", n)
			}
			// Up to 40, every obligation is on the page.
			if n <= 40 {
				for _, r := range b.Rows() {
					if !slices.ContainsFunc(p.Spans, func(s pdftext.Span) bool {
						return s.Text == r.Where || strings.HasPrefix(s.Text, r.Where+" · ")
					}) {
						t.Errorf("%s is not on the page", r.Where)
					}
				}
			}
		})
	}
}

// TestPDFWhyFits: while rows fit in two lines (with the table under the
// timeline or, for more obligations, beside it), each says why it applies
// under its authority, without the residents and jurisdiction its own
// columns show.
func TestPDFWhyFits(t *testing.T) {
	for _, n := range []int{15, 24} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			b := many(t, n)
			for i, d := range b.Deadlines {
				b.Deadlines[i].Why = []string{fmt.Sprintf("%d residents of %s: reached as %s", d.Affected, d.Jurisdiction, d.Jurisdiction)}
			}
			_, doc := renderPDF(t, b)
			if len(doc.Pages) != 1 {
				t.Fatalf("%d pages", len(doc.Pages))
			}
			for _, r := range b.Rows() {
				if !slices.ContainsFunc(doc.Pages[0].Spans, func(s pdftext.Span) bool { return s.Text == "reached as "+r.Jurisdiction }) {
					t.Errorf("row %d: the page lacks its why on a line of its own", r.N)
				}
			}
		})
	}
}

// checkPrint: the sheet prints its first printedColumns columns and every
// row, fit to the width of a landscape A4 page, the header on every page.
func checkPrint(t *testing.T, f *excelize.File, sheet string, rows int) {
	t.Helper()
	layout, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Size != 9 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
		t.Errorf("%s: page size %d, %s, fit to %d wide, %d high; want A4 (9), landscape, 1 wide, 0 (any) high",
			sheet, *layout.Size, *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight)
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("%s: fitToPage not set (%v)", sheet, err)
	}
	want := map[string]string{
		"_xlnm.Print_Area":   fmt.Sprintf("'%s'!$A$1:$%s$%d", sheet, colName(printedColumns-1), rows),
		"_xlnm.Print_Titles": fmt.Sprintf("'%s'!$1:$1", sheet),
	}
	for _, dn := range f.GetDefinedName() {
		if w, ok := want[dn.Name]; ok && dn.Scope == sheet {
			if dn.RefersTo != w {
				t.Errorf("%s: %s = %q, want %q", sheet, dn.Name, dn.RefersTo, w)
			}
			delete(want, dn.Name)
		}
	}
	if len(want) > 0 {
		t.Errorf("%s: no %v", sheet, want)
	}
}
