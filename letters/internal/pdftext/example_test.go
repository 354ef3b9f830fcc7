package pdftext_test

import (
	"bytes"
	"fmt"
	"log"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"

	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
)

func ExampleParse() {
	// Render a letter with fpdf and a UTF-8 TrueType font...
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
	pdf.SetTitle("Avviso ai clienti", true)
	pdf.AddPage()
	pdf.SetFont("DejaVu", "", 12)
	pdf.CellFormat(0, 10, "Gentile cliente,", "", 1, "L", false, 0, "")
	pdf.CellFormat(0, 10, "ci scusiamo: perché è già così.", "", 1, "L", false, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		log.Fatal(err)
	}

	// ...and read it back.
	doc, err := pdftext.Parse(buf.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	page := doc.Pages[0]
	fmt.Printf("%q, %d page(s) of %.2f x %.2f pt\n", doc.Info["Title"], len(doc.Pages), page.Width, page.Height)
	fmt.Printf("font %s (%s, embedded %v) at %gpt\n", doc.Fonts[0].Name, doc.Fonts[0].Subtype, doc.Fonts[0].Embedded, page.Spans[0].Size)
	fmt.Println(doc.Text())
	// Output:
	// "Avviso ai clienti", 1 page(s) of 595.28 x 841.89 pt
	// font utf8dejavu (Type0, embedded true) at 12pt
	// Gentile cliente,
	// ci scusiamo: perché è già così.
}

func ExampleDocument_missingGlyphs() {
	// DejaVu Sans has no Chinese glyphs: fpdf draws these characters with
	// glyph 0 (.notdef), a box, although the text layer reads correctly.
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
	pdf.AddPage()
	pdf.SetFont("DejaVu", "", 12)
	pdf.CellFormat(0, 10, "Data breach / 数据泄露", "", 1, "L", false, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		log.Fatal(err)
	}

	doc, err := pdftext.Parse(buf.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Text())
	fmt.Println("glyphs checked:", doc.Fonts[0].GlyphsChecked)
	for _, m := range doc.MissingGlyphs {
		fmt.Printf("page %d, font %s: %q (U+%04X) has no glyph\n", m.Page, m.Font, m.Text, m.Code)
	}
	// Output:
	// Data breach / 数据泄露
	// glyphs checked: true
	// page 1, font utf8dejavu: "数" (U+6570) has no glyph
	// page 1, font utf8dejavu: "据" (U+636E) has no glyph
	// page 1, font utf8dejavu: "泄" (U+6CC4) has no glyph
	// page 1, font utf8dejavu: "露" (U+9732) has no glyph
}

func ExamplePage_TextLines() {
	// A heading, a line in two spans and a page label, drawn bottom up.
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
	pdf.AddPage()
	pdf.SetFont("DejaVu", "", 9)
	pdf.Text(280, 813, "Pagina 1 di 2")
	pdf.SetFont("DejaVu", "", 10)
	pdf.Text(72, 140, "Il 19 novembre")
	pdf.Text(150, 140, "abbiamo scoperto")
	pdf.SetFont("DejaVu", "", 12)
	pdf.Text(72, 120, "Che cosa è successo")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		log.Fatal(err)
	}
	doc, err := pdftext.Parse(buf.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range doc.Pages[0].TextLines() {
		fmt.Printf("%.2f pt from the foot, %g pt, %d span(s): %s\n", l.Y, l.Size, len(l.Spans), l.Text)
	}
	// Output:
	// 721.89 pt from the foot, 12 pt, 1 span(s): Che cosa è successo
	// 701.89 pt from the foot, 10 pt, 2 span(s): Il 19 novembre abbiamo scoperto
	// 28.89 pt from the foot, 9 pt, 1 span(s): Pagina 1 di 2
}
