package run_test

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/customers/sample"
	"github.com/breachnotice/breachnotice/letters/run"
)

// A Decider decides each person as the rules do, the first time and
// when it answers from memory (persons of the same place and data).
func TestDeciderDecidesAsTheRules(t *testing.T) {
	var buf bytes.Buffer
	if err := sample.Write(&buf, sample.Options{Rows: 600, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config(t, "", "b.xlsx", "")
	d, err := run.NewDecider(cfg.Incident, cfg.Rules, cfg.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	facts := d.Facts()
	persons := 0
	for _, sheet := range [][]byte{buf.Bytes(), data, buf.Bytes()} {
		_, err := customers.Read(bytes.NewReader(sheet), customers.Options{Name: "b.xlsx"}, func(p *customers.Person, _ *customers.Reject) error {
			if p == nil {
				return nil
			}
			persons++
			got := d.Decide(*p)
			want := cfg.Rules.Decide(facts, cfg.Incident.Subject(*p))
			if !reflect.DeepEqual(got.Decision, want) || got.Person.Row != p.Row {
				t.Fatalf("row %d: the Decider's decision differs from the rules'", p.Row)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if persons < 1200 {
		t.Errorf("%d persons decided", persons)
	}
}
