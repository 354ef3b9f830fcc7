package board

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/rules"
	"github.com/xuri/excelize/v2"
)

// The workbook's sheets: one per view of the same obligations.
const (
	SheetByDue          = "By due time"
	SheetByJurisdiction = "By jurisdiction"
)

// DateFormat is the number format of the workbook's date cells.
const DateFormat = "ddd yyyy-mm-dd hh:mm"

// xlsxColumn is one column of a sheet: its header, width (in characters)
// and how a row fills it.
type xlsxColumn struct {
	header string
	width  float64
	kind   int // kindText, kindWrap, kindNumber or kindDate
	value  func(r Row) any
}

const (
	kindText = iota
	kindWrap
	kindNumber
	kindDate
)

// columns are the sheets' columns. Excel has no time zones: every date
// cell holds the wall-clock time of the reader's zone (--tz), named in the
// column's title, so that the dates sort right; the due time in the
// jurisdiction's own zone, which the law counts in, is text beside it. The
// first printed columns are printed (see WriteXLSX).
func (b *Board) columns() []xlsxColumn {
	user := b.userZone()
	now := b.Now.In(user)
	in := " (" + zoneName(user) + ")"
	noDue := func(r Row) any {
		if r.Status == rules.StatusNotRequired {
			return "not required"
		}
		return "no fixed deadline"
	}
	inUser := func(t *time.Time) any {
		if t == nil {
			return ""
		}
		return t.In(user)
	}
	return []xlsxColumn{
		{"#", 5, kindNumber, func(r Row) any { return r.N }},
		{"Jurisdiction", 12, kindText, func(r Row) any { return r.Jurisdiction }},
		{"Scope", 8, kindText, func(r Row) any { return r.Scope }},
		{"Notify", 15, kindWrap, func(r Row) any { return r.Recipient() }},
		{"Stage", 9, kindText, func(r Row) any { return r.Stage }},
		{"Authority", 30, kindWrap, func(r Row) any { return r.Authority }},
		{"Persons", 9, kindNumber, func(r Row) any { return r.Affected }},
		{"Status", 17, kindText, func(r Row) any { return r.Status }},
		{"Due" + in, 21, kindDate, func(r Row) any {
			if r.User == nil {
				return noDue(r)
			}
			return *r.User
		}},
		{"Time left at " + now.Format("2006-01-02 15:04") + " " + zoneAbbr(now), 17, kindText, func(r Row) any { return r.TimeLeft() }},
		{"Due in the jurisdiction's time", 22, kindText, func(r Row) any {
			if r.Local == nil {
				return noDue(r)
			}
			return r.Local.Format("2006-01-02 15:04 ") + zoneAbbr(*r.Local)
		}},
		{"Threshold (persons)", 11, kindNumber, func(r Row) any {
			if r.Obligation.MinAffected <= 0 {
				return "none"
			}
			return r.Obligation.MinAffected
		}},
		{"Threshold met", 10, kindText, func(r Row) any { return yesNo(r.ThresholdMet) }},
		{"Clock start" + in, 21, kindDate, func(r Row) any { return inUser(r.Anchor) }},
		{"Policy target, not law" + in, 21, kindDate, func(r Row) any { return inUser(r.Policy) }},
		{"Jurisdiction's zone", 19, kindText, func(r Row) any { return zoneName(r.Zone) }},
		{"Rule", 44, kindWrap, func(r Row) any { return r.Rule }},
		{"Statutory words", 80, kindWrap, func(r Row) any { return r.Clock().Words }},
		{"Citation", 36, kindWrap, func(r Row) any { return r.Obligation.Citation }},
		{"Contact", 32, kindWrap, func(r Row) any { return r.Obligation.Contact }},
		{"Sources", 64, kindWrap, func(r Row) any { return strings.Join(r.Obligation.SourceURLs, "\n") }},
		{"Why it applies", 60, kindWrap, func(r Row) any { return strings.Join(r.Why, "\n") }},
		{"Conflicts (counsel)", 60, kindWrap, func(r Row) any { return strings.Join(r.counsel(), "\n") }},
		{"Fallback languages", 24, kindWrap, func(r Row) any { return strings.Join(r.Fallbacks, "\n") }},
	}
}

// printedColumns is how many of the columns print: up to the policy
// target. The rule's words, citations and sources are on screen, in the
// table and on the PDF board.
const printedColumns = 15

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// statusFill is the fill and font colour of a status cell.
var statusFill = map[string][2]string{
	rules.StatusOverdue:     {"F8C9C4", "8B1A10"},
	rules.StatusDueSoon:     {"FCE3A6", "7A4B00"},
	rules.StatusOnTrack:     {"CDEBD3", "1D5E2B"},
	rules.StatusNoFixed:     {"E4E4E4", "333333"},
	rules.StatusNotNeeded:   {"F4F4F4", "777777"},
	rules.StatusNotRequired: {"F4F4F4", "777777"},
}

