package pdftext

import (
	"errors"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// corePDF is a small fpdf document using a core (non-embedded) font.
func corePDF(tb testing.TB, compress bool) []byte {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetTitle("Fuzz", false)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 12)
	pdf.CellFormat(0, 10, "Hello (x) \\ world", "", 1, "L", false, 0, "")
	pdf.SetFont("Times", "", 10)
	pdf.MultiCell(60, 5, "justified text that wraps over more than one line", "", "J", false)
	return output(tb, pdf)
}

func FuzzParse(f *testing.F) {
	seeds := [][]byte{
		dejaVuPDF(f, true),
		dejaVuPDF(f, false),
		corePDF(f, true),
		corePDF(f, false),
		onePage("BT /F1 10 Tf 14 TL 72 700 Td (a)Tj T* [(b) -300 (c)] TJ (d)' 1 2 (e)\" ET /X1 Do", ""),
		buildPDF("/Info 3 0 R", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] >>", "<< /Title <FEFF0041> >>"),
	}
	for _, s := range seeds {
		f.Add(s)
		f.Add(s[:len(s)/2])
		f.Add(s[:len(s)-10])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(data)
		if err != nil {
			if doc != nil {
				t.Fatalf("non-nil document with error %v", err)
			}
			if !strings.HasPrefix(err.Error(), "pdftext: ") {
				t.Fatalf("error without prefix: %q", err)
			}
			if !errors.Is(err, ErrNotPDF) && !errors.Is(err, ErrCorrupt) &&
				!errors.Is(err, ErrEncrypted) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		if len(doc.Pages) == 0 {
			t.Fatal("document without pages and without error")
		}
		_ = doc.Text()
		for _, p := range doc.Pages {
			_ = p.Lines()
		}
	})
}
