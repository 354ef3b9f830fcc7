package letters_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
)

// usText is everything a reader reads in a composed letter, in order.
func usText(l *letters.Letter) string {
	parts := []string{l.Title, l.Opening}
	for _, s := range l.Sections {
		parts = append(parts, s.Heading)
		for _, p := range s.Paragraphs {
			parts = append(parts, p.Text)
			parts = append(parts, p.Bullets...)
			parts = append(parts, p.Steps...)
		}
	}
	return strings.Join(append(parts, l.Closing), "\n")
}

func usReader(lang, region, city, zip string, categories ...string) customers.Person {
	return customers.Person{CustomerID: "T-" + region + "-" + lang, FullName: "Sam Reader", Email: "reader@example.com",
		Street: "1 Main Street", City: city, Region: region, PostalCode: zip, Country: "US", Language: lang,
		DataCategories: categories}
}

// TestUSConsumerContent: New York, Texas and Massachusetts letters carry
// what a careful US letter carries for the reader's data and state: the
// fraud alert and the freeze explained with each bureau's contact for each,
// free reports, the FTC, and the state's consumer agencies where its
// statute asks for them (never the agencies a business notifies); and no
// admission of fault.
func TestUSConsumerContent(t *testing.T) {
	e := setup(t)
	fraud := []string{"fraud alert", "one of the three consumer reporting agencies", "it must tell the other two", "lasts one year", "seven years"}
	freeze := []string{"security freeze", "each of the three agencies separately",
		"1-888-298-0045, Equifax Security Freeze, P.O. Box 105788, Atlanta, GA 30348-5788",
		"1-888-397-3742, Experian Security Freeze, P.O. Box 9554, Allen, TX 75013",
		"1-888-909-8872, TransUnion Security Freeze, P.O. Box 160, Woodlyn, PA 19094"}
	alertPhones := []string{"fraud alert: 1-800-525-6285", "fraud alert: 1-888-397-3742", "fraud alert: 1-800-680-7289"}
	reports := []string{"www.annualcreditreport.com", "1-877-322-8228", "P.O. Box 105281, Atlanta, GA 30348-5281"}
	ftc := []string{"www.identitytheft.gov", "1-877-438-4338"}
	ny := []string{"New York State Office of the Attorney General: 1-800-771-7755, ag.ny.gov",
		"New York Department of State, Division of Consumer Protection: 1-800-697-1220, dos.ny.gov"}
	cat := slices.Concat[[]string]
	for _, tt := range []struct {
		name    string
		r       customers.Person
		want    []string
		notWant []string
	}{
		{"NY driver's license", usReader("en", "NY", "Albany", "12207", "name", "email", "drivers_license"),
			cat(fraud, freeze, alertPhones, reports, ftc, ny), []string{"Division of State Police", "reporting form"}},
		{"NY password only", usReader("en", "NY", "Albany", "12207", "name", "email", "password_hash"),
			cat(ftc, ny), cat(fraud[1:2], freeze[1:3], reports[:1], []string{"Division of State Police"})},
		{"TX license and card", usReader("en", "TX", "Austin", "78701", "name", "drivers_license", "payment_card"),
			cat(fraud, freeze, alertPhones, reports, ftc), []string{"Attorney General"}},
		{"MA Social Security number", usReader("en", "MA", "Boston", "02108", "name", "ssn"),
			cat(fraud, freeze, reports, ftc, []string{"police report"}), []string{"Attorney General"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := e.compose(t, tt.r)
			text := usText(l)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("letter lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(text, w) {
					t.Errorf("letter has %q", w)
				}
			}
			// An apology, and no concession counsel would not sign.
			if !strings.Contains(l.Opening, "sorry") || strings.Contains(text, "we failed") || strings.Contains(text, "fell short") {
				t.Errorf("US opening %q: want an apology without an admission", l.Opening)
			}
			if t.Failed() {
				t.Log(text)
			}
		})
	}
}

// TestUSOpeningInEveryLanguage: a US reader's letter, in any language,
// opens with the US variant (no admission of fault); a reader elsewhere
// keeps the usual opening.
func TestUSOpeningInEveryLanguage(t *testing.T) {
	e := setup(t)
	for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
		cat := e.cats[lang]
		us, _ := cat.Text("opening.US", map[string]any{"Brand": e.in.Organization.Brand})
		usMA, _ := cat.Text("opening.without_description.US", map[string]any{"Brand": e.in.Organization.Brand})
		// The Italian reader's catalog: en-GB for English in the EU.
		plain, _ := e.cats.For(lang, "IT").Text("opening", map[string]any{"Brand": e.in.Organization.Brand})
		if l := e.compose(t, usReader(lang, "NY", "Albany", "12207", "name", "drivers_license")); l.Opening != us {
			t.Errorf("%s NY opening = %q, want opening.US", lang, l.Opening)
		}
		if l := e.compose(t, usReader(lang, "MA", "Boston", "02108", "name", "ssn")); l.Opening != usMA {
			t.Errorf("%s MA opening = %q, want opening.without_description.US", lang, l.Opening)
		}
		it := customers.Person{CustomerID: "T-IT-" + lang, FullName: "Sam Reader", Street: "Via Roma 1", City: "Milano", PostalCode: "20121",
			Country: "IT", Language: lang, DataCategories: []string{"name", "email"}}
		if l := e.compose(t, it); l.Opening != plain {
			t.Errorf("%s IT opening = %q, want the usual opening", lang, l.Opening)
		}
	}
}

func (e env) compose(t *testing.T, r customers.Person) *letters.Letter {
	t.Helper()
	d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
	l, err := letters.Compose(letters.Input{Incident: e.in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: r, Date: now})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestUSAdviceWhereAnotherLawOwesTheLetter: a reader in Illinois whose
// passport number leaked is owed the letter under the GDPR (the Italian
// establishment) though no US statute covers a passport alone; the FTC's
// model-letter advice for their country still reaches them (us.toml
// advises it for passport numbers).
func TestUSAdviceWhereAnotherLawOwesTheLetter(t *testing.T) {
	e := setup(t)
	l := e.compose(t, usReader("en", "IL", "Chicago", "60606", "name", "email", "passport"))
	text := strings.Join(strings.Fields(letterText(l)), " ")
	for _, want := range []string{"fraud alert", "security freeze", "www.annualcreditreport.com", "www.identitytheft.gov"} {
		if !strings.Contains(text, want) {
			t.Errorf("IL reader with a passport number: missing %q", want)
		}
	}
	// And not for data that needs none of it.
	l = e.compose(t, usReader("en", "IL", "Chicago", "60606", "name", "email"))
	if text := letterText(l); strings.Contains(text, "fraud alert") {
		t.Error("IL reader with name and email only: told about fraud alerts")
	}
}
