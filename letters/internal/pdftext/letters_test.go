package pdftext_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/pdf"
)

var letterDate = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// renderLetter renders the preview letter of one language and jurisdiction
// profile with the letters package, as the batch run does.
func renderLetter(tb testing.TB, e lettertest.Env, lang, profile string) []byte {
	tb.Helper()
	r, err := letters.PreviewPerson(lang, profile, []string{"name", "email", "password_hash", "payment_card"})
	if err != nil {
		tb.Fatal(err)
	}
	d := e.Rules.Decide(e.Incident.Facts(), e.Incident.Subject(r))
	l, err := letters.Compose(letters.Input{Incident: e.Incident, Rules: e.Rules, Decision: d, Catalogs: e.Catalogs, Person: r, Date: letterDate})
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := e.PDF.Render(&buf, l, pdf.Options{Created: letterDate}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestLetterGlyphs renders the preview letter of every language in a GDPR
// country and in China (whose address is Chinese in every letter) and
// checks that the fonts the letters embed have a glyph for every character
// drawn.
func TestLetterGlyphs(t *testing.T) {
	if pdftext.RaceEnabled {
		t.Skip("sequential code; loading the fonts and rendering are slow under the race detector")
	}
	e := lettertest.Load(t, "../../../testdata/incident.toml")
	for _, profile := range []string{"EU", "CN"} {
		for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
			t.Run(profile+"-"+lang, func(t *testing.T) {
				doc, err := pdftext.Parse(renderLetter(t, e, lang, profile))
				if err != nil {
					t.Fatal(err)
				}
				if len(doc.Fonts) == 0 {
					t.Fatal("no fonts")
				}
				for _, f := range doc.Fonts {
					if !f.Embedded || !f.GlyphsChecked {
						t.Errorf("font %+v: want embedded and checked", f)
					}
				}
				for _, m := range doc.MissingGlyphs {
					t.Errorf("missing glyph: %+v", m)
				}
			})
		}
	}
}

// BenchmarkParseLetter parses a typical letter: Latin (DejaVu Sans) and
// Chinese (DejaVu Sans and Noto Sans SC).
func BenchmarkParseLetter(b *testing.B) {
	e := lettertest.Load(b, "../../../testdata/incident.toml")
	for _, lang := range []string{"en", "zh"} {
		data := renderLetter(b, e, lang, "EU")
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := pdftext.Parse(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
