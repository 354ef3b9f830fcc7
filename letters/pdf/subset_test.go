package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
)

// previewLetters composes a letter for every preview profile and
// language, with data categories that together exercise every step and
// statement (as TestGolden does).
func previewLetters(t testing.TB, e internalEnv) []*letters.Letter {
	t.Helper()
	cats := map[string][]string{
		"EU":    {"name", "email", "password", "payment_card"},
		"US-CA": {"name", "email", "ssn", "drivers_license"},
		"US-MA": {"name", "email", "ssn", "payment_card"},
		"RU":    {"name", "email", "passport"},
		"CN":    {"name", "email", "national_id", "password_hash"},
	}
	var out []*letters.Letter
	for _, profile := range letters.PreviewProfiles {
		for _, lang := range testLangs {
			r, err := letters.PreviewPerson(lang, profile, cats[profile])
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, e.compose(t, r))
		}
	}
	return out
}

// previewSubset cuts the fonts for a run of the preview letters.
func previewSubset(t testing.TB, e internalEnv) *fonts.Fonts {
	t.Helper()
	b := e.fonts.NewSubsetBuilder()
	b.Add(e.in.Texts()...)
	b.Add(letters.RuleTexts(e.set)...)
	for _, profile := range letters.PreviewProfiles {
		for _, lang := range testLangs {
			r, err := letters.PreviewPerson(lang, profile, nil)
			if err != nil {
				t.Fatal(err)
			}
			b.Add(letters.PersonTexts(r)...)
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

func renderForCompare(t *testing.T, l *letters.Letter, faces *fonts.Fonts) rendered {
	t.Helper()
	var out rendered
	var buf bytes.Buffer
	lc := *l
	if err := renderRecorded(&buf, &lc, faces, Options{Created: testNow}, func(d drawnLine) { out.lines = append(out.lines, d) }); err != nil {
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
				t.Errorf("embedded font programs differ: %q, full faces %q", cut.programs, full.programs)
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
		t.Errorf("%d letters fell back to the full faces", n)
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
			if f := e.fonts.FaceFor(tt.r, false); f == nil {
				t.Fatalf("test premise: the full faces lack %q", tt.r)
			}
			if f := sub.FaceFor(tt.r, false); f != nil {
				t.Fatalf("test premise: the subset has %q (in %s)", tt.r, f.Family)
			}
			r := testPeople[tt.lang]
			r.FullName = tt.name
			l := e.compose(t, r)
			before := sub.FellBack()
			var full, cut bytes.Buffer
			if err := renderPDF(&full, l, e.fonts, Options{Created: testNow}); err != nil {
				t.Fatal(err)
			}
			if err := renderPDF(&cut, l, sub, Options{Created: testNow}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(full.Bytes(), cut.Bytes()) {
				t.Error("the letter differs from the one the full faces give")
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
		t.Error("the letter differs from the one the full faces give")
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

// TestSubsetReproducible: the same characters give the same fonts, byte
// for byte, whatever order they were added in, and so the same PDFs.
func TestSubsetReproducible(t *testing.T) {
	e := loadEnv(t)
	ab := e.fonts.NewSubsetBuilder()
	ab.Add(e.in.Texts()...)
	ab.Add(letters.RuleTexts(e.set)...) // what letters quote from the rules, as a run adds it
	ab.Add("王芳", "Jürgen Müller", "浦东新区世纪大道100号上海市", "ул. Баумана, д. 44 Казань Республика Татарстан")
	a, err := ab.Build()
	if err != nil {
		t.Fatal(err)
	}
	bb := e.fonts.NewSubsetBuilder()
	bb.Add(letters.PersonTexts(testPeople["ru"])...)
	bb.Add(letters.PersonTexts(testPeople["zh"])...)
	bb.Add(letters.RuleTexts(e.set)...)
	bb.Add(e.in.Texts()...)
	b, err := bb.Build()
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range [][2]*fonts.Face{{a.Latin, b.Latin}, {a.LatinBold, b.LatinBold}, {a.CJK, b.CJK}, {a.CJKBold, b.CJKBold}} {
		if !bytes.Equal(p[0].TTF, p[1].TTF) {
			t.Errorf("face %d differs between two builds", i)
		}
	}
	l := e.compose(t, testPeople["zh"])
	var x, y bytes.Buffer
	if err := renderPDF(&x, l, a, Options{Created: testNow}); err != nil {
		t.Fatal(err)
	}
	if err := renderPDF(&y, l, b, Options{Created: testNow}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Error("the same letter with two equal subsets gives different PDFs")
	}
	if a.FellBack() != 0 {
		t.Error("the zh test letter fell back to the full faces")
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
		l     *letters.Letter
		fonts *fonts.Fonts
		want  []byte
	}
	var jobs []job
	// The last letter's bold signatory ㄧ is a glyph past the bold CJK
	// face's last full metric (see TestFontBytesNotWrittenByFpdf).
	people := append(slices.Clone(testLangs), "zh-ㄧ")
	for _, faces := range []*fonts.Fonts{e.fonts, sub} {
		for _, lang := range people {
			l := e.compose(t, testPeople[strings.TrimSuffix(lang, "-ㄧ")])
			if strings.HasSuffix(lang, "-ㄧ") {
				l.Signature = append([]string{"ㄧ明"}, l.Signature[1:]...)
			}
			var buf bytes.Buffer
			if err := renderPDF(&buf, l, faces, Options{Created: testNow}); err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, job{l, faces, buf.Bytes()})
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
				// Each call gets its own copy of the letter (Render
				// records replacements in it); the fonts are shared.
				l := *j.l
				var buf bytes.Buffer
				if err := renderPDF(&buf, &l, j.fonts, Options{Created: testNow}); err != nil {
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

// TestFontBytesNotWrittenByFpdf: fpdf v0.12.0 writes into the font bytes
// it is given when it embeds a glyph past the font's last full horizontal
// metric (the bold Noto subset's ㄧ, ‘, ’, “, ”; see the fonts package's
// TestFaceShareable). Rendering and cutting subsets must leave every
// face's bytes as they were: the faces are shared by concurrent
// renderers, and a letter must not depend on the letters rendered before
// it.
func TestFontBytesNotWrittenByFpdf(t *testing.T) {
	e := loadEnv(t)
	sums := map[*fonts.Face][32]byte{}
	for _, f := range e.fonts.Faces() {
		sums[f] = sha256.Sum256(f.TTF)
	}
	sub, err := e.fonts.SubsetFor("ㄧ明")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sub.Faces() {
		sums[f] = sha256.Sum256(f.TTF)
	}
	l := e.compose(t, testPeople["zh"])
	l.Signature = append([]string{"ㄧ明"}, l.Signature[1:]...)
	for _, fs := range []*fonts.Fonts{e.fonts, sub} {
		var buf bytes.Buffer
		if err := renderPDF(&buf, l, fs, Options{Created: testNow}); err != nil {
			t.Fatal(err)
		}
	}
	for f, sum := range sums {
		if sha256.Sum256(f.TTF) != sum {
			t.Errorf("%s bold=%v: the font bytes changed", f.Family, f.Bold)
		}
	}
}
