package pdf_test

import (
	"bytes"
	"testing"

	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/perletter"
	"github.com/breachnotice/breachnotice/letters/pdf"
)

// BenchmarkStageRender lays out, draws and writes a letter's PDF per
// language through pdf.Renderer.Render, with the fonts cut to the run's
// characters as a run's workers do (lettertest.Stage), to memory. The
// file's part of it is BenchmarkStageEmbed and BenchmarkStageFileWrite in
// letters/pdffile; the rest is the layout and the drawing. One of the
// per-stage benchmarks (README, "Performance"):
//
//	go test ./letters/... -run XXX -bench Stage -benchmem
func BenchmarkStageRender(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	for _, lang := range lettertest.StageLangs {
		b.Run(lang, func(b *testing.B) {
			ls := s.Letters(b, lang, 500) // each reader's own lines set once, as in a run
			var buf bytes.Buffer
			i := 0
			perletter.EachLetter(b, func() {
				buf.Reset()
				if _, err := s.Renderer.Render(&buf, ls[i%len(ls)], pdf.Options{Created: lettertest.StageNow}); err != nil {
					b.Fatal(err)
				}
				i++
			})
			b.ReportMetric(float64(buf.Len()), "bytes/letter")
		})
	}
}
