package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/breachnotice/breachnotice/rules/tomllimit"
)

// Case is one worked example a lawyer can write and read: a person and the
// incident's facts, with the outcome the law requires (see
// jurisdictions/README.md, "Case files").
type Case struct {
	Name      string         `toml:"name"`
	Now       time.Time      `toml:"now"`
	AsOf      time.Time      `toml:"as_of"`
	Facts     CaseFacts      `toml:"facts"`
	Person    Subject        `toml:"person"`
	Residents map[string]int `toml:"residents"`
	Expect    CaseExpect     `toml:"expect"`

	File string `toml:"-"`
}

// CaseFacts are the incident facts of a case.
type CaseFacts struct {
	DiscoveredAt time.Time `toml:"discovered_at"`
	DeterminedAt time.Time `toml:"determined_at"`
	AssessedAt   time.Time `toml:"assessed_at"`
	// IndividualsNotifiedAt: when the individuals were actually notified.
	IndividualsNotifiedAt time.Time `toml:"individuals_notified_at"`
	Risk                  string    `toml:"risk"`
	Encrypted             bool      `toml:"encrypted"`
	KeyCompromised        bool      `toml:"key_compromised"`
	OrganizationCountry   string    `toml:"organization_country"`
	Profiles              []string  `toml:"profiles"`
	// Establishments (main first), OrganizationType and Targets are the
	// incident's organization.establishments, .type and .targets.
	Establishments   []string       `toml:"establishments"`
	OrganizationType string         `toml:"organization_type"`
	Targets          *[]string      `toml:"targets"`
	Decisions        []CaseDecision `toml:"decision"`
}

// CaseDecision is counsel's decision on a conflict, as the incident's
// [[decision]] records it.
type CaseDecision struct {
	Conflict string `toml:"conflict"`
	Resolve  string `toml:"resolve"`
	By       string `toml:"by"`
	Note     string `toml:"note"`
}

// CaseExpect is the expected outcome.
type CaseExpect struct {
	Jurisdiction   string   `toml:"jurisdiction"`
	Notify         *bool    `toml:"notify"`
	Basis          *string  `toml:"basis"`
	ReasonContains string   `toml:"reason_contains"`
	Required       []string `toml:"required"`
	Forbidden      []string `toml:"forbidden"`
	NotRequired    []string `toml:"not_required"`
	MinFontSize    float64  `toml:"min_font_size"`
	Title          string   `toml:"title"`
	Headings       []string `toml:"headings"`
	// WhyContains: substrings each found in the reasons the laws apply.
	WhyContains []string `toml:"why_contains"`
	// Conflicts: the ids of the conflicts expected ("US-MA:what_happened");
	// OpenConflicts: those expected to still need counsel's decision.
	Conflicts     []string       `toml:"conflicts"`
	OpenConflicts []string       `toml:"open_conflicts"`
	Deadlines     []CaseDeadline `toml:"deadline"`
	// NoDeadlines must not be found.
	NoDeadlines []CaseDeadline `toml:"no_deadline"`
}

// CaseDeadline is one expected deadline.
type CaseDeadline struct {
	Jurisdiction string    `toml:"jurisdiction"`
	Recipient    Recipient `toml:"recipient"`
	Authority    string    `toml:"authority"` // optional substring, to tell apart two regulators
	Scope        string    `toml:"scope"`
	Stage        string    `toml:"stage"`
	Due          time.Time `toml:"due"`
	NoFixed      bool      `toml:"no_fixed"`
	Status       string    `toml:"status"`
	// RuleContains: substrings each found in the deadline's rule words.
	RuleContains []string `toml:"rule_contains"`
	// Affected: the persons counted for the deadline (0: not checked).
	Affected int `toml:"affected"`
}

// ErrCase is wrapped by every problem in a case file.
var ErrCase = errors.New("rules: invalid case file")

// LoadCases reads every *.toml case file at the top of fsys, strictly.
// dir names the directory in messages.
func LoadCases(fsys fs.FS, dir string) ([]*Case, error) {
	out, probs, err := decodeAll(fsys, dir, DecodeCase)
	if err != nil {
		return nil, err
	}
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, fmt.Errorf("%w:\n%w", ErrCase, &ValidationError{Problems: probs})
	}
	return out, nil
}