// WriteXLSX writes the board as an Excel workbook with two sheets, SheetByDue
// and SheetByJurisdiction: one row per obligation under a frozen header row
// with an autofilter; due times, clock starts and policy targets as real
// date cells (DateFormat) all in the reader's zone, named in their titles,
// the due time in the jurisdiction's zone as text; long text wrapped; text
// as text cells, never run as a formula, with no apostrophe added. It
// prints the first printedColumns columns fit to the width of a landscape
// A4 page, the header row on every page.
func (b *Board) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	created := b.Now.UTC().Format(time.RFC3339)
	title := "Deadlines"
	if b.IncidentID != "" {
		title += " " + b.IncidentID
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "breachnotice", LastModifiedBy: "breachnotice",
		Created: created, Modified: created, Description: "as of " + b.Now.In(b.userZone()).Format(time.RFC3339),
	}); err != nil {
		return fmt.Errorf("board: xlsx: %w", err)
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	rows := b.Rows()
	if err := f.SetSheetName("Sheet1", SheetByDue); err != nil {
		return fmt.Errorf("board: xlsx: %w", err)
	}
	if _, err := f.NewSheet(SheetByJurisdiction); err != nil {
		return fmt.Errorf("board: xlsx: %w", err)
	}
	cols := b.columns()
	for _, s := range []struct {
		name string
		rows []Row
	}{{SheetByDue, rows}, {SheetByJurisdiction, byJurisdiction(rows)}} {
		if err := writeSheet(f, s.name, cols, s.rows, st); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("board: writing xlsx: %w", err)
	}
	return nil
}

type xlsxStyles struct {
	header, text, wrap, number, date int
	status                           map[string]int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	var st xlsxStyles
	dateFmt := DateFormat
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	defs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&st.header, excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "FFFFFF", Family: "Calibri", Size: 11},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"3A4A5C"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		}},
		{&st.text, excelize.Style{Alignment: top}},
		{&st.wrap, excelize.Style{Alignment: wrapTop}},
		{&st.number, excelize.Style{Alignment: top, NumFmt: 1}},
		{&st.date, excelize.Style{Alignment: top, CustomNumFmt: &dateFmt}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, fmt.Errorf("board: xlsx style: %w", err)
		}
		*d.dst = id
	}
	st.status = map[string]int{}
	for _, s := range statuses {
		c := statusFill[s]
		id, err := f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Bold: s == rules.StatusOverdue || s == rules.StatusDueSoon, Color: c[1], Family: "Calibri", Size: 11},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}},
			Alignment: top,
		})
		if err != nil {
			return nil, fmt.Errorf("board: xlsx style: %w", err)
		}
		st.status[s] = id
	}
	return &st, nil
}

func writeSheet(f *excelize.File, sheet string, cols []xlsxColumn, rows []Row, st *xlsxStyles) error {
	fail := func(err error) error { return fmt.Errorf("board: xlsx sheet %q: %w", sheet, err) }
	for i, c := range cols {
		name := colName(i)
		if err := f.SetCellStr(sheet, name+"1", c.header); err != nil {
			return fail(err)
		}
		if err := f.SetColWidth(sheet, name, name, c.width); err != nil {
			return fail(err)
		}
	}
	last := colName(len(cols) - 1)
	if err := f.SetCellStyle(sheet, "A1", last+"1", st.header); err != nil {
		return fail(err)
	}
	if err := f.SetRowHeight(sheet, 1, 45); err != nil {
		return fail(err)
	}
	for i, r := range rows {
		y := i + 2
		lines := 1
		for j, c := range cols {
			cell := fmt.Sprintf("%s%d", colName(j), y)
			style := st.text
			switch v := c.value(r).(type) {
			case time.Time:
				if err := f.SetCellFloat(sheet, cell, outbox.ExcelDate(v), -1, 64); err != nil {
					return fail(err)
				}
				style = st.date
			case int:
				if err := f.SetCellInt(sheet, cell, int64(v)); err != nil {
					return fail(err)
				}
				style = st.number
			case string:
				if err := f.SetCellStr(sheet, cell, v); err != nil {
					return fail(err)
				}
				if c.kind == kindWrap {
					style = st.wrap
					lines = max(lines, wrappedLines(v, c.width))
				}
			}
			if c.header == "Status" {
				style = st.status[r.Status]
			}
			if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
				return fail(err)
			}
		}
		// Spreadsheets do not all fit a row to its wrapped text: set it,
		// up to maxLines (the rest shows when the row is enlarged).
		if err := f.SetRowHeight(sheet, y, float64(min(lines, maxLines))*lineHeight); err != nil {
			return fail(err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return fail(err)
	}
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", last, len(rows)+1), nil); err != nil {
		return fail(err)
	}
	// Printed: the obligations and their times, fit to the width of a
	// landscape A4 page, the header on every page.
	return outbox.PrintSetup(f, sheet, outbox.Print{Cols: printedColumns, Rows: len(rows) + 1, Landscape: true})
}

// A data row is at most maxLines of lineHeight points high.
const (
	maxLines   = 5
	lineHeight = 14.5
)

// wrappedLines estimates the lines s takes wrapped in a column of width
// characters (a wide character counts two).
func wrappedLines(s string, width float64) int {
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n += len(wrap(para, max(1, int(width)-2)))
	}
	return n
}

// colName is the spreadsheet column name of the 0-based index i.
func colName(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}
