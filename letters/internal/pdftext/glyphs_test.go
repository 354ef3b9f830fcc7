package pdftext

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/text/encoding/charmap"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// zhMissing is Chinese text DejaVu Sans has no glyphs for.
const zhMissing = "数据泄露"

// wantMissing lists, in order, the missing glyphs expected for text drawn
// with font on page: one entry per distinct character, counting repeats.
func wantMissing(page int, font, text string) []MissingGlyph {
	var out []MissingGlyph
	idx := map[rune]int{}
	for _, r := range text {
		if i, ok := idx[r]; ok {
			out[i].Count++
			continue
		}
		idx[r] = len(out)
		out = append(out, MissingGlyph{Page: page, Font: font, Text: string(r), Code: uint32(r), Count: 1})
	}
	return out
}

func checkMissing(t *testing.T, got, want []MissingGlyph) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("MissingGlyphs:\n got %+v\nwant %+v", got, want)
	}
}

func checkAllGlyphsChecked(t *testing.T, doc *Document) {
	t.Helper()
	for _, f := range doc.Fonts {
		if !f.GlyphsChecked {
			t.Errorf("font %+v: GlyphsChecked false", f)
		}
	}
}

// TestMissingGlyphsDejaVu draws Chinese with DejaVu Sans, which has no CJK
// glyphs: the text extracts correctly, but every Chinese character is
// reported, on the right page and with the right font, and nothing else is
// (Latin letters, spaces, no-break spaces, the bold font).
func TestMissingGlyphsDejaVu(t *testing.T) {
	for _, compress := range []bool{true, false} {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.SetCompression(compress)
		pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
		pdf.AddUTF8FontFromBytes("DejaVu", "B", dejavusansbold.TTF)
		lines := []string{
			"Gentile cliente, perché è già così",
			"«\u202fNous sommes désolés\u202f», écrit l’équipe\u00a0!",
			"Data breach: " + zhMissing + " (" + zhMissing[:6] + ")",
		}
		pdf.AddPage()
		pdf.SetFont("DejaVu", "B", 14)
		pdf.CellFormat(0, 8, "Avviso", "", 1, "L", false, 0, "")
		pdf.SetFont("DejaVu", "", 11)
		pdf.CellFormat(0, 8, lines[0], "", 1, "L", false, 0, "")
		pdf.CellFormat(0, 8, lines[1], "", 1, "L", false, 0, "")
		pdf.AddPage()
		pdf.SetFont("DejaVu", "", 11)
		pdf.CellFormat(0, 8, lines[2], "", 1, "L", false, 0, "")
		pdf.SetFont("DejaVu", "B", 14)
		pdf.CellFormat(0, 8, "Fine", "", 1, "L", false, 0, "")
		doc := mustParse(t, output(t, pdf))

		if got, want := doc.Text(), "Avviso\n"+lines[0]+"\n"+lines[1]+"\f"+lines[2]+"\nFine"; got != want {
			t.Errorf("Text() = %q, want %q", got, want)
		}
		checkAllGlyphsChecked(t, doc)
		checkMissing(t, doc.MissingGlyphs, wantMissing(2, "utf8dejavu", zhMissing+zhMissing[:6]))
	}
}

