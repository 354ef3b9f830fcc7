package typeset

import (
	"strconv"
	"strings"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// drawing is how a line is drawn: its text in segments, one text operator
// each, and the widths the pen advances over, in order (runs and the
// spaces between words), from which each segment's x follows; and the
// width of the line's words (Line.WordsWidth).
type drawing struct {
	adv    []float64
	segs   []segment
	wordsW float64
}

// segment is text drawn in one face with one text operator.
type segment struct {
	face   *fonts.Face
	text   string
	str    string // the operator's string: text in UTF-16BE, escaped
	at     int    // the advances before the segment's start
	spaced bool   // a space comes before it (drawn as an advance)
}

// drawing returns how ln is drawn. Consecutive runs in one face make one
// segment, with the spaces between them as characters (their advances are
// the widths the line was measured with), which keeps the PDF small and
// its text layer in words.
func (t *Typesetter) drawing(ln Line) *drawing {
	latin := t.latin(ln.bold)
	sp := t.space(ln.size, ln.bold)
	n := 0 // advances
	for i, a := range ln.atoms {
		n += len(a.runs)
		if a.space && i > 0 {
			n++
		}
	}
	d := &drawing{adv: make([]float64, 0, n), wordsW: ln.WordsWidth()}
	var seg strings.Builder
	var segFace *fonts.Face
	at := 0
	spaced, segSpaced := false, false
	flush := func() {
		if seg.Len() > 0 {
			text := seg.String()
			d.segs = append(d.segs, segment{face: segFace, text: text, str: pdfString(text), at: at, spaced: segSpaced})
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
				spaced = true
			}
			d.adv = append(d.adv, sp)
		}
		for _, r := range a.runs {
			if r.face != segFace {
				flush()
				segFace, at = r.face, len(d.adv)
				segSpaced, spaced = spaced, false
			}
			seg.WriteString(r.text)
			d.adv = append(d.adv, r.w)
		}
	}
	flush()
	return d
}

// Draw draws ln with its left edge at x and its baseline at y, in the
// document's current text colour (set with SetTextColor), and returns the
// x where it ends. An error registering or selecting a face is the
// document's (fpdf.Fpdf.Error).
func (t *Typesetter) Draw(ln Line, x, y float64) float64 {
	d := ln.drawn
	if d == nil {
		d = t.drawing(ln)
	}
	k := 0
	for _, s := range d.segs {
		for ; k < s.at; k++ {
			x += d.adv[k]
		}
		t.doc.SetFont(s.face.Family, s.face.Style(), ln.size)
		t.show(x, y, s.str)
		t.use(s.face, s.text)
	}
	for ; k < len(d.adv); k++ {
		x += d.adv[k]
	}
	return x
}

// use adds text's characters to those drawn in face f.
func (t *Typesetter) use(f *fonts.Face, text string) {
	set := t.used[f]
	if set == nil {
		set = new(fonts.RuneSet)
		t.used[f] = set
	}
	for _, r := range text {
		set.Add(r)
	}
}

// show writes the text operator that draws str (pdfString) with its left
// edge at x and its baseline at y, in the selected face, as fpdf's Text
// writes it for a UTF-8 face (codeberg.org/go-pdf/fpdf v0.12.0,
// Fpdf.Text): a text object in the page's coordinates, in points, inside
// a q/Q pair setting the text colour when it is not the fill colour.
// Writing it here spares fpdf's conversion and escaping of the same text
// for every letter (a kept line's are made once) and its map of the
// characters used, which only fpdf's own output reads.
func (t *Typesetter) show(x, y float64, str string) {
	k := t.doc.GetConversionRatio()
	_, h := t.doc.GetPageSize()
	op := t.op[:0]
	colour := t.textColour()
	if colour != "" {
		op = append(append(append(op, "q "...), colour...), ' ')
	}
	op = append(op, "BT "...)
	op = strconv.AppendFloat(op, x*k, 'f', 2, 64)
	op = append(op, ' ')
	op = strconv.AppendFloat(op, (h-y)*k, 'f', 2, 64)
	op = append(append(append(op, " Td ("...), str...), ") Tj ET"...)
	if colour != "" {
		op = append(op, " Q"...)
	}
	t.op = op
	t.opRead.Reset(op)
	t.doc.RawWriteBuf(&t.opRead)
}

// textColour is the document's text colour as fpdf writes it, remembered
// for the colour it was made for.
type textColour struct {
	rgb [3]int
	op  string
}

// textColour returns the operator that sets the document's text colour,
// or "" when it is the fill colour (fpdf's colorFlag), for colours set in
// RGB (SetTextColor, SetFillColor).
func (t *Typesetter) textColour() string {
	r, g, b := t.doc.GetTextColor()
	if fr, fg, fb := t.doc.GetFillColor(); fr == r && fg == g && fb == b {
		return ""
	}
	if rgb := [3]int{r, g, b}; t.colour.op == "" || t.colour.rgb != rgb {
		t.colour = textColour{rgb: rgb, op: colourOp(r, g, b)}
	}
	return t.colour.op
}

// colourOp is the operator setting the fill colour to r, g, b (0-255),
// formatted as fpdf formats it: grey as "g", else "rg".
func colourOp(r, g, b int) string {
	comp := func(op []byte, v int) []byte {
		return strconv.AppendFloat(op, float64(v)/255, 'f', 3, 64)
	}
	if r == g && g == b {
		return string(append(comp(nil, r), " g"...))
	}
	op := append(comp(nil, r), ' ')
	op = append(comp(op, g), ' ')
	return string(append(comp(op, b), " rg"...))
}

// pdfString returns text as the string of a text operator drawing it in
// a UTF-8 face registered with fpdf, as fpdf's Text writes it: in UTF-16BE
// as fpdf converts it (utf8toutf16: a character outside the Basic
// Multilingual Plane, which only a full font may have, is converted as
// fpdf does), its backslashes, parentheses and carriage returns escaped
// with a backslash.
func pdfString(text string) string {
	b := make([]byte, 0, 2*len(text)+8)
	put := func(c ...byte) {
		for _, c := range c {
			switch c {
			case '\\', '(', ')':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
	}
	for i := 0; i < len(text); {
		switch c := text[i]; {
		case c >= 224 && i+2 < len(text):
			put((c&0x0F)<<4+(text[i+1]&0x3C)>>2, (text[i+1]&0x03)<<6+text[i+2]&0x3F)
			i += 3
		case c >= 192 && c < 224 && i+1 < len(text):
			put((c&0x1C)>>2, (c&0x03)<<6+text[i+1]&0x3F)
			i += 2
		default:
			put(0, c)
			i++
		}
	}
	return string(b)
}
