package pdftext

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
)

// Font describes a font resource used by the document's pages.
type Font struct {
	Name     string // BaseFont (for example "utf8dejavu" as written by fpdf)
	Subtype  string // Type0, TrueType, Type1, Type3, ...
	Embedded bool   // the font program is embedded (FontFile, FontFile2 or FontFile3); always true for Type3

	// GlyphsChecked reports that every character drawn with the font was
	// checked against the embedded font program (see
	// Document.MissingGlyphs): the program is TrueType (FontFile2, or
	// FontFile3 /OpenType with TrueType outlines) and was read, and the
	// mapping from codes to glyphs is known. That is the case for Type0
	// fonts with a CIDFontType2 descendant and an Identity-H/V or embedded
	// encoding CMap (as fpdf writes UTF-8 fonts), and for simple TrueType
	// fonts whose codes all map to glyphs through the font's cmap table.
	// It is false for fonts that are not embedded, Type1 and CFF programs
	// (FontFile, FontFile3 other than TrueType-flavoured OpenType), Type3
	// fonts, predefined CMaps other than Identity, and font programs that
	// cannot be parsed.
	GlyphsChecked bool
}

// pfont is a font prepared for decoding strings in content streams.
type pfont struct {
	info  Font
	type0 bool

	toUni  *cmap     // /ToUnicode, if any
	enc    *cmap     // embedded encoding CMap of a Type0 font, if any
	glyphs *glyphMap // code to glyph mapping, if GlyphsChecked

	// Simple fonts.
	codes   *[256]string    // text of each code according to the base encoding
	diffs   map[byte]string // /Differences
	diffRaw map[byte]string // /Differences glyph names without known text
	first   int
	widths  []float64
	std     *[95]uint16 // built-in widths of a standard 14 font without /Widths
	mono    bool        // Courier: every glyph is 600 units wide
	miss    float64     // MissingWidth
	scale   float64     // glyph space to text space (0.001, or FontMatrix for Type3)
	noWids  bool        // no width information at all

	// Type0 fonts.
	dw   float64
	w    map[uint32]float64
	wr   []widthRange // sorted by lo
	cidN int          // bytes per code when there is no codespace (2)
}

// widthRange is a "cfirst clast w" entry of a CIDFont's /W array.
type widthRange struct {
	lo, hi uint32
	w      float64
}

// glyph is one decoded character code.
type glyph struct {
	text  string
	width float64 // horizontal displacement in text space, before font size
	space bool    // single-byte code 32, to which word spacing applies
	code  uint32  // the character code
	code2 uint32  // the second code of a UTF-16 surrogate pair, if pair
	pair  bool
}

// defaultFont is used when no valid font is selected.
var defaultFont = newSimpleFont()

func newSimpleFont() *pfont {
	return &pfont{scale: 0.001, noWids: true, codes: encodingText(&winAnsiEncoding)}
}

// Base encodings as text, computed once.
var (
	winAnsiText     = textTable(&winAnsiEncoding)
	macRomanText    = textTable(&macRomanEncoding)
	pdfDocText      = textTable(&pdfDocEncoding)
	standardText    = textTable(&standardEncoding)
	encodingsByRune = map[*[256]rune]*[256]string{
		&winAnsiEncoding:  winAnsiText,
		&macRomanEncoding: macRomanText,
		&pdfDocEncoding:   pdfDocText,
		&standardEncoding: standardText,
	}
)

func textTable(t *[256]rune) *[256]string {
	var s [256]string
	for i, r := range t {
		s[i] = string(r)
	}
	return &s
}

// encodingText returns the text table of a base encoding.
func encodingText(t *[256]rune) *[256]string {
	if s, ok := encodingsByRune[t]; ok {
		return s
	}
	return textTable(t)
}

// font returns the prepared font for the font dictionary o (usually a
// reference), caching fonts by object number, or by identity for direct
// dictionaries.
func (r *reader) font(o object, resName string) *pfont {
	if ref, ok := o.(objRef); ok {
		if f, ok := r.fonts[ref.num]; ok {
			return f
		}
		f := r.buildFont(r.resolveDict(o), resName)
		r.fonts[ref.num] = f
		return f
	}
	d := r.resolveDict(o)
	key := mapID(d)
	if f, ok := r.fontDicts[key]; ok && key != 0 {
		return f
	}
	f := r.buildFont(d, resName)
	r.fontDicts[key] = f
	return f
}

// mapID identifies a dictionary (0 for nil).
func mapID(d dict) uintptr { return reflect.ValueOf(d).Pointer() }

