package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Reach is how a law reaches an organization and, through it, a person.
type Reach string

// The reaches a rule file may name in its [scope].
const (
	// ByResidence: the law protects the persons who live in its territory,
	// whoever holds their data (US state breach laws). A file without
	// [scope] reaches by residence only.
	ByResidence Reach = "residence"
	// ByEstablishment: the law binds an organization established (or
	// processing) in its territory, for every person whose data it holds,
	// wherever they live (GDPR Art. 3(1)).
	ByEstablishment Reach = "establishment"
	// ByTargeting: the law binds an organization that offers goods or
	// services to, or monitors, persons in its territory (GDPR Art. 3(2)),
	// for those persons.
	ByTargeting Reach = "targeting"
)

// Reaches lists every reach in display order.
var Reaches = []Reach{ByResidence, ByEstablishment, ByTargeting}

// Scope says how a rule file's law reaches an organization.
type Scope struct {
	Reach []Reach `toml:"reach"`
	// Residence, Establishment and Targeting cite the provision for each
	// reach listed (Residence may be omitted: it is the default).
	Residence     *ReachRule `toml:"residence"`
	Establishment *ReachRule `toml:"establishment"`
	Targeting     *ReachRule `toml:"targeting"`
}

// ReachRule is the provision by which a law reaches an organization.
type ReachRule struct {
	Citation   string   `toml:"citation"`
	Words      string   `toml:"words"`
	SourceURLs []string `toml:"source_urls"`
	// Confidence: "primary" where the article itself was read, else
	// "secondary" (the file's notes say which).
	Confidence string `toml:"confidence"`
}

// Rule returns the provision for reach r ("" citation when none given).
func (s *Scope) Rule(r Reach) ReachRule {
	var p *ReachRule
	switch r {
	case ByResidence:
		p = s.Residence
	case ByEstablishment:
		p = s.Establishment
	case ByTargeting:
		p = s.Targeting
	}
	if p == nil {
		return ReachRule{}
	}
	return *p
}

// Has reports whether the scope lists reach r.
func (s *Scope) Has(r Reach) bool { return slices.Contains(s.Reach, r) }

// The kinds of organization (incident organization.type).
const (
	OrgBusiness               = "business"
	OrgInformationBroker      = "information_broker"
	OrgPublicAgency           = "public_agency"
	OrgCriticalInfrastructure = "critical_infrastructure"
	OrgCoveredEntity          = "covered_entity"
	OrgFinancialInstitution   = "financial_institution"
	OrgInsurer                = "insurer"
)

// OrganizationTypes lists every kind of organization; the first is the
// default.
var OrganizationTypes = []string{OrgBusiness, OrgInformationBroker, OrgPublicAgency,
	OrgCriticalInfrastructure, OrgCoveredEntity, OrgFinancialInstitution, OrgInsurer}

// validateReach checks the [scope] table and the organization_types of
// the file and of its obligations.
func (j *Jurisdiction) validateReach(p *problems) {
	if sc := j.Scope; sc != nil {
		if len(sc.Reach) == 0 {
			p.add("scope.reach", "scope.reach is empty: list one or more of residence, establishment, targeting")
		}
		for i, r := range sc.Reach {
			if !slices.Contains(Reaches, r) {
				p.add("scope.reach", "unknown reach %q (want residence, establishment or targeting)", r)
				continue
			}
			if slices.Contains(sc.Reach[:i], r) {
				p.add("scope.reach", "reach %q is listed twice", r)
			}
		}
		for _, r := range Reaches {
			rule := map[Reach]*ReachRule{ByResidence: sc.Residence, ByEstablishment: sc.Establishment, ByTargeting: sc.Targeting}[r]
			key := "scope." + string(r)
			switch {
			case rule == nil && r != ByResidence && sc.Has(r):
				p.add("scope.reach", "reach %q needs a [scope.%s] table with the citation for it", r, r)
			case rule != nil && !sc.Has(r):
				p.add(key, "[scope.%s] is given but %q is not in scope.reach", r, r)
			case rule != nil:
				if rule.Citation == "" {
					p.add(key+".citation", "scope.%s needs a citation", r)
				}
				if rule.Confidence != "primary" && rule.Confidence != "secondary" {
					p.add(key+".confidence", "scope.%s.confidence %q must be \"primary\" or \"secondary\"", r, rule.Confidence)
				}
				if len(rule.SourceURLs) == 0 {
					p.add(key+".source_urls", "scope.%s needs source_urls", r)
				}
			}
		}
		if j.Overlay() {
			p.add("scope", "an overlay profile applies by the incident's choice: it takes no [scope]")
		}
	}
	check := func(key string, types []string) {
		for _, t := range types {
			if !slices.Contains(OrganizationTypes, t) {
				p.add(key, "unknown organization type %q (want one of %s)", t, strings.Join(OrganizationTypes, ", "))
			}
		}
	}
	check("organization_types", j.OrganizationTypes)
	if len(j.OrganizationTypes) > 0 && j.OrganizationTypesCitation == "" {
		p.add("organization_types_citation", "organization_types needs organization_types_citation: the provision saying whom the law binds")
	}
	for i, o := range j.Obligations {
		check("obligation", o.OrganizationTypes)
		if len(o.OrganizationTypes) > 0 && o.Citation == "" {
			p.add("obligation", "obligation %d: organization_types needs the obligation's citation", i+1)
		}
	}
}

