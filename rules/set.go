package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Set is a validated collection of jurisdictions.
type Set struct {
	byID     map[string]*Jurisdiction
	byCode   map[string]*Jurisdiction // country or subdivision code -> rule
	fallback *Jurisdiction
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
	if s.fallback == nil && len(js) > 0 {
		probs = append(probs, Problem{File: "(set)", Msg: "no fallback rule (a file with fallback = true) for countries without a rule"})
	}
	return s, probs
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

// Match returns the most specific jurisdiction for a person in country
// (ISO 3166-1 alpha-2) and region (a subdivision code without the country
// prefix, e.g. "CA" for California; may be empty). A country without a rule
// gets the fallback rule.
func (s *Set) Match(country, region string) *Jurisdiction {
	country = strings.ToUpper(country)
	if region != "" {
		if j, ok := s.byCode[country+"-"+strings.ToUpper(region)]; ok {
			return j
		}
	}
	if j, ok := s.byCode[country]; ok {
		return j
	}
	return s.fallback
}

// Obligations returns the obligations in force for j: its own, plus those of
// its ancestors for recipients it does not itself define. Each result names
// the jurisdiction that defines it.
func (s *Set) Obligations(j *Jurisdiction) []Owned {
	var out []Owned
	defined := map[Recipient]bool{}
	for _, p := range s.Chain(j) {
		var mine []Recipient
		for _, o := range p.Obligations {
			if defined[o.Recipient] {
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
		if len(c.Headings) == 0 {
			c.Headings = p.Content.Headings
		}
		if c.Title == "" {
			c.Title = p.Content.Title
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