// buildFont prepares a font from its dictionary.
func (r *reader) buildFont(d dict, resName string) *pfont {
	f := newSimpleFont()
	sub, _ := r.resolve(d["Subtype"]).(name)
	base, _ := r.resolve(d["BaseFont"]).(name)
	if base == "" {
		base, _ = r.resolve(d["Name"]).(name)
	}
	if base == "" {
		base = name(resName)
	}
	f.info = Font{Name: string(base), Subtype: string(sub)}

	if tu, ok := r.resolve(d["ToUnicode"]).(*stream); ok {
		f.toUni = r.cmapStream(tu, "ToUnicode", f.info.Name)
	}

	switch sub {
	case "Type0":
		f.type0 = true
		f.noWids = false
		f.cidN = 2
		f.dw = 1000
		var desc dict
		if a, ok := r.resolve(d["DescendantFonts"]).(array); ok && len(a) > 0 {
			desc = r.resolveDict(a[0])
		}
		f.info.Embedded = r.hasFontFile(r.resolveDict(desc["FontDescriptor"]))
		if dw, ok := toFloat(r.resolve(desc["DW"])); ok {
			f.dw = dw
		}
		r.cidWidths(f, desc)
		if es, ok := r.resolve(d["Encoding"]).(*stream); ok {
			f.enc = r.cmapStream(es, "Encoding", f.info.Name)
		}
		r.type0Glyphs(f, d, desc)
	case "Type3":
		f.info.Embedded = true
		if m, ok := r.resolve(d["FontMatrix"]).(array); ok && len(m) > 0 {
			if v, ok := toFloat(r.resolve(m[0])); ok && v != 0 {
				f.scale = v
			}
		}
		r.simpleEncoding(f, d)
		r.simpleWidths(f, d, nil)
	default:
		fd := r.resolveDict(d["FontDescriptor"])
		f.info.Embedded = r.hasFontFile(fd)
		r.simpleEncoding(f, d)
		r.simpleWidths(f, d, fd)
		r.simpleGlyphs(f, d, fd)
	}
	return f
}

// cmapStream decodes and parses a CMap stream (once per stream object),
// recording errors.
func (r *reader) cmapStream(s *stream, what, font string) *cmap {
	if c, ok := r.cmaps[s.num]; ok && s.num > 0 {
		return c
	}
	data, err := r.decode(s)
	if err != nil {
		r.fail(err)
		return nil
	}
	c, err := parseCMap(data)
	if err != nil {
		r.corrupt("font %q: %s: %v", font, what, err)
		return nil
	}
	if s.num > 0 {
		r.cmaps[s.num] = c
	}
	return c
}

// hasFontFile reports whether a font descriptor embeds the font program.
func (r *reader) hasFontFile(fd dict) bool {
	for _, k := range []name{"FontFile", "FontFile2", "FontFile3"} {
		if _, ok := r.resolve(fd[k]).(*stream); ok {
			return true
		}
	}
	return false
}

// cidWidths reads the /W array of a CIDFont.
func (r *reader) cidWidths(f *pfont, desc dict) {
	w, _ := r.resolve(desc["W"]).(array)
	f.w = map[uint32]float64{}
	for i := 0; i+1 < len(w); {
		c1, ok := toInt(r.resolve(w[i]))
		if !ok || c1 < 0 || c1 > 0xFFFFFFFF {
			return
		}
		if a, ok := r.resolve(w[i+1]).(array); ok {
			for j, e := range a {
				if v, ok := toFloat(r.resolve(e)); ok && c1+int64(j) <= 0xFFFFFFFF {
					f.w[uint32(c1+int64(j))] = v
				}
			}
			i += 2
			continue
		}
		if i+2 >= len(w) {
			return
		}
		c2, ok1 := toInt(r.resolve(w[i+1]))
		v, ok2 := toFloat(r.resolve(w[i+2]))
		if ok1 && ok2 && c2 >= c1 && c2 <= 0xFFFFFFFF {
			f.wr = append(f.wr, widthRange{lo: uint32(c1), hi: uint32(c2), w: v})
		}
		i += 3
	}
	slices.SortStableFunc(f.wr, func(a, b widthRange) int { return cmp.Compare(a.lo, b.lo) })
}

// simpleEncoding fills f.codes from the /Encoding entry.
func (r *reader) simpleEncoding(f *pfont, d dict) {
	base := &winAnsiEncoding
	var diffs array
	switch e := r.resolve(d["Encoding"]).(type) {
	case name:
		base = baseEncoding(e, base)
	case dict:
		if b, ok := r.resolve(e["BaseEncoding"]).(name); ok {
			base = baseEncoding(b, base)
		}
		diffs, _ = r.resolve(e["Differences"]).(array)
	}
	f.codes = encodingText(base)
	code := -1
	for _, o := range diffs {
		switch v := r.resolve(o).(type) {
		case int64:
			code = int(min(max(v, -1), 256))
		case name:
			if code >= 0 && code < 256 {
				if s, ok := glyphText(string(v)); ok {
					if f.diffs == nil {
						f.diffs = map[byte]string{}
					}
					f.diffs[byte(code)] = s
					delete(f.diffRaw, byte(code))
				} else {
					if f.diffRaw == nil {
						f.diffRaw = map[byte]string{}
					}
					f.diffRaw[byte(code)] = string(v)
					delete(f.diffs, byte(code))
				}
				code++
			}
		}
	}
}

// baseEncoding returns the table of a named encoding.
func baseEncoding(n name, def *[256]rune) *[256]rune {
	switch n {
	case "WinAnsiEncoding":
		return &winAnsiEncoding
	case "MacRomanEncoding":
		return &macRomanEncoding
	case "PDFDocEncoding":
		return &pdfDocEncoding
	case "StandardEncoding":
		return &standardEncoding
	}
	return def
}

