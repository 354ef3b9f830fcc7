package audit

import "github.com/breachnotice/breachnotice/letters/internal/pdftext"

// tagged checks that a letter is a tagged PDF (ISO 32000-1, 14.8): the
// catalog says so (/MarkInfo /Marked true), it has a structure tree, and
// every text it draws is either content of the tree (marked content with
// an MCID) or an artifact. Without them a screen reader guesses the
// reading order from the page.
func (a *auditor) tagged(file string, doc *pdftext.Document) {
	switch {
	case !doc.Marked && doc.Structure == nil:
		a.add(file, CheckPDF, "untagged", "untagged PDF (no /MarkInfo /Marked true, no structure tree): screen readers guess the reading order")
		return
	case !doc.Marked:
		a.add(file, CheckPDF, "untagged", "untagged PDF (no /MarkInfo /Marked true): screen readers may ignore its structure tree")
	case doc.Structure == nil:
		a.add(file, CheckPDF, "untagged", "untagged PDF (no structure tree): screen readers guess the reading order")
		return
	}
	for _, p := range doc.Pages {
		n := 0
		for _, s := range p.Spans {
			if s.MCID < 0 && !s.Artifact {
				n++
			}
		}
		if n > 0 {
			a.add(file, CheckPDF, "untagged", "page %d: %d pieces of text are neither in the structure tree nor artifacts: screen readers skip or guess them", p.Number, n)
		}
	}
}