// scopeOf returns the nearest [scope] in j's chain, or the default: by
// residence only.
func (s *Set) scopeOf(j *Jurisdiction) (*Scope, *Jurisdiction) {
	for _, p := range s.Chain(j) {
		if p.Scope != nil {
			return p.Scope, p
		}
	}
	return &Scope{Reach: []Reach{ByResidence}}, nil
}

// bindsType returns the organization types j's chain limits its law to
// (nil: every kind), with the citation.
func (s *Set) bindsType(j *Jurisdiction) ([]string, string, *Jurisdiction) {
	for _, p := range s.Chain(j) {
		if len(p.OrganizationTypes) > 0 {
			return p.OrganizationTypes, p.OrganizationTypesCitation, p
		}
	}
	return nil, "", nil
}

// root returns the last ancestor of j (the family of rules: EU for IT).
func (s *Set) root(j *Jurisdiction) *Jurisdiction {
	c := s.Chain(j)
	return c[len(c)-1]
}

// Why is one link of the chain by which a law applies to a person.
type Why struct {
	Reach    Reach
	Citation string // the provision of the reach ("" for a plain residence)
	Words    string // "controller established in IT"
}

func (w Why) String() string {
	if w.Citation == "" {
		return string(w.Reach) + ": " + w.Words
	}
	return w.Citation + ": " + w.Words
}

// establishmentsIn returns the first of the organization's establishments
// whose most specific jurisdiction is in root's family, and it.
func (s *Set) establishmentIn(f Facts, root *Jurisdiction) (string, *Jurisdiction) {
	for _, e := range f.EstablishmentList() {
		j := s.matchCode(e, f.Day())
		if j != nil && !j.Fallback && s.root(j) == root {
			return e, j
		}
	}
	return "", nil
}

// matchCode matches an establishment code ("IT", "US-CA").
func (s *Set) matchCode(code string, day time.Time) *Jurisdiction {
	country, region, _ := strings.Cut(strings.ToUpper(code), "-")
	return s.MatchOn(country, region, day)
}

