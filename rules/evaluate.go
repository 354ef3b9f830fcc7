package rules

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"
)

// Risk is the organization's assessment of the risk to individuals.
type Risk string

// The risk levels.
const (
	RiskNone Risk = "none" // unlikely to result in a risk (GDPR Art. 33(1))
	RiskLow  Risk = "low"
	RiskHigh Risk = "high"
)

// Facts are what the organization knows about the incident, as far as the
// law cares.
type Facts struct {
	DiscoveredAt time.Time
	DeterminedAt time.Time // zero when not given
	AssessedAt   time.Time // zero when not given
	// IndividualsNotifiedAt is when the notices to individuals were
	// actually given (zero: not yet, or not recorded).
	IndividualsNotifiedAt time.Time
	Encrypted             bool
	// KeyCompromised: the decryption key was acquired too, so encryption
	// gives no safe harbour.
	KeyCompromised bool
	Risk           Risk
	// OrganizationCountry is the organization's country; its main
	// establishment when Establishments is empty.
	OrganizationCountry string
	// Establishments are the organization's establishments, the main one
	// first (ISO 3166-1 codes, or ISO 3166-2 subdivisions such as "US-CA").
	// Laws that reach by establishment (GDPR Art. 3(1)) apply through them;
	// the first one in the Union decides the lead authority (Art. 56).
	Establishments []string
	// OrganizationType is the kind of organization (OrganizationTypes;
	// "" is a business).
	OrganizationType string
	// Targets are the territories (countries, subdivisions, or a family
	// such as "EU") whose persons the organization offers goods or
	// services to or monitors (GDPR Art. 3(2)); TargetsStated says the
	// incident listed them (when not, every territory where affected
	// persons live is assumed targeted: the stricter reading).
	Targets       []string
	TargetsStated bool
	// Decisions are counsel's decisions on conflicts between laws.
	Decisions []CounselDecision
	// Profiles are the opt-in overlays the incident selects ("hipaa").
	Profiles []string
	// AsOf is the day whose rules apply; zero means the discovery date.
	AsOf time.Time
}

// EstablishmentList returns the establishments, main first: Establishments,
// or the OrganizationCountry alone.
func (f Facts) EstablishmentList() []string {
	if len(f.Establishments) > 0 {
		return f.Establishments
	}
	if f.OrganizationCountry != "" {
		return []string{f.OrganizationCountry}
	}
	return nil
}

// OrgType returns the kind of organization (default: a business).
func (f Facts) OrgType() string {
	if f.OrganizationType == "" {
		return OrgBusiness
	}
	return f.OrganizationType
}

// Day returns the day whose rules apply.
func (f Facts) Day() time.Time {
	if !f.AsOf.IsZero() {
		return f.AsOf
	}
	return f.DiscoveredAt
}

// Subject is what the rules need to know of one affected person (the data
// subject): where they live and which of their data were involved. A case
// file's [person] table is one.
type Subject struct {
	Country    string   `toml:"country"` // ISO 3166-1 alpha-2
	Region     string   `toml:"region"`  // subdivision, "" if unknown
	Categories []string `toml:"categories"`
}

// The bases of a notice.
const (
	BasisLaw        = "law"
	BasisPrecaution = "precaution"
)

// The kinds of an Applied law besides the reaches: an overlay profile the
// incident selected.
const KindOverlay = "overlay"

// Applied is the outcome of one of a person's jurisdictions: their place of
// residence, a law that reaches the organization through its establishment,
// or an overlay profile the incident selected.
type Applied struct {
	Jurisdiction *Jurisdiction
	// Kind is "residence", "establishment" or KindOverlay.
	Kind string
	// Why is the chain by which the law applies, with citations
	// ("GDPR Art. 3(1): organization established in IT"); empty when it
	// does not reach the organization.
	Why       []Why
	Triggered bool
	Notify    bool
	Basis     string
	Reason    string
	// Trigger says what made the breach notifiable: the data combination
	// matched, or "any personal data".
	Trigger string
}

// Decision says whether and why the law requires telling one person.
type Decision struct {
	Jurisdiction *Jurisdiction   // the most specific match of the residence
	Chain        []*Jurisdiction // Jurisdiction and its ancestors
	// Applied lists the residence first, then each overlay that covers the person.
	Applied []Applied
	// Triggered: the breach is notifiable under one of the person's
	// jurisdictions for this person's data (to someone: a regulator, the
	// person, ...).
	Triggered bool
	Notify    bool // a notice goes to this person
	// Basis is BasisLaw when a rule requires the notice, BasisPrecaution
	// when no rule for the person's place is encoded (we notify rather than
	// guess that the law is silent), and "" when Notify is false.
	Basis   string
	Reason  string // why (or why not), with the citation
	Content Content
	// Conflicts between the person's jurisdictions, how each was resolved,
	// and whether counsel decided it.
	Conflicts []Conflict
}

