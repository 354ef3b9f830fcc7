package board

import (
	"bytes"
	"os"
	"path/filepath"
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
	persons, _, _, err := run.Decide(run.Config{Incident: in, Rules: set, Customers: f, Import: customers.Options{Name: "customers.xlsx"}})
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
		Deadlines: set.Deadlines(in.Facts(), run.Counts(persons), now, 0),
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
