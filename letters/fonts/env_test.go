package fonts

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/rules"
)

// The internal tests cannot use letters/internal/lettertest (it imports this
// package), so they load what they need here, once per test binary.
type internalEnv struct {
	in    *letters.Incident
	set   *rules.Set
	fonts *Fonts
}

var (
	envOnce sync.Once
	envVal  internalEnv
	envErr  error
)

func loadEnv(tb testing.TB) internalEnv {
	tb.Helper()
	envOnce.Do(func() {
		f, err := os.Open("../../testdata/incident.toml")
		if err != nil {
			envErr = err
			return
		}
		defer f.Close()
		if envVal.in, envErr = letters.LoadIncident("incident.toml", f); envErr != nil {
			return
		}
		if envVal.set, envErr = rules.Load(jurisdictions.FS, "jurisdictions"); envErr != nil {
			return
		}
		envVal.fonts, envErr = LoadFonts()
	})
	if envErr != nil {
		tb.Fatal(envErr)
	}
	return envVal
}

var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// testPeople are the recipients of letters_test.go, one per language.
var testPeople = map[string]customers.Person{
	"it": {Row: 3, CustomerID: "C-1002", FullName: "Francesca Esposito", Email: "f.esposito@example.it", Street: "Corso Umberto I 45", PostalCode: "80138", City: "Napoli", Region: "NA", Country: "IT", Language: "it", DataCategories: []string{"name", "email", "password_hash", "payment_card"}, ActivationCode: "ACME-3M8D-2X7V"},
	"fr": {Row: 17, CustomerID: "C-2004", FullName: "Hugo Lefèvre", Email: "hugo.lefevre@example.fr", Street: "3 quai des Chartrons", PostalCode: "33000", City: "Bordeaux", Country: "FR", Language: "fr-FR", DataCategories: []string{"name", "email", "passport"}, ActivationCode: "ACME-4K1R-7V8C"},
	"en": {Row: 32, CustomerID: "C-4003", FullName: "Jessica Nguyen", Email: "jessica.nguyen@example.com", Street: "88 Santa Clara St", PostalCode: "95113", City: "San Jose", Region: "CA", Country: "US", Language: "en", DataCategories: []string{"name", "ssn", "drivers_license"}, ActivationCode: "ACME-2X6R-8C3M"},
	"zh": {Row: 51, CustomerID: "C-7002", FullName: "王芳", Email: "wang.fang@example.cn", Street: "浦东新区世纪大道100号", PostalCode: "200120", City: "上海市", Country: "CN", Language: "zh", DataCategories: []string{"name", "email", "password_hash", "payment_card"}, ActivationCode: "ACME-2T9W-6K4B"},
	"ru": {Row: 46, CustomerID: "C-6004", FullName: "Jürgen Müller", Email: "juergen.mueller@example.ru", Street: "ул. Баумана, д. 44", PostalCode: "420111", City: "Казань", Region: "Республика Татарстан", Country: "RU", Language: "ru", ActivationCode: "ACME-6B3X-8J5P"},
}

var testLangs = []string{"en", "it", "fr", "zh", "ru"}

var (
	runSubsetOnce sync.Once
	runSubsetVal  *Fonts
	runSubsetErr  error
)

// runSubset returns the fonts a run would cut for the test incident to
// testPeople.
func runSubset(tb testing.TB) *Fonts {
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
