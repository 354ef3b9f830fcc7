package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"io"
	"maps"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/klauspost/compress/flate"
	"golang.org/x/image/font/sfnt"
)

// Program is a face's TrueType tables, parsed once per face, from which
// the PDF writer cuts the font program each letter embeds (Cut): only the
// glyphs of the characters that letter draws in the face, so that no
// letter carries the shapes of characters from anybody else's name.
//
// Its widths are the ones fpdf measures the same face with (fpdf's "Cw"):
// the horizontal advance of the character's glyph in thousandths of an
// em, rounded, with a zero width recorded as 65535 (drawn as 0), and the
// .notdef glyph's advance for a character the face lacks.
type Program struct {
	head, hhea, maxp []byte
	hinting          [][2]string // (tag, data) of cvt, fpgm and prep, when present
	glyf             []byte
	loca             []uint32 // numGlyphs+1 offsets into glyf
	hmtx             []byte
	numGlyphs        int
	numHMetrics      int
	gid              []uint16 // by BMP character; 0: the face has no glyph
	cw               []uint16 // by BMP character, as fpdf's Cw
	missingWidth     int

	mu    sync.Mutex
	cache map[string]*sharedGlyphs // by shared characters
}

// errFontProgram is wrapped when a face's TrueType tables cannot be cut.
var errFontProgram = errors.New("fonts: unusable TrueType tables")

// programResult is a face's Program, parsed on first use.
type programResult struct {
	once sync.Once
	p    *Program
	err  error
}

// Program returns f's parsed tables, parsing them on first use; faces are
// immutable, so the result is shared by every letter.
func (f *Face) Program() (*Program, error) {
	if f.prog == nil {
		return nil, fmt.Errorf("%w: face %q was not made by NewFace", errFontProgram, f.Family)
	}
	f.prog.once.Do(func() { f.prog.p, f.prog.err = parseFontProgram(f.TTF, f.font) })
	return f.prog.p, f.prog.err
}

// parseFontProgram reads the tables of ttf; font is ttf parsed by sfnt, for
// its character map.
func parseFontProgram(ttf []byte, font *sfnt.Font) (*Program, error) {
	fail := func(format string, args ...any) (*Program, error) {
		return nil, fmt.Errorf("%w: %s", errFontProgram, fmt.Sprintf(format, args...))
	}
	tables, err := readTables(ttf)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errFontProgram, err)
	}
	p := &Program{head: tables["head"], hhea: tables["hhea"], maxp: tables["maxp"], glyf: tables["glyf"], hmtx: tables["hmtx"]}
	if len(p.head) < 54 || len(p.hhea) < 36 || len(p.maxp) < 6 || p.glyf == nil || p.hmtx == nil {
		return fail("missing or short head, hhea, maxp, glyf or hmtx")
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if t, ok := tables[tag]; ok {
			p.hinting = append(p.hinting, [2]string{tag, string(t)})
		}
	}
	p.numGlyphs = int(binary.BigEndian.Uint16(p.maxp[4:]))
	p.numHMetrics = int(binary.BigEndian.Uint16(p.hhea[34:]))
	if p.numGlyphs == 0 || p.numHMetrics == 0 || p.numHMetrics > p.numGlyphs ||
		len(p.hmtx) < 4*p.numHMetrics+2*(p.numGlyphs-p.numHMetrics) {
		return fail("glyph counts do not match hmtx")
	}
	loca := tables["loca"]
	p.loca = make([]uint32, p.numGlyphs+1)
	long := binary.BigEndian.Uint16(p.head[50:]) == 1
	for i := range p.loca {
		switch {
		case long && 4*i+4 <= len(loca):
			p.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		case !long && 2*i+2 <= len(loca):
			p.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		default:
			return fail("loca shorter than its %d glyphs", p.numGlyphs)
		}
		if p.loca[i] > uint32(len(p.glyf)) || i > 0 && p.loca[i] < p.loca[i-1] {
			return fail("loca entry %d out of order or past glyf", i)
		}
	}
	upem := int(binary.BigEndian.Uint16(p.head[18:]))
	if upem == 0 {
		return fail("unitsPerEm is 0")
	}
	scale := 1000.0 / float64(upem)
	p.missingWidth = int(math.Round(scale * float64(p.advance(0))))
	p.gid = make([]uint16, 0x10000)
	p.cw = make([]uint16, 0x10000)
	var buf sfnt.Buffer
	for r := rune(1); r < 0xFFFF; r++ {
		g, err := font.GlyphIndex(&buf, r)
		if err != nil || g == 0 || int(g) >= p.numGlyphs {
			continue
		}
		p.gid[r] = uint16(g)
		w := int(math.Round(scale * float64(p.advance(int(g)))))
		if w == 0 {
			w = 65535
		}
		p.cw[r] = uint16(w)
	}
	return p, nil
}