// reaches says whether and why j's law reaches the organization for a
// person living in country/region (j is their residence's jurisdiction):
// by residence, by the organization's establishment in j's family, or by
// its targeting persons there.
func (s *Set) reaches(f Facts, j *Jurisdiction, country, region string) ([]Why, string) {
	sc, _ := s.scopeOf(j)
	var why []Why
	place := country
	if region != "" {
		place += "-" + region
	}
	if sc.Has(ByResidence) {
		why = append(why, Why{Reach: ByResidence, Citation: sc.Rule(ByResidence).Citation, Words: "lives in " + place})
	}
	if sc.Has(ByEstablishment) {
		if e, _ := s.establishmentIn(f, s.root(j)); e != "" {
			why = append(why, Why{Reach: ByEstablishment, Citation: sc.Rule(ByEstablishment).Citation, Words: "organization established in " + e})
		}
	}
	// Targeting reaches an organization not established under the law
	// (GDPR Art. 3(2): "not established in the Union").
	if sc.Has(ByTargeting) && (len(why) == 0 || why[len(why)-1].Reach != ByEstablishment) {
		if ok, words := f.targets(country, region, s.root(j).ID, j.ID); ok {
			why = append(why, Why{Reach: ByTargeting, Citation: sc.Rule(ByTargeting).Citation, Words: words})
		}
	}
	if len(why) > 0 {
		return why, ""
	}
	var cites []string
	for _, r := range sc.Reach {
		if c := sc.Rule(r).Citation; c != "" {
			cites = append(cites, c)
		}
	}
	return nil, fmt.Sprintf("%s's law does not reach the organization for a person in %s: it has no establishment there and does not target persons there (%s)",
		j.ID, place, strings.Join(cites, "; "))
}

// targets reports whether the organization targets persons in the place
// (by country, subdivision, family id such as "EU", or jurisdiction id).
func (f Facts) targets(country, region string, ids ...string) (bool, string) {
	if !f.TargetsStated {
		return true, "organization offers goods or services to persons in " + country + " (assumed: the incident does not list organization.targets)"
	}
	cands := append([]string{country}, ids...)
	if region != "" {
		cands = append(cands, country+"-"+region)
	}
	for _, t := range f.Targets {
		if slices.Contains(cands, strings.ToUpper(t)) {
			return true, fmt.Sprintf("organization targets persons in %s (organization.targets = %q)", country, t)
		}
	}
	return false, ""
}

// typeBinds reports whether the law of j binds the organization's kind,
// and why not.
func (s *Set) typeBinds(f Facts, j *Jurisdiction) (bool, string) {
	types, cite, owner := s.bindsType(j)
	if types == nil || slices.Contains(types, f.OrgType()) {
		return true, ""
	}
	return false, fmt.Sprintf("%s's law binds only %s (%s); the organization is a %s", owner.ID,
		strings.ReplaceAll(strings.Join(types, ", "), "_", " "), cite, strings.ReplaceAll(f.OrgType(), "_", " "))
}

// obligationBinds reports whether an obligation applies to the kind of
// organization.
func obligationBinds(f Facts, o Obligation) bool {
	return len(o.OrganizationTypes) == 0 || slices.Contains(o.OrganizationTypes, f.OrgType())
}

// How counsel resolves a conflict between two laws' content rules.
const (
	ResolveOmit    = "omit"    // leave the element out (the prohibition holds)
	ResolveInclude = "include" // write it (the requirement holds)
)

// CounselDecision is counsel's decision on one conflict, recorded in the
// incident file.
type CounselDecision struct {
	// Conflict names it: the forbidding jurisdiction and the content key,
	// "US-MA:what_happened".
	Conflict string
	Resolve  string // ResolveOmit or ResolveInclude
	By       string // who decided
	Note     string
}

// Conflict is a content element one law reaching a person requires and
// another forbids.
type Conflict struct {
	Key           string
	RequiredBy    string // the jurisdiction that requires it
	ForbiddenBy   string // the jurisdiction that forbids it
	Citation      string // the forbidding law's content rule
	ForbiddenWins bool   // the forbidding law says its prohibition prevails
	// Omitted: the letter leaves the element out (counsel's decision, or
	// until there is one, the forbidding law's forbidden_wins).
	Omitted bool
	// Decided is counsel's decision; nil while the conflict is open.
	Decided *CounselDecision
}

// ID names the conflict for a counsel decision: "US-MA:what_happened".
func (c Conflict) ID() string { return c.ForbiddenBy + ":" + c.Key }

// Open reports whether the conflict still needs counsel's decision.
func (c Conflict) Open() bool { return c.Decided == nil }