// Whys returns why each law reaching the person applies to them, in order
// ("IT — GDPR Art. 3(1): organization established in IT"), whether or not
// the breach is notifiable under it for this person's data.
func (d Decision) Whys() []string {
	var out []string
	for _, a := range d.Applied {
		for _, w := range a.Why {
			out = append(out, a.Jurisdiction.ID+" — "+w.String())
		}
	}
	return out
}

// IDs returns the ids of the decision's chain, most specific first.
func (d Decision) IDs() []string {
	ids := make([]string, len(d.Chain))
	for i, j := range d.Chain {
		ids[i] = j.ID
	}
	return ids
}

// Decide applies to the facts the laws that reach the person: the law of
// their residence (if it reaches the organization), the laws that reach the
// organization by its establishments, and the overlays the incident selects.
func (s *Set) Decide(f Facts, p Subject) Decision {
	day := f.Day()
	j := s.MatchOn(p.Country, p.Region, day)
	d := Decision{Jurisdiction: j, Chain: s.Chain(j)}
	d.Applied = append(d.Applied, s.applyResidence(f, p, j, day))
	d.Applied = append(d.Applied, s.applyEstablishments(f, p, j, day)...)
	for _, o := range s.overlaysFor(f.Profiles, p.Country, p.Region, day) {
		a := s.apply(f, p, o, day)
		a.Kind = KindOverlay
		a.Why = []Why{{Reach: Reach(KindOverlay), Words: "profile " + o.Profile + " selected by the incident"}}
		d.Applied = append(d.Applied, a)
	}
	var reasons []string
	var contents []Content
	var owners []*Jurisdiction
	for _, a := range d.Applied {
		if a.Triggered {
			d.Triggered = true
			contents = append(contents, s.Content(a.Jurisdiction).For(p.Categories))
			owners = append(owners, a.Jurisdiction)
		}
		if a.Notify && (d.Basis == "" || a.Basis == BasisLaw) {
			d.Notify, d.Basis = true, a.Basis
		}
		reasons = append(reasons, a.Reason)
	}
	if len(d.Applied) == 1 {
		d.Reason = reasons[0]
	} else {
		for i, a := range d.Applied {
			reasons[i] = a.Jurisdiction.ID + ": " + reasons[i]
		}
		d.Reason = strings.Join(reasons, "; ")
	}
	if len(contents) == 0 {
		contents, owners = []Content{s.Content(j).For(p.Categories)}, []*Jurisdiction{j}
	}
	d.Content, d.Conflicts = mergeContent(contents, owners, f.Decisions)
	d.Content.Advised = appendAdvice(d.Content, s.Content(j).For(p.Categories))
	return d
}

// appendAdvice adds to c's advised keys those the person's own
// jurisdiction advises for their data (the FTC's model-letter advice to a
// US reader whose data no US law covers, where the letter is owed under
// another law), unless c forbids or already carries them.
func appendAdvice(c, own Content) []string {
	out := c.Advised
	for _, k := range own.Advised {
		if !slices.Contains(out, k) && !slices.Contains(c.Required, k) && !slices.Contains(c.Forbidden, k) {
			out = append(out, k)
		}
	}
	return out
}

// applyResidence decides under the law of the person's residence, if it
// reaches the organization and binds its kind.
func (s *Set) applyResidence(f Facts, p Subject, j *Jurisdiction, day time.Time) Applied {
	why, notReached := s.reaches(f, j, strings.ToUpper(p.Country), strings.ToUpper(p.Region))
	if why == nil {
		return Applied{Jurisdiction: j, Kind: string(ByResidence), Reason: notReached}
	}
	if ok, whyNot := s.typeBinds(f, j); !ok {
		return Applied{Jurisdiction: j, Kind: string(ByResidence), Reason: whyNot}
	}
	a := s.apply(f, p, j, day)
	a.Kind, a.Why = string(ByResidence), why
	return a
}

// applyEstablishments decides under each law that reaches the organization
// by its establishment, other than the residence's own family of rules
// (which already counts the establishment among its reasons): one per
// family, through the first establishment listed in it.
func (s *Set) applyEstablishments(f Facts, p Subject, residence *Jurisdiction, day time.Time) []Applied {
	var out []Applied
	seen := map[*Jurisdiction]bool{s.root(residence): true}
	for _, e := range f.EstablishmentList() {
		je := s.matchCode(e, day)
		if je == nil || je.Fallback || seen[s.root(je)] {
			continue
		}
		sc, _ := s.scopeOf(je)
		if !sc.Has(ByEstablishment) {
			continue
		}
		seen[s.root(je)] = true
		if ok, _ := s.typeBinds(f, je); !ok {
			continue
		}
		a := s.apply(f, p, je, day)
		a.Kind = string(ByEstablishment)
		a.Why = []Why{{Reach: ByEstablishment, Citation: sc.Rule(ByEstablishment).Citation, Words: "organization established in " + strings.ToUpper(e)}}
		out = append(out, a)
	}
	return out
}

