package audit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	xwidth "golang.org/x/text/width"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// WriteText writes the audit's summary for a person: the counts, every
// finding, the warnings counted by kind, and the open obligations.
func (r *Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	where := strings.Join(r.Outputs, ", ")
	ew.printf("audit: %s: %d rows = %d letters + %d rejects + %d not required; %d emails; %d files checked\n",
		where, r.Rows, r.Letters, r.Rejects, r.NotRequired, r.Emails, r.Files)
	for _, f := range r.Findings {
		ew.printf("%s\n", f)
	}
	if len(r.Warnings) > 0 {
		byCode := map[string]int{}
		for _, f := range r.Warnings {
			byCode[f.Code]++
		}
		var parts []string
		for _, c := range slices.Sorted(maps.Keys(byCode)) {
			parts = append(parts, fmt.Sprintf("%s %d", c, byCode[c]))
		}
		ew.printf("warnings (readability and tone; they do not fail the audit): %s; each is listed in %s and %s\n", strings.Join(parts, ", "), outbox.AuditJSON, outbox.AuditXLSX)
	}
	if fb := r.LanguageFallbacks; len(fb) > 0 {
		n := outbox.FallbackLetters(fb)
		ew.printf("language fallbacks (%d %s not in the customer's language, which has no catalog; not a finding): %s\n", n, map[bool]string{true: "letter", false: "letters"}[n == 1], outbox.FallbacksText(fb))
	}
	if len(r.Obligations) > 0 {
		ew.printf("open obligations besides the letters:\n")
		for _, o := range r.Obligations {
			due := "no fixed deadline"
			if o.Due != "" {
				due = "due " + o.Due
			}
			where := o.Jurisdiction
			if o.Scope != "" {
				where += " (" + o.Scope + ")"
			}
			ew.printf("  %-8s %-28s %s: %s [%s] (%s)\n", where, o.Recipient, firstLine(o.Authority), due, o.Status, o.Citation)
		}
	}
	if r.Clean() {
		ew.printf("audit: %s: clean\n", where)
	} else {
		ew.printf("audit: %s: %d findings\n", where, len(r.Findings))
	}
	return ew.err
}

// fallbackNote is the count of letters not in the customer's language:
// "es→en 1, pl→en 1 (2 letters)", or "none".
func fallbackNote(fs []outbox.LanguageFallback) string {
	if len(fs) == 0 {
		return "none"
	}
	n := outbox.FallbackLetters(fs)
	return fmt.Sprintf("%s (%d %s)", outbox.FallbacksText(fs), n, map[bool]string{true: "letter", false: "letters"}[n == 1])
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\n("); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteXLSX writes the report as a workbook: Summary, Findings (warnings
// included, with their severity), Letters and Obligations, each with a
// frozen header row and filters. Times are date cells in UTC, which their
// titles name ("Due (UTC)"), so that they sort right; text is kept as
// written, in text cells that a spreadsheet never runs (no apostrophe
// added). Each sheet prints fit to the width of an A4 page (landscape
// where wide), its header row on every page.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newSheetStyles(f)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	for i, s := range r.sheets() {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err == nil {
			err = fillSheet(f, s, st)
		}
		if err != nil {
			return fmt.Errorf("audit: sheet %q: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// sheet is one sheet of audit.xlsx: its rows (the first is the header),
// the columns' widths, which of them wrap, and whether it prints
// landscape.
type sheet struct {
	name      string
	rows      [][]any
	widths    []float64
	wrap      []int // 0-based columns whose text wraps
	landscape bool
}

func (r *Report) sheets() []sheet {
	return []sheet{
		{"Summary", r.summaryRows(), []float64{24, 90}, []int{1}, false},
		{"Findings", r.findingRows(), []float64{10, 48, 12, 18, 100}, []int{1, 4}, true},
		{"Letters", r.letterRows(), []float64{16, 6, 14, 9, 16, 48, 48, 6, 10, 10, 17, 18, 11, 9, 9}, []int{0, 4, 5, 6}, true},
		{"Obligations", r.obligationRows(), []float64{12, 8, 22, 36, 9, 8, 17, 18, 40, 36}, []int{2, 3, 8, 9}, true},
	}
}

func (r *Report) summaryRows() [][]any {
	status := "clean"
	if !r.Clean() {
		status = fmt.Sprintf("%d findings", len(r.Findings))
	}
	rows := [][]any{
		{"Item", "Value"},
		{"Result", status},
		{"Outputs", strings.Join(r.Outputs, ", ")},
		{"Incident", r.Incident},
		{"Incident file sha256", r.IncidentSHA},
		{"Rules sha256", r.RulesSHA},
		{"Audited at (UTC)", utc(r.AuditedAt)},
		{"Letters sent at (UTC)", utc(r.SentAt)},
		{"Rows", r.Rows},
		{"Letters", r.Letters},
		{"Rejects", r.Rejects},
		{"Not required", r.NotRequired},
		{"Emails", r.Emails},
		{"Files checked", r.Files},
		{"Findings", len(r.Findings)},
		{"Warnings", len(r.Warnings)},
		{"Language fallbacks", fallbackNote(r.LanguageFallbacks)},
	}
	for _, row := range rows[1:] {
		if n, ok := row[1].(int); ok {
			row[1] = fmt.Sprint(n) // left-aligned in the wide column
		}
	}
	for _, t := range r.Thresholds {
		rows = append(rows, []any{"Readability " + t.Language, fmt.Sprintf("%s: warn when %s than %g (%s)", t.Index, map[string]string{"higher": "lower", "lower": "higher"}[t.Better], t.Threshold, t.Source)})
	}
	return rows
}

func (r *Report) findingRows() [][]any {
	rows := [][]any{{"Severity", "File", "Check", "Code", "Message"}}
	for _, x := range slices.Concat(r.Findings, r.Warnings) {
		sev := "finding"
		if x.Warning {
			sev = "warning"
		}
		rows = append(rows, []any{sev, x.File, x.Check, x.Code, x.Message})
	}
	return rows
}

func (r *Report) letterRows() [][]any {
	rows := [][]any{{"Output", "Row", "Customer ID", "Language", "Jurisdictions", "PDF", "Email", "Pages", "Smallest text (pt)", "Minimum (pt)", "Due (UTC)", "Readability index", "Readability", "Findings", "Warnings"}}
	for _, l := range r.Letter {
		rows = append(rows, []any{l.Output, l.Row, l.CustomerID, l.Language, strings.Join(l.Jurisdictions, " "), l.PDF, l.EML, l.Pages, l.SmallestText, l.MinFontSize, utc(l.Due), l.ReadabilityIndex, l.Readability, l.Findings, l.Warnings})
	}
	return rows
}

func (r *Report) obligationRows() [][]any {
	rows := [][]any{{"Jurisdiction", "Scope", "Recipient", "Authority", "Stage", "Persons", "Due (UTC)", "Status", "Rule", "Citation"}}
	for _, o := range r.Obligations {
		var due any = "no fixed deadline"
		if o.Due != "" {
			due = utc(o.Due)
		}
		rows = append(rows, []any{o.Jurisdiction, o.Scope, o.Recipient, o.Authority, o.Stage, o.Affected, due, o.Status, o.Rule, o.Citation})
	}
	return rows
}

// utc is an RFC 3339 time of the report in UTC, for a date cell; "" stays
// "" (no time), and a time that does not parse stays the text it is.
func utc(s string) any {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.UTC()
}

// DateFormat is the number format of audit.xlsx's date cells (UTC).
const DateFormat = "yyyy-mm-dd hh:mm"

type sheetStyles struct{ header, date, text, wrap int }

func newSheetStyles(f *excelize.File) (sheetStyles, error) {
	var st sheetStyles
	var err error
	dateFmt := DateFormat
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return st, err
	}
	if st.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}); err != nil {
		return st, err
	}
	if st.text, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}); err != nil {
		return st, err
	}
	st.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	return st, err
}

