package pdftext_test

import (
	"bytes"
	"fmt"
	"log"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"

	"github.com/breachnotice/breachnotice/letters/pdftext"
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