// apply decides for one of the person's jurisdictions.
func (s *Set) apply(f Facts, p Subject, j *Jurisdiction, day time.Time) Applied {
	a := Applied{Jurisdiction: j}
	trig, owner := s.Triggers(j)
	if trig == nil {
		a.Triggered, a.Notify, a.Basis = true, true, BasisPrecaution
		a.Trigger = "none encoded"
		a.Reason = fmt.Sprintf("no notification rule is encoded for country %q region %q (matched %s): notified as a precaution", p.Country, p.Region, j.ID)
		return a
	}
	if trig.AnyPersonalData {
		if len(p.Categories) == 0 {
			a.Reason = fmt.Sprintf("no personal data of this person was involved (%s)", trig.Citation)
			return a
		}
		a.Trigger = "any personal data (" + trig.Citation + ")"
	} else {
		combo := matchCombination(trig.CombinationsOn(day), p.Categories)
		if combo == nil {
			a.Reason = fmt.Sprintf("the data involved (%s) matches no notifiable combination under %s (%s)",
				strings.Join(p.Categories, ", "), owner.ID, trig.Citation)
			return a
		}
		a.Trigger = strings.Join(combo, " + ") + " (" + trig.Citation + ")"
	}
	if trig.EncryptionSafeHarbor && f.Encrypted && !f.KeyCompromised {
		a.Reason = fmt.Sprintf("the data was encrypted and the key was not compromised: safe harbour (%s)", trig.Citation)
		return a
	}
	if trig.RiskOfHarm && f.Risk == RiskNone {
		a.Reason = fmt.Sprintf("the organization determined there is no reasonable likelihood of harm: %q (%s)", trig.HarmWords, trig.Citation)
		return a
	}
	a.Triggered = true
	for _, o := range s.obligationsFor(j, f) {
		if o.Obligation.Recipient != Individuals {
			continue
		}
		if ok, why := conditionHolds(o.Obligation.Condition, f.Risk); !ok {
			a.Reason = fmt.Sprintf("%s (%s)", why, o.Obligation.Citation)
			return a
		}
		a.Notify, a.Basis = true, BasisLaw
		a.Reason = fmt.Sprintf("notice to individuals required by %s", o.Obligation.Citation)
		return a
	}
	a.Reason = fmt.Sprintf("%s sets no duty to notify individuals (%s)", j.ID, j.Citation)
	return a
}

// mergeContent joins the content rules of a person's jurisdictions: the union
// of required keys, the strictest type size, the first headings and title.
// A key one jurisdiction requires and another forbids is a conflict that
// needs counsel's decision: decided by decisions when one names it
// ("US-MA:what_happened"); until then the key stays required unless the
// forbidding law says its prohibition prevails (forbidden_wins). Either way
// the conflict is reported.
func mergeContent(cs []Content, owners []*Jurisdiction, decisions []CounselDecision) (Content, []Conflict) {
	if len(cs) == 1 {
		return cs[0], nil
	}
	var out Content
	requiredBy := map[string]string{}
	forbiddenBy := map[string]int{}
	for i, c := range cs {
		for _, k := range c.Required {
			if _, ok := requiredBy[k]; !ok {
				requiredBy[k] = owners[i].ID
				out.Required = append(out.Required, k)
			}
		}
		for _, k := range c.Forbidden {
			if _, ok := forbiddenBy[k]; !ok {
				forbiddenBy[k] = i
				out.Forbidden = append(out.Forbidden, k)
			}
		}
		for _, k := range c.Advised {
			if !slices.Contains(out.Advised, k) {
				out.Advised = append(out.Advised, k)
			}
		}
		for _, l := range c.Languages {
			if !slices.ContainsFunc(out.Languages, func(o LanguageRule) bool { return o.Jurisdiction == l.Jurisdiction }) {
				out.Languages = append(out.Languages, l)
			}
		}
		if len(out.Headings) == 0 {
			out.Headings = c.Headings
		}
		if out.Title == "" {
			out.Title = c.Title
		}
		out.MinFontSize = max(out.MinFontSize, c.MinFontSize)
		for _, ch := range c.Channels {
			if !slices.Contains(out.Channels, ch) {
				out.Channels = append(out.Channels, ch)
			}
		}
	}
	var keep []string
	var conflicts []Conflict
	for _, k := range out.Required {
		i, forbidden := forbiddenBy[k]
		if !forbidden {
			keep = append(keep, k)
			continue
		}
		cf := Conflict{Key: k, RequiredBy: requiredBy[k], ForbiddenBy: owners[i].ID, Citation: cs[i].Citation, ForbiddenWins: cs[i].ForbiddenWins}
		cf.Omitted = cf.ForbiddenWins
		for _, dec := range decisions {
			if dec.Conflict == cf.ID() {
				cf.Decided = &dec
				cf.Omitted = dec.Resolve == ResolveOmit
			}
		}
		conflicts = append(conflicts, cf)
		if cf.Omitted {
			continue
		}
		out.Forbidden = slices.DeleteFunc(out.Forbidden, func(f string) bool { return f == k })
		keep = append(keep, k)
	}
	out.Required = keep
	out.Unmet = unmetOf(cs, keep)
	return out, conflicts
}