func fillSheet(f *excelize.File, s sheet, st sheetStyles) error {
	for i, w := range s.widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		style := st.text
		if slices.Contains(s.wrap, i) {
			style = st.wrap
		}
		if err == nil {
			err = f.SetColStyle(s.name, col, style)
		}
		if err == nil {
			err = f.SetColWidth(s.name, col, col, w)
		}
		if err != nil {
			return err
		}
	}
	for i, row := range s.rows {
		if err := setRow(f, s.name, i+1, row, st); err != nil {
			return err
		}
		if n := s.lines(row); n > 1 {
			if err := f.SetRowHeight(s.name, i+1, float64(min(n, maxLines))*lineHeight); err != nil {
				return err
			}
		}
	}
	last, err := excelize.CoordinatesToCellName(len(s.rows[0]), 1)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(s.name, "A1", last, st.header); err != nil {
		return err
	}
	if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, err := excelize.CoordinatesToCellName(len(s.rows[0]), cmp.Or(len(s.rows), 1))
	if err != nil {
		return err
	}
	if err := f.AutoFilter(s.name, "A1:"+end, nil); err != nil {
		return err
	}
	return outbox.PrintSetup(f, s.name, outbox.Print{Cols: len(s.rows[0]), Rows: len(s.rows), Landscape: s.landscape})
}

// A row whose text wraps is set as high as its lines, up to maxLines of
// lineHeight points: spreadsheets do not all fit a row to its text when
// they open or print the file.
const (
	maxLines   = 8
	lineHeight = 15
)

// lines estimates the lines the wrapping cells of row take.
func (s sheet) lines(row []any) int {
	n := 1
	for _, i := range s.wrap {
		if v, ok := row[i].(string); ok {
			n = max(n, cellLines(v, s.widths[i]))
		}
	}
	return n
}

// cellLines estimates the lines s takes wrapped in a column width
// characters wide: text averages a little narrower than the digits a
// column's width counts, and a wide character counts two.
func cellLines(s string, width float64) int {
	per := max(int(width*1.1)-1, 1)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		cols := 0
		for _, r := range para {
			cols++
			if k := xwidth.LookupRune(r).Kind(); k == xwidth.EastAsianWide || k == xwidth.EastAsianFullwidth {
				cols++
			}
		}
		n += max(1, (cols+per-1)/per)
	}
	return n
}

// setRow writes row y: text as text cells (kept as written: a text cell
// never runs as a formula), numbers as numbers, times as date cells.
func setRow(f *excelize.File, sheet string, y int, row []any, st sheetStyles) error {
	for x, v := range row {
		cell, err := excelize.CoordinatesToCellName(x+1, y)
		if err != nil {
			return err
		}
		switch v := v.(type) {
		case time.Time:
			err = f.SetCellFloat(sheet, cell, outbox.ExcelDate(v), -1, 64)
			if err == nil {
				err = f.SetCellStyle(sheet, cell, cell, st.date)
			}
		case string:
			err = f.SetCellStr(sheet, cell, v)
		default:
			err = f.SetCellValue(sheet, cell, v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
