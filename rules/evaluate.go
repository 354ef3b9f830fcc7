package rules

import (
	"fmt"
	"slices"
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
	Encrypted    bool
	// KeyCompromised: the decryption key was acquired too, so encryption
	// gives no safe harbour.
	KeyCompromised bool
	Risk           Risk
	// OrganizationCountry is the main establishment (decides the lead EU
	// supervisory authority).
	OrganizationCountry string
}

// Person is what the rules need to know of one affected person.
type Person struct {
	Country    string
	Region     string
	Categories []string
}

// The bases of a notice.
const (
	BasisLaw        = "law"
	BasisPrecaution = "precaution"
)

// Decision says whether and why the law requires telling one person.
type Decision struct {
	Jurisdiction *Jurisdiction   // the most specific match
	Chain        []*Jurisdiction // Jurisdiction and its ancestors
	// Triggered: the breach is notifiable in the person's jurisdiction for
	// this person's data (to someone: a regulator, the person, ...).
	Triggered bool
	Notify    bool // a notice goes to this person
	// Basis is BasisLaw when a rule requires the notice, BasisPrecaution
	// when no rule for the person's place is encoded (we notify rather than
	// guess that the law is silent), and "" when Notify is false.
	Basis   string
	Reason  string // why (or why not), with the citation
	Content Content
}

// IDs returns the ids of the decision's chain, most specific first.
func (d Decision) IDs() []string {
	ids := make([]string, len(d.Chain))
	for i, j := range d.Chain {
		ids[i] = j.ID
	}
	return ids
}