// unmetOf lists the conditional keys some law dropped for the person that
// no other law requires.
func unmetOf(cs []Content, required []string) []ContentWhen {
	var out []ContentWhen
	for _, c := range cs {
		for _, w := range c.Unmet {
			if !slices.Contains(required, w.Key) && !slices.ContainsFunc(out, func(o ContentWhen) bool { return o.Key == w.Key }) {
				out = append(out, w)
			}
		}
	}
	return out
}

func matchCombination(combos [][]string, cats []string) []string {
	for _, c := range combos {
		all := true
		for _, need := range c {
			if !slices.Contains(cats, need) {
				all = false
				break
			}
		}
		if all {
			return c
		}
	}
	return nil
}

func conditionHolds(c Condition, r Risk) (bool, string) {
	switch c {
	case HighRisk:
		if r != RiskHigh {
			return false, fmt.Sprintf("the organization assessed the risk to individuals as %q, not high", r)
		}
	case AnyRisk:
		if r == RiskNone {
			return false, "the organization assessed the breach as unlikely to result in a risk"
		}
	}
	return true, ""
}

// Status of a deadline relative to now.
const (
	StatusOverdue   = "overdue"
	StatusDueSoon   = "due within 24h"
	StatusOnTrack   = "on track"
	StatusNoFixed   = "no fixed deadline"
	StatusNotNeeded = "threshold not met"
	// StatusNotRequired: the obligation's condition (e.g. high risk) does
	// not hold on the organization's assessment.
	StatusNotRequired = "not required"
)

// Stages of an obligation.
const (
	StageInitial  = "initial"
	StageFollowup = "followup"
)

// Deadline is one obligation of the incident with its due time.
type Deadline struct {
	Jurisdiction string // the jurisdiction whose persons it concerns
	Defined      string // the jurisdiction whose rule file defines it
	// Scope narrows a per-subdivision overlay obligation to one residence
	// (HIPAA media notice for the residents of one state); "" otherwise.
	Scope        string
	Obligation   Obligation
	Stage        string // StageInitial or StageFollowup
	Affected     int    // notifiable persons counted for it
	ThresholdMet bool   // Affected >= MinAffected
	// Due is in the jurisdiction's zone; nil when the law sets no fixed period.
	Due *time.Time
	// Anchor is the instant the clock counts from (nil when it has none).
	Anchor *time.Time
	Rule   string // human words: "72 hours after discovery"
	Status string
	// Policy is a company target shown alongside, never as law; nil if none.
	Policy *time.Time
	// Lead: a one-stop-shop notice owed to the lead authority for every
	// person of its family of rules.
	Lead bool
	// Why says why the obligation is owed: the reach by which its law
	// applies to the persons counted, with citations.
	Why []string
}

// Clock returns the clock of the deadline's stage.
func (d Deadline) Clock() Clock {
	if d.Stage == StageFollowup && d.Obligation.Followup != nil {
		return *d.Obligation.Followup
	}
	return d.Obligation.Clock
}

// Counts are the persons for whom the breach is notifiable, per most
// specific jurisdiction id of their residence; persons covered by an overlay,
// or by a law that reaches the organization through its establishment, are
// counted under "ID@RESIDENCE" (e.g. "US-HIPAA@US-TX", "IT@RU"). The totals
// over everyone are under TotalNotified and TotalAffected.
type Counts map[string]int

// The keys of Counts' totals, for thresholds counted over everyone
// (Obligation.MinAffectedCounts).
const (
	// TotalNotified counts every person a notice goes to (any law, any
	// basis: the organization's notices "at one time").
	TotalNotified = "*notified"
	// TotalAffected counts every person whose data the breach involved.
	TotalAffected = "*affected"
)

