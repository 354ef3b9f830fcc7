package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ContentOf merges the content rules of the given jurisdictions (a
// person's residence and the overlays that covered them), as a decision
// does: the union of required keys, the strictest type size, and conflicts
// resolved as counsel decided or, until then, as the forbidding law says.
// categories are the person's data categories, for the keys a law requires
// only for some data (nil: not known, every such key kept). It fails for
// an unknown id.
func (s *Set) ContentOf(ids, categories []string, decisions ...CounselDecision) (Content, []Conflict, error) {
	var cs []Content
	var owners []*Jurisdiction
	for _, id := range ids {
		j, ok := s.byID[id]
		if !ok {
			return Content{}, nil, fmt.Errorf("rules: unknown jurisdiction %q", id)
		}
		cs = append(cs, s.Content(j).For(categories))
		owners = append(owners, j)
	}
	if len(cs) == 0 {
		return Content{}, nil, fmt.Errorf("rules: no jurisdiction given")
	}
	c, conflicts := mergeContent(cs, owners, decisions)
	return c, conflicts, nil
}

// ContentFrom returns the ids of the jurisdictions whose content rules
// make up d.Content: those under which the breach is notifiable for the
// person, or the residence alone when none is.
func (d Decision) ContentFrom() []string {
	var ids []string
	for _, a := range d.Applied {
		if a.Triggered {
			ids = append(ids, a.Jurisdiction.ID)
		}
	}
	if len(ids) == 0 && d.Jurisdiction != nil {
		ids = []string{d.Jurisdiction.ID}
	}
	return ids
}

// LanguageFinding is a law's language requirement that letters in another
// language do not meet, with the persons concerned.
type LanguageFinding struct {
	LanguageRule
	// Language is the language the letters are in.
	Language string
	// NoCatalog: none of the required languages has a catalog, so the
	// letters fell back to Language; otherwise the person's own language
	// was chosen over the required one.
	NoCatalog bool
	Persons   int
}

// ID names the finding: "BR:pt:en" (the jurisdiction, the required
// languages and the letters' language).
func (f LanguageFinding) ID() string {
	return f.Jurisdiction + ":" + strings.Join(f.Required, "/") + ":" + f.Language
}

// String says the finding in words, with the citation.
func (f LanguageFinding) String() string {
	why := "the person's own language was chosen"
	if f.NoCatalog {
		why = "no letter catalog exists for " + strings.Join(f.Required, " or ")
	}
	return fmt.Sprintf("%s requires the letter in %s (%s), but %d %s in %s: %s; counsel must decide (translate, or record why not)",
		f.Jurisdiction, strings.Join(f.Required, " or "), f.Citation, f.Persons, plural(f.Persons, "letter is", "letters are"), f.Language, why)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// LanguageTally counts the language findings of many letters, by ID.
type LanguageTally map[string]*LanguageFinding

// Add counts one letter in lang whose content rules are c; hasCatalog
// reports whether a language has a letter catalog.
func (t LanguageTally) Add(c Content, lang string, hasCatalog func(string) bool) {
	for _, r := range c.LanguagesUnmet(lang) {
		f := LanguageFinding{LanguageRule: r, Language: lang, NoCatalog: !slices.ContainsFunc(r.Required, hasCatalog)}
		if n, ok := t[f.ID()]; ok {
			n.Persons++
			continue
		}
		f.Persons = 1
		t[f.ID()] = &f
	}
}

// List returns the findings sorted by ID.
func (t LanguageTally) List() []LanguageFinding {
	out := make([]LanguageFinding, 0, len(t))
	for _, id := range slices.Sorted(maps.Keys(t)) {
		out = append(out, *t[id])
	}
	return out
}
