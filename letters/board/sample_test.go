package board

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/rules"
)

// sample is the board of the shipped sample incident and customer sheet
// (testdata/), as "breachnotice deadlines" builds it, at the README's
// --now, read in Rome.
func sample(t testing.TB) *Board {
	t.Helper()
	root := filepath.Join("..", "..", "testdata")
	data, err := os.ReadFile(filepath.Join(root, "incident.toml"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := letters.LoadIncident("incident.toml", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(jurisdictions.FS, "jurisdictions")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(root, "customers.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tally, err := run.Decide(run.Config{Incident: in, Rules: set, Customers: f, Import: customers.Options{Name: "customers.xlsx"}, TempDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := *at(t, "2026-11-22T10:00:00+01:00", zone(t, "Europe/Rome"))
	return &Board{
		IncidentID: in.Incident.ID, Organization: in.Organization.LegalName,
		Discovered: in.Incident.DiscoveredAt, Now: now, Zone: zone(t, "Europe/Rome"),
		ZoneOf: func(id string) *time.Location {
			if j, ok := set.Get(id); ok {
				return j.Location()
			}
			return nil
		},
		Deadlines: set.Deadlines(tally.Facts, tally.Counts, now, 0),
	}
}

// TestSamplePDF renders the shipped sample: one page with every
// obligation's jurisdiction, Chinese and Russian authority names in
// embedded fonts, and the same bytes twice.
func TestSamplePDF(t *testing.T) {
	b := sample(t)
	data, doc := renderPDF(t, b)
	if len(doc.Pages) != 1 {
		t.Fatalf("%d pages", len(doc.Pages))
	}
	text := doc.Text()
	for _, r := range b.Rows() {
		if !strings.Contains(text, r.Where) {
			t.Errorf("the page lacks %s", r.Where)
		}
	}
	for _, want := range []string{"Роскомнадзор", "履行个人信息保护职责的部门", "no fixed deadline", "threshold not met", "now Sun 22 Nov 10:00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(text, "more obligations") {
		t.Errorf("the sample's %d obligations do not all fit", len(b.Deadlines))
	}
	for _, f := range doc.Fonts {
		if !f.Embedded {
			t.Errorf("font %s not embedded", f.Name)
		}
	}
	again, _ := renderPDF(t, sample(t))
	if !bytes.Equal(data, again) {
		t.Error("two renderings of the sample differ")
	}
}

// TestSamplePDFWhy: the PDF table says why each row applies (the start of
// it, when the cell cuts it with "…"), and a conflict between laws
// reaching one person is named at the foot of the page with the rows it
// touches, their numbers marked.
func TestSamplePDFWhy(t *testing.T) {
	b := sample(t)
	_, doc := renderPDF(t, b)
	text := doc.Text()
	for _, r := range b.Rows() {
		if len(r.Why) == 0 {
			t.Fatalf("row %d (%s) has no why", r.N, r.Where)
		}
		if start := whyStart(shortWhy(r)); !strings.Contains(text, start) {
			t.Errorf("row %d (%s): the page lacks its why %q", r.N, r.Where, start)
		}
	}
	for _, want := range []string{"Authority · why", "7 residents of RU: residence", "UK GDPR Art. 3(2)", "one-stop shop (GDPR Art. 56)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(text, "Needs counsel") {
		t.Error("a counsel note without conflicts or findings")
	}

	b.Conflicts = []rules.ConflictCount{{Conflict: rules.Conflict{Key: "what_happened", RequiredBy: "IT", ForbiddenBy: "US-NY",
		Citation: "N.Y. Gen. Bus. Law § 899-aa"}, Persons: 2}}
	_, doc = renderPDF(t, b)
	text = doc.Text()
	var marked []string
	for _, r := range b.Rows() {
		if len(r.counsel()) > 0 {
			marked = append(marked, strconv.Itoa(r.N))
		}
	}
	if len(marked) == 0 {
		t.Fatal("the conflict touches no row")
	}
	want := "Needs counsel (rows " + strings.Join(marked, ", ") + "): \"what_happened\" required by IT, forbidden by US-NY (2 persons), open: record the decision on \"US-NY:what_happened\""
	if !strings.Contains(text, want) {
		t.Errorf("the page lacks %q", want)
	}
	if len(doc.Pages) != 1 || strings.Contains(text, "more obligations") {
		t.Error("with the counsel note, the sample no longer fits one page")
	}
}

// whyStart is the start of a why that a cut cell still shows.
func whyStart(why string) string {
	rs := []rune(why)
	return string(rs[:min(len(rs), 14)])
}
