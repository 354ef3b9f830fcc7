package pdftext

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
)

// line is one line of test text and the font it is set in.
type line struct {
	style string  // "" or "B"
	size  float64 // font size in points
	text  string
}

var testPages = [][]line{
	{
		{"B", 14, "Gentile cliente, perché è già così"},
		{"", 11, "«\u202fNous sommes désolés\u202f», écrit l’équipe\u202f!"},
		{"", 11, "«Уважаемый клиент»"},
		{"", 11, `( ) \ `},
		{"", 11, `Specials: (unbalanced ( and \\ and \n stay literal`},
	},
	{
		{"B", 14, "Pagina 2"},
		{"", 11, "Ultima riga: perché è già così."},
	},
}

var testCreated = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// dejaVuPDF renders testPages with DejaVu Sans (regular and bold) added as
// UTF-8 fonts.
func dejaVuPDF(tb testing.TB, compress bool) []byte {
	tb.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetCreationDate(testCreated)
	pdf.SetModificationDate(testCreated)
	pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
	pdf.AddUTF8FontFromBytes("DejaVu", "B", dejavusansbold.TTF)
	pdf.SetTitle("Avviso di violazione dei dati: è così", true)
	pdf.SetAuthor("Ufficio «Privacy» – Società S.p.A.", true)
	pdf.SetSubject("Subject in PDFDocEncoding", false)
	pdf.SetLang("it-IT")
	for _, page := range testPages {
		pdf.AddPage()
		for _, l := range page {
			pdf.SetFont("DejaVu", l.style, l.size)
			pdf.CellFormat(0, 8, l.text, "", 1, "L", false, 0, "")
		}
	}
	return output(tb, pdf)
}

func output(tb testing.TB, pdf *fpdf.Fpdf) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		tb.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}

func expectedText(pages [][]line) string {
	var texts []string
	for _, page := range pages {
		var lines []string
		for _, l := range page {
			lines = append(lines, l.text)
		}
		texts = append(texts, strings.Join(lines, "\n"))
	}
	return strings.Join(texts, "\f")
}

func mustParse(tb testing.TB, data []byte) *Document {
	tb.Helper()
	doc, err := parseStrict(data)
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return doc
}

func TestParseFpdfUTF8(t *testing.T) {
	for _, compress := range []bool{true, false} {
		name := "compressed"
		if !compress {
			name = "uncompressed"
		}
		t.Run(name, func(t *testing.T) {
			data := dejaVuPDF(t, compress)
			// Make sure the option really changed the file.
			plain := bytes.Contains(data, []byte(" Td ("))
			if plain == compress {
				t.Fatalf("content stream plain=%v with compression=%v", plain, compress)
			}
			doc := mustParse(t, data)

			if got, want := doc.Text(), expectedText(testPages); got != want {
				t.Errorf("Text() mismatch\n got: %q\nwant: %q", got, want)
			}
			if len(doc.Pages) != 2 {
				t.Fatalf("got %d pages, want 2", len(doc.Pages))
			}
			for i, p := range doc.Pages {
				if p.Number != i+1 {
					t.Errorf("page %d: Number = %d", i, p.Number)
				}
				if math.Abs(p.Width-595.28) > 0.005 || math.Abs(p.Height-841.89) > 0.005 {
					t.Errorf("page %d: size %v x %v, want A4 595.28 x 841.89", p.Number, p.Width, p.Height)
				}
				want := testPages[i]
				if len(p.Spans) != len(want) {
					t.Fatalf("page %d: %d spans, want %d: %+v", p.Number, len(p.Spans), len(want), p.Spans)
				}
				for j, s := range p.Spans {
					if s.Text != want[j].text {
						t.Errorf("page %d span %d: text %q, want %q", p.Number, j, s.Text, want[j].text)
					}
					if s.Size != want[j].size {
						t.Errorf("page %d span %d: size %v, want %v", p.Number, j, s.Size, want[j].size)
					}
					wantFont := "utf8dejavu" + want[j].style
					if s.Font != wantFont {
						t.Errorf("page %d span %d: font %q, want %q", p.Number, j, s.Font, wantFont)
					}
					// fpdf's left margin is 10 mm.
					if math.Abs(s.X-10/25.4*72-1) > 2 {
						t.Errorf("page %d span %d: X = %v, want about 29.35", p.Number, j, s.X)
					}
					if j > 0 && !(s.Y < p.Spans[j-1].Y) {
						t.Errorf("page %d span %d: Y = %v not below previous %v", p.Number, j, s.Y, p.Spans[j-1].Y)
					}
					if s.Width <= 0 || s.Width > p.Width {
						t.Errorf("page %d span %d: implausible width %v", p.Number, j, s.Width)
					}
				}
			}

			if len(doc.Fonts) != 2 {
				t.Errorf("got fonts %+v, want 2", doc.Fonts)
			}
			for _, f := range doc.Fonts {
				if !f.Embedded || f.Subtype != "Type0" || !strings.HasPrefix(f.Name, "utf8dejavu") {
					t.Errorf("font %+v: want embedded Type0 utf8dejavu*", f)
				}
			}

			wantInfo := map[string]string{
				"Title":        "Avviso di violazione dei dati: è così",
				"Author":       "Ufficio «Privacy» – Società S.p.A.",
				"Subject":      "Subject in PDFDocEncoding",
				"CreationDate": "D:20240102030405",
				"ModDate":      "D:20240102030405",
			}
			for k, v := range wantInfo {
				if got := doc.Info[k]; got != v {
					t.Errorf("Info[%q] = %q, want %q", k, got, v)
				}
			}
			if !strings.HasPrefix(doc.Info["Producer"], "FPDF") {
				t.Errorf("Info[Producer] = %q", doc.Info["Producer"])
			}
			if doc.Lang != "it-IT" {
				t.Errorf("Lang = %q, want it-IT", doc.Lang)
			}
		})
	}
}

