package pdftext

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns the page's text: spans are grouped into lines by their
// baseline (Y), lines are ordered top to bottom and the spans of a line left
// to right. A space is inserted between two spans of a line when the gap
// between them is wider than a fifth of the font size. Lines are joined with
// "\n"; there is no trailing newline.
func (p Page) Text() string {
	lines := p.Lines()
	return strings.Join(lines, "\n")
}

// Lines returns the page's text lines, as joined by Text.
func (p Page) Lines() []string {
	tl := p.TextLines()
	lines := make([]string, len(tl))
	for i, l := range tl {
		lines[i] = l.Text
	}
	return lines
}

// A Line is a line of a page's text (Page.TextLines): its spans, left to
// right, share a baseline.
type Line struct {
	Text  string  // the spans' text, with a space where a gap separates them
	Y     float64 // baseline of its first span, in points from the page's foot
	Size  float64 // the largest type size of its spans
	Spans []Span  // left to right
}

// TextLines returns the page's text lines, top to bottom, with their
// baselines and type sizes.
func (p Page) TextLines() []Line {
	spans := make([]Span, 0, len(p.Spans))
	for _, s := range p.Spans {
		if s.Text != "" {
			spans = append(spans, s)
		}
	}
	// Top to bottom; stable so that spans on one baseline keep their order.
	slices.SortStableFunc(spans, func(a, b Span) int { return cmp.Compare(b.Y, a.Y) })

	var groups [][]Span
	var lineY, lineSize float64
	for _, s := range spans {
		if n := len(groups); n > 0 && sameLine(lineY, lineSize, s) {
			groups[n-1] = append(groups[n-1], s)
			continue
		}
		groups = append(groups, []Span{s})
		lineY, lineSize = s.Y, s.Size
	}
	lines := make([]Line, 0, len(groups))
	for _, g := range groups {
		slices.SortStableFunc(g, func(a, b Span) int { return cmp.Compare(a.X, b.X) })
		var b strings.Builder
		size := 0.0
		for i, s := range g {
			if i > 0 && needsSpace(g[i-1], s) {
				b.WriteByte(' ')
			}
			b.WriteString(s.Text)
			size = max(size, abs(s.Size))
		}
		lines = append(lines, Line{Text: b.String(), Y: g[0].Y, Size: size, Spans: g})
	}
	return lines
}

// sameLine reports whether span s belongs to the line whose first span has
// baseline y and font size size.
func sameLine(y, size float64, s Span) bool {
	tol := 0.5 * min(abs(size), abs(s.Size))
	tol = max(tol, 1)
	return abs(y-s.Y) <= tol
}

// needsSpace reports whether a space separates adjacent spans a and b.
func needsSpace(a, b Span) bool {
	gap := b.X - (a.X + a.Width)
	size := max(abs(a.Size), abs(b.Size), 1)
	if gap <= 0.2*size {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(a.Text)
	first, _ := utf8.DecodeRuneInString(b.Text)
	return !unicode.IsSpace(last) && !unicode.IsSpace(first)
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// Text returns the text of all pages, separated by form feeds ("\f").
func (d *Document) Text() string {
	if d == nil {
		return ""
	}
	texts := make([]string, len(d.Pages))
	for i, p := range d.Pages {
		texts[i] = p.Text()
	}
	return strings.Join(texts, "\f")
}
