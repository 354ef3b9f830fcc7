package pdftext

import (
	"errors"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/fonts"
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
		taggedPDF(),
		buildPDF("/Info 3 0 R", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] >>", "<< /Title <FEFF0041> >>"),
		// Uncompressed font programs, so that mutations reach the
		// TrueType parser.
		type0Doc("BT /G 10 Tf <0041004200430044> Tj ET", "/Identity-H", "11 0 R", "/FontFile2 10 0 R",
			streamObj("", string(buildTTF(synthGlyphs))), streamObj("", cidToGIDStream(0x50, synthMap))),
		onePage("BT /T 10 Tf (A B) Tj ET", "/T 6 0 R",
			"<< /Type /Font /Subtype /TrueType /BaseFont /S /Encoding /WinAnsiEncoding /FontDescriptor 7 0 R >>",
			"<< /Type /FontDescriptor /FontName /S /Flags 32 /FontFile2 8 0 R >>",
			streamObj("", string(buildTTF(ttfOptions{glyphs: []int{12, 0, 12}, cmaps: []cmapSubtable{{3, 1, cmapFormat4(map[uint32]uint16{' ': 1, 'A': 2})}}})))),
	}
	for _, s := range seeds {
		f.Add(s)
		f.Add(s[:len(s)/2])
		f.Add(s[:len(s)-10])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parseStrict(data)
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

// FuzzTrueType feeds font programs to the TrueType reader (letters/fonts,
// which reads the fonts embedded in the PDFs this package reads) and looks
// up every glyph and a few characters.
func FuzzTrueType(f *testing.F) {
	f.Add(buildTTF(synthGlyphs))
	f.Add(buildTTF(ttfOptions{glyphs: []int{12, 0, 20}, longLoca: true, cmaps: []cmapSubtable{
		{3, 1, cmapFormat4(map[uint32]uint16{' ': 1, 'A': 2})},
		{1, 0, append([]byte{0, 0, 1, 6, 0, 0}, make([]byte, 256)...)},
	}}))
	f.Add(buildTTF(ttfOptions{glyphs: []int{12}, version: 0x4F54544F}))
	f.Fuzz(func(t *testing.T, data []byte) {
		tt, err := fonts.ReadGlyphs(data)
		if err != nil {
			if tt != nil {
				t.Fatal("font with error")
			}
			return
		}
		if tt.NumGlyphs <= 0 || tt.NumGlyphs > 0xFFFF {
			t.Fatalf("NumGlyphs %d", tt.NumGlyphs)
		}
		if tt.Glyph(0) != fonts.GlyphNotdef || tt.Glyph(uint32(tt.NumGlyphs)) != fonts.GlyphMissing {
			t.Fatal("glyph 0 or NumGlyphs misclassified")
		}
		for g := range uint32(min(tt.NumGlyphs, 4096)) {
			tt.Glyph(g)
			tt.GlyphLen(g)
		}
		for _, sub := range []fonts.CMap{tt.Unicode, tt.Symbol, tt.MacRoman} {
			for _, c := range []uint32{0, ' ', 'A', 0xE9, 0xF041, 0x4E00, 0xFFFF, 0x1F600} {
				sub.Lookup(c)
			}
		}
	})
}
