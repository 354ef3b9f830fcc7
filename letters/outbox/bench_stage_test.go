package outbox_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/perletter"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

// BenchmarkStageStore stores a letter's files per language through
// outbox.Dir.WriteLetter, as a run's workers do, with the barrier
// (SyncLetters) every 256 letters as the run syncs its manifest: its PDF
// and its email
// (a real letter's bytes, lettertest.Stage), under their run names, in a
// new directory under $TMPDIR (on this machine the disk the runs write
// to). One of the per-stage benchmarks (README, "Performance"):
//
//	go test ./letters/... -run XXX -bench Stage -benchmem
func BenchmarkStageStore(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	for _, lang := range []string{"en", "zh"} {
		b.Run(lang, func(b *testing.B) {
			pdf := s.PDF(b, lang)
			var eml bytes.Buffer
			if err := email.Render(&eml, s.Letter(b, lang), pdf, email.Options{Date: lettertest.StageNow}); err != nil {
				b.Fatal(err)
			}
			dir := &outbox.Dir{Path: b.TempDir()}
			for _, sub := range []string{outbox.PDFDir, outbox.EmailDir} {
				if err := os.MkdirAll(filepath.Join(dir.Path, sub), 0o700); err != nil {
					b.Fatal(err)
				}
			}
			p := s.People[lang]
			pdfSum := sha256.Sum256(pdf) // the PDF writer's, in a run
			row := 0
			perletter.EachLetter(b, func() {
				row++
				stem := outbox.FileStem(row, p.CustomerID)
				if _, err := dir.WriteLetterHashed(outbox.PDFDir+"/"+stem+".pdf", pdf, pdfSum); err != nil {
					b.Fatal(err)
				}
				if _, err := dir.WriteLetter(outbox.EmailDir+"/"+stem+".eml", eml.Bytes()); err != nil {
					b.Fatal(err)
				}
				if row%256 == 0 {
					if err := dir.SyncLetters(); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.ReportMetric(float64(len(pdf)+eml.Len()), "bytes/letter")
		})
	}
}
