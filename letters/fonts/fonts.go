// Package fonts holds the faces letters and the deadline board are set
// in: the embedded fonts, their character coverage, the one TrueType
// table reader of the project (the PDF reader's glyph check uses it too),
// the font programs a PDF embeds, cut to the characters it draws, and the
// run subsets (SubsetBuilder).
package fonts

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"sync/atomic"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/image/font/sfnt"
)

// notoRegularGz is Noto Sans SC Regular, gzip-compressed (10.5 MB of
// TrueType, 6.4 MB stored). notoBoldGz is Noto Sans SC Bold cut down to
// GB 2312, CJK punctuation and the Chinese catalog (subset-bold.py:
// 2.3 MB, 1.4 MB stored): bold CJK text is only the title, headings, brand
// and signatory, and a rarer character there is drawn in the regular face.
// The PDF embeds only the glyphs a letter uses (see README.md).
var (
	//go:embed NotoSansSC_400Regular.ttf.gz
	notoRegularGz []byte
	//go:embed NotoSansSC_700Bold.subset.ttf.gz
	notoBoldGz []byte
	// nanumGz is NanumGothic, unmodified, gzip-compressed (4.7 MB of
	// TrueType, 2.5 MB stored): the Hangul the other faces lack (Noto
	// Sans SC has no Hangul syllables). It has no bold: bold Hangul is
	// drawn in it too.
	//go:embed NanumGothic.ttf.gz
	nanumGz []byte
)

// ErrFont is wrapped when a font cannot be used by the PDF writer.
var ErrFont = errors.New("fonts: unusable font")

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
	cover *RuneSet
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
// fpdf document (a letter's canvas, a deadline board) is given a face's
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
	tables, err := readTables(ttf)
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
		return f.cover.Has(r)
	}
	if f.subset || r < 0 {
		return false
	}
	var buf sfnt.Buffer
	idx, err := f.font.GlyphIndex(&buf, r)
	return err == nil && idx != 0
}

// RuneSet is a set of runes of the Basic Multilingual Plane; its zero
// value is empty. Runes outside it are never members.
type RuneSet [0x10000 / 64]uint64

// Has reports whether r is in s.
func (s *RuneSet) Has(r rune) bool {
	return r >= 0 && r <= 0xFFFF && s[r>>6]&(1<<(r&63)) != 0
}

// Add adds r to s (nothing if r is outside the BMP).
func (s *RuneSet) Add(r rune) {
	if r >= 0 && r <= 0xFFFF {
		s[r>>6] |= 1 << (r & 63)
	}
}

// Remove takes r out of s.
func (s *RuneSet) Remove(r rune) {
	if r >= 0 && r <= 0xFFFF {
		s[r>>6] &^= 1 << (r & 63)
	}
}

// Runes returns the set's members in increasing order.
func (s *RuneSet) Runes() []rune {
	var out []rune
	for i, w := range s {
		for ; w != 0; w &= w - 1 {
			out = append(out, rune(i*64+bits.TrailingZeros64(w)))
		}
	}
	return out
}

// Fonts are the faces letters are set in: a Latin/Greek/Cyrillic face and
// a CJK face, each regular and bold, and a Hangul face. Text is split into runs by which face has
// the glyphs (FaceFor). Fonts are immutable and safe for concurrent use by
// any number of renderers.
type Fonts struct {
	Latin, LatinBold, CJK, CJKBold *Face
	// Hangul draws what the others lack, in both weights: Korean.
	Hangul *Face

	// Set on fonts made by SubsetFor or SubsetBuilder.Build: the fonts they
	// were cut from, the characters they were cut for (a letter with any
	// other character is rendered with full instead), and how many letters
	// were.
	full     *Fonts
	runes    *RuneSet
	astral   map[rune]bool // characters outside the BMP no face has
	fellBack *atomic.Int64
}

// LoadFonts checks and loads the embedded fonts. It fails, rather than let
// the PDF writer print to stdout or draw blank boxes, when a font is a
// collection (.ttc), a CFF-flavoured OpenType file, or has no glyf table.
func LoadFonts() (*Fonts, error) {
	// The two CJK files are inflated side by side: about half the start-up
	// time on two cores.
	var noto, notoBold, nanum []byte
	var boldErr, nanumErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		notoBold, boldErr = gunzip(notoBoldGz)
		nanum, nanumErr = gunzip(nanumGz)
	}()
	noto, err := gunzip(notoRegularGz)
	<-done
	if err = errors.Join(err, boldErr, nanumErr); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFont, err)
	}
	var fs Fonts
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
		{&fs.Hangul, "nanum", false, nanum},
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
func coverage(f *sfnt.Font) *RuneSet {
	var set RuneSet
	var buf sfnt.Buffer
	// From U+0001: a NUL is never drawn (NanumGothic maps it to a glyph
	// fpdf measures otherwise).
	for r := rune(1); r <= 0xFFFF; r++ {
		if idx, err := f.GlyphIndex(&buf, r); err == nil && idx != 0 {
			set.Add(r)
		}
	}
	return &set
}

// CheckTrueType rejects what fpdf cannot read: collections, CFF outlines
// and files without a glyf table.
func CheckTrueType(data []byte) error {
	tables, err := readTables(data)
	if err != nil {
		return err
	}
	if tables["glyf"] == nil {
		return errors.New("no glyf table")
	}
	return nil
}

// FaceFor returns the face to draw r with: the Latin face when it has the
// glyph and r is not CJK, else the CJK face when it has it, else the
// Hangul face when it has it, else nil.
func (fs *Fonts) FaceFor(r rune, bold bool) *Face {
	latin, cjk := fs.Latin, fs.CJK
	if bold {
		latin, cjk = fs.LatinBold, fs.CJKBold
	}
	// The bold CJK face is a subset: what it lacks, the regular face draws.
	order := []*Face{latin, cjk, fs.CJK, fs.Hangul}
	if IsCJK(r) {
		order = []*Face{cjk, fs.CJK, latin, fs.Hangul}
	}
	for _, f := range order {
		if f != nil && f.Has(r) {
			return f
		}
	}
	return nil
}

// IsCJK reports whether r belongs to the CJK scripts or their punctuation,
// which are set in the CJK face and may break between any two characters.
func IsCJK(r rune) bool {
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

// Faces returns fs's distinct faces in a fixed order: Latin, Latin bold,
// CJK, CJK bold, Hangul.
func (fs *Fonts) Faces() []*Face {
	var out []*Face
	for _, f := range []*Face{fs.Latin, fs.LatinBold, fs.CJK, fs.CJKBold, fs.Hangul} {
		if f != nil && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// Style is the face's style as fpdf names it: "B" for bold, else "".
func (f *Face) Style() string {
	if f.Bold {
		return "B"
	}
	return ""
}
