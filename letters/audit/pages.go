package audit

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

// headingRatio is how much larger than the body a line must be set to be
// read as a heading (the letters set headings at 1.2 times the body).
const headingRatio = 1.1

// pages checks what a reader sees on each page of a letter: a heading
// at the foot of a page, apart from its text; a last page that holds only
// the closing and the signature; characters printed as U+FFFD.
func (a *auditor) pages(file string, e outbox.Entry, doc *pdftext.Document) {
	for i, p := range doc.Pages {
		lines := a.bodyLines(e, p)
		if h, ok := headingLast(lines); ok {
			a.add(file, CheckPDF, "heading_last", "page %d ends with the heading %q: its text begins on the next page", p.Number, h)
		}
		if i > 0 && i == len(doc.Pages)-1 && a.onlyClosing(e, lines) {
			a.add(file, CheckPDF, "closing_alone", "page %d, the last, holds only the closing and the signature", p.Number)
		}
		if n := replacementChars(p); n > 0 {
			a.add(file, CheckPDF, "replacement_char", "page %d prints U+FFFD (\ufffd) in place of %d character(s) the fonts could not draw", p.Number, n)
		}
	}
}

// bodyLines returns a page's text lines without its page label.
func (a *auditor) bodyLines(e outbox.Entry, p pdftext.Page) []pdftext.Line {
	var out []pdftext.Line
	for _, l := range p.TextLines() {
		if s := letters.Squeeze(l.Text); s != "" && a.withoutPageLabels(e, s) != "" {
			out = append(out, l)
		}
	}
	return out
}

// headingLast returns the last line of a page when it is a heading: set
// larger than the page's body text (the size most of its lines have).
func headingLast(lines []pdftext.Line) (string, bool) {
	if len(lines) < 2 {
		return "", false
	}
	count := map[float64]int{}
	for _, l := range lines {
		count[round(l.Size)]++
	}
	sizes := slices.Collect(maps.Keys(count))
	body := slices.MaxFunc(sizes, func(x, y float64) int {
		return cmp.Or(cmp.Compare(count[x], count[y]), cmp.Compare(y, x))
	})
	last := lines[len(lines)-1]
	if round(last.Size) > body*headingRatio {
		return strings.TrimSpace(last.Text), true
	}
	return "", false
}

// onlyClosing reports whether lines hold nothing but the letter's closing
// (or its last lines), sign-off and signature: their text begins with the
// sign-off, or with no more than the end of the closing before it.
func (a *auditor) onlyClosing(e outbox.Entry, lines []pdftext.Line) bool {
	cat := a.catalog(e)
	if cat == nil || len(lines) == 0 {
		return false
	}
	closing, err1 := cat.Text("closing", nil)
	signOff, err2 := cat.Text("sign_off", nil)
	if err1 != nil || err2 != nil || letters.Squeeze(signOff) == "" {
		return false
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(letters.Squeeze(l.Text))
	}
	text := b.String()
	at := strings.Index(text, letters.Squeeze(signOff))
	return at >= 0 && strings.HasSuffix(letters.Squeeze(closing), text[:at])
}

// replacementChars counts the U+FFFD characters drawn on a page.
func replacementChars(p pdftext.Page) int {
	n := 0
	for _, s := range p.Spans {
		n += strings.Count(s.Text, "\ufffd")
	}
	return n
}
