package pdftext

import (
	"fmt"
	"strings"
	"testing"
)

// fpdfToUnicode is the ToUnicode CMap fpdf writes for every UTF-8 font.
const fpdfToUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

func TestParseCMap(t *testing.T) {
	type probe struct {
		code uint32
		want string
		ok   bool
	}
	tests := []struct {
		name   string
		cmap   string
		probes []probe
	}{
		{"fpdf identity", fpdfToUnicode, []probe{
			{0x0041, "A", true}, {0x00E9, "é", true}, {0x4F60, "你", true},
			{0x202F, "\u202f", true}, {0xFFFD, "\ufffd", true},
		}},
		{"bfchar", `2 beginbfchar <01> <0041> <02> <00660069> endbfchar`, []probe{
			{1, "A", true}, {2, "fi", true}, {3, "", false},
		}},
		{"bfchar surrogate pair and name", `2 beginbfchar <0003> <D83DDE00> <0004> /Euro endbfchar`, []probe{
			{3, "😀", true}, {4, "€", true},
		}},
		{"bfrange increment", `1 beginbfrange <0010> <0012> <0041> endbfrange`, []probe{
			{0x0F, "", false}, {0x10, "A", true}, {0x11, "B", true}, {0x12, "C", true}, {0x13, "", false},
		}},
		{"bfrange carry into high byte", `1 beginbfrange <00> <02> <00FF> endbfrange`, []probe{
			{0, "ÿ", true}, {1, "Ā", true}, {2, "ā", true},
		}},
		{"bfrange array form", `1 beginbfrange <05> <07> [<0058> <00660066> <0059>] endbfrange`, []probe{
			{5, "X", true}, {6, "ff", true}, {7, "Y", true}, {8, "", false},
		}},
		{"bfrange short array", `1 beginbfrange <05> <07> [<0058>] endbfrange`, []probe{
			{5, "X", true}, {6, "", false},
		}},
		{"bfchar wins over bfrange", `1 beginbfrange <20> <7E> <0020> endbfrange 1 beginbfchar <41> <0061> endbfchar`, []probe{
			{0x41, "a", true}, {0x42, "B", true},
		}},
		{"multiple sections and comments", "% comment\n1 beginbfchar <01> <0031> endbfchar\n1 beginbfchar <02> <0032> endbfchar", []probe{
			{1, "1", true}, {2, "2", true},
		}},
		{"malformed entries skipped", `3 beginbfrange <01> <0002> <0041> <05> <04> <0041> <10> <11> <0030> endbfrange`, []probe{
			{1, "", false}, {5, "", false}, {0x10, "0", true}, {0x11, "1", true},
		}},
		{"one-byte destination", `1 beginbfchar <01> <41> endbfchar`, []probe{{1, "A", true}}},
		{"huge range", `1 beginbfrange <00000000> <FFFFFFFF> <0000> endbfrange`, []probe{
			{0x41, "A", true}, {0x10041, "A", true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseCMap([]byte(tt.cmap))
			if err != nil {
				t.Fatalf("parseCMap: %v", err)
			}
			for _, p := range tt.probes {
				got, ok := c.lookup(p.code)
				if got != p.want || ok != p.ok {
					t.Errorf("lookup(%#x) = %q, %v; want %q, %v", p.code, got, ok, p.want, p.ok)
				}
			}
		})
	}
}

func TestParseCMapErrors(t *testing.T) {
	for _, in := range []string{
		"1 beginbfchar <01> <0041>",           // truncated section
		"1 beginbfchar <01> <00G1> endbfchar", // bad hex
		"1 beginbfrange <01> <02> [<0041> endbfrange",
		"1 beginbfchar <01> (abc endbfchar",
		"1 beginbfchar <01> endcmap endbfchar",
	} {
		if _, err := parseCMap([]byte(in)); err == nil {
			t.Errorf("parseCMap(%q): want error", in)
		}
	}
}

func TestCMapCodespace(t *testing.T) {
	// Mixed one- and two-byte codes, as in many CJK encodings.
	c, err := parseCMap([]byte(`2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
		1 begincidrange <8140> <8142> 100 endcidrange 1 begincidchar <41> 7 endcidchar`))
	if err != nil {
		t.Fatal(err)
	}
	in := []byte("\x41\x81\x41\x20\xff")
	var got []uint32
	var lens []int
	for len(in) > 0 {
		code, n := c.nextCode(in)
		got = append(got, code)
		lens = append(lens, n)
		in = in[n:]
	}
	want := []uint32{0x41, 0x8141, 0x20, 0xff}
	if len(got) != len(want) {
		t.Fatalf("codes %x (lengths %v), want %x", got, lens, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("code %d = %#x, want %#x", i, got[i], want[i])
		}
	}
	if cid, ok := c.cid(0x8141); !ok || cid != 101 {
		t.Errorf("cid(8141) = %d, %v; want 101", cid, ok)
	}
	if cid, ok := c.cid(0x41); !ok || cid != 7 {
		t.Errorf("cid(41) = %d, %v; want 7", cid, ok)
	}
	if _, ok := c.cid(0x8150); ok {
		t.Error("cid(8150): want no mapping")
	}
}

func TestCMapManyOverlappingRanges(t *testing.T) {
	// Pathological overlapping ranges must not make lookups slow.
	var b strings.Builder
	b.WriteString("1 beginbfrange <0000> <FFFF> <0041> endbfrange\n")
	b.WriteString("20000 beginbfrange\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "<%04X> <%04X> <0042>\n", 2*i, 2*i)
	}
	b.WriteString("endbfrange\n")
	c, err := parseCMap([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for code := uint32(0); code < 0x10000; code++ {
		c.lookup(code)
	}
}

func TestGlyphText(t *testing.T) {
	for g, want := range map[string]string{
		"A": "A", "eacute": "é", "Euro": "€", "fi": "\ufb01", "uni0416": "Ж", "uni00660069": "fi",
		"u1F600": "😀", "a.sc": "a", "afii10017": "А", "space": " ",
	} {
		if got, ok := glyphText(g); !ok || got != want {
			t.Errorf("glyphText(%q) = %q, %v; want %q", g, got, ok, want)
		}
	}
	for _, g := range []string{"g123", "uniD800", "uni12", "uFFFFFFF", ""} {
		if got, ok := glyphText(g); ok {
			t.Errorf("glyphText(%q) = %q, want no mapping", g, got)
		}
	}
}
