package letters_test

import (
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
)

// BenchmarkCompose composes one letter per language (the recipients of
// TestGolden):
//
//	go test ./letters -run XXX -bench Compose
//
// The rendering benchmarks are in letters/pdf.
func BenchmarkCompose(b *testing.B) {
	e := lettertest.Load(b, "../testdata/incident.toml")
	for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
		r := people[lang]
		b.Run(lang, func(b *testing.B) {
			d := e.Rules.Decide(e.Incident.Facts(), e.Incident.Subject(r))
			for b.Loop() {
				if _, err := letters.Compose(letters.Input{Incident: e.Incident, Rules: e.Rules, Decision: d, Catalogs: e.Catalogs, Person: r, Date: now}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
		})
	}
}
