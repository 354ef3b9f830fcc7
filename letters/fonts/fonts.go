package letters

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"sync/atomic"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/image/font/sfnt"
)

// notoRegularGz is Noto Sans SC Regular, gzip-compressed (10.5 MB of
// TrueType, 6.4 MB stored). notoBoldGz is Noto Sans SC Bold cut down to
// GB 2312, CJK punctuation and the Chinese catalog (fonts/subset-bold.py:
// 2.3 MB, 1.4 MB stored): bold CJK text is only the title, headings, brand
// and signatory, and a rarer character there is drawn in the regular face.
// The PDF embeds only the glyphs a letter uses (see fonts/README.md).
var (
	//go:embed fonts/NotoSansSC_400Regular.ttf.gz
	notoRegularGz []byte
	//go:embed fonts/NotoSansSC_700Bold.subset.ttf.gz
	notoBoldGz []byte
)

// ErrFont is wrapped when a font cannot be used by the PDF writer.
var ErrFont = errors.New("letters: unusable font")

// Face is one font file with its character coverage. A Face is immutable
// once made (by NewFace, LoadFonts or a subset's Build) and safe for
// concurrent use.
type Face struct {
	Family string // the name the PDF writer knows it by
	Bold   bool
	TTF    []byte
	font   *sfnt.Font
	// cover is the face's coverage of the Basic Multilingual Plane,
	// computed when the face is made (so Has writes nothing).
	cover *runeSet
	// subset: the face is a cut of a larger one (Fonts.SubsetFor); cover
	// is exactly the characters it keeps, and it has none outside the BMP.
	subset bool
	// shareable: fpdf may read TTF from many documents at once. fpdf
	// (v0.12.0, utf8FontFile.getMetrics) writes into the font bytes it was
	// given when it embeds a glyph past the font's last full horizontal
	// metric (hhea.numberOfHMetrics < maxp.numGlyphs: DejaVu Sans, the
	// bold Noto subset): the left side bearing of glyph numberOfHMetrics-1
	// is overwritten. Such a face is handed to fpdf as a copy per document
	// (PDFBytes); the subsets fpdf cuts have a full metric for every glyph.
	shareable bool
	// prog: the tables the PDF writer cuts each letter's font from.
	prog *programResult
}

// PDFBytes returns the font file to register with one fpdf document: TTF
// itself when fpdf cannot write into it, else a copy of its own. Every
// fpdf document (a letters canvas, a deadline board) is given a face's
// bytes through it.
func (f *Face) PDFBytes() []byte {
	if f.shareable {
		return f.TTF
	}
	return bytes.Clone(f.TTF)
}

// fullMetrics reports whether every glyph of a TrueType file has a full
// horizontal metric (hhea.numberOfHMetrics == maxp.numGlyphs).
func fullMetrics(ttf []byte) bool {
	tables, err := sfntTables(ttf)
	if err != nil {
		return false // handled as a face fpdf may write into: copied
	}
	hhea, maxp := tables["hhea"], tables["maxp"]
	return len(hhea) >= 36 && len(maxp) >= 6 && binary.BigEndian.Uint16(hhea[34:]) == binary.BigEndian.Uint16(maxp[4:])
}

// Has reports whether the face has a glyph for r. A face cut by
// Fonts.SubsetFor has only the characters it was cut for.
func (f *Face) Has(r rune) bool {
	if r >= 0 && r <= 0xFFFF {
		return f.cover.has(r)
	}
	if f.subset || r < 0 {
		return false
	}
	var buf sfnt.Buffer
	idx, err := f.font.GlyphIndex(&buf, r)
	return err == nil && idx != 0
}

// runeSet is a set of runes of the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r <= 0xFFFF && s[r>>6]&(1<<(r&63)) != 0
}

func (s *runeSet) add(r rune) {
	if r >= 0 && r <= 0xFFFF {
		s[r>>6] |= 1 << (r & 63)
	}
}

func (s *runeSet) remove(r rune) {
	if r >= 0 && r <= 0xFFFF {
		s[r>>6] &^= 1 << (r & 63)
	}
}

// runes returns the set's members in increasing order.
func (s *runeSet) runes() []rune {
	var out []rune
	for i, w := range s {
		for ; w != 0; w &= w - 1 {
			out = append(out, rune(i*64+bits.TrailingZeros64(w)))
		}
	}
	return out
}

