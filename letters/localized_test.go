package letters_test

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
)

// reader is a person of country (and region) writing in lang, whose data
// categories are cats.
func reader(country, region, lang string, cats ...string) customers.Person {
	return customers.Person{Row: 9, CustomerID: "C-9", FullName: "A B", Email: "a@example.com", Street: "1 Road", PostalCode: "12345",
		City: "Town", Region: region, Country: country, Language: lang, DataCategories: cats, ActivationCode: "X-1"}
}

func compose(t *testing.T, e env, r customers.Person) *letters.Letter {
	t.Helper()
	d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
	l, err := letters.Compose(letters.Input{Incident: e.in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: r, Date: now, Affected: 10})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func hasWarning(l *letters.Letter, code, part string) bool {
	return slices.ContainsFunc(l.Warnings, func(w letters.Warning) bool { return w.Code == code && strings.Contains(w.Text, part) })
}

// The complaint right names the reader's own authority, from the rules,
// with its website (and telephone where verified); where the reader's rule
// file names none, the generic sentence stays. The letter says the
// authority was notified only where the incident records it.
func TestComplaintAuthorityPerJurisdiction(t *testing.T) {
	for _, tc := range []struct {
		country, region, lang string
		want                  []string
		not                   []string
	}{
		{"IT", "", "it", []string{"Garante per la protezione dei dati personali, www.garanteprivacy.it", "Abbiamo già notificato la violazione a questa autorità."}, nil},
		{"FR", "", "fr", []string{"Commission nationale de l'informatique et des libertés (CNIL), www.cnil.fr", "notre autorité de contrôle chef de file : Garante per la protezione dei dati personali"}, []string{"notifié la violation à cette autorité"}},
		// The UK is outside the one-stop shop: the ICO is not said to be
		// notified; the GDPR reaches the reader through the Italian
		// establishment, so the lead authority is named too, and its
		// notification (the incident records it).
		{"GB", "", "en", []string{"Information Commissioner's Office (ICO), ico.org.uk, 0303 123 1113.", "the data protection authority that supervises us: the Italian Data Protection Authority", "We have reported the breach to the Italian Data Protection Authority"}, []string{"1113. We have reported", "lead supervisory"}},
		{"RU", "", "ru", []string{"Роскомнадзор, уполномоченный орган по защите прав субъектов персональных данных, rkn.gov.ru", "Garante per la protezione dei dati personali"}, nil},
		{"CN", "", "zh", []string{"履行个人信息保护职责的部门（例如中央网信办", "www.12377.cn", "Garante per la protezione dei dati personali"}, nil},
		{"ES", "", "en", []string{"Spanish Data Protection Agency (AEPD), www.aepd.es", "our lead supervisory authority, the Italian Data Protection Authority"}, nil},
		// Germany's complaints go to 17 authorities by Land and sector: not
		// encoded, so the generic sentence.
		{"DE", "", "en", []string{"data protection authority of the country where you live or work"}, []string{"lead supervisory authority"}},
		{"CA", "QC", "fr", []string{"Commission d'accès à l'information du Québec, www.cai.gouv.qc.ca, 1 888 528-7741"}, []string{"chef de file"}},
		{"CA", "ON", "en", []string{"Office of the Privacy Commissioner of Canada, www.priv.gc.ca, 1-800-282-1376"}, nil},
		{"NZ", "", "en", []string{"Office of the Privacy Commissioner, www.privacy.org.nz, 0800 803 909"}, nil},
	} {
		t.Run(tc.country+tc.region, func(t *testing.T) {
			e := setup(t)
			e.in.Incident.Risk = "high"
			l := compose(t, e, reader(tc.country, tc.region, tc.lang, "name", "email", "password"))
			text := strings.Join(strings.Fields(letterText(l)), " ")
			if !slices.Contains(l.ContentKeys, "complaint_right") {
				t.Skip("no complaint right in this letter")
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(text, w) {
					t.Errorf("unexpected %q", w)
				}
			}
		})
	}
}

// Without authorities_notified the letter never says an authority was
// notified.
func TestAuthorityNotNotified(t *testing.T) {
	e := setup(t)
	e.in.Incident.AuthoritiesNotified = nil
	for _, r := range []customers.Person{reader("IT", "", "it", "name"), reader("FR", "", "fr", "name")} {
		// The incident's own account may say it; the complaint paragraph
		// must not add it.
		var text string
		for _, s := range compose(t, e, r).Sections {
			for _, p := range s.Paragraphs {
				if p.Key == "complaint_right" {
					text += p.Text
				}
			}
		}
		if text == "" {
			t.Fatalf("%s: no complaint paragraph", r.Country)
		}
		if strings.Contains(text, "notificato la violazione") || strings.Contains(text, "notifié la violation") {
			t.Errorf("%s: claims a notification the incident does not record", r.Country)
		}
	}
}

// The sample's offer is valid in the US only: a reader in China, India,
// Brazil or the UK is not offered the US monitoring product, a US reader
// is, with what it includes, the enrolment address in the letter's
// language and, where a law requires the offer for the reader's data, the
// law.
func TestOfferShownOnlyWhereValid(t *testing.T) {
	for _, tc := range []struct {
		country, region, lang string
		cats                  []string
		offer                 bool
		law                   string
	}{
		{"CN", "", "zh", []string{"name", "ssn"}, false, ""},
		{"IN", "", "en", []string{"name", "ssn"}, false, ""},
		{"BR", "", "en", []string{"name", "ssn"}, false, ""},
		{"GB", "", "en", []string{"name", "ssn"}, false, ""},
		{"US", "NY", "en", []string{"name", "email"}, true, ""},
		{"US", "CT", "en", []string{"name", "ssn"}, true, "Conn. Gen. Stat. § 36a-701b(b)(2)(B)"},
		{"US", "CA", "it", []string{"name", "ssn"}, true, "Cal. Civ. Code § 1798.82(d)(2)(G)"},
	} {
		t.Run(tc.country+tc.region, func(t *testing.T) {
			e := setup(t)
			l := compose(t, e, reader(tc.country, tc.region, tc.lang, tc.cats...))
			text := strings.Join(strings.Fields(letterText(l)), " ")
			if got := slices.Contains(l.ContentKeys, "identity_protection_offer"); got != tc.offer {
				t.Fatalf("offer shown = %v, want %v:\n%s", got, tc.offer, text)
			}
			if !tc.offer {
				return
			}
			url, includes := e.in.Offer.EnrollURLs[tc.lang], e.in.Offer.Includes[tc.lang]
			if !strings.Contains(text, url) || !strings.Contains(text, includes) {
				t.Errorf("want %s and what it includes in:\n%s", url, text)
			}
			// The law is checked (a shorter offer is a warning) but never
			// printed: counsel strike it (it concedes the source of the
			// breach).
			if tc.law != "" && strings.Contains(text, tc.law) {
				t.Errorf("the letter cites %q", tc.law)
			}
		})
	}
}

// A law that requires the offer where the incident does not make it is a
// warning, not a silent omission.
func TestOfferRequiredButNotValidWarns(t *testing.T) {
	e := setup(t)
	e.in.Offer.ValidIn = []string{"US-NY"}
	l := compose(t, e, reader("US", "CT", "en", "name", "ssn"))
	if slices.Contains(l.ContentKeys, "identity_protection_offer") {
		t.Fatal("offer shown outside valid_in")
	}
	if !hasWarning(l, letters.WarnOfferUnmet, "Conn. Gen. Stat.") {
		t.Errorf("no warning: %v", l.Warnings)
	}
}

// An offer shorter than the law requires for the reader is a warning
// (Connecticut: not less than 24 months; California: 12).
func TestOfferShorterThanRequiredWarns(t *testing.T) {
	e := setup(t)
	e.in.Offer.Months = 12
	if l := compose(t, e, reader("US", "CT", "en", "name", "ssn")); !hasWarning(l, letters.WarnOfferShort, "at least 24 months") {
		t.Errorf("CT, 12 months: no warning: %v", l.Warnings)
	}
	if l := compose(t, e, reader("US", "CA", "en", "name", "ssn")); hasWarning(l, letters.WarnOfferShort, "") {
		t.Errorf("CA, 12 months: %v", l.Warnings)
	}
}

// The signatory's title and the number's hours are the letter language's;
// a title given only in another language, or a number in another country
// only, is a warning.
func TestLocalizedOrganizationFields(t *testing.T) {
	e := setup(t)
	l := compose(t, e, reader("FR", "", "fr", "name"))
	if !slices.Contains(l.Signature, "Directeur général") || slices.Contains(l.Signature, "Amministratore delegato") {
		t.Errorf("French signature: %q", l.Signature)
	}
	us := compose(t, e, reader("US", "NY", "en", "name"))
	if text := letterText(us); !strings.Contains(text, "(800)\u00a0555-0100 (Monday to Friday, 9 a.m. to 6 p.m. Eastern Time)") {
		t.Errorf("US number with hours missing:\n%s", text)
	}
	if hasWarning(us, letters.WarnForeignPhone, "") {
		t.Errorf("US reader has a US number: %v", us.Warnings)
	}

	e.in.Organization.SignatoryTitles = map[string]string{"it": "Amministratore delegato"}
	e.in.Organization.SignatoryTitle = ""
	delete(e.in.Organization.Phones, "US")
	e.in.Organization.ContactHours = map[string]string{"it": "dalle 9 alle 18"}
	l = compose(t, e, reader("US", "NY", "en", "name"))
	if slices.Contains(l.Signature, "Amministratore delegato") {
		t.Errorf("Italian title in an English letter: %q", l.Signature)
	}
	if strings.Contains(letterText(l), "dalle 9") {
		t.Error("Italian hours in an English letter")
	}
	for _, w := range []struct{ code, part string }{
		{letters.WarnForeignText, "signatory_titles has no en title"},
		{letters.WarnForeignText, "hours of the number for readers in US are not given in en"},
		{letters.WarnForeignPhone, "readers in US are given only a number in IT"},
	} {
		if !hasWarning(l, w.code, w.part) {
			t.Errorf("no warning %s %q in %v", w.code, w.part, l.Warnings)
		}
	}
	for _, w := range l.Warnings {
		if strings.Contains(w.Text, "A B") || strings.Contains(w.Text, "a@example.com") {
			t.Errorf("warning names the reader: %v", w)
		}
	}
}

// The new fields are validated like the rest of the incident file: where
// the offer is made is required, per-language texts only in letter
// languages, numbers per country parseable, authorities known to the rules.
func TestLocalizedFieldsValidated(t *testing.T) {
	src, err := os.ReadFile("../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ old, new, want string }{
		{"valid_in = [\"US\"]\n", "", "offer.valid_in is missing"},
		{"valid_in = [\"US\"]", "valid_in = [\"usa\"]", "is not a country code"},
		{"signatory_titles = { en =", "signatory_titles = { de = \"Geschäftsführer\", en =", "\"de\" is not a letter language"},
		{"number = \"+1 800 555 0100\"", "number = \"call us\"", "phones.US.number \"call us\" is not a phone number"},
		{"enroll_urls = { en = \"https://www.acme.example/en/protect\"", "enroll_urls = { en = \"https://protect.example.net/\"", "enroll_urls.en \"https://protect.example.net/\" is not on an official domain"},
	} {
		bad := bytes.Replace(src, []byte(tt.old), []byte(tt.new), 1)
		if bytes.Equal(bad, src) {
			t.Fatalf("sample incident changed: %q not found", tt.old)
		}
		_, err := letters.LoadIncident("incident.toml", bytes.NewReader(bad))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error = %v, want %q", tt.new, err, tt.want)
		}
	}
	e := setup(t)
	if err := e.in.CheckAuthorities(e.set); err != nil {
		t.Errorf("sample: %v", err)
	}
	e.in.Incident.AuthoritiesNotified = []string{"IT", "XX"}
	if err := e.in.CheckAuthorities(e.set); err == nil || !strings.Contains(err.Error(), `"XX"`) {
		t.Errorf("unknown authority id: %v", err)
	}
}
