package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"golang.org/x/image/font/sfnt"

	"github.com/breachnotice/breachnotice/letters/memo"
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
	hinting          constTables // cvt, fpgm and prep, when present: the same in every cut
	glyf             []byte
	loca             []uint32 // numGlyphs+1 offsets into glyf
	hmtx             []byte
	numGlyphs        int
	numHMetrics      int
	gid              []uint16 // by BMP character; 0: the face has no glyph
	cw               []uint16 // by BMP character, as fpdf's Cw
	missingWidth     int

	cache memo.Map[string, sharedResult] // by shared characters
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
	p := &Program{head: tables["head"], hhea: tables["hhea"], maxp: tables["maxp"], glyf: tables["glyf"], hmtx: tables["hmtx"],
		cache: memo.Map[string, sharedResult]{Max: maxShared}}
	if len(p.head) < 54 || len(p.hhea) < 36 || len(p.maxp) < 6 || p.glyf == nil || p.hmtx == nil {
		return fail("missing or short head, hhea, maxp, glyf or hmtx")
	}
	var hinting [][2]string
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if t, ok := tables[tag]; ok {
			hinting = append(hinting, [2]string{tag, string(t)})
		}
	}
	p.hinting = packTables(hinting)
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