// TestFpdfMissingGlyphEncoding documents what fpdf v0.12.0 writes for a
// character its UTF-8 font lacks: the content stream still holds the
// character's code (its code point, with Identity-H), the ToUnicode CMap
// still maps it, but the CIDToGIDMap, a 65536-entry table, leaves the entry
// 0: the character is drawn with glyph 0, .notdef, which in DejaVu Sans is a
// box with an outline. The subset font program is otherwise normal.
func TestFpdfMissingGlyphEncoding(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
	pdf.AddPage()
	pdf.SetFont("DejaVu", "", 12)
	pdf.Text(20, 20, "D 数")
	data := output(t, pdf)
	if !bytes.Contains(data, []byte("(\x00D\x00 \x65\x70) Tj")) {
		t.Error("content stream does not hold the code of 数")
	}

	r := newReader(data, 0, defaultLimits)
	if !r.loadXref() {
		t.Fatal("xref")
	}
	var m glyphMap
	for n := range r.xref {
		d := r.resolveDict(objRef{num: n})
		if d["Subtype"] != name("CIDFontType2") {
			continue
		}
		s := r.resolve(d["CIDToGIDMap"]).(*stream)
		cids, err := r.decode(s)
		if err != nil {
			t.Fatal(err)
		}
		m.cidToGID = cids
		m.tt = r.fontProgram(r.resolveDict(d["FontDescriptor"]))
	}
	if len(m.cidToGID) != 2<<16 || m.tt == nil {
		t.Fatalf("CIDToGIDMap of %d bytes, font program %v", len(m.cidToGID), m.tt)
	}
	f := &pfont{glyphs: &m}
	if g := f.gid('数'); g != 0 {
		t.Errorf("数 maps to glyph %d, want 0", g)
	}
	for _, c := range "D " {
		if g := f.gid(uint32(c)); g == 0 {
			t.Errorf("%q maps to glyph 0", c)
		}
	}
	if st := m.tt.Glyph(f.gid('D')); st != fonts.GlyphOK {
		t.Errorf("D: glyph state %d", st)
	}
	if st := m.tt.Glyph(f.gid(' ')); st != fonts.GlyphEmpty {
		t.Errorf("space: glyph state %d, want empty", st)
	}
	if n := m.tt.GlyphLen(0); n <= 0 {
		t.Errorf(".notdef has no outline (%d bytes)", n)
	}
	// Only the characters used, and .notdef, are in the subset.
	if m.tt.NumGlyphs != 3 {
		t.Errorf("subset has %d glyphs, want 3", m.tt.NumGlyphs)
	}
	if !bytes.Contains(data, []byte("<0000> <FFFF> <0000>")) {
		t.Error("ToUnicode is not the identity range")
	}
}