// advance returns glyph g's advance width in font units.
func (p *Program) advance(g int) int {
	if g >= p.numHMetrics {
		g = p.numHMetrics - 1
	}
	return int(binary.BigEndian.Uint16(p.hmtx[4*g:]))
}

// lsb returns glyph g's left side bearing.
func (p *Program) lsb(g int) uint16 {
	if g < p.numHMetrics {
		return binary.BigEndian.Uint16(p.hmtx[4*g+2:])
	}
	return binary.BigEndian.Uint16(p.hmtx[4*p.numHMetrics+2*(g-p.numHMetrics):])
}

// SymbolWidth is fpdf's GetStringSymbolWidth: s's width in thousandths of
// an em.
func (p *Program) SymbolWidth(s string) int {
	w := 0
	for _, r := range s {
		switch c := 0; {
		case r > 0 && r <= 0xFFFF && p.cw[r] > 0:
			if c = int(p.cw[r]); c != 65535 {
				w += c
			}
		case p.missingWidth != 0:
			w += p.missingWidth
		default:
			w += 500
		}
	}
	return w
}

// Composite glyph flags (TrueType "glyf" table).
const (
	argsAreWords  = 0x0001
	haveScale     = 0x0008
	moreComponent = 0x0020
	haveXYScale   = 0x0040
	haveTwoByTwo  = 0x0080
)

// components calls f with the offset, within glyph data g, of each
// component's glyph index when g is a composite glyph.
func components(g []byte, f func(at int)) error {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	at := 10
	for {
		if at+4 > len(g) {
			return fmt.Errorf("%w: composite glyph cut short", errFontProgram)
		}
		flags := binary.BigEndian.Uint16(g[at:])
		f(at + 2)
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponent == 0 {
			return nil
		}
	}
}

// glyph returns glyph g's data.
func (p *Program) glyph(g int) []byte { return p.glyf[p.loca[g]:p.loca[g+1]] }

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

// sharedGlyphs is the first part of a cut: the .notdef glyph and the
// glyphs of the characters a letter shares with other letters (its text
// outside the recipient's own data), numbered from 0 in character order,
// with the components of composites. Its glyph data is the same bytes in
// every letter with the same shared characters, so it is compressed once
// and kept (Program.shared).
type sharedGlyphs struct {
	ids    map[uint16]uint16 // old glyph number -> new
	order  []uint16          // new -> old
	glyf   []byte            // glyph data, each glyph padded to 4 bytes
	packed []byte            // raw deflate of glyf, flushed to a byte boundary, not final
	sum    uint32            // checksum(glyf)
	adler  uint32            // Adler-32 of glyf
}

// maxShared bounds the shared parts kept per face.
const maxShared = 256

// glyphSet numbers glyphs for a cut.
type glyphSet struct {
	p     *Program
	ids   map[uint16]uint16
	order []uint16
}

func (gs *glyphSet) add(g uint16) {
	if _, ok := gs.ids[g]; !ok {
		gs.ids[g] = uint16(len(gs.order))
		gs.order = append(gs.order, g)
	}
}

// close adds the components of the composite glyphs from order[from:],
// and theirs.
func (gs *glyphSet) close(from int) error {
	for i := from; i < len(gs.order); i++ {
		g := gs.p.glyph(int(gs.order[i]))
		var bad bool
		err := components(g, func(at int) {
			comp := binary.BigEndian.Uint16(g[at:])
			if int(comp) >= gs.p.numGlyphs {
				bad = true
				return
			}
			gs.add(comp)
		})
		if err != nil {
			return err
		}
		if bad {
			return fmt.Errorf("%w: composite glyph %d names a glyph past the font's end", errFontProgram, gs.order[i])
		}
		if len(gs.order) > 0xFFFF {
			return fmt.Errorf("%w: too many glyphs", errFontProgram)
		}
	}
	return nil
}

