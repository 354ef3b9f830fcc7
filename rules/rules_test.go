package rules_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/rules"
)

func loadDefault(t *testing.T) *rules.Set {
	t.Helper()
	s, err := rules.Load(jurisdictions.FS, "jurisdictions")
	if err != nil {
		t.Fatalf("embedded rules do not load: %v", err)
	}
	return s
}

func TestEmbeddedRulesCarryProvenance(t *testing.T) {
	s := loadDefault(t)
	want := []string{"CN", "DEFAULT", "EU", "FR", "GB", "IT", "RU", "US", "US-CA", "US-NY"}
	var got []string
	for _, j := range s.All() {
		got = append(got, j.ID)
		if j.Citation == "" || j.Reviewed.IsZero() || (len(j.SourceURLs) == 0 && !j.Fallback) {
			t.Errorf("%s: citation, source_urls or reviewed missing", j.ID)
		}
		for _, o := range j.Obligations {
			if o.Citation == "" || len(o.SourceURLs) == 0 {
				t.Errorf("%s: obligation %s has no citation or source", j.ID, o.Recipient)
			}
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("jurisdictions = %v, want %v", got, want)
	}
}

const minimal = `id = "XX"
name = "Testland"
countries = ["XX"]
languages = ["en"]
timezone = "UTC"
citation = "Test Act s. 1"
source_urls = ["https://example.org/act"]
reviewed = 2026-11-22
status = "in_force"
confidence = "primary"
`

const fallback = `id = "DEFAULT"
name = "fallback"
fallback = true
languages = ["en"]
timezone = "UTC"
citation = "none"
reviewed = 2026-11-22
status = "in_force"
confidence = "secondary"
`

func TestLoadReportsFileAndLine(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"unknown top-level key", minimal + "colour = \"red\"\n", `rules/xx.toml:11: rules: unknown key "colour"`},
		{"unknown key in obligation", minimal + "\n[[obligation]]\nrecipient = \"regulator\"\nauthority = \"A\"\ndeadline = 3\n", `rules/xx.toml:15: rules: unknown key "obligation.deadline"`},
		{"bad timezone", strings.Replace(minimal, `"UTC"`, `"Mars/Olympus"`, 1), `rules/xx.toml:5: rules: unknown timezone "Mars/Olympus"`},
		{"missing citation", strings.Replace(minimal, `citation = "Test Act s. 1"`, ``, 1), `rules/xx.toml: rules: citation is missing`},
		{"syntax error", minimal + "x = [\n", `rules/xx.toml:11: rules:`},
		{"file name must match id", minimal, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"xx.toml": {Data: []byte(tt.file)}, "default.toml": {Data: []byte(fallback)}}
			_, err := rules.Load(fsys, "rules")
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant it to contain %q", err, tt.want)
			}
			if tt.name != "syntax error" && !errors.Is(err, rules.ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid")
			}
		})
	}
}

