package letters_test

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/locales"
)

// TestReconcile: a row's data categories against the incident's: the
// letter follows the more precise fact, and each disagreement is a warning
// naming the row and the customer id.
func TestReconcile(t *testing.T) {
	for _, tt := range []struct {
		name          string
		incident, row []string
		want          []string
		warn          []string // kind:category
	}{
		{"row names none", []string{"name", "password_hash"}, nil, []string{"name", "password_hash"}, nil},
		{"agree", []string{"name", "email"}, []string{"email", "name"}, []string{"email", "name"}, nil},
		{"row lists fewer", []string{"name", "email"}, []string{"email"}, []string{"email"},
			[]string{letters.WarnRowOmits + ":name"}},
		{"row password, incident hash", []string{"name", "password_hash"}, []string{"name", "password"}, []string{"name", "password_hash"},
			[]string{letters.WarnPasswordHashed + ":password_hash"}},
		{"row hash, incident password", []string{"name", "password"}, []string{"name", "password_hash"}, []string{"name", "password_hash"},
			[]string{letters.WarnRowSaysHash + ":password_hash"}},
		{"both in the incident", []string{"password", "password_hash"}, []string{"password"}, []string{"password"}, nil},
		{"row adds a category", []string{"name", "email"}, []string{"name", "ssn"}, []string{"name", "ssn"},
			[]string{letters.WarnNotInIncident + ":ssn", letters.WarnRowOmits + ":email"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := &letters.Incident{Incident: letters.IncidentFacts{DataCategories: tt.incident}}
			got, ws := in.Reconcile(customers.Person{Row: 7, CustomerID: "C-7", FullName: "Secret Name", Email: "secret@example.com", DataCategories: tt.row})
			if !slices.Equal(got, tt.want) {
				t.Errorf("categories = %v, want %v", got, tt.want)
			}
			var kinds []string
			for _, w := range ws {
				kinds = append(kinds, w.Kind+":"+w.Category)
				if w.Row != 7 || w.CustomerID != "C-7" {
					t.Errorf("warning %+v does not name row 7 and C-7", w)
				}
			}
			if !slices.Equal(kinds, tt.warn) {
				t.Errorf("warnings = %v, want %v", kinds, tt.warn)
			}
			if !slices.Equal(in.Categories(tt.row), tt.want) {
				t.Errorf("Categories = %v, want %v", in.Categories(tt.row), tt.want)
			}
		})
	}
}

// TestCategoryTally: warnings are counted per kind and category with the
// first rows, and say no more than row numbers and customer ids.
func TestCategoryTally(t *testing.T) {
	var tally letters.CategoryTally
	in := &letters.Incident{Incident: letters.IncidentFacts{DataCategories: []string{"name", "password_hash"}}}
	for i := range 25 {
		_, ws := in.Reconcile(customers.Person{Row: i + 2, CustomerID: fmt.Sprintf("C-%d", i), FullName: "Mario Rossi", Email: "mario@example.it", DataCategories: []string{"name", "password", "ssn"}})
		tally.Add(ws...)
	}
	list := tally.List()
	if len(list) != 2 || list[0].Kind != letters.WarnNotInIncident || list[1].Kind != letters.WarnPasswordHashed {
		t.Fatalf("tally = %+v", list)
	}
	for _, w := range list {
		if w.Count != 25 || len(w.Rows) != letters.MaxWarningRows || w.Rows[0] != 2 || w.CustomerIDs[0] != "C-0" {
			t.Errorf("%s: count %d rows %v ids %v", w.Kind, w.Count, w.Rows, w.CustomerIDs)
		}
		s := w.String()
		if !strings.Contains(s, "row 2 (C-0)") || !strings.Contains(s, "and 15 more") || strings.Contains(s, "Mario") || strings.Contains(s, "@") {
			t.Errorf("String() = %q", s)
		}
	}
}

func catalogs(t *testing.T) locales.Catalogs {
	t.Helper()
	cats, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	return cats
}

// checkIncident is an incident that happened from 28 October to 19
// November 2026 and was discovered on 19 November, with an account in
// lang.
func checkIncident(lang, happened string) *letters.Incident {
	cet := time.FixedZone("CET", 3600)
	return &letters.Incident{Incident: letters.IncidentFacts{
		DiscoveredAt: time.Date(2026, 11, 19, 19, 30, 0, 0, cet), DeterminedAt: time.Date(2026, 11, 20, 18, 0, 0, 0, cet),
		OccurredFrom: time.Date(2026, 10, 28, 0, 0, 0, 0, time.UTC), OccurredTo: time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC),
		Text: map[string]letters.IncidentText{lang: {WhatHappened: happened, WhatWeAreDoing: "-"}},
	}}
}

