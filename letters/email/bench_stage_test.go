package email_test

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/perletter"
)

// BenchmarkStageEmail writes a letter's email per language through
// email.Render: "plain" as a run writes it by default, "attached" with
// the letter's PDF attached (--attach-pdf). One of the per-stage
// benchmarks (README, "Performance"):
//
//	go test ./letters/... -run XXX -bench Stage -benchmem
func BenchmarkStageEmail(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	for _, lang := range lettertest.StageLangs {
		for _, attach := range []bool{false, true} {
			name := lang + "/plain"
			if attach {
				name = lang + "/attached"
			}
			b.Run(name, func(b *testing.B) {
				l := s.Letter(b, lang)
				pdf := s.PDF(b, lang)
				pdfSum := sha256.Sum256(pdf) // the PDF writer's, in a run
				var buf bytes.Buffer
				perletter.EachLetter(b, func() {
					buf.Reset()
					if err := email.Render(&buf, l, pdf, email.Options{Date: lettertest.StageNow, AttachPDF: attach, PDFSHA256: pdfSum}); err != nil {
						b.Fatal(err)
					}
				})
				b.ReportMetric(float64(buf.Len()), "bytes/letter")
			})
		}
	}
}
