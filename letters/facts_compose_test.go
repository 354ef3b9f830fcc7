package letters_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
)

// composeWith composes the letter to person p for a copy of the sample
// incident changed by edit.
func (e env) composeWith(t *testing.T, p customers.Person, edit func(in *letters.Incident)) *letters.Letter {
	t.Helper()
	in := *e.in
	in.Incident.Text = maps.Clone(e.in.Incident.Text)
	in.Incident.DataCategories = slices.Clone(e.in.Incident.DataCategories)
	if edit != nil {
		edit(&in)
	}
	d := e.set.Decide(in.Facts(), in.Subject(p))
	l, err := letters.Compose(letters.Input{Incident: &in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: p, Date: now})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func paragraphOf(l *letters.Letter, key string) (string, bool) {
	for _, s := range l.Sections {
		for _, p := range s.Paragraphs {
			if p.Key == key {
				return p.Text, true
			}
		}
	}
	return "", false
}

// TestDateSentenceOnlyWhereTheAccountLacksTheDates: the generated date
// sentence says only what the incident's account does not, never a date
// twice; date_range stays satisfied when the account gives the dates.
func TestDateSentenceOnlyWhereTheAccountLacksTheDates(t *testing.T) {
	e := setup(t)
	cet := time.FixedZone("CET", 3600)
	for _, tt := range []struct {
		name    string
		text    string
		to      time.Time // occurred_to; zero: the sample's (the discovery day)
		want    string    // the sentence, "" none
		notWant []string  // dates the sentence must not repeat
	}{
		{"account names the discovery only", "On 19 November our security team found it.", time.Time{},
			"The unauthorized access began on 2 November 2026. It continued until we discovered it.", []string{"19 November 2026"}},
		{"account names no date", "Our security team found it.", time.Time{},
			"The unauthorized access began on 2 November 2026. It continued until we discovered it on 19 November 2026.", nil},
		{"account names every date", "From 2 November until we found it on 19 November someone copied data.", time.Time{}, "", nil},
		{"period ends before the discovery", "Our team found it.", time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC),
			"The unauthorized access took place between 2 November 2026 and 10 November 2026. We discovered it on 19 November 2026.", nil},
		{"account gives the period, not the discovery", "Between 2 November and 10 November 2026 someone copied data.", time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC),
			"We discovered the breach on 19 November 2026.", nil},
		{"account gives the discovery, period ends before", "On 19 November we found it.", time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC),
			"The unauthorized access took place between 2 November 2026 and 10 November 2026.", nil},
		{"account gives the start only", "Since 2 November someone copied data.", time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC),
			"The unauthorized access ended on 10 November 2026. We discovered the breach on 19 November 2026.", nil},
		{"account gives the end and the discovery", "Until 10 November someone copied data; we found it on 19 November.", time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC),
			"The unauthorized access began on 2 November 2026.", nil},
		{"account gives the start, ends at the discovery", "Since 2 November someone copied data.", time.Time{},
			"We discovered the breach on 19 November 2026.", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := e.composeWith(t, people["en"], func(in *letters.Incident) {
				txt := in.Incident.Text["en"]
				txt.WhatHappened = tt.text
				in.Incident.Text["en"] = txt
				if !tt.to.IsZero() {
					in.Incident.OccurredTo = tt.to
				}
				in.Incident.DiscoveredAt = time.Date(2026, 11, 19, 19, 30, 0, 0, cet)
			})
			got, ok := paragraphOf(l, "date_range")
			got = strings.ReplaceAll(got, "\u00a0", " ") // dates are joined by no-break spaces
			if tt.want == "" && ok {
				t.Errorf("date sentence %q, want none", got)
			}
			// The US reader's dates are written the US way.
			us := strings.NewReplacer("2 November 2026", "November 2, 2026", "10 November 2026", "November 10, 2026", "19 November 2026", "November 19, 2026")
			if want := us.Replace(tt.want); tt.want != "" && got != want {
				t.Errorf("date sentence = %q, want %q", got, want)
			}
			for _, d := range tt.notWant {
				if strings.Contains(got, us.Replace(d)) {
					t.Errorf("date sentence %q repeats %s", got, d)
				}
			}
			if !slices.Contains(l.ContentKeys, "date_range") {
				t.Errorf("content keys %v lack date_range", l.ContentKeys)
			}
		})
	}
}