// Add counts one person's decision.
func (c Counts) Add(d Decision) {
	c[TotalAffected]++
	if d.Notify {
		c[TotalNotified]++
	}
	for i, a := range d.Applied {
		if !a.Triggered {
			continue
		}
		if i == 0 {
			c[a.Jurisdiction.ID]++
		} else {
			c[a.Jurisdiction.ID+"@"+d.Jurisdiction.ID]++
		}
	}
}

// Deadlines lists every obligation owed for the persons counted, with due
// times. policyDays > 0 adds a company policy target of that many calendar
// days after discovery to obligations the law leaves open.
func (s *Set) Deadlines(f Facts, counts Counts, now time.Time, policyDays int) []Deadline {
	t := s.tally(counts)
	dl := &deadlineList{s: s, f: f, now: now, policyDays: policyDays, counts: counts}
	dl.laws(counts, t)
	dl.overlays(t)
	return dl.out
}

// tallied is the persons counted per jurisdiction including its
// descendants, per overlay and residence, and in all.
type tallied struct {
	total   map[string]int
	overlay map[string]map[string]int // overlay id -> residence id -> n
	// reach: establishment law id -> residence id -> n (also in total)
	reach map[string]map[string]int
	all   int
}

func (s *Set) tally(counts Counts) tallied {
	t := tallied{total: map[string]int{}, overlay: map[string]map[string]int{}, reach: map[string]map[string]int{}}
	for key, n := range counts {
		if id, res, ok := strings.Cut(key, "@"); ok {
			m := t.overlay
			if j, known := s.byID[id]; known && !j.Overlay() {
				m = t.reach
				for _, p := range s.Chain(j) {
					t.total[p.ID] += n
				}
			}
			if m[id] == nil {
				m[id] = map[string]int{}
			}
			m[id][res] += n
			continue
		}
		j, ok := s.byID[key]
		if !ok {
			continue
		}
		t.all += n
		for _, p := range s.Chain(j) {
			t.total[p.ID] += n
		}
	}
	return t
}

// deadlineList collects the deadlines of Deadlines.
type deadlineList struct {
	s          *Set
	f          Facts
	now        time.Time
	policyDays int
	counts     Counts
	out        []Deadline
}

// totalKey is the Counts total a threshold scope counts.
var totalKey = map[string]string{CountAllNotified: TotalNotified, CountAllAffected: TotalAffected}

// setWhy says why the deadlines from index from on are owed, adding how
// a threshold counted over everyone was counted.
func (dl *deadlineList) setWhy(from int, why []string) {
	for i := from; i < len(dl.out); i++ {
		d := &dl.out[i]
		d.Why = why
		if _, ok := totalKey[d.Obligation.MinAffectedCounts]; ok {
			d.Why = append(slices.Clone(why), fmt.Sprintf("threshold counted over everyone, wherever they live (%s): %d persons (%s)", d.Obligation.MinAffectedCounts, d.Affected, d.Obligation.Citation))
		}
	}
}

// emit adds the deadline of obligation o owed in where (and its
// follow-up). individualsDue is the due time of the letters to the
// individuals in where, which some clocks count from.
func (dl *deadlineList) emit(where *Jurisdiction, o Owned, affected int, scope string, individualsDue **time.Time) {
	s, f := dl.s, dl.f
	ob := o.Obligation
	if total, ok := totalKey[ob.MinAffectedCounts]; ok {
		affected = dl.counts[total]
	}
	d := Deadline{Jurisdiction: where.ID, Defined: o.Jurisdiction.ID, Scope: scope, Obligation: ob, Stage: StageInitial, Affected: affected}
	d.ThresholdMet = affected >= ob.MinAffected
	holds, why := conditionHolds(ob.Condition, f.Risk)
	anchor, due, rule := s.due(where, ob.Clock, f, *individualsDue, nil)
	if ob.Recipient == Individuals && holds {
		*individualsDue = due
	}
	d.Anchor, d.Due, d.Rule = anchor, due, rule
	s.finish(&d, holds, why, f, where, dl.now, dl.policyDays)
	dl.out = append(dl.out, d)
	if ob.Followup != nil {
		f2 := d
		f2.Stage = StageFollowup
		f2.Anchor, f2.Due, f2.Rule = s.due(where, *ob.Followup, f, *individualsDue, due)
		f2.Policy = nil
		s.finish(&f2, holds, why, f, where, dl.now, dl.policyDays)
		dl.out = append(dl.out, f2)
	}
}

