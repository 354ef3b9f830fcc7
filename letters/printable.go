package letters

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters/customers"
)

// Printing a person's name and address: only what the fonts draw.
//
// A name or an address line keeps only the characters a face of the
// letter's fonts draws (Input.Drawable). Emoji are left out even where a
// face has a black-and-white glyph for them (DejaVu Sans draws ❤ and ☺):
// they are not part of a name or an address, and U+FE0F asks for them in
// colour. Left out with them are the characters that build emoji sequences
// (the zero width joiner of "👩‍💻", the variation selectors, the keycap, the
// skin tones, the tags of subdivision flags) and the character a U+FE0F or
// a keycap follows ("©️", "1️⃣"). U+FFFD, the mark of a character lost
// before the letter was written, is never printed. Spaces doubled by what
// was left out are collapsed. The customer file keeps the data as given.
//
// Scripts that need shaping or right-to-left ordering (needsShaping:
// Arabic, Hebrew, the Indic scripts, Thai...) are never printed, even
// where a face has their letters (DejaVu Sans has Arabic and Hebrew): the
// typesetter sets characters one by one from left to right, so they would
// come out unjoined and reversed. A name that loses letters is left out
// of the letter, which greets the reader without it (a warning names the
// script); a postal address that loses letters cannot be delivered, so
// Compose returns a *ScriptError and the run rejects the row.

// printable returns s with only what is printed kept (see above), and
// whether anything was left out. Lines ("\n" in a street) stay apart;
// other white space (a tab, "\r", a no-break space) is a space; spaces
// within a line are collapsed and trimmed.
func printable(s string, drawable func(rune) bool) (string, bool) {
	if drawable == nil {
		drawable = encodable
	}
	rs := []rune(s)
	var b strings.Builder
	dropped := false
	for i, r := range rs {
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == '\n':
		case unicode.IsSpace(r):
			r = ' ' // a tab, a no-break space: a space between words
		case emojiPart(r) || next == 0xFE0F || next == 0x20E3 || r == utf8.RuneError || needsShaping(r) || !drawable(r):
			dropped = true
			continue
		}
		b.WriteRune(r)
	}
	if !dropped && !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && r != '\n' && unicode.IsSpace(r) }) {
		return s, false
	}
	lines := strings.Split(b.String(), "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n"), dropped
}

// encodable is the rule when no fonts are given: the PDF fonts encode only
// the Basic Multilingual Plane.
func encodable(r rune) bool { return r <= 0xFFFF && (unicode.IsPrint(r) || unicode.IsSpace(r)) }

// emojiPart reports whether r is an emoji or builds an emoji sequence
// (Unicode Technical Standard #51, Unicode Emoji: ZWJ sequences §2.3,
// presentation selectors and keycaps §1.4.3 and §2.1, modifiers §2.4, tag
// sequences §2.8; https://www.unicode.org/reports/tr51/). The symbol
// blocks listed are those whose characters have emoji forms (arrows,
// technical symbols, geometric shapes, miscellaneous symbols, dingbats):
// none belongs in a name or an address. Letter-like symbols (№, °, ℃)
// are kept.
func emojiPart(r rune) bool {
	switch {
	case r == 0x200D, // zero width joiner
		r == 0x20E3,                  // combining enclosing keycap
		r >= 0xFE00 && r <= 0xFE0F,   // variation selectors
		r >= 0xE0000 && r <= 0xE01EF, // tags, variation selectors supplement
		r >= 0x1F000 && r <= 0x1FAFF, // emoji, regional indicators, skin tones
		r == 0x3030 || r == 0x303D || r == 0x3297 || r == 0x3299: // 〰 〽 ㊗ ㊙
		return true
	case r >= 0x2190 && r <= 0x21FF, // arrows
		r >= 0x2300 && r <= 0x23FF, // miscellaneous technical (⌚ ⏰)
		r >= 0x25A0 && r <= 0x27BF, // geometric shapes, miscellaneous symbols, dingbats
		r >= 0x2900 && r <= 0x297F, // supplemental arrows (⤴)
		r >= 0x2B00 && r <= 0x2BFF: // miscellaneous symbols and arrows (⭐)
		return unicode.IsSymbol(r)
	}
	return false
}

