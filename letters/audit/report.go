package audit

import (
	"bufio"
	"bytes"
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

// WriteText writes the audit's summary for a person: the counts, the
// first ListedPerKind findings of each kind and how many there are, the
// warnings counted by kind, and the open obligations.
func (r *Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	where := strings.Join(r.Outputs, ", ")
	ew.printf("audit: %s: %d rows = %d letters + %d rejects + %d not required; %d emails; %d files checked\n",
		where, r.Rows, r.Letters, r.Rejects, r.NotRequired, r.Emails, r.Files)
	r.writeFindings(ew)
	if byCode := r.Codes(true); len(byCode) > 0 {
		ew.printf("warnings (readability and tone; they do not fail the audit): %s; each is listed in %s and %s\n", codesText(byCode), outbox.AuditJSON, outbox.AuditXLSX)
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
		ew.printf("audit: %s: %d findings\n", where, r.FindingCount())
	}
	return ew.err
}

// ListedPerKind is how many findings of each kind (code) the summary
// lists one by one, in the report's order; it counts the others.
const ListedPerKind = 10

// writeFindings lists the first findings of each kind, then counts the
// rest by kind.
func (r *Report) writeFindings(ew *errWriter) {
	listed, shown := map[string]int{}, 0
	err := r.eachFinding(false, func(f Finding) error {
		if listed[f.Code] < ListedPerKind {
			listed[f.Code]++
			shown++
			ew.printf("%s\n", f)
		}
		return ew.err
	})
	if ew.err == nil {
		ew.err = err
	}
	if more := r.FindingCount() - shown; more > 0 {
		ew.printf("... and %d more findings (all findings by kind: %s); each is listed in %s and %s\n", more, codesText(r.Codes(false)), outbox.AuditJSON, outbox.AuditXLSX)
	}
}

// codesText is "code n, code n", by code.
func codesText(byCode map[string]int) string {
	var parts []string
	for _, c := range slices.Sorted(maps.Keys(byCode)) {
		parts = append(parts, fmt.Sprintf("%s %d", c, byCode[c]))
	}
	return strings.Join(parts, ", ")
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

// WriteJSON writes the report as indented JSON, as encoding/json would
// write it, the findings, warnings and per-letter results one at a time.
func (r *Report) WriteJSON(w io.Writer) error {
	jw := &jsonWriter{w: bufio.NewWriter(w)}
	jw.raw("{\n")
	if r.Tool != "" { // omitempty, as its json tag says
		jw.field("tool", r.Tool)
		jw.raw(",\n")
	}
	for i, f := range []struct {
		key string
		v   any
	}{{"audited_at", r.AuditedAt}, {"sent_at", r.SentAt}, {"outputs", r.Outputs}, {"incident", r.Incident}, {"incident_sha256", r.IncidentSHA},
		{"rules_sha256", r.RulesSHA}, {"rows", r.Rows}, {"letters", r.Letters}, {"rejects", r.Rejects}, {"not_required", r.NotRequired},
		{"emails", r.Emails}, {"files_checked", r.Files}} {
		if i > 0 {
			jw.raw(",\n")
		}
		jw.field(f.key, f.v)
	}
	jw.raw(",\n")
	jw.array("findings", func(fn func(any) error) error {
		return r.eachFinding(false, func(f Finding) error { return fn(f) })
	})
	jw.raw(",\n")
	jw.array("warnings", func(fn func(any) error) error {
		return r.eachFinding(true, func(f Finding) error { return fn(f) })
	})
	jw.raw(",\n")
	jw.array("per_letter", func(fn func(any) error) error {
		return r.eachLetter(func(l Letter) error { return fn(l) })
	})
	jw.raw(",\n")
	jw.field("open_obligations", r.Obligations)
	jw.raw(",\n")
	jw.field("readability_thresholds", r.Thresholds)
	if len(r.LanguageFallbacks) > 0 {
		jw.raw(",\n")
		jw.field("language_fallbacks", r.LanguageFallbacks)
	}
	jw.raw("\n}\n")
	return jw.flush()
}

// jsonWriter writes an object's members indented, at depth 1.
type jsonWriter struct {
	w   *bufio.Writer
	err error
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

// value writes v indented for its depth (prefix), without a newline.
func (j *jsonWriter) value(prefix string, v any) {
	if j.err != nil {
		return
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if j.err = enc.Encode(v); j.err == nil {
		_, j.err = j.w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	}
}

func (j *jsonWriter) field(key string, v any) {
	j.raw("  ")
	j.value("", key)
	j.raw(": ")
	j.value("  ", v)
}

// array writes a member whose value is the array of the elements each
// gives, one at a time.
func (j *jsonWriter) array(key string, each func(fn func(any) error) error) {
	j.raw("  ")
	j.value("", key)
	j.raw(": [")
	n := 0
	err := each(func(v any) error {
		if n > 0 {
			j.raw(",")
		}
		j.raw("\n    ")
		j.value("    ", v)
		n++
		return j.err
	})
	if j.err == nil {
		j.err = err
	}
	if n > 0 {
		j.raw("\n  ")
	}
	j.raw("]")
}

func (j *jsonWriter) flush() error {
	if j.err == nil {
		j.err = j.w.Flush()
	}
	return j.err
}

// WriteXLSX writes the report as a workbook: Summary, Findings (warnings
// included, with their severity), Letters and Obligations, each with a
// frozen header row and filters. Times are date cells in UTC, which their
// titles name ("Due (UTC)"), so that they sort right; text is kept as
// written, in text cells that a spreadsheet never runs (no apostrophe
// added). Each sheet prints fit to the width of an A4 page (landscape
// where wide), its header row on every page.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile(excelize.Options{TmpDir: r.tempDir})
	defer f.Close()
	st, err := newSheetStyles(f)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	sheets := r.sheets()
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return fmt.Errorf("audit: sheet %q: %w", s.name, err)
		}
	}
	// Set while the sheets are empty: later, excelize would read every
	// streamed sheet back into memory to set it.
	f.SetActiveSheet(0)
	for _, s := range sheets {
		if err := fillSheet(f, s, st); err != nil {
			return fmt.Errorf("audit: sheet %q: %w", s.name, err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// sheet is one sheet of audit.xlsx: its header, how many rows follow it
// and a function that gives them one at a time (a sheet is written as a
// stream), the columns' widths, which of them wrap, and whether it prints
// landscape.
type sheet struct {
	name      string
	header    []any
	n         int
	rows      func(fn func([]any) error) error
	widths    []float64
	wrap      []int // 0-based columns whose text wraps
	landscape bool
}

func (r *Report) sheets() []sheet {
	summary := r.summaryRows()
	return []sheet{
		{"Summary", summary[0], len(summary) - 1, eachRow(summary[1:]), []float64{24, 90}, []int{1}, false},
		{"Findings", []any{"Severity", "File", "Check", "Code", "Message"}, r.FindingCount() + r.WarningCount(), r.findingRows, []float64{10, 48, 12, 18, 100}, []int{1, 4}, true},
		{"Letters", []any{"Output", "Row", "Customer ID", "Language", "Jurisdictions", "PDF", "Email", "Pages", "Smallest text (pt)", "Minimum (pt)", "Due (UTC)", "Readability index", "Readability", "Findings", "Warnings"},
			r.letterCount(), r.letterRows, []float64{16, 6, 14, 9, 16, 48, 48, 6, 10, 10, 17, 18, 11, 9, 9}, []int{0, 4, 5, 6}, true},
		{"Obligations", []any{"Jurisdiction", "Scope", "Recipient", "Authority", "Stage", "Persons", "Due (UTC)", "Status", "Rule", "Citation"},
			len(r.Obligations), eachRow(r.obligationRows()), []float64{12, 8, 22, 36, 9, 8, 17, 18, 40, 36}, []int{2, 3, 8, 9}, true},
	}
}

// eachRow gives rows held in memory one at a time.
func eachRow(rows [][]any) func(fn func([]any) error) error {
	return func(fn func([]any) error) error {
		for _, row := range rows {
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	}
}

// letterCount is the number of per-letter results.
func (r *Report) letterCount() int {
	if r.letters != nil {
		return r.letters.len()
	}
	return len(r.Letter)
}

func (r *Report) summaryRows() [][]any {
	status := "clean"
	if !r.Clean() {
		status = fmt.Sprintf("%d findings", r.FindingCount())
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
		{"Findings", r.FindingCount()},
		{"Warnings", r.WarningCount()},
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

func (r *Report) findingRows(fn func([]any) error) error {
	row := func(x Finding) error {
		sev := "finding"
		if x.Warning {
			sev = "warning"
		}
		return fn([]any{sev, x.File, x.Check, x.Code, x.Message})
	}
	if err := r.eachFinding(false, row); err != nil {
		return err
	}
	return r.eachFinding(true, row)
}

func (r *Report) letterRows(fn func([]any) error) error {
	return r.eachLetter(func(l Letter) error {
		return fn([]any{l.Output, l.Row, l.CustomerID, l.Language, strings.Join(l.Jurisdictions, " "), l.PDF, l.EML, l.Pages, l.SmallestText, l.MinFontSize, utc(l.Due), l.ReadabilityIndex, l.Readability, l.Findings, l.Warnings})
	})
}

func (r *Report) obligationRows() [][]any {
	var rows [][]any
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

// fillSheet writes a sheet as a stream: the sheet's settings first
// (columns, frozen header, filter, print setup), then its rows.
func fillSheet(f *excelize.File, s sheet, st sheetStyles) error {
	end, err := excelize.CoordinatesToCellName(len(s.header), s.n+1)
	if err != nil {
		return err
	}
	if err := f.AutoFilter(s.name, "A1:"+end, nil); err != nil {
		return err
	}
	if err := outbox.PrintSetup(f, s.name, outbox.Print{Cols: len(s.header), Rows: s.n + 1, Landscape: s.landscape}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	styles := make([]int, len(s.widths))
	for i, w := range s.widths {
		styles[i] = st.text
		if slices.Contains(s.wrap, i) {
			styles[i] = st.wrap
		}
		if err := sw.SetColStyle(i+1, i+1, styles[i]); err != nil {
			return err
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := writeRows(sw, s, styles, st); err != nil {
		return err
	}
	return sw.Flush()
}

// writeRows writes the header and the rows, each row as high as its
// wrapping text.
func writeRows(sw *excelize.StreamWriter, s sheet, styles []int, st sheetStyles) error {
	header := make([]any, len(s.header))
	for i, v := range s.header {
		header[i] = cell(v, st.header, st)
	}
	if err := sw.SetRow("A1", header, rowOpts(s, s.header)...); err != nil {
		return err
	}
	y := 1
	return s.rows(func(row []any) error {
		y++
		cells := make([]any, len(row))
		for x, v := range row {
			cells[x] = cell(v, styles[x], st)
		}
		cell, err := excelize.CoordinatesToCellName(1, y)
		if err == nil {
			err = sw.SetRow(cell, cells, rowOpts(s, row)...)
		}
		return err
	})
}

// rowOpts sets a row whose text wraps as high as its lines.
func rowOpts(s sheet, row []any) []excelize.RowOpts {
	if n := s.lines(row); n > 1 {
		return []excelize.RowOpts{{Height: float64(min(n, maxLines)) * lineHeight}}
	}
	return nil
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

// cell is a value as a cell: text as an inline text cell (kept as
// written: a text cell never runs as a formula; at most the 32,767
// characters a cell holds), numbers as numbers, times as date cells.
func cell(v any, style int, st sheetStyles) excelize.Cell {
	switch v := v.(type) {
	case time.Time:
		return excelize.Cell{StyleID: st.date, Value: outbox.ExcelDate(v)}
	case string:
		if v == "" {
			return excelize.Cell{StyleID: style}
		}
		if r := []rune(v); len(r) > excelize.TotalCellChars {
			v = string(r[:excelize.TotalCellChars])
		}
		return excelize.Cell{StyleID: style, Value: []excelize.RichTextRun{{Text: v}}}
	}
	return excelize.Cell{StyleID: style, Value: v}
}
