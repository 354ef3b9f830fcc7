// Package pdffile writes PDF files around pages drawn with fpdf: the
// catalog, the information dictionary and XMP metadata, the pages, and
// for each face drawn in a font program cut to the characters drawn
// (letters/fonts) and named with its subset tag, and for a tagged file
// its structure tree. The letters (letters/pdf) and the deadline board
// (letters/board, through WriteDrawing) are written by it.
package pdffile

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"github.com/klauspost/compress/zlib"

	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/typeset"
)

// How a letter becomes a PDF file.
//
// fpdf draws the letter: a worker keeps one fpdf document (a Canvas)
// in which the run's faces are registered once, and draws each letter's
// pages into an fpdf template of that document, which yields the pages'
// content streams. Registering a face is most of the cost of a
// one-letter fpdf document (fpdf parses the font and hashes its 65,536
// widths for every document that registers it, then cuts and compresses
// it again on output), so doing it once per worker rather than once per
// letter is what makes a run fast.
//
// File then writes the file around those pages: catalog, metadata,
// pages, and for each face the letter draws in, a font program cut to the
// characters of this letter alone (fonts.Program.Cut), with its widths and
// character-to-glyph map. The layout is fpdf's Type0/CIDFontType2 with
// Identity-H encoding and a ToUnicode map, so the text layer reads back
// exactly as before.
//
// A letter is a tagged PDF (PDF/UA-1): its lines are marked content of a
// structure tree in reading order, written after the fonts with the XMP
// metadata (structure.go, xmp.go). The deadline board is drawn by its own
// package and written here too (WriteDrawing), untagged.

// Canvas is an fpdf document holding a set of fonts' faces, used by one
// letter at a time; its own pages are never written.
type Canvas struct {
	pdf   *fpdf.Fpdf
	names map[*fonts.Face]string // the font resource name fpdf's content uses
}

// CanvasPool is the free list of one Fonts' canvases.
type CanvasPool chan *Canvas

// NewCanvasPool returns an empty free list of canvases.
func NewCanvasPool() CanvasPool { return make(CanvasPool, 64) }

// Get returns a canvas for fs's faces, made on first need.
func (p CanvasPool) Get(fs *fonts.Fonts) (*Canvas, error) {
	select {
	case c := <-p:
		return c, nil
	default:
		return NewCanvas(fs)
	}
}

// Put hands a canvas back for the next letter.
func (p CanvasPool) Put(c *Canvas) {
	select {
	case p <- c:
	default:
	}
}

// NewCanvas returns a canvas with every face of fs registered.
func NewCanvas(fs *fonts.Fonts) (*Canvas, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	c := &Canvas{pdf: pdf, names: map[*fonts.Face]string{}}
	for _, f := range fs.Faces() {
		pdf.AddUTF8FontFromBytes(f.Family, f.Style(), f.PDFBytes())
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdffile: loading fonts: %w", err)
	}
	for _, f := range fs.Faces() {
		// The name fpdf gives the face in content streams ("/F<id> 10.00 Tf").
		t := pdf.CreateTemplate(func(t *fpdf.Tpl) { t.SetFont(f.Family, f.Style(), 10) })
		s := string(t.Bytes())
		i := strings.Index(s, "/F")
		j := strings.Index(s, " 10.00 Tf")
		if i < 0 || j < i {
			return nil, fmt.Errorf("%w %q: fpdf drew no font selection", fonts.ErrFont, f.Family)
		}
		c.names[f] = s[i+1 : j]
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdffile: loading fonts: %w", err)
	}
	return c, nil
}

// Doc returns the canvas's fpdf document, to draw templates in.
func (c *Canvas) Doc() *fpdf.Fpdf { return c.pdf }

// Font is one face as a letter embeds it.
type Font struct {
	name     string // resource name in the content streams
	baseFont string
	desc     fpdf.FontDescType
	cut      *fonts.Cut
}

// subsetTag is the six capital letters a font subset's name begins with
// (PDF 32000-1, 9.6.4), derived from the font's name and the characters
// kept, so that the same subset always gets the same tag and different
// ones almost never share one.
func subsetTag(name string, c *fonts.Cut) string {
	h := sha256.New()
	h.Write([]byte(name))
	for _, r := range c.Runes {
		h.Write([]byte{0, byte(r >> 8), byte(r)})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag[:])
}

// File is a PDF file to write: its pages' content streams, drawn on a
// Canvas, the fonts they draw in (Embed), its information and, for a
// tagged file, its structure tree.
type File struct {
	Width, Height float64 // points
	Pages         [][]byte
	Fonts         []Font
	Lang          string
	Title         string
	Author        string
	Subject       string
	Created       time.Time
	Tags          *Structure // the structure tree; nil: an untagged file
}