// laws adds the deadlines of the jurisdictions whose law reaches persons:
// where they live, or through the organization's establishment. A
// one-stop-shop obligation is owed once, to the lead authority of the main
// establishment in its family of rules (GDPR Art. 56); with no
// establishment there, once per member state where persons live.
func (dl *deadlineList) laws(counts Counts, t tallied) {
	s := dl.s
	seenOSS := map[string]bool{}
	for _, j := range s.All() {
		reached := 0
		for _, m := range t.reach[j.ID] {
			reached += m
		}
		n := counts[j.ID] + reached
		if n == 0 || j.Overlay() {
			continue
		}
		why := dl.whyOf(j, counts[j.ID], t.reach[j.ID])
		var individualsDue *time.Time
		for _, o := range s.obligationsFor(j, dl.f) {
			if !o.Obligation.OneStopShop {
				before := len(dl.out)
				dl.emit(j, o, n, "", &individualsDue)
				dl.setWhy(before, why)
				continue
			}
			dl.oneStopShop(j, o, n, t, seenOSS, &individualsDue)
		}
	}
}

// oneStopShop adds a one-stop-shop obligation for the persons of j: to the
// lead authority, or to j's own authority where there is no lead.
func (dl *deadlineList) oneStopShop(j *Jurisdiction, o Owned, n int, t tallied, seen map[string]bool, individualsDue **time.Time) {
	s := dl.s
	root := s.root(o.Jurisdiction)
	where, affected := j, n
	main, lead := s.establishmentIn(dl.f, root)
	var why []string
	if lead != nil {
		where, affected = lead, t.total[root.ID]
		for _, lo := range s.obligationsFor(lead, dl.f) {
			if lo.Obligation.Recipient == o.Obligation.Recipient && lo.Obligation.OneStopShop {
				o = lo
			}
		}
		why = []string{fmt.Sprintf("one-stop shop (GDPR Art. 56): the lead authority of the main establishment in %s, for all %d persons %s's law reaches", main, affected, root.ID)}
	} else {
		why = []string{fmt.Sprintf("no establishment under %s's law: no one-stop shop (GDPR Art. 56); the authority where the persons live (%s)", root.ID, j.ID)}
		if o.Jurisdiction == root && j == root {
			// No member-state file names the authority: say so.
			o.Obligation.Authority = fmt.Sprintf("the supervisory authority of each member state where affected persons live (no rule file of its own names it; matched by %s)", root.ID)
		}
	}
	key := root.ID + "/" + where.ID + "/" + string(o.Obligation.Recipient)
	if seen[key] {
		return
	}
	seen[key] = true
	before := len(dl.out)
	dl.emit(where, o, affected, "", individualsDue)
	dl.setWhy(before, why)
	for i := before; i < len(dl.out); i++ {
		dl.out[i].Lead = lead != nil
	}
}

// whyOf says why j's obligations are owed: its residents (and how its law
// reaches the organization for them), and the persons living elsewhere it
// reaches through the establishment.
func (dl *deadlineList) whyOf(j *Jurisdiction, residents int, reached map[string]int) []string {
	var out []string
	if residents > 0 {
		// A file matching one place answers for it; one matching many (the
		// EU file) is named by its id, which organization.targets may list.
		code := j.ID
		if len(j.Countries) == 1 && len(j.Subdivisions) == 0 {
			code = j.Countries[0]
		}
		country, region, _ := strings.Cut(code, "-")
		ws, _ := dl.s.reaches(dl.f, j, country, region)
		var parts []string
		for _, w := range ws {
			if w.Reach == ByResidence && w.Citation == "" {
				parts = append(parts, "residence")
				continue
			}
			parts = append(parts, w.String())
		}
		out = append(out, fmt.Sprintf("%d residents of %s: %s", residents, j.ID, strings.Join(parts, "; ")))
	}
	if len(reached) > 0 {
		sc, _ := dl.s.scopeOf(j)
		e, _ := dl.s.establishmentIn(dl.f, dl.s.root(j))
		var res []string
		for _, r := range slices.Sorted(maps.Keys(reached)) {
			res = append(res, fmt.Sprintf("%s %d", r, reached[r]))
		}
		out = append(out, fmt.Sprintf("%s: organization established in %s, for persons living elsewhere (%s)", sc.Rule(ByEstablishment).Citation, e, strings.Join(res, ", ")))
	}
	return out
}

// overlays adds the deadlines of the overlay profiles (such as HIPAA) the
// incident has: for the whole incident, or per residence.
func (dl *deadlineList) overlays(t tallied) {
	s, day := dl.s, dl.f.Day()
	for _, j := range s.All() {
		if !j.Overlay() || !j.InForce(day) || !slices.Contains(dl.f.Profiles, j.Profile) {
			continue
		}
		byRes := t.overlay[j.ID]
		n := 0
		for _, m := range byRes {
			n += m
		}
		if j.IncidentLevel() {
			n = t.all
		} else if n == 0 {
			continue
		}
		var individualsDue *time.Time
		before := len(dl.out)
		for _, o := range s.obligationsFor(j, dl.f) {
			if !o.Obligation.PerSubdivision {
				dl.emit(j, o, n, "", &individualsDue)
				continue
			}
			res := make([]string, 0, len(byRes))
			for r := range byRes {
				res = append(res, r)
			}
			sort.Strings(res)
			for _, r := range res {
				dl.emit(j, o, byRes[r], r, &individualsDue)
			}
		}
		for i := before; i < len(dl.out); i++ {
			dl.out[i].Why = []string{"overlay: profile " + j.Profile + " selected by the incident"}
		}
	}
}

