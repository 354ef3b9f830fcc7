package pdf

import (
	"bytes"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/internal/perletter"
)

// Benchmarks per stage of a letter, one letter per language (testPeople):
//
//	go test ./letters/pdf -run XXX -bench . -benchtime 200x
//
// (BenchmarkCompose is in letters.)
//
// BenchmarkRenderPDF and BenchmarkLetterParallel run with the full fonts
// ("full": a Renderer given LoadFonts' fonts, as the preview is) and with
// the run's subset ("subset": fonts cut once by Fonts.NewSubsetBuilder, as
// a run does). Either way the faces are registered with fpdf once per
// canvas, not per letter (file.go). Metrics:
//
//   - letters/s: letters per second of wall time (one goroutine, except
//     in BenchmarkLetterParallel, which uses GOMAXPROCS goroutines);
//   - cpu-ms/letter: CPU time of the whole process per letter (every
//     thread, the garbage collector's included), where the platform tells
//     it (perletter.CPUTime); steadier than ns/op on a shared machine;
//   - bytes/letter: size of the PDF (BenchmarkRenderPDF) or of the email
//     with the PDF attached (BenchmarkRenderEmail, BenchmarkLetter).

var (
	runSubsetOnce sync.Once
	runSubsetVal  *fonts.Fonts
	runSubsetErr  error
)

// runSubset returns the fonts a batch would cut for a run of the test
// incident to testPeople.
func runSubset(tb testing.TB) *fonts.Fonts {
	tb.Helper()
	e := loadEnv(tb)
	runSubsetOnce.Do(func() {
		b := e.fonts.NewSubsetBuilder()
		b.Add(e.in.Texts()...)
		b.Add(letters.RuleTexts(e.set)...)
		for _, lang := range testLangs {
			b.Add(letters.PersonTexts(testPeople[lang])...)
		}
		runSubsetVal, runSubsetErr = b.Build()
	})
	if runSubsetErr != nil {
		tb.Fatal(runSubsetErr)
	}
	return runSubsetVal
}

// fontsFor returns the full fonts or the run's subset.
func fontsFor(tb testing.TB, kind string) *fonts.Fonts {
	if kind == "subset" {
		return runSubset(tb)
	}
	return loadEnv(tb).fonts
}

// measure runs f in b.Loop, one letter per call (perletter.EachLetter),
// and reports bytes/letter if size is not nil (the last value *size had).
func measure(b *testing.B, size *int, f func()) {
	b.Helper()
	perletter.EachLetter(b, f)
	if size != nil {
		b.ReportMetric(float64(*size), "bytes/letter")
	}
}

func BenchmarkRenderPDF(b *testing.B) {
	e := loadEnv(b)
	for _, lang := range testLangs {
		for _, kind := range []string{"full", "subset"} {
			b.Run(lang+"/"+kind, func(b *testing.B) {
				faces := fontsFor(b, kind)
				l := e.compose(b, testPeople[lang])
				var buf bytes.Buffer
				size := 0
				measure(b, &size, func() {
					buf.Reset()
					if err := renderPDF(&buf, l, faces, Options{Created: testNow}); err != nil {
						b.Fatal(err)
					}
					size = buf.Len()
				})
			})
		}
	}
}

func BenchmarkRenderEmail(b *testing.B) {
	e := loadEnv(b)
	faces := runSubset(b)
	for _, lang := range testLangs {
		b.Run(lang, func(b *testing.B) {
			l := e.compose(b, testPeople[lang])
			var pdf, eml bytes.Buffer
			if err := renderPDF(&pdf, l, faces, Options{Created: testNow}); err != nil {
				b.Fatal(err)
			}
			size := 0
			measure(b, &size, func() {
				eml.Reset()
				if err := email.Render(&eml, l, pdf.Bytes(), email.Options{Date: testNow, AttachmentName: "notice.pdf"}); err != nil {
					b.Fatal(err)
				}
				size = eml.Len()
			})
		})
	}
}

// letter composes, renders and emails r's letter, as a batch worker does
// (without writing files); it returns the bytes written.
func (e internalEnv) letter(tb testing.TB, r customers.Person, faces *fonts.Fonts, pdf, eml *bytes.Buffer) int {
	l := e.compose(tb, r)
	pdf.Reset()
	eml.Reset()
	if err := renderPDF(pdf, l, faces, Options{Created: testNow}); err != nil {
		tb.Fatal(err)
	}
	if err := email.Render(eml, l, pdf.Bytes(), email.Options{Date: testNow, AttachmentName: "notice.pdf"}); err != nil {
		tb.Fatal(err)
	}
	return pdf.Len() + eml.Len()
}

// BenchmarkLetter is one letter end to end (compose, PDF, email) with the
// run's subset, on one goroutine.
func BenchmarkLetter(b *testing.B) {
	e := loadEnv(b)
	faces := runSubset(b)
	for _, lang := range testLangs {
		b.Run(lang, func(b *testing.B) {
			var pdf, eml bytes.Buffer
			size := 0
			measure(b, &size, func() { size = e.letter(b, testPeople[lang], faces, &pdf, &eml) })
		})
	}
}

// BenchmarkLetterParallel is BenchmarkLetter on GOMAXPROCS goroutines
// sharing one *Fonts, the five languages in turn: the throughput of a
// batch's workers on this machine.
func BenchmarkLetterParallel(b *testing.B) {
	e := loadEnv(b)
	for _, kind := range []string{"full", "subset"} {
		b.Run(kind, func(b *testing.B) {
			faces := fontsFor(b, kind)
			var next atomic.Int64
			cpu0 := perletter.CPUTime()
			b.RunParallel(func(pb *testing.PB) {
				var pdf, eml bytes.Buffer
				for pb.Next() {
					lang := testLangs[int(next.Add(1))%len(testLangs)]
					e.letter(b, testPeople[lang], faces, &pdf, &eml)
				}
			})
			perletter.PerLetter(b, b.N, cpu0)
		})
	}
}
