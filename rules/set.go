package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Set is a validated collection of jurisdictions.
type Set struct {
	byID     map[string]*Jurisdiction
	byCode   map[string]*Jurisdiction // country or subdivision code -> rule
	fallback *Jurisdiction
	overlays []*Jurisdiction // opt-in profiles, sorted by id
}

func newSet(js []*Jurisdiction) (*Set, []Problem) {
	s := &Set{byID: map[string]*Jurisdiction{}, byCode: map[string]*Jurisdiction{}}
	var probs []Problem
	for _, j := range js {
		if prev, ok := s.byID[j.ID]; ok {
			probs = append(probs, Problem{File: j.File, Msg: fmt.Sprintf("duplicate id %q (also in %s)", j.ID, prev.File)})
			continue
		}
		s.byID[j.ID] = j
		if j.Fallback {
			if s.fallback != nil {
				probs = append(probs, Problem{File: j.File, Msg: fmt.Sprintf("second fallback rule (first is %q)", s.fallback.ID)})
			}
			s.fallback = j
		}
		if j.Overlay() {
			s.overlays = append(s.overlays, j)
			if j.Parent != "" {
				probs = append(probs, Problem{File: j.File, Msg: fmt.Sprintf("overlay profile %q cannot have a parent", j.Profile)})
			}
			continue
		}
		for _, code := range append(append([]string{}, j.Countries...), j.Subdivisions...) {
			if prev, ok := s.byCode[code]; ok {
				probs = append(probs, Problem{File: j.File, Msg: fmt.Sprintf("%q is matched by both %q and %q", code, prev.ID, j.ID)})
				continue
			}
			s.byCode[code] = j
		}
	}
	for _, j := range js {
		if j.Parent == "" {
			continue
		}
		if _, ok := s.byID[j.Parent]; !ok {
			probs = append(probs, Problem{File: j.File, Msg: fmt.Sprintf("unknown parent %q", j.Parent)})
			continue
		}
		seen := map[string]bool{j.ID: true}
		for p := s.byID[j.Parent]; p != nil; p = s.byID[p.Parent] {
			if seen[p.ID] {
				probs = append(probs, Problem{File: j.File, Msg: fmt.Sprintf("parent cycle through %q", p.ID)})
				break
			}
			seen[p.ID] = true
		}
	}
	sort.Slice(s.overlays, func(a, b int) bool { return s.overlays[a].ID < s.overlays[b].ID })
	for _, j := range js {
		if p, ok := s.byID[j.Parent]; ok && p.Overlay() {
			probs = append(probs, Problem{File: j.File, Msg: fmt.Sprintf("parent %q is an overlay profile", j.Parent)})
		}
		if j.Fallback && (len(j.Countries) > 0 || len(j.Subdivisions) > 0) {
			probs = append(probs, Problem{File: j.File, Msg: "the fallback rule must not match countries or subdivisions"})
		}
		if j.Parent != "" && len(j.Countries) == 0 && len(j.Subdivisions) == 0 && !j.Fallback {
			probs = append(probs, Problem{File: j.File, Msg: "a child rule must match countries or subdivisions"})
		}
		if j.Parent == "" && len(j.Countries) == 0 && len(j.Subdivisions) == 0 && !j.Fallback && !j.Overlay() && !hasChild(js, j.ID) {
			probs = append(probs, Problem{File: j.File, Msg: "a rule must match countries or subdivisions, be the fallback, or be the parent of rules that do"})
		}
	}
	if s.fallback == nil && len(js) > 0 {
		probs = append(probs, Problem{File: "(set)", Msg: "no fallback rule (a file with fallback = true) for countries without a rule"})
	}
	return s, probs
}

// hasChild reports whether a rule of js names id as its parent (the EU file,
// once every member state has a file of its own, matches no country itself).
func hasChild(js []*Jurisdiction, id string) bool {
	return slices.ContainsFunc(js, func(c *Jurisdiction) bool { return c.Parent == id })
}

// Get returns the jurisdiction with the given id.
func (s *Set) Get(id string) (*Jurisdiction, bool) {
	j, ok := s.byID[strings.ToUpper(id)]
	return j, ok
}

