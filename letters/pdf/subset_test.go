package letters

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/breachnotice/breachnotice/letters/pdftext"
	"github.com/breachnotice/breachnotice/locales"
)

// previewLetters composes a letter for every preview profile and
// language, with data categories that together exercise every step and
// statement (as TestGolden does).
func previewLetters(t testing.TB, e internalEnv) []*Letter {
	t.Helper()
	cats := map[string][]string{
		"EU":    {"name", "email", "password", "payment_card"},
		"US-CA": {"name", "email", "ssn", "drivers_license"},
		"US-MA": {"name", "email", "ssn", "payment_card"},
		"RU":    {"name", "email", "passport"},
		"CN":    {"name", "email", "national_id", "password_hash"},
	}
	var out []*Letter
	for _, profile := range PreviewProfiles {
		for _, lang := range testLangs {
			r, err := PreviewRecipient(lang, profile, cats[profile])
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, e.compose(t, r))
		}
	}
	return out
}

// previewSubset cuts the fonts for a run of the preview letters.
func previewSubset(t testing.TB, e internalEnv) *Fonts {
	t.Helper()
	b := e.fonts.NewSubsetBuilder()
	b.AddIncident(e.in)
	b.AddRules(e.set)
	for _, profile := range PreviewProfiles {
		for _, lang := range testLangs {
			r, err := PreviewRecipient(lang, profile, nil)
			if err != nil {
				t.Fatal(err)
			}
			b.AddRecipient(r)
		}
	}
	sub, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// rendered is what a PDF shows and embeds, for comparing two renderings.
type rendered struct {
	lines    []drawnLine
	spans    []pdftext.Span
	programs []string // sha256 of each embedded font program, sorted
	gidMaps  []string // sha256 of each CIDToGIDMap, sorted
	missing  []pdftext.MissingGlyph
	raw      []byte
}

func renderForCompare(t *testing.T, l *Letter, fonts *Fonts) rendered {
	t.Helper()
	var out rendered
	var buf bytes.Buffer
	lc := *l
	if err := renderPDF(&buf, &lc, fonts, PDFOptions{Created: testNow}, func(d drawnLine) { out.lines = append(out.lines, d) }); err != nil {
		t.Fatal(err)
	}
	out.raw = buf.Bytes()
	doc, err := pdftext.Parse(out.raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Pages {
		out.spans = append(out.spans, p.Spans...)
	}
	out.missing = doc.MissingGlyphs
	for _, f := range doc.Fonts {
		if !f.Embedded || !f.GlyphsChecked {
			t.Errorf("font %s: embedded %v, glyphs checked %v", f.Name, f.Embedded, f.GlyphsChecked)
		}
	}
	for _, s := range flateStreams(t, out.raw) {
		if bytes.HasPrefix(s, []byte{0, 1, 0, 0}) {
			out.programs = append(out.programs, fmt.Sprintf("%x", sha256.Sum256(s)))
		}
	}
	for _, m := range gidMaps(t, out.raw) {
		out.gidMaps = append(out.gidMaps, fmt.Sprintf("%x", sha256.Sum256(m)))
	}
	slices.Sort(out.programs)
	slices.Sort(out.gidMaps)
	return out
}

var gidMapRE = regexp.MustCompile(`/CIDToGIDMap (\d+) 0 R`)

var streamRE = regexp.MustCompile(`(?s)/FlateDecode[^>]*>>\nstream\n`)

// flateStreams returns the inflated FlateDecode streams of a PDF written
// by the letters' PDF writer.
func flateStreams(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, loc := range streamRE.FindAllIndex(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(pdf[loc[1]:]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil && err != io.ErrUnexpectedEOF {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// TestSubsetRendersLikeFullFonts: every preview letter rendered with the
// run's subset is the letter rendered with the full fonts: the same lines
// at the same places, the same text spans with the same widths, and the
// same embedded font programs and glyph maps, byte for byte (the writer
// cuts the glyphs a letter uses out of the subset just as out of the full
// font). Only the fonts' resource names, hashes fpdf makes of the fonts it
// was given, differ.
func TestSubsetRendersLikeFullFonts(t *testing.T) {
	e := loadEnv(t)
	ls := previewLetters(t, e)
	sub := previewSubset(t, e)
	for _, l := range ls {
		t.Run(l.Country+"-"+l.Lang+"-"+l.Reference, func(t *testing.T) {
			full, cut := renderForCompare(t, l, e.fonts), renderForCompare(t, l, sub)
			if !reflect.DeepEqual(full.lines, cut.lines) {
				t.Error("the layout differs")
			}
			if !reflect.DeepEqual(full.spans, cut.spans) {
				for i := range min(len(full.spans), len(cut.spans)) {
					if full.spans[i] != cut.spans[i] {
						t.Errorf("span %d: %+v, full fonts: %+v", i, cut.spans[i], full.spans[i])
						break
					}
				}
				t.Errorf("spans differ (%d, %d)", len(cut.spans), len(full.spans))
			}
			if len(full.programs) == 0 || !slices.Equal(full.programs, cut.programs) {
				t.Errorf("embedded font programs differ: %q, full fonts %q", cut.programs, full.programs)
			}
			if len(full.gidMaps) == 0 || !slices.Equal(full.gidMaps, cut.gidMaps) {
				t.Error("CIDToGIDMaps differ")
			}
			if len(cut.missing) > 0 {
				t.Errorf("missing glyphs: %+v", cut.missing)
			}
			if bytes.Equal(full.raw, cut.raw) {
				t.Error("test premise: the subset was not used (same font resource names)")
			}
		})
	}
	if n := sub.FellBack(); n != 0 {
		t.Errorf("%d letters fell back to the full fonts", n)
	}
}

// TestSubsetFallsBackToFullFonts: a letter with a character the run's
// subset was not cut for is rendered with the full fonts: byte for byte
// the letter the full fonts give, and counted.
func TestSubsetFallsBackToFullFonts(t *testing.T) {
	e := loadEnv(t)
	sub := runSubset(t)
	for _, tt := range []struct {
		lang, name string
		r          rune
	}{
		{"zh", "龘明", '龘'},        // a CJK character neither catalog nor reader has
		{"en", "Łucja Ŵyn", 'Ŵ'}, // Latin Extended-A
		{"ru", "Ѳедоръ", 'Ѳ'},    // pre-reform Cyrillic
	} {
		t.Run(tt.lang, func(t *testing.T) {
			if f := e.fonts.faceFor(tt.r, false); f == nil {
				t.Fatalf("test premise: the full fonts lack %q", tt.r)
			}
			if f := sub.faceFor(tt.r, false); f != nil {
				t.Fatalf("test premise: the subset has %q (in %s)", tt.r, f.Family)
			}
			r := testPeople[tt.lang]
			r.Name = tt.name
			l := e.compose(t, r)
			before := sub.FellBack()
			var full, cut bytes.Buffer
			if err := RenderPDF(&full, l, e.fonts, PDFOptions{Created: testNow}); err != nil {
				t.Fatal(err)
			}
			if err := RenderPDF(&cut, l, sub, PDFOptions{Created: testNow}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(full.Bytes(), cut.Bytes()) {
				t.Error("the letter differs from the one the full fonts give")
			}
			if got := sub.FellBack() - before; got != 1 {
				t.Errorf("FellBack grew by %d, want 1", got)
			}
			doc, err := pdftext.Parse(cut.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Text(), tt.name) || l.Replaced != 0 || len(doc.MissingGlyphs) > 0 {
				t.Errorf("%q not printed (replaced %d, missing %v)", tt.name, l.Replaced, doc.MissingGlyphs)
			}
		})
	}
}

// TestSubsetCharactersNoFontHas: characters no face has, in or outside
// the BMP, are replaced with the subset as with the full fonts, without
// falling back, when they were added.
func TestSubsetCharactersNoFontHas(t *testing.T) {
	e := loadEnv(t)
	const odd = "🙂\U000E0041\uE000"
	sub, err := e.fonts.SubsetFor(odd, e.in.Incident.Text["fr"].WhatHappened)
	if err != nil {
		t.Fatal(err)
	}
	l := e.compose(t, testPeople["fr"])
	l.Opening += " " + odd
	a, b := renderForCompare(t, l, e.fonts), renderForCompare(t, l, sub)
	if !reflect.DeepEqual(a.spans, b.spans) || !slices.Equal(a.programs, b.programs) {
		t.Error("the letter differs from the one the full fonts give")
	}
	var text strings.Builder
	for _, s := range b.spans {
		text.WriteString(s.Text)
	}
	if !strings.Contains(text.String(), "\uFFFD") {
		t.Error("no replacement character drawn")
	}
	if n := sub.FellBack(); n != 0 {
		t.Errorf("FellBack = %d, want 0", n)
	}
}

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
			want := full.Has(r) && sub.runes.has(r)
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
			if !sub.runes.has(r) {
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
					if !sub.runes.has(r) {
						t.Errorf("%s %s (%s): the subset lacks %q", lang, k, form, r)
					}
				}
			}
		}
		for month := 1; month <= 12; month++ {
			for _, r := range c.Date(testNow.AddDate(0, month, 0), "US") {
				if !sub.runes.has(r) {
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
		for _, r := range cut.cover.runes() {
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

// TestSubsetReproducible: the same characters give the same fonts, byte
// for byte, whatever order they were added in, and so the same PDFs.
func TestSubsetReproducible(t *testing.T) {
	e := loadEnv(t)
	ab := e.fonts.NewSubsetBuilder()
	ab.AddIncident(e.in)
	ab.Add("王芳", "Jürgen Müller", "浦东新区世纪大道100号上海市", "ул. Баумана, д. 44 Казань Республика Татарстан")
	a, err := ab.Build()
	if err != nil {
		t.Fatal(err)
	}
	bb := e.fonts.NewSubsetBuilder()
	bb.AddRecipient(testPeople["ru"])
	bb.AddRecipient(testPeople["zh"])
	bb.AddIncident(e.in)
	b, err := bb.Build()
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range [][2]*Face{{a.Latin, b.Latin}, {a.LatinBold, b.LatinBold}, {a.CJK, b.CJK}, {a.CJKBold, b.CJKBold}} {
		if !bytes.Equal(p[0].TTF, p[1].TTF) {
			t.Errorf("face %d differs between two builds", i)
		}
	}
	l := e.compose(t, testPeople["zh"])
	var x, y bytes.Buffer
	if err := RenderPDF(&x, l, a, PDFOptions{Created: testNow}); err != nil {
		t.Fatal(err)
	}
	if err := RenderPDF(&y, l, b, PDFOptions{Created: testNow}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Error("the same letter with two equal subsets gives different PDFs")
	}
	if a.FellBack() != 0 {
		t.Error("the zh test letter fell back to the full fonts")
	}
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

// TestRenderPDFConcurrent renders letters from many goroutines sharing one
// *Fonts (the full fonts and a subset, whose faces' coverage and font
// files every call reads): each PDF must be the one a lone call gives. Run
// with -race to prove there is no shared mutable state.
func TestRenderPDFConcurrent(t *testing.T) {
	e := loadEnv(t)
	sub := runSubset(t)
	type job struct {
		l     *Letter
		fonts *Fonts
		want  []byte
	}
	var jobs []job
	// The last letter's bold signatory ㄧ is a glyph past the bold CJK
	// face's last full metric (see TestFontBytesNotWrittenByFpdf).
	people := append(slices.Clone(testLangs), "zh-ㄧ")
	for _, fonts := range []*Fonts{e.fonts, sub} {
		for _, lang := range people {
			l := e.compose(t, testPeople[strings.TrimSuffix(lang, "-ㄧ")])
			if strings.HasSuffix(lang, "-ㄧ") {
				l.Signature = append([]string{"ㄧ明"}, l.Signature[1:]...)
			}
			var buf bytes.Buffer
			if err := RenderPDF(&buf, l, fonts, PDFOptions{Created: testNow}); err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, job{l, fonts, buf.Bytes()})
		}
	}
	builder := e.fonts.NewSubsetBuilder()
	const workers = 6
	rounds := 2
	if testing.Short() {
		rounds = 1
	}
	var wg sync.WaitGroup
	errs := make(chan string, workers*len(jobs)*rounds)
	for w := range workers {
		wg.Go(func() {
			for i := range rounds * len(jobs) {
				j := jobs[(w+i)%len(jobs)]
				// Each call gets its own copy of the letter (RenderPDF
				// records replacements in it); the fonts are shared.
				l := *j.l
				var buf bytes.Buffer
				if err := RenderPDF(&buf, &l, j.fonts, PDFOptions{Created: testNow}); err != nil {
					errs <- err.Error()
					continue
				}
				if !bytes.Equal(buf.Bytes(), j.want) {
					errs <- fmt.Sprintf("%s (subset %v): a concurrent rendering differs from a lone one", l.Lang, j.fonts.IsSubset())
				}
				builder.Add(l.Address...)
				_ = j.fonts.CJK.Has('中') && j.fonts.Latin.Has('é')
			}
		})
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

// TestAddRulesAndIncident: what letters quote from the rules and the
// incident file is in the builder's set.
func TestAddRulesAndIncident(t *testing.T) {
	e := loadEnv(t)
	b := e.fonts.NewSubsetBuilder()
	b.AddIncident(e.in)
	b.AddRules(e.set)
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
			if !b.runes.has(r) {
				t.Errorf("the builder lacks %q (from %q)", r, s)
			}
		}
	}
}

// TestFontBytesNotWrittenByFpdf: fpdf v0.12.0 writes into the font bytes
// it is given when it embeds a glyph past the font's last full horizontal
// metric (the bold Noto subset's ㄧ, ‘, ’, “, ”). Rendering and cutting
// subsets must leave every face's bytes as they were: the faces are shared
// by concurrent RenderPDF calls, and a letter must not depend on the
// letters rendered before it.
func TestFontBytesNotWrittenByFpdf(t *testing.T) {
	e := loadEnv(t)
	probe := bytes.Clone(e.fonts.CJKBold.TTF)
	fpdfCut(probe, "ㄧ")
	if bytes.Equal(probe, e.fonts.CJKBold.TTF) {
		t.Log("fpdf no longer writes into the font it cuts: Face.pdfBytes need not copy")
	} else if e.fonts.CJKBold.shareable {
		t.Error("the bold CJK face is marked shareable, but fpdf writes into it")
	}
	faces := func(fs *Fonts) []*Face { return []*Face{fs.Latin, fs.LatinBold, fs.CJK, fs.CJKBold} }
	sums := map[*Face][32]byte{}
	for _, f := range faces(e.fonts) {
		sums[f] = sha256.Sum256(f.TTF)
	}
	sub, err := e.fonts.SubsetFor("ㄧ明")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faces(sub) {
		sums[f] = sha256.Sum256(f.TTF)
		if !f.shareable {
			t.Errorf("%s bold=%v: a subset without a full metric per glyph", f.Family, f.Bold)
		}
	}
	l := e.compose(t, testPeople["zh"])
	l.Signature = append([]string{"ㄧ明"}, l.Signature[1:]...)
	for _, fonts := range []*Fonts{e.fonts, sub} {
		var buf bytes.Buffer
		if err := RenderPDF(&buf, l, fonts, PDFOptions{Created: testNow}); err != nil {
			t.Fatal(err)
		}
	}
	for f, sum := range sums {
		if sha256.Sum256(f.TTF) != sum {
			t.Errorf("%s bold=%v (subset %v): the font bytes changed", f.Family, f.Bold, f.subset)
		}
	}
}

func fpdfCut(ttf []byte, s string) []byte { return fpdf.UTF8CutFont(ttf, s) }