// Fonts are the faces letters are set in: a Latin/Cyrillic face and a CJK
// face, each regular and bold. Text is split into runs by which face has
// the glyphs. Fonts are immutable and safe for concurrent use by any
// number of RenderPDF calls.
type Fonts struct {
	Latin, LatinBold, CJK, CJKBold *Face

	// Set on fonts made by SubsetFor or SubsetBuilder.Build: the fonts they
	// were cut from, the characters they were cut for (a letter with any
	// other character is rendered with full instead), and how many letters
	// were.
	full     *Fonts
	runes    *runeSet
	astral   map[rune]bool // characters outside the BMP no face has
	fellBack *atomic.Int64
	// canvases: fpdf documents with these faces registered, for reuse by
	// the letters rendered with them (pdffile.go).
	canvases chan *pdfCanvas
}

// LoadFonts checks and loads the embedded fonts. It fails, rather than let
// the PDF writer print to stdout or draw blank boxes, when a font is a
// collection (.ttc), a CFF-flavoured OpenType file, or has no glyf table.
func LoadFonts() (*Fonts, error) {
	// The two CJK files are inflated side by side: about half the start-up
	// time on two cores.
	var noto, notoBold []byte
	var boldErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		notoBold, boldErr = gunzip(notoBoldGz)
	}()
	noto, err := gunzip(notoRegularGz)
	<-done
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrFont, "notosc", err)
	}
	if boldErr != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrFont, "notosc bold", boldErr)
	}
	fs := Fonts{canvases: newCanvasPool()}
	for _, f := range []struct {
		dst    **Face
		family string
		bold   bool
		data   []byte
	}{
		{&fs.Latin, "dejavu", false, dejavusans.TTF},
		{&fs.LatinBold, "dejavu", true, dejavusansbold.TTF},
		{&fs.CJK, "notosc", false, noto},
		{&fs.CJKBold, "notosc", true, notoBold},
	} {
		if *f.dst, err = NewFace(f.family, f.bold, f.data); err != nil {
			return nil, err
		}
	}
	return &fs, nil
}

func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// NewFace checks that data is a TrueType font the PDF writer can embed.
func NewFace(family string, bold bool, data []byte) (*Face, error) {
	if err := CheckTrueType(data); err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrFont, family, err)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrFont, family, err)
	}
	return &Face{Family: family, Bold: bold, TTF: data, font: f, cover: coverage(f), shareable: fullMetrics(data), prog: &programResult{}}, nil
}

// coverage returns the characters of the Basic Multilingual Plane that f
// has a glyph for (about 1 ms for a CJK face).
func coverage(f *sfnt.Font) *runeSet {
	var set runeSet
	var buf sfnt.Buffer
	for r := rune(0); r <= 0xFFFF; r++ {
		if idx, err := f.GlyphIndex(&buf, r); err == nil && idx != 0 {
			set.add(r)
		}
	}
	return &set
}

// CheckTrueType rejects what fpdf cannot read: collections, CFF outlines
// and files without a glyf table.
func CheckTrueType(data []byte) error {
	if len(data) < 12 {
		return errors.New("file too short")
	}
	switch string(data[:4]) {
	case "ttcf":
		return errors.New("a TrueType collection (.ttc); extract one face to a .ttf")
	case "OTTO":
		return errors.New("OpenType with CFF outlines; a TrueType (glyf) font is needed")
	case "\x00\x01\x00\x00", "true":
	default:
		return errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:6]))
	if 12+16*n > len(data) {
		return errors.New("truncated table directory")
	}
	for i := 0; i < n; i++ {
		if string(data[12+16*i:16+16*i]) == "glyf" {
			return nil
		}
	}
	return errors.New("no glyf table")
}

// faceFor returns the face to draw r with: the Latin face when it has the
// glyph and r is not CJK, else the CJK face when it has it, else nil.
func (fs *Fonts) faceFor(r rune, bold bool) *Face {
	latin, cjk := fs.Latin, fs.CJK
	if bold {
		latin, cjk = fs.LatinBold, fs.CJKBold
	}
	// The bold CJK face is a subset: what it lacks, the regular face draws.
	order := []*Face{latin, cjk, fs.CJK}
	if isCJK(r) {
		order = []*Face{cjk, fs.CJK, latin}
	}
	for _, f := range order {
		if f.Has(r) {
			return f
		}
	}
	return nil
}

// isCJK reports whether r belongs to the CJK scripts or their punctuation,
// which are set in the CJK face and may break between any two characters.
func isCJK(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x2FDF, // radicals
		r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
		r >= 0x3040 && r <= 0x30FF, // kana
		r >= 0x3100 && r <= 0x31FF,
		r >= 0x3400 && r <= 0x4DBF, // extension A
		r >= 0x4E00 && r <= 0x9FFF, // unified ideographs
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // compatibility forms
		r >= 0xFF00 && r <= 0xFFEF: // full-width forms
		return true
	}
	return false
}