// TestContentEncoding documents what fpdf writes for UTF-8 fonts: the
// strings of the content stream hold 2-byte big-endian codes equal to the
// Unicode (BMP) code points, shown with Identity-H Type0 fonts whose
// ToUnicode CMap is the identity range <0000> <FFFF> <0000>.
func TestContentEncoding(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes("DejaVu", "", dejavusans.TTF)
	pdf.AddPage()
	pdf.SetFont("DejaVu", "", 12)
	pdf.Text(20, 20, "é€Ж")
	data := output(t, pdf)
	for _, want := range []string{
		"(\x00\xe9\x20\xac\x04\x16) Tj", // U+00E9 U+20AC U+0416
		"/Encoding /Identity-H",
		"/Subtype /CIDFontType2",
		"<0000> <FFFF> <0000>",
		"/FontFile2",
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("fpdf output lacks %q", want)
		}
	}
	if got := mustParse(t, data).Text(); got != "é€Ж" {
		t.Errorf("Text() = %q", got)
	}
}

// cjkFontPath is the CJK font the letters embed, gzip-compressed.
const cjkFontPath = "../../fonts/NotoSansSC_400Regular.ttf.gz"

func cjkFont(t *testing.T) []byte {
	t.Helper()
	f, err := os.Open(cjkFontPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestChineseRoundTrip(t *testing.T) {
	font := cjkFont(t)
	const zh = "您好，我们非常抱歉。"

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("NotoSC", "", font)
	pdf.AddPage()
	pdf.SetFont("NotoSC", "", 12)
	pdf.CellFormat(0, 10, zh, "", 1, "L", false, 0, "")

	// Two spans on one baseline, drawn exactly next to each other: they
	// must be joined without a space (this checks the /W widths).
	pdf.SetFont("NotoSC", "", 16)
	first, second := "您好，", "我们非常抱歉。"
	pdf.Text(20, 60, first)
	pdf.Text(20+pdf.GetStringWidth(first), 60, second)
	// Separate lines drawn with Text and CellFormat, out of order in the
	// content stream: line grouping must sort them top to bottom.
	pdf.SetFont("NotoSC", "", 10)
	pdf.Text(20, 90, "第三行："+zh)
	pdf.SetXY(20, 70)
	pdf.CellFormat(0, 6, "第二行："+zh, "", 1, "L", false, 0, "")
	data := output(t, pdf)

	doc := mustParse(t, data)
	want := zh + "\n" + zh + "\n第二行：" + zh + "\n第三行：" + zh
	if got := doc.Text(); got != want {
		t.Errorf("Text() mismatch\n got: %q\nwant: %q", got, want)
	}
	if len(doc.Pages[0].Spans) != 5 {
		t.Errorf("got %d spans, want 5", len(doc.Pages[0].Spans))
	}
	if s := doc.Pages[0].Spans[0]; s.Text != zh || s.Size != 12 {
		t.Errorf("first span %+v", s)
	}
	if len(doc.Fonts) != 1 || !doc.Fonts[0].Embedded {
		t.Errorf("fonts %+v", doc.Fonts)
	}
}

func TestCoreFontNotEmbedded(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252
	pdf.CellFormat(0, 10, tr("Hello (x) \\ perché € œ"), "", 1, "L", false, 0, "")
	// Two cells on one line: the reader must put a space between them.
	pdf.CellFormat(40, 10, "Name:", "", 0, "L", false, 0, "")
	pdf.CellFormat(40, 10, "Mario", "", 1, "L", false, 0, "")
	doc := mustParse(t, output(t, pdf))

	if len(doc.Fonts) != 1 {
		t.Fatalf("fonts %+v, want 1", doc.Fonts)
	}
	f := doc.Fonts[0]
	if f.Name != "Helvetica" || f.Subtype != "Type1" || f.Embedded {
		t.Errorf("font %+v, want non-embedded Type1 Helvetica", f)
	}
	if got, want := doc.Text(), "Hello (x) \\ perché € œ\nName: Mario"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
	if s := doc.Pages[0].Spans[0]; s.Size != 12 || s.Font != "Helvetica" {
		t.Errorf("span %+v", s)
	}
}

func TestNotPDF(t *testing.T) {
	for _, in := range [][]byte{nil, {}, []byte("hello"), []byte("%PD"), bytes.Repeat([]byte("x"), 5000)} {
		doc, err := parseStrict(in)
		if !errors.Is(err, ErrNotPDF) || doc != nil {
			t.Errorf("Parse(%.10q) = %v, %v; want ErrNotPDF", in, doc, err)
		}
	}
	if ErrNotPDF.Error() != "pdftext: not a PDF file" {
		t.Errorf("ErrNotPDF = %q", ErrNotPDF)
	}
}

func TestTruncated(t *testing.T) {
	data := dejaVuPDF(t, true)
	for _, n := range []int{9, 100, len(data) / 3, len(data) / 2, len(data) - 40, len(data) - 7} {
		doc, err := parseStrict(data[:n])
		if err == nil {
			t.Errorf("Parse(first %d of %d bytes) succeeded with text %q", n, len(data), doc.Text())
			continue
		}
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("truncated to %d: error %v does not wrap ErrCorrupt", n, err)
		}
		if !strings.HasPrefix(err.Error(), "pdftext: ") {
			t.Errorf("error %q lacks prefix", err)
		}
	}
}

// streamRanges returns the byte ranges of stream data in a PDF.
func streamRanges(data []byte) [][2]int {
	var out [][2]int
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("stream\n"))
		if j < 0 {
			return out
		}
		start := i + j + len("stream\n")
		if bytes.HasSuffix(data[:i+j], []byte("end")) { // "endstream\n"
			i = start
			continue
		}
		k := bytes.Index(data[start:], []byte("\nendstream"))
		if k < 0 {
			return out
		}
		out = append(out, [2]int{start, start + k})
		i = start + k
	}
}