// DecodeCase decodes one case file strictly and checks its shape.
func DecodeCase(name string, data []byte) (*Case, []Problem) {
	var c Case
	md, err := tomllimit.Decode(data, &c)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, []Problem{{File: name, Line: perr.Position.Line, Msg: perr.Message}}
		}
		return nil, []Problem{{File: name, Msg: err.Error()}}
	}
	var probs []Problem
	add := func(key, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: KeyLine(data, toml.Key(strings.Split(key, "."))), Msg: fmt.Sprintf(format, args...)})
	}
	for _, k := range md.Undecoded() {
		add(k.String(), "unknown key %q", k.String())
	}
	if c.Name == "" {
		add("name", "case name is missing")
	}
	if c.Facts.DiscoveredAt.IsZero() {
		add("facts.discovered_at", "facts.discovered_at is missing")
	}
	switch Risk(c.Facts.Risk) {
	case RiskNone, RiskLow, RiskHigh:
	default:
		add("facts.risk", "risk %q must be \"none\", \"low\" or \"high\"", c.Facts.Risk)
	}
	if c.Person.Country == "" {
		add("person.country", "person.country is missing")
	}
	for _, cat := range c.Person.Categories {
		if !slices.Contains(DataCategories, cat) {
			add("person.categories", "unknown data category %q", cat)
		}
	}
	if err := CheckOrganization(c.Facts.Establishments, c.Facts.OrganizationType, derefList(c.Facts.Targets)); err != "" {
		add("facts", "%s", err)
	}
	for i, d := range c.Facts.Decisions {
		if msg := checkDecision(d.Conflict, d.Resolve); msg != "" {
			add("facts.decision", "decision %d: %s", i+1, msg)
		}
	}
	for i, d := range c.Expect.NoDeadlines {
		if d.Jurisdiction == "" || d.Recipient == "" {
			add("expect.no_deadline", "no_deadline %d needs jurisdiction and recipient", i+1)
		}
	}
	for i, d := range c.Expect.Deadlines {
		if d.Jurisdiction == "" || d.Recipient == "" {
			add("expect.deadline", "deadline %d needs jurisdiction and recipient", i+1)
		}
		if d.Due.IsZero() == !d.NoFixed {
			add("expect.deadline", "deadline %d needs exactly one of due and no_fixed = true", i+1)
		}
		if d.Stage != "" && d.Stage != StageInitial && d.Stage != StageFollowup {
			add("expect.deadline", "deadline %d: stage %q must be %q or %q", i+1, d.Stage, StageInitial, StageFollowup)
		}
		if d.Status != "" && c.Now.IsZero() {
			add("expect.deadline", "deadline %d: an expected status needs now", i+1)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	c.File = name
	return &c, nil
}

// RuleFacts returns the rules' facts of the case.
func (c *Case) RuleFacts() Facts {
	f := Facts{
		DiscoveredAt: c.Facts.DiscoveredAt, DeterminedAt: c.Facts.DeterminedAt, AssessedAt: c.Facts.AssessedAt,
		IndividualsNotifiedAt: c.Facts.IndividualsNotifiedAt,
		Encrypted:             c.Facts.Encrypted, KeyCompromised: c.Facts.KeyCompromised, Risk: Risk(c.Facts.Risk),
		OrganizationCountry: c.Facts.OrganizationCountry, Profiles: c.Facts.Profiles, AsOf: c.AsOf,
		Establishments: c.Facts.Establishments, OrganizationType: c.Facts.OrganizationType,
		Targets: derefList(c.Facts.Targets), TargetsStated: c.Facts.Targets != nil,
	}
	for _, d := range c.Facts.Decisions {
		f.Decisions = append(f.Decisions, CounselDecision(d))
	}
	return f
}

// Run evaluates the case against the set and returns what did not match
// (nothing when the case passes).
func (c *Case) Run(s *Set) []string {
	f := c.RuleFacts()
	d := s.Decide(f, c.Person)
	fails := c.Expect.checkDecision(d)
	if len(c.Expect.Deadlines) == 0 && len(c.Expect.NoDeadlines) == 0 {
		return fails
	}
	now := c.Now
	if now.IsZero() {
		now = f.DiscoveredAt
	}
	got := s.Deadlines(f, c.counts(d), now, 0)
	for _, want := range c.Expect.Deadlines {
		if fail := want.check(got); fail != "" {
			fails = append(fails, fail)
		}
	}
	for _, not := range c.Expect.NoDeadlines {
		if not.matching(got) != nil {
			fails = append(fails, fmt.Sprintf("%s %s (%s): a deadline was found, want none", not.Jurisdiction, not.Recipient, not.Authority))
		}
	}
	return fails
}

// checkDecision returns what of the decision does not match.
func (e *CaseExpect) checkDecision(d Decision) []string {
	var fails []string
	failf := func(format string, args ...any) { fails = append(fails, fmt.Sprintf(format, args...)) }
	if e.Jurisdiction != "" && d.Jurisdiction.ID != e.Jurisdiction {
		failf("jurisdiction: got %s, want %s", d.Jurisdiction.ID, e.Jurisdiction)
	}
	if e.Notify != nil && d.Notify != *e.Notify {
		failf("notify: got %v, want %v (reason: %s)", d.Notify, *e.Notify, d.Reason)
	}
	if e.Basis != nil && d.Basis != *e.Basis {
		failf("basis: got %q, want %q", d.Basis, *e.Basis)
	}
	if e.ReasonContains != "" && !strings.Contains(d.Reason, e.ReasonContains) {
		failf("reason %q does not contain %q", d.Reason, e.ReasonContains)
	}
	for _, k := range e.Required {
		if !slices.Contains(d.Content.Required, k) {
			failf("content %q is not required (required: %s)", k, strings.Join(d.Content.Required, ", "))
		}
	}
	for _, k := range e.Forbidden {
		if !slices.Contains(d.Content.Forbidden, k) {
			failf("content %q is not forbidden", k)
		}
	}
	for _, k := range e.NotRequired {
		if slices.Contains(d.Content.Required, k) {
			failf("content %q is required, want not", k)
		}
	}
	if e.MinFontSize != 0 && d.Content.MinFontSize != e.MinFontSize {
		failf("min font size: got %v, want %v", d.Content.MinFontSize, e.MinFontSize)
	}
	if e.Title != "" && d.Content.Title != e.Title {
		failf("title: got %q, want %q", d.Content.Title, e.Title)
	}
	if len(e.Headings) > 0 && !slices.Equal(d.Content.Headings, e.Headings) {
		failf("headings: got %v, want %v", d.Content.Headings, e.Headings)
	}
	whys := strings.Join(d.Whys(), " | ")
	for _, w := range e.WhyContains {
		if !strings.Contains(whys, w) {
			failf("why %q does not contain %q", whys, w)
		}
	}
	var ids, open []string
	for _, cf := range d.Conflicts {
		ids = append(ids, cf.ID())
		if cf.Open() {
			open = append(open, cf.ID())
		}
	}
	if e.Conflicts != nil && !slices.Equal(ids, e.Conflicts) {
		failf("conflicts: got %q, want %q", ids, e.Conflicts)
	}
	if e.OpenConflicts != nil && !slices.Equal(open, e.OpenConflicts) {
		failf("open conflicts: got %q, want %q", open, e.OpenConflicts)
	}
	return fails
}

// counts returns the counts of notifiable persons the case's deadlines
// are computed with: the case's person, or as many as Residents says.
func (c *Case) counts(d Decision) Counts {
	counts := Counts{}
	if len(c.Residents) == 0 {
		counts.Add(d)
	} else {
		// n persons like this one in their own jurisdiction; others as given.
		mine := Counts{}
		mine.Add(d)
		for id, n := range c.Residents {
			if id == d.Jurisdiction.ID {
				for k := range mine {
					if !strings.HasPrefix(k, "*") { // the totals are set below
						counts[k] = n
					}
				}
				continue
			}
			counts[id] = n
		}
		// The totals over everyone: the persons given, all notified, unless
		// the case gives them ("*notified", "*affected").
		for _, total := range []string{TotalNotified, TotalAffected} {
			if _, given := c.Residents[total]; given {
				continue
			}
			counts[total] = 0
			for id, n := range c.Residents {
				if !strings.ContainsAny(id, "@*") {
					counts[total] += n
				}
			}
			if _, ok := c.Residents[d.Jurisdiction.ID]; !ok {
				counts[total] += mine[total]
			}
		}
	}
	return counts
}

// matching returns the deadlines among got of want's jurisdiction,
// recipient, stage, scope and authority.
func (want CaseDeadline) matching(got []Deadline) []Deadline {
	stage := want.Stage
	if stage == "" {
		stage = StageInitial
	}
	var cands []Deadline
	for _, g := range got {
		if g.Jurisdiction == want.Jurisdiction && g.Obligation.Recipient == want.Recipient && g.Stage == stage &&
			(want.Scope == "" || g.Scope == want.Scope) &&
			(want.Authority == "" || strings.Contains(g.Obligation.Authority, want.Authority)) {
			cands = append(cands, g)
		}
	}
	return cands
}

// check returns what does not match the deadline want among got, "" if
// one of the candidates matches.
func (want CaseDeadline) check(got []Deadline) string {
	stage := want.Stage
	if stage == "" {
		stage = StageInitial
	}
	cands := want.matching(got)
	label := fmt.Sprintf("%s %s %s", want.Jurisdiction, want.Recipient, stage)
	if want.Authority != "" {
		label += " (" + want.Authority + ")"
	}
	if len(cands) == 0 {
		return fmt.Sprintf("%s: no such deadline (got: %s)", label, describe(got))
	}
	var why []string
	for _, g := range cands {
		var w []string
		switch {
		case want.NoFixed && g.Due != nil:
			w = append(w, fmt.Sprintf("due %s, want no fixed deadline", g.Due.Format(time.RFC3339)))
		case !want.NoFixed && g.Due == nil:
			w = append(w, fmt.Sprintf("no fixed deadline (%s), want %s", g.Rule, want.Due.Format(time.RFC3339)))
		case !want.NoFixed && !g.Due.Equal(want.Due):
			w = append(w, fmt.Sprintf("due %s, want %s (%s)", g.Due.Format(time.RFC3339), want.Due.Format(time.RFC3339), g.Rule))
		case !want.NoFixed && g.Due.Format(time.RFC3339) != want.Due.Format(time.RFC3339):
			w = append(w, fmt.Sprintf("due %s in the wrong offset, want %s", g.Due.Format(time.RFC3339), want.Due.Format(time.RFC3339)))
		}
		if want.Status != "" && g.Status != want.Status {
			w = append(w, fmt.Sprintf("status %q, want %q", g.Status, want.Status))
		}
		for _, sub := range want.RuleContains {
			if !strings.Contains(g.Rule, sub) {
				w = append(w, fmt.Sprintf("rule %q does not contain %q", g.Rule, sub))
			}
		}
		if want.Affected != 0 && g.Affected != want.Affected {
			w = append(w, fmt.Sprintf("%d persons counted, want %d", g.Affected, want.Affected))
		}
		if len(w) == 0 {
			return ""
		}
		why = append(why, strings.Join(w, "; "))
	}
	return fmt.Sprintf("%s: %s", label, strings.Join(why, " | "))
}

func describe(ds []Deadline) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %s %s", d.Jurisdiction, d.Obligation.Recipient, d.Stage))
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// Uncovered returns the ids of jurisdictions with obligations that no case
// reaches (as the person's residence, one of its parents, or a selected
// overlay).
func Uncovered(s *Set, cases []*Case) []string {
	covered := map[string]bool{}
	for _, c := range cases {
		d := s.Decide(c.RuleFacts(), c.Person)
		for _, a := range d.Applied {
			for _, j := range s.Chain(a.Jurisdiction) {
				covered[j.ID] = true
			}
		}
		for _, o := range s.overlays {
			if slices.Contains(c.Facts.Profiles, o.Profile) {
				covered[o.ID] = true
			}
		}
	}
	var out []string
	for _, j := range s.All() {
		if !covered[j.ID] && len(j.Obligations) > 0 {
			out = append(out, j.ID)
		}
	}
	return out
}