var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// deflate appends the zlib compression of data to dst.
func deflate(dst *bytes.Buffer, data []byte) {
	zw := zlibWriters.Get().(*zlib.Writer)
	zw.Reset(dst)
	zw.Write(data) // a bytes.Buffer does not fail
	zw.Close()
	zlibWriters.Put(zw)
}

// pdfWriter numbers and places a PDF's objects.
type pdfWriter struct {
	buf     bytes.Buffer
	offsets []int // by object number - 1
	tmp     bytes.Buffer
}

func (w *pdfWriter) begin(n int) {
	for len(w.offsets) < n {
		w.offsets = append(w.offsets, 0)
	}
	w.offsets[n-1] = w.buf.Len()
	w.buf.WriteString(strconv.Itoa(n))
	w.buf.WriteString(" 0 obj\n")
}

func (w *pdfWriter) object(n int, body string) {
	w.begin(n)
	w.buf.WriteString(body)
	w.buf.WriteString("\nendobj\n")
}

// stream writes object n as a Flate-compressed stream of data; extra goes
// into its dictionary.
func (w *pdfWriter) stream(n int, data []byte, extra string) {
	w.tmp.Reset()
	deflate(&w.tmp, data)
	w.packed(n, w.tmp.Bytes(), extra)
}

// plain writes object n as a stream of data as it is, with dict's
// entries.
func (w *pdfWriter) plain(n int, data []byte, dict string) {
	w.begin(n)
	fmt.Fprintf(&w.buf, "<<%s /Length %d>>\nstream\n", dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// packed writes object n as a stream of zlib data.
func (w *pdfWriter) packed(n int, zdata []byte, extra string) {
	w.begin(n)
	fmt.Fprintf(&w.buf, "<</Filter /FlateDecode /Length %d%s>>\nstream\n", len(zdata), extra)
	w.buf.Write(zdata)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// toUnicode is the ToUnicode CMap of every font: character codes are
// Unicode code points (fpdf's Identity-H text is UTF-16BE).
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// toUnicodeZ is toUnicode compressed, once.
var toUnicodeZ = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	deflate(&b, []byte(toUnicode))
	return b.Bytes()
})

// Write writes the PDF file to out and returns its sha256, computed with
// its /ID in one pass over the file. Objects: 1 catalog, 2 page tree,
// 3 information dictionary, 4 resources, 5 ToUnicode map, then each
// page and its content, then five objects per font, the XMP metadata and
// the structure tree (structure.go).
func (f *File) Write(out io.Writer) (sum [sha256.Size]byte, err error) {
	w := &pdfWriter{}
	size := 8 << 10
	for _, p := range f.Pages {
		size += len(p) / 3 // content streams compress to about a quarter
	}
	for _, ft := range f.Fonts {
		size += len(ft.cut.Stream) + len(ft.cut.CIDToGID) + 8*len(ft.cut.Runes)
	}
	if f.Tags != nil {
		size += 2 << 10 // the XMP packet, the tree's root
		size += 96 * len(f.Tags.elems)
	}
	w.buf.Grow(size)
	// 1.7: the pages' tab order (/Tabs, PDF 1.5) follows the structure.
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	firstFont := 6 + 2*len(f.Pages)
	meta := firstFont + 5*len(f.Fonts)

	catalog := fmt.Sprintf("<</Type /Catalog /Pages 2 0 R /ViewerPreferences <</DisplayDocTitle true>> /Metadata %d 0 R", meta)
	if f.Lang != "" {
		catalog += " /Lang " + pdfText(f.Lang)
	}
	pageExtra := func(int) string { return "" }
	if f.Tags != nil {
		catalog += fmt.Sprintf(" /MarkInfo <</Marked true>> /StructTreeRoot %d 0 R", meta+1)
		pageExtra = func(i int) string { return fmt.Sprintf(" /StructParents %d /Tabs /S", i) }
	}
	w.object(1, catalog+">>")

	var kids strings.Builder
	for i := range f.Pages {
		fmt.Fprintf(&kids, "%d 0 R ", 6+2*i)
	}
	w.object(2, fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d>>", strings.TrimSpace(kids.String()), len(f.Pages)))

	date := pdfDate(f.Created)
	w.object(3, fmt.Sprintf("<</Producer %s /Creator %s /Title %s /Author %s /Subject %s /CreationDate %s /ModDate %s>>",
		pdfText("breachnotice"), pdfText("breachnotice"), pdfText(f.Title), pdfText(f.Author), pdfText(f.Subject), date, date))

	var res strings.Builder
	res.WriteString("<</ProcSet [/PDF /Text] /Font <<")
	for i, ft := range f.Fonts {
		fmt.Fprintf(&res, "/%s %d 0 R ", ft.name, firstFont+5*i)
	}
	res.WriteString(">>>>")
	w.object(4, res.String())
	w.packed(5, toUnicodeZ(), "")

	box := fmt.Sprintf("[0 0 %.2f %.2f]", f.Width, f.Height)
	for i, content := range f.Pages {
		w.object(6+2*i, fmt.Sprintf("<</Type /Page /Parent 2 0 R /MediaBox %s /Resources 4 0 R /Contents %d 0 R%s>>", box, 7+2*i, pageExtra(i)))
		w.stream(7+2*i, content, "")
	}

	for i, ft := range f.Fonts {
		n := firstFont + 5*i
		w.object(n, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode 5 0 R>>", ft.baseFont, n+1))
		var cid strings.Builder
		fmt.Fprintf(&cid, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> /FontDescriptor %d 0 R", ft.baseFont, n+2)
		if ft.desc.MissingWidth != 0 {
			fmt.Fprintf(&cid, " /DW %d", ft.desc.MissingWidth)
		}
		cid.WriteString(" /W [")
		rs, ws := ft.cut.Runes, ft.cut.Widths
		for i := 0; i < len(rs); {
			j := i + 1
			for j < len(rs) && rs[j] == rs[j-1]+1 {
				j++
			}
			fmt.Fprintf(&cid, "%d [", rs[i])
			for k := i; k < j; k++ {
				if k > i {
					cid.WriteByte(' ')
				}
				cid.WriteString(strconv.Itoa(ws[k]))
			}
			cid.WriteString("] ")
			i = j
		}
		fmt.Fprintf(&cid, "] /CIDToGIDMap %d 0 R>>", n+3)
		w.object(n+1, cid.String())
		d := ft.desc
		flags := (d.Flags | 4) &^ 32 // symbolic, not non-symbolic, as fpdf marks them
		w.object(n+2, fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV %d /MissingWidth %d /FontFile2 %d 0 R>>",
			ft.baseFont, flags, d.FontBBox.Xmin, d.FontBBox.Ymin, d.FontBBox.Xmax, d.FontBBox.Ymax, d.ItalicAngle, d.Ascent, d.Descent, d.CapHeight, d.StemV, d.MissingWidth, n+4))
		w.packed(n+3, ft.cut.CIDToGID, "")
		w.packed(n+4, ft.cut.Stream, fmt.Sprintf(" /Length1 %d", ft.cut.Length1))
	}
	w.plain(meta, f.xmp(), "/Type /Metadata /Subtype /XML")
	if f.Tags != nil {
		w.writeStructure(f.Tags, meta+1, len(f.Pages), func(i int) int { return 6 + 2*i })
	}

	xref := w.buf.Len()
	objects := len(w.offsets) + 1
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", objects)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	// The /ID is the sha256 of the file up to its trailer; the same hash
	// continued over the trailer is the file's.
	h := sha256.New()
	h.Write(w.buf.Bytes())
	var id [sha256.Size]byte
	h.Sum(id[:0])
	trailer := w.buf.Len()
	fmt.Fprintf(&w.buf, "trailer\n<</Size %d /Root 1 0 R /Info 3 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n", objects, id[:16], id[:16], xref)
	h.Write(w.buf.Bytes()[trailer:])
	h.Sum(sum[:0])
	_, err = out.Write(w.buf.Bytes())
	return sum, err
}

// pdfText is a PDF text string: ASCII as a literal string, anything else
// as UTF-16BE with a byte order mark, in hexadecimal.
func pdfText(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfDate is t as a PDF date string, with its offset from UTC.
func pdfDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return "(" + s + "Z)"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("(%s%s%02d'%02d')", s, sign, off/3600, off%3600/60)
}

// Embed returns the fonts a file embeds: for each face ts drew in, the
// font program cut to the characters drawn in it, those in shared first
// (letters/pdf's sharedRunes), named with its subset tag.
func Embed(ts *typeset.Typesetter, canvas *Canvas, shared *fonts.RuneSet) ([]Font, error) {
	var out []Font
	for _, f := range ts.Fonts().Faces() {
		set := ts.Used(f)
		if set == nil {
			continue
		}
		prog, err := f.Program()
		if err != nil {
			return nil, fmt.Errorf("%w %q: %w", fonts.ErrFont, f.Family, err)
		}
		c, err := prog.Cut(splitRunes(set, shared))
		if err != nil {
			return nil, fmt.Errorf("%w %q: %w", fonts.ErrFont, f.Family, err)
		}
		out = append(out, Font{name: canvas.names[f], baseFont: subsetTag(f.Family+f.Style(), c) + "+utf8" + f.Family + f.Style(),
			desc: canvas.pdf.GetFontDesc(f.Family, f.Style()), cut: c})
	}
	return out, nil
}

// splitRunes returns the members of set that are in shared, and the others.
func splitRunes(set, shared *fonts.RuneSet) (in, out []rune) {
	for _, r := range set.Runes() {
		if shared.Has(r) {
			in = append(in, r)
		} else {
			out = append(out, r)
		}
	}
	return in, out
}
