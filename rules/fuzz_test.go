package rules

import (
	"bytes"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/jurisdictions"
)

// reFuzzID finds the id of a rule file, so that the fuzzed file is named as
// Decode requires (us-ca.toml for US-CA) and a valid file stays valid.
var reFuzzID = regexp.MustCompile(`(?m)^\s*id\s*=\s*"([^"\n]{1,20})"`)

// FuzzDecodeRuleFile: Decode on any bytes gives either a jurisdiction or
// problems (never both, never neither), each problem in the file and on a
// line of it; a jurisdiction that decodes is then put in the set of the
// shipped rules in place of the one with its id, and, when the set holds
// together, decided on for persons where it applies and its deadlines
// computed, without a panic. Seeds: every jurisdictions/*.toml, the case
// files (another schema) and a few broken files.
//
//	go test -run XXX -fuzz '^FuzzDecodeRuleFile$' -fuzztime 30s ./rules/
func FuzzDecodeRuleFile(f *testing.F) {
	names, err := fs.Glob(jurisdictions.FS, "*.toml")
	if err != nil || len(names) == 0 {
		f.Fatalf("no rule files: %v", err)
	}
	var shipped []*Jurisdiction
	for _, n := range names {
		data, err := fs.ReadFile(jurisdictions.FS, n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		j, probs := Decode("jurisdictions/"+n, data)
		if len(probs) > 0 {
			f.Fatalf("%s: %v", n, probs)
		}
		shipped = append(shipped, j)
	}
	cases, _ := fs.Glob(jurisdictions.FS, "cases/*.toml")
	for i, c := range cases {
		if i%8 == 0 {
			data, _ := fs.ReadFile(jurisdictions.FS, c)
			f.Add(data)
		}
	}
	for _, s := range []string{
		"",
		"id = \"XX\"\n",
		"id = \"IT\"\nparent = \"IT\"\nname = \"loop\"\n",
		"id = \"IT\"\n[[obligation]]\n[obligation.clock]\namount = 999999999\nunit = \"business_days\"\n",
		"id = \"IT\"\ntimezone = \"Mars/Olympus_Mons\"\nreviewed = 2026-02-30\n",
		"[[[[[[[[[[[[[[[[[[[[[[[[",
		"id = \"IT\"\nname = \"\xff\xfe\"\n",
	} {
		f.Add([]byte(s))
	}
	discovered := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	facts := Facts{DiscoveredAt: discovered, DeterminedAt: discovered.Add(24 * time.Hour), Risk: RiskHigh,
		OrganizationCountry: "IT", Profiles: []string{"hipaa", "sec", "nydfs"}}
	now := discovered.Add(50 * time.Hour)
	categories := []string{"name", "email", "password", "payment_card", "ssn", "drivers_license", "health", "passport"}

	f.Fuzz(func(t *testing.T, data []byte) {
		name := "jurisdictions/fuzz.toml"
		if m := reFuzzID.FindSubmatch(data); m != nil {
			name = "jurisdictions/" + strings.ToLower(string(m[1])) + ".toml"
		}
		j, probs := Decode(name, data)
		if (j == nil) == (len(probs) == 0) {
			t.Fatalf("jurisdiction %v with problems %v", j != nil, probs)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range probs {
			if p.File != name || p.Msg == "" || p.Line < 0 || p.Line > lines {
				t.Fatalf("problem %+v (the file has %d lines)", p, lines)
			}
			if s := p.String(); !strings.HasPrefix(s, name+":") {
				t.Fatalf("problem %q does not start with the file name", s)
			}
		}
		if j == nil {
			return
		}
		if j.File != name {
			t.Fatalf("File = %q, want %q", j.File, name)
		}
		_, _, _, _ = j.Language(), j.Location(), j.InForce(discovered), j.IncidentLevel()

		js := []*Jurisdiction{j}
		for _, s := range shipped {
			if s.ID != j.ID {
				js = append(js, s)
			}
		}
		set, probs := newSet(js)
		if len(probs) > 0 {
			return
		}
		persons := []Subject{{Country: "ZZ", Categories: categories}}
		for _, c := range j.Countries {
			persons = append(persons, Subject{Country: c, Categories: categories})
		}
		for _, s := range j.Subdivisions {
			c, r, _ := strings.Cut(s, "-")
			persons = append(persons, Subject{Country: c, Region: r, Categories: categories[:2]}, Subject{Country: c, Region: r, Categories: categories})
		}
		// The same persons for an organization established where the file
		// matches (and in Italy), of another kind, targeting only its id.
		scoped := facts
		scoped.Establishments = append(slices.Clone(j.Subdivisions), "IT")
		scoped.OrganizationType, scoped.Targets, scoped.TargetsStated = OrgPublicAgency, []string{j.ID}, true
		scoped.Decisions = []CounselDecision{{Conflict: j.ID + ":what_happened", Resolve: ResolveInclude, By: "fuzz"}}
		for _, fs := range []Facts{facts, scoped} {
			counts, conflicts := Counts{}, ConflictTally{}
			for _, p := range persons {
				d := fs.decideChecked(t, set, p)
				counts.Add(d)
				conflicts.Add(d)
				_ = d.IDs()
				_ = set.Content(d.Jurisdiction)
				_ = set.Chain(d.Jurisdiction)
			}
			_ = conflicts.List()
			_ = set.Deadlines(fs, counts, now, 0)
			_ = set.Deadlines(fs, counts, now, 30)
		}
	})
}

// decideChecked decides for p and checks what every decision promises: a
// letter only with a basis, and a reason why for every law applied.
func (f Facts) decideChecked(t *testing.T, set *Set, p Subject) Decision {
	d := set.Decide(f, p)
	if d.Notify != (d.Basis != "") {
		t.Fatalf("notify %v with basis %q", d.Notify, d.Basis)
	}
	for _, a := range d.Applied {
		if a.Triggered && len(a.Why) == 0 {
			t.Fatalf("%s applied (%s) with no reason why", a.Jurisdiction.ID, a.Kind)
		}
	}
	return d
}
