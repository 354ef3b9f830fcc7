package rules_test

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"reflect"
	"slices"
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

// loadFixture loads rules/testdata/set: made-up jurisdictions (XA, XU-AA,
// ...) that exercise every feature of the engine, independent of the law
// shipped in jurisdictions/.
func loadFixture(t *testing.T) *rules.Set {
	t.Helper()
	s, err := rules.Load(os.DirFS("testdata/set"), "testdata/set")
	if err != nil {
		t.Fatalf("fixture rules do not load: %v", err)
	}
	return s
}

func TestEmbeddedRulesCarryProvenance(t *testing.T) {
	s := loadDefault(t)
	if n := len(s.All()); n < 60 {
		t.Errorf("only %d jurisdictions embedded; want all US states, DC, PR and the countries", n)
	}
	for _, j := range s.All() {
		if j.Citation == "" || j.Reviewed.IsZero() || (len(j.SourceURLs) == 0 && !j.Fallback) {
			t.Errorf("%s: citation, source_urls or reviewed missing", j.ID)
		}
		for _, o := range j.Obligations {
			if o.Citation == "" || len(o.SourceURLs) == 0 {
				t.Errorf("%s: obligation %s has no citation or source", j.ID, o.Recipient)
			}
		}
	}
	for _, st := range strings.Fields("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY") {
		if _, ok := s.Get("US-" + st); !ok {
			t.Errorf("no rule file for US-%s", st)
		}
	}
}

// TestEmbeddedHolidaysCover2025To2028 checks that every jurisdiction with a
// business-day clock ships public holidays for each year 2025-2028.
func TestEmbeddedHolidaysCover2025To2028(t *testing.T) {
	s := loadDefault(t)
	for _, j := range s.All() {
		business := false
		for _, o := range j.Obligations {
			business = business || o.Clock.Unit == rules.BusinessDays || (o.Followup != nil && o.Followup.Unit == rules.BusinessDays)
		}
		if !business {
			continue
		}
		years := map[string]int{}
		for _, d := range j.Holidays.Dates {
			years[d[:4]]++
		}
		for _, y := range []string{"2025", "2026", "2027", "2028"} {
			if years[y] < 5 {
				t.Errorf("%s: %d holidays in %s; want the full year's list", j.ID, years[y], y)
			}
		}
	}
}