// TestStepsOnlyWhereTheirFactsHold: a password step only for a password
// or its hash, security questions their own step, two-step sign-in for
// the organization's account only where customers have it, a US driver's
// licence to the state's DMV, card elements named.
func TestStepsOnlyWhereTheirFactsHold(t *testing.T) {
	e := setup(t)
	us := people["en"]
	for _, tt := range []struct {
		name    string
		cats    []string
		twoStep bool
		country string
		has     []string
		hasNot  []string
	}{
		{"no password", []string{"name", "email"}, false, "US", nil,
			[]string{"Change your Acme password", "two-step", "security questions"}},
		{"hash, no customer two-step", []string{"name", "password_hash"}, false, "US",
			[]string{"Change your Acme password", "two-step verification for your email account"},
			[]string{"for your Acme account", "encrypted"}},
		{"password, customer two-step", []string{"name", "password"}, true, "US",
			[]string{"Change your Acme password", "two-step verification for your Acme account"}, nil},
		{"security questions only", []string{"name", "security_qa"}, false, "US",
			[]string{"Change the security questions and answers of your Acme account"}, []string{"Change your Acme password"}},
		{"US driver's license", []string{"name", "drivers_license"}, false, "US",
			[]string{"issued your driver's license (the DMV in most states", "driver's license number could help"}, []string{"office that issued", "An identity number of yours"}},
		{"SSN named", []string{"name", "ssn"}, false, "US",
			[]string{"Your Social Security number could be used to open credit"}, []string{"An identity number of yours"}},
		{"licence outside the US", []string{"name", "drivers_license"}, false, "IE",
			[]string{"also tell the authority that issued it"}, []string{"DMV"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := us
			p.DataCategories, p.Country = tt.cats, tt.country
			if tt.country == "IE" {
				p.Region, p.PostalCode, p.City = "", "D02 YX88", "Dublin"
			}
			l := e.composeWith(t, p, func(in *letters.Incident) {
				in.Organization.CustomerTwoStep = tt.twoStep
				in.Incident.PasswordsReset = false // the step that changes the old password
			})
			text := letterText(l)
			for _, s := range tt.has {
				if !strings.Contains(text, s) {
					t.Errorf("letter lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(text, s) {
					t.Errorf("letter has %q", s)
				}
			}
		})
	}
}

// TestPaymentCardElementsNamed: the bullet names the elements the incident
// gives, in every language, and the number, expiry and code together add
// the online-payment consequence.
func TestPaymentCardElementsNamed(t *testing.T) {
	e := setup(t)
	want := map[string][]string{
		"en": {"your payment card number, expiration date and security code (CVV)", "online purchases"},
		"it": {"carta di pagamento: numero, data di scadenza e codice di sicurezza (CVV)", "acquisti online"},
		"fr": {"votre carte bancaire\u202f: numéro, date d'expiration et cryptogramme visuel (CVV)", "payer en ligne"},
		"ru": {"банковская карта: номер, срок действия и код безопасности (CVV)", "в интернете"},
		"zh": {"银行卡信息：卡号、有效期和安全码（CVV）", "网上消费"},
	}
	for lang, ws := range want {
		p := people[lang]
		p.DataCategories = []string{"name", "payment_card"}
		l := e.composeWith(t, p, func(in *letters.Incident) {
			in.Incident.DataCategories = append(in.Incident.DataCategories, "payment_card")
			in.Incident.PaymentCardElements = []string{"security_code", "number", "expiry"}
		})
		text := letterText(l)
		for _, w := range ws {
			if !strings.Contains(text, w) {
				t.Errorf("%s: letter lacks %q:\n%s", lang, w, text)
			}
		}
	}
	p := people["en"]
	p.DataCategories = []string{"name", "payment_card"}
	l := e.composeWith(t, p, func(in *letters.Incident) { in.Incident.PaymentCardElements = []string{"number"} })
	if text := letterText(l); !strings.Contains(text, "your payment card number\n") || strings.Contains(text, "online purchases") {
		t.Errorf("number only:\n%s", text)
	}
}

// TestHashIsNeverCalledEncryption: in no language is a password hash
// called encrypted.
func TestHashIsNeverCalledEncryption(t *testing.T) {
	e := setup(t)
	bad := map[string][]string{"en": {"encrypt"}, "it": {"cifrat"}, "fr": {"chiffr"}, "ru": {"зашифр", "шифров"}, "zh": {"加密"}}
	for lang, words := range bad {
		p := people[lang]
		p.DataCategories = []string{"name", "password_hash"}
		text := letterText(e.composeWith(t, p, nil))
		for _, w := range words {
			if strings.Contains(strings.ToLower(text), w) {
				t.Errorf("%s: letter says %q of a hash:\n%s", lang, w, text)
			}
		}
	}
}

// TestPasswordStepAfterAReset: where the incident says the passwords were
// reset, the step tells the reader to choose a new one at the next sign-in
// (the old one no longer works), in every language.
func TestPasswordStepAfterAReset(t *testing.T) {
	e := setup(t)
	for lang, want := range map[string]string{"en": "We have reset your Acme password", "it": "Abbiamo reimpostato la password", "fr": "Nous avons réinitialisé votre mot de passe", "ru": "Мы сбросили пароль", "zh": "我们已重置您的Acme账户密码"} {
		p := people[lang]
		p.DataCategories = []string{"name", "password_hash"}
		text := letterText(e.composeWith(t, p, func(in *letters.Incident) { in.Incident.PasswordsReset = true }))
		if !strings.Contains(text, want) {
			t.Errorf("%s: reset step %q missing", lang, want)
		}
		noReset := func(in *letters.Incident) { in.Incident.PasswordsReset = false }
		if text := letterText(e.composeWith(t, p, noReset)); strings.Contains(text, want) {
			t.Errorf("%s: reset step without a reset", lang)
		}
	}
}

// TestMeasuresWithoutDescription: where a law forbids describing the
// breach (Massachusetts), the letter carries the incident's own account of
// the measures written for it, or else the general sentence; never the
// account that tells the nature.
func TestMeasuresWithoutDescription(t *testing.T) {
	e := setup(t)
	p := people["en"]
	p.Country, p.Region, p.City, p.PostalCode = "US", "MA", "Boston", "02108"
	p.DataCategories = []string{"name", "ssn"}
	const own = "We have reset all customer passwords and engaged outside investigators."
	with := func(in *letters.Incident) {
		t := in.Incident.Text["en"]
		t.MeasuresWithoutDescription = own
		in.Incident.Text["en"] = t
	}
	text, _ := paragraphOf(e.composeWith(t, p, with), "measures_taken")
	if !strings.HasPrefix(text, own) {
		t.Errorf("MA measures = %q, want the incident's own", text)
	}
	text, _ = paragraphOf(e.composeWith(t, p, nil), "measures_taken")
	if strings.Contains(text, own) || strings.Contains(text, e.in.Incident.Text["en"].WhatWeAreDoing) {
		t.Errorf("MA measures without the field = %q", text)
	}
}
