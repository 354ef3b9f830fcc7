package fonts

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"maps"
	"slices"
	"sort"

	"github.com/klauspost/compress/flate"
)

// How a cut is written.
//
// A letter's font program is mostly what other letters of its kind have
// too: the glyphs of the text it shares with them (sharedGlyphs), their
// metrics and places (the first entries of hmtx and loca) and the hinting
// tables. Those parts are compressed once, at the best compression, and
// kept; a cut is a zlib stream that copies them as they are and stores
// the letter's own bytes between them uncompressed (the glyphs of the
// recipient's name and address, their metrics, head, hhea and maxp: a
// few hundred bytes to a few KB, which would gain little from a
// compressor and cost its set-up). In the file the tables lie as glyf,
// hmtx, loca, the hinting tables, head, hhea and maxp, each part shared
// first; the directory lists them sorted by tag, as TrueType asks.

// Cut is a font program cut for one letter.
type Cut struct {
	// Stream is the TrueType file, zlib-compressed, in parts to write one
	// after the other; some are shared with other letters' cuts and must
	// not be modified.
	Stream   [][]byte
	Length1  int    // its uncompressed length
	CIDToGID []byte // the CIDToGIDMap (2 bytes per character code up to the highest used), zlib-compressed
	Runes    []rune // the characters, in increasing order
	Widths   []int  // their widths, for the PDF's /W array
}

// packed is bytes compressed once for many cuts.
type packed struct {
	n     int    // the bytes' length
	adler uint32 // their Adler-32
	z     []byte // raw deflate, flushed to a byte boundary, not final
}

// pack compresses data for many cuts.
func pack(data []byte) packed {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.BestCompression)
	fw.Write(data) // a bytes.Buffer does not fail
	fw.Flush()
	return packed{n: len(data), adler: adler32.Checksum(data), z: b.Bytes()}
}

// constTables are tables that are the same in every cut of a face (the
// hinting tables), compressed together once.
type constTables struct {
	tags []string
	sums []uint32 // each table's checksum
	lens []int    // each table's length, unpadded
	packed
}

// packTables packs tables (tag, data), each padded to 4 bytes.
func packTables(tables [][2]string) constTables {
	var ct constTables
	var data []byte
	for _, t := range tables {
		ct.tags = append(ct.tags, t[0])
		ct.sums = append(ct.sums, checksum([]byte(t[1])))
		ct.lens = append(ct.lens, len(t[1]))
		data = pad4(append(data, t[1]...))
	}
	ct.packed = pack(data)
	return ct
}

// pad4 pads b with zeros to a multiple of 4 bytes.
func pad4(b []byte) []byte {
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// sharedGlyphs is the part of a cut the same in every letter with the
// same shared characters: the .notdef glyph and the glyphs of the
// characters a letter shares with other letters (its text outside the
// recipient's own data), numbered from 0 in character order, with the
// components of composites; their glyph data, and their entries of hmtx
// and loca, each compressed once and kept (Program.shared).
type sharedGlyphs struct {
	ids              map[uint16]uint16 // old glyph number -> new
	order            []uint16          // new -> old
	glyf, hmtx, loca packed            // each a multiple of 4 bytes long
	sums             [3]uint32         // the checksums of glyf, hmtx and loca
}

// maxShared bounds the shared parts kept per face.
const maxShared = 256

// sharedResult is a shared part made, or why it could not be.
type sharedResult struct {
	sg  *sharedGlyphs
	err error
}

// shared returns the shared part for the characters rs (sorted, without
// repeats, all in the face), from the face's cache when it is there.
func (p *Program) shared(rs []rune) (*sharedGlyphs, error) {
	r := p.cache.Get(string(rs), func(string) sharedResult { return p.makeShared(rs) })
	return r.sg, r.err
}

// makeShared makes the shared part for the characters rs.
func (p *Program) makeShared(rs []rune) sharedResult {
	gs := &glyphSet{p: p, ids: map[uint16]uint16{0: 0}, order: []uint16{0}}
	for _, r := range rs {
		gs.add(p.gid[r])
	}
	if err := gs.close(0); err != nil {
		return sharedResult{err: err}
	}
	glyf, err := gs.appendGlyphs(nil, 0)
	if err != nil {
		return sharedResult{err: err}
	}
	hmtx, loca := p.metrics(gs.order, 0)
	return sharedResult{sg: &sharedGlyphs{ids: gs.ids, order: gs.order, glyf: pack(glyf), hmtx: pack(hmtx), loca: pack(loca),
		sums: [3]uint32{checksum(glyf), checksum(hmtx), checksum(loca)}}}
}

// metrics returns the hmtx and loca entries of glyphs (old numbers),
// whose data begins at offset off of glyf, each padded to 4 bytes.
func (p *Program) metrics(glyphs []uint16, off int) (hmtx, loca []byte) {
	hmtx = make([]byte, 0, 4*len(glyphs))
	loca = make([]byte, 0, 4*len(glyphs)+4)
	for _, g := range glyphs {
		loca = binary.BigEndian.AppendUint32(loca, uint32(off))
		off += (len(p.glyph(int(g))) + 3) &^ 3
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(p.advance(int(g))))
		hmtx = binary.BigEndian.AppendUint16(hmtx, p.lsb(int(g)))
	}
	return hmtx, loca
}