// TestMissingGlyphsNotoSC draws the same Chinese with the CJK font the
// letters embed: nothing is missing.
func TestMissingGlyphsNotoSC(t *testing.T) {
	if raceEnabled {
		t.Skip("sequential code; fpdf reading the CJK font is slow under the race detector")
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("NotoSC", "", cjkFont(t))
	pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
	pdf.AddPage()
	pdf.SetFont("NotoSC", "", 12)
	pdf.CellFormat(0, 10, "Data breach: "+zhMissing+"，您好\u3000我们非常抱歉。", "", 1, "L", false, 0, "")
	pdf.SetFont("DejaVu", "", 12)
	pdf.CellFormat(0, 10, "Latin only, «\u00a0ok\u00a0»", "", 1, "L", false, 0, "")
	doc := mustParse(t, output(t, pdf))
	if len(doc.Fonts) != 2 {
		t.Fatalf("fonts %+v", doc.Fonts)
	}
	checkAllGlyphsChecked(t, doc)
	checkMissing(t, doc.MissingGlyphs, nil)
	if !strings.Contains(doc.Text(), zhMissing) {
		t.Errorf("Text() = %q", doc.Text())
	}
}

// TestMissingGlyphsSimpleTrueType embeds DejaVu Sans as a simple TrueType
// font (fpdf's MakeFont and AddFontFromBytes) with an encoding whose code
// 0xA4 is a character the font lacks.
func TestMissingGlyphsSimpleTrueType(t *testing.T) {
	dir := t.TempDir()
	ttf := filepath.Join(dir, "DejaVuSans.ttf")
	if err := os.WriteFile(ttf, dejavusans.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	writeMap := func(file string, change map[byte]rune) {
		var b strings.Builder
		for c := 0; c < 256; c++ {
			r := charmap.Windows1252.DecodeByte(byte(c))
			if v, ok := change[byte(c)]; ok {
				r = v
			}
			name := fmt.Sprintf("uni%04X", r)
			if c < 32 {
				name = ".notdef"
			}
			fmt.Fprintf(&b, "!%02X U+%04X %s\n", c, r, name)
		}
		if err := os.WriteFile(filepath.Join(dir, file), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeMap("cp1252.map", nil)
	writeMap("custom.map", map[byte]rune{0xA4: '数', 0xA5: '\u0416'})
	if err := fpdf.MakeFont(ttf, filepath.Join(dir, "custom.map"), dir, nil, true); err != nil {
		t.Fatal(err)
	}
	js, err1 := os.ReadFile(filepath.Join(dir, "DejaVuSans.json"))
	z, err2 := os.ReadFile(filepath.Join(dir, "DejaVuSans.z"))
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddFontFromBytes("DejaVuSimple", "", js, z)
	pdf.AddPage()
	pdf.SetFont("DejaVuSimple", "", 12)
	pdf.CellFormat(0, 10, "Hello \xA5 \xA4\xA4 \xE9\x80", "", 1, "L", false, 0, "")
	data := output(t, pdf)
	if !bytes.Contains(data, []byte("/Differences [164 /uni6570 /uni0416]")) {
		t.Fatal("fpdf did not write the expected /Differences")
	}
	doc := mustParse(t, data)
	if len(doc.Fonts) != 1 || doc.Fonts[0].Subtype != "TrueType" {
		t.Fatalf("fonts %+v", doc.Fonts)
	}
	checkAllGlyphsChecked(t, doc)
	checkMissing(t, doc.MissingGlyphs, []MissingGlyph{{Page: 1, Font: "DejaVuSans", Text: "数", Code: 0xA4, Count: 2}})
	if got := doc.Text(); got != "Hello Ж 数数 é€" {
		t.Errorf("Text() = %q", got)
	}
}

func TestMissingGlyphsCoreFont(t *testing.T) {
	doc := mustParse(t, corePDF(t, true))
	for _, f := range doc.Fonts {
		if f.GlyphsChecked {
			t.Errorf("font %+v: GlyphsChecked for a font that is not embedded", f)
		}
	}
	checkMissing(t, doc.MissingGlyphs, nil)
}

// ttfOptions describe a synthetic TrueType font program.
type ttfOptions struct {
	glyphs    []int             // glyf entry lengths (even; 0 is an empty glyph)
	contours  map[int]int       // numberOfContours of a glyph (default 1)
	longLoca  bool              // loca format 1
	numGlyphs int               // maxp.numGlyphs if not len(glyphs)
	cmaps     []cmapSubtable    // cmap subtables
	version   uint32            // sfnt version if not 0x00010000
	extra     map[string][]byte // tables to add, replace or (nil) remove
}

type cmapSubtable struct {
	pid, eid uint16
	data     []byte
}

// buildTTF builds a TrueType font program with the tables head, maxp,
// loca, glyf and (if there are subtables) cmap.
func buildTTF(o ttfOptions) []byte {
	be16 := binary.BigEndian.AppendUint16
	be32 := binary.BigEndian.AppendUint32
	var glyf, loca []byte
	for i, n := range o.glyphs {
		if o.longLoca {
			loca = be32(loca, uint32(len(glyf)))
		} else {
			loca = be16(loca, uint16(len(glyf)/2))
		}
		g := make([]byte, n)
		if n >= 2 {
			c, ok := o.contours[i]
			if !ok {
				c = 1
			}
			binary.BigEndian.PutUint16(g, uint16(int16(c)))
		}
		glyf = append(glyf, g...)
	}
	if o.longLoca {
		loca = be32(loca, uint32(len(glyf)))
	} else {
		loca = be16(loca, uint16(len(glyf)/2))
	}
	head := make([]byte, 54)
	binary.BigEndian.PutUint32(head, 0x00010000)
	if o.longLoca {
		head[51] = 1
	}
	ng := o.numGlyphs
	if ng == 0 {
		ng = len(o.glyphs)
	}
	ng = max(ng, 0)
	maxp := be16(be32(nil, 0x00005000), uint16(ng))
	tables := map[string][]byte{"head": head, "maxp": maxp, "loca": loca, "glyf": glyf}
	if len(o.cmaps) > 0 {
		c := be16(be16(nil, 0), uint16(len(o.cmaps)))
		off := 4 + 8*len(o.cmaps)
		var subs []byte
		for _, s := range o.cmaps {
			c = be32(be16(be16(c, s.pid), s.eid), uint32(off+len(subs)))
			subs = append(subs, s.data...)
		}
		tables["cmap"] = append(c, subs...)
	}
	for k, v := range o.extra { // nil removes a table
		if v == nil {
			delete(tables, k)
		} else {
			tables[k] = v
		}
	}
	tags := make([]string, 0, len(tables))
	for k := range tables {
		tags = append(tags, k)
	}
	sort.Strings(tags)
	ver := o.version
	if ver == 0 {
		ver = 0x00010000
	}
	out := be16(be16(be16(be16(be32(nil, ver), uint16(len(tags))), 0), 0), 0)
	off := 12 + 16*len(tags)
	var data []byte
	for _, tag := range tags {
		out = append(out, tag...)
		out = be32(be32(be32(out, 0), uint32(off+len(data))), uint32(len(tables[tag])))
		data = append(data, tables[tag]...)
		for len(data)%4 != 0 {
			data = append(data, 0)
		}
	}
	return append(out, data...)
}

// cmapFormat4 builds a format 4 subtable mapping each code to its glyph
// (one segment per code, using idDelta), plus the final 0xFFFF segment.
func cmapFormat4(m map[uint32]uint16) []byte {
	codes := make([]uint32, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	segs := len(codes) + 1
	be16 := binary.BigEndian.AppendUint16
	b := be16(be16(be16(nil, 4), uint16(16+8*segs)), 0)
	b = be16(be16(be16(be16(b, uint16(2*segs)), 0), 0), 0)
	for _, c := range codes {
		b = be16(b, uint16(c))
	}
	b = be16(be16(b, 0xFFFF), 0) // last end code, reservedPad
	for _, c := range codes {
		b = be16(b, uint16(c))
	}
	b = be16(b, 0xFFFF)
	for _, c := range codes {
		b = be16(b, m[c]-uint16(c))
	}
	b = be16(b, 1)
	for range segs {
		b = be16(b, 0)
	}
	return b
}

// cidToGIDStream builds a CIDToGIDMap covering CIDs 0..n-1.
func cidToGIDStream(n int, m map[uint32]uint16) string {
	b := make([]byte, 2*n)
	for cid, gid := range m {
		if int(cid) < n {
			binary.BigEndian.PutUint16(b[2*cid:], gid)
		}
	}
	return string(b)
}

// type0Doc builds a one-page document drawing content with /G, a Type0
// font with an identity ToUnicode, the given encoding and CIDToGIDMap
// (a PDF object, or "" for none) and a font descriptor entry holding the
// font program (e.g. "/FontFile2 10 0 R"). Objects 10 and 11 are free for
// the program and a CIDToGIDMap stream.
func type0Doc(content, encoding, cidToGID, fontFile string, extra ...string) []byte {
	if cidToGID != "" {
		cidToGID = "/CIDToGIDMap " + cidToGID
	}
	objs := []string{
		"<< /Type /Font /Subtype /Type0 /BaseFont /Synth /Encoding " + encoding + " /DescendantFonts [7 0 R] /ToUnicode 9 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Synth /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 500 " + cidToGID + " >>",
		"<< /Type /FontDescriptor /FontName /Synth /Flags 4 " + fontFile + " >>",
		streamObj("", "begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap"),
	}
	return onePage(content, "/F1 5 0 R /G 6 0 R", append(objs, extra...)...)
}

// synthGlyphs is a font program: 0 .notdef, 1 empty (for spaces), 2 an
// outline, 3 empty, 4 shorter than a glyph header, 5 no contours.
var synthGlyphs = ttfOptions{glyphs: []int{12, 0, 20, 0, 4, 12}, contours: map[int]int{5: 0}}

// synthMap maps characters to synthGlyphs; CIDs from 0x3001 on are beyond
// the CIDToGIDMap built with cidToGIDStream(0x3001, synthMap).
var synthMap = map[uint32]uint16{
	' ': 1, 0xA0: 1, 0x202F: 1, 0x3000: 1, 0x200B: 1, '\t': 1, // white space and invisible: fine
	'A': 2, 'B': 3, 'C': 4, 'D': 9, 'F': 5, // B, C, D, F: no drawable glyph
}

func hexUTF16(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}

func TestMissingGlyphsSynthetic(t *testing.T) {
	text := "A B\u00a0C\u202fD\u3000E\u200bF\tA 丁 AB"
	content := "BT /G 10 Tf 72 700 Td " + hexUTF16(text) + " Tj /F1 10 Tf (BCD) Tj ET"
	font := buildTTF(synthGlyphs)
	want := []MissingGlyph{
		{Page: 1, Font: "Synth", Text: "B", Code: 'B', Glyph: 3, Count: 2},
		{Page: 1, Font: "Synth", Text: "C", Code: 'C', Glyph: 4, Count: 1},
		{Page: 1, Font: "Synth", Text: "D", Code: 'D', Glyph: 9, Count: 1},
		{Page: 1, Font: "Synth", Text: "E", Code: 'E', Glyph: 0, Count: 1},
		{Page: 1, Font: "Synth", Text: "F", Code: 'F', Glyph: 5, Count: 1},
		{Page: 1, Font: "Synth", Text: "丁", Code: 0x4E01, Glyph: 0, Count: 1},
	}
	for _, tc := range []struct {
		name string
		doc  []byte
	}{
		{"map", type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R",
			streamObj("", string(font)), streamObj("", cidToGIDStream(0x3001, synthMap)))},
		{"flate", type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R",
			streamObj("/Filter /FlateDecode /Length1 "+fmt.Sprint(len(font)), flateOf(string(font))),
			streamObj("/Filter /FlateDecode", flateOf(cidToGIDStream(0x3001, synthMap))))},
		{"long loca", type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R",
			streamObj("", string(buildTTF(ttfOptions{glyphs: synthGlyphs.glyphs, contours: synthGlyphs.contours, longLoca: true}))),
			streamObj("", cidToGIDStream(0x3001, synthMap)))},
		{"OpenType", type0Doc(content, "/Identity-H", "11 0 R", "/FontFile3 10 0 R",
			streamObj("/Subtype /OpenType", string(font)), streamObj("", cidToGIDStream(0x3001, synthMap)))},
		{"embedded CMap", type0Doc(content, "12 0 R", "11 0 R", "/FontFile2 10 0 R",
			streamObj("", string(font)), streamObj("", cidToGIDStream(0x3001, synthMap)),
			streamObj("/Type /CMap", "1 begincodespacerange <0000> <FFFF> endcodespacerange 1 begincidrange <0000> <3000> 0 endcidrange"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, tc.doc)
			if got := doc.Pages[0].Text(); got != text+"BCD" {
				t.Errorf("Text() = %q", got)
			}
			var checked []string
			for _, f := range doc.Fonts {
				if f.GlyphsChecked {
					checked = append(checked, f.Name)
				}
			}
			if !slices.Equal(checked, []string{"Synth"}) {
				t.Errorf("fonts %+v: want only Synth checked", doc.Fonts)
			}
			checkMissing(t, doc.MissingGlyphs, want)
		})
	}

	// With an identity CIDToGIDMap (named, or by default), codes are glyph
	// ids.
	ids := hexUTF16("\x00\x01\x02\x03\x04\x05\x06")
	for _, cidToGID := range []string{"/Identity", ""} {
		doc := mustParse(t, type0Doc("BT /G 10 Tf "+ids+" Tj ET", "/Identity-H", cidToGID, "/FontFile2 10 0 R", streamObj("", string(font))))
		var got []uint32
		for _, m := range doc.MissingGlyphs {
			got = append(got, m.Code)
		}
		// 1, 3 and 5 are empty glyphs, but their text (U+0001, ...)
		// is a control character, which is invisible.
		if !slices.Equal(got, []uint32{0, 4, 6}) {
			t.Errorf("CIDToGIDMap %q: missing codes %v, want [0 4 6]", cidToGID, got)
		}
	}
}

// TestGlyphsUnchecked lists fonts whose glyphs cannot be checked: they are
// read normally, with GlyphsChecked false and nothing reported.
func TestGlyphsUnchecked(t *testing.T) {
	content := "BT /G 10 Tf " + hexUTF16("ABCD丁") + " Tj ET"
	font := string(buildTTF(synthGlyphs))
	cids := streamObj("", cidToGIDStream(0x3001, synthMap))
	for name, doc := range map[string][]byte{
		"not embedded":  type0Doc(content, "/Identity-H", "11 0 R", "", "null", cids),
		"Type1 program": type0Doc(content, "/Identity-H", "11 0 R", "/FontFile 10 0 R", streamObj("", font), cids),
		"CFF program":   type0Doc(content, "/Identity-H", "11 0 R", "/FontFile3 10 0 R", streamObj("/Subtype /CIDFontType0C", font), cids),
		"CFF OpenType":  type0Doc(content, "/Identity-H", "11 0 R", "/FontFile3 10 0 R", streamObj("/Subtype /OpenType", string(buildTTF(ttfOptions{glyphs: []int{12}, version: 0x4F54544F}))), cids),
		"collection":    type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", "ttcf"+font[4:]), cids),
		"predefined":    type0Doc(content, "/UniGB-UCS2-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", font), cids),
		"usecmap":       type0Doc(content, "12 0 R", "11 0 R", "/FontFile2 10 0 R", streamObj("", font), cids, streamObj("", "/UniGB-UCS2-H usecmap 1 begincidrange <0000> <3000> 0 endcidrange")),
		"CIDToGIDMap":   type0Doc(content, "/Identity-H", "/Whatever", "/FontFile2 10 0 R", streamObj("", font)),
		"garbage":       type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", "garbage"), cids),
		"no glyf":       type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", string(buildTTF(ttfOptions{glyphs: []int{12}, extra: map[string][]byte{"glyf": nil}}))), cids),
		"truncated":     type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", font[:len(font)-8]), cids),
		"no glyphs":     type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", string(buildTTF(ttfOptions{glyphs: []int{12}, numGlyphs: -1}))), cids),
		"bad loca":      type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", string(buildTTF(ttfOptions{glyphs: []int{12}, extra: map[string][]byte{"loca": {0}}}))), cids),
		"bad head":      type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", string(buildTTF(ttfOptions{glyphs: []int{12}, extra: map[string][]byte{"head": make([]byte, 20)}}))), cids),
		"CIDFontType0":  bytes.Replace(type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", font), cids), []byte("/CIDFontType2"), []byte("/CIDFontType0"), 1),
		"core font":     onePage("BT /F1 10 Tf (A) Tj ET", ""),
	} {
		d, err := parseStrict(doc)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, f := range d.Fonts {
			if f.GlyphsChecked {
				t.Errorf("%s: font %+v: GlyphsChecked", name, f)
			}
		}
		checkMissing(t, d.MissingGlyphs, nil)
	}
}

// TestFontProgramCorrupt: a font program or CIDToGIDMap stream that does
// not decompress makes the document corrupt, like any other stream.
func TestFontProgramCorrupt(t *testing.T) {
	font := buildTTF(synthGlyphs)
	bad := flateOf(string(font))
	bad = bad[:len(bad)/2]
	for name, doc := range map[string][]byte{
		"program": type0Doc("", "/Identity-H", "/Identity", "/FontFile2 10 0 R", streamObj("/Filter /FlateDecode", bad)),
		"map":     type0Doc("", "/Identity-H", "11 0 R", "/FontFile2 10 0 R", streamObj("", string(font)), streamObj("/Filter /FlateDecode", bad)),
	} {
		if _, err := parseStrict(doc); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
}

func TestMissingGlyphsLimit(t *testing.T) {
	content := "BT /G 10 Tf " + hexUTF16("丁BCD丁B") + " Tj ET"
	doc := type0Doc(content, "/Identity-H", "11 0 R", "/FontFile2 10 0 R",
		streamObj("", string(buildTTF(synthGlyphs))), streamObj("", cidToGIDStream(0x3001, synthMap)))
	lim := defaultLimits
	lim.missing = 2
	d, err := parse(doc, lim, false)
	if err != nil {
		t.Fatal(err)
	}
	checkMissing(t, d.MissingGlyphs, []MissingGlyph{
		{Page: 1, Font: "Synth", Text: "丁", Code: 0x4E01, Count: 2},
		{Page: 1, Font: "Synth", Text: "B", Code: 'B', Glyph: 3, Count: 2},
	})
}

// TestSimpleTrueTypeMapping checks the code to glyph mapping of simple
// TrueType fonts with synthetic font programs.
func TestSimpleTrueTypeMapping(t *testing.T) {
	glyphs := []int{12, 0, 12, 12} // .notdef, space, two outlines
	uni := cmapFormat4(map[uint32]uint16{' ': 1, 'A': 2, 0x20AC: 3})
	sym := cmapFormat4(map[uint32]uint16{0xF020: 1, 0xF041: 2, 0xF080: 3})
	mac := append([]byte{0, 0, 1, 6, 0, 0}, make([]byte, 256)...)
	mac[6+' '], mac[6+'A'], mac[6+0xDB] = 1, 2, 3 // Mac OS Roman 0xDB is €
	font := func(cmaps ...cmapSubtable) string {
		return string(buildTTF(ttfOptions{glyphs: glyphs, cmaps: cmaps}))
	}
	// Codes: A space € B (WinAnsi € is 0x80).
	const content = "BT /T 10 Tf (A \x80B) Tj ET"
	doc := func(encoding, flags, program string) []byte {
		return onePage(content, "/F1 5 0 R /T 6 0 R",
			"<< /Type /Font /Subtype /TrueType /BaseFont /Simple "+encoding+" /FontDescriptor 7 0 R >>",
			"<< /Type /FontDescriptor /FontName /Simple /Flags "+flags+" /FontFile2 8 0 R >>",
			streamObj("", program))
	}
	missB := []MissingGlyph{{Page: 1, Font: "Simple", Text: "B", Code: 'B', Count: 1}}
	for _, tc := range []struct {
		name string
		pdf  []byte
		want []MissingGlyph // nil: GlyphsChecked is false
	}{
		{"WinAnsi (3,1)", doc("/Encoding /WinAnsiEncoding", "32", font(cmapSubtable{3, 1, uni})), missB},
		{"nonsymbolic (0,3)", doc("", "32", font(cmapSubtable{0, 3, uni})), missB},
		{"MacRoman (1,0)", doc("/Encoding /MacRomanEncoding", "32", font(cmapSubtable{1, 0, mac})), []MissingGlyph{
			{Page: 1, Font: "Simple", Text: "Ä", Code: 0x80, Count: 1}, // € is 0xDB in Mac OS Roman
			{Page: 1, Font: "Simple", Text: "B", Code: 'B', Count: 1},
		}},
		// Š, for one, has no Mac OS Roman code: the glyph cannot be found
		// through the (1,0) cmap.
		{"WinAnsi (1,0)", doc("/Encoding /WinAnsiEncoding", "32", font(cmapSubtable{1, 0, mac})), nil},
		{"WinAnsi (3,0)", doc("/Encoding /WinAnsiEncoding", "32", font(cmapSubtable{3, 0, sym})), missB},
		{"symbolic (3,0)", doc("", "4", font(cmapSubtable{3, 0, sym}, cmapSubtable{3, 1, uni})), missB},
		{"symbolic (1,0)", doc("", "4", font(cmapSubtable{1, 0, mac})), []MissingGlyph{
			{Page: 1, Font: "Simple", Text: "€", Code: 0x80, Count: 1}, // code 0x80 is Ä in the (1,0) cmap
			{Page: 1, Font: "Simple", Text: "B", Code: 'B', Count: 1},
		}},
		{"Differences", doc("/Encoding << /Differences [66 /A 128 /Euro] >>", "32", font(cmapSubtable{3, 1, uni})), []MissingGlyph{}},
		{"Differences .notdef", doc("/Encoding << /Differences [65 /.notdef] >>", "32", font(cmapSubtable{3, 1, uni})), []MissingGlyph{
			{Page: 1, Font: "Simple", Text: "A", Code: 'A', Count: 1},
			{Page: 1, Font: "Simple", Text: "B", Code: 'B', Count: 1},
		}},
		{"unknown glyph name", doc("/Encoding << /Differences [66 /xyzzy] >>", "32", font(cmapSubtable{3, 1, uni})), nil},
		{"symbolic (3,1) only", doc("", "4", font(cmapSubtable{3, 1, uni})), nil},
		{"no cmap", doc("/Encoding /WinAnsiEncoding", "32", font()), nil},
		{"Type1", bytes.Replace(doc("/Encoding /WinAnsiEncoding", "32", font(cmapSubtable{3, 1, uni})), []byte("/TrueType"), []byte("/Type1"), 1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := mustParse(t, tc.pdf)
			var f Font
			for _, x := range d.Fonts {
				if x.Name == "Simple" {
					f = x
				}
			}
			if f.GlyphsChecked != (tc.want != nil) {
				t.Fatalf("font %+v: want GlyphsChecked %v", f, tc.want != nil)
			}
			if len(tc.want) == 0 {
				tc.want = nil
			}
			checkMissing(t, d.MissingGlyphs, tc.want)
		})
	}
}

func TestCmapFormats(t *testing.T) {
	be16 := binary.BigEndian.AppendUint16
	be32 := binary.BigEndian.AppendUint32
	f0 := append([]byte{0, 0, 1, 6, 0, 0}, make([]byte, 256)...)
	f0[6+'a'] = 7
	f6 := be16(be16(be16(be16(be16(be16(nil, 6), 0), 0), 'a'), 2), 8)
	f6 = be16(f6, 9)
	f12 := be32(be32(be32(be16(be16(nil, 12), 0), 0), 0), 2)
	f12 = be32(be32(be32(f12, 'a'), 'b'), 20)
	f12 = be32(be32(be32(f12, 0x1F600), 0x1F601), 30)
	// Format 4 with idRangeOffset: 'a'..'c' read from glyphIdArray.
	f4 := be16(be16(be16(nil, 4), 0), 0)
	f4 = be16(be16(be16(be16(f4, 4), 0), 0), 0)
	f4 = be16(be16(be16(f4, 'c'), 0xFFFF), 0) // end codes, pad
	f4 = be16(be16(f4, 'a'), 0xFFFF)          // start codes
	f4 = be16(be16(f4, 1), 1)                 // idDelta
	f4 = be16(be16(f4, 4), 0)                 // idRangeOffset: 4 bytes on, the glyphIdArray
	f4 = be16(be16(be16(f4, 10), 0), 12)      // glyphIdArray: a→10+1, b→0, c→12+1
	for _, tc := range []struct {
		sub  []byte
		code uint32
		want uint32
	}{
		{f0, 'a', 7}, {f0, 'b', 0}, {f0, 300, 0}, {f0[:50], 'a', 0},
		{f6, 'a', 8}, {f6, 'b', 9}, {f6, 'c', 0}, {f6, '`', 0}, {f6[:12], 'b', 0},
		{f12, 'a', 20}, {f12, 'b', 21}, {f12, 'c', 0}, {f12, 0x1F601, 31}, {f12, 0x1F5FF, 0}, {f12[:30], 0x1F600, 0},
		{f4, 'a', 11}, {f4, 'b', 0}, {f4, 'c', 13}, {f4, 'd', 0}, {f4, 0x10000, 0}, {f4[:len(f4)-2], 'c', 0},
		{nil, 'a', 0}, {[]byte{0, 9}, 'a', 0},
	} {
		if got := fonts.CMap(tc.sub).Lookup(tc.code); got != tc.want {
			t.Errorf("format %v (%d bytes) code %#x: glyph %d, want %d", tc.sub[:min(2, len(tc.sub))], len(tc.sub), tc.code, got, tc.want)
		}
	}
}

func TestInvisible(t *testing.T) {
	for _, s := range []string{" ", "\u00a0", "\u202f", "\u3000", "\u2009", "\t", "\u200b", "\u00ad", "\ufeff", "  "} {
		if !invisible(s) {
			t.Errorf("invisible(%q) = false", s)
		}
	}
	for _, s := range []string{"", "a", " a", "\ufffd", "-", "数"} {
		if invisible(s) {
			t.Errorf("invisible(%q) = true", s)
		}
	}
}

// TestMissingGlyphsPages: each page has its own entries.
func TestMissingGlyphsPages(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
	for range 3 {
		pdf.AddPage()
		pdf.SetFont("DejaVu", "", 12)
		pdf.CellFormat(0, 10, "page "+zhMissing[:3], "", 1, "L", false, 0, "")
	}
	doc := mustParse(t, output(t, pdf))
	var want []MissingGlyph
	for p := 1; p <= 3; p++ {
		want = append(want, wantMissing(p, "utf8dejavu", zhMissing[:3])...)
	}
	checkMissing(t, doc.MissingGlyphs, want)
}

// TestInflateHint: the size hint only affects allocation, whatever its
// value, and does not let a stream exceed the budget.
func TestInflateHint(t *testing.T) {
	want := strings.Repeat("glyf data ", 5000)
	z := []byte(flateOf(want))
	raw := z[2 : len(z)-4] // raw deflate, without the zlib header and checksum
	for _, hint := range []int64{-5, 0, 1, int64(len(want)), int64(len(want)) + 1, 10 * int64(len(want)), 1 << 40} {
		r := newReader(nil, 0, defaultLimits)
		for _, in := range [][]byte{z, raw, z} { // the decompressors are reused
			got, err := r.inflate(in, hint)
			if err != nil || string(got) != want {
				t.Fatalf("hint %d: %d bytes, %v", hint, len(got), err)
			}
			if cap(got) > 2*len(got)+8192 {
				t.Errorf("hint %d: capacity %d for %d bytes", hint, cap(got), len(got))
			}
		}
		if r.inflated != 3*int64(len(want)) {
			t.Errorf("hint %d: charged %d bytes", hint, r.inflated)
		}
		small := defaultLimits
		small.inflated = 1000
		r = newReader(nil, 0, small)
		if _, err := r.inflate(z, hint); !errors.Is(err, ErrTooLarge) {
			t.Errorf("hint %d: err = %v, want ErrTooLarge", hint, err)
		}
	}
	// Corrupt data after a good stream: the reused decompressor reports it.
	r := newReader(nil, 0, defaultLimits)
	if _, err := r.inflate(z, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := r.inflate(z[:len(z)/2], 0); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated: err = %v, want ErrCorrupt", err)
	}
	if got, err := r.inflate(z, 0); err != nil || string(got) != want {
		t.Errorf("after an error: %d bytes, %v", len(got), err)
	}
}
