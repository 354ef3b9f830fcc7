package pdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
)

// freshFonts returns fonts with the same faces as fs but nothing kept from
// earlier letters (no canvases, no shared glyphs).
func freshFonts(t *testing.T, fs *fonts.Fonts) *fonts.Fonts {
	t.Helper()
	out := &fonts.Fonts{} // a new Fonts: a new test renderer, without canvases
	for _, p := range []struct{ dst, src **fonts.Face }{{&out.Latin, &fs.Latin}, {&out.LatinBold, &fs.LatinBold}, {&out.CJK, &fs.CJK}, {&out.CJKBold, &fs.CJKBold}} {
		f, err := fonts.NewFace((*p.src).Family, (*p.src).Bold, (*p.src).TTF)
		if err != nil {
			t.Fatal(err)
		}
		*p.dst = f
	}
	return out
}

// gidMaps returns a PDF's CIDToGIDMaps, inflated.
func gidMaps(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, m := range gidMapRE.FindAllSubmatch(pdf, -1) {
		loc := regexp.MustCompile(`\n` + string(m[1]) + ` 0 obj\n`).FindIndex(pdf)
		if loc == nil {
			t.Fatalf("no object %s", m[1])
		}
		out = append(out, flateStreams(t, pdf[loc[1]:])[0])
	}
	return out
}

// TestLettersCarryOnlyTheirOwnGlyphs: a letter's PDF is the same bytes
// whether other letters were rendered with the same fonts before it or
// not, so nothing of theirs (the shapes of the characters of their names)
// is in it; and its fonts map no character it does not print.
func TestLettersCarryOnlyTheirOwnGlyphs(t *testing.T) {
	e := loadEnv(t)
	faces := freshFonts(t, e.fonts)
	a := testPeople["zh"] // 王芳, 浦东新区世纪大道100号
	b := a
	b.CustomerID, b.FullName, b.Street, b.City = "C-7009", "赵丽", "天河区体育西路8号", "广州市"
	b.ActivationCode = "ACME-9Q4Z-1H7Y"
	render := func(fs *fonts.Fonts, r customers.Person) []byte {
		var buf bytes.Buffer
		if err := renderPDF(&buf, e.compose(t, r), fs, Options{Created: testNow}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	render(faces, a)
	afterA := render(faces, b)
	alone := render(freshFonts(t, e.fonts), b)
	if !bytes.Equal(afterA, alone) {
		t.Error("letter B differs when letter A was rendered before it with the same faces")
	}
	doc, err := pdftext.Parse(alone)
	if err != nil {
		t.Fatal(err)
	}
	text := doc.Text()
	for _, r := range "王芳浦纪" {
		if strings.ContainsRune(text, r) {
			t.Fatalf("test premise: letter B prints %q", r)
		}
	}
	gms := gidMaps(t, alone)
	if len(gms) != 4 {
		t.Fatalf("%d faces, want 4 (Latin and CJK, regular and bold)", len(gms))
	}
	printed := 0
	for cid := range 0x10000 {
		mapped := false
		for _, m := range gms {
			if 2*cid+1 < len(m) && (m[2*cid] != 0 || m[2*cid+1] != 0) {
				mapped = true
			}
		}
		r := rune(cid)
		switch {
		case mapped && !strings.ContainsRune(text, r):
			t.Errorf("%U %q is in a font but not in the letter", r, r)
		case mapped:
			printed++
		case strings.ContainsRune(text, r) && r > ' ':
			t.Errorf("%U %q is printed but in no font", r, r)
		}
	}
	if printed < 300 {
		t.Errorf("only %d characters mapped", printed)
	}
}

// TestPDFInformation: the metadata, language and dates read back.
func TestPDFInformation(t *testing.T) {
	e := loadEnv(t)
	l := e.compose(t, testPeople["fr"])
	l.LegalName = `Acme (France) S.A.S. \ Hugo`
	var buf bytes.Buffer
	created := time.Date(2026, 11, 22, 10, 30, 5, 0, time.FixedZone("", -(5*3600+30*60)))
	if err := renderPDF(&buf, l, e.fonts, Options{Created: created}); err != nil {
		t.Fatal(err)
	}
	doc, err := pdftext.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Title": l.Title + " - " + l.Brand, "Author": l.LegalName, "Subject": l.RefLine,
		"Creator": "breachnotice", "Producer": "breachnotice",
		"CreationDate": "D:20261122103005-05'30'", "ModDate": "D:20261122103005-05'30'",
	}
	for k, v := range want {
		if doc.Info[k] != v {
			t.Errorf("%s = %q, want %q", k, doc.Info[k], v)
		}
	}
	if doc.Lang != "fr" {
		t.Errorf("Lang = %q", doc.Lang)
	}
}

// TestSharedRunesLeaveOutTheRecipient: two letters of the same kind that
// differ only in the recipient share the same characters (so their shared
// glyphs are compressed once), and those leave out characters found only
// in the recipient's data.
func TestSharedRunesLeaveOutTheRecipient(t *testing.T) {
	e := loadEnv(t)
	for _, lang := range testLangs {
		a := testPeople[lang]
		b := a
		b.CustomerID, b.FullName, b.Street, b.ActivationCode = "C-9999", "Zoë Quixjunk", "Wxyz Strasse 7", "ACME-QXZW-9JQK"
		if lang == "zh" {
			b.FullName, b.Street = "赵丽", "天河区体育西路8号"
		}
		la, lb := e.compose(t, a), e.compose(t, b)
		sa, sb := sharedRunes(la), sharedRunes(lb)
		if *sa != *sb {
			t.Errorf("%s: shared characters differ between two recipients", lang)
		}
		for _, r := range "ëQW赵丽" {
			if sb.Has(r) && !strings.ContainsRune(sharedText(la), r) {
				t.Errorf("%s: %q, only in the recipient's data, is shared", lang, r)
			}
		}
	}
}

// sharedText is the letter's texts that letters of its kind have in common.
func sharedText(l *letters.Letter) string {
	var b strings.Builder
	l.EachText(func(s string, _, shared bool) {
		if shared {
			b.WriteString(s)
		}
	})
	return b.String()
}
