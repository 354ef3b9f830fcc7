package fonts

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/breachnotice/breachnotice/locales"
)

// Why subsets: every worker's fpdf canvas (letters/pdffile) parses the faces it
// registers (AddUTF8FontFromBytes: the cmap, a width for every glyph) and
// keeps what it parsed, and each face's Program keeps a map of its
// characters; for Noto Sans SC (10.5 MB, 30,000 characters) that is a
// noticeable start-up time and memory per worker. A run's letters use a
// few hundred to a few thousand characters, known before the first
// letter is written: the catalogs, the incident file, the rules' agency
// and authority names and the persons' names and addresses. Fonts cut
// once per run to those characters are 60 to 200 KB files instead.
//
// The cut is fpdf's own (fpdf.UTF8CutFont, the code fpdf subsets the fonts
// of its own documents with), so the fonts fpdf reads are of the kind it
// makes itself: glyf outlines copied byte for byte (composite glyphs with their
// components, renumbered), hmtx, a format 4 cmap, and head, hhea, maxp,
// OS/2, post, name and the hinting tables of the original. Build checks
// the result with a second parser (golang.org/x/image/font/sfnt): every
// character kept maps to a glyph with the same advance width as in the
// full font, and the typesetter picks the same face for every character
// added, so text is measured, broken and placed exactly as with the full
// fonts, and each letter embeds the same glyphs
// (TestSubsetRendersLikeFullFonts).

// SubsetBuilder collects the characters of a run and cuts Fonts holding
// only those (see Fonts.NewSubsetBuilder). Its methods are safe for
// concurrent use.
type SubsetBuilder struct {
	full   *Fonts
	mu     sync.Mutex
	runes  RuneSet
	astral map[rune]bool // characters added from outside the BMP
	err    error
}

// NewSubsetBuilder starts a subset of f for one run. It already holds the
// characters every letter may need: the text of the embedded catalogs
// (every message and plural form, month names, country names, as written
// and in capitals), ASCII and Latin-1, general punctuation, CJK and
// full-width punctuation, U+FFFD and the list markers and digits.
//
// Add the rest before Build: the texts of the incident file, of the rules
// (agencies, authorities) and of every person of the run. A character that was not
// added does not break a letter: the letter that has it is rendered with
// the full fonts, correctly but at the old cost (Fonts.FellBack counts
// those letters).
func (f *Fonts) NewSubsetBuilder() *SubsetBuilder {
	b := &SubsetBuilder{full: f.root(), astral: map[rune]bool{}}
	for r := rune(0); r < 0x100; r++ {
		b.runes.Add(r)
	}
	for _, rg := range [][2]rune{
		{0x2000, 0x206F}, // general punctuation (dashes, quotes, narrow no-break space, ellipsis)
		{0x20AC, 0x20AC}, // euro sign
		{0x2116, 0x2116}, // numero sign
		{0x3000, 0x303F}, // CJK symbols and punctuation
		{0xFF01, 0xFF5E}, // full-width ASCII
		{0xFFFD, 0xFFFD}, // replacement character
	} {
		for r := rg[0]; r <= rg[1]; r++ {
			b.runes.Add(r)
		}
	}
	// List markers, page numbers and the return address's separator.
	b.Add("•0123456789.?", " · ")
	texts, err := locales.Texts(locales.FS())
	if err != nil {
		b.err = err
	}
	b.Add(texts...)
	return b
}

// SubsetFor returns fonts holding only the glyphs needed for texts plus
// what NewSubsetBuilder always includes (the catalogs, punctuation). It
// is NewSubsetBuilder, Add(texts...), Build: texts should hold the
// incident file's text and the persons' names and addresses (letters with
// other characters are rendered with the full fonts).
func (f *Fonts) SubsetFor(texts ...string) (*Fonts, error) {
	b := f.NewSubsetBuilder()
	b.Add(texts...)
	return b.Build()
}

// Add adds the characters of texts, as written and in capitals (addresses
// print some lines in capitals).
func (b *SubsetBuilder) Add(texts ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range texts {
		b.addLocked(s)
	}
}

func (b *SubsetBuilder) addLocked(s string) {
	ascii := true
	for _, r := range s {
		b.addRune(r)
		ascii = ascii && r < 0x80
	}
	if !ascii {
		for _, r := range strings.ToUpper(s) {
			b.addRune(r)
		}
	}
}

func (b *SubsetBuilder) addRune(r rune) {
	if r > 0xFFFF {
		b.astral[r] = true
		return
	}
	b.runes.Add(r)
}

