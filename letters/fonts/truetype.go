package fonts

import (
	"encoding/binary"
	"errors"
)

// The TrueType reader: the table directory (readTables), read by every
// user of a font's tables in this project (the faces, the font programs a
// PDF embeds, the PDF reader's glyph check), and the glyph and character
// map lookups of Glyphs. Every access is bounds-checked: the PDF reader
// hands it font programs from files it did not write.

// Glyphs is the part of a TrueType font program (a font file, or one
// embedded in a PDF: FontFile2, or FontFile3 /OpenType with TrueType
// outlines) needed to tell whether a glyph exists: the number of glyphs,
// the glyph locations (loca) and the glyph data (glyf), plus the character
// maps (cmap) used by simple fonts. The slices point into the program's
// bytes.
type Glyphs struct {
	NumGlyphs int          // from maxp, reduced to the glyphs loca locates
	longLoca  bool         // head.indexToLocFormat == 1: 4-byte offsets
	loca      []byte       // glyph offsets into glyf
	glyf      []byte       // glyph data
	states    []GlyphState // state of each glyph, from loca and glyf

	// Character maps, for simple fonts (nil if absent or unusable): each
	// runs from its subtable's offset to the end of the cmap table, whose
	// length fields are not trusted.
	Unicode  CMap // (3,1), (3,10) or (0,x)
	Symbol   CMap // (3,0)
	MacRoman CMap // (1,0)
}

// CMap is a character map subtable (formats 0, 4, 6 and 12), from its
// start to the end of its cmap table.
type CMap []byte

var (
	errTooShort     = errors.New("file too short")
	errCollection   = errors.New("a TrueType collection (.ttc); extract one face to a .ttf")
	errCFF          = errors.New("OpenType with CFF outlines; a TrueType (glyf) font is needed")
	errNotTrueType  = errors.New("not a TrueType font")
	errTruncatedDir = errors.New("truncated table directory")
)

func u16(b []byte, off int) (uint32, bool) {
	if off < 0 || off > len(b)-2 {
		return 0, false
	}
	return uint32(binary.BigEndian.Uint16(b[off:])), true
}

func u32(b []byte, off int) (uint32, bool) {
	if off < 0 || off > len(b)-4 {
		return 0, false
	}
	return binary.BigEndian.Uint32(b[off:]), true
}

// readTables returns the tables of a TrueType font file by tag: the
// first table of each tag that lies entirely within b (one past its end
// is left out, and so missing for a caller that needs it). It fails for
// what is not a TrueType font: a collection, an OpenType font with CFF
// outlines, a file too short for its table directory.
func readTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 {
		return nil, errTooShort
	}
	ver, _ := u32(b, 0)
	switch ver {
	case 0x00010000, 0x74727565: // 1.0, "true"
	case 0x4F54544F: // "OTTO"
		return nil, errCFF
	case 0x74746366: // "ttcf"
		return nil, errCollection
	default:
		return nil, errNotTrueType
	}
	n, _ := u16(b, 4)
	if 12+16*int(n) > len(b) {
		return nil, errTruncatedDir
	}
	tables := map[string][]byte{}
	for i := range int(n) {
		rec := 12 + 16*i
		off, _ := u32(b, rec+8)
		length, _ := u32(b, rec+12)
		tag := string(b[rec : rec+4])
		if _, dup := tables[tag]; dup || uint64(off)+uint64(length) > uint64(len(b)) {
			continue
		}
		tables[tag] = b[off : off+length : off+length]
	}
	return tables, nil
}

// ReadGlyphs reads the tables of a TrueType font program needed for glyph
// lookups.
func ReadGlyphs(b []byte) (*Glyphs, error) {
	tables, err := readTables(b)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"head", "maxp", "loca", "glyf"} {
		if tables[tag] == nil {
			if tag == "glyf" || tag == "loca" {
				return nil, errors.New("no " + tag + " table (not TrueType outlines)")
			}
			return nil, errors.New("no " + tag + " table")
		}
	}
	t := &Glyphs{loca: tables["loca"], glyf: tables["glyf"]}
	switch f, _ := u16(tables["head"], 50); {
	case len(tables["head"]) < 54:
		return nil, errors.New("head table too short")
	case f == 0:
	case f == 1:
		t.longLoca = true
	default:
		return nil, errors.New("bad indexToLocFormat")
	}
	// numGlyphs is a 16-bit field, so at most 65535.
	ng, ok := u16(tables["maxp"], 4)
	if !ok || ng == 0 {
		return nil, errors.New("bad maxp table")
	}
	size := 2
	if t.longLoca {
		size = 4
	}
	// Glyph g spans loca entries g and g+1: glyphs past the end of a
	// short loca table do not exist.
	t.NumGlyphs = min(int(ng), len(t.loca)/size-1)
	if t.NumGlyphs <= 0 {
		return nil, errors.New("loca table too short")
	}
	t.states = make([]GlyphState, t.NumGlyphs)
	for g := range t.states {
		t.states[g] = t.classify(g)
	}
	if c := tables["cmap"]; c != nil {
		t.readCmaps(c)
	}
	return t, nil
}