// TestIncidentCheck: in every language, dates of the account outside the
// incident's period and a discovery told on another day than discovered_at
// are warnings; a consistent account is none.
func TestIncidentCheck(t *testing.T) {
	cats := catalogs(t)
	for _, tt := range []struct {
		lang, text string
		want       []string // kind:date
	}{
		{"en", "On 19 November our security team found that an old server was reachable.", nil},
		{"en", "Between 28 October and 19 November 2026 someone copied data. We discovered it on November 19.", nil},
		{"en", "On 20 November our security team found that an old server was reachable.", []string{"account_discovery_date:2026-11-20"}},
		{"en", "We discovered on November 18, 2026 that someone had copied data since October 2.",
			[]string{"account_date_outside:2026-10-02", "account_discovery_date:2026-11-18"}},
		{"en", "Someone copied data on 3 December.", []string{"account_date_outside:2026-12-03"}},
		{"it", "Il 19 novembre il nostro team di sicurezza ha scoperto che un vecchio sistema era raggiungibile.", nil},
		{"it", "Il 20 novembre ci siamo accorti dell'accesso, iniziato il 1º ottobre.",
			[]string{"account_date_outside:2026-10-01", "account_discovery_date:2026-11-20"}},
		{"fr", "Le 19 novembre, notre équipe de sécurité a constaté qu'un ancien système restait accessible.", nil},
		{"fr", "Le 21 novembre, nous avons découvert l'accès, commencé le 1er octobre.",
			[]string{"account_date_outside:2026-10-01", "account_date_outside:2026-11-21", "account_discovery_date:2026-11-21"}},
		{"ru", "19 ноября наша служба безопасности обнаружила, что старая копия была доступна.", nil},
		{"ru", "20 ноября 2026 г. мы обнаружили утечку.", []string{"account_discovery_date:2026-11-20"}},
		{"ru", "Доступ начался 2 октября.", []string{"account_date_outside:2026-10-02"}},
		{"zh", "11月19日，我们的安全团队发现，网上商店的一个旧副本仍可访问。", nil},
		{"zh", "2026年11月20日，我们发现了这一事件。", []string{"account_discovery_date:2026-11-20"}},
		{"zh", "有人自10月2日起复制了数据。", []string{"account_date_outside:2026-10-02"}},
	} {
		t.Run(tt.lang+" "+tt.text, func(t *testing.T) {
			var got []string
			for _, w := range checkIncident(tt.lang, tt.text).Check(cats) {
				got = append(got, w.Kind+":"+w.Date)
				if !strings.HasPrefix(w.String(), "incident.text."+tt.lang+".what_happened") {
					t.Errorf("warning %q does not name its field", w)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("warnings = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDeterminedBeforeDiscoveredIsAnError: a breach cannot be determined
// before it is discovered; payment card elements are checked.
func TestDeterminedBeforeDiscoveredIsAnError(t *testing.T) {
	src, err := os.ReadFile("../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		from, to, want string
	}{
		{`determined_at = "2026-11-20T18:00:00+01:00"`, `determined_at = "2026-11-19T18:00:00+01:00"`, "determined_at 2026-11-19T18:00:00+01:00 is before discovered_at"},
		{`data_categories = ["name", "email", "password_hash"]`, `data_categories = ["name", "email", "password_hash", "payment_card"]` + "\npayment_card_elements = [\"number\", \"pin\"]", `unknown payment card element "pin"`},
		{`data_categories = ["name", "email", "password_hash"]`, `data_categories = ["name"]` + "\npayment_card_elements = [\"number\"]", "data_categories does not list payment_card"},
	} {
		if !bytes.Contains(src, []byte(tt.from)) {
			t.Fatalf("sample incident changed: %s not found", tt.from)
		}
		_, err := letters.LoadIncident("incident.toml", bytes.NewReader(bytes.Replace(src, []byte(tt.from), []byte(tt.to), 1)))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want %q", tt.to, err, tt.want)
		}
	}
	if _, err := letters.LoadIncident("incident.toml", bytes.NewReader(src)); err != nil {
		t.Errorf("sample: %v", err)
	}
}

// TestSampleIncidentIsConsistent: the shipped sample has no contradiction.
func TestSampleIncidentIsConsistent(t *testing.T) {
	e := setup(t)
	if ws := e.in.Check(e.cats); len(ws) > 0 {
		t.Errorf("sample incident warnings: %v", ws)
	}
}
