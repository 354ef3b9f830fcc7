package run_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/perletter"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/pdf"
	"github.com/breachnotice/breachnotice/letters/run"
)

// The per-stage benchmarks of the run (README, "Performance"), on the
// sample sheet of lettertest.Stage:
//
//	go test ./letters/... -run XXX -bench Stage -benchmem

// BenchmarkStageDecide decides a row through run.Decider, the sheet's
// persons in turn: one op is one row.
func BenchmarkStageDecide(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	d, err := run.NewDecider(s.Incident, s.Rules, time.Time{}) // zero: the discovery date, as a run without --as-of
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d.Decide(s.Persons[i%len(s.Persons)])
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkStageDecideSheet reads and decides the whole sheet through
// run.Decide: the duplicate checks (a run's first pass), then every row
// read, decided and counted (its second pass). One op is the sheet;
// ns/row is the cost of a row.
func BenchmarkStageDecideSheet(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	tmp := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		cfg := run.Config{Incident: s.Incident, Rules: s.Rules, Catalogs: s.Catalogs, Customers: bytes.NewReader(s.Sheet),
			Import: customers.Options{Name: "sample.xlsx"}, TempDir: tmp}
		t, err := run.Decide(cfg, nil)
		if err != nil || t.Stats.Persons != len(s.Persons) {
			b.Fatalf("Decide: %d persons, %v", t.Stats.Persons, err)
		}
	}
	rows := float64(lettertest.StageRows) * float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/rows, "ns/row")
	b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkStageLetter is a letter's whole work on one goroutine, as a
// run's worker does it: composed, its PDF rendered, its email written,
// both files stored with outbox.Dir.WriteLetter in a new directory under
// $TMPDIR, a barrier every 256 letters (without the manifest); the
// language's readers in turn, so that each one's own lines are set anew.
func BenchmarkStageLetter(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	for _, lang := range []string{"en", "zh"} {
		b.Run(lang, func(b *testing.B) {
			dir := &outbox.Dir{Path: b.TempDir()}
			for _, sub := range []string{outbox.PDFDir, outbox.EmailDir} {
				if err := os.MkdirAll(filepath.Join(dir.Path, sub), 0o700); err != nil {
					b.Fatal(err)
				}
			}
			readers := s.Readers[lang]
			var pdfBuf, emlBuf bytes.Buffer
			row := 0
			perletter.EachLetter(b, func() {
				p := readers[row%len(readers)]
				row++
				pdfBuf.Reset()
				emlBuf.Reset()
				if err := letter(s, p, dir, row, &pdfBuf, &emlBuf); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(pdfBuf.Len()+emlBuf.Len()), "bytes/letter")
		})
	}
}

// letter composes, renders and stores p's letter as the run's row.
func letter(s *lettertest.Stage, p customers.Person, dir *outbox.Dir, row int, pdfBuf, emlBuf *bytes.Buffer) error {
	l, err := letters.Compose(s.Input(p))
	if err != nil {
		return err
	}
	r, err := s.Renderer.Render(pdfBuf, l, pdf.Options{Created: lettertest.StageNow})
	if err != nil {
		return err
	}
	if err := email.Render(emlBuf, l, pdfBuf.Bytes(), email.Options{Date: lettertest.StageNow, PDFSHA256: r.SHA256}); err != nil {
		return err
	}
	stem := outbox.FileStem(row, p.CustomerID)
	if _, err := dir.WriteLetterHashed(outbox.PDFDir+"/"+stem+".pdf", pdfBuf.Bytes(), r.SHA256); err != nil {
		return err
	}
	if _, err = dir.WriteLetter(outbox.EmailDir+"/"+stem+".eml", emlBuf.Bytes()); err != nil {
		return err
	}
	if row%256 == 0 {
		return dir.SyncLetters()
	}
	return nil
}
