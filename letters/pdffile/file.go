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
	w.packed(n, extra, w.tmp.Bytes())
}

// plain writes object n as a stream of data as it is, with dict's
// entries.
func (w *pdfWriter) plain(n int, data []byte, dict string) {
	w.begin(n)
	fmt.Fprintf(&w.buf, "<<%s /Length %d>>\nstream\n", dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// packed writes object n as a stream of zlib data, given in parts;
// extra goes into its dictionary.
func (w *pdfWriter) packed(n int, extra string, zdata ...[]byte) {
	w.begin(n)
	fmt.Fprintf(&w.buf, "<</Filter /FlateDecode /Length %d%s>>\nstream\n", streamLen(zdata), extra)
	for _, p := range zdata {
		w.buf.Write(p)
	}
	w.buf.WriteString("\nendstream\nendobj\n")
}

// streamLen is the length of a stream given in parts.
func streamLen(parts [][]byte) int {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	return n
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

// writers are the pdfWriters of the files being written, kept for the
// next file: a letter's file is 30 to 110 KB, written in one buffer.
var writers = sync.Pool{New: func() any { return new(pdfWriter) }}

// Write writes the PDF file to out and returns its sha256, computed with
// its /ID in one pass over the file. Objects: 1 catalog, 2 page tree,
// 3 information dictionary, 4 resources, 5 ToUnicode map, then each
// page and its content, then five objects per font, the XMP metadata and
// the structure tree (structure.go).
func (f *File) Write(out io.Writer) (sum [sha256.Size]byte, err error) {
	w := writers.Get().(*pdfWriter)
	defer writers.Put(w)
	w.buf.Reset()
	w.offsets = w.offsets[:0]
	w.buf.Grow(f.sizeHint())
	// 1.7: the pages' tab order (/Tabs, PDF 1.5) follows the structure.
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	firstFont := 6 + 2*len(f.Pages)
	meta := firstFont + 5*len(f.Fonts)
	f.writeDocument(w, firstFont, meta)
	f.writePages(w)
	for i, ft := range f.Fonts {
		w.writeFont(firstFont+5*i, ft)
	}
	w.plain(meta, f.xmp(), "/Type /Metadata /Subtype /XML")
	if f.Tags != nil {
		w.writeStructure(f.Tags, meta+1, len(f.Pages), func(i int) int { return 6 + 2*i })
	}
	sum = w.writeTrailer()
	_, err = out.Write(w.buf.Bytes())
	return sum, err
}

// sizeHint is about the size of the file.
func (f *File) sizeHint() int {
	size := 8 << 10
	for _, p := range f.Pages {
		size += len(p) / 3 // content streams compress to about a quarter
	}
	for _, ft := range f.Fonts {
		size += streamLen(ft.cut.Stream) + len(ft.cut.CIDToGID) + 8*len(ft.cut.Runes)
	}
	if f.Tags != nil {
		size += 2 << 10 // the XMP packet, the tree's root
		size += 96 * len(f.Tags.elems)
	}
	return size
}

// writeDocument writes objects 1 to 5: the catalog (the XMP metadata
// and the structure tree's root are objects meta and meta+1), the page
// tree, the information dictionary, the resources (the fonts from object
// firstFont on) and the ToUnicode map.
func (f *File) writeDocument(w *pdfWriter, firstFont, meta int) {
	catalog := fmt.Sprintf("<</Type /Catalog /Pages 2 0 R /ViewerPreferences <</DisplayDocTitle true>> /Metadata %d 0 R", meta)
	if f.Lang != "" {
		catalog += " /Lang " + pdfText(f.Lang)
	}
	if f.Tags != nil {
		catalog += fmt.Sprintf(" /MarkInfo <</Marked true>> /StructTreeRoot %d 0 R", meta+1)
	}
	w.object(1, catalog+">>")

	w.begin(2)
	w.buf.WriteString("<</Type /Pages /Kids [")
	for i := range f.Pages {
		if i > 0 {
			w.buf.WriteByte(' ')
		}
		w.ref(6 + 2*i)
	}
	w.buf.WriteString("] /Count ")
	w.int(len(f.Pages))
	w.end(">>")

	date := pdfDate(f.Created)
	w.object(3, fmt.Sprintf("<</Producer %s /Creator %s /Title %s /Author %s /Subject %s /CreationDate %s /ModDate %s>>",
		pdfText("breachnotice"), pdfText("breachnotice"), pdfText(f.Title), pdfText(f.Author), pdfText(f.Subject), date, date))

	w.begin(4)
	w.buf.WriteString("<</ProcSet [/PDF /Text] /Font <<")
	for i, ft := range f.Fonts {
		w.buf.WriteByte('/')
		w.buf.WriteString(ft.name)
		w.buf.WriteByte(' ')
		w.ref(firstFont + 5*i)
		w.buf.WriteByte(' ')
	}
	w.end(">>>>")
	w.packed(5, "", toUnicodeZ())
}

// writePages writes each page (object 6+2i) and its content (7+2i).
func (f *File) writePages(w *pdfWriter) {
	box := fmt.Sprintf("[0 0 %.2f %.2f]", f.Width, f.Height)
	for i, content := range f.Pages {
		w.begin(6 + 2*i)
		w.buf.WriteString("<</Type /Page /Parent 2 0 R /MediaBox ")
		w.buf.WriteString(box)
		w.buf.WriteString(" /Resources 4 0 R /Contents ")
		w.ref(7 + 2*i)
		if f.Tags != nil {
			w.buf.WriteString(" /StructParents ")
			w.int(i)
			w.buf.WriteString(" /Tabs /S")
		}
		w.end(">>")
		w.stream(7+2*i, content, "")
	}
}

// writeFont writes font ft as objects n to n+4: the Type0 font, its
// CIDFont with the widths, the font descriptor, the CIDToGIDMap and the
// font program.
func (w *pdfWriter) writeFont(n int, ft Font) {
	w.begin(n)
	w.buf.WriteString("<</Type /Font /Subtype /Type0 /BaseFont /")
	w.buf.WriteString(ft.baseFont)
	w.buf.WriteString(" /Encoding /Identity-H /DescendantFonts [")
	w.ref(n + 1)
	w.end("] /ToUnicode 5 0 R>>")

	w.begin(n + 1)
	w.buf.WriteString("<</Type /Font /Subtype /CIDFontType2 /BaseFont /")
	w.buf.WriteString(ft.baseFont)
	w.buf.WriteString(" /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> /FontDescriptor ")
	w.ref(n + 2)
	if ft.desc.MissingWidth != 0 {
		w.buf.WriteString(" /DW ")
		w.int(ft.desc.MissingWidth)
	}
	w.buf.WriteString(" /W [")
	w.widths(ft.cut.Runes, ft.cut.Widths)
	w.buf.WriteString("] /CIDToGIDMap ")
	w.ref(n + 3)
	w.end(">>")

	d := ft.desc
	flags := (d.Flags | 4) &^ 32 // symbolic, not non-symbolic, as fpdf marks them
	w.object(n+2, fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV %d /MissingWidth %d /FontFile2 %d 0 R>>",
		ft.baseFont, flags, d.FontBBox.Xmin, d.FontBBox.Ymin, d.FontBBox.Xmax, d.FontBBox.Ymax, d.ItalicAngle, d.Ascent, d.Descent, d.CapHeight, d.StemV, d.MissingWidth, n+4))
	w.packed(n+3, "", ft.cut.CIDToGID)
	w.packed(n+4, " /Length1 "+strconv.Itoa(ft.cut.Length1), ft.cut.Stream...)
}

// widths writes the entries of a /W array: for each run of consecutive
// characters of rs, the first and the run's widths (ws).
func (w *pdfWriter) widths(rs []rune, ws []int) {
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j] == rs[j-1]+1 {
			j++
		}
		w.int(int(rs[i]))
		w.buf.WriteString(" [")
		for k := i; k < j; k++ {
			if k > i {
				w.buf.WriteByte(' ')
			}
			w.int(ws[k])
		}
		w.buf.WriteString("] ")
		i = j
	}
}

