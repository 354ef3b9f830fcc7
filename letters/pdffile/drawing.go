package pdffile

import (
	"cmp"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/typeset"
)

// Drawing describes a document drawn by another package (the deadline
// board) and written by this package's PDF writer, so that its fonts are
// cut, named and embedded as the letters' are.
type Drawing struct {
	Width, Height float64 // page size in points
	Title         string
	Author        string
	Subject       string
	Lang          string    // BCP 47
	Created       time.Time // the file's creation and modification date
}

// WriteDrawing writes the pages draw draws as a PDF file to w. draw gets
// the fpdf document to draw in, in millimetres, its first page open (it
// may add others), and a typesetter of fs's faces drawing in it; the text
// must be drawn by the typesetter, whose faces the file embeds, each cut
// to the characters drawn and named with a subset tag. The file is not
// tagged.
func WriteDrawing(w io.Writer, fs *fonts.Fonts, d Drawing, draw func(*fpdf.Fpdf, *typeset.Typesetter) error) error {
	canvas, err := NewCanvas(fs)
	if err != nil {
		return err
	}
	ts := typeset.New(fs)
	var drawErr error
	const ptPerMM = 72.0 / 25.4 // fpdf's scale factor k for millimetres
	size := fpdf.SizeType{Wd: d.Width / ptPerMM, Ht: d.Height / ptPerMM}
	tpl := canvas.pdf.CreateTemplateCustom(fpdf.PointType{}, size, func(t *fpdf.Tpl) {
		ts.SetDoc(&t.Fpdf)
		if drawErr = draw(&t.Fpdf, ts); drawErr == nil {
			drawErr = t.Error()
		}
	})
	if err := cmp.Or(drawErr, ts.Err()); err != nil {
		return err
	}
	created := d.Created
	if created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	file := File{Width: d.Width, Height: d.Height, Lang: d.Lang, Title: d.Title, Author: d.Author, Subject: d.Subject, Created: created}
	for i := 1; i <= tpl.NumPages(); i++ {
		p, err := tpl.FromPage(i)
		if err != nil {
			return fmt.Errorf("pdffile: drawing: %w", err)
		}
		file.Pages = append(file.Pages, p.Bytes())
	}
	if file.Fonts, err = Embed(ts, canvas, new(fonts.RuneSet)); err != nil {
		return err
	}
	if _, err := file.Write(w); err != nil {
		return fmt.Errorf("pdffile: writing PDF: %w", err)
	}
	return nil
}