func (c Conflict) String() string {
	head := fmt.Sprintf("%q is required by %s and forbidden by %s (%s)", c.Key, c.RequiredBy, c.ForbiddenBy, c.Citation)
	verdict := "kept"
	if c.Omitted {
		verdict = "left out"
	}
	if c.Decided != nil {
		by := c.Decided.By
		if by == "" {
			by = "counsel"
		}
		return fmt.Sprintf("%s: %s, as decided by %s (decision %q: %s)", head, verdict, by, c.ID(), c.Decided.Resolve)
	}
	because := c.ForbiddenBy + " does not say its prohibition prevails over other laws"
	if c.ForbiddenWins {
		because = c.ForbiddenBy + " says its prohibition prevails"
	}
	return fmt.Sprintf("%s: NEEDS COUNSEL'S DECISION (conflict %q); until decided, %s because %s", head, c.ID(), verdict, because)
}

// obligationsFor returns the obligations of j in force on the facts' day
// that bind the organization's kind (an obligation limited to other kinds
// does not hide its parent's for the same recipient).
func (s *Set) obligationsFor(j *Jurisdiction, f Facts) []Owned {
	return s.obligationsWhere(j, f.Day(), func(o Obligation) bool { return obligationBinds(f, o) })
}

// CheckOrganization returns what is wrong with an organization's
// establishments, kind and targets ("" when nothing is).
func CheckOrganization(establishments []string, orgType string, targets []string) string {
	var msgs []string
	for _, e := range establishments {
		if !countryPattern.MatchString(e) && !subdivPattern.MatchString(e) {
			msgs = append(msgs, fmt.Sprintf("establishment %q is not an ISO 3166-1 alpha-2 code (\"IT\") or ISO 3166-2 subdivision (\"US-CA\")", e))
		}
		if n := len(slices.DeleteFunc(slices.Clone(establishments), func(x string) bool { return x != e })); n > 1 {
			msgs = append(msgs, fmt.Sprintf("establishment %q is listed %d times", e, n))
		}
	}
	if orgType != "" && !slices.Contains(OrganizationTypes, orgType) {
		msgs = append(msgs, fmt.Sprintf("organization type %q is unknown (want one of %s)", orgType, strings.Join(OrganizationTypes, ", ")))
	}
	for _, t := range targets {
		if !countryPattern.MatchString(t) && !subdivPattern.MatchString(t) {
			msgs = append(msgs, fmt.Sprintf("target %q is not an ISO 3166 code (\"FR\", \"US-CA\") or a family of rules such as \"EU\"", t))
		}
	}
	return strings.Join(slices.Compact(msgs), "; ")
}

// checkDecision returns what is wrong with a counsel decision.
func checkDecision(conflict, resolve string) string {
	id, key, ok := strings.Cut(conflict, ":")
	switch {
	case !ok || !idPattern.MatchString(id) && !overlayPattern.MatchString(id) || !slices.Contains(ContentKeys, key):
		return fmt.Sprintf("conflict %q must be the forbidding jurisdiction and the content key, such as \"US-MA:what_happened\"", conflict)
	case resolve != ResolveOmit && resolve != ResolveInclude:
		return fmt.Sprintf("resolve %q must be %q or %q", resolve, ResolveOmit, ResolveInclude)
	}
	return ""
}

// CheckDecision returns what is wrong with a counsel decision ("" if
// nothing).
func CheckDecision(d CounselDecision) string {
	if d.By == "" {
		return fmt.Sprintf("decision %q needs by: who decided", d.Conflict)
	}
	return checkDecision(d.Conflict, d.Resolve)
}

func derefList(p *[]string) []string {
	if p == nil {
		return nil
	}
	return *p
}

// ConflictCount is one conflict with the number of persons it concerns.
type ConflictCount struct {
	Conflict
	Persons int
}

// ConflictTally counts the conflicts of many decisions, by id.
type ConflictTally map[string]*ConflictCount

// Add counts the conflicts of one person's decision.
func (t ConflictTally) Add(d Decision) {
	for _, c := range d.Conflicts {
		if n, ok := t[c.ID()]; ok {
			n.Persons++
			continue
		}
		t[c.ID()] = &ConflictCount{Conflict: c, Persons: 1}
	}
}

// List returns the conflicts sorted by id.
func (t ConflictTally) List() []ConflictCount {
	out := make([]ConflictCount, 0, len(t))
	for _, id := range slices.Sorted(maps.Keys(t)) {
		out = append(out, *t[id])
	}
	return out
}
