package audit_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"

	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
)

// letterPages reads the text lines of a fixture letter's pages.
func letterPages(t *testing.T, f fixture, id string) (pages [][]pdftext.Line, w, h float64) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(f.dir, f.entries[id].PDF))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdftext.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Pages {
		pages = append(pages, p.TextLines())
	}
	return pages, doc.Pages[0].Width, doc.Pages[0].Height
}

// drawPages sets the lines again where they were, each span at its size
// (in DejaVu Sans, regular): a letter laid out by something else.
func drawPages(t *testing.T, pages [][]pdftext.Line, w, h float64) []byte {
	t.Helper()
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	doc.SetCreationDate(now)
	doc.SetModificationDate(now)
	doc.AddUTF8FontFromBytes("dejavu", "", dejavusans.TTF)
	doc.SetAutoPageBreak(false, 0)
	for _, p := range pages {
		doc.AddPage()
		for _, l := range p {
			for _, s := range l.Spans {
				doc.SetFont("dejavu", "", s.Size)
				doc.Text(s.X, h-l.Y, s.Text)
			}
		}
	}
	var b bytes.Buffer
	if err := doc.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// moveUp moves lines [from, to) of page p to the foot of page p-1
// (above its page label, the last line), each at one line's pitch below
// the one before.
func moveUp(pages [][]pdftext.Line, p, from, to int) {
	prev := pages[p-1]
	label := prev[len(prev)-1]
	body := prev[:len(prev)-1]
	y := body[len(body)-1].Y
	for _, l := range pages[p][from:to] {
		y -= 14
		l.Y = y
		body = append(body, l)
	}
	pages[p-1] = append(body, label)
	pages[p] = append(pages[p][:from:from], pages[p][to:]...)
}

// indexOf returns the index of the first line of page that contains s.
func indexOf(t *testing.T, page []pdftext.Line, s string) int {
	t.Helper()
	for i, l := range page {
		if strings.Contains(l.Text, s) {
			return i
		}
	}
	t.Fatalf("no line with %q", s)
	return 0
}

// TestPageFindings lays fixture letters out badly, as a typesetter
// without keep-with-next or widow control would, and expects the audit to
// name the file and the page.
func TestPageFindings(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, f fixture) string
		code   string
		says   string
	}{
		{"a heading last on a page", func(t *testing.T, f fixture) string {
			pages, w, h := letterPages(t, f, "C-5")
			// The first heading of page 2 goes to the foot of page 1; its
			// text stays on page 2.
			at := -1
			for i, l := range pages[1] {
				if l.Size > 11 {
					at = i
					break
				}
			}
			if at < 0 {
				t.Fatal("no heading on page 2")
			}
			moveUp(pages, 1, at, at+1)
			return f.replace(t, "C-5", "pdf", drawPages(t, pages, w, h))
		}, "heading_last", "page 1 ends with the heading"},
		{"a last page with only the closing and the signature", func(t *testing.T, f fixture) string {
			pages, w, h := letterPages(t, f, "C-1")
			last := pages[len(pages)-1]
			cut := indexOf(t, last, "Ci scusiamo ancora")
			label := last[len(last)-1]
			closing := append([]pdftext.Line(nil), last[cut:len(last)-1]...)
			pages[len(pages)-1] = append(last[:cut:cut], label)
			for i := range closing {
				closing[i].Y = h - 60 - float64(i)*14
			}
			pages = append(pages, append(closing, label))
			return f.replace(t, "C-1", "pdf", drawPages(t, pages, w, h))
		}, "closing_alone", "the last, holds only the closing and the signature"},
		{"a character printed as U+FFFD", func(t *testing.T, f fixture) string {
			l := f.compose(t, john)
			l.Salutation = "Dear John \ufffd Smith,"
			return f.replace(t, "C-7", "pdf", f.renderPDF(t, l))
		}, "replacement_char", "page 1 prints U+FFFD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := cleanRun(t)
			file := tc.tamper(t, f)
			rep := f.audit(t)
			var got []string
			for _, x := range rep.Findings {
				if filepath.Clean(x.File) == filepath.Clean(file) && x.Code == tc.code && strings.Contains(x.Message, tc.says) {
					return
				}
				got = append(got, x.String()+" ["+x.Code+"]")
			}
			t.Errorf("no %s finding naming %s and saying %q; findings:\n%s", tc.code, file, tc.says, strings.Join(got, "\n"))
		})
	}
}

// TestGoodPagesHaveNoPageFindings: the fixture's letters, set by the
// letters' layout, have no page finding, and the same pages drawn again
// line for line by another writer have none either.
func TestGoodPagesHaveNoPageFindings(t *testing.T) {
	f := cleanRun(t)
	for _, id := range []string{"C-1", "C-5"} {
		pages, w, h := letterPages(t, f, id)
		f.replace(t, id, "pdf", drawPages(t, pages, w, h))
	}
	for _, x := range f.audit(t).Findings {
		switch x.Code {
		case "heading_last", "closing_alone", "replacement_char":
			t.Errorf("finding: %s [%s]", x, x.Code)
		}
	}
}