func (s *Set) finish(d *Deadline, holds bool, why string, f Facts, where *Jurisdiction, now time.Time, policyDays int) {
	switch {
	case !holds:
		d.Status, d.Due, d.Anchor, d.Rule = StatusNotRequired, nil, nil, why
	case !d.ThresholdMet:
		d.Status = StatusNotNeeded
	case d.Due == nil:
		d.Status = StatusNoFixed
	case now.After(*d.Due):
		d.Status = StatusOverdue
	case d.Due.Sub(now) <= 24*time.Hour:
		d.Status = StatusDueSoon
	default:
		d.Status = StatusOnTrack
	}
	if holds && d.Due == nil && policyDays > 0 {
		p := f.DiscoveredAt.In(where.Location()).AddDate(0, 0, policyDays)
		d.Policy = &p
	}
}

// due computes a clock's anchor and due time in j's zone, and says how.
// individualsDue is the due time of the notice to individuals (nil when it
// has none); initialDue is the first stage's due time, for followups.
func (s *Set) due(j *Jurisdiction, c Clock, f Facts, individualsDue, initialDue *time.Time) (anchor, due *time.Time, rule string) {
	if len(c.EarliestOf) > 0 {
		return s.earliestDue(j, c, f, individualsDue, initialDue)
	}
	at, anchorWords := f.DiscoveredAt, "discovery"
	switch c.Anchor {
	case FromDetermination:
		anchorWords = "determination of the breach"
		if !f.DeterminedAt.IsZero() {
			at = f.DeterminedAt
		} else {
			anchorWords += " (not given: counted from discovery)"
		}
	case FromAssessment:
		anchorWords = "assessment of the breach"
		if !f.AssessedAt.IsZero() {
			at = f.AssessedAt
		} else {
			anchorWords += " (not given: counted from discovery)"
		}
	case IndividualsNotified:
		if !c.Fixed() {
			// An earliest_of alternative: the moment of the notice itself.
			if f.IndividualsNotifiedAt.IsZero() {
				return nil, nil, fmt.Sprintf("when the individuals are notified (not yet given: counts once the notice date is recorded): %s", c.Words)
			}
			a := f.IndividualsNotifiedAt.In(j.Location())
			return &a, &a, fmt.Sprintf("when the individuals were notified: %s", c.Words)
		}
		if f.IndividualsNotifiedAt.IsZero() {
			return nil, nil, fmt.Sprintf("%s after notice to individuals (not yet given: no due time until the notice date is recorded): %s", amountWords(c), c.Words)
		}
		at = f.IndividualsNotifiedAt
		anchorWords = "the notice to individuals"
	case FromInitialNotice:
		if initialDue == nil {
			return nil, nil, fmt.Sprintf("%s after the initial notice, which has no fixed deadline (%s)", amountWords(c), c.Words)
		}
		at = *initialDue
		anchorWords = "the initial notice's due time"
	case AfterNoticeToIndividual, WithIndividuals, BeforeIndividuals:
		relation := map[Anchor]string{WithIndividuals: "no later than notice to individuals", BeforeIndividuals: "before notice to individuals"}[c.Anchor]
		if individualsDue == nil {
			if relation == "" && c.Fixed() {
				relation = amountWords(c) + " after notice to individuals"
			} else if relation == "" {
				relation = "after notice to individuals"
			}
			return nil, nil, fmt.Sprintf("%s, which has no fixed deadline (%s)", relation, c.Words)
		}
		if relation == "" && !c.Fixed() {
			a := individualsDue.In(j.Location())
			return &a, nil, fmt.Sprintf("no fixed deadline after notice to individuals: %s", c.Words)
		}
		at = *individualsDue
		if relation != "" {
			t := at.In(j.Location())
			return &t, &t, fmt.Sprintf("%s (%s)", relation, c.Words)
		}
		anchorWords = "the individuals' notice deadline"
	}
	a := at.In(j.Location())
	if !c.Fixed() {
		return &a, nil, fmt.Sprintf("no fixed deadline: %s", c.Words)
	}
	if c.CountFirstDay || c.RollForward {
		t, how := dayCount(a, c, j.holidays)
		return &a, &t, fmt.Sprintf("%s after %s%s", amountWords(c), anchorWords, how)
	}
	t := AddPeriod(a, c.Amount, c.Unit, j.holidays)
	return &a, &t, fmt.Sprintf("%s after %s", amountWords(c), anchorWords)
}

