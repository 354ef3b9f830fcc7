package pdftext

import (
	"encoding/binary"
	"errors"
)

// trueType is the part of an embedded TrueType font program (FontFile2, or
// FontFile3 /OpenType with TrueType outlines) needed to tell whether a glyph
// exists: the number of glyphs, the glyph locations (loca) and the glyph
// data (glyf), plus the character maps (cmap) used by simple fonts. The
// slices point into the decoded stream; every access is bounds-checked.
type trueType struct {
	numGlyphs int          // from maxp, reduced to the glyphs loca locates
	longLoca  bool         // head.indexToLocFormat == 1: 4-byte offsets
	loca      []byte       // glyph offsets into glyf
	glyf      []byte       // glyph data
	states    []glyphState // state of each glyph, from loca and glyf

	// Character maps, for simple fonts (nil if absent or unusable): each
	// runs from its subtable's offset to the end of the cmap table, whose
	// length fields are not trusted.
	uni []byte // (3,1), (3,10) or (0,x): Unicode
	sym []byte // (3,0): symbol
	mac []byte // (1,0): Mac OS Roman
}

var (
	errNotTrueType = errors.New("not a TrueType font program")
	errCFF         = errors.New("OpenType font with CFF outlines")
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

// parseTrueType reads the table directory of a TrueType font program and
// the tables needed for glyph lookups. Tables must lie entirely within b.
func parseTrueType(b []byte) (*trueType, error) {
	ver, ok := u32(b, 0)
	if !ok {
		return nil, errNotTrueType
	}
	switch ver {
	case 0x00010000, 0x74727565: // 1.0, "true"
	case 0x4F54544F: // "OTTO"
		return nil, errCFF
	default: // including "ttcf" (collections are not valid in PDF)
		return nil, errNotTrueType
	}
	n, _ := u16(b, 4)
	tables := map[string][]byte{}
	for i := range int(n) {
		rec := 12 + 16*i
		off, ok1 := u32(b, rec+8)
		length, ok2 := u32(b, rec+12)
		if !ok1 || !ok2 {
			return nil, errors.New("truncated table directory")
		}
		tag := string(b[rec : rec+4])
		if _, dup := tables[tag]; dup {
			continue
		}
		switch tag {
		case "head", "maxp", "loca", "glyf", "cmap":
		default:
			continue
		}
		if uint64(off)+uint64(length) > uint64(len(b)) {
			return nil, errors.New("table " + tag + " out of range")
		}
		tables[tag] = b[off : off+length : off+length]
	}
	for _, tag := range []string{"head", "maxp", "loca", "glyf"} {
		if tables[tag] == nil {
			if tag == "glyf" || tag == "loca" {
				return nil, errors.New("no " + tag + " table (not TrueType outlines)")
			}
			return nil, errors.New("no " + tag + " table")
		}
	}
	t := &trueType{loca: tables["loca"], glyf: tables["glyf"]}
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
	t.numGlyphs = min(int(ng), len(t.loca)/size-1)
	if t.numGlyphs <= 0 {
		return nil, errors.New("loca table too short")
	}
	t.states = make([]glyphState, t.numGlyphs)
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
func (t *trueType) readCmaps(c []byte) {
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
		var dst *[]byte
		switch {
		case pid == 3 && (eid == 1 || eid == 10), pid == 0:
			dst = &t.uni
		case pid == 3 && eid == 0:
			dst = &t.sym
		case pid == 1 && eid == 0:
			dst = &t.mac
		default:
			continue
		}
		if *dst == nil {
			*dst = sub
		}
	}
}

// cmapLookup maps a character code through a cmap subtable (formats 0, 4,
// 6 and 12). It returns 0 (.notdef) for unmapped codes and damaged data.
func cmapLookup(sub []byte, c uint32) uint32 {
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

// glyphState classifies a glyph id.
type glyphState uint8

const (
	glyphOK      glyphState = iota // has an outline (or is a composite glyph)
	glyphNotdef                    // glyph 0, .notdef
	glyphMissing                   // beyond numGlyphs, or its loca entry is damaged
	glyphEmpty                     // no outline: fine for white space only
)

// glyph classifies glyph id gid.
func (t *trueType) glyph(gid uint32) glyphState {
	switch {
	case gid == 0:
		return glyphNotdef
	case gid >= uint32(len(t.states)):
		return glyphMissing
	}
	return t.states[gid]
}

// classify classifies glyph gid (< numGlyphs) from its loca entries and
// glyph header.
func (t *trueType) classify(gid int) glyphState {
	start, end := t.locaAt(gid), t.locaAt(gid+1)
	switch {
	case start < 0 || end < start || end > len(t.glyf):
		return glyphMissing
	case end == start:
		return glyphEmpty
	case end-start < 10: // shorter than a glyph header
		return glyphMissing
	}
	if contours, _ := u16(t.glyf, start); contours == 0 {
		return glyphEmpty
	}
	return glyphOK
}

// locaAt returns the glyf offset of loca entry i (-1 if out of range; i is
// at most numGlyphs, which the loca table covers).
func (t *trueType) locaAt(i int) int {
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
