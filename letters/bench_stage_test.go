package letters_test

import (
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/perletter"
)

// BenchmarkStageCompose composes a letter per language with the input a
// run's worker gives letters.Compose (the sample's first person of the
// language, lettertest.Stage). One of the per-stage benchmarks (README,
// "Performance"):
//
//	go test ./letters/... -run XXX -bench Stage -benchmem
func BenchmarkStageCompose(b *testing.B) {
	s := lettertest.LoadStage(b, "../testdata/incident.toml")
	for _, lang := range lettertest.StageLangs {
		b.Run(lang, func(b *testing.B) {
			in := s.Input(s.People[lang])
			perletter.EachLetter(b, func() {
				if _, err := letters.Compose(in); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
