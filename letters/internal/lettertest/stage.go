package lettertest

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/customers/sample"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/pdf"
	"github.com/breachnotice/breachnotice/rules"
)

// StageLangs are the letter languages of the per-stage benchmarks
// (bench_stage_test.go files), the sample's five.
var StageLangs = []string{"en", "it", "fr", "zh", "ru"}

// StageRows is the number of rows of the per-stage benchmarks' sheet.
const StageRows = 5000

// StageNow is the per-stage benchmarks' clock, the one .ci/bench-letters
// pins.
var StageNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// Stage is the fixture of the per-stage benchmarks: a run of an incident
// over a sample sheet ("breachnotice sample --rows StageRows", seed 1) as
// far as its letters, set up the way a run sets them up, through the
// packages' exported entry points only.
type Stage struct {
	Env
	// Sheet is the sample sheet (.xlsx, inline strings) and Persons its
	// persons in file order.
	Sheet   []byte
	Persons []customers.Person
	// People holds, per StageLangs language, the first person of the
	// sheet whose Language column (its primary subtag) is that language
	// and who gets a letter.
	People map[string]customers.Person
	// Readers holds, per language, every person of the sheet whose
	// Language column is that language and who gets a letter: a benchmark
	// that goes through them sets each reader's own lines as a run does
	// (once), not one reader's again and again (kept by the layout cache).
	Readers map[string][]customers.Person
	// Subset is the fonts cut to the characters of the run, as a run cuts
	// them in its second pass; Renderer renders in it, as a run's workers
	// do.
	Subset   *fonts.Fonts
	Renderer *pdf.Renderer
}

var stage struct {
	once sync.Once
	s    *Stage
}

// LoadStage returns the per-stage fixture for the incident file at
// incidentPath, made once per test binary; any failure ends the
// benchmark.
func LoadStage(tb testing.TB, incidentPath string) *Stage {
	tb.Helper()
	stage.once.Do(func() { stage.s = newStage(tb, incidentPath) })
	if stage.s == nil {
		tb.Fatal("lettertest: the per-stage fixture failed to load earlier")
	}
	return stage.s
}

func newStage(tb testing.TB, incidentPath string) *Stage {
	s := &Stage{Env: Load(tb, incidentPath), People: map[string]customers.Person{}, Readers: map[string][]customers.Person{}}
	var buf bytes.Buffer
	if err := sample.Write(&buf, sample.Options{Rows: StageRows, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	s.Sheet = buf.Bytes()
	_, err := customers.Read(bytes.NewReader(s.Sheet), customers.Options{Name: "sample.xlsx"}, func(p *customers.Person, rej *customers.Reject) error {
		if p != nil {
			s.Persons = append(s.Persons, *p)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	b := s.Fonts.NewSubsetBuilder()
	b.Add(s.Incident.Texts()...)
	b.Add(letters.RuleTexts(s.Rules)...)
	for _, p := range s.Persons {
		if !s.Decide(p).Notify {
			continue
		}
		b.Add(p.CustomerID)
		b.Add(letters.PersonTexts(p)...)
		lang := strings.ToLower(strings.SplitN(p.Language, "-", 2)[0])
		if _, seen := s.People[lang]; !seen {
			s.People[lang] = p
		}
		s.Readers[lang] = append(s.Readers[lang], p)
	}
	for _, lang := range StageLangs {
		if _, ok := s.People[lang]; !ok {
			tb.Fatalf("lettertest: no %s letter in the sample sheet", lang)
		}
	}
	if s.Subset, err = b.Build(); err != nil {
		tb.Fatal(err)
	}
	s.Renderer = pdf.NewRenderer(s.Subset)
	return s
}

// Decide decides for p as a run's Decider does (the incident's facts, the
// rules in force on the discovery date).
func (s *Stage) Decide(p customers.Person) rules.Decision {
	return s.Rules.Decide(s.Incident.Facts(), s.Incident.Subject(p))
}

// Input is what a run's worker gives letters.Compose for p.
func (s *Stage) Input(p customers.Person) letters.Input {
	d := s.Decide(p)
	return letters.Input{Incident: s.Incident, Rules: s.Rules, Decision: d, Catalogs: s.Catalogs, Person: p,
		Date: StageNow.In(d.Jurisdiction.Location()), Affected: len(s.Persons),
		Drawable: func(r rune) bool { return s.Fonts.FaceFor(r, false) != nil }}
}

// Letter composes the letter of the People of lang.
func (s *Stage) Letter(tb testing.TB, lang string) *letters.Letter {
	tb.Helper()
	return s.compose(tb, lang, s.People[lang])
}

// Letters composes the letters of up to n Readers of lang, in file order.
func (s *Stage) Letters(tb testing.TB, lang string, n int) []*letters.Letter {
	tb.Helper()
	var ls []*letters.Letter
	for _, p := range s.Readers[lang][:min(n, len(s.Readers[lang]))] {
		ls = append(ls, s.compose(tb, lang, p))
	}
	return ls
}

func (s *Stage) compose(tb testing.TB, lang string, p customers.Person) *letters.Letter {
	tb.Helper()
	l, err := letters.Compose(s.Input(p))
	if err != nil {
		tb.Fatal(err)
	}
	if l.Lang != lang {
		tb.Fatalf("lettertest: the %s person's letter is in %q", lang, l.Lang)
	}
	return l
}

// PDF renders the letter of the People of lang as a run's worker does.
func (s *Stage) PDF(tb testing.TB, lang string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if _, err := s.Renderer.Render(&buf, s.Letter(tb, lang), pdf.Options{Created: StageNow}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
