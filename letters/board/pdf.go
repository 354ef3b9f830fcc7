package board

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/pdffile"
	"github.com/breachnotice/breachnotice/letters/typeset"
	"github.com/breachnotice/breachnotice/rules"
)

// Page geometry, in millimetres (A4 landscape).
const (
	pageW, pageH = 297.0, 210.0
	margin       = 10.0
	ptMM         = 25.4 / 72
	labelColW    = 62.0 // the chart's label column (not compact)
	// The largest and the smallest type of the chart and table, in points:
	// rows shrink down to minFont before any is left out.
	maxFont = 8.0
	minFont = 6.0
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// Colours of the statuses.
var (
	colOverdue  = rgb{196, 40, 28}
	colDueSoon  = rgb{232, 150, 0}
	colOnTrack  = rgb{46, 139, 70}
	colNoFixed  = rgb{128, 128, 128}
	colNotOwed  = rgb{190, 190, 190}
	colNow      = rgb{20, 50, 120}
	colText     = rgb{25, 25, 25}
	colMuted    = rgb{105, 105, 105}
	colGrid     = rgb{225, 225, 225}
	colHeaderBg = rgb{58, 74, 92}
	colStripe   = rgb{245, 246, 248}
)

func statusColour(s string) rgb {
	switch s {
	case rules.StatusOverdue:
		return colOverdue
	case rules.StatusDueSoon:
		return colDueSoon
	case rules.StatusOnTrack:
		return colOnTrack
	case rules.StatusNoFixed:
		return colNoFixed
	}
	return colNotOwed
}

// PDFOptions tune the PDF view.
type PDFOptions struct {
	// MoreHint ends the line that says how many obligations did not fit
	// the page ("see the xlsx"); empty means "see --format xlsx".
	MoreHint string
}

// WritePDF writes the board as one A4 landscape page for the incident room:
// a title with the incident, the clock and the counts per status; a
// timeline with one bar per obligation from its clock start to its due time
// (coloured by status; an open arrow where the law sets no fixed deadline,
// hatched where the threshold is not met), a "now" line, day ticks and a
// legend; and the table under it. Rows shrink down to minFont; when the
// timeline and the table do not both fit (about 20 obligations), the
// table's columns are set beside the timeline, one row per obligation
// (about 45 fit), and what still does not fit is counted on the page
// ("N more obligations: see ..."). The text is set by the letters'
// typesetter and the file written by the letters' PDF writer
// (pdffile.WriteDrawing), which embeds the faces drawn (DejaVu Sans; Noto
// Sans SC when the text has Chinese; NanumGothic for Hangul) cut to the characters drawn, with
// subset tags, and the file's dates are the board's Now, so the same
// board gives the same bytes.
func (b *Board) WritePDF(w io.Writer, fonts *fonts.Fonts, opts PDFOptions) error {
	if fonts == nil {
		return errors.New("board: pdf: no fonts")
	}
	rows := b.Rows()
	created := b.Now
	if created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	title := "Deadlines"
	if b.IncidentID != "" {
		title += " " + b.IncidentID
	}
	info := pdffile.Drawing{Width: 841.89, Height: 595.28, Title: title, Author: b.Organization, // A4 landscape
		Subject: "as of " + b.Now.In(b.userZone()).Format(time.RFC3339), Lang: "en", Created: created}
	err := pdffile.WriteDrawing(w, fonts, info, func(doc *fpdf.Fpdf, ts *typeset.Typesetter) error {
		doc.SetAutoPageBreak(false, 0)
		doc.SetMargins(margin, margin, margin)
		p := &pen{Typesetter: ts, pdf: doc}
		d := &drawing{Board: b, p: p, rows: rows, user: b.userZone(), hint: opts.MoreHint}
		if d.hint == "" {
			d.hint = "see --format xlsx"
		}
		d.draw()
		return cmp.Or(p.Err(), doc.Error())
	})
	if err != nil {
		return fmt.Errorf("board: pdf: %w", err)
	}
	return nil
}

// drawing is one page being drawn.
type drawing struct {
	*Board
	p    *pen
	rows []Row
	user *time.Location
	hint string

	// chosen by fit
	font       float64 // type size of the chart and table, points
	lineH      float64 // one line of it, mm
	chartRowH  float64
	tableRowH  float64
	tableLines int // lines per table row: 2 when there is room
	// compact: too many obligations for a chart and a table under it: the
	// table's columns are set left of the timeline, one row per obligation.
	compact   bool
	chartRows []Row
	tableRows []Row
	chartMore int // obligations left out (compact layout only)
	cols      []tableColumn
	labelW    float64 // the chart's label area
}

// Vertical layout, mm.
const (
	titleTop  = 9.0
	chartTop  = 28.5 // the axis labels
	axisH     = 6.0  // from chartTop to the first bar row
	nowLabelH = 4.5  // under the chart: the "now" label
	gapH      = 2.5  // between the chart and the table
	footerH   = 8.0  // the footer text above the bottom margin
)

// chartable are the rows the timeline shows: all but those not required
// (they have no clock).
func (d *drawing) chartable() []Row {
	var out []Row
	for _, r := range d.rows {
		if r.Status != rules.StatusNotRequired {
			out = append(out, r)
		}
	}
	return out
}

// Row padding (mm): the least a row has, and the most it gets from room
// left over.
const (
	chartPad   = 0.6
	tablePad   = 0.9
	maxExtra   = 2.4
	tableLines = 2 // lines per table row when there is room
)

// fit chooses the layout, the type size and the rows shown, trying two
// lines per row (the second says the stage, the zone, why the row applies)
// before one. First the timeline with the table under it, at the largest
// type from maxFont down to minFont+0.5 at which both fit; else the
// compact layout: one row per obligation, the table's columns left of its
// bar, from maxFont down to minFont. Then the same in one line per row.
// When even that does not fit, as many rows as fit and the rest counted.
// Room left over pads the rows.
func (d *drawing) fit() {
	avail := pageH - margin - d.footH() - chartTop - axisH - nowLabelH
	for _, lines := range []int{tableLines, 1} {
		if d.fitStacked(avail, lines) || d.fitCompact(avail, lines) {
			return
		}
	}
	d.compact = true
	d.setFont(minFont, 1)
	n := max(0, int((avail-d.lineH-1)/d.chartRowH))
	d.chartRows, d.chartMore = d.rows[:n], len(d.rows)-n
	d.layout()
}

// fitStacked tries the timeline with the table under it, in rows of lines
// lines, from maxFont down (to minFont+0.5 for two lines).
func (d *drawing) fitStacked(avail float64, lines int) bool {
	d.compact = false
	all := d.chartable()
	nc, nt := float64(len(all)), float64(len(d.rows))
	for f := maxFont; f >= minFont; f -= 0.25 {
		if lines > 1 && f < minFont+0.5 {
			break
		}
		d.setFont(f, lines)
		need := nc*d.chartRowH + gapH + d.headH() + nt*d.tableRowH
		if need <= avail && d.roomy(all) {
			extra := min(maxExtra, (avail-need)/max(1, nc+nt))
			d.chartRowH += extra
			d.tableRowH += extra
			d.chartRows, d.tableRows = all, d.rows
			d.layout()
			return true
		}
	}
	return false
}

// fitCompact tries the compact layout in rows of lines lines, from
// maxFont down to minFont, leaving the timeline minPlot (in one line, at
// minFont, whatever is left).
func (d *drawing) fitCompact(avail float64, lines int) bool {
	d.compact = true
	nt := float64(len(d.rows))
	for f := maxFont; f >= minFont; f -= 0.25 {
		d.setFont(f, lines)
		need := nt * d.chartRowH
		d.chartRows = d.rows
		d.layout()
		if need <= avail && (pageW-2*margin-d.labelW >= minPlot || lines == 1 && f == minFont) {
			d.chartRowH += min(maxExtra, (avail-need)/max(1, nt))
			d.layout()
			return true
		}
	}
	return false
}

func (d *drawing) setFont(f float64, lines int) {
	d.font = f
	d.lineH = f * ptMM * 1.18
	d.chartRowH = d.lineH + chartPad
	d.tableLines = lines
	d.tableRowH = float64(lines)*d.lineH + tablePad
	if d.compact && lines > 1 {
		d.chartRowH = d.tableRowH // the table's columns are set in the chart's rows
	}
}

// layout sets the columns and the width of the chart's label area.
func (d *drawing) layout() {
	d.labelW = labelColW
	if !d.compact {
		d.cols = d.layoutColumns(d.tableColumns(), d.tableRows)
		return
	}
	var cols []tableColumn
	for _, c := range d.tableColumns() {
		switch c.key {
		case "rule":
			continue
		case "authority":
			c.flex, c.most = 0, 44
		}
		cols = append(cols, c)
	}
	d.cols = d.layoutColumns(cols, d.chartRows)
	d.labelW = 0
	for _, c := range d.cols {
		d.labelW += c.width
	}
}

// minFlex is the least width (mm) the authority and the rule columns
// share, in one-line and in two-line rows: below it a smaller type is
// chosen.
var minFlex = map[int]float64{1: 90, 2: 85}

// minPlot is the least width (mm) of the timeline in the compact layout:
// below it a smaller type is chosen.
const minPlot = 75.0

// roomy reports whether, at the current type, the table leaves its
// authority and rule columns minFlex between them.
func (d *drawing) roomy(chart []Row) bool {
	d.chartRows, d.tableRows = chart, d.rows
	cols := d.layoutColumns(d.tableColumns(), d.rows)
	w := 0.0
	for _, c := range cols {
		if c.flex > 0 {
			w += c.width
		}
	}
	return w >= minFlex[d.tableLines]
}

// headH is the height of the table's header row.
func (d *drawing) headH() float64 { return d.lineH + 1.4 }

func (d *drawing) draw() {
	d.fit()
	d.drawTitle()
	sc := d.scale()
	y := d.drawChart(sc)
	if !d.compact {
		y = d.drawTable(y + gapH)
	}
	d.drawFooter(y)
}

// drawTitle draws the title, the clock, the counts and the legend.
func (d *drawing) drawTitle() {
	p := d.p
	title := "Deadlines"
	if d.IncidentID != "" {
		title += " · " + d.IncidentID
	}
	if d.Organization != "" {
		title += " · " + d.Organization
	}
	// Counts, right-aligned on the title line, most urgent first; they
	// shrink (then the title is cut) so that the two do not meet.
	type count struct {
		status, label string
	}
	var counts []count
	n := Counts(d.rows)
	for _, s := range statuses {
		switch {
		case n[s] == 0:
		case s == rules.StatusNotNeeded && n[rules.StatusNotRequired] > 0:
			counts = append(counts, count{s, fmt.Sprintf("%d not owed", n[s]+n[rules.StatusNotRequired])})
		case s == rules.StatusNotRequired && n[rules.StatusNotNeeded] > 0:
		default:
			counts = append(counts, count{s, fmt.Sprintf("%d %s", n[s], s)})
		}
	}
	bold := func(s string) bool { return s == rules.StatusOverdue || s == rules.StatusDueSoon }
	countsW := func(size float64) float64 {
		w := 0.0
		for _, c := range counts {
			w += p.Width(c.label, size, bold(c.status)) + size*0.35 + 5
		}
		return w
	}
	size := 9.5
	titleW := p.Width(title, 14, true)
	for size > 7 && titleW+countsW(size)+6 > pageW-2*margin {
		size -= 0.5
	}
	p.colour(colText)
	p.Draw(p.Fit(title, 14, true, pageW-2*margin-countsW(size)-6), margin, titleTop+4.5)
	x := pageW - margin - countsW(size) + 4
	for _, c := range counts {
		sw := size * 0.3
		d.swatch(x, titleTop+4.5-sw, sw, sw, c.status)
		x += sw + 1
		p.colour(textColour(c.status))
		p.text(x, titleTop+4.5, c.label, size, bold(c.status))
		x += p.Width(c.label, size, bold(c.status)) + size*0.05 + 4
	}
	now := d.Now.In(d.user)
	sub := fmt.Sprintf("as of %s %s (%s)", now.Format("Mon 2 Jan 2006 15:04"), zoneAbbr(now), zoneName(d.user))
	if !d.Discovered.IsZero() {
		disc := d.Discovered.In(d.user)
		sub += fmt.Sprintf(" · discovered %s %s", disc.Format("Mon 2 Jan 2006 15:04"), zoneAbbr(disc))
	}
	sub += " · times in " + zoneName(d.user) + " unless marked local"
	p.colour(colMuted)
	p.text(margin, titleTop+10, sub, 8.5, false)

	// Legend, right-aligned under the counts.
	type item struct {
		label string
		draw  func(x, y float64)
	}
	items := []item{
		{"overdue", func(x, y float64) { d.swatch(x, y, 5, 2.4, rules.StatusOverdue) }},
		{"due within 24h", func(x, y float64) { d.swatch(x, y, 5, 2.4, rules.StatusDueSoon) }},
		{"on track", func(x, y float64) { d.swatch(x, y, 5, 2.4, rules.StatusOnTrack) }},
		{"no fixed deadline", func(x, y float64) { d.openBar(x, y+1.2, x+5, 2.4) }},
		{"threshold not met", func(x, y float64) { d.swatch(x, y, 5, 2.4, rules.StatusNotNeeded) }},
		{"policy, not law", func(x, y float64) { d.diamond(x+2.5, y+1.2, 1.3, colNoFixed) }},
		{"now", func(x, y float64) {
			p.stroke(colNow)
			p.pdf.SetLineWidth(0.5)
			p.pdf.Line(x+2.5, y-0.6, x+2.5, y+3)
		}},
	}
	x = margin
	y := titleTop + 14.8
	p.colour(colMuted)
	p.text(x, y, "Legend:", 7, true)
	x += p.Width("Legend:", 7, true) + 3
	for _, it := range items {
		it.draw(x, y-2.2)
		x += 6.5
		p.colour(colMuted)
		p.text(x, y, it.label, 7, false)
		x += p.Width(it.label, 7, false) + 5
	}
}

func textColour(s string) rgb {
	switch s {
	case rules.StatusNoFixed:
		return colMuted
	case rules.StatusNotNeeded, rules.StatusNotRequired:
		return rgb{150, 150, 150}
	}
	return statusColour(s)
}

// swatch draws a status's bar style in a box.
func (d *drawing) swatch(x, y, w, h float64, status string) {
	if status == rules.StatusNotNeeded || status == rules.StatusNotRequired {
		d.hatched(x, y, w, h)
		return
	}
	d.p.fill(statusColour(status))
	d.p.pdf.Rect(x, y, w, h, "F")
}

// hatched draws a light box with diagonal lines: a deadline not owed.
func (d *drawing) hatched(x, y, w, h float64) {
	pdf := d.p.pdf
	d.p.fill(rgb{246, 246, 246})
	d.p.stroke(colNotOwed)
	pdf.SetLineWidth(0.2)
	pdf.Rect(x, y, w, h, "FD")
	pdf.ClipRect(x, y, w, h, false)
	for hx := x - h; hx < x+w; hx += 1.2 {
		pdf.Line(hx, y+h, hx+h, y)
	}
	pdf.ClipEnd()
}

// openBar draws a thin grey line from x0 to x1 ending in an arrow head: a
// clock with no fixed end.
func (d *drawing) openBar(x0, y, x1, h float64) {
	pdf := d.p.pdf
	d.p.stroke(colNoFixed)
	d.p.fill(colNoFixed)
	pdf.SetLineWidth(0.5)
	pdf.SetDashPattern([]float64{1.2, 0.8}, 0)
	pdf.Line(x0, y, x1-1.6, y)
	pdf.SetDashPattern(nil, 0)
	pdf.Polygon([]fpdf.PointType{{X: x1, Y: y}, {X: x1 - 1.8, Y: y - h*0.45}, {X: x1 - 1.8, Y: y + h*0.45}}, "F")
}

func (d *drawing) diamond(x, y, r float64, c rgb) {
	d.p.fill(rgb{255, 255, 255})
	d.p.stroke(c)
	d.p.pdf.SetLineWidth(0.35)
	d.p.pdf.Polygon([]fpdf.PointType{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}, "FD")
}

// timeScale maps instants to the chart's x. When the timeline spans more
// than two weeks, the week after now gets most of the width and the rest
// is compressed (drawn with a break mark), so that hours stay readable.
type timeScale struct {
	start, brk, end time.Time
	x0, xb, x1      float64
	broken          bool
}

func (s timeScale) x(t time.Time) float64 {
	if !s.broken || !t.After(s.brk) {
		return s.x0 + (s.xb-s.x0)*frac(s.start, s.brk, t)
	}
	return s.xb + (s.x1-s.xb)*frac(s.brk, s.end, t)
}

func frac(a, b, t time.Time) float64 {
	if !b.After(a) {
		return 0
	}
	return float64(t.Sub(a)) / float64(b.Sub(a))
}

// barLabel is the text after a bar's end.
func (d *drawing) barLabel(r Row) string {
	switch {
	case r.Due != nil && r.Owed():
		return "due " + glanceTime(*r.User, d.Now) + " · " + r.TimeLeft()
	case r.Due != nil:
		return "due " + glanceTime(*r.User, d.Now) + " · " + r.Status
	}
	return ""
}

// scale fits the chart's time span, from the earliest clock start to the
// latest due time (and now), to the width left of the labels.
func (d *drawing) scale() timeScale {
	var start, end time.Time
	take := func(t time.Time) {
		if start.IsZero() || t.Before(start) {
			start = t
		}
		if end.IsZero() || t.After(end) {
			end = t
		}
	}
	take(d.Now)
	if !d.Discovered.IsZero() {
		take(d.Discovered)
	}
	labelW := 0.0
	var last time.Time
	for _, r := range d.chartRows {
		if r.Status == rules.StatusNotRequired {
			continue
		}
		take(r.clockStart(d.Discovered))
		if r.Due != nil {
			take(*r.Due)
			if !r.Due.Before(last) && !d.compact {
				last = *r.Due
				labelW = max(labelW, d.p.Width(d.barLabel(r), d.font, false))
			}
		}
		if r.Policy != nil {
			take(*r.Policy)
		}
	}
	start = midnight(start.In(d.user))
	end = midnight(end.In(d.user)).AddDate(0, 0, 1)
	s := timeScale{start: start, end: end, brk: end}
	s.x0 = margin + d.labelW + 2
	s.x1 = pageW - margin - max(labelW+2, 24)
	if d.compact {
		s.x1 = pageW - margin - 8
	}
	s.xb = s.x1
	if end.Sub(start) > 16*24*time.Hour {
		brk := midnight(d.Now.In(d.user)).AddDate(0, 0, 8)
		if brk.Before(end) && brk.After(start) {
			s.broken, s.brk = true, brk
			s.xb = s.x0 + 0.68*(s.x1-s.x0)
		}
	}
	return s
}

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// drawChart draws the timeline and returns the y under it.
func (d *drawing) drawChart(sc timeScale) float64 {
	top := chartTop + axisH
	bottom := top + float64(len(d.chartRows))*d.chartRowH
	d.drawChartBackground(top)
	d.drawAxis(sc, bottom)
	var labels []func() // drawn last, over the now line
	for i, r := range d.chartRows {
		labels = d.drawChartRow(sc, i, r, top, labels)
	}
	return d.drawNow(sc, bottom, labels)
}

// drawChartBackground draws the row stripes and the heading of the label
// column.
func (d *drawing) drawChartBackground(top float64) {
	p, pdf := d.p, d.p.pdf
	// Row stripes, then day ticks behind the bars.
	for i := range d.chartRows {
		if i%2 == 1 {
			p.fill(colStripe)
			pdf.Rect(margin, top+float64(i)*d.chartRowH, pageW-2*margin, d.chartRowH, "F")
		}
	}
	if d.compact {
		d.drawHeader(chartTop, axisH-0.6, d.labelW)
	} else {
		p.colour(colMuted)
		p.text(margin, chartTop+3.2, "timeline ("+zoneName(d.user)+")", 7, true)
	}
}

// drawAxis draws the day grid, the day labels and the axis line, with a
// break mark where the scale is compressed.
func (d *drawing) drawAxis(sc timeScale, bottom float64) {
	p, pdf := d.p, d.p.pdf
	lastLabel, lastGrid := -100.0, -100.0
	month := time.Month(0)
	for t := sc.start; !t.After(sc.end); t = t.AddDate(0, 0, 1) {
		x := sc.x(t)
		if x-lastGrid >= 3 {
			p.stroke(colGrid)
			pdf.SetLineWidth(0.2)
			pdf.Line(x, chartTop+4, x, bottom)
			lastGrid = x
		}
		label := t.Format("Mon 2")
		if t.Month() != month {
			label = t.Format("2 Jan")
		}
		lw := p.Width(label, 6.5, true)
		lx := max(x-lw/2, sc.x0-1)
		if lx-lastLabel >= 2.5 && lx+lw <= pageW-margin {
			p.colour(colMuted)
			p.text(lx, chartTop+3.2, label, 6.5, t.Month() != month)
			p.stroke(colMuted)
			pdf.SetLineWidth(0.25)
			pdf.Line(x, chartTop+4, x, chartTop+5.2)
			lastLabel = lx + lw
			month = t.Month()
		}
	}
	p.stroke(colMuted)
	pdf.SetLineWidth(0.25)
	pdf.Line(sc.x0, chartTop+5.2, sc.x1, chartTop+5.2)
	if sc.broken {
		// a break mark: the scale is compressed after it
		for _, dx := range []float64{-0.6, 0.6} {
			pdf.Line(sc.xb+dx-0.6, chartTop+6.2, sc.xb+dx+0.6, chartTop+4.2)
		}
	}
}

// drawChartRow draws chart row i: its label and its bar; the bar's text
// is appended to labels, to be drawn over the now line.
func (d *drawing) drawChartRow(sc timeScale, i int, r Row, top float64, labels []func()) []func() {
	p, pdf := d.p, d.p.pdf
	y := top + float64(i)*d.chartRowH
	mid := y + d.chartRowH/2
	base := mid + d.font*ptMM*0.35
	if d.compact {
		d.drawCells(r, y, d.chartRowH, d.tableLines)
	} else {
		d.drawRowLabel(r, base)
	}
	if r.Status == rules.StatusNotRequired {
		return labels
	}
	barH := min(d.chartRowH-1.0, 3.6)
	x0 := sc.x(r.clockStart(d.Discovered))
	if r.Due == nil {
		return d.drawOpenBar(sc, i, r, x0, mid, base, barH, labels)
	}
	x1 := max(sc.x(*r.Due), x0+0.8)
	if r.Owed() {
		p.fill(statusColour(r.Status))
		pdf.Rect(x0, mid-barH/2, x1-x0, barH, "F")
	} else {
		d.hatched(x0, mid-barH/2, x1-x0, barH)
	}
	if !d.compact {
		labels = append(labels, func() {
			text, bold := d.barLabel(r), r.Status == rules.StatusOverdue || r.Status == rules.StatusDueSoon
			d.background(i, x1+0.8, mid, p.Width(text, d.font, bold)+0.8)
			p.colour(textColour(r.Status))
			p.text(x1+1.2, base, text, d.font, bold)
		})
	}
	return labels
}

// drawRowLabel draws the label column of a chart row: number, where,
// recipient, stage.
func (d *drawing) drawRowLabel(r Row, base float64) {
	p := d.p
	p.colour(colMuted)
	num := strconv.Itoa(r.N)
	p.text(margin+4-p.Width(num, d.font, false), base, num, d.font, false)
	label := r.Where + " · " + r.Recipient()
	if r.Stage != rules.StageInitial {
		label += " · " + r.Stage
	}
	p.colour(colText)
	if !r.Owed() {
		p.colour(colMuted)
	}
	p.Draw(p.Fit(label, d.font, false, d.labelW-6), margin+5.5, base)
}

// drawOpenBar draws the bar of an obligation without a fixed deadline,
// with the organization's own policy deadline if it has one; its texts
// are appended to labels.
func (d *drawing) drawOpenBar(sc timeScale, i int, r Row, x0, mid, base, barH float64, labels []func()) []func() {
	p := d.p
	end := min(sc.x1+8, pageW-margin)
	d.openBar(x0, mid, end, barH)
	text := "no fixed deadline"
	if words := r.Clock().Words; words != "" {
		text += ": " + words
	}
	tx := x0 + 2
	room := pageW - margin - tx // for text
	if r.Policy != nil {
		px := sc.x(*r.Policy)
		d.diamond(px, mid, min(1.4, barH/2), colNoFixed)
		pol := "policy, not law: " + glanceTime(r.Policy.In(d.user), d.Now)
		pw := p.Width(pol, d.font*0.9, false)
		if px+2+pw <= pageW-margin {
			labels = append(labels, func() {
				d.background(i, px+1.6, mid, pw+0.8)
				p.colour(colMuted)
				p.text(px+2, base, pol, d.font*0.9, false)
			})
		}
		if px-x0 > 20 {
			room = min(room, px-tx-2)
		} else {
			room = 0 // no text before the policy's mark
		}
	}
	if ln := p.Fit(text, d.font, false, room); ln.Text() != "" {
		labels = append(labels, func() {
			d.background(i, tx-0.5, mid, ln.Width()+1)
			p.colour(colMuted)
			p.Draw(ln, tx, base)
		})
	}
	return labels
}

// drawNow draws the now line, then the bars' labels over it, the now
// label and the note of rows left out; it returns the y under the chart.
func (d *drawing) drawNow(sc timeScale, bottom float64, labels []func()) float64 {
	p, pdf := d.p, d.p.pdf
	nx := sc.x(d.Now)
	p.stroke(colNow)
	pdf.SetLineWidth(0.5)
	pdf.Line(nx, chartTop+4, nx, bottom+0.8)
	for _, f := range labels {
		f()
	}
	now := d.Now.In(d.user)
	label := "now " + now.Format("Mon 2 Jan 15:04")
	lw := p.Width(label, 7, true)
	lx := min(max(nx-lw/2, sc.x0), pageW-margin-lw)
	p.colour(colNow)
	p.text(lx, bottom+3.4, label, 7, true)
	if sc.broken {
		label := "compressed scale ›"
		cw := p.Width(label, 6, false)
		if cx := sc.xb + 1.5; cx > lx+lw+2 && cx+cw <= pageW-margin {
			p.colour(colMuted)
			p.text(cx, bottom+3.4, label, 6, false)
		}
	}
	y := bottom + nowLabelH
	if d.chartMore > 0 {
		p.colour(colOverdue)
		p.text(margin, bottom+3.4, fmt.Sprintf("%d more obligations: %s", d.chartMore, d.hint), d.font+0.5, true)
	}
	return y
}

// background clears a text's place on chart row i (centred on mid).
func (d *drawing) background(i int, x, mid, w float64) {
	d.p.fill(rgb{255, 255, 255})
	if i%2 == 1 {
		d.p.fill(colStripe)
	}
	d.p.pdf.Rect(x, mid-d.lineH/2, w, d.lineH, "F")
}

// tableColumn is one column of the PDF table.
type tableColumn struct {
	key    string // what the column holds: n, where, notify, authority, persons, due, local, left, status, rule
	header string
	right  bool
	// flex > 0: the column shares what the others leave, by weight;
	// otherwise it is as wide as its widest cell, up to most mm.
	flex  float64
	most  float64
	width float64              // mm, set by layoutColumns
	lines func(r Row) []string // the cell's text, a line each (one or two)
}

func (d *drawing) tableColumns() []tableColumn {
	user := zoneName(d.user)
	one := func(f func(r Row) string) func(r Row) []string {
		return func(r Row) []string { return []string{f(r)} }
	}
	cols := []tableColumn{
		{key: "n", header: "#", right: true, most: 8, lines: one(func(r Row) string { return strconv.Itoa(r.N) })},
		{key: "where", header: "Jurisdiction", most: 26, lines: one(func(r Row) string { return r.Where })},
		{key: "notify", header: "Notify", most: 34, lines: func(r Row) []string {
			return []string{r.Recipient(), r.Stage}
		}},
		{key: "authority", header: "Authority · why", flex: 0.5, lines: func(r Row) []string {
			if why := shortWhy(r); why != "" {
				return []string{r.Authority, why}
			}
			return []string{r.Authority}
		}},
		{key: "persons", header: "Persons", right: true, most: 30, lines: func(r Row) []string {
			n := strconv.Itoa(r.Affected)
			if m := r.Obligation.MinAffected; m > 0 {
				return []string{n, fmt.Sprintf("min %d", m)}
			}
			return []string{n}
		}},
		{key: "due", header: "Due (" + user + ")", most: 36, lines: func(r Row) []string {
			switch {
			case r.User != nil:
				return []string{glanceTime(*r.User, d.Now)}
			case r.Policy != nil:
				return []string{"no fixed deadline", "policy: " + glanceTime(r.Policy.In(d.user), d.Now)}
			case r.Status == rules.StatusNotRequired:
				return []string{"—"}
			}
			return []string{"no fixed deadline"}
		}},
		{key: "local", header: "Due (local)", most: 40, lines: func(r Row) []string {
			if r.Local == nil {
				return []string{"—", zoneName(r.Zone)}
			}
			return []string{glanceTime(*r.Local, d.Now) + " " + zoneAbbr(*r.Local), zoneName(r.Zone)}
		}},
		{key: "left", header: "Time left", most: 32, lines: one(Row.TimeLeft)},
		{key: "status", header: "Status", most: 32, lines: one(func(r Row) string { return r.Status })},
		{key: "rule", header: "Rule · law", flex: 0.5, lines: func(r Row) []string {
			return []string{r.Rule, r.Obligation.Citation}
		}},
	}
	return cols
}

const cellPad = 1.2

// swatchW is the room (mm) for the colour swatch before a status.
const swatchW = 2.8

// layoutColumns sets the columns' widths: each fixed column as wide as its
// widest cell (up to its most), the flexible ones sharing the rest.
func (d *drawing) layoutColumns(cols []tableColumn, rows []Row) []tableColumn {
	p := d.p
	used, flex := 0.0, 0.0
	for i := range cols {
		c := &cols[i]
		if c.flex > 0 {
			flex += c.flex
			continue
		}
		w := p.Width(c.header, d.font, true)
		lines := d.tableLines
		for _, r := range rows {
			for k, s := range d.cell(*c, r, lines) {
				w = max(w, p.Width(s, d.font, k == 0 && (c.key == "status" || c.key == "left" || c.key == "n")))
			}
		}
		if c.key == "status" {
			w += swatchW
		}
		c.width = min(w+2*cellPad+0.3, c.most*d.font/6.5) // most is for 6.5 pt
		used += c.width
	}
	rest := pageW - 2*margin - used
	for i := range cols {
		if cols[i].flex > 0 {
			cols[i].width = rest * cols[i].flex / flex
		}
	}
	return cols
}

// cell is a column's text for a row, in as many lines as rows have.
func (d *drawing) cell(c tableColumn, r Row, n int) []string {
	lines := c.lines(r)
	if n == 1 && len(lines) > 1 {
		lines = []string{joinLine(c.key, lines)}
	}
	return lines
}

// drawTable draws the table from y and returns the y under it.
func (d *drawing) drawTable(y float64) float64 {
	p, pdf := d.p, d.p.pdf
	d.drawHeader(y, d.headH(), pageW-2*margin)
	y += d.headH()
	for i, r := range d.tableRows {
		if i%2 == 1 {
			p.fill(colStripe)
			pdf.Rect(margin, y, pageW-2*margin, d.tableRowH, "F")
		}
		d.drawCells(r, y, d.tableRowH, d.tableLines)
		y += d.tableRowH
	}
	if len(d.tableRows) == 0 {
		p.colour(colMuted)
		p.text(margin+cellPad, y+d.lineH+0.6, "No obligations: no person's data makes the breach notifiable.", d.font, false)
		y += d.lineH + 1.4
	}
	p.stroke(colGrid)
	pdf.SetLineWidth(0.25)
	pdf.Line(margin, y, pageW-margin, y)
	return y
}

// drawHeader draws the columns' header in a dark band.
func (d *drawing) drawHeader(y, h, w float64) {
	p := d.p
	p.fill(colHeaderBg)
	p.pdf.Rect(margin, y, w, h, "F")
	x := margin
	p.colour(rgb{255, 255, 255})
	for _, c := range d.cols {
		ln := p.Fit(c.header, d.font, true, c.width-2*cellPad)
		tx := x + cellPad
		if c.right {
			tx = x + c.width - cellPad - ln.Width()
		}
		p.Draw(ln, tx, y+h/2+d.font*ptMM*0.35)
		x += c.width
	}
}

// drawCells draws a row's cells in a row of height h from y, in lines lines.
func (d *drawing) drawCells(r Row, y, h float64, lines int) {
	p := d.p
	x := margin
	for _, c := range d.cols {
		for k, ln := range d.setCell(c, r, lines) {
			base := y + (h-float64(lines)*d.lineH)/2 + float64(k)*d.lineH + d.lineH*0.78
			switch {
			case c.key == "status":
				p.colour(textColour(r.Status))
				if k == 0 {
					d.swatch(x+cellPad, base-d.font*ptMM*0.7, 1.8, d.font*ptMM*0.7, r.Status)
				}
			case c.key == "left" && r.Status == rules.StatusOverdue,
				c.key == "n" && len(r.counsel()) > 0:
				p.colour(colOverdue)
			case k > 0 || !r.Owed():
				p.colour(colMuted)
			default:
				p.colour(colText)
			}
			tx := x + cellPad + cellIndent(c, k)
			if c.right {
				tx = x + c.width - cellPad - ln.Width()
			}
			p.Draw(ln, tx, base)
		}
		x += c.width
	}
}

// setCell sets a row's cell in at most n lines, each cut with "…" to the
// column's width; the one line of a flexible column (authority, rule)
// is wrapped when rows have two.
func (d *drawing) setCell(c tableColumn, r Row, n int) []typeset.Line {
	bold := c.key == "status" && (r.Status == rules.StatusOverdue || r.Status == rules.StatusDueSoon) ||
		c.key == "left" && r.Status == rules.StatusOverdue ||
		c.key == "n" && len(r.counsel()) > 0
	w := c.width - 2*cellPad
	cell := d.cell(c, r, n)
	if len(cell) == 1 && n == 2 && c.flex > 0 {
		return d.p.LinesEllipsis(cell[0], d.font, bold, w, 2)
	}
	var out []typeset.Line
	for k, s := range cell[:min(len(cell), n)] {
		out = append(out, d.p.Fit(s, d.font, bold, w-cellIndent(c, k)))
	}
	return out
}

// cellIndent is the room (mm) before line k of a cell of c: the status's
// colour swatch.
func cellIndent(c tableColumn, k int) float64 {
	if c.key == "status" && k == 0 {
		return swatchW
	}
	return 0
}

// shortWhy is why the row applies, in one line for the table: its reasons
// joined by "; ", each without the "N residents of J: " the row's
// persons and jurisdiction already say (kept when it is all there is,
// "... residence", or when it counts other persons than the row).
func shortWhy(r Row) string {
	out := make([]string, 0, len(r.Why))
	for _, w := range r.Why {
		rest, ok := strings.CutPrefix(w, fmt.Sprintf("%d residents of %s: ", r.Affected, r.Jurisdiction))
		if ok && rest != "residence" {
			w = rest
		}
		out = append(out, w)
	}
	return strings.Join(out, "; ")
}

// joinLine puts a two-line cell on one line.
func joinLine(key string, lines []string) string {
	switch key {
	case "notify":
		if lines[1] == rules.StageInitial {
			return lines[0]
		}
		return lines[0] + " · " + lines[1]
	case "persons":
		return lines[0] + " (" + lines[1] + ")"
	case "local":
		return lines[0]
	case "due":
		return lines[len(lines)-1] // the policy target, if any; the status says there is no fixed deadline
	}
	return strings.Join(lines, " · ")
}

// drawFooter explains the statuses at the foot of the page.
func (d *drawing) drawFooter(float64) {
	p := d.p
	text := "Bars run from each clock's start to its due time. No fixed deadline: the law sets no period (\"without undue delay\", \"immediately\"), " +
		"so no due time is computed: act at once. Policy: a company target, not law. Threshold not met: not owed for the persons counted. " +
		"Due times are computed in each jurisdiction's zone and shown in " + zoneName(d.user) + " unless marked local. " +
		"Full rule words, contacts and sources: deadlines --format xlsx or csv. Check every deadline with counsel."
	lines := p.LinesEllipsis(text, 6.3, false, pageW-2*margin, 2)
	y := pageH - margin - 3.1*float64(len(lines)-1)
	if counsel := d.counselLines(); len(counsel) > 0 {
		cy := y - footLineH*float64(len(counsel))
		p.colour(colOverdue)
		if len(d.Conflicts) == 0 && len(d.Languages) == 0 {
			p.colour(colMuted) // fallback languages only: a count, not for counsel
		}
		for i, ln := range counsel {
			p.Draw(ln, margin, cy+float64(i)*footLineH)
		}
	}
	p.colour(colMuted)
	for i, ln := range lines {
		p.Draw(ln, margin, y+float64(i)*3.1)
	}
}

// footLineH is the height (mm) of a line of the footer's counsel note.
const footLineH = 3.3

// footH is the room (mm) the footer takes above the bottom margin: its
// text and the counsel note, if any.
func (d *drawing) footH() float64 {
	return footerH + footLineH*float64(len(d.counselLines()))
}

// counselLines is the footer's note of what needs counsel: the conflicts
// between laws reaching one person and the letters not in a language a
// law requires, with the rows they touch (their numbers are marked), in
// at most two lines cut with "…"; none when there is nothing.
func (d *drawing) counselLines() []typeset.Line {
	fallbacks := d.fallbackNote()
	if len(d.Conflicts) == 0 && len(d.Languages) == 0 {
		if fallbacks == "" {
			return nil
		}
		return d.p.LinesEllipsis(fallbacks, 6.5, true, pageW-2*margin, 2)
	}
	var marked []string
	for _, r := range d.rows {
		if len(r.counsel()) > 0 {
			marked = append(marked, strconv.Itoa(r.N))
		}
	}
	head := "Decided by counsel"
	var items []string
	for _, c := range d.Conflicts {
		verdict := "decided"
		if c.Decided != nil {
			verdict += ": " + c.Decided.Resolve
		}
		if c.Open() {
			head = "Needs counsel"
			verdict = fmt.Sprintf("open: record the decision on %q", c.ID())
		}
		items = append(items, fmt.Sprintf("%q required by %s, forbidden by %s (%s), %s",
			c.Key, c.RequiredBy, c.ForbiddenBy, persons(c.Persons), verdict))
	}
	for _, f := range d.Languages {
		head = "Needs counsel"
		verb := "are"
		if f.Persons == 1 {
			verb = "is"
		}
		items = append(items, fmt.Sprintf("%s requires letters in %s (%s), %s in %s",
			f.Jurisdiction, strings.Join(f.Required, " or "), persons(f.Persons), verb, f.Language))
	}
	if len(marked) > 0 {
		head += " (rows " + strings.Join(marked, ", ") + ")"
	}
	text := head + ": " + strings.Join(items, "; ") + ". " + fallbacks + "In full: deadlines --format table or xlsx."
	return d.p.LinesEllipsis(text, 6.5, true, pageW-2*margin, 2)
}

// fallbackNote counts the letters not in the customer's language (no
// catalog for it), "Fallback languages (no catalog for the customer's): GB
// pl→en 1; US-CA es→en 1. ", or "" when there are none.
func (d *drawing) fallbackNote() string {
	var parts []string
	for _, id := range slices.Sorted(maps.Keys(d.Fallbacks)) {
		if len(d.Fallbacks[id]) > 0 {
			parts = append(parts, id+" "+outbox.FallbacksText(d.Fallbacks[id]))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Fallback languages (no catalog for the customer's, not a finding): " + strings.Join(parts, "; ") + ". "
}

// pen draws the page's text, set by the letters' typesetter
// (letters/pdf), and sets the colours of text, fills and strokes.
type pen struct {
	*typeset.Typesetter
	pdf *fpdf.Fpdf
}

// text draws s on one line from x, with its baseline at y.
func (p *pen) text(x, y float64, s string, size float64, bold bool) {
	p.Draw(p.Line(s, size, bold), x, y)
}

func (p *pen) colour(c rgb) { p.pdf.SetTextColor(c.r, c.g, c.b) }
func (p *pen) fill(c rgb)   { p.pdf.SetFillColor(c.r, c.g, c.b) }
func (p *pen) stroke(c rgb) { p.pdf.SetDrawColor(c.r, c.g, c.b) }