// Cut returns the font program with only the glyphs of the characters
// drawn (shared and own, in any order, repeats allowed; characters the
// face lacks are left out), the .notdef glyph and the components of
// composite glyphs. shared are the characters the letter shares with
// others (see sharedGlyphs): their glyphs come first. The result depends
// only on the two sets of characters.
func (p *Program) Cut(shared, own []rune) (*Cut, error) {
	sr := p.inFace(shared)
	sg, err := p.shared(sr)
	if err != nil {
		return nil, err
	}
	gs := &glyphSet{p: p, ids: maps.Clone(sg.ids), order: slices.Clone(sg.order)}
	k := len(gs.order)
	c := &Cut{Runes: p.inFace(append(slices.Clone(sr), own...))}
	for _, r := range p.inFace(own) {
		gs.add(p.gid[r])
	}
	if err := gs.close(k); err != nil {
		return nil, err
	}
	var f cutFile
	if f.glyf, err = gs.appendGlyphs(nil, k); err != nil {
		return nil, err
	}
	f.hmtx, f.loca = p.metrics(gs.order[k:], sg.glyf.n)
	f.loca = binary.BigEndian.AppendUint32(f.loca, uint32(sg.glyf.n+len(f.glyf)))
	c.CIDToGID, c.Widths = p.cidMap(c.Runes, gs.ids)
	c.Stream, c.Length1 = p.zlibFile(sg, &f, len(gs.order))
	return c, nil
}

// cutFile is a letter's own part of a cut: what follows the shared part
// of glyf, hmtx and loca (loca's end included).
type cutFile struct {
	glyf, hmtx, loca []byte
}

// ownTables returns head, hhea and maxp for a cut of n glyphs, head's
// checkSumAdjustment 0.
func (p *Program) ownTables(n int) [][2]string {
	head := []byte(string(p.head))
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set by zlibFile
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := []byte(string(p.hhea))
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := []byte(string(p.maxp))
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	return [][2]string{{"head", string(head)}, {"hhea", string(hhea)}, {"maxp", string(maxp)}}
}

// tableEntry is a table directory entry.
type tableEntry struct {
	tag       string
	sum       uint32
	off, size int
}

// zlibFile returns a cut of n glyphs as a zlib stream in parts, and its
// uncompressed length: the directory, then glyf, hmtx and loca (each
// shared part, then the letter's own), the hinting tables, head, hhea and
// maxp; the shared parts as kept, the others as stored blocks.
func (p *Program) zlibFile(sg *sharedGlyphs, f *cutFile, n int) ([][]byte, int) {
	own := p.ownTables(n)
	var tail []byte // head, hhea and maxp, padded
	for _, t := range own {
		tail = pad4(append(tail, t[1]...))
	}
	nt := 3 + len(p.hinting.tags) + len(own)
	dirLen := 12 + 16*nt
	off := dirLen
	var entries []tableEntry
	add := func(tag string, sum uint32, size int) {
		entries = append(entries, tableEntry{tag, sum, off, size})
		off += (size + 3) &^ 3
	}
	add("glyf", sg.sums[0]+checksum(f.glyf), sg.glyf.n+len(f.glyf))
	add("hmtx", sg.sums[1]+checksum(f.hmtx), sg.hmtx.n+len(f.hmtx))
	add("loca", sg.sums[2]+checksum(f.loca), sg.loca.n+len(f.loca))
	for i, tag := range p.hinting.tags {
		add(tag, p.hinting.sums[i], p.hinting.lens[i])
	}
	for _, t := range own {
		add(t[0], checksum([]byte(t[1])), len(t[1]))
	}
	dir := directory(entries)
	adjust := uint32(0xB1B0AFBA) - checksum(dir)
	for _, e := range entries {
		adjust -= e.sum
	}
	binary.BigEndian.PutUint32(tail[8:], adjust) // head comes first in tail

	z := newZlibParts(len(dir) + len(f.glyf) + len(f.hmtx) + len(f.loca) + len(tail))
	z.stored(dir, false)
	for _, part := range []struct {
		shared packed
		own    []byte
	}{{sg.glyf, f.glyf}, {sg.hmtx, f.hmtx}, {sg.loca, f.loca}} {
		z.shared(part.shared)
		z.stored(part.own, false)
	}
	z.shared(p.hinting.packed)
	z.stored(tail, true)
	return z.finish(), z.n
}

