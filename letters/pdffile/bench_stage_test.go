package pdffile_test

import (
	"bytes"
	"cmp"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/perletter"
	"github.com/breachnotice/breachnotice/letters/pdffile"
	"github.com/breachnotice/breachnotice/letters/typeset"
)

// The PDF file's part of a letter (README, "Performance"), per language:
// BenchmarkStageEmbed cuts the faces a letter drew in to its characters,
// BenchmarkStageFileWrite writes the file around its pages. The letter's
// text is drawn once beforehand the way letters/pdf draws it (typeset
// lines, each a marked-content sequence of a tagged paragraph) but without
// its layout (no letterhead, envelope window or pagination rules): the
// same characters and about the same amount of page content.
//
//	go test ./letters/... -run XXX -bench Stage -benchmem

func BenchmarkStageEmbed(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	for _, lang := range []string{"en", "zh"} {
		b.Run(lang, func(b *testing.B) {
			d := drawLetter(b, s, lang)
			perletter.EachLetter(b, func() {
				if _, err := pdffile.Embed(d.ts, d.canvas, d.shared); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkStageFileWrite(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	for _, lang := range []string{"en", "zh"} {
		b.Run(lang, func(b *testing.B) {
			d := drawLetter(b, s, lang)
			var err error
			if d.file.Fonts, err = pdffile.Embed(d.ts, d.canvas, d.shared); err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			perletter.EachLetter(b, func() {
				buf.Reset()
				if _, err := d.file.Write(&buf); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(buf.Len()), "bytes/letter")
		})
	}
}

// drawn is a letter's text drawn on a canvas: the file to write (without
// its fonts), and what Embed needs.
type drawn struct {
	file   pdffile.File
	ts     *typeset.Typesetter
	canvas *pdffile.Canvas
	shared *fonts.RuneSet
}

// drawLetter draws the text of the letter of lang's person, in the run's
// fonts, on A4 pages.
func drawLetter(tb testing.TB, s *lettertest.Stage, lang string) drawn {
	l := s.Letter(tb, lang)
	canvas, err := pdffile.NewCanvas(s.Subset)
	if err != nil {
		tb.Fatal(err)
	}
	d := drawn{ts: typeset.New(s.Subset), canvas: canvas, shared: new(fonts.RuneSet)}
	tags := pdffile.NewStructure()
	var drawErr error
	const pw, ph, left, width, top, bottom = 210.0, 297.0, 25.0, 165.0, 20.0, 275.0
	tpl := canvas.Doc().CreateTemplateCustom(fpdf.PointType{}, fpdf.SizeType{Wd: pw, Ht: ph}, func(t *fpdf.Tpl) {
		doc := &t.Fpdf
		d.ts.SetDoc(doc)
		page, y := 0, top
		l.EachText(func(text string, bold, _ bool) {
			p := tags.Add(0, pdffile.RoleP)
			for _, ln := range d.ts.Lines(text, 10, bold, width, 0) {
				if y += 4.8; y > bottom {
					doc.AddPage()
					page, y = page+1, top+4.8
				}
				doc.RawWriteStr(tags.Begin(page, p))
				d.ts.Draw(ln, left, y)
				doc.RawWriteStr(pdffile.EndMC)
			}
			y += 2
		})
		drawErr = t.Error()
	})
	if err := cmp.Or(drawErr, d.ts.Err()); err != nil {
		tb.Fatal(err)
	}
	d.file = pdffile.File{Width: pw * 72 / 25.4, Height: ph * 72 / 25.4, Lang: l.LanguageTag(), Title: l.Title + " - " + l.Brand,
		Author: l.LegalName, Subject: l.RefLine, Created: lettertest.StageNow, Tags: tags}
	for i := 1; i <= tpl.NumPages(); i++ {
		p, err := tpl.FromPage(i)
		if err != nil {
			tb.Fatal(err)
		}
		d.file.Pages = append(d.file.Pages, p.Bytes())
	}
	for _, t := range l.SharedTexts() {
		for _, r := range t {
			d.shared.Add(r)
		}
	}
	return d
}