func TestTamperedCompressedStream(t *testing.T) {
	data := dejaVuPDF(t, true)
	want := expectedText(testPages)
	ranges := streamRanges(data)
	if len(ranges) == 0 {
		t.Fatal("no streams found")
	}
	tested := 0
	for _, rg := range ranges {
		if !bytes.HasPrefix(data[rg[0]:], []byte{0x78}) { // zlib header: compressed
			continue
		}
		for _, pos := range []int{rg[0] + 1, (rg[0] + rg[1]) / 2, rg[1] - 2} {
			bad := bytes.Clone(data)
			bad[pos] ^= 0x55
			doc, err := parseStrict(bad)
			tested++
			if err == nil && doc.Text() == want {
				// Only acceptable if the stream is not needed for text
				// and the damage does not show: font programs and
				// CIDToGIDMaps are decoded for the glyph check (and
				// their zlib checksums verified), but a flip near the
				// end of a stream may hit padding the decoder skips.
				continue
			}
			if err != nil && !errors.Is(err, ErrCorrupt) {
				t.Errorf("flip at %d: error %v does not wrap ErrCorrupt", pos, err)
			}
		}
	}
	if tested == 0 {
		t.Fatal("no compressed streams found")
	}

	// The page content streams are objects 4 and 6 (fpdf writes them first):
	// a flipped byte there must be detected.
	for _, page := range [][]byte{[]byte("\n4 0 obj\n"), []byte("\n6 0 obj\n")} {
		at := bytes.Index(data, page)
		if at < 0 {
			t.Fatalf("object %q not found", page)
		}
		for _, rg := range ranges {
			if rg[0] > at {
				bad := bytes.Clone(data)
				bad[(rg[0]+rg[1])/2] ^= 0x01
				doc, err := parseStrict(bad)
				if err == nil && doc.Text() == want {
					t.Errorf("tampered content stream %q went unnoticed", page)
				}
				t.Logf("content stream %q tampered: err=%v", page, err)
				break
			}
		}
	}
}