// directory returns the table directory of entries, sorted by tag.
func directory(entries []tableEntry) []byte {
	sort.Slice(entries, func(i, j int) bool { return entries[i].tag < entries[j].tag })
	nt := len(entries)
	dir := make([]byte, 12+16*nt)
	search, selector := 1, 0
	for search*2 <= nt {
		search *= 2
		selector++
	}
	binary.BigEndian.PutUint32(dir, 0x00010000)
	binary.BigEndian.PutUint16(dir[4:], uint16(nt))
	binary.BigEndian.PutUint16(dir[6:], uint16(16*search))
	binary.BigEndian.PutUint16(dir[8:], uint16(selector))
	binary.BigEndian.PutUint16(dir[10:], uint16(16*(nt-search)))
	for i, e := range entries {
		rec := dir[12+16*i:]
		copy(rec, e.tag)
		binary.BigEndian.PutUint32(rec[4:], e.sum)
		binary.BigEndian.PutUint32(rec[8:], uint32(e.off))
		binary.BigEndian.PutUint32(rec[12:], uint32(e.size))
	}
	return dir
}

// zlibParts assembles a zlib stream of kept compressed parts and stored
// blocks, with the Adler-32 of the whole.
type zlibParts struct {
	parts [][]byte
	own   []byte // the stored blocks since the last kept part
	adler uint32
	n     int // bytes so far, uncompressed
}

// newZlibParts starts a stream whose stored blocks hold about size
// bytes.
func newZlibParts(size int) *zlibParts {
	own := make([]byte, 0, size+64)
	return &zlibParts{own: append(own, 0x78, 0x01), adler: 1} // zlib header: deflate, 32 KB window
}

// shared appends a kept compressed part.
func (z *zlibParts) shared(p packed) {
	if p.n == 0 {
		return
	}
	if len(z.own) > 0 {
		z.parts = append(z.parts, z.own)
		z.own = z.own[len(z.own):] // the rest of the same array
	}
	z.parts = append(z.parts, p.z)
	z.sum(p.adler, p.n)
}

// stored appends data as stored blocks (at most 65,535 bytes each), the
// last one final if final.
func (z *zlibParts) stored(data []byte, final bool) {
	if len(data) == 0 && !final {
		return
	}
	z.sum(adler32.Checksum(data), len(data))
	for {
		chunk := data[:min(len(data), 0xFFFF)]
		data = data[len(chunk):]
		last := byte(0)
		if final && len(data) == 0 {
			last = 1
		}
		l := len(chunk)
		z.own = append(z.own, last, byte(l), byte(l>>8), ^byte(l), ^byte(l>>8))
		z.own = append(z.own, chunk...)
		if len(data) == 0 {
			return
		}
	}
}

// sum folds the Adler-32 of n more bytes into the stream's.
func (z *zlibParts) sum(adler uint32, n int) {
	z.adler = adler32Combine(z.adler, adler, n)
	z.n += n
}

// finish returns the stream's parts, the Adler-32 appended.
func (z *zlibParts) finish() [][]byte {
	z.own = binary.BigEndian.AppendUint32(z.own, z.adler)
	return append(z.parts, z.own)
}

// adler32Combine returns the Adler-32 of A followed by B from theirs and
// B's length (zlib's adler32_combine).
func adler32Combine(a, b uint32, lenB int) uint32 {
	const base = 65521
	rem := uint64(lenB % base)
	s1 := uint64(a & 0xffff)
	s2 := rem * s1 % base
	s1 += uint64(b&0xffff) + base - 1
	s2 += uint64(a>>16) + uint64(b>>16) + base - rem
	s1 %= base
	s2 %= base
	return uint32(s2<<16 | s1)
}
