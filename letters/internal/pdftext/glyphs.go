package pdftext

import (
	"bytes"
	"unicode"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// MissingGlyph is a character drawn with a font whose embedded program has
// no glyph for it: a conforming viewer shows a blank or a box (.notdef)
// there, although the extracted text reads correctly. Only fonts with
// Font.GlyphsChecked are examined.
type MissingGlyph struct {
	Page  int    // 1-based page number
	Font  string // BaseFont name of the font, as in Span.Font
	Text  string // the character as extracted (through /ToUnicode or the encoding)
	Code  uint32 // the character code in the content stream (for fpdf's UTF-8 fonts, the Unicode code point)
	Glyph uint32 // glyph id the code selects: 0 (.notdef), one the font program lacks, or one without an outline
	Count int    // how many times the code is drawn with the font on the page
}

// MaxMissingGlyphs bounds Document.MissingGlyphs: further distinct
// page/font/code combinations are not listed (those already listed keep
// counting).
const MaxMissingGlyphs = 1 << 16

// glyphMap maps the character codes of a font to glyph ids of its embedded
// TrueType program.
type glyphMap struct {
	tt *fonts.Glyphs

	// Type0 fonts: code → CID through the font's encoding (Identity-H/V,
	// or the embedded CMap pfont.enc), then CID → GID through the
	// CIDToGIDMap.
	identity bool   // /CIDToGIDMap /Identity (or absent)
	cidToGID []byte // the CIDToGIDMap stream: 2-byte big-endian GIDs indexed by CID

	// Simple fonts: the glyph of each code.
	simple *[256]uint32
}

// missKey identifies an entry of Document.MissingGlyphs.
type missKey struct {
	page int
	font *pfont
	code uint32
}

// gid returns the glyph id that code selects.
func (f *pfont) gid(code uint32) uint32 {
	m := f.glyphs
	if m.simple != nil {
		return m.simple[code&0xFF]
	}
	cid := code
	if f.enc != nil {
		// Codes an embedded CMap does not map select CID 0.
		cid, _ = f.enc.cid(code)
	}
	if m.identity {
		return cid
	}
	if i := 2 * uint64(cid); i+2 <= uint64(len(m.cidToGID)) {
		return uint32(m.cidToGID[i])<<8 | uint32(m.cidToGID[i+1])
	}
	return 0 // CIDs beyond the map have no glyph
}

// checkGlyph records code, drawn with font f as text on the current page,
// in the document's missing glyphs if the font program has no glyph for it.
func (in *interp) checkGlyph(f *pfont, code uint32, text string) {
	gid := f.gid(code)
	switch f.glyphs.tt.Glyph(gid) {
	case fonts.GlyphOK:
		return
	case fonts.GlyphEmpty:
		if invisible(text) {
			return
		}
	}
	r := in.r
	k := missKey{page: in.page.Number, font: f, code: code}
	if i, ok := r.missIdx[k]; ok {
		r.missing[i].Count++
		return
	}
	if len(r.missing) >= r.lim.missing {
		return
	}
	if r.missIdx == nil {
		r.missIdx = map[missKey]int{}
	}
	r.missIdx[k] = len(r.missing)
	r.missing = append(r.missing, MissingGlyph{
		Page: in.page.Number, Font: f.info.Name, Text: text, Code: code, Glyph: gid, Count: 1,
	})
}

// invisible reports whether text is made of characters that draw nothing,
// so that an empty glyph is correct for them: white space (space, no-break
// spaces, ideographic space, ...), format characters (zero-width space and
// joiners, soft hyphen, ...) and controls.
func invisible(text string) bool {
	if text == "" {
		return false
	}
	for _, c := range text {
		if !unicode.IsSpace(c) && !unicode.Is(unicode.Cf, c) && !unicode.IsControl(c) {
			return false
		}
	}
	return true
}

// fontProgram reads the embedded TrueType program of a font descriptor:
// FontFile2, or FontFile3 with /Subtype /OpenType and TrueType outlines.
// It returns nil if there is none or it cannot be read; a stream that does
// not decode is an error of the document.
func (r *reader) fontProgram(fd dict) *fonts.Glyphs {
	s, ok := r.resolve(fd["FontFile2"]).(*stream)
	if !ok {
		s, ok = r.resolve(fd["FontFile3"]).(*stream)
		if !ok || r.resolve(s.hdr["Subtype"]) != name("OpenType") {
			return nil
		}
	}
	if t, ok := r.ttFonts[s.num]; ok && s.num > 0 {
		return t
	}
	length1, _ := toInt(r.resolve(s.hdr["Length1"]))
	data, err := r.decodeHint(s, length1)
	if err != nil {
		r.fail(err)
		return nil
	}
	t, _ := fonts.ReadGlyphs(data) // nil if it is not a usable TrueType program
	if s.num > 0 {
		r.ttFonts[s.num] = t
	}
	return t
}

// cidToGIDSize is the size of a CIDToGIDMap covering 2-byte CIDs, which
// fpdf writes whatever the font.
const cidToGIDSize = 2 << 16

// type0Glyphs prepares the glyph check of a Type0 font with descendant
// font desc.
func (r *reader) type0Glyphs(f *pfont, d, desc dict) {
	if r.resolve(desc["Subtype"]) != name("CIDFontType2") {
		return
	}
	switch e := r.resolve(d["Encoding"]).(type) {
	case name:
		if e != "Identity-H" && e != "Identity-V" {
			return // predefined CMaps are not built in
		}
	case *stream:
		if f.enc == nil || e.hdr["UseCMap"] != nil {
			return
		}
		if data, err := r.decode(e); err != nil || bytes.Contains(data, []byte("usecmap")) {
			return
		}
	default:
		return
	}
	m := &glyphMap{}
	switch c := r.resolve(desc["CIDToGIDMap"]).(type) {
	case nil:
		m.identity = true
	case name:
		if c != "Identity" {
			return
		}
		m.identity = true
	case *stream:
		data, err := r.decodeHint(c, cidToGIDSize)
		if err != nil {
			r.fail(err)
			return
		}
		m.cidToGID = data
	default:
		return
	}
	if m.tt = r.fontProgram(r.resolveDict(desc["FontDescriptor"])); m.tt == nil {
		return
	}
	f.glyphs = m
	f.info.GlyphsChecked = true
}

// symbolicFlag and nonsymbolicFlag are font descriptor /Flags bits.
const (
	symbolicFlag    = 1 << 2
	nonsymbolicFlag = 1 << 5
)

// macRomanCodes maps characters to their Mac OS Roman codes.
var macRomanCodes = func() map[rune]uint32 {
	m := make(map[rune]uint32, 256)
	for c, r := range macRomanEncoding {
		if _, dup := m[r]; !dup {
			m[r] = uint32(c)
		}
	}
	return m
}()

// simpleGlyphs prepares the glyph check of a simple TrueType font, mapping
// codes to glyphs as ISO 32000-1, 9.6.6.4 describes: for a font with a
// WinAnsiEncoding or MacRomanEncoding encoding, or flagged nonsymbolic,
// through the character each code stands for and the font's (3,1) cmap
// (or the (1,0) cmap via the Mac OS Roman code); otherwise through the
// (3,0) cmap (code, or code + 0xF000, 0xF100, 0xF200) or the (1,0) cmap.
// The check is given up if any code's glyph cannot be determined (for
// example a /Differences glyph name this package does not know).
func (r *reader) simpleGlyphs(f *pfont, d, fd dict) {
	if r.resolve(d["Subtype"]) != name("TrueType") {
		return
	}
	tt := r.fontProgram(fd)
	if tt == nil {
		return
	}
	flags, _ := toInt(r.resolve(fd["Flags"]))
	var byNames bool
	switch e := r.resolve(d["Encoding"]).(type) {
	case name:
		byNames = e == "WinAnsiEncoding" || e == "MacRomanEncoding"
	case dict:
		byNames = flags&symbolicFlag == 0
	}
	byNames = byNames || flags&nonsymbolicFlag != 0
	var gids [256]uint32
	for c := range 256 {
		gid, ok := uint32(0), false
		if byNames {
			gid, ok = byName(tt, f, byte(c))
		} else {
			gid, ok = bySymbol(tt, uint32(c))
		}
		if !ok {
			return
		}
		gids[c] = gid
	}
	f.glyphs = &glyphMap{tt: tt, simple: &gids}
	f.info.GlyphsChecked = true
}

// byName maps code c of simple font f to a glyph through the character
// its encoding gives it.
func byName(t *fonts.Glyphs, f *pfont, c byte) (uint32, bool) {
	text, ok := f.diffs[c]
	if !ok {
		if n, unknown := f.diffRaw[c]; unknown {
			return 0, n == ".notdef"
		}
		text = f.codes[c]
	}
	rs := []rune(text)
	if len(rs) != 1 {
		return 0, false
	}
	switch {
	case t.Unicode != nil:
		return t.Unicode.Lookup(uint32(rs[0])), true
	case t.MacRoman != nil:
		mc, ok := macRomanCodes[rs[0]]
		if !ok {
			return 0, false
		}
		return t.MacRoman.Lookup(mc), true
	case t.Symbol != nil:
		return bySymbol(t, uint32(c))
	}
	return 0, false
}

// bySymbol maps code c of a symbolic simple font to a glyph.
func bySymbol(t *fonts.Glyphs, c uint32) (uint32, bool) {
	switch {
	case t.Symbol != nil:
		for _, base := range []uint32{0, 0xF000, 0xF100, 0xF200} {
			if g := t.Symbol.Lookup(base + c); g != 0 {
				return g, true
			}
		}
		return 0, true
	case t.MacRoman != nil:
		return t.MacRoman.Lookup(c), true
	}
	return 0, false
}