func TestTamperEverywhereNoPanic(t *testing.T) {
	data := dejaVuPDF(t, true)
	step := max(1, len(data)/1000)
	if testing.Short() || raceEnabled { // every parse decodes the font programs: slow under the race detector
		step *= 10
	}
	flips := []byte{0x01, 0x80, 0xFF, 0x20}
	for i, pos := 0, 0; pos < len(data); i, pos = i+1, pos+step {
		bad := bytes.Clone(data)
		bad[pos] ^= flips[i%len(flips)]
		if doc, err := parseStrict(bad); err == nil {
			_ = doc.Text()
		}
	}
}

func TestBrokenXrefFallback(t *testing.T) {
	data := dejaVuPDF(t, true)
	want := expectedText(testPages)

	// Shift every object by inserting a comment after the header, so all
	// xref offsets are wrong.
	nl := bytes.IndexByte(data, '\n') + 1
	shifted := append(append(bytes.Clone(data[:nl]), "% inserted by an editor\n"...), data[nl:]...)
	// startxref pointing nowhere.
	i := bytes.LastIndex(data, []byte("startxref"))
	noXref := append(bytes.Clone(data[:i]), "startxref\n999999999\n%%EOF\n"...)
	// Trailer and xref table gone entirely.
	j := bytes.LastIndex(data, []byte("\nxref"))
	noTrailer := append(bytes.Clone(data[:j]), "\n%%EOF\n"...)
	// CRLF line endings everywhere outside streams is too invasive; instead
	// overwrite the xref table entries with garbage.
	garbled := bytes.Clone(data)
	for k := j + 10; k < i-40 && k < len(garbled); k++ {
		if garbled[k] >= '0' && garbled[k] <= '9' {
			garbled[k] = '7'
		}
	}

	for name, in := range map[string][]byte{
		"shifted": shifted, "no startxref": noXref, "no trailer": noTrailer, "garbled xref": garbled,
	} {
		doc, err := parseStrict(in)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := doc.Text(); got != want {
			t.Errorf("%s: Text() = %q", name, got)
		}
		if doc.Lang != "it-IT" {
			t.Errorf("%s: Lang = %q", name, doc.Lang)
		}
		// Without a trailer the /Info dictionary cannot be located.
		if name != "no trailer" && doc.Info["Title"] == "" {
			t.Errorf("%s: Info = %q", name, doc.Info)
		}
	}
}

func TestEncryptedRejected(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetProtection(fpdf.CnProtectPrint, "", "owner")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.Cell(0, 10, "secret")
	_, err := parseStrict(output(t, pdf))
	if !errors.Is(err, ErrEncrypted) {
		t.Errorf("err = %v, want ErrEncrypted", err)
	}
}