// All returns every jurisdiction sorted by id.
func (s *Set) All() []*Jurisdiction {
	out := make([]*Jurisdiction, 0, len(s.byID))
	for _, j := range s.byID {
		out = append(out, j)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// Chain returns j and its ancestors, most specific first.
func (s *Set) Chain(j *Jurisdiction) []*Jurisdiction {
	var out []*Jurisdiction
	for p := j; p != nil && len(out) < 16; p = s.byID[p.Parent] {
		out = append(out, p)
	}
	return out
}

// Match returns the most specific jurisdiction in force for a person in
// country (ISO 3166-1 alpha-2) and region (a subdivision code without the
// country prefix, e.g. "CA" for California; may be empty). A country without
// a rule gets the fallback rule. Proposed rules are never matched.
func (s *Set) Match(country, region string) *Jurisdiction {
	return s.MatchOn(country, region, time.Time{})
}

// MatchOn is Match with the rules in force on day (zero: any day).
func (s *Set) MatchOn(country, region string, day time.Time) *Jurisdiction {
	country = strings.ToUpper(country)
	ok := func(j *Jurisdiction) bool {
		return j.Status == "in_force" && (day.IsZero() || j.InForce(day))
	}
	if region != "" {
		if j, found := s.byCode[country+"-"+strings.ToUpper(region)]; found && ok(j) {
			return j
		}
	}
	if j, found := s.byCode[country]; found && ok(j) {
		return j
	}
	return s.fallback
}

// Profiles returns the overlay profiles the set knows, sorted.
func (s *Set) Profiles() []string {
	var out []string
	for _, o := range s.overlays {
		if !slices.Contains(out, o.Profile) {
			out = append(out, o.Profile)
		}
	}
	sort.Strings(out)
	return out
}

// overlaysFor returns the overlays of the selected profiles in force on day
// that cover a person in country and region (incident-level overlays cover
// no person).
func (s *Set) overlaysFor(profiles []string, country, region string, day time.Time) []*Jurisdiction {
	country, region = strings.ToUpper(country), strings.ToUpper(region)
	var out []*Jurisdiction
	for _, o := range s.overlays {
		if !slices.Contains(profiles, o.Profile) || !o.InForce(day) || o.IncidentLevel() {
			continue
		}
		if slices.Contains(o.Countries, country) || (region != "" && slices.Contains(o.Subdivisions, country+"-"+region)) {
			out = append(out, o)
		}
	}
	return out
}

// Obligations returns the obligations in force for j: its own, plus those of
// its ancestors for recipients it does not itself define. Each result names
// the jurisdiction that defines it.
func (s *Set) Obligations(j *Jurisdiction) []Owned {
	return s.ObligationsOn(j, time.Time{})
}

// ObligationsOn is Obligations with only those in force on day (zero: all).
func (s *Set) ObligationsOn(j *Jurisdiction, day time.Time) []Owned {
	return s.obligationsWhere(j, day, nil)
}

// obligationsWhere is ObligationsOn with only the obligations keep accepts
// (nil: all).
func (s *Set) obligationsWhere(j *Jurisdiction, day time.Time, keep func(Obligation) bool) []Owned {
	var out []Owned
	defined := map[Recipient]bool{}
	for _, p := range s.Chain(j) {
		var mine []Recipient
		for _, o := range p.Obligations {
			if !day.IsZero() && !o.InForce(day) {
				continue
			}
			if defined[o.Recipient] || (keep != nil && !keep(o)) {
				continue
			}
			out = append(out, Owned{Jurisdiction: p, Obligation: o})
			mine = append(mine, o.Recipient)
		}
		for _, r := range mine {
			defined[r] = true
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		return slices.Index(Recipients, out[a].Obligation.Recipient) < slices.Index(Recipients, out[b].Obligation.Recipient)
	})
	return out
}

// Owned is an obligation with the jurisdiction that defines it.
type Owned struct {
	Jurisdiction *Jurisdiction
	Obligation   Obligation
}

// Triggers returns the nearest triggers in j's chain.
func (s *Set) Triggers(j *Jurisdiction) (*Triggers, *Jurisdiction) {
	for _, p := range s.Chain(j) {
		if p.Triggers != nil {
			return p.Triggers, p
		}
	}
	return nil, nil
}

// Content returns the union of required content and headings over j's
// chain, the forbidden keys, and the largest minimum font size.
func (s *Set) Content(j *Jurisdiction) Content {
	var c Content
	for _, p := range s.Chain(j) {
		for _, k := range p.Content.Required {
			if !slices.Contains(c.Required, k) {
				c.Required = append(c.Required, k)
			}
		}
		for _, k := range p.Content.Forbidden {
			if !slices.Contains(c.Forbidden, k) {
				c.Forbidden = append(c.Forbidden, k)
			}
		}
		for _, k := range p.Content.Advised {
			if !slices.Contains(c.Advised, k) {
				c.Advised = append(c.Advised, k)
			}
		}
		if len(c.Headings) == 0 {
			c.Headings = p.Content.Headings
		}
		if c.Title == "" {
			c.Title = p.Content.Title
		}
		if len(c.Channels) == 0 {
			c.Channels, c.SubstituteWords = p.Content.Channels, p.Content.SubstituteWords
		}
		if c.Citation == "" {
			c.Citation = p.Content.Citation
		}
		c.ForbiddenWins = c.ForbiddenWins || p.Content.ForbiddenWins
		if l := p.Content.Language; l != nil && len(c.Languages) == 0 {
			r := *l
			r.Jurisdiction = p.ID
			c.Languages = []LanguageRule{r}
		}
		for _, w := range p.Content.When {
			if _, ok := c.condition(w.Key); !ok {
				c.When = append(c.When, w)
			}
		}
		for _, w := range p.Content.AdvisedWhen {
			if _, ok := conditionIn(c.AdvisedWhen, w.Key); !ok {
				c.AdvisedWhen = append(c.AdvisedWhen, w)
			}
		}
		c.MinFontSize = max(c.MinFontSize, p.Content.MinFontSize)
	}
	// Forbidden wins: a key a child forbids is not required by its parent.
	c.Required = slices.DeleteFunc(c.Required, func(k string) bool { return slices.Contains(c.Forbidden, k) })
	return c
}

// Language returns the default letter language of j (its first listed).
func (j *Jurisdiction) Language() string {
	if len(j.Languages) == 0 {
		return "en"
	}
	return j.Languages[0]
}

// Agencies returns the agencies of role in j's chain (nearest first).
func (s *Set) Agencies(j *Jurisdiction, role string) []Agency {
	for _, p := range s.Chain(j) {
		var out []Agency
		for _, a := range p.Agencies {
			if a.Role == role {
				out = append(out, a)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