// earliestDue computes a clock that is the earliest of its alternatives:
// the earliest due time among those that have one (an alternative with
// none, such as a notice not yet given, does not hold the others back),
// and the words of every alternative.
func (s *Set) earliestDue(j *Jurisdiction, c Clock, f Facts, individualsDue, initialDue *time.Time) (anchor, due *time.Time, rule string) {
	var rules []string
	for _, alt := range c.EarliestOf {
		a, d, r := s.due(j, alt, f, individualsDue, initialDue)
		rules = append(rules, r)
		if d != nil && (due == nil || d.Before(*due)) {
			anchor, due = a, d
		}
	}
	return anchor, due, "whichever is first of: " + strings.Join(rules, "; or ")
}

// dayCount computes a calendar-day period with the clock's counting
// options: the anchor's day counted as day 1 (the period then ends at the
// end of its last day), and a last day that falls on a Saturday, Sunday or
// holiday moved to the next open day. It returns the words for how.
func dayCount(a time.Time, c Clock, holidays map[string]bool) (time.Time, string) {
	var how []string
	last := AddPeriod(a, c.Amount, CalendarDays, nil)
	if c.CountFirstDay {
		last = a.AddDate(0, 0, c.Amount-1)
		how = append(how, "the day of the anchor counted as day 1")
	}
	if c.RollForward {
		moved := false
		for closed(last, holidays) {
			last, moved = last.AddDate(0, 0, 1), true
		}
		if moved {
			how = append(how, "the last day fell on a closed day and moves to "+last.Format("Mon 2 Jan"))
		}
	}
	if c.CountFirstDay {
		y, m, d := last.Date()
		last = time.Date(y, m, d+1, 0, 0, 0, 0, last.Location()).Add(-time.Second)
	}
	if len(how) == 0 {
		return last, ""
	}
	return last, " (" + strings.Join(how, "; ") + ")"
}

// closed reports whether t's day is a Saturday, Sunday or holiday.
func closed(t time.Time, holidays map[string]bool) bool {
	wd := t.Weekday()
	return wd == time.Saturday || wd == time.Sunday || holidays[t.Format("2006-01-02")]
}

func amountWords(c Clock) string {
	unit := strings.ReplaceAll(string(c.Unit), "_", " ")
	if c.Amount == 1 {
		unit = strings.TrimSuffix(unit, "s")
	}
	return fmt.Sprintf("%d %s", c.Amount, unit)
}

// AddPeriod adds n units to t in t's location. Calendar days keep the wall
// clock time; business days skip Saturdays, Sundays and the holidays
// (YYYY-MM-DD in t's location).
func AddPeriod(t time.Time, n int, u Unit, holidays map[string]bool) time.Time {
	switch u {
	case Hours:
		return t.Add(time.Duration(n) * time.Hour)
	case CalendarDays:
		return t.AddDate(0, 0, n)
	case BusinessDays:
		for n > 0 {
			t = t.AddDate(0, 0, 1)
			if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday || holidays[t.Format("2006-01-02")] {
				continue
			}
			n--
		}
		return t
	}
	return t
}

// Concerning returns the deadlines among all that concern the person of d:
// those of the person's own jurisdiction, the one-stop-shop notice owed for
// the person's family of rules (GDPR: to the lead authority), and those of
// the overlays that cover the person (for per-state overlay notices, the
// person's state only).
func (s *Set) Concerning(d Decision, all []Deadline) []Deadline {
	root := func(id string) string {
		j, ok := s.byID[id]
		if !ok {
			return id
		}
		c := s.Chain(j)
		return c[len(c)-1].ID
	}
	overlays, reached := map[string]bool{}, map[string]bool{}
	for _, a := range d.Applied[min(1, len(d.Applied)):] {
		if a.Kind == KindOverlay {
			overlays[a.Jurisdiction.ID] = true
		} else {
			reached[a.Jurisdiction.ID] = true
		}
	}
	var out []Deadline
	for _, dl := range all {
		switch {
		case (dl.Jurisdiction == d.Jurisdiction.ID || reached[dl.Jurisdiction]) && !dl.Obligation.OneStopShop:
		case dl.Obligation.OneStopShop && dl.Lead && root(dl.Defined) == root(d.Jurisdiction.ID):
		case dl.Obligation.OneStopShop && (dl.Jurisdiction == d.Jurisdiction.ID || reached[dl.Jurisdiction]):
		case overlays[dl.Jurisdiction] && (dl.Scope == "" || dl.Scope == d.Jurisdiction.ID):
		default:
			continue
		}
		out = append(out, dl)
	}
	return out
}