// standardEncoding approximates StandardEncoding: it differs from
// WinAnsiEncoding mainly in the quote characters of the ASCII range.
var standardEncoding = func() [256]rune {
	t := winAnsiEncoding
	t['\''] = '\u2019'
	t['`'] = '\u2018'
	return t
}()

// simpleWidths reads /FirstChar, /Widths and /MissingWidth, or selects
// built-in widths for the standard 14 fonts.
func (r *reader) simpleWidths(f *pfont, d, fd dict) {
	f.miss, _ = toFloat(r.resolve(fd["MissingWidth"]))
	if ws, ok := r.resolve(d["Widths"]).(array); ok {
		first, _ := toInt(r.resolve(d["FirstChar"]))
		f.first = int(min(max(first, 0), 256))
		f.widths = make([]float64, 0, min(len(ws), 256))
		for _, o := range ws[:min(len(ws), 256)] {
			v, _ := toFloat(r.resolve(o))
			f.widths = append(f.widths, v)
		}
		f.noWids = false
		return
	}
	bn := f.info.Name
	if i := strings.IndexByte(bn, '+'); i >= 0 {
		bn = bn[i+1:]
	}
	switch {
	case strings.HasPrefix(bn, "Courier"):
		f.mono = true
	case strings.HasPrefix(bn, "Helvetica-Bold"), strings.HasPrefix(bn, "Arial-Bold"), strings.HasPrefix(bn, "Arial,Bold"):
		f.std = &helveticaBoldWidths
	case strings.HasPrefix(bn, "Helvetica"), strings.HasPrefix(bn, "Arial"):
		f.std = &helveticaWidths
	case strings.HasPrefix(bn, "Times-Bold"):
		f.std = &timesBoldWidths
	case strings.HasPrefix(bn, "Times"):
		f.std = &timesWidths
	default:
		return
	}
	f.noWids = false
}

// simpleWidth returns the width of a simple font's code in text space.
func (f *pfont) simpleWidth(b byte) float64 {
	switch {
	case f.noWids:
		return 0.5
	case f.mono:
		return 0.6
	case f.std != nil:
		if b >= 32 && b <= 126 {
			return float64(f.std[b-32]) / 1000
		}
		return 0.5
	}
	if i := int(b) - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i] * f.scale
	}
	return f.miss * f.scale
}

// cidWidth returns the width of a Type0 font's code in text space.
func (f *pfont) cidWidth(code uint32) float64 {
	cid := code
	if c, ok := f.enc.cid(code); ok {
		cid = c
	}
	if v, ok := f.w[cid]; ok {
		return v / 1000
	}
	i, _ := slices.BinarySearchFunc(f.wr, cid, func(e widthRange, t uint32) int {
		switch {
		case e.lo < t:
			return -1
		case e.lo > t:
			return 1
		}
		return 0
	})
	// i is the first range with lo >= cid; check it and its predecessors.
	for j := min(i, len(f.wr)-1); j >= 0 && j >= i-maxRangeProbes; j-- {
		if rg := f.wr[j]; rg.lo <= cid && cid <= rg.hi {
			return rg.w / 1000
		}
	}
	return f.dw / 1000
}

// decode splits s into character codes and calls emit for each, stopping
// early if emit returns false.
func (f *pfont) decode(s []byte, emit func(glyph) bool) {
	if !f.type0 {
		for _, b := range s {
			text, ok := f.toUni.lookup(uint32(b))
			if !ok {
				if text, ok = f.diffs[b]; !ok {
					text = f.codes[b]
				}
			}
			if !emit(glyph{text: text, width: f.simpleWidth(b), space: b == ' ', code: uint32(b)}) {
				return
			}
		}
		return
	}
	for i := 0; i < len(s); {
		code, n := f.enc.nextCode(s[i:])
		if n == 0 {
			n = min(f.cidN, len(s)-i)
			code = beUint(s[i : i+n])
		}
		i += n
		g := glyph{width: f.cidWidth(code), space: n == 1 && code == ' ', code: code}
		if text, ok := f.toUni.lookup(code); ok {
			g.text = text
			if !emit(g) {
				return
			}
			continue
		}
		// No ToUnicode mapping: take 2-byte codes as UTF-16BE.
		switch {
		case code >= 0xD800 && code <= 0xDBFF && n == 2 && i+2 <= len(s):
			lo := beUint(s[i : i+2])
			if lo >= 0xDC00 && lo <= 0xDFFF {
				i += 2
				g.code2, g.pair = lo, true
				g.width += f.cidWidth(lo)
				g.text = string(rune(0x10000 + (code-0xD800)<<10 + (lo - 0xDC00)))
			} else {
				g.text = "\uFFFD"
			}
		case code >= 0xD800 && code <= 0xDFFF, code > 0x10FFFF:
			g.text = "\uFFFD"
		default:
			g.text = string(rune(code))
		}
		if !emit(g) {
			return
		}
	}
}

// beUint returns the big-endian value of up to 4 bytes.
func beUint(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}
