package locales

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Regional variants. A file with a parent ("en-GB.toml": language =
// "en-GB", parent = "en") overrides some of its parent's messages (and
// optionally its months and date layouts) for readers in the countries
// it lists whose letter language is the parent. Everything it does not
// override is the parent's.

// addVariants checks the variants and attaches each to its parent,
// completed with the parent's messages and dates. It returns the
// problems found.
func (cs Catalogs) addVariants(vs []*Catalog) []string {
	var probs []string
	claimed := map[string]string{} // parent/country -> locale
	sort.Slice(vs, func(i, j int) bool { return vs[i].file.Language < vs[j].file.Language })
	for _, v := range vs {
		ps := cs.checkVariant(v)
		for _, cc := range v.file.Countries {
			k := v.file.Parent + "/" + cc
			if other, ok := claimed[k]; ok {
				ps = append(ps, fmt.Sprintf("country %q is claimed by both %q and %q", cc, other, v.file.Language))
			}
			claimed[k] = v.file.Language
		}
		for _, p := range ps {
			probs = append(probs, fmt.Sprintf("locales/%s.toml: locales: %s", v.file.Language, p))
		}
		if len(ps) == 0 {
			p := cs[v.file.Parent]
			v.inherit(p)
			p.variants = append(p.variants, v)
		}
	}
	return probs
}

// checkVariant returns what is wrong with variant v: its tag, its
// parent, its countries and its messages against the parent's.
func (cs Catalogs) checkVariant(v *Catalog) []string {
	var ps []string
	f := v.file
	base, _ := v.Tag.Base()
	_, conf := v.Tag.Region()
	if base.String() != f.Parent || conf != language.Exact || v.Tag.String() != f.Language {
		ps = append(ps, fmt.Sprintf("language %q is not parent %q with a region (\"%s-GB\")", f.Language, f.Parent, f.Parent))
	}
	p := cs[f.Parent]
	if p == nil {
		return append(ps, fmt.Sprintf("parent %q has no catalog", f.Parent))
	}
	if len(f.Countries) == 0 {
		ps = append(ps, "countries is missing: a variant names the countries whose readers get it")
	}
	for _, cc := range f.Countries {
		if !isCountry(cc) {
			ps = append(ps, fmt.Sprintf("country %q is not an ISO 3166-1 alpha-2 country code (\"GB\", \"CA\")", cc))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(f.Messages)) {
		ps = append(ps, checkOverride(k, f.Messages[k], p)...)
	}
	return ps
}

// checkOverride checks one message a variant overrides against its
// parent's: the parent has it, with the same kind (text or plural) and
// the same placeholders.
func checkOverride(k string, m Message, p *Catalog) []string {
	pm, ok := p.file.Messages[k]
	if !ok {
		return []string{fmt.Sprintf("message %q is not in parent %q", k, p.file.Language)}
	}
	forms := m.Forms()
	if len(forms) == 0 {
		return []string{fmt.Sprintf("message %q is empty", k)}
	}
	_, plain := forms["text"]
	_, parentPlain := pm.Forms()["text"]
	if plain != parentPlain {
		return []string{fmt.Sprintf("message %q is %s, in parent %q %s", k, kind(plain), p.file.Language, kind(parentPlain))}
	}
	if len(m.Omits) == 0 {
		m.Omits = pm.Omits
	}
	if got, want := withOmits(m), withOmits(pm); !slices.Equal(got, want) {
		return []string{fmt.Sprintf("message %q uses placeholders %v, parent %q uses %v", k, got, p.file.Language, want)}
	}
	return nil
}

func kind(plain bool) string {
	if plain {
		return "a text"
	}
	return "plural"
}

// withOmits returns the placeholders a message uses and those it leaves
// out on purpose, sorted, each once.
func withOmits(m Message) []string {
	out := placeholdersOf(m)
	for _, o := range m.Omits {
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	sort.Strings(out)
	return out
}

// isCountry reports whether cc is an ISO 3166-1 alpha-2 country code.
func isCountry(cc string) bool {
	if len(cc) != 2 || strings.ToUpper(cc) != cc {
		return false
	}
	r, err := language.ParseRegion(cc)
	return err == nil && r.IsCountry() && r.Canonicalize().String() == cc // "UK" is "GB"
}

// inherit completes variant v with what it does not override of parent
// p: messages, months, date layouts, first day, name.
func (v *Catalog) inherit(p *Catalog) {
	v.parent = p
	f := &v.file
	v.own = slices.Sorted(maps.Keys(f.Messages))
	if len(f.Months) == 0 {
		f.Months = p.file.Months
	}
	if f.DateLayout == "" {
		f.DateLayout = p.file.DateLayout
	}
	layouts := maps.Clone(p.file.DateLayouts)
	if layouts == nil {
		layouts = map[string]string{}
	}
	maps.Copy(layouts, f.DateLayouts)
	f.DateLayouts = layouts
	if f.FirstDay == "" {
		f.FirstDay = p.file.FirstDay
	}
	if v.Name == "" {
		v.Name = p.Name
	}
	msgs := maps.Clone(p.file.Messages)
	for k, m := range f.Messages {
		if m.Note == "" {
			m.Note = msgs[k].Note
		}
		if len(m.Omits) == 0 {
			m.Omits = msgs[k].Omits
		}
		msgs[k] = m
	}
	f.Messages = msgs
	for k, t := range p.compiled {
		if !slices.Contains(v.own, k.key) {
			v.compiled[k] = t
		}
	}
}

// For returns the catalog for a letter in base language lang to a reader
// in country: the variant of lang that claims the country, else lang's
// own catalog; nil when lang has no catalog.
func (cs Catalogs) For(lang, country string) *Catalog {
	c := cs[lang]
	if c == nil {
		return nil
	}
	for _, v := range c.variants {
		if slices.Contains(v.file.Countries, country) {
			return v
		}
	}
	return c
}

// Locale returns the catalog of a locale as Catalog.Locale gives it
// ("en", "en-GB"), or nil.
func (cs Catalogs) Locale(locale string) *Catalog {
	base, _, _ := strings.Cut(locale, "-")
	c := cs[base]
	if c == nil || c.file.Language == locale {
		return c
	}
	for _, v := range c.variants {
		if v.file.Language == locale {
			return v
		}
	}
	return nil
}

// Locales returns every locale, base languages and their variants,
// sorted ("en", "en-GB", "fr", ...).
func (cs Catalogs) Locales() []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.file.Language)
		for _, v := range c.variants {
			out = append(out, v.file.Language)
		}
	}
	sort.Strings(out)
	return out
}