// TestEmbeddedCases runs the shipped case files (as "rules check" does) and
// requires one case per jurisdiction with obligations.
func TestEmbeddedCases(t *testing.T) {
	s := loadDefault(t)
	cases, err := rules.LoadCases(jurisdictions.Cases(), "jurisdictions/cases")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(path.Base(c.File), func(t *testing.T) {
			for _, f := range c.Run(s) {
				t.Error(f)
			}
		})
	}
	if u := rules.Uncovered(s, cases); len(u) > 0 {
		t.Errorf("no case reaches %v", u)
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

func TestValidateNewFields(t *testing.T) {
	ob := "\n[[obligation]]\nrecipient = \"regulator\"\nauthority = \"A\"\ncitation = \"s. 2\"\nsource_urls = [\"https://example.org\"]\n"
	tests := []struct {
		name, file, want string
	}{
		{"initial_notice outside a followup", minimal + ob + `clock = { anchor = "initial_notice", amount = 1, unit = "hours", words = "w" }` + "\n", `obligation 1 (regulator): clock: anchor "initial_notice" is only for a followup stage`},
		{"business days without holidays", minimal + ob + `clock = { anchor = "discovery", amount = 3, unit = "business_days", words = "w" }` + "\n", `a business_days or roll_forward clock needs a [holidays] table`},
		{"with_individuals takes no amount", minimal + ob + `clock = { anchor = "with_individuals", amount = 3, unit = "calendar_days", words = "w" }` + "\n", `anchor "with_individuals" takes unit "none"`},
		{"followup without words", minimal + ob + `clock = { anchor = "discovery", amount = 24, unit = "hours", words = "w" }` + "\n" + `followup = { anchor = "discovery", amount = 72, unit = "hours" }` + "\n", `followup: words (the statute's own words) are missing`},
		{"bad holiday", minimal + "\n[holidays]\ndates = [\"2026-02-30\"]\ncitation = \"c\"\nsource_urls = [\"https://example.org\"]\n", `holiday "2026-02-30" is not a YYYY-MM-DD date`},
		{"forbidden_wins alone", minimal + "\n[content]\nforbidden_wins = true\n", `forbidden_wins is set but nothing is forbidden`},
		{"risk of harm needs words", minimal + "\n[triggers]\nany_personal_data = true\nrisk_of_harm = true\ncitation = \"c\"\n", `risk_of_harm needs harm_words`},
		{"unknown channel", minimal + "\n[content]\nchannels = [\"pigeon\"]\n", `unknown channel "pigeon"`},
		{"effective dates reversed", minimal + "effective_from = 2026-01-01\neffective_to = 2025-01-01\n", `effective_to 2025-01-01 is before effective_from 2026-01-01`},
		{"added combinations need a date", minimal + "\n[triggers]\ncombinations = [[\"name\", \"ssn\"]]\ncitation = \"c\"\nadded = [{ combinations = [[\"name\", \"biometric\"]], citation = \"a\" }]\n", `added combinations need combinations, effective_from and a citation`},
		{"added combinations, unknown category", minimal + "\n[triggers]\ncombinations = [[\"name\", \"ssn\"]]\ncitation = \"c\"\nadded = [{ effective_from = 2024-07-01, combinations = [[\"name\", \"aura\"]], citation = \"a\" }]\n", `unknown data category "aura"`},
		{"individuals_notified needs a period", minimal + ob + `clock = { anchor = "individuals_notified", unit = "none", words = "w" }` + "\n", `anchor "individuals_notified" needs a fixed period`},
		{"count_first_day on hours", minimal + ob + `clock = { anchor = "discovery", amount = 6, unit = "hours", count_first_day = true, words = "w" }` + "\n", `count_first_day and roll_forward are for unit "calendar_days"`},
		{"roll_forward without holidays", minimal + ob + `clock = { anchor = "discovery", amount = 30, unit = "calendar_days", roll_forward = true, words = "w" }` + "\n", `a business_days or roll_forward clock needs a [holidays] table`},
		{"overlay id needs a profile", strings.Replace(minimal, `id = "XX"`, `id = "XX-HIPAA"`, 1), `must be an ISO 3166 code`},
		{"unknown reach", minimal + "\n[scope]\nreach = [\"nationality\"]\n", `unknown reach "nationality"`},
		{"reach without its citation", minimal + "\n[scope]\nreach = [\"establishment\"]\n", `reach "establishment" needs a [scope.establishment] table`},
		{"reach table not listed", minimal + "\n[scope]\nreach = [\"residence\"]\n" + `establishment = { citation = "Act s. 3", confidence = "primary", source_urls = ["https://example.org"] }` + "\n", `[scope.establishment] is given but "establishment" is not in scope.reach`},
		{"reach confidence", minimal + "\n[scope]\nreach = [\"establishment\"]\n" + `establishment = { citation = "Act s. 3", confidence = "sure", source_urls = ["https://example.org"] }` + "\n", `scope.establishment.confidence "sure" must be`},
		{"unknown organization type", minimal + "organization_types = [\"bank\"]\norganization_types_citation = \"s. 1\"\n", `unknown organization type "bank"`},
		{"earliest_of with a period of its own", minimal + ob + "[obligation.clock]\nanchor = \"discovery\"\namount = 3\nunit = \"hours\"\nwords = \"w\"\n[[obligation.clock.earliest_of]]\nanchor = \"discovery\"\namount = 1\nunit = \"hours\"\nwords = \"a\"\n[[obligation.clock.earliest_of]]\nanchor = \"individuals_notified\"\nunit = \"none\"\nwords = \"b\"\n", `a clock with earliest_of takes no anchor, amount, unit`},
		{"earliest_of of one clock", minimal + ob + "[obligation.clock]\nwords = \"w\"\n[[obligation.clock.earliest_of]]\nanchor = \"discovery\"\namount = 1\nunit = \"hours\"\nwords = \"a\"\n", `earliest_of needs at least two clocks`},
		{"earliest_of alternative without words", minimal + ob + "[obligation.clock]\nwords = \"w\"\n[[obligation.clock.earliest_of]]\nanchor = \"discovery\"\namount = 1\nunit = \"hours\"\n[[obligation.clock.earliest_of]]\nanchor = \"individuals_notified\"\nunit = \"none\"\nwords = \"b\"\n", `earliest_of[0]: words (the statute's own words) are missing`},
		{"min_affected_counts unknown", minimal + ob + "min_affected = 1001\nmin_affected_counts = \"everyone\"\n" + `clock = { anchor = "discovery", unit = "none", words = "w" }` + "\n", `unknown min_affected_counts "everyone"`},
		{"min_affected_counts without a threshold", minimal + ob + "min_affected_counts = \"all_notified\"\n" + `clock = { anchor = "discovery", unit = "none", words = "w" }` + "\n", `min_affected_counts "all_notified" needs min_affected`},
		{"organization types need a citation", minimal + "organization_types = [\"insurer\"]\n", `organization_types needs organization_types_citation`},
		{"content.when on a key not required", minimal + "\n[content]\nrequired = [\"identity_protection_offer\"]\ncitation = \"s. 3\"\n[[content.when]]\nkey = \"cra_contacts\"\ncategories = [\"ssn\"]\ncitation = \"s. 3A\"\nsource_urls = [\"https://example.org\"]\n", `content.when[0]: key "cra_contacts" is not in this file's content.required`},
		{"content.when unknown category", minimal + "\n[content]\nrequired = [\"identity_protection_offer\"]\ncitation = \"s. 3\"\n[[content.when]]\nkey = \"identity_protection_offer\"\ncategories = [\"shoe_size\"]\ncitation = \"s. 3A\"\nsource_urls = [\"https://example.org\"]\n", `unknown data category "shoe_size"`},
		{"content.when needs a citation", minimal + "\n[content]\nrequired = [\"identity_protection_offer\"]\ncitation = \"s. 3\"\n[[content.when]]\nkey = \"identity_protection_offer\"\ncategories = [\"ssn\"]\nsource_urls = [\"https://example.org\"]\n", `citation is missing: the provision`},
		{"advised_when on a key not advised", minimal + "\n[content]\nadvised = [\"fraud_alert_info\"]\ncitation = \"s. 3\"\n[[content.advised_when]]\nkey = \"security_freeze_info\"\ncategories = [\"ssn\"]\ncitation = \"FTC guide\"\nsource_urls = [\"https://example.org\"]\n", `content.advised_when[0]: key "security_freeze_info" is not in this file's content.advised`},
		{"agency with an unknown role", minimal + "\n[[agency]]\nrole = \"bank\"\nname = \"B\"\nphone = \"1\"\nsource = \"https://example.org\"\n", `agency "B" needs a role (cra, ftc, credit_reports, consumer)`},
		{"bureau without a purpose", minimal + "\n[[agency]]\nrole = \"cra\"\nname = \"Equifax\"\nphone = \"1\"\nsource = \"https://example.org\"\n", `agency "Equifax" (cra) needs a purpose (fraud_alert, security_freeze)`},
		{"consumer agency without citation", minimal + "\n[[agency]]\nrole = \"consumer\"\nname = \"AG\"\nwebsite = \"ag.example\"\nsource = \"https://example.org\"\n", `agency "AG" (consumer) needs the citation`},
		{"agency without phone or website", minimal + "\n[[agency]]\nrole = \"ftc\"\nname = \"FTC\"\nsource = \"https://example.org\"\n", `agency "FTC" needs a phone or a website`},
		{"content.when unknown key", minimal + "\n[content]\nrequired = [\"identity_protection_offer\"]\ncitation = \"s. 3\"\n[[content.when]]\nkey = \"identity_protection_offer\"\ncategories = [\"ssn\"]\ncitation = \"s. 3A\"\nsource_urls = [\"https://example.org\"]\nonly_if = true\n", `unknown key "content.when.only_if"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "xx.toml"
			if strings.Contains(tt.file, "XX-HIPAA") {
				name = "xx-hipaa.toml"
			}
			_, err := rules.Load(fstest.MapFS{name: {Data: []byte(tt.file)}, "default.toml": {Data: []byte(fallback)}}, "rules")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestCases(t *testing.T) {
	s := loadFixture(t)
	cases, err := rules.LoadCases(os.DirFS("testdata/cases"), "testdata/cases")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 {
		t.Fatalf("%d cases, want 2", len(cases))
	}
	for _, c := range cases {
		if fails := c.Run(s); len(fails) > 0 {
			t.Errorf("%s: %q", c.Name, fails)
		}
	}
	// A case with wrong expectations must fail, and say how.
	bad, err := rules.LoadCases(os.DirFS("testdata/failing"), "testdata/failing")
	if err != nil {
		t.Fatal(err)
	}
	fails := strings.Join(bad[0].Run(s), "\n")
	for _, want := range []string{
		"jurisdiction: got XU-AA, want XU",
		"notify: got false, want true",
		`content "dpo_contact" is not required`,
		"XU-AA individuals initial: no such deadline",
	} {
		if !strings.Contains(fails, want) {
			t.Errorf("failures %q\nlack %q", fails, want)
		}
	}
	// With a triggering person the deadline exists, but the expected due
	// time and status are wrong.
	bad[0].Person.Categories = []string{"name", "ssn"}
	fails = strings.Join(bad[0].Run(s), "\n")
	if !strings.Contains(fails, "due 2026-12-20T15:30:00-08:00, want 2026-12-20T15:30:00-08:00") && !strings.Contains(fails, `status "on track", want "overdue"`) {
		t.Errorf("failures %q lack the status mismatch", fails)
	}
}

func TestCaseFilesAreStrict(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"unknown key", "name = \"x\"\ncolour = 1\n[facts]\ndiscovered_at = 2026-01-01T00:00:00Z\nrisk = \"high\"\n[person]\ncountry = \"XA\"\n", `c.toml:2: rules: unknown key "colour"`},
		{"due and no_fixed", "name = \"x\"\n[facts]\ndiscovered_at = 2026-01-01T00:00:00Z\nrisk = \"high\"\n[person]\ncountry = \"XA\"\n[[expect.deadline]]\njurisdiction = \"XA\"\nrecipient = \"regulator\"\n", `needs exactly one of due and no_fixed`},
		{"status without now", "name = \"x\"\n[facts]\ndiscovered_at = 2026-01-01T00:00:00Z\nrisk = \"high\"\n[person]\ncountry = \"XA\"\n[[expect.deadline]]\njurisdiction = \"XA\"\nrecipient = \"regulator\"\nno_fixed = true\nstatus = \"on track\"\n", `an expected status needs now`},
		{"bad risk", "name = \"x\"\n[facts]\ndiscovered_at = 2026-01-01T00:00:00Z\nrisk = \"maybe\"\n[person]\ncountry = \"XA\"\n", `risk "maybe" must be`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.LoadCases(fstest.MapFS{"c.toml": {Data: []byte(tt.file)}}, "cases")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, rules.ErrCase) {
				t.Fatalf("error = %v\nwant it to contain %q and wrap ErrCase", err, tt.want)
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
	// A rule that matches no country is an error unless it is a parent.
	bare := strings.Replace(minimal, "countries = [\"XX\"]\n", "", 1)
	_, err = rules.Load(fstest.MapFS{"xx.toml": {Data: []byte(bare)}, "default.toml": {Data: []byte(fallback)}}, "rules")
	if err == nil || !strings.Contains(err.Error(), "must match countries or subdivisions") {
		t.Fatalf("a rule matching nothing was accepted: %v", err)
	}
	child := strings.Replace(strings.Replace(minimal, `id = "XX"`, `id = "YY"`, 1), "countries = [\"XX\"]", "parent = \"XX\"\ncountries = [\"YY\"]", 1)
	if _, err = rules.Load(fstest.MapFS{"xx.toml": {Data: []byte(bare)}, "yy.toml": {Data: []byte(child)}, "default.toml": {Data: []byte(fallback)}}, "rules"); err != nil {
		t.Fatalf("a parent matching no country itself (as EU once every member state has a file) is rejected: %v", err)
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

// instant is Friday 2026-11-20: 19:30 in Rome, 10:30 in Los Angeles,
// 13:30 in New York, 21:30 in Moscow, 15:30 in São Paulo.
const instant = "2026-11-20T19:30:00+01:00"

func TestDecide(t *testing.T) {
	s := loadFixture(t)
	high := rules.Facts{DiscoveredAt: mustTime(t, instant), Risk: rules.RiskHigh, OrganizationCountry: "XA"}
	low := high
	low.Risk = rules.RiskLow
	none := high
	none.Risk = rules.RiskNone
	enc := high
	enc.Encrypted = true
	keyLost := enc
	keyLost.KeyCompromised = true
	ovl := high
	ovl.Profiles = []string{"ovl"}
	tests := []struct {
		name   string
		facts  rules.Facts
		person rules.Subject
		chain  string
		notify bool
		basis  string
		reason string
	}{
		{"union high risk", high, rules.Subject{Country: "XA", Categories: []string{"name", "email"}}, "XA,XE", true, rules.BasisLaw, "Union Reg. Art. 34"},
		{"union low risk: no letter", low, rules.Subject{Country: "XB", Categories: []string{"email"}}, "XB,XE", false, "", `assessed the risk to individuals as "low"`},
		{"union member without a file", high, rules.Subject{Country: "XC", Categories: []string{"email"}}, "XE", true, rules.BasisLaw, "Union Reg."},
		{"state: email alone does not trigger", high, rules.Subject{Country: "XU", Region: "AA", Categories: []string{"email"}}, "XU-AA,XU", false, "", "matches no notifiable combination"},
		{"state: name and ssn trigger", high, rules.Subject{Country: "XU", Region: "aa", Categories: []string{"name", "ssn"}}, "XU-AA,XU", true, rules.BasisLaw, "AA Code 82(a)"},
		{"state: encrypted, safe harbour", enc, rules.Subject{Country: "XU", Region: "AA", Categories: []string{"name", "ssn"}}, "XU-AA,XU", false, "", "safe harbour"},
		{"state: encrypted but key taken", keyLost, rules.Subject{Country: "XU", Region: "AA", Categories: []string{"name", "ssn"}}, "XU-AA,XU", true, rules.BasisLaw, "AA Code"},
		{"state: no likelihood of harm", none, rules.Subject{Country: "XU", Region: "AA", Categories: []string{"name", "ssn"}}, "XU-AA,XU", false, "", "no reasonable likelihood of harm"},
		{"staged regulator only", high, rules.Subject{Country: "XR", Categories: []string{"name"}}, "XR", false, "", "sets no duty to notify individuals"},
		{"state without a file: precaution", high, rules.Subject{Country: "XU", Region: "CC", Categories: []string{"name", "ssn"}}, "XU", true, rules.BasisPrecaution, "notified as a precaution"},
		{"country without a file: fallback", high, rules.Subject{Country: "JP", Categories: []string{"name"}}, "DEFAULT", true, rules.BasisPrecaution, "notified as a precaution"},
		{"proposed rule is not applied", high, rules.Subject{Country: "XP", Categories: []string{"name"}}, "DEFAULT", true, rules.BasisPrecaution, "precaution"},
		{"overlay turns a precaution into law", ovl, rules.Subject{Country: "XU", Region: "CC", Categories: []string{"name"}}, "XU", true, rules.BasisLaw, "XU-OVL: notice to individuals required by Health Rule 164.404"},
		{"overlay needs the profile", high, rules.Subject{Country: "XU", Region: "BB", Categories: []string{"email"}}, "XU-BB,XU", false, "", "matches no notifiable combination"},
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

func TestContentConflictBetweenJurisdictions(t *testing.T) {
	s := loadFixture(t)
	f := rules.Facts{DiscoveredAt: mustTime(t, instant), Risk: rules.RiskHigh, Profiles: []string{"ovl"}}
	p := rules.Subject{Country: "XU", Region: "BB", Categories: []string{"name", "ssn"}}
	d := s.Decide(f, p)
	if got := strings.Join(d.Content.Required, ","); got != "police_report_right,data_involved" {
		t.Errorf("required = %s; want the union without what_happened, which XU-BB forbids and says so prevails", got)
	}
	if !slices.Contains(d.Content.Forbidden, "what_happened") {
		t.Errorf("forbidden = %v, want what_happened", d.Content.Forbidden)
	}
	if len(d.Conflicts) != 1 || !strings.Contains(d.Conflicts[0].String(), `"what_happened" is required by XU-OVL and forbidden by XU-BB`) || !d.Conflicts[0].Omitted || !d.Conflicts[0].Open() {
		t.Errorf("conflicts = %q", d.Conflicts)
	}
	// Without the overlay there is nothing to reconcile.
	f.Profiles = nil
	if d := s.Decide(f, p); len(d.Conflicts) != 0 || slices.Contains(d.Content.Required, "what_happened") {
		t.Errorf("without overlay: conflicts %q, required %v", d.Conflicts, d.Content.Required)
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
	s := loadFixture(t)
	f := rules.Facts{DiscoveredAt: mustTime(t, instant), Risk: rules.RiskHigh, OrganizationCountry: "XA"}
	now := mustTime(t, "2026-11-21T10:00:00+01:00")
	ds := s.Deadlines(f, rules.Counts{"XA": 3, "XB": 2, "XU-AA": 501, "XR": 4, "XZ": 1}, now, 0)

	tests := []struct {
		j      string
		r      rules.Recipient
		stage  string
		due    string
		status string
		n      int
	}{
		// One-stop shop: one notice to the lead authority (XA) for all union persons.
		{"XA", rules.Regulator, rules.StageInitial, "2026-11-23T19:30:00+01:00", rules.StatusOnTrack, 5},
		{"XA", rules.Individuals, rules.StageInitial, "null", rules.StatusNoFixed, 3},
		{"XB", rules.Individuals, rules.StageInitial, "null", rules.StatusNoFixed, 2},
		{"XU-AA", rules.Individuals, rules.StageInitial, "2026-12-20T10:30:00-08:00", rules.StatusOnTrack, 501},
		// 15 calendar days after the individuals' deadline; more than 500 residents.
		{"XU-AA", rules.Regulator, rules.StageInitial, "2027-01-04T10:30:00-08:00", rules.StatusOnTrack, 501},
		{"XU-AA", rules.ConsumerReportingAgencies, rules.StageInitial, "null", rules.StatusNotNeeded, 501},
		// Two stages: 24 hours, then 72 hours, both from discovery.
		{"XR", rules.Regulator, rules.StageInitial, "2026-11-21T21:30:00+03:00", rules.StatusDueSoon, 4},
		{"XR", rules.Regulator, rules.StageFollowup, "2026-11-23T21:30:00+03:00", rules.StatusOnTrack, 4},
		// 3 business days from Friday: Mon 23, Tue 24, Wed 25; then 20 more from Wed 25.
		{"XZ", rules.Regulator, rules.StageInitial, "2026-11-25T15:30:00-03:00", rules.StatusOnTrack, 1},
		{"XZ", rules.Regulator, rules.StageFollowup, "2026-12-23T15:30:00-03:00", rules.StatusOnTrack, 1},
	}
	for _, tt := range tests {
		var got []rules.Deadline
		for _, d := range find(ds, tt.j, tt.r) {
			if d.Stage == tt.stage {
				got = append(got, d)
			}
		}
		if len(got) != 1 {
			t.Errorf("%s %s %s: %d deadlines, want 1", tt.j, tt.r, tt.stage, len(got))
			continue
		}
		if due(got[0]) != tt.due || got[0].Status != tt.status || got[0].Affected != tt.n {
			t.Errorf("%s %s %s: due %s status %q affected %d; want %s %q %d", tt.j, tt.r, tt.stage, due(got[0]), got[0].Status, got[0].Affected, tt.due, tt.status, tt.n)
		}
	}
	if n := len(find(ds, "XB", rules.Regulator)); n != 0 {
		t.Errorf("XB regulator listed %d times; the lead authority (XA) takes union notices", n)
	}
	// Below the threshold the AG notice is not owed.
	ds = s.Deadlines(f, rules.Counts{"XU-AA": 500}, now, 0)
	if ag := find(ds, "XU-AA", rules.Regulator); len(ag) != 1 || ag[0].ThresholdMet || ag[0].Status != rules.StatusNotNeeded {
		t.Errorf("XU-AA AG with 500 residents = %+v, want threshold not met", ag)
	}
	// A policy target is shown only where the law sets no deadline.
	ds = s.Deadlines(f, rules.Counts{"XA": 1}, now, 7)
	for _, d := range ds {
		if (d.Policy != nil) != (d.Due == nil && d.Status != rules.StatusNotRequired) {
			t.Errorf("%s %s: policy %v with due %v", d.Jurisdiction, d.Obligation.Recipient, d.Policy, d.Due)
		}
	}
}

func TestAsOfReplaysOlderRule(t *testing.T) {
	s := loadFixture(t)
	p := rules.Subject{Country: "XU", Region: "AA", Categories: []string{"name", "ssn"}}
	f := rules.Facts{DiscoveredAt: mustTime(t, instant), Risk: rules.RiskHigh}
	for _, tt := range []struct {
		name string
		asOf time.Time
		disc string
		want string
	}{
		{"in force at discovery", time.Time{}, instant, "2026-12-20T10:30:00-08:00"},
		{"as of mid-2025: no fixed period", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), instant, "null"},
		{"discovered before the change", time.Time{}, "2025-12-20T10:00:00-08:00", "null"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := f
			f.AsOf, f.DiscoveredAt = tt.asOf, mustTime(t, tt.disc)
			d := s.Decide(f, p)
			if !d.Notify {
				t.Fatalf("no notice: %s", d.Reason)
			}
			ds := s.Deadlines(f, rules.Counts{"XU-AA": 600}, f.DiscoveredAt, 0)
			ind := find(ds, "XU-AA", rules.Individuals)
			if len(ind) != 1 || due(ind[0]) != tt.want {
				t.Fatalf("individuals = %v, want one due %s", ind, tt.want)
			}
			ag := find(ds, "XU-AA", rules.Regulator)
			if len(ag) != 1 || (tt.want == "null") != (ag[0].Due == nil) {
				t.Errorf("AG = %+v; its clock follows the individuals' one", ag)
			}
		})
	}
}

func TestOverlayDeadlines(t *testing.T) {
	s := loadFixture(t)
	f := rules.Facts{DiscoveredAt: mustTime(t, instant), DeterminedAt: mustTime(t, "2026-11-20T18:30:00-05:00"), Risk: rules.RiskHigh, Profiles: []string{"ovl", "fil"}}
	counts := rules.Counts{}
	for i := 0; i < 600; i++ {
		counts.Add(s.Decide(f, rules.Subject{Country: "XU", Region: "AA", Categories: []string{"name", "ssn"}}))
	}
	for i := 0; i < 10; i++ {
		counts.Add(s.Decide(f, rules.Subject{Country: "XU", Region: "BB", Categories: []string{"name", "ssn"}}))
	}
	if counts["XU-AA"] != 600 || counts["XU-OVL@XU-AA"] != 600 || counts["XU-OVL@XU-BB"] != 10 {
		t.Fatalf("counts = %v", counts)
	}
	ds := s.Deadlines(f, counts, mustTime(t, instant), 0)
	media := find(ds, "XU-OVL", rules.Media)
	if len(media) != 2 || media[0].Scope != "XU-AA" || !media[0].ThresholdMet || media[1].Scope != "XU-BB" || media[1].ThresholdMet {
		t.Errorf("per-state media notices = %+v; want XU-AA met (600), XU-BB not met (10)", media)
	}
	ind := find(ds, "XU-OVL", rules.Individuals)
	if len(ind) != 1 || due(ind[0]) != "2027-01-19T13:30:00-05:00" || ind[0].Affected != 610 {
		t.Errorf("overlay individuals = %+v", ind)
	}
	hhs := find(ds, "XU-OVL", rules.Regulator)
	if len(hhs) != 1 || due(hhs[0]) != "2027-01-19T13:30:00-05:00" || !hhs[0].ThresholdMet {
		t.Errorf("overlay regulator (with individuals) = %+v", hhs)
	}
	// Incident-level filing: 4 business days from determination, skipping
	// Thanksgiving (26 Nov): Mon 23, Tue 24, Wed 25, Fri 27.
	fil := find(ds, "XU-FIL", rules.Regulator)
	if len(fil) != 1 || due(fil[0]) != "2026-11-27T18:30:00-05:00" {
		t.Errorf("filing = %+v", fil)
	}
	// "with individuals" under a law with no fixed deadline has none either.
	if bb := find(ds, "XU-BB", rules.Regulator); len(bb) != 1 || bb[0].Due != nil || !strings.Contains(bb[0].Rule, "no later than notice to individuals") {
		t.Errorf("XU-BB AG = %+v", bb)
	}
	// Without the profiles, no overlay deadline appears.
	f.Profiles = nil
	for _, d := range s.Deadlines(f, counts, mustTime(t, instant), 0) {
		if strings.HasPrefix(d.Jurisdiction, "XU-OVL") || d.Jurisdiction == "XU-FIL" {
			t.Errorf("overlay deadline without its profile: %+v", d)
		}
	}
}

func TestClockAcrossDaylightSavingChange(t *testing.T) {
	s := loadFixture(t)
	// Rome leaves summer time on 25 Oct 2026 at 03:00: 72 real hours later
	// the wall clock shows one hour less.
	f := rules.Facts{DiscoveredAt: mustTime(t, "2026-10-23T10:00:00+02:00"), Risk: rules.RiskHigh, OrganizationCountry: "XA"}
	ds := s.Deadlines(f, rules.Counts{"XA": 1}, f.DiscoveredAt, 0)
	got := find(ds, "XA", rules.Regulator)
	if len(got) != 1 || due(got[0]) != "2026-10-26T09:00:00+01:00" {
		t.Fatalf("due = %v, want 2026-10-26T09:00:00+01:00", got)
	}
}

func TestBusinessDaysAcrossHoliday(t *testing.T) {
	s := loadFixture(t)
	// Friday 17 April 2026; Tuesday 21 April is a holiday in XZ.
	f := rules.Facts{DiscoveredAt: mustTime(t, "2026-04-17T19:00:00-03:00"), Risk: rules.RiskHigh}
	ds := s.Deadlines(f, rules.Counts{"XZ": 1}, f.DiscoveredAt, 0)
	got := find(ds, "XZ", rules.Regulator)
	if len(got) != 2 || due(got[0]) != "2026-04-23T19:00:00-03:00" {
		t.Fatalf("due = %v, want Mon 20, Wed 22, Thu 23 April", got)
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

// Advised content travels down the chain like required content, but is
// never reported as required; a key cannot be both.
func TestAdvisedContent(t *testing.T) {
	set, err := rules.Load(jurisdictions.FS, "jurisdictions")
	if err != nil {
		t.Fatal(err)
	}
	f := rules.Facts{DiscoveredAt: mustTime(t, instant), Risk: rules.RiskHigh}
	d := set.Decide(f, rules.Subject{Country: "IT", Categories: []string{"name", "email"}})
	if !slices.Contains(d.Content.Advised, "complaint_right") || slices.Contains(d.Content.Required, "complaint_right") {
		t.Errorf("IT: advised %v, required %v; want complaint_right advised (from EU) and not required", d.Content.Advised, d.Content.Required)
	}
	bad := strings.Replace(readEmbedded(t, "eu.toml"), `advised = ["complaint_right"]`, `advised = ["complaint_right", "what_happened", "shoe_size"]`, 1)
	_, err = rules.Load(fstest.MapFS{"eu.toml": {Data: []byte(bad)}}, "jurisdictions")
	if err == nil || !strings.Contains(err.Error(), `content key "what_happened" is advised and also required or forbidden`) || !strings.Contains(err.Error(), `unknown content key "shoe_size"`) {
		t.Errorf("error = %v", err)
	}
}

func readEmbedded(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(jurisdictions.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestContentOfMatchesDecisions(t *testing.T) {
	set := loadDefault(t)
	facts := rules.Facts{DiscoveredAt: time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC), Risk: rules.RiskHigh, Profiles: []string{"hipaa"}}
	for _, p := range []rules.Subject{
		{Country: "IT", Categories: []string{"name", "email"}},
		{Country: "US", Region: "MA", Categories: []string{"name", "ssn"}},
		{Country: "US", Region: "MA", Categories: []string{"name", "payment_card"}},
		{Country: "US", Region: "CA", Categories: []string{"name", "ssn", "health"}},
		{Country: "US", Region: "TX", Categories: []string{"name", "health"}},
	} {
		d := set.Decide(facts, p)
		c, conflicts, err := set.ContentOf(d.ContentFrom(), p.Categories)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		if !reflect.DeepEqual(c, d.Content) || !reflect.DeepEqual(conflicts, d.Conflicts) {
			t.Errorf("%+v from %v:\n got %+v %q\nwant %+v %q", p, d.ContentFrom(), c, conflicts, d.Content, d.Conflicts)
		}
	}
	if _, _, err := set.ContentOf([]string{"XX-NOPE"}, nil); err == nil || !strings.Contains(err.Error(), `"XX-NOPE"`) {
		t.Errorf("unknown id: %v", err)
	}
}

func TestFingerprintChangesWithAnyRuleFile(t *testing.T) {
	a := fstest.MapFS{"it.toml": {Data: []byte("x")}, "fr.toml": {Data: []byte("y")}, "README.md": {Data: []byte("z")}}
	fa, err := rules.Fingerprint(a)
	if err != nil {
		t.Fatal(err)
	}
	b := fstest.MapFS{"it.toml": {Data: []byte("x")}, "fr.toml": {Data: []byte("y!")}, "README.md": {Data: []byte("z")}}
	c := fstest.MapFS{"it.toml": {Data: []byte("x")}, "fr.toml": {Data: []byte("y")}, "README.md": {Data: []byte("other")}}
	fb, _ := rules.Fingerprint(b)
	fc, _ := rules.Fingerprint(c)
	if fa == fb {
		t.Error("changing a rule file kept the fingerprint")
	}
	if fa != fc {
		t.Error("a non-rule file changed the fingerprint")
	}
}

// Combinations an amendment added count only while in force.
func TestAddedCombinationsAreDated(t *testing.T) {
	file := minimal + `
[triggers]
combinations = [["name", "ssn"]]
added = [{ effective_from = 2024-07-01, combinations = [["name", "biometric"]], citation = "Amending Act s. 25", source_urls = ["https://example.org/amendment"] }]
citation = "Test Act s. 2"

[[obligation]]
recipient = "individuals"
clock = { anchor = "discovery", amount = 30, unit = "calendar_days", words = "30 days" }
citation = "Test Act s. 3"
source_urls = ["https://example.org/act"]
`
	s := loadTestland(t, file)
	p := rules.Subject{Country: "XX", Categories: []string{"name", "biometric"}}
	for _, tt := range []struct {
		day  string
		want bool
	}{{"2024-06-30", false}, {"2024-07-01", true}, {"2026-01-01", true}} {
		day, _ := time.Parse(time.DateOnly, tt.day)
		d := s.Decide(rules.Facts{DiscoveredAt: day.Add(9 * time.Hour), Risk: rules.RiskHigh}, p)
		if d.Notify != tt.want {
			t.Errorf("%s: notify = %v, want %v (%s)", tt.day, d.Notify, tt.want, d.Reason)
		}
	}
}

// A clock anchored on individuals_notified counts from the recorded notice,
// and computes no due time until it is recorded.
func TestIndividualsNotifiedAnchor(t *testing.T) {
	file := minimal + `
[triggers]
any_personal_data = true
citation = "Test Act s. 2"

[[obligation]]
recipient = "individuals"
clock = { anchor = "discovery", amount = 30, unit = "calendar_days", words = "30 days" }
citation = "Test Act s. 3"
source_urls = ["https://example.org/act"]

[[obligation]]
recipient = "regulator"
authority = "AG"
clock = { anchor = "individuals_notified", amount = 15, unit = "calendar_days", words = "within 15 days of notifying consumers" }
citation = "Test Act s. 4"
source_urls = ["https://example.org/act"]
`
	s := loadTestland(t, file)
	f := rules.Facts{DiscoveredAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), Risk: rules.RiskHigh}
	ag := find(s.Deadlines(f, rules.Counts{"XX": 1}, f.DiscoveredAt, 0), "XX", rules.Regulator)
	if len(ag) != 1 || ag[0].Due != nil || !strings.Contains(ag[0].Rule, "not yet given") {
		t.Fatalf("without the notice date: %+v, want no due time and \"not yet given\"", ag)
	}
	f.IndividualsNotifiedAt = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	ag = find(s.Deadlines(f, rules.Counts{"XX": 1}, f.DiscoveredAt, 0), "XX", rules.Regulator)
	if len(ag) != 1 || due(ag[0]) != "2026-12-10T09:00:00Z" {
		t.Fatalf("with the notice date: %+v, want due 2026-12-10T09:00:00Z", ag)
	}
}

// count_first_day ends the period at the end of day N (the anchor's day is
// day 1); roll_forward moves a last day on a closed day to the next open one.
func TestCountFirstDayAndRollForward(t *testing.T) {
	file := minimal + `
[holidays]
dates = ["2026-12-31", "2027-01-01"]
citation = "Holidays Act"
source_urls = ["https://example.org/holidays"]

[triggers]
any_personal_data = true
citation = "Test Act s. 2"

[[obligation]]
recipient = "regulator"
authority = "A"
clock = { anchor = "discovery", amount = 30, unit = "calendar_days", count_first_day = true, roll_forward = true, words = "within 30 days of the day of learning" }
citation = "Test Act s. 4"
source_urls = ["https://example.org/act"]

[[obligation]]
recipient = "media"
authority = "M"
clock = { anchor = "discovery", amount = 30, unit = "calendar_days", roll_forward = true, words = "30 days" }
citation = "Test Act s. 5"
source_urls = ["https://example.org/act"]
`
	s := loadTestland(t, file)
	for _, tt := range []struct {
		disc, regulator, media string
	}{
		// Day 30 is Thu 3 Dec: open; ends at its end. Plus 30 days: Fri 4 Dec.
		{"2026-11-04T16:00:00Z", "2026-12-03T23:59:59Z", "2026-12-04T16:00:00Z"},
		// Day 30 is Thu 31 Dec (holiday), 1 Jan (holiday), 2-3 Jan weekend:
		// Mon 4 Jan. Plus 30 days: Fri 1 Jan (holiday) -> Mon 4 Jan, same time.
		{"2026-12-02T10:00:00Z", "2027-01-04T23:59:59Z", "2027-01-04T10:00:00Z"},
	} {
		f := rules.Facts{DiscoveredAt: mustTime(t, tt.disc), Risk: rules.RiskHigh}
		ds := s.Deadlines(f, rules.Counts{"XX": 1}, f.DiscoveredAt, 0)
		if r := find(ds, "XX", rules.Regulator); len(r) != 1 || due(r[0]) != tt.regulator {
			t.Errorf("%s: regulator %v, want %s", tt.disc, r, tt.regulator)
		}
		if m := find(ds, "XX", rules.Media); len(m) != 1 || due(m[0]) != tt.media {
			t.Errorf("%s: media %v, want %s", tt.disc, m, tt.media)
		}
	}
}

func TestCheckOrganizationAndDecision(t *testing.T) {
	if msg := rules.CheckOrganization([]string{"IT", "US-CA"}, "information_broker", []string{"EU", "FR"}); msg != "" {
		t.Errorf("valid organization: %s", msg)
	}
	for _, tt := range []struct {
		est      []string
		kind     string
		targets  []string
		contains string
	}{
		{[]string{"Italy"}, "", nil, `establishment "Italy" is not an ISO 3166-1`},
		{[]string{"IT", "IT"}, "", nil, `establishment "IT" is listed 2 times`},
		{nil, "bank", nil, `organization type "bank" is unknown`},
		{nil, "", []string{"europe"}, `target "europe" is not an ISO 3166 code`},
	} {
		if msg := rules.CheckOrganization(tt.est, tt.kind, tt.targets); !strings.Contains(msg, tt.contains) {
			t.Errorf("CheckOrganization(%q, %q, %q) = %q, want %q", tt.est, tt.kind, tt.targets, msg, tt.contains)
		}
	}
	if msg := rules.CheckDecision(rules.CounselDecision{Conflict: "US-MA:what_happened", Resolve: "omit", By: "counsel"}); msg != "" {
		t.Errorf("valid decision: %s", msg)
	}
	for d, want := range map[rules.CounselDecision]string{
		{Conflict: "US-MA:what_happened", Resolve: "omit"}:             "needs by",
		{Conflict: "what_happened", Resolve: "omit", By: "c"}:          "must be the forbidding jurisdiction and the content key",
		{Conflict: "US-MA:what_happened", Resolve: "ignore", By: "c"}:  `resolve "ignore" must be "omit" or "include"`,
		{Conflict: "US-MA:nature_of_breach", Resolve: "omit", By: "c"}: "must be the forbidding jurisdiction",
	} {
		if msg := rules.CheckDecision(d); !strings.Contains(msg, want) {
			t.Errorf("CheckDecision(%+v) = %q, want %q", d, msg, want)
		}
	}
}

func TestLanguageFindings(t *testing.T) {
	set := loadDefault(t)
	facts := rules.Facts{DiscoveredAt: time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC), Risk: rules.RiskHigh}
	catalogs := func(l string) bool { return l == "en" || l == "fr" }
	tally := rules.LanguageTally{}
	br := set.Decide(facts, rules.Subject{Country: "BR", Categories: []string{"name", "national_id"}})
	qc := set.Decide(facts, rules.Subject{Country: "CA", Region: "QC", Categories: []string{"name", "national_id"}})
	tally.Add(br.Content, "en", catalogs)
	tally.Add(br.Content, "en", catalogs)
	tally.Add(qc.Content, "en", catalogs)
	tally.Add(qc.Content, "fr", catalogs) // meets the Charter: no finding
	got := tally.List()
	if len(got) != 2 {
		t.Fatalf("findings = %+v, want BR and CA-QC", got)
	}
	if f := got[0]; f.ID() != "BR:pt:en" || f.Persons != 2 || !f.NoCatalog || !strings.Contains(f.String(), "no letter catalog exists for pt") || !strings.Contains(f.String(), "art. 31") {
		t.Errorf("BR finding = %+v: %s", f, f.String())
	}
	if f := got[1]; f.ID() != "CA-QC:fr:en" || f.Persons != 1 || f.NoCatalog || !strings.Contains(f.String(), "the person's own language was chosen") {
		t.Errorf("QC finding = %+v: %s", f, f.String())
	}
	if u := set.Decide(facts, rules.Subject{Country: "IT", Categories: []string{"name", "email"}}).Content.LanguagesUnmet("en"); len(u) != 0 {
		t.Errorf("IT has no language rule, got %+v", u)
	}
}

// A case that gives the totals ("*affected") and its person's own
// jurisdiction under [residents] is counted the same way every time: the
// own jurisdiction's count must not overwrite the totals (it did, in map
// order, so the case passed or failed by chance).
func TestCaseTotalsAreNotOverwritten(t *testing.T) {
	file := minimal + `
[triggers]
any_personal_data = true
citation = "Test Act s. 2"

[[obligation]]
recipient = "regulator"
authority = "AG"
min_affected = 250
min_affected_counts = "all_affected"
clock = { anchor = "discovery", amount = 30, unit = "calendar_days", words = "30 days" }
citation = "Test Act s. 4"
source_urls = ["https://example.org/act"]
`
	s := loadTestland(t, file)
	cs := `name = "totals given"
now = 2026-11-21T10:00:00Z
[facts]
discovered_at = 2026-11-20T10:00:00Z
risk = "high"
[person]
country = "XX"
categories = ["name"]
[residents]
"XX" = 200
"*affected" = 300
[[expect.deadline]]
jurisdiction = "XX"
recipient = "regulator"
due = 2026-12-20T10:00:00Z
status = "on track"
`
	c := loadCase(t, cs)
	for range 50 {
		if fails := c.Run(s); len(fails) > 0 {
			t.Fatalf("the totals given were overwritten: %v", fails)
		}
	}
}

// [[expect.no_deadline]] is checked even when a case expects no deadline.
func TestCaseNoDeadlineAlone(t *testing.T) {
	file := minimal + `
[triggers]
any_personal_data = true
citation = "Test Act s. 2"

[[obligation]]
recipient = "regulator"
authority = "AG"
clock = { anchor = "discovery", amount = 30, unit = "calendar_days", words = "30 days" }
citation = "Test Act s. 4"
source_urls = ["https://example.org/act"]
`
	s := loadTestland(t, file)
	cs := `name = "a regulator row that exists"
[facts]
discovered_at = 2026-11-20T10:00:00Z
risk = "high"
[person]
country = "XX"
categories = ["name"]
[[expect.no_deadline]]
jurisdiction = "XX"
recipient = "regulator"
`
	c := loadCase(t, cs)
	if fails := c.Run(s); len(fails) == 0 {
		t.Error("a no_deadline that a deadline matches passed")
	}
}

// loadTestland loads file as the rules of Testland (XX), with the
// fallback rule beside it.
func loadTestland(t *testing.T, file string) *rules.Set {
	t.Helper()
	s, err := rules.Load(fstest.MapFS{"xx.toml": {Data: []byte(file)}, "default.toml": {Data: []byte(fallback)}}, "rules")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// loadCase loads one case file.
func loadCase(t *testing.T, file string) *rules.Case {
	t.Helper()
	cases, err := rules.LoadCases(fstest.MapFS{"c.toml": {Data: []byte(file)}}, "cases")
	if err != nil {
		t.Fatal(err)
	}
	return cases[0]
}

// TestAdvisedWhen: a key a parent advises for some data only is dropped for
// a person without them, and kept where the person's own law requires it
// whatever the data (the FTC model-letter advice in us.toml; Illinois
// requires the fraud alert statement in every letter).
func TestAdvisedWhen(t *testing.T) {
	set := loadDefault(t)
	for _, tt := range []struct {
		id          string
		categories  []string
		wantAdvised []string
		wantReq     []string
		notAdvised  []string
	}{
		{"US-TX", []string{"name", "drivers_license", "payment_card"}, []string{"fraud_alert_info", "security_freeze_info", "cra_contacts", "free_credit_reports", "ftc_contact"}, nil, nil},
		{"US-TX", []string{"name", "email", "password"}, nil, nil, []string{"fraud_alert_info", "security_freeze_info", "cra_contacts", "free_credit_reports", "ftc_contact"}},
		{"US-IL", []string{"name", "email", "password"}, nil, []string{"fraud_alert_info", "security_freeze_info", "cra_contacts", "ftc_contact"}, []string{"free_credit_reports"}},
		{"US-NY", []string{"name", "email", "password_hash"}, nil, []string{"consumer_agencies", "ftc_contact"}, []string{"fraud_alert_info"}},
	} {
		c, _, err := set.ContentOf([]string{tt.id}, tt.categories)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range tt.wantAdvised {
			if !slices.Contains(c.Advised, k) {
				t.Errorf("%s %v: %q not advised (advised: %v)", tt.id, tt.categories, k, c.Advised)
			}
		}
		for _, k := range tt.wantReq {
			if !slices.Contains(c.Required, k) {
				t.Errorf("%s %v: %q not required (required: %v)", tt.id, tt.categories, k, c.Required)
			}
		}
		for _, k := range tt.notAdvised {
			if slices.Contains(c.Advised, k) {
				t.Errorf("%s %v: %q advised, want it dropped for these data", tt.id, tt.categories, k)
			}
		}
	}
}
