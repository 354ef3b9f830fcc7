package audit_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/breachnotice/breachnotice/letters/audit"
)

// xlsxReport is a report with values a spreadsheet would run and times in
// three zones.
func xlsxReport() *audit.Report {
	return &audit.Report{
		AuditedAt: "2026-11-22T12:00:00+01:00", SentAt: "2026-11-22T12:00:00+01:00",
		Outputs: []string{"out"}, Incident: "INC-1",
		Findings: []audit.Finding{{File: "out/pdf/a.pdf", Check: "letter", Code: "x", Message: "=HYPERLINK(\"http://evil.example\")"}},
		Letter: []audit.Letter{
			{Output: "out", Row: 2, CustomerID: "-2+3", Language: "ru", PDF: "pdf/a.pdf", Due: "2026-11-24T10:00:00+03:00"},
			{Output: "out", Row: 3, CustomerID: "@SUM(A1)", Language: "en", PDF: "pdf/b.pdf", Due: "2026-11-24T02:00:00-05:00"},
			{Output: "out", Row: 4, CustomerID: "C-4", Language: "it", PDF: "pdf/c.pdf"},
		},
		Obligations: []audit.Obligation{
			{Jurisdiction: "RU", Recipient: "regulator", Authority: "Роскомнадзор", Due: "2026-11-20T21:30:00+03:00", Status: "overdue"},
			{Jurisdiction: "FR", Recipient: "regulator", Authority: "CNIL", Status: "no fixed deadline"},
		},
	}
}

// The workbook keeps values as written, in text cells; times are date
// cells in UTC, which the titles name.
func TestXLSXCells(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsxReport().WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct{ sheet, cell, want string }{
		{"Letters", "C2", "-2+3"},
		{"Letters", "C3", "@SUM(A1)"},
		{"Findings", "E2", "=HYPERLINK(\"http://evil.example\")"},
		{"Obligations", "G3", "no fixed deadline"},
		{"Letters", "K1", "Due (UTC)"},
		{"Obligations", "G1", "Due (UTC)"},
		{"Summary", "A7", "Audited at (UTC)"},
	} {
		v, _ := f.GetCellValue(c.sheet, c.cell)
		typ, _ := f.GetCellType(c.sheet, c.cell)
		formula, _ := f.GetCellFormula(c.sheet, c.cell)
		if v != c.want || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) || formula != "" {
			t.Errorf("%s!%s = %q (type %v, formula %q), want the text %q", c.sheet, c.cell, v, typ, formula, c.want)
		}
	}
	for _, c := range []struct {
		sheet, cell string
		want        time.Time
	}{
		{"Letters", "K2", time.Date(2026, 11, 24, 7, 0, 0, 0, time.UTC)},
		{"Letters", "K3", time.Date(2026, 11, 24, 7, 0, 0, 0, time.UTC)},
		{"Obligations", "G2", time.Date(2026, 11, 20, 18, 30, 0, 0, time.UTC)},
		{"Summary", "B7", time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC)},
		{"Summary", "B8", time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC)},
	} {
		checkDateCell(t, f, c.sheet, c.cell, c.want)
	}
	if v, _ := f.GetCellValue("Letters", "K4"); v != "" {
		t.Errorf("Letters!K4 = %q, want empty (no fixed deadline)", v)
	}
}

func checkDateCell(t *testing.T, f *excelize.File, sheet, cell string, want time.Time) {
	t.Helper()
	raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	typ, _ := f.GetCellType(sheet, cell)
	var serial float64
	if _, err := fmt.Sscan(raw, &serial); err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("%s!%s = %q (type %v), want a number", sheet, cell, raw, typ)
		return
	}
	got := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(math.Round(serial*86400)) * time.Second)
	if !got.Equal(want) {
		t.Errorf("%s!%s = %v, want %v", sheet, cell, got, want)
	}
	id, _ := f.GetCellStyle(sheet, cell)
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != audit.DateFormat {
		t.Errorf("%s!%s: style %+v, want the number format %q", sheet, cell, st, audit.DateFormat)
	}
}

// Every sheet prints fit to one page wide, the wide ones landscape, the
// header on every page, all its rows and columns.
func TestXLSXPrints(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsxReport().WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	area := map[string]string{"Summary": "$A$1:$B$17", "Findings": "$A$1:$E$2", "Letters": "$A$1:$O$4", "Obligations": "$A$1:$J$3"}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Scope+" "+dn.Name] = dn.RefersTo
	}
	for _, sheet := range f.GetSheetList() {
		l, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		want := "landscape"
		if sheet == "Summary" {
			want = "portrait"
		}
		if *l.Size != 9 || *l.Orientation != want || *l.FitToWidth != 1 || *l.FitToHeight != 0 {
			t.Errorf("%s: size %d, %s, %d wide, %d high; want A4, %s, 1 wide, any high", sheet, *l.Size, *l.Orientation, *l.FitToWidth, *l.FitToHeight, want)
		}
		if p, _ := f.GetSheetProps(sheet); p.FitToPage == nil || !*p.FitToPage {
			t.Errorf("%s: fitToPage not set", sheet)
		}
		if got, want := names[sheet+" _xlnm.Print_Area"], "'"+sheet+"'!"+area[sheet]; got != want {
			t.Errorf("%s: print area %q, want %q", sheet, got, want)
		}
		if got, want := names[sheet+" _xlnm.Print_Titles"], "'"+sheet+"'!$1:$1"; got != want {
			t.Errorf("%s: print titles %q, want %q", sheet, got, want)
		}
	}
}

// TestTextListsTheFirstFindings: the summary lists the first findings of
// each kind, then counts them all by kind, rather than flooding the
// terminal; a lone finding of another kind is listed however many come
// before it.
func TestTextListsTheFirstFindings(t *testing.T) {
	r := &audit.Report{Outputs: []string{"out"}}
	for i := range 150 {
		code := "sha256"
		if i%2 == 1 {
			code = "missing"
		}
		r.Findings = append(r.Findings, audit.Finding{File: fmt.Sprintf("out/pdf/%03d.pdf", i), Check: audit.CheckIntegrity, Code: code, Message: "changed"})
	}
	r.Findings = append(r.Findings, audit.Finding{File: "out/summary.json", Check: audit.CheckIntegrity, Code: "rules", Message: "other rules"})
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	n := 2 * audit.ListedPerKind
	last, next := fmt.Sprintf("out/pdf/%03d.pdf: changed\n", n-1), fmt.Sprintf("out/pdf/%03d.pdf", n)
	if !strings.Contains(text, last) || strings.Contains(text, next) {
		t.Errorf("want the first %d findings of each kind listed, and no more:\n%s", audit.ListedPerKind, text)
	}
	for _, want := range []string{"out/summary.json: other rules\n", fmt.Sprintf("... and %d more findings (all findings by kind: missing 75, rules 1, sha256 75); each is listed in audit.json and audit.xlsx\n", 150-n), "audit: out: 151 findings\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
}

// TestJSONNamesTheTool: audit.json records the version of the program
// that audited, as its json tag says, and stays valid JSON either way.
func TestJSONNamesTheTool(t *testing.T) {
	for _, tool := range []string{"", "breachnotice v1.2.3"} {
		r := xlsxReport()
		r.Tool = tool
		var buf bytes.Buffer
		if err := r.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, buf.Bytes())
		}
		if v, ok := got["tool"]; (tool == "") == ok || (ok && v != tool) {
			t.Errorf("tool %q: audit.json has tool %v (present %v)", tool, v, ok)
		}
	}
}
