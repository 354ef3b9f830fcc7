package fonts

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/memo"
)

// TestWidthsAreFpdfs: the widths the writer lays text out with and
// declares in /W are the ones fpdf measures the same face with, for every
// character each face has and for one it lacks.
func TestWidthsAreFpdfs(t *testing.T) {
	e := loadEnv(t)
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, f := range e.fonts.Faces() {
		pdf.AddUTF8FontFromBytes(f.Family, f.Style(), f.PDFBytes())
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	pdf.AddPage()
	for _, f := range e.fonts.Faces() {
		prog, err := f.Program()
		if err != nil {
			t.Fatal(err)
		}
		pdf.SetFont(f.Family, f.Style(), 10)
		checked := 0
		for _, r := range append(f.cover.Runes(), 0xE000) { // U+E000: private use, in no face
			s := string(r)
			if got, want := prog.SymbolWidth(s), pdf.GetStringSymbolWidth(s); got != want {
				t.Errorf("%s%s: width of %U = %d, fpdf %d", f.Family, f.Style(), r, got, want)
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
	for _, f := range e.fonts.Faces() {
		prog, err := f.Program()
		if err != nil {
			t.Fatal(err)
		}
		cover := f.cover.Runes()
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
			c, err := prog.Cut(shared, own)
			if err != nil {
				t.Fatal(err)
			}
			ttf := inflate(t, bytes.Join(c.Stream, nil))
			if len(ttf) != c.Length1 {
				t.Fatalf("length1 %d, file %d bytes", c.Length1, len(ttf))
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
			if len(c.Runes) != len(want) {
				t.Errorf("%d characters in the cut, want %d", len(c.Runes), len(want))
			}
			gidMap := inflate(t, c.CIDToGID)
			if len(c.Runes) > 0 && len(gidMap) != 2*int(c.Runes[len(c.Runes)-1]+1) {
				t.Errorf("CIDToGIDMap of %d bytes, highest character %U", len(gidMap), c.Runes[len(c.Runes)-1])
			}
			for cid := 0; 2*cid+1 < len(gidMap); cid++ {
				g := int(binary.BigEndian.Uint16(gidMap[2*cid:]))
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
			prog.cache = memo.Map[string, sharedResult]{Max: maxShared}
			again, err := prog.Cut(shared, own)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(bytes.Join(again.Stream, nil), bytes.Join(c.Stream, nil)) || !bytes.Equal(again.CIDToGID, c.CIDToGID) {
				t.Errorf("trial %d: a second cut differs", trial)
			}
		}
	}
}

// BenchmarkLoadFonts measures the start-up cost of the embedded fonts
// (inflating and parsing the CJK faces).
func BenchmarkLoadFonts(b *testing.B) {
	for b.Loop() {
		if _, err := LoadFonts(); err != nil {
			b.Fatal(err)
		}
	}
}