func TestSetChecks(t *testing.T) {
	dup := strings.Replace(minimal, `id = "XX"`, `id = "YY"`, 1)
	fsys := fstest.MapFS{"xx.toml": {Data: []byte(minimal)}, "yy.toml": {Data: []byte(dup)}, "default.toml": {Data: []byte(fallback)}}
	_, err := rules.Load(fsys, "rules")
	if err == nil || !strings.Contains(err.Error(), `"XX" is matched by both "XX" and "YY"`) {
		t.Fatalf("overlapping match not reported: %v", err)
	}
	orphan := strings.Replace(minimal, "countries = [\"XX\"]", "parent = \"ZZ\"\ncountries = [\"XX\"]", 1)
	_, err = rules.Load(fstest.MapFS{"xx.toml": {Data: []byte(orphan)}, "default.toml": {Data: []byte(fallback)}}, "rules")
	if err == nil || !strings.Contains(err.Error(), `unknown parent "ZZ"`) {
		t.Fatalf("unknown parent not reported: %v", err)
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDecide(t *testing.T) {
	s := loadDefault(t)
	high := rules.Facts{DiscoveredAt: mustTime(t, "2026-11-20T09:30:00+01:00"), Risk: rules.RiskHigh, OrganizationCountry: "IT"}
	low := high
	low.Risk = rules.RiskLow
	enc := high
	enc.Encrypted = true
	tests := []struct {
		name   string
		facts  rules.Facts
		person rules.Person
		chain  string
		notify bool
		basis  string
		reason string
	}{
		{"GDPR high risk", high, rules.Person{Country: "IT", Categories: []string{"name", "email"}}, "IT,EU", true, rules.BasisLaw, "GDPR Art. 34(1)"},
		{"GDPR low risk: no letter", low, rules.Person{Country: "FR", Categories: []string{"name", "email"}}, "FR,EU", false, "", `assessed the risk to individuals as "low"`},
		{"other EU country via EU", high, rules.Person{Country: "DE", Categories: []string{"email"}}, "EU", true, rules.BasisLaw, "GDPR"},
		{"California email alone does not trigger", high, rules.Person{Country: "US", Region: "CA", Categories: []string{"email"}}, "US-CA,US", false, "", "matches no notifiable combination"},
		{"California SSN triggers", high, rules.Person{Country: "US", Region: "CA", Categories: []string{"name", "ssn"}}, "US-CA,US", true, rules.BasisLaw, "1798.82"},
		{"California encrypted: safe harbour", enc, rules.Person{Country: "US", Region: "CA", Categories: []string{"name", "ssn"}}, "US-CA,US", false, "", "safe harbour"},
		{"Russia: regulator only", high, rules.Person{Country: "RU", Categories: []string{"name"}}, "RU", false, "", "sets no duty to notify individuals"},
		{"US state without a file: precaution", high, rules.Person{Country: "US", Region: "TX", Categories: []string{"name", "ssn"}}, "US", true, rules.BasisPrecaution, "notified as a precaution"},
		{"country without a file: fallback", high, rules.Person{Country: "JP", Categories: []string{"name"}}, "DEFAULT", true, rules.BasisPrecaution, "notified as a precaution"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := s.Decide(tt.facts, tt.person)
			if got := strings.Join(d.IDs(), ","); got != tt.chain {
				t.Errorf("chain = %s, want %s", got, tt.chain)
			}
			if d.Notify != tt.notify || d.Basis != tt.basis {
				t.Errorf("notify, basis = %v, %q; want %v, %q (reason: %s)", d.Notify, d.Basis, tt.notify, tt.basis, d.Reason)
			}
			if !strings.Contains(d.Reason, tt.reason) {
				t.Errorf("reason = %q, want it to contain %q", d.Reason, tt.reason)
			}
		})
	}
}

func find(ds []rules.Deadline, j string, r rules.Recipient) []rules.Deadline {
	var out []rules.Deadline
	for _, d := range ds {
		if d.Jurisdiction == j && d.Obligation.Recipient == r {
			out = append(out, d)
		}
	}
	return out
}

func due(d rules.Deadline) string {
	if d.Due == nil {
		return "null"
	}
	return d.Due.Format(time.RFC3339)
}

func TestDeadlines(t *testing.T) {
	s := loadDefault(t)
	// Friday evening discovery, in Rome.
	f := rules.Facts{DiscoveredAt: mustTime(t, "2026-11-20T19:45:00+01:00"), Risk: rules.RiskHigh, OrganizationCountry: "IT"}
	now := mustTime(t, "2026-11-21T10:00:00+01:00")
	ds := s.Deadlines(f, rules.Counts{"IT": 3, "FR": 2, "DE": 0, "US-CA": 501, "US-NY": 10, "RU": 4, "CN": 1, "GB": 1}, now, 0)

	tests := []struct {
		j      string
		r      rules.Recipient
		due    string
		status string
		n      int
	}{
		// One-stop shop: one notice to the lead authority (Garante) for all EU persons.
		{"IT", rules.Regulator, "2026-11-23T19:45:00+01:00", rules.StatusOnTrack, 5},
		{"IT", rules.Individuals, "null", rules.StatusNoFixed, 3},
		{"GB", rules.Regulator, "2026-11-23T18:45:00Z", rules.StatusOnTrack, 1},
		{"US-CA", rules.Individuals, "2026-12-20T10:45:00-08:00", rules.StatusOnTrack, 501},
		// 15 calendar days after the individuals' deadline; more than 500 residents.
		{"US-CA", rules.Regulator, "2027-01-04T10:45:00-08:00", rules.StatusOnTrack, 501},
		{"US-NY", rules.Individuals, "2026-12-20T13:45:00-05:00", rules.StatusOnTrack, 10},
		{"CN", rules.Individuals, "null", rules.StatusNoFixed, 1},
	}
	for _, tt := range tests {
		got := find(ds, tt.j, tt.r)
		if len(got) != 1 {
			t.Errorf("%s %s: %d deadlines, want 1", tt.j, tt.r, len(got))
			continue
		}
		if due(got[0]) != tt.due || got[0].Status != tt.status || got[0].Affected != tt.n {
			t.Errorf("%s %s: due %s status %q affected %d; want %s %q %d", tt.j, tt.r, due(got[0]), got[0].Status, got[0].Affected, tt.due, tt.status, tt.n)
		}
	}
	if n := len(find(ds, "FR", rules.Regulator)); n != 0 {
		t.Errorf("FR regulator listed %d times; the lead authority (IT) takes EU notices", n)
	}
	ru := find(ds, "RU", rules.Regulator)
	if len(ru) != 2 || due(ru[0]) != "2026-11-21T21:45:00+03:00" || due(ru[1]) != "2026-11-23T21:45:00+03:00" {
		t.Errorf("RU staged notice = %v", ru)
	}
	if ru[0].Status != rules.StatusDueSoon {
		t.Errorf("RU 24h status = %q at %v", ru[0].Status, now)
	}
	// Below the threshold the AG notice is not owed.
	ds = s.Deadlines(f, rules.Counts{"US-CA": 500}, now, 0)
	if ag := find(ds, "US-CA", rules.Regulator); len(ag) != 1 || ag[0].ThresholdMet || ag[0].Status != rules.StatusNotNeeded {
		t.Errorf("US-CA AG with 500 residents = %+v, want threshold not met", ag)
	}
}

func TestGDPRClockAcrossDaylightSavingChange(t *testing.T) {
	s := loadDefault(t)
	// Rome leaves summer time on 25 Oct 2026 at 03:00: 72 real hours later
	// the wall clock shows one hour less.
	f := rules.Facts{DiscoveredAt: mustTime(t, "2026-10-23T10:00:00+02:00"), Risk: rules.RiskHigh, OrganizationCountry: "IT"}
	ds := s.Deadlines(f, rules.Counts{"IT": 1}, f.DiscoveredAt, 0)
	got := find(ds, "IT", rules.Regulator)
	if len(got) != 1 || due(got[0]) != "2026-10-26T09:00:00+01:00" {
		t.Fatalf("due = %v, want 2026-10-26T09:00:00+01:00", got)
	}
}

func TestAddPeriodBusinessDays(t *testing.T) {
	loc, _ := time.LoadLocation("America/Sao_Paulo")
	start := time.Date(2026, 11, 13, 17, 0, 0, 0, loc) // Friday
	hol := map[string]bool{"2026-11-20": true}         // Consciência Negra (national holiday since 2024)
	got := rules.AddPeriod(start, 3, rules.BusinessDays, hol)
	// Mon 16, Tue 17, Wed 18 -> Wed 18 Nov; with 5 days: 19, then 20 is a holiday -> 23.
	if want := time.Date(2026, 11, 18, 17, 0, 0, 0, loc); !got.Equal(want) {
		t.Errorf("3 business days = %v, want %v", got, want)
	}
	got = rules.AddPeriod(start, 5, rules.BusinessDays, hol)
	if want := time.Date(2026, 11, 23, 17, 0, 0, 0, loc); !got.Equal(want) {
		t.Errorf("5 business days across a holiday = %v, want %v", got, want)
	}
}
