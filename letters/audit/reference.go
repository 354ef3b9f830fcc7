package audit

import (
	"strings"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

// printed is the customer id as the manifest says the letter prints it.
func printed(e outbox.Entry) string {
	if e.CustomerIDPrinted != "" {
		return e.CustomerIDPrinted
	}
	return e.CustomerID
}

// printedID checks the printed form the manifest records for a letter:
// the id itself or its short form (letters.ShortID), nothing else.
func (a *auditor) printedID(l *loaded, e outbox.Entry) {
	p := e.CustomerIDPrinted
	if p == "" || p == e.CustomerID {
		return
	}
	if short := letters.ShortID(e.CustomerID); p != short {
		a.add(l.name(outbox.ManifestFile), CheckIntegrity, "printed_id", "row %d: the printed customer id %q is not the short form %q of the customer id", e.Row, p, short)
	}
}

// reference checks that the letter's text carries the customer id as
// printed. The reference may break over lines of the column beside the
// address, which the page's text, line by line, interleaves with the
// address's lines: it is also looked for in the text in reading order
// (the structure tree's), as a screen reader reads it.
func (a *auditor) reference(file string, e outbox.Entry, doc *pdftext.Document, squeezed string) {
	want := letters.Squeeze(printed(e))
	if strings.Contains(squeezed, want) || strings.Contains(readingText(doc), want) {
		return
	}
	a.add(file, CheckPDF, "reference", "text layer does not contain the customer reference %q", printed(e))
}

// readingText returns the text of doc's structure tree in reading order,
// squeezed (letters.Squeeze): each marked-content sequence's text in the
// order the tree lists them; "" without a tree.
func readingText(doc *pdftext.Document) string {
	if doc.Structure == nil {
		return ""
	}
	content := make([]map[int]string, len(doc.Pages))
	for i, p := range doc.Pages {
		content[i] = map[int]string{}
		for _, s := range p.Spans {
			if s.MCID >= 0 {
				content[i][s.MCID] += s.Text
			}
		}
	}
	var b strings.Builder
	seen := map[*pdftext.StructElem]bool{}
	var walk func(*pdftext.StructElem)
	walk = func(el *pdftext.StructElem) {
		if seen[el] {
			return // a cycle in a hostile file
		}
		seen[el] = true
		for _, k := range el.Kids {
			switch {
			case k.Elem != nil:
				walk(k.Elem)
			case k.Page >= 1 && k.Page <= len(content):
				b.WriteString(letters.Squeeze(content[k.Page-1][k.MCID]))
			}
		}
	}
	walk(doc.Structure)
	return b.String()
}
