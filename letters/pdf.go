package letters

import (
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// PDFOptions control rendering.
type PDFOptions struct {
	// Created is written as the PDF's creation and modification date; a
	// fixed value makes output byte-for-byte reproducible.
	Created time.Time
}

// Type sizes in points.
const (
	bodySize    = 11.0
	smallSize   = 9.0
	headingSize = 12.5
	titleSize   = 16.0
	brandSize   = 18.0
	leading     = 1.38 // line height as a multiple of the type size
	ptToMM      = 25.4 / 72
)

// run is text set in one face.
type run struct {
	face *Face
	text string
	w    float64 // mm
}

// atom is an unbreakable piece of a line.
type atom struct {
	runs  []run
	w     float64
	space bool // a space precedes it (dropped at a line start)
}

// line is one laid-out line.
type line struct {
	atoms []atom
	size  float64
	bold  bool
	x     float64 // left edge, mm
}

// textGray is the gray level of all text: near-black, softer than pure black.
const textGray = 34

// block is a vertical unit: lines plus space before it.
type block struct {
	lines    []line
	before   float64 // mm of space before
	keepNext bool    // do not end a page after this block (headings)
	marker   string  // list marker drawn left of the first line
	markerX  float64
}

type typesetter struct {
	pdf      *fpdf.Fpdf
	fonts    *Fonts
	used     map[*Face]bool
	missing  int
	minFont  float64
	spaceW   map[float64]float64
	widthMem map[string]float64
}

// RenderPDF writes the letter as a PDF to w.
func RenderPDF(w io.Writer, l *Letter, fonts *Fonts, opts PDFOptions) error {
	size := "A4"
	if l.Paper == "Letter" {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	created := opts.Created
	if created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetTitle(l.Title+" - "+l.Brand, true)
	pdf.SetAuthor(l.LegalName, true)
	pdf.SetSubject(l.RefLabel+" "+l.Reference, true)
	pdf.SetCreator("breachnotice", true)
	pdf.SetProducer("breachnotice", true)
	pdf.SetLang(l.Lang)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)

	ts := &typesetter{pdf: pdf, fonts: fonts, used: map[*Face]bool{}, minFont: l.MinFont, spaceW: map[float64]float64{}, widthMem: map[string]float64{}}
	// Register only the faces the letter needs: the CJK face is 10 MB.
	for _, s := range l.allText() {
		for _, bold := range []bool{false, true} {
			for _, r := range s {
				if f := fonts.faceFor(r, bold); f != nil {
					ts.used[f] = true
				}
			}
		}
	}
	ts.used[fonts.Latin], ts.used[fonts.LatinBold] = true, true
	if ts.used[fonts.CJKBold] && fonts.CJKBold.Synthetic {
		ts.used[fonts.CJK] = true // synthetic bold is drawn with the regular face
	}
	for _, f := range []*Face{fonts.Latin, fonts.LatinBold, fonts.CJK, fonts.CJKBold} {
		if ts.used[f] && !f.Synthetic {
			style := ""
			if f.Bold {
				style = "B"
			}
			pdf.AddUTF8FontFromBytes(f.Family, style, f.TTF)
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("letters: loading fonts: %w", err)
	}

	pw, ph := pdf.GetPageSize()
	const left, right = 25.0, 20.0
	textW := pw - left - right
	body := ts.size(bodySize)
	small := ts.size(smallSize)

	// First-page furniture at fixed positions.
	type placed struct {
		y float64
		l line
	}
	var fixed []placed
	y := 20.0
	for _, ln := range ts.lines(l.Brand, ts.size(brandSize), true, left, textW, 40) {
		fixed = append(fixed, placed{y, ln})
		y += ts.size(brandSize) * ptToMM * 1.2
	}
	for _, s := range l.Letterhead {
		for _, ln := range ts.lines(s, small, false, left, textW, 90) {
			fixed = append(fixed, placed{y, ln})
			y += small * ptToMM * leading
		}
	}
	ruleY := y + 1
	// Recipient block: DIN 5008 form B address field for A4 (20 mm from
	// the left edge, 45 mm from the top, 5 mm inner margin), a #10 window
	// for US Letter (about 2 in from the top, 7/8 in from the left).
	addrX, addrY := 25.0, 62.0
	if l.Paper == "Letter" {
		addrY = 54.0
	}
	ay := addrY
	for _, s := range l.Address {
		for _, ln := range ts.lines(s, body, false, addrX, 80, 0) {
			fixed = append(fixed, placed{ay, ln})
			ay += body * ptToMM * 1.25
		}
	}
	infoX := 125.0
	iy := addrY
	for _, s := range []string{l.Date, l.RefLabel + ": " + l.Reference} {
		for _, ln := range ts.lines(s, small, false, infoX, pw-right-infoX, 0) {
			fixed = append(fixed, placed{iy, ln})
			iy += small * ptToMM * leading
		}
	}

	// Flowing body.
	var blocks []block
	add := func(text string, size float64, bold bool, before float64, keep bool) {
		blocks = append(blocks, block{lines: ts.lines(text, size, bold, left, textW, 0), before: before, keepNext: keep})
	}
	add(l.Title, ts.size(titleSize), true, 0, true)
	add(l.Salutation, body, false, 5, false)
	add(l.Opening, body, false, 3, false)
	for _, sec := range l.Sections {
		add(sec.Heading, ts.size(headingSize), true, 6, true)
		for _, p := range sec.Paragraphs {
			switch {
			case len(p.Steps) > 0:
				for i, s := range p.Steps {
					b := block{lines: ts.lines(s, body, false, left+8, textW-8, 0), before: 2, marker: fmt.Sprintf("%d.", i+1), markerX: left + 1}
					blocks = append(blocks, b)
				}
			case len(p.Bullets) > 0:
				for _, s := range p.Bullets {
					b := block{lines: ts.lines(s, body, false, left+6, textW-6, 0), before: 1.2, marker: "•", markerX: left + 1.5}
					blocks = append(blocks, b)
				}
			default:
				add(p.Text, body, false, 2.5, false)
			}
		}
	}
	add(l.Closing, body, false, 6, false)
	add(l.SignOff, body, false, 4, true)
	sig := block{before: 10}
	for i, s := range l.Signature {
		sig.lines = append(sig.lines, ts.lines(s, body, i == 0, left, textW, 0)...)
	}
	blocks = append(blocks, sig)
	if ts.missing > 0 {
		l.Replaced += ts.missing
	}

	// Paginate.
	type pageLine struct {
		y      float64
		l      line
		marker string
		mx     float64
	}
	const bodyTop1, bodyTopN, bottom = 100.0, 22.0, 22.0
	pages := [][]pageLine{{}}
	cy := bodyTop1
	if l.Paper == "Letter" {
		cy = 92
	}
	limit := ph - bottom
	height := func(b block) float64 {
		h := b.before
		for _, ln := range b.lines {
			h += ln.size * ptToMM * leading
		}
		return h
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		need := height(b)
		if b.keepNext && i+1 < len(blocks) && len(blocks[i+1].lines) > 0 {
			need += blocks[i+1].before + blocks[i+1].lines[0].size*ptToMM*leading
		}
		// Move a whole block to the next page only when it is short (up to
		// three lines) or a heading; longer paragraphs split across pages.
		movable := b.keepNext || len(b.lines) <= 3
		if !movable && len(b.lines) > 0 {
			need = b.before + 2*b.lines[0].size*ptToMM*leading // at least two lines stay together
		}
		if cy+need > limit && len(pages[len(pages)-1]) > 0 && need < limit-bodyTopN {
			pages = append(pages, nil)
			cy = bodyTopN
		} else {
			cy += b.before
		}
		for k, ln := range b.lines {
			lh := ln.size * ptToMM * leading
			if cy+lh > limit {
				pages = append(pages, nil)
				cy = bodyTopN
			}
			pl := pageLine{y: cy + ln.size*ptToMM, l: ln}
			if k == 0 {
				pl.marker, pl.mx = b.marker, b.markerX
			}
			pages[len(pages)-1] = append(pages[len(pages)-1], pl)
			cy += lh
		}
	}

	// Draw.
	pageTmpl, err := template.New("page").Option("missingkey=error").Parse(l.PageLabel)
	if err != nil {
		return fmt.Errorf("letters: page label: %w", err)
	}
	for pi, pls := range pages {
		pdf.AddPage()
		if pi == 0 {
			for _, f := range fixed {
				ts.draw(f.l, f.y+f.l.size*ptToMM)
			}
			pdf.SetDrawColor(160, 160, 160)
			pdf.SetLineWidth(0.3)
			pdf.Line(left, ruleY, pw-right, ruleY)
			if l.Paper == "A4" {
				// Fold marks (DIN 5008): 105 mm and 210 mm; hole mark 148.5 mm.
				for _, fy := range []float64{105, 148.5, 210} {
					pdf.Line(3, fy, 7, fy)
				}
			}
		}
		for _, pl := range pls {
			if pl.marker != "" {
				ts.draw(line{atoms: ts.atoms(pl.marker, pl.l.size, false), size: pl.l.size, x: pl.mx}, pl.y)
			}
			ts.draw(pl.l, pl.y)
		}
		var label strings.Builder
		if err := pageTmpl.Execute(&label, map[string]int{"Page": pi + 1, "Pages": len(pages)}); err != nil {
			return fmt.Errorf("letters: page label: %w", err)
		}
		foot := ts.lines(label.String(), small, false, 0, pw, 0)
		for _, ln := range foot {
			ln.x = (pw - ln.width()) / 2
			ts.draw(ln, ph-12)
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("letters: rendering PDF: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("letters: writing PDF: %w", err)
	}
	return nil
}

// size applies the jurisdiction's minimum type size.
func (ts *typesetter) size(pt float64) float64 { return max(pt, ts.minFont) }

func (ts *typesetter) setFont(f *Face, size float64) {
	style := ""
	if f.Bold && !f.Synthetic {
		style = "B"
	}
	ts.pdf.SetFont(f.Family, style, size)
}

func (ts *typesetter) width(f *Face, size float64, s string) float64 {
	key := fmt.Sprintf("%s|%v|%v|%s", f.Family, f.Bold, size, s)
	if w, ok := ts.widthMem[key]; ok {
		return w
	}
	ts.setFont(f, size)
	w := ts.pdf.GetStringWidth(s)
	ts.widthMem[key] = w
	return w
}

// Kinsoku: no line may start with these, nor end with the opening ones.
const (
	noLineStart = "，。、；：？！）」』】〕》〉”’・…ー—,.;:?!)]}»\u00a0\u202f"
	noLineEnd   = "（「『【〔《〈“‘([{«"
)

// atoms splits text into unbreakable pieces: words separated by spaces,
// and single CJK characters (with kinsoku punctuation attached).
func (ts *typesetter) atoms(text string, size float64, bold bool) []atom {
	var out []atom
	for i, word := range strings.Split(text, " ") {
		if word == "" {
			continue
		}
		// Split the word at allowed break points between CJK characters.
		rs := []rune(word)
		start := 0
		first := true
		flush := func(end int) {
			if end <= start {
				return
			}
			a := ts.atom(string(rs[start:end]), size, bold)
			a.space = first && i > 0
			first = false
			out = append(out, a)
			start = end
		}
		for k := 1; k < len(rs); k++ {
			prev, cur := rs[k-1], rs[k]
			if (isCJK(prev) || isCJK(cur)) &&
				!strings.ContainsRune(noLineStart, cur) && !strings.ContainsRune(noLineEnd, prev) {
				flush(k)
			}
		}
		flush(len(rs))
	}
	return out
}

// atom measures s, split into runs by face.
func (ts *typesetter) atom(s string, size float64, bold bool) atom {
	var a atom
	var cur *Face
	var b strings.Builder
	emit := func() {
		if b.Len() == 0 {
			return
		}
		w := ts.width(cur, size, b.String())
		a.runs = append(a.runs, run{face: cur, text: b.String(), w: w})
		a.w += w
		b.Reset()
	}
	for _, r := range s {
		f := ts.fonts.faceFor(r, bold)
		if f == nil {
			ts.missing++
			r = '\uFFFD'
			f = ts.fonts.faceFor(r, bold)
			if f == nil {
				r, f = '?', ts.fonts.Latin
				if bold {
					f = ts.fonts.LatinBold
				}
			}
		}
		if f != cur {
			emit()
			cur = f
		}
		b.WriteRune(r)
	}
	emit()
	return a
}

func (ts *typesetter) space(size float64, bold bool) float64 {
	f := ts.fonts.Latin
	if bold {
		f = ts.fonts.LatinBold
	}
	return ts.width(f, size, " ")
}

// lines breaks text into lines no wider than width (mm). maxLines > 0
// truncates (used for letterhead only).
func (ts *typesetter) lines(text string, size float64, bold bool, x, width float64, maxLines int) []line {
	sp := ts.space(size, bold)
	var out []line
	cur := line{size: size, bold: bold, x: x}
	curW := 0.0
	push := func() {
		out = append(out, cur)
		cur = line{size: size, bold: bold, x: x}
		curW = 0
	}
	for _, para := range strings.Split(text, "\n") {
		for _, a := range ts.atoms(para, size, bold) {
			w := a.w
			if a.space && len(cur.atoms) > 0 {
				w += sp
			}
			if len(cur.atoms) > 0 && curW+w > width {
				push()
				w = a.w
			}
			if a.w > width {
				// An unbreakable piece wider than the line (a long URL):
				// split it by characters.
				for _, piece := range ts.split(a, size, bold, width-curW, width) {
					if len(cur.atoms) > 0 && curW+piece.w > width {
						push()
					}
					cur.atoms = append(cur.atoms, piece)
					curW += piece.w
				}
				continue
			}
			if len(cur.atoms) == 0 {
				a.space = false
			}
			cur.atoms = append(cur.atoms, a)
			curW += w
		}
		push()
	}
	if maxLines > 0 && len(out) > maxLines {
		out = out[:maxLines]
	}
	return out
}

func (ts *typesetter) split(a atom, size float64, bold bool, firstW, width float64) []atom {
	var out []atom
	limit := firstW
	var cur []rune
	for _, r := range a.runs {
		for _, c := range r.text {
			trial := ts.atom(string(append(cur, c)), size, bold)
			if trial.w > limit && len(cur) > 0 {
				out = append(out, ts.atom(string(cur), size, bold))
				cur = cur[:0]
				limit = width
			}
			cur = append(cur, c)
		}
	}
	if len(cur) > 0 {
		out = append(out, ts.atom(string(cur), size, bold))
	}
	if len(out) > 0 {
		out[0].space = a.space
	}
	return out
}

func (ln line) width() float64 {
	w := 0.0
	for _, a := range ln.atoms {
		w += a.w
	}
	return w
}

// draw sets a line with its baseline at y.
func (ts *typesetter) draw(ln line, y float64) {
	x := ln.x
	ts.pdf.SetTextColor(textGray, textGray, textGray)
	for i, a := range ln.atoms {
		if a.space && i > 0 {
			x += ts.space(ln.size, ln.bold)
		}
		for _, r := range a.runs {
			ts.setFont(r.face, ln.size)
			if r.face.Synthetic {
				ts.boldText(x, y, ln.size, r.text)
			} else {
				ts.pdf.Text(x, y, r.text)
			}
			x += r.w
		}
	}
}

// boldText draws s emboldened: filled and stroked in the text colour with a
// line 4% of the type size, then restores the drawing state.
func (ts *typesetter) boldText(x, y, size float64, s string) {
	lw := ts.pdf.GetLineWidth()
	dr, dg, db := ts.pdf.GetDrawColor()
	ts.pdf.SetDrawColor(textGray, textGray, textGray)
	ts.pdf.SetLineWidth(size * ptToMM * 0.04)
	ts.pdf.SetTextRenderingMode(2)
	ts.pdf.Text(x, y, s)
	ts.pdf.SetTextRenderingMode(0)
	ts.pdf.SetLineWidth(lw)
	ts.pdf.SetDrawColor(dr, dg, db)
}

// allText returns every string drawn in the letter.
func (l *Letter) allText() []string {
	out := []string{l.Brand, l.Date, l.RefLabel, l.Reference, l.Title, l.Salutation, l.Opening, l.Closing, l.SignOff, l.PageLabel}
	out = append(out, l.Letterhead...)
	out = append(out, l.Address...)
	out = append(out, l.Signature...)
	for _, s := range l.Sections {
		out = append(out, s.Heading)
		for _, p := range s.Paragraphs {
			out = append(out, p.Text)
			out = append(out, p.Bullets...)
			out = append(out, p.Steps...)
		}
	}
	return out
}