// readCmaps selects the Unicode, symbol and Mac OS Roman subtables, keeping
// the first usable one of each kind.
func (t *Glyphs) readCmaps(c []byte) {
	n, _ := u16(c, 2)
	for i := range int(n) {
		rec := 4 + 8*i
		pid, ok1 := u16(c, rec)
		eid, ok2 := u16(c, rec+2)
		off, ok3 := u32(c, rec+4)
		if !ok1 || !ok2 || !ok3 {
			return
		}
		if uint64(off) >= uint64(len(c)) {
			continue
		}
		sub := c[off:]
		if f, _ := u16(sub, 0); f != 0 && f != 4 && f != 6 && f != 12 {
			continue
		}
		var dst *CMap
		switch {
		case pid == 3 && (eid == 1 || eid == 10), pid == 0:
			dst = &t.Unicode
		case pid == 3 && eid == 0:
			dst = &t.Symbol
		case pid == 1 && eid == 0:
			dst = &t.MacRoman
		default:
			continue
		}
		if *dst == nil {
			*dst = CMap(sub)
		}
	}
}

// Lookup maps a character code through the subtable. It returns 0
// (.notdef) for unmapped codes, damaged data and a nil CMap.
func (sub CMap) Lookup(c uint32) uint32 {
	format, _ := u16(sub, 0)
	switch format {
	case 0:
		if c < 256 && 6+int(c) < len(sub) {
			return uint32(sub[6+c])
		}
	case 4:
		return cmap4(sub, c)
	case 6:
		first, _ := u16(sub, 6)
		count, _ := u16(sub, 8)
		if c >= first && c-first < count {
			g, _ := u16(sub, 10+2*int(c-first))
			return g
		}
	case 12:
		groups, _ := u32(sub, 12)
		nGroups := min(int64(groups), int64(max(0, len(sub)-16)/12))
		lo, hi := 0, int(nGroups) // binary search on the end codes
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if end, _ := u32(sub, 16+12*m+4); end < c {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < int(nGroups) {
			g := 16 + 12*lo
			start, _ := u32(sub, g)
			gid, _ := u32(sub, g+8)
			if c >= start {
				return gid + (c - start)
			}
		}
	}
	return 0
}

// cmap4 looks a code up in a format 4 (segment mapping) subtable.
func cmap4(sub []byte, c uint32) uint32 {
	if c > 0xFFFF {
		return 0
	}
	segX2, ok := u16(sub, 6)
	segs := int(segX2 / 2)
	if !ok || segs == 0 || 16+8*segs > len(sub) {
		return 0
	}
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	lo, hi := 0, segs
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if end, _ := u16(sub, ends+2*m); end < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == segs {
		return 0
	}
	start, _ := u16(sub, starts+2*lo)
	delta, _ := u16(sub, deltas+2*lo)
	ro, _ := u16(sub, ranges+2*lo)
	if c < start {
		return 0
	}
	if ro == 0 {
		return (c + delta) & 0xFFFF
	}
	g, ok := u16(sub, ranges+2*lo+int(ro)+2*int(c-start))
	if !ok || g == 0 {
		return 0
	}
	return (g + delta) & 0xFFFF
}

// GlyphState classifies a glyph id.
type GlyphState uint8

const (
	GlyphOK      GlyphState = iota // has an outline (or is a composite glyph)
	GlyphNotdef                    // glyph 0, .notdef
	GlyphMissing                   // beyond NumGlyphs, or its loca entry is damaged
	GlyphEmpty                     // no outline: fine for white space only
)

// Glyph classifies glyph id gid.
func (t *Glyphs) Glyph(gid uint32) GlyphState {
	switch {
	case gid == 0:
		return GlyphNotdef
	case gid >= uint32(len(t.states)):
		return GlyphMissing
	}
	return t.states[gid]
}

// classify classifies glyph gid (< numGlyphs) from its loca entries and
// glyph header.
func (t *Glyphs) classify(gid int) GlyphState {
	start, end := t.locaAt(gid), t.locaAt(gid+1)
	switch {
	case start < 0 || end < start || end > len(t.glyf):
		return GlyphMissing
	case end == start:
		return GlyphEmpty
	case end-start < 10: // shorter than a glyph header
		return GlyphMissing
	}
	if contours, _ := u16(t.glyf, start); contours == 0 {
		return GlyphEmpty
	}
	return GlyphOK
}

// locaAt returns the glyf offset of loca entry i (-1 if out of range; i is
// at most numGlyphs, which the loca table covers).
func (t *Glyphs) locaAt(i int) int {
	if t.longLoca {
		v, ok := u32(t.loca, 4*i)
		if !ok || uint64(v) > uint64(len(t.glyf)) {
			return -1
		}
		return int(v)
	}
	v, ok := u16(t.loca, 2*i)
	if !ok {
		return -1
	}
	return int(v) * 2
}

// GlyphLen returns the length of glyph gid's data in the glyf table: 0
// for an empty glyph, -1 for one that is missing or damaged.
func (t *Glyphs) GlyphLen(gid uint32) int {
	if gid >= uint32(t.NumGlyphs) {
		return -1
	}
	start, end := t.locaAt(int(gid)), t.locaAt(int(gid)+1)
	if start < 0 || end < start || end > len(t.glyf) {
		return -1
	}
	return end - start
}