// printablePerson cleans the recipient's name and address lines (see
// printable) and returns the fields that lost characters, in a fixed
// order ("name", "street", ...).
func printablePerson(name, street, postcode, city, region *string, drawable func(rune) bool) []string {
	var changed []string
	for _, f := range []struct {
		field string
		s     *string
	}{{"name", name}, {"street", street}, {"postal code", postcode}, {"city", city}, {"region", region}} {
		var dropped bool
		if *f.s, dropped = printable(*f.s, drawable); dropped {
			changed = append(changed, f.field)
		}
	}
	return changed
}

// salutation is the key of the greeting: key, or its ".unnamed" form when
// the letter has no name to greet the reader by (the file gave none, or
// none of its characters can be printed).
func (c *composer) salutation(key string) string {
	if c.r.FullName == "" {
		return key + ".unnamed"
	}
	return key
}

// needsShaping reports whether r belongs to a script the typesetter cannot
// set: one written right to left, or whose letters join, reorder or stack
// (the complex scripts of the Unicode Standard, chapters 9 to 16). Their
// characters are never printed (see above).
func needsShaping(r rune) bool {
	return r >= 0x0590 && unicode.In(r, shapedScripts...)
}

var shapedScripts = []*unicode.RangeTable{
	// right to left
	unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
	unicode.Samaritan, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya,
	// South and South-East Asia
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati,
	unicode.Oriya, unicode.Tamil, unicode.Telugu, unicode.Kannada,
	unicode.Malayalam, unicode.Sinhala, unicode.Thai, unicode.Lao,
	unicode.Tibetan, unicode.Myanmar, unicode.Khmer, unicode.Mongolian,
	unicode.Balinese, unicode.Javanese, unicode.Sundanese, unicode.Tai_Tham,
}

// ErrUnprintableScript is wrapped by a *ScriptError.
var ErrUnprintableScript = errors.New("a script breachnotice cannot print")

// ScriptError is returned by Compose when a line of the postal address
// has letters no face draws (or in a script that needs shaping): printed
// without them, the address could not be delivered. It names the field
// and the scripts, never the text.
type ScriptError struct {
	Field   string   // customers.FieldStreet, FieldPostalCode, FieldCity or FieldRegion
	Scripts []string // Unicode script names ("Devanagari", "Hangul")
}

func (e *ScriptError) Error() string {
	return fmt.Sprintf("letters: %s: %v (%s)", e.Field, ErrUnprintableScript, strings.Join(e.Scripts, ", "))
}

func (e *ScriptError) Unwrap() error { return ErrUnprintableScript }

// lostScripts returns the scripts of the letters and digits of s that
// printable leaves out (emoji and symbols are not counted), sorted.
func lostScripts(s string, drawable func(rune) bool) []string {
	if drawable == nil {
		drawable = encodable
	}
	var out []string
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) || emojiPart(r) || !needsShaping(r) && drawable(r) {
			continue
		}
		if name := scriptOf(r); !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// scriptNames are the names of unicode.Scripts, sorted, without the
// shared Common and Inherited.
var scriptNames = sync.OnceValue(func() []string {
	var names []string
	for name := range unicode.Scripts {
		if name != "Common" && name != "Inherited" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
})

// scriptOf is the name of r's script ("Old Italic"), "Common" for one
// shared by several.
func scriptOf(r rune) string {
	for _, name := range scriptNames() {
		if unicode.Is(unicode.Scripts[name], r) {
			return strings.ReplaceAll(name, "_", " ")
		}
	}
	return "Common"
}

// addressScripts returns a *ScriptError for the first address field that
// would lose letters when printed, or nil.
func addressScripts(p *customers.Person, drawable func(rune) bool) error {
	for _, f := range []struct{ field, s string }{
		{customers.FieldStreet, p.Street}, {customers.FieldPostalCode, p.PostalCode}, {customers.FieldCity, p.City}, {customers.FieldRegion, p.Region},
	} {
		if scripts := lostScripts(f.s, drawable); len(scripts) > 0 {
			return &ScriptError{Field: f.field, Scripts: scripts}
		}
	}
	return nil
}
