package fonts

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/locales"
)

// TestSubsetFaces: a subset face has exactly the characters it was cut for
// that its full face has, nothing outside the BMP, and is small; the
// fonts' character set holds the catalogs, the incident and the readers.
func TestSubsetFaces(t *testing.T) {
	e := loadEnv(t)
	sub := runSubset(t)
	if !sub.IsSubset() || e.fonts.IsSubset() {
		t.Fatal("IsSubset")
	}
	pairs := [][2]*Face{{e.fonts.Latin, sub.Latin}, {e.fonts.LatinBold, sub.LatinBold}, {e.fonts.CJK, sub.CJK}, {e.fonts.CJKBold, sub.CJKBold}}
	for _, p := range pairs {
		full, cut := p[0], p[1]
		n := 0
		for r := rune(0); r <= 0xFFFF; r++ {
			want := full.Has(r) && sub.runes.Has(r)
			if cut.Has(r) != want {
				t.Errorf("%s bold=%v: Has(%q) = %v, want %v", cut.Family, cut.Bold, r, !want, want)
			}
			if want {
				n++
			}
		}
		if cut.Has('😀') || cut.Has(0x20000) {
			t.Errorf("%s: a subset face has characters outside the BMP", cut.Family)
		}
		t.Logf("%s bold=%v: %d characters, %d KB (full: %d KB)", cut.Family, cut.Bold, n, len(cut.TTF)>>10, len(full.TTF)>>10)
		if len(cut.TTF) > 400<<10 {
			t.Errorf("%s bold=%v: subset is %d bytes", cut.Family, cut.Bold, len(cut.TTF))
		}
	}
	for _, s := range []string{"Jürgen Müller", "JÜRGEN", "王芳", "浦东新区世纪大道100号", "Республика Татарстан", "\uFFFD•…«»“”—\u00a0\u202f", e.in.Organization.LegalName, e.in.Incident.Text["zh"].WhatHappened} {
		for _, r := range s {
			if !sub.runes.Has(r) {
				t.Errorf("the subset lacks %q (from %q)", r, s)
			}
		}
	}
	cats, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	for lang, c := range cats {
		for _, k := range c.Keys() {
			m, _ := c.Message(k)
			for form, s := range m.Forms() {
				for _, r := range s + strings.ToUpper(s) {
					if !sub.runes.Has(r) {
						t.Errorf("%s %s (%s): the subset lacks %q", lang, k, form, r)
					}
				}
			}
		}
		for month := 1; month <= 12; month++ {
			for _, r := range c.Date(testNow.AddDate(0, month, 0), "US") {
				if !sub.runes.Has(r) {
					t.Errorf("%s date: the subset lacks %q", lang, r)
				}
			}
		}
	}
}

// TestSubsetGlyphsAreTheFullFontsGlyphs: every character of every subset
// face has the outline (composite glyphs resolved through their
// renumbered components) and the advance width it has in the full face.
func TestSubsetGlyphsAreTheFullFontsGlyphs(t *testing.T) {
	e := loadEnv(t)
	sub := runSubset(t)
	pairs := [][2]*Face{{e.fonts.Latin, sub.Latin}, {e.fonts.LatinBold, sub.LatinBold}, {e.fonts.CJK, sub.CJK}, {e.fonts.CJKBold, sub.CJKBold}}
	for _, p := range pairs {
		full, cut := p[0], p[1]
		ppem := fixed.I(int(full.font.UnitsPerEm()))
		var b1, b2 sfnt.Buffer
		checked, composite := 0, 0
		for _, r := range cut.cover.Runes() {
			g1, err1 := full.font.GlyphIndex(&b1, r)
			g2, err2 := cut.font.GlyphIndex(&b2, r)
			if err1 != nil || err2 != nil || g1 == 0 || g2 == 0 {
				t.Fatalf("%s: %q: glyph %d, %d (%v, %v)", cut.Family, r, g1, g2, err1, err2)
			}
			a1, _ := full.font.GlyphAdvance(&b1, g1, ppem, 0)
			a2, _ := cut.font.GlyphAdvance(&b2, g2, ppem, 0)
			s1, err1 := full.font.LoadGlyph(&b1, g1, ppem, nil)
			s1 = slices.Clone(s1)
			s2, err2 := cut.font.LoadGlyph(&b2, g2, ppem, nil)
			if err1 != nil || err2 != nil || a1 != a2 || !slices.Equal(s1, s2) {
				t.Errorf("%s bold=%v: %q (U+%04X) differs from the full face's glyph (advance %v, %v; errors %v, %v)", cut.Family, cut.Bold, r, r, a2, a1, err2, err1)
			}
			if isComposite(t, cut.TTF, g2) {
				composite++
			}
			checked++
		}
		t.Logf("%s bold=%v: %d glyphs checked, %d composite", cut.Family, cut.Bold, checked, composite)
		if full.Family == "dejavu" && composite == 0 {
			t.Errorf("%s: no composite glyph checked (DejaVu builds accented letters from components)", cut.Family)
		}
	}
}