// Decide applies the person's jurisdiction rules to the facts.
func (s *Set) Decide(f Facts, p Person) Decision {
	j := s.Match(p.Country, p.Region)
	d := Decision{Jurisdiction: j, Chain: s.Chain(j), Content: s.Content(j)}
	trig, owner := s.Triggers(j)
	if trig == nil {
		d.Triggered, d.Notify, d.Basis = true, true, BasisPrecaution
		d.Reason = fmt.Sprintf("no notification rule is encoded for country %q region %q (matched %s): notified as a precaution", p.Country, p.Region, j.ID)
		return d
	}
	if trig.AnyPersonalData {
		if len(p.Categories) == 0 {
			d.Reason = fmt.Sprintf("no personal data of this person was involved (%s)", trig.Citation)
			return d
		}
	} else {
		combo := matchCombination(trig.Combinations, p.Categories)
		if combo == nil {
			d.Reason = fmt.Sprintf("the data involved (%s) matches no notifiable combination under %s (%s)",
				strings.Join(p.Categories, ", "), owner.ID, trig.Citation)
			return d
		}
	}
	if trig.EncryptionSafeHarbor && f.Encrypted && !f.KeyCompromised {
		d.Reason = fmt.Sprintf("the data was encrypted and the key was not compromised: safe harbour (%s)", trig.Citation)
		return d
	}
	d.Triggered = true
	for _, o := range s.Obligations(j) {
		if o.Obligation.Recipient != Individuals {
			continue
		}
		if ok, why := conditionHolds(o.Obligation.Condition, f.Risk); !ok {
			d.Reason = fmt.Sprintf("%s (%s)", why, o.Obligation.Citation)
			return d
		}
		d.Notify, d.Basis = true, BasisLaw
		d.Reason = fmt.Sprintf("notice to individuals required by %s", o.Obligation.Citation)
		return d
	}
	d.Reason = fmt.Sprintf("%s sets no duty to notify individuals (%s)", j.ID, j.Citation)
	return d
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

// Deadline is one obligation of the incident with its due time.
type Deadline struct {
	Jurisdiction string // the jurisdiction whose persons it concerns
	Defined      string // the jurisdiction whose rule file defines it
	Obligation   Obligation
	Affected     int  // notifiable persons counted for it
	ThresholdMet bool // Affected >= MinAffected
	// Due is in the jurisdiction's zone; nil when the law sets no fixed period.
	Due    *time.Time
	Rule   string // human words: "72 hours after discovery"
	Status string
	// Policy is a company target shown alongside, never as law; nil if none.
	Policy *time.Time
}

// Counts are the persons for whom the breach is notifiable (Decision.Triggered)
// per most specific jurisdiction id.
type Counts map[string]int

// Deadlines lists every obligation owed for the persons counted, with due
// times. policyDays > 0 adds a company policy target of that many calendar
// days after discovery to obligations the law leaves open.
func (s *Set) Deadlines(f Facts, counts Counts, now time.Time, policyDays int) []Deadline {
	// Persons per jurisdiction including descendants.
	total := map[string]int{}
	for id, n := range counts {
		j, ok := s.byID[id]
		if !ok {
			continue
		}
		for _, p := range s.Chain(j) {
			total[p.ID] += n
		}
	}
	lead := s.Match(f.OrganizationCountry, "")
	var out []Deadline
	seenOSS := map[string]bool{}
	for _, j := range s.All() {
		n := counts[j.ID]
		if n == 0 {
			continue
		}
		var individualsDue *time.Time
		for _, o := range s.Obligations(j) {
			ob := o.Obligation
			affected := n
			where := j
			if ob.OneStopShop {
				// Owed once, to the lead authority, for all persons of the
				// rule's family (e.g. every EU resident).
				family := s.Chain(o.Jurisdiction)
				root := family[len(family)-1]
				if ls := s.Chain(lead); slices.Contains(ls, root) {
					where = lead
					for _, lo := range s.Obligations(lead) {
						if lo.Obligation.Recipient == ob.Recipient && lo.Obligation.OneStopShop {
							ob = lo.Obligation
							o = lo
						}
					}
				}
				key := root.ID + "/" + where.ID + "/" + string(ob.Recipient)
				if seenOSS[key] {
					continue
				}
				seenOSS[key] = true
				if where == lead {
					affected = total[root.ID]
				}
			}
			d := Deadline{Jurisdiction: where.ID, Defined: o.Jurisdiction.ID, Obligation: ob, Affected: affected}
			d.ThresholdMet = affected >= ob.MinAffected
			due, rule := s.due(where, ob, f, individualsDue)
			holds, why := conditionHolds(ob.Condition, f.Risk)
			if ob.Recipient == Individuals && holds {
				individualsDue = due
			}
			d.Due, d.Rule = due, rule
			switch {
			case !holds:
				d.Status, d.Due, d.Rule = StatusNotRequired, nil, why
			case !d.ThresholdMet:
				d.Status = StatusNotNeeded
			case due == nil:
				d.Status = StatusNoFixed
			case now.After(*due):
				d.Status = StatusOverdue
			case due.Sub(now) <= 24*time.Hour:
				d.Status = StatusDueSoon
			default:
				d.Status = StatusOnTrack
			}
			if due == nil && policyDays > 0 {
				p := f.DiscoveredAt.In(where.Location()).AddDate(0, 0, policyDays)
				d.Policy = &p
			}
			out = append(out, d)
		}
	}
	return out
}

func (s *Set) due(j *Jurisdiction, o Obligation, f Facts, individualsDue *time.Time) (*time.Time, string) {
	c := o.Clock
	anchor, anchorWords := f.DiscoveredAt, "discovery"
	switch c.Anchor {
	case FromDetermination:
		anchorWords = "determination of the breach"
		if !f.DeterminedAt.IsZero() {
			anchor = f.DeterminedAt
		} else {
			anchorWords += " (not given: counted from discovery)"
		}
	case FromAssessment:
		anchorWords = "assessment of the breach"
		if !f.AssessedAt.IsZero() {
			anchor = f.AssessedAt
		} else {
			anchorWords += " (not given: counted from discovery)"
		}
	case AfterNoticeToIndividual, BeforeIndividuals:
		anchorWords = "notice to individuals"
		if individualsDue == nil {
			if c.Anchor == BeforeIndividuals {
				return nil, fmt.Sprintf("before notice to individuals (%s)", c.Words)
			}
			return nil, fmt.Sprintf("%s after notice to individuals, which has no fixed deadline (%s)", amountWords(c), c.Words)
		}
		anchor = *individualsDue
		if c.Anchor == BeforeIndividuals {
			t := anchor
			return &t, fmt.Sprintf("before notice to individuals (%s)", c.Words)
		}
	}
	if !c.Fixed() {
		return nil, fmt.Sprintf("no fixed deadline: %s", c.Words)
	}
	t := AddPeriod(anchor.In(j.Location()), c.Amount, c.Unit, j.holidays)
	return &t, fmt.Sprintf("%s after %s", amountWords(c), anchorWords)
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
