package letters

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/pdftext"
)

// TestWidthsAreFpdfs: the widths the writer lays text out with and
// declares in /W are the ones fpdf measures the same face with, for every
// character each face has and for one it lacks.
func TestWidthsAreFpdfs(t *testing.T) {
	e := loadEnv(t)
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, f := range e.fonts.faces() {
		pdf.AddUTF8FontFromBytes(f.Family, styleOf(f), f.PDFBytes())
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	pdf.AddPage()
	for _, f := range e.fonts.faces() {
		prog, err := f.program()
		if err != nil {
			t.Fatal(err)
		}
		pdf.SetFont(f.Family, styleOf(f), 10)
		checked := 0
		for _, r := range append(f.cover.runes(), 0xE000) { // U+E000: private use, in no face
			s := string(r)
			if got, want := prog.symbolWidth(s), pdf.GetStringSymbolWidth(s); got != want {
				t.Errorf("%s%s: width of %U = %d, fpdf %d", f.Family, styleOf(f), r, got, want)
				if checked > 20 {
					t.FailNow()
				}
			}
			checked++
		}
		if checked < 100 {
			t.Errorf("%s: only %d characters checked", f.Family, checked)
		}
	}
}

// ttfTables returns the tables of a TrueType file, checking that its
// checksums are right.
func ttfTables(t *testing.T, ttf []byte) map[string][]byte {
	t.Helper()
	if checksum(ttf) != 0xB1B0AFBA {
		t.Errorf("whole-file checksum %#x, want 0xB1B0AFBA", checksum(ttf))
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	tables := map[string][]byte{}
	prev := ""
	for i := range n {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		if tag <= prev {
			t.Errorf("directory not sorted: %q after %q", tag, prev)
		}
		prev = tag
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		data := ttf[off : off+size]
		sum := checksum(data)
		if tag == "head" {
			sum -= binary.BigEndian.Uint32(data[8:])
		}
		if sum != binary.BigEndian.Uint32(rec[4:]) {
			t.Errorf("table %q: checksum %#x, directory says %#x", tag, sum, binary.BigEndian.Uint32(rec[4:]))
		}
		tables[tag] = data
	}
	return tables
}

func inflate(t *testing.T, z []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestCutFontPrograms cuts random sets of characters out of each face,
// split in random ways between shared and own, and reads the result back:
// a well-formed TrueType file with exactly the glyphs asked for (and
// .notdef and composite components), each glyph's outline and advance as
// in the face, and a character-to-glyph map with only those characters.
// The same sets give the same bytes whether the shared part was kept from
// an earlier cut or not.
func TestCutFontPrograms(t *testing.T) {
	e := loadEnv(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range e.fonts.faces() {
		prog, err := f.program()
		if err != nil {
			t.Fatal(err)
		}
		cover := f.cover.runes()
		for trial := range 12 {
			var shared, own []rune
			for range 1 + rng.IntN(300) {
				r := cover[rng.IntN(len(cover))]
				if rng.IntN(3) == 0 {
					own = append(own, r)
				} else {
					shared = append(shared, r)
				}
			}
			own = append(own, 0x10400, 0xE000, 0) // not in the face: left out
			c, err := prog.cut(shared, own)
			if err != nil {
				t.Fatal(err)
			}
			ttf := inflate(t, c.stream)
			if len(ttf) != c.length1 {
				t.Fatalf("length1 %d, file %d bytes", c.length1, len(ttf))
			}
			tb := ttfTables(t, ttf)
			ng := int(binary.BigEndian.Uint16(tb["maxp"][4:]))
			if hm := int(binary.BigEndian.Uint16(tb["hhea"][34:])); hm != ng {
				t.Errorf("numberOfHMetrics %d, numGlyphs %d", hm, ng)
			}
			if binary.BigEndian.Uint16(tb["head"][50:]) != 1 || len(tb["loca"]) != 4*(ng+1) || len(tb["hmtx"]) != 4*ng {
				t.Fatalf("loca %d bytes, hmtx %d, for %d glyphs", len(tb["loca"]), len(tb["hmtx"]), ng)
			}
			glyph := func(g int) []byte {
				a, b := binary.BigEndian.Uint32(tb["loca"][4*g:]), binary.BigEndian.Uint32(tb["loca"][4*g+4:])
				return tb["glyf"][a:b]
			}
			want := map[rune]bool{}
			olds := map[uint16]bool{0: true}
			for _, r := range append(slices.Clone(shared), own...) {
				if r > 0 && r <= 0xFFFF && prog.gid[r] != 0 {
					want[r] = true
					olds[prog.gid[r]] = true
				}
			}
			if len(c.runes) != len(want) {
				t.Errorf("%d characters in the cut, want %d", len(c.runes), len(want))
			}
			for cid := 0; 2*cid+1 < len(c.cidToGID); cid++ {
				g := int(binary.BigEndian.Uint16(c.cidToGID[2*cid:]))
				r := rune(cid)
				if !want[r] {
					if g != 0 {
						t.Errorf("%U not asked for, mapped to glyph %d", r, g)
					}
					continue
				}
				old := int(prog.gid[r])
				orig := prog.glyph(old)
				if int16(binary.BigEndian.Uint16(append(slices.Clone(orig), 0, 0))) >= 0 && !bytes.Equal(bytes.TrimRight(glyph(g), "\x00"), bytes.TrimRight(orig, "\x00")) {
					t.Errorf("%U: outline differs from the face's", r)
				}
				if adv := int(binary.BigEndian.Uint16(tb["hmtx"][4*g:])); adv != prog.advance(old) {
					t.Errorf("%U: advance %d, face %d", r, adv, prog.advance(old))
				}
			}
			// Every glyph is .notdef, asked for, or a component: count the
			// components of what was asked for.
			var walk func(g uint16)
			walk = func(g uint16) {
				components(prog.glyph(int(g)), func(at int) {
					comp := binary.BigEndian.Uint16(prog.glyph(int(g))[at:])
					if !olds[comp] {
						olds[comp] = true
						walk(comp)
					}
				})
			}
			for _, g := range slices.Collect(maps.Keys(olds)) {
				walk(g)
			}
			if ng != len(olds) {
				t.Errorf("trial %d: %d glyphs, want %d", trial, ng, len(olds))
			}

			// Again with the shared part's cache emptied: the same bytes.
			prog.mu.Lock()
			prog.cache = nil
			prog.mu.Unlock()
			again, err := prog.cut(shared, own)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.stream, c.stream) || !bytes.Equal(again.cidToGID, c.cidToGID) {
				t.Errorf("trial %d: a second cut differs", trial)
			}
		}
	}
}

// freshFonts returns fonts with the same faces as fs but nothing kept from
// earlier letters (no canvases, no shared glyphs).
func freshFonts(t *testing.T, fs *Fonts) *Fonts {
	t.Helper()
	out := &Fonts{canvases: newCanvasPool()}
	for _, p := range []struct{ dst, src **Face }{{&out.Latin, &fs.Latin}, {&out.LatinBold, &fs.LatinBold}, {&out.CJK, &fs.CJK}, {&out.CJKBold, &fs.CJKBold}} {
		f, err := NewFace((*p.src).Family, (*p.src).Bold, (*p.src).TTF)
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
	fonts := freshFonts(t, e.fonts)
	a := testPeople["zh"] // 王芳, 浦东新区世纪大道100号
	b := a
	b.CustomerID, b.Name, b.Street, b.City = "C-7009", "赵丽", "天河区体育西路8号", "广州市"
	b.ActivationCode = "ACME-9Q4Z-1H7Y"
	render := func(fs *Fonts, r Recipient) []byte {
		var buf bytes.Buffer
		if err := RenderPDF(&buf, e.compose(t, r), fs, PDFOptions{Created: testNow}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	render(fonts, a)
	afterA := render(fonts, b)
	alone := render(freshFonts(t, e.fonts), b)
	if !bytes.Equal(afterA, alone) {
		t.Error("letter B differs when letter A was rendered before it with the same fonts")
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
		t.Fatalf("%d fonts, want 4 (Latin and CJK, regular and bold)", len(gms))
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
	if err := RenderPDF(&buf, l, e.fonts, PDFOptions{Created: created}); err != nil {
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
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "(D:20260102030405Z)"},
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600)), "(D:20260102030405+01'00')"},
	} {
		if got := pdfDate(tc.t); got != tc.want {
			t.Errorf("pdfDate(%v) = %s, want %s", tc.t, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"Acme":       "(Acme)",
		`a(b)\c`:     `(a\(b\)\\c)`,
		"é":          "<FEFF00E9>",
		"a\nb":       "<FEFF0061000A0062>",
		"\U0001F600": "<FEFFD83DDE00>",
	} {
		if got := pdfText(in); got != want {
			t.Errorf("pdfText(%q) = %s, want %s", in, got, want)
		}
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
		b.CustomerID, b.Name, b.Street, b.ActivationCode = "C-9999", "Zoë Quixjunk", "Wxyz Strasse 7", "ACME-QXZW-9JQK"
		if lang == "zh" {
			b.Name, b.Street = "赵丽", "天河区体育西路8号"
		}
		la, lb := e.compose(t, a), e.compose(t, b)
		sa, sb := la.sharedRunes(), lb.sharedRunes()
		if *sa != *sb {
			t.Errorf("%s: shared characters differ between two recipients", lang)
		}
		for _, r := range "ëQW赵丽" {
			if sb.has(r) && !strings.ContainsRune(sharedText(la), r) {
				t.Errorf("%s: %q, only in the recipient's data, is shared", lang, r)
			}
		}
	}
}

// sharedText is the letter's texts that letters of its kind have in common.
func sharedText(l *Letter) string {
	var b strings.Builder
	l.eachText(func(s string, _, shared bool) {
		if shared {
			b.WriteString(s)
		}
	})
	return b.String()
}