// writeTrailer writes the cross-reference table and the trailer, and
// returns the file's sha256. The /ID is the sha256 of the file up to its
// trailer; the same hash continued over the trailer is the file's.
func (w *pdfWriter) writeTrailer() (sum [sha256.Size]byte) {
	xref := w.buf.Len()
	objects := len(w.offsets) + 1
	w.buf.WriteString("xref\n0 ")
	w.int(objects)
	w.buf.WriteString("\n0000000000 65535 f \n")
	var line [20]byte
	for _, off := range w.offsets {
		// "%010d 00000 n \n"
		b := strconv.AppendInt(line[:0], int64(off), 10)
		for range 10 - len(b) {
			w.buf.WriteByte('0')
		}
		w.buf.Write(b)
		w.buf.WriteString(" 00000 n \n")
	}
	h := sha256.New()
	h.Write(w.buf.Bytes())
	var id [sha256.Size]byte
	h.Sum(id[:0])
	trailer := w.buf.Len()
	fmt.Fprintf(&w.buf, "trailer\n<</Size %d /Root 1 0 R /Info 3 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n", objects, id[:16], id[:16], xref)
	h.Write(w.buf.Bytes()[trailer:])
	h.Sum(sum[:0])
	return sum
}

// literalEscaper escapes the text of a PDF literal string.
var literalEscaper = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)

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
		return "(" + literalEscaper.Replace(s) + ")"
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