// Build cuts the four faces to the characters added (20-40 ms for the
// sample run, most of it reading the full CJK face; the four are cut in
// parallel). Adding a person costs about 0.5 µs. The fonts
// it returns are safe for concurrent use by many renderers, and
// render every letter exactly as the full fonts do: a letter with a
// character outside the subset is rendered with the full fonts.
func (b *SubsetBuilder) Build() (*Fonts, error) {
	if b.full == nil {
		return nil, fmt.Errorf("%w: a SubsetBuilder must come from Fonts.NewSubsetBuilder", ErrFont)
	}
	b.mu.Lock()
	want := b.runes
	astral := map[rune]bool{}
	for r := range b.astral {
		astral[r] = true
	}
	err := b.err
	b.mu.Unlock()
	if err != nil {
		return nil, err
	}
	full := b.full
	sub := &Fonts{full: full, fellBack: new(atomic.Int64)}
	pairs := []facePair{
		{&sub.Latin, full.Latin}, {&sub.LatinBold, full.LatinBold},
		{&sub.CJK, full.CJK}, {&sub.CJKBold, full.CJKBold},
		{&sub.Hangul, full.Hangul},
	}
	pairs = slices.DeleteFunc(pairs, func(p facePair) bool { return p.src == nil })
	errs := make([]error, len(pairs))
	var wg sync.WaitGroup
	for i, p := range pairs {
		wg.Go(func() {
			*p.dst, errs[i] = cutFace(p.src, &want)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	// A character a full face has but its cut lacks would be drawn in
	// another face, or replaced: letters with it use the full fonts.
	for _, r := range want.Runes() {
		for _, p := range pairs {
			if p.src.Has(r) != (*p.dst).Has(r) {
				want.Remove(r)
			}
		}
	}
	// Outside the BMP a subset has nothing (fpdf reads only the format 4
	// cmap): a character no full face has either is replaced alike.
	for r := range astral {
		for _, p := range pairs {
			if p.src.Has(r) {
				delete(astral, r)
			}
		}
	}
	sub.runes, sub.astral = &want, astral
	return sub, nil
}

// facePair is a face of the full fonts (src) and where its cut goes.
type facePair struct {
	dst **Face
	src *Face
}

// cutFace returns f cut to the characters of want it has, checked: every
// character kept maps to a glyph whose advance is the full face's.
func cutFace(f *Face, want *RuneSet) (face *Face, err error) {
	var keep []rune
	for _, r := range want.Runes() {
		if f.Has(r) {
			keep = append(keep, r)
		}
	}
	defer func() {
		if v := recover(); v != nil {
			face, err = nil, fmt.Errorf("%w %q: cutting a subset: %v", ErrFont, f.Family, v)
		}
	}()
	ttf := fpdf.UTF8CutFont(f.PDFBytes(), string(keep))
	if len(ttf) == 0 {
		return nil, fmt.Errorf("%w %q: cutting a subset failed", ErrFont, f.Family)
	}
	if err := CheckTrueType(ttf); err != nil {
		return nil, fmt.Errorf("%w %q subset: %w", ErrFont, f.Family, err)
	}
	font, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("%w %q subset: %w", ErrFont, f.Family, err)
	}
	upem := fixed.I(int(f.font.UnitsPerEm()))
	if font.UnitsPerEm() != f.font.UnitsPerEm() {
		return nil, fmt.Errorf("%w %q subset: %d units per em, want %d", ErrFont, f.Family, font.UnitsPerEm(), f.font.UnitsPerEm())
	}
	var cover RuneSet
	var b1, b2 sfnt.Buffer
	for _, r := range keep {
		g2, err := font.GlyphIndex(&b2, r)
		if err != nil || g2 == 0 {
			continue // not kept: letters with r use the full fonts
		}
		g1, _ := f.font.GlyphIndex(&b1, r)
		a1, err1 := f.font.GlyphAdvance(&b1, g1, upem, 0)
		a2, err2 := font.GlyphAdvance(&b2, g2, upem, 0)
		if err1 != nil || err2 != nil || a1 != a2 {
			return nil, fmt.Errorf("%w %q subset: %q (U+%04X) advance %v, want %v", ErrFont, f.Family, r, r, a2, a1)
		}
		cover.Add(r)
	}
	return &Face{Family: f.Family, Bold: f.Bold, TTF: ttf, font: font, cover: &cover, subset: true, shareable: fullMetrics(ttf), prog: &programResult{}}, nil
}

// root returns the full fonts f was cut from (f itself if it is full).
func (f *Fonts) root() *Fonts {
	if f.full != nil {
		return f.full
	}
	return f
}

// IsSubset reports whether f was made by SubsetFor or SubsetBuilder.Build.
func (f *Fonts) IsSubset() bool { return f.full != nil }

// FellBack returns how many letters rendered with f (a subset) had a
// character outside it and were rendered with the full fonts instead.
func (f *Fonts) FellBack() int64 {
	if f.fellBack == nil {
		return 0
	}
	return f.fellBack.Load()
}

// ForTexts returns the fonts to set texts in: f, or, when f is a subset
// that lacks one of their characters, the full fonts f was cut from
// (counted by FellBack).
func (f *Fonts) ForTexts(texts ...[]string) *Fonts {
	if f.full == nil {
		return f
	}
	for _, ss := range texts {
		for _, s := range ss {
			for _, r := range s {
				if !f.runes.Has(r) && !f.astral[r] {
					f.fellBack.Add(1)
					return f.full
				}
			}
		}
	}
	return f
}