// isComposite reports whether glyph gid of a TrueType file is composite
// (numberOfContours < 0).
func isComposite(t *testing.T, ttf []byte, gid sfnt.GlyphIndex) bool {
	t.Helper()
	table := func(tag string) []byte {
		n := int(binary.BigEndian.Uint16(ttf[4:]))
		for i := range n {
			rec := ttf[12+16*i:]
			if string(rec[:4]) == tag {
				off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
				return ttf[off : off+size]
			}
		}
		t.Fatalf("no %s table", tag)
		return nil
	}
	head, loca, glyf := table("head"), table("loca"), table("glyf")
	var start, end uint32
	if binary.BigEndian.Uint16(head[50:]) == 0 {
		start, end = 2*uint32(binary.BigEndian.Uint16(loca[2*gid:])), 2*uint32(binary.BigEndian.Uint16(loca[2*gid+2:]))
	} else {
		start, end = binary.BigEndian.Uint32(loca[4*gid:]), binary.BigEndian.Uint32(loca[4*gid+4:])
	}
	return end > start && int16(binary.BigEndian.Uint16(glyf[start:])) < 0
}

// TestFaceCoverage: the coverage computed when a face is made is what the
// font's cmap says (the table fpdf reads for the BMP).
func TestFaceCoverage(t *testing.T) {
	e := loadEnv(t)
	var buf sfnt.Buffer
	for _, f := range []*Face{e.fonts.Latin, e.fonts.LatinBold, e.fonts.CJK, e.fonts.CJKBold} {
		for _, r := range []rune{0, ' ', 'a', 'é', 'Ж', '€', '中', '龘', '，', '\uFFFD', 0xE000, 0xFFFF, 0x10000, 0x1F600, 0x20000, 0x10FFFF} {
			g, err := f.font.GlyphIndex(&buf, r)
			if want := err == nil && g != 0; f.Has(r) != want {
				t.Errorf("%s bold=%v: Has(%q) = %v, want %v", f.Family, f.Bold, r, !want, want)
			}
		}
	}
}

// TestAddRulesAndIncident: what letters quote from the rules and the
// incident file (letters.RuleTexts, Incident.Texts) is in the builder's
// set.
func TestAddRulesAndIncident(t *testing.T) {
	e := loadEnv(t)
	b := e.fonts.NewSubsetBuilder()
	b.Add(e.in.Texts()...)
	b.Add(letters.RuleTexts(e.set)...)
	var want []string
	for _, t := range e.in.Incident.Text {
		want = append(want, t.WhatHappened, t.WhatWeAreDoing, t.NotYetKnown)
	}
	want = append(want, e.in.Organization.PostalAddress, e.in.Organization.SignatoryName, e.in.Organization.SignatoryTitle)
	if e.in.Offer != nil {
		want = append(want, e.in.Offer.Provider)
	}
	for _, j := range e.set.All() {
		for _, o := range e.set.Obligations(j) {
			want = append(want, o.Obligation.Authority, o.Obligation.Contact)
		}
		for _, a := range e.set.Agencies(j, "cra") {
			want = append(want, a.Name, a.Address)
		}
	}
	for _, s := range want {
		for _, r := range s {
			if !b.runes.Has(r) {
				t.Errorf("the builder lacks %q (from %q)", r, s)
			}
		}
	}
}

// TestFaceShareable: fpdf v0.12.0 writes into the font bytes it is given
// when it embeds a glyph past the font's last full horizontal metric (the
// bold Noto subset's ㄧ, ‘, ’, “, ”): such a face is not shareable, and
// PDFBytes hands fpdf a copy; a subset has a full metric for every glyph.
// (letters/pdf's TestFontBytesNotWrittenByFpdf renders with them.)
func TestFaceShareable(t *testing.T) {
	e := loadEnv(t)
	probe := bytes.Clone(e.fonts.CJKBold.TTF)
	fpdf.UTF8CutFont(probe, "ㄧ")
	if bytes.Equal(probe, e.fonts.CJKBold.TTF) {
		t.Log("fpdf no longer writes into the font it cuts: Face.PDFBytes need not copy")
	} else if e.fonts.CJKBold.shareable {
		t.Error("the bold CJK face is marked shareable, but fpdf writes into it")
	}
	sub, err := e.fonts.SubsetFor("ㄧ明")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sub.Faces() {
		if !f.shareable || !f.subset {
			t.Errorf("%s bold=%v: shareable %v, subset %v: want a subset with a full metric per glyph", f.Family, f.Bold, f.shareable, f.subset)
		}
	}
}
