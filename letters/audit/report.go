package audit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

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
// frozen header row and filters.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	status := "clean"
	if !r.Clean() {
		status = fmt.Sprintf("%d findings", len(r.Findings))
	}
	summary := [][]any{
		{"Item", "Value"},
		{"Result", status},
		{"Outputs", strings.Join(r.Outputs, ", ")},
		{"Incident", r.Incident},
		{"Incident file sha256", r.IncidentSHA},
		{"Rules sha256", r.RulesSHA},
		{"Audited at", r.AuditedAt},
		{"Letters sent at", r.SentAt},
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
	for i := range summary[1:] {
		summary[i+1][1] = fmt.Sprint(summary[i+1][1]) // left-aligned in the wide column
	}
	for _, t := range r.Thresholds {
		summary = append(summary, []any{"Readability " + t.Language, fmt.Sprintf("%s: warn when %s than %g (%s)", t.Index, map[string]string{"higher": "lower", "lower": "higher"}[t.Better], t.Threshold, t.Source)})
	}
	findings := [][]any{{"Severity", "File", "Check", "Code", "Message"}}
	for _, x := range slices.Concat(r.Findings, r.Warnings) {
		sev := "finding"
		if x.Warning {
			sev = "warning"
		}
		findings = append(findings, []any{sev, x.File, x.Check, x.Code, x.Message})
	}
	lettersRows := [][]any{{"Output", "Row", "Customer ID", "Language", "Jurisdictions", "PDF", "Email", "Pages", "Smallest text (pt)", "Minimum (pt)", "Due", "Readability index", "Readability", "Findings", "Warnings"}}
	for _, l := range r.Letter {
		lettersRows = append(lettersRows, []any{l.Output, l.Row, l.CustomerID, l.Language, strings.Join(l.Jurisdictions, " "), l.PDF, l.EML, l.Pages, l.SmallestText, l.MinFontSize, l.Due, l.ReadabilityIndex, l.Readability, l.Findings, l.Warnings})
	}
	obligations := [][]any{{"Jurisdiction", "Scope", "Recipient", "Authority", "Stage", "Persons", "Due", "Status", "Rule", "Citation"}}
	for _, o := range r.Obligations {
		obligations = append(obligations, []any{o.Jurisdiction, o.Scope, o.Recipient, o.Authority, o.Stage, o.Affected, o.Due, o.Status, o.Rule, o.Citation})
	}
	sheets := []struct {
		name   string
		rows   [][]any
		widths []float64
	}{
		{"Summary", summary, []float64{24, 100}},
		{"Findings", findings, []float64{10, 50, 12, 18, 100}},
		{"Letters", lettersRows, []float64{16, 6, 14, 9, 16, 36, 36, 6, 10, 10, 26, 18, 11, 9, 9}},
		{"Obligations", obligations, []float64{12, 8, 26, 50, 9, 8, 26, 18, 50, 40}},
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return fmt.Errorf("audit: %w", err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		if err := fillSheet(f, s.name, s.rows, s.widths); err != nil {
			return fmt.Errorf("audit: sheet %q: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

func fillSheet(f *excelize.File, sheet string, rows [][]any, widths []float64) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}}})
	if err != nil {
		return err
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		safe := make([]any, len(row))
		for j, v := range row {
			if s, ok := v.(string); ok {
				v = outbox.NeutraliseCell(s)
			}
			safe[j] = v
		}
		if err := f.SetSheetRow(sheet, cell, &safe); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(rows[0]), 1)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return err
	}
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, err := excelize.CoordinatesToCellName(len(rows[0]), cmp.Or(len(rows), 1))
	if err != nil {
		return err
	}
	return f.AutoFilter(sheet, "A1:"+end, nil)
}
