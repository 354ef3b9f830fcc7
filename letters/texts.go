package letters

import (
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/rules"
)

// The texts a letter prints: for the renderers (which characters to set
// in which face, which glyphs letters share) and for the font subsetter
// (the characters a run's letters may print).

// ReturnAddressSep separates the parts of the return address: a no-break
// space before the dot, so a line that must wrap ends with the dot and
// wraps only between parts (each part's own spaces are no-break too).
const ReturnAddressSep = "\u00a0· "

// ReturnAddress is the sender's address on one line for the window's
// return zone: the legal name and the letterhead's postal lines (not its
// web address), their parts separated by middle dots.
func (l *Letter) ReturnAddress() string {
	var parts []string
	add := func(s string) {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
	}
	add(l.LegalName)
	for _, s := range l.Letterhead {
		s = strings.TrimSpace(s)
		if s == "" || s == strings.TrimSpace(l.LegalName) || isWebAddress(s) {
			continue
		}
		add(s)
	}
	if len(parts) <= 1 {
		return "" // a name without an address returns nothing
	}
	for i, p := range parts {
		parts[i] = NoBreak(p)
	}
	return strings.Join(parts, ReturnAddressSep)
}

// isWebAddress reports whether s looks like a web address (one word with
// a dot or a scheme), not a postal line.
func isWebAddress(s string) bool {
	return !strings.ContainsAny(s, " \u00a0") && (strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.Contains(s, "."))
}

// EachText calls f with every string drawn in the letter, whether it is
// set in bold, and whether letters of the same kind have it in common
// (all but the address and the bulleted lists, the person's data
// categories).
func (l *Letter) EachText(f func(s string, bold, shared bool)) {
	for _, s := range []string{l.Date, l.RefLine, l.Salutation, l.Opening, l.Closing, l.SignOff, l.PageLabel, l.ReturnAddress()} {
		f(s, false, true)
	}
	f(l.Brand, true, true)
	f(l.Title, true, true)
	for _, s := range l.Letterhead {
		f(s, false, true)
	}
	for _, s := range l.Address {
		f(s, false, false)
	}
	for i, s := range l.Signature {
		f(s, i == 0, true)
	}
	for _, s := range l.Sections {
		f(s.Heading, true, true)
		for _, p := range s.Paragraphs {
			f(p.Text, false, true)
			for _, b := range p.Bullets {
				f(b, false, false)
			}
			for _, st := range p.Steps {
				f(st, false, true)
			}
		}
	}
	// List markers and page numbers.
	f("•0123456789.", false, true)
}

// SharedTexts returns the letter's shared texts (see EachText) once the
// recipient's own data is taken out of them (name, address, e-mail
// address, customer id, activation code, and their words of two or more
// characters, each replaced by a space): their characters are the ones
// this letter shares with other letters of the same kind, whose glyphs
// the PDF writer compresses once for all of them. Any split is correct
// (the font has every character the letter draws either way, and only
// those); this one makes the shared part the same for letters that differ
// only in the recipient.
func (l *Letter) SharedTexts() []string {
	var own []string
	for _, s := range slices.Concat(l.Address, l.own, []string{l.ToName, l.ToEmail}) {
		own = append(own, s)
		own = append(own, strings.Fields(s)...)
	}
	own = slices.DeleteFunc(own, func(s string) bool { return utf8.RuneCountInString(s) < 2 })
	// Longest first, so that a whole line goes before its words.
	slices.SortStableFunc(own, func(a, b string) int { return len(b) - len(a) })
	var out []string
	l.EachText(func(t string, _, shared bool) {
		if !shared {
			return
		}
		for _, o := range own {
			if strings.Contains(t, o) {
				t = strings.ReplaceAll(t, o, " ")
			}
		}
		out = append(out, t)
	})
	return out
}

// PersonTexts returns what a letter prints of p: name, address and
// activation code.
func PersonTexts(p customers.Person) []string {
	return []string{p.FullName, p.Street, p.PostalCode, p.City, p.Region, p.Country, p.ActivationCode}
}

// Texts returns every text of the incident file: the organization, the
// incident's text in every language, the offer.
func (in *Incident) Texts() []string {
	if in == nil {
		return nil
	}
	var texts []string
	collectStrings(reflect.ValueOf(in), &texts)
	return texts
}

// RuleTexts returns what letters quote from the rules: the names,
// addresses and telephone numbers of the agencies (credit bureaus, FTC),
// the authorities and their contacts, and the authorities individuals
// complain to.
func RuleTexts(set *rules.Set) []string {
	if set == nil {
		return nil
	}
	var texts []string
	for _, j := range set.All() {
		for _, role := range rules.AgencyRoles {
			for _, a := range set.Agencies(j, role) {
				texts = append(texts, a.Name, a.Phone, a.Address, a.Website)
			}
		}
		for _, o := range set.Obligations(j) {
			texts = append(texts, o.Obligation.Authority, o.Obligation.Contact)
		}
		if c := j.Complaints; c != nil {
			texts = append(texts, c.Authority, c.Website, c.Phone)
			for _, n := range c.Names {
				texts = append(texts, n)
			}
		}
	}
	return texts
}

// collectStrings appends every string reachable from v through pointers,
// interfaces, exported struct fields, slices, arrays and maps (keys and
// values).
func collectStrings(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectStrings(v.Elem(), out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				collectStrings(v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectStrings(v.Index(i), out)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			collectStrings(it.Key(), out)
			collectStrings(it.Value(), out)
		}
	}
}