// appendGlyphs appends the data of glyphs order[from:] to glyf, component
// numbers rewritten, each padded to 4 bytes.
func (gs *glyphSet) appendGlyphs(glyf []byte, from int) ([]byte, error) {
	for _, g := range gs.order[from:] {
		start := len(glyf)
		glyf = append(glyf, gs.p.glyph(int(g))...)
		ng := glyf[start:]
		if err := components(ng, func(at int) {
			binary.BigEndian.PutUint16(ng[at:], gs.ids[binary.BigEndian.Uint16(ng[at:])])
		}); err != nil {
			return nil, err
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	return glyf, nil
}

// shared returns the shared part for the characters rs (sorted, without
// repeats, all in the face), from the face's cache when it is there.
func (p *Program) shared(rs []rune) (*sharedGlyphs, error) {
	key := string(rs)
	p.mu.Lock()
	sg := p.cache[key]
	p.mu.Unlock()
	if sg != nil {
		return sg, nil
	}
	gs := &glyphSet{p: p, ids: map[uint16]uint16{0: 0}, order: []uint16{0}}
	for _, r := range rs {
		gs.add(p.gid[r])
	}
	if err := gs.close(0); err != nil {
		return nil, err
	}
	glyf, err := gs.appendGlyphs(nil, 0)
	if err != nil {
		return nil, err
	}
	// Compressed once for many letters: worth the best compression.
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write(glyf)
	fw.Flush()
	sg = &sharedGlyphs{ids: gs.ids, order: gs.order, glyf: glyf, packed: packed.Bytes(), sum: checksum(glyf), adler: adler32.Checksum(glyf)}
	p.mu.Lock()
	if p.cache == nil || len(p.cache) >= maxShared {
		p.cache = map[string]*sharedGlyphs{}
	}
	p.cache[key] = sg
	p.mu.Unlock()
	return sg, nil
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
	rest, err := gs.appendGlyphs(make([]byte, 0, 4096), k)
	if err != nil {
		return nil, err
	}
	c.CIDToGID, c.Widths = p.cidMap(c.Runes, gs.ids)
	glyfLen := len(sg.glyf) + len(rest)
	tables, err := p.cutTables(gs.order, glyfLen)
	if err != nil {
		return nil, err
	}
	dir, tail := directory(tables, sg.sum+checksum(rest), glyfLen)
	c.Stream = zlibFile(dir, sg, rest, tail)
	c.Length1 = len(dir) + glyfLen + len(tail)
	return c, nil
}

// inFace returns the characters of rs the face has, sorted, without
// repeats.
func (p *Program) inFace(rs []rune) []rune {
	var out []rune
	for _, r := range rs {
		if r > 0 && r <= 0xFFFF && p.gid[r] != 0 {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// cidMap returns the CIDToGIDMap of a cut's characters (runes, sorted),
// whose glyphs ids renumbers, zlib-compressed, and their widths.
func (p *Program) cidMap(runes []rune, ids map[uint16]uint16) (cidToGID []byte, widths []int) {
	gids := make([]uint16, len(runes))
	widths = make([]int, len(runes))
	for i, r := range runes {
		gids[i] = ids[p.gid[r]]
		if w := int(p.cw[r]); w != 65535 {
			widths[i] = w
		}
	}
	return cidToGIDMap(runes, gids), widths
}

// cutTables returns the tables of a cut besides glyf, as (tag, data)
// sorted by tag: loca and hmtx of the glyphs order (old numbers, in their
// new order; glyfLen bytes of glyph data), head, hhea and maxp with the
// new glyph count, and the hinting tables.
func (p *Program) cutTables(order []uint16, glyfLen int) ([][2]string, error) {
	n := len(order)
	loca := make([]byte, 0, 4*(n+1))
	hmtx := make([]byte, 0, 4*n)
	off := 0
	for _, g := range order {
		loca = binary.BigEndian.AppendUint32(loca, uint32(off))
		off += (len(p.glyph(int(g))) + 3) &^ 3
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(p.advance(int(g))))
		hmtx = binary.BigEndian.AppendUint16(hmtx, p.lsb(int(g)))
	}
	if off != glyfLen {
		return nil, fmt.Errorf("%w: glyph data is %d bytes, loca says %d", errFontProgram, glyfLen, off)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(off))
	head := []byte(string(p.head))
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set by directory
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := []byte(string(p.hhea))
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := []byte(string(p.maxp))
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	tables := [][2]string{{"head", string(head)}, {"hhea", string(hhea)}, {"hmtx", string(hmtx)}, {"loca", string(loca)}, {"maxp", string(maxp)}}
	tables = append(tables, p.hinting...)
	sort.Slice(tables, func(i, j int) bool { return tables[i][0] < tables[j][0] })
	return tables, nil
}

// directory lays out a cut's file: the table directory, glyf (glyfLen
// bytes whose checksum is glyfSum: shared glyphs, then the letter's own),
// then the other tables (sorted by tag), which it returns as tail, each
// padded to 4 bytes, head's checkSumAdjustment set. Tables may lie in any
// order; the directory is sorted by tag.
func directory(others [][2]string, glyfSum uint32, glyfLen int) (dir, tail []byte) {
	type entry struct {
		tag       string
		sum       uint32
		off, size int
	}
	nt := len(others) + 1
	dirLen := 12 + 16*nt
	entries := []entry{{"glyf", glyfSum, dirLen, glyfLen}}
	size := 0
	for _, t := range others {
		size += (len(t[1]) + 3) &^ 3
	}
	tail = make([]byte, 0, size)
	for _, t := range others {
		entries = append(entries, entry{t[0], checksum([]byte(t[1])), dirLen + glyfLen + len(tail), len(t[1])})
		tail = append(tail, t[1]...)
		for len(tail)%4 != 0 {
			tail = append(tail, 0)
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].tag < entries[j].tag })
	dir = make([]byte, dirLen)
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
	total := uint32(0)
	for i, e := range entries {
		rec := dir[12+16*i:]
		copy(rec, e.tag)
		binary.BigEndian.PutUint32(rec[4:], e.sum)
		binary.BigEndian.PutUint32(rec[8:], uint32(e.off))
		binary.BigEndian.PutUint32(rec[12:], uint32(e.size))
		total += e.sum
	}
	total += checksum(dir)
	for _, e := range entries {
		if e.tag == "head" {
			at := e.off - dirLen - glyfLen + 8
			binary.BigEndian.PutUint32(tail[at:], 0xB1B0AFBA-total)
		}
	}
	return dir, tail
}

// zlibFile returns a cut's file as a zlib stream, in three parts: the
// header and the directory as a stored block; the kept compressed shared
// glyphs; the letter's own glyphs (rest) and the other tables (tail)
// compressed, and the Adler-32 of the whole file (combined from its
// parts').
func zlibFile(dir []byte, sg *sharedGlyphs, rest, tail []byte) [][]byte {
	head := make([]byte, 0, 7+len(dir))
	head = append(head, 0x78, 0x01, 0, byte(len(dir)), byte(len(dir)>>8), ^byte(len(dir)), ^byte(len(dir)>>8))
	head = append(head, dir...)
	buf := packBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	fw := flateWriter(buf)
	fw.Write(rest)
	fw.Write(tail)
	fw.Close()
	flateWriters.Put(fw)
	a := adler32Combine(adler32.Checksum(dir), sg.adler, len(sg.glyf))
	rt := adler32.New()
	rt.Write(rest)
	rt.Write(tail)
	a = adler32Combine(a, rt.Sum32(), len(rest)+len(tail))
	own := binary.BigEndian.AppendUint32(append(make([]byte, 0, buf.Len()+4), buf.Bytes()...), a)
	packBuffers.Put(buf)
	return [][]byte{head, sg.packed, own}
}

// packBuffers are the buffers a cut's own part is compressed into.
var packBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// flateWriter returns a raw deflate writer to w, from a pool: put it back
// with flateWriters.Put.
func flateWriter(w io.Writer) *flate.Writer {
	fw := flateWriters.Get().(*flate.Writer)
	fw.Reset(w)
	return fw
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

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
