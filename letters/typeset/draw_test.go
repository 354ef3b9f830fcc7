package typeset

import (
	"bytes"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// drawTexts are texts to draw: Latin, Cyrillic and CJK, the characters
// a PDF string escapes ("(", ")", "\"), and CJK and braille characters one
// of whose UTF-16 bytes is one of them or a carriage return (U+4E28 丨,
// U+4E29 丩, U+4E5C 乜, U+5C0F 小, U+280D ⠍).
var drawTexts = []string{
	"Dear Jessica Nguyen,",
	"Call (800) 555-0100 or write to C:\\Notices\\(draft) — thank you.",
	"Уважаемый Jürgen Müller, «ваши данные» (имя, e-mail)",
	"我们已要求发送虚假邮件所用服务的提供商关闭账户，并与外部专家检查Acme的系统（24个月）。",
	"丨丩乜小 ⠍ 丨(丩)乜\\小",
	"Ǆ \U0001F600 smiles", // outside the BMP: drawn by a full font that has it
	"A long line of words that the typesetter breaks into several lines, with spaces between its words.",
}

// newDrawDoc returns an fpdf document with fs's faces registered, as
// letters/pdffile's canvases have them.
func newDrawDoc(t *testing.T, fs *fonts.Fonts) *fpdf.Fpdf {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	for _, f := range fs.Faces() {
		doc.AddUTF8FontFromBytes(f.Family, f.Style(), f.PDFBytes())
	}
	if err := doc.Error(); err != nil {
		t.Fatal(err)
	}
	return doc
}

// drawWithText draws ln as Draw does, with fpdf's SetFont and Text for
// each run of runs in one face: what Draw's own text operators must equal.
func drawWithText(ts *Typesetter, ln Line, x, y float64) float64 {
	latin := ts.latin(ln.bold)
	var seg strings.Builder
	var segFace *fonts.Face
	segX := x
	flush := func() {
		if seg.Len() > 0 {
			ts.doc.SetFont(segFace.Family, segFace.Style(), ln.size)
			ts.doc.Text(segX, y, seg.String())
			seg.Reset()
		}
		segFace = nil
	}
	for i, a := range ln.atoms {
		if a.space && i > 0 {
			if segFace == latin {
				seg.WriteByte(' ')
			} else {
				flush()
			}
			x += ts.space(ln.size, ln.bold)
		}
		for _, r := range a.runs {
			if r.face != segFace {
				flush()
				segFace, segX = r.face, x
			}
			seg.WriteString(r.text)
			x += r.w
		}
	}
	flush()
	return x
}

// TestDrawAsFpdfText draws lines with Draw, from a cache and not, and
// with fpdf's Text, in several colours: the content streams must be the
// same bytes, and the lines end at the same x.
func TestDrawAsFpdfText(t *testing.T) {
	fs, err := testFonts()
	if err != nil {
		t.Fatal(err)
	}
	doc := newDrawDoc(t, fs)
	colours := []struct{ text, fill [3]int }{
		{[3]int{0, 0, 0}, [3]int{0, 0, 0}},       // the text colour is the fill colour: no q/Q
		{[3]int{34, 34, 34}, [3]int{0, 0, 0}},    // the letters' grey
		{[3]int{200, 30, 7}, [3]int{0, 0, 0}},    // a colour
		{[3]int{200, 30, 7}, [3]int{200, 30, 7}}, // the same fill
		{[3]int{-5, 300, 255}, [3]int{1, 2, 3}},  // out of range: fpdf clamps
	}
	cache := NewCache(1 << 20)
	draw := func(f func(ts *Typesetter, ln Line, x, y float64) float64, cached bool) (string, []float64) {
		var ends []float64
		tpl := doc.CreateTemplateCustom(fpdf.PointType{}, fpdf.SizeType{Wd: 210, Ht: 297}, func(tp *fpdf.Tpl) {
			ts := New(fs)
			if cached {
				ts.SetCache(cache)
			}
			ts.SetDoc(&tp.Fpdf)
			y := 10.0
			for _, c := range colours {
				tp.SetFillColor(c.fill[0], c.fill[1], c.fill[2])
				tp.SetTextColor(c.text[0], c.text[1], c.text[2])
				for _, text := range drawTexts {
					for _, bold := range []bool{false, true} {
						for _, ln := range ts.Lines(text, 10.5, bold, 80, 0) {
							ends = append(ends, f(ts, ln, 20.3, y))
							y += 4.1
						}
					}
				}
			}
		})
		if err := doc.Error(); err != nil {
			t.Fatal(err)
		}
		return string(tpl.Bytes()), ends
	}
	want, wantEnds := draw(drawWithText, false)
	for _, pass := range []string{"uncached", "cached 1", "cached 2", "cached 3"} {
		got, ends := draw((*Typesetter).Draw, pass != "uncached")
		if got != want {
			t.Errorf("%s: Draw wrote\n%.2000s\nfpdf's Text\n%.2000s", pass, got, want)
		}
		if !equalFloats(ends, wantEnds) {
			t.Errorf("%s: lines end at %v, want %v", pass, ends, wantEnds)
		}
	}
	if !strings.Contains(want, "q 0.133 g BT") || !strings.Contains(want, `\(`) {
		t.Errorf("the test draws no grey text or no escaped parenthesis:\n%.500s", want)
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPDFString compares pdfString with fpdf's conversion and escaping,
// as a text operator shows them.
func TestPDFString(t *testing.T) {
	fs, err := testFonts()
	if err != nil {
		t.Fatal(err)
	}
	doc := newDrawDoc(t, fs)
	for _, text := range append(drawTexts, "", "\r\n", "\uFFFD?") {
		tpl := doc.CreateTemplate(func(tp *fpdf.Tpl) {
			tp.SetFont(fs.Latin.Family, "", 10)
			tp.Text(0, 0, text)
		})
		got := []byte("(" + pdfString(text) + ") Tj")
		if !bytes.Contains(tpl.Bytes(), got) {
			t.Errorf("pdfString(%q) = %q; fpdf wrote %q", text, got, tpl.Bytes())
		}
	}
}
