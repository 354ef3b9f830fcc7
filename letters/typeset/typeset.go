// Package typeset sets text in the faces of a set of fonts (letters/fonts)
// and draws it into an fpdf document: runs by the face that has each
// character, widths as the PDF declares them, line breaking at spaces and
// between CJK characters where kinsoku allows, and lines cut with "…".
// It is the one typesetter: the letters (letters/pdf) and the deadline
// board (letters/board) are set by it.
package typeset

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// A Typesetter sets text in the faces of a set of fonts and draws it into
// an fpdf document: the letters and the deadline board are set by it. It
// splits text into runs by the face that has each character (characters
// no face has become U+FFFD), measures them with the widths the PDF
// declares, breaks text into lines at spaces and between CJK characters
// where kinsoku allows, and draws lines in the current text colour, which
// is the caller's to set. A Typesetter is not safe for concurrent use
// (the Cache it may share with others is).
type Typesetter struct {
	doc   *fpdf.Fpdf
	fonts *fonts.Fonts
	cache *Cache
	// used: the characters drawn in each face, whose glyphs a letter's
	// file embeds.
	used map[*fonts.Face]*fonts.RuneSet
	err  error
	// Drawing: the text operator being written, and the colour it is
	// drawn in (show).
	op     []byte
	opRead bytes.Reader
	colour textColour
	// atomBuf: the atoms of the text being set (atoms).
	atomBuf []atom
}

// New returns a typesetter of the faces of fs, for documents that have
// every face registered (a canvas, letters/pdffile): it draws into the
// document SetDoc gives; measuring needs no document.
func New(fs *fonts.Fonts) *Typesetter {
	return &Typesetter{fonts: fs, used: map[*fonts.Face]*fonts.RuneSet{}}
}

// SetDoc makes the typesetter draw into doc from now on.
func (t *Typesetter) SetDoc(doc *fpdf.Fpdf) { t.doc = doc }

// SetCache makes the typesetter take the texts it sets (Lines, Line,
// Width, Missing) from c, and keep them there for the typesetters sharing
// c, when they are the same for all (c keeps only texts met more than
// once).
func (t *Typesetter) SetCache(c *Cache) { t.cache = c }

// Doc returns the document the typesetter draws into.
func (t *Typesetter) Doc() *fpdf.Fpdf { return t.doc }

// Fonts returns the fonts the typesetter sets text in.
func (t *Typesetter) Fonts() *fonts.Fonts { return t.fonts }

// Used returns the characters drawn in face f so far (nil if none): the
// glyphs a file embedding a subset of f must hold.
func (t *Typesetter) Used(f *fonts.Face) *fonts.RuneSet { return t.used[f] }

// Err returns the first error met measuring text: a face whose widths
// cannot be read. Text measured after it has zero width.
func (t *Typesetter) Err() error { return t.err }

// run is text set in one face.
type run struct {
	face *fonts.Face
	text string
	w    float64 // mm
}

// atom is an unbreakable piece of a line.
type atom struct {
	runs  []run
	w     float64
	space bool // a space precedes it (dropped at a line start)
}

// A Line is a line of text set by a Typesetter, to be drawn by its Draw.
type Line struct {
	atoms []atom
	size  float64
	bold  bool
	w     float64 // mm, with the spaces between its words
	// brk is what separated the line from the one before it in the text:
	// "" (a break between CJK characters, or in a word too long for a
	// line), " " or "\n".
	brk string
	// drawn: how the line is drawn, made once for a line a Cache keeps,
	// which keeps no atoms (nil: made from the atoms when the line is
	// drawn).
	drawn *drawing
}

// Width returns the line's width in mm.
func (ln Line) Width() float64 { return ln.w }

// Empty reports whether the line holds no text.
func (ln Line) Empty() bool {
	if ln.drawn != nil {
		return len(ln.drawn.segs) == 0
	}
	return len(ln.atoms) == 0
}

// Size returns the line's type size in points.
func (ln Line) Size() float64 { return ln.size }

// Text returns the line's characters, with its spaces.
func (ln Line) Text() string {
	var b strings.Builder
	if d := ln.drawn; d != nil {
		for _, s := range d.segs {
			if s.spaced {
				b.WriteByte(' ')
			}
			b.WriteString(s.text)
		}
		return b.String()
	}
	for i, a := range ln.atoms {
		if a.space && i > 0 {
			b.WriteByte(' ')
		}
		for _, r := range a.runs {
			b.WriteString(r.text)
		}
	}
	return b.String()
}

// WordsWidth is the width of the line's words, without the spaces
// between them.
func (ln Line) WordsWidth() float64 {
	if ln.drawn != nil {
		return ln.drawn.wordsW
	}
	w := 0.0
	for _, a := range ln.atoms {
		w += a.w
	}
	return w
}

// latin returns the face spaces are set in.
func (t *Typesetter) latin(bold bool) *fonts.Face {
	if bold {
		return t.fonts.LatinBold
	}
	return t.fonts.Latin
}

// width is s's width in mm at size pt, computed as fpdf's GetStringWidth
// does from the widths the file declares (a table lookup per character:
// cheaper than remembering the result).
func (t *Typesetter) width(f *fonts.Face, size float64, s string) float64 {
	prog, err := f.Program()
	if err != nil {
		if t.err == nil {
			t.err = fmt.Errorf("%w %q: %w", fonts.ErrFont, f.Family, err)
		}
		return 0
	}
	return float64(prog.SymbolWidth(s)) * (size / ptPerMM) / 1000
}

func (t *Typesetter) space(size float64, bold bool) float64 {
	return t.width(t.latin(bold), size, " ")
}

// Width returns the width in mm of text set on one line (Line).
func (t *Typesetter) Width(text string, size float64, bold bool) float64 {
	return t.Line(text, size, bold).Width()
}

// Line sets text on one line, however wide; a newline is set as a space
// and runs of spaces as one.
func (t *Typesetter) Line(text string, size float64, bold bool) Line {
	k := cacheKey{text: text, size: size, bold: bold, kind: kindLine}
	e, keep := t.lookup(k)
	if e != nil {
		return e.lines[0]
	}
	ln := t.line(text, size, bold)
	if keep {
		e := &entry{lines: []Line{ln}}
		t.keep(k, e)
		ln = e.lines[0]
	}
	return ln
}

// line is Line, set anew.
func (t *Typesetter) line(text string, size float64, bold bool) Line {
	ln := Line{size: size, bold: bold}
	sp := t.space(size, bold)
	atoms := t.atoms(strings.ReplaceAll(text, "\n", " "), size, bold)
	if len(atoms) > 0 {
		ln.atoms = make([]atom, 0, len(atoms))
	}
	for _, a := range atoms {
		if a.space && len(ln.atoms) > 0 {
			ln.w += sp
		}
		ln.atoms = append(ln.atoms, a)
		ln.w += a.w
	}
	return ln
}

// Kinsoku: no line may start with these, nor end with the opening ones.
const (
	noLineStart = "，。、；：？！）」』】〕》〉”’・…ー—,.;:?!)]}»\u00a0\u202f"
	noLineEnd   = "（「『【〔《〈“‘([{«"
)

// canBreak reports whether a line may end after prev and the next start
// with next. A CJK date (2027年2月28日) is one piece: no break between a
// number and the year, month or day after it, nor between the year or
// month and the number after it.
func canBreak(prev, next rune) bool {
	if isDigit(prev) && strings.ContainsRune("年月日", next) || strings.ContainsRune("年月", prev) && isDigit(next) {
		return false
	}
	return !strings.ContainsRune(noLineStart, next) && !strings.ContainsRune(noLineEnd, prev)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// atoms splits text into unbreakable pieces: words separated by spaces,
// and single CJK characters (with kinsoku punctuation attached). A word
// that may not start a line (a closing mark after a space) joins the piece
// before it, as does a word after one that may not end a line. The pieces
// are the typesetter's until it sets text again: its caller copies them.
func (t *Typesetter) atoms(text string, size float64, bold bool) []atom {
	p := pieces{t: t, size: size, bold: bold, out: t.atomBuf[:0], runs: make([]run, 0, len(text)/4+1)}
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], ' ')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		if end > pos {
			p.word(text[pos:end], pos > 0)
		}
		pos = end + 1
	}
	t.atomBuf = p.out
	return p.out
}

// pieces is text being split into atoms: the atoms so far, and the runs
// they are made of, in one array.
type pieces struct {
	t        *Typesetter
	size     float64
	bold     bool
	out      []atom
	runs     []run
	lastRune rune // the last character of the last atom
}

// word adds the pieces of word, split at allowed break points between CJK
// characters; spaced: a space comes before it.
func (p *pieces) word(word string, spaced bool) {
	start := 0
	var first, prev rune // the piece's first character, the one before r
	for i, r := range word {
		if i > 0 && (fonts.IsCJK(prev) || fonts.IsCJK(r)) && canBreak(prev, r) {
			p.add(word[start:i], first, prev, start == 0, spaced)
			start = i
		}
		if i == start {
			first = r
		}
		prev = r
	}
	p.add(word[start:], first, prev, start == 0, spaced)
}

// add adds the piece s of a word, whose first and last characters are
// first and last; wordStart: it starts the word, after a space if spaced.
// A word's first piece joins the atom before it when kinsoku forbids a
// break between them.
func (p *pieces) add(s string, first, last rune, wordStart, spaced bool) {
	var a atom
	a, p.runs = p.t.appendAtom(p.runs, s, p.size, p.bold)
	a.space = wordStart && spaced
	if wordStart && len(p.out) > 0 && !canBreak(p.lastRune, first) {
		p.out[len(p.out)-1] = p.t.join(p.out[len(p.out)-1], a, p.size, p.bold)
	} else {
		p.out = append(p.out, a)
	}
	p.lastRune = last
}

// join glues b to a, with the space before b if it has one.
func (t *Typesetter) join(a, b atom, size float64, bold bool) atom {
	runs := append([]run(nil), a.runs...)
	w := a.w
	if b.space {
		f := t.latin(bold)
		sp := t.width(f, size, " ")
		runs = append(runs, run{face: f, text: " ", w: sp})
		w += sp
	}
	return atom{runs: append(runs, b.runs...), w: w + b.w, space: a.space}
}

// atom measures s, split into runs by face. Characters no face has are
// drawn as U+FFFD (or "?").
func (t *Typesetter) atom(s string, size float64, bold bool) atom {
	a, _ := t.appendAtom(nil, s, size, bold)
	return a
}

// appendAtom is atom, its runs appended to runs (which it returns): an
// array shared by the atoms of a text. A run's text is a part of s when
// every character of it is drawn as it is.
func (t *Typesetter) appendAtom(runs []run, s string, size float64, bold bool) (atom, []run) {
	n := len(runs)
	var cur *fonts.Face
	start := 0
	for i, r := range s {
		f := t.fonts.FaceFor(r, bold)
		if f == nil || r == utf8.RuneError {
			return t.appendReplaced(runs[:n], s, size, bold)
		}
		if f != cur {
			if i > start {
				runs = append(runs, t.run(cur, size, s[start:i]))
			}
			cur, start = f, i
		}
	}
	if len(s) > start {
		runs = append(runs, t.run(cur, size, s[start:]))
	}
	return sumRuns(runs[n:len(runs):len(runs)]), runs
}

// appendReplaced is appendAtom for text with characters no face has (or
// bytes that are not UTF-8), drawn as U+FFFD (or "?").
func (t *Typesetter) appendReplaced(runs []run, s string, size float64, bold bool) (atom, []run) {
	n := len(runs)
	var cur *fonts.Face
	var b strings.Builder
	emit := func() {
		if b.Len() > 0 {
			runs = append(runs, t.run(cur, size, b.String()))
			b.Reset()
		}
	}
	for _, r := range s {
		f := t.fonts.FaceFor(r, bold)
		if f == nil {
			r = '\uFFFD'
			f = t.fonts.FaceFor(r, bold)
			if f == nil {
				r, f = '?', t.latin(bold)
			}
		}
		if f != cur {
			emit()
			cur = f
		}
		b.WriteRune(r)
	}
	emit()
	return sumRuns(runs[n:len(runs):len(runs)]), runs
}

// run is text set in face f at size pt, measured.
func (t *Typesetter) run(f *fonts.Face, size float64, text string) run {
	return run{face: f, text: text, w: t.width(f, size, text)}
}

// sumRuns returns the atom of runs, its width theirs added in order.
func sumRuns(runs []run) atom {
	a := atom{runs: runs}
	for _, r := range runs {
		a.w += r.w
	}
	if len(runs) == 0 {
		a.runs = nil
	}
	return a
}

// Lines breaks text into lines no wider than width mm: at newlines, at
// spaces and between CJK characters where kinsoku allows; a word wider
// than the line is split where it must. maxLines > 0 keeps the first
// maxLines lines and drops the rest. The lines may be a cache's, shared:
// the caller must not change them (appending to the slice copies it).
func (t *Typesetter) Lines(text string, size float64, bold bool, width float64, maxLines int) []Line {
	k := cacheKey{text: text, size: size, width: width, bold: bold, kind: kindLines}
	var out []Line
	if e, keep := t.lookup(k); e != nil {
		out = e.lines
	} else if out = t.lines(text, size, bold, width); keep {
		e := &entry{lines: out}
		t.keep(k, e)
		out = e.lines
	}
	if maxLines > 0 && len(out) > maxLines {
		out = out[:maxLines:maxLines]
	}
	return out
}

// lines is Lines, set anew and not cut to a number of lines.
func (t *Typesetter) lines(text string, size float64, bold bool, width float64) []Line {
	sp := t.space(size, bold)
	var out []Line
	var all []atom // the lines' atoms, in one array
	start := 0     // where the current line's atoms start in all
	cur := Line{size: size, bold: bold}
	push := func(next atom) {
		if len(all) > start {
			cur.atoms = all[start:len(all):len(all)]
		}
		out = append(out, cur)
		cur = Line{size: size, bold: bold}
		start = len(all)
		if next.space {
			cur.brk = " "
		}
	}
	for p, more := 0, true; more; p++ {
		var para string
		para, text, more = strings.Cut(text, "\n")
		if p > 0 {
			cur.brk = "\n"
		}
		for _, a := range t.atoms(para, size, bold) {
			w := a.w
			if a.space && len(all) > start {
				w += sp
			}
			if len(all) > start && cur.w+w > width {
				push(a)
				w = a.w
			}
			if a.w > width {
				// An unbreakable piece wider than the line (a long URL):
				// split it by characters, where kinsoku allows. The line is
				// empty here (the piece did not fit after what was on it).
				for _, piece := range t.split(a, size, bold, width) {
					if len(all) > start {
						push(piece)
					}
					all = append(all, piece)
					cur.w += piece.w
				}
				continue
			}
			if len(all) == start {
				a.space = false
			}
			all = append(all, a)
			cur.w += w
		}
		push(atom{})
	}
	return out
}

// LinesEllipsis is Lines, but when text needs more than maxLines lines
// the last one holds as much of the rest as fits, followed by "…" (Fit).
func (t *Typesetter) LinesEllipsis(text string, size float64, bold bool, width float64, maxLines int) []Line {
	lines := t.Lines(text, size, bold, width, 0)
	if maxLines <= 0 || len(lines) <= maxLines {
		return lines
	}
	var rest strings.Builder
	for i, ln := range lines[maxLines-1:] {
		if i > 0 && ln.brk != "" {
			rest.WriteByte(' ')
		}
		rest.WriteString(ln.Text())
	}
	lines = lines[: maxLines-1 : maxLines-1] // a kept text's lines are shared: append copies them
	if last := t.Fit(rest.String(), size, bold, width); !last.Empty() {
		lines = append(lines, last)
	}
	return lines
}

// Fit sets text on one line (Line) no wider than width mm: all of it, or
// as much as fits followed by "…", without the spaces and the separators
// (",;·") before the cut. It returns an empty line when not even "…" fits.
func (t *Typesetter) Fit(text string, size float64, bold bool, width float64) Line {
	if ln := t.Line(text, size, bold); ln.Width() <= width {
		return ln
	}
	rs := []rune(text)
	lo, hi := 0, len(rs) // lo characters fit
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.Width(strings.TrimRight(string(rs[:mid]), " ")+"…", size, bold) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return Line{size: size, bold: bold}
	}
	return t.Line(strings.TrimRight(string(rs[:lo]), " ,;·")+"…", size, bold)
}

// split cuts an atom wider than width into pieces that fit, each on a line
// of its own. A cut falls where kinsoku allows (not before a closing mark,
// not after an opening one, looking through spaces); failing that, at a
// space; failing that, wherever the line is full. Spaces at a cut are
// dropped; the piece after them is marked as preceded by a space.
func (t *Typesetter) split(a atom, size float64, bold bool, width float64) []atom {
	var rs []rune
	for _, r := range a.runs {
		rs = append(rs, []rune(r.text)...)
	}
	var out []atom
	spaced := false // spaces were dropped before the next piece
	for len(rs) > 0 {
		cut := t.cut(rs, size, bold, width)
		if piece := strings.TrimRight(string(rs[:cut]), " "); piece != "" {
			p := t.atom(piece, size, bold)
			p.space = spaced && len(out) > 0
			out = append(out, p)
		}
		spaced = cut > 0 && rs[cut-1] == ' '
		rs = rs[cut:]
		for len(rs) > 0 && rs[0] == ' ' {
			rs, spaced = rs[1:], true
		}
	}
	return out
}

// cut returns where split cuts rs: after the most characters that fit in
// width (at least one), moved back to where kinsoku allows or to a space.
func (t *Typesetter) cut(rs []rune, size float64, bold bool, width float64) int {
	// allowed reports whether kinsoku allows a cut before rs[k].
	allowed := func(k int) bool {
		p, n := k-1, k
		for p >= 0 && rs[p] == ' ' {
			p--
		}
		for n < len(rs) && rs[n] == ' ' {
			n++
		}
		return p < 0 || n >= len(rs) || canBreak(rs[p], rs[n])
	}
	// n: the most characters that fit (at least one). The width of a
	// prefix grows with its length: doubling, then a binary search,
	// measures only prefixes about a line long, so a long unbroken word (a
	// URL, a hostile name) costs time linear in its length.
	fits := func(k int) bool { return t.atom(string(rs[:k]), size, bold).w <= width }
	n, over := 1, 2
	for over <= len(rs) && fits(over) {
		n, over = over, over*2
	}
	over = min(over, len(rs)+1) // the first length known not to fit
	for n+1 < over {
		if mid := (n + over) / 2; fits(mid) {
			n = mid
		} else {
			over = mid
		}
	}
	if n >= len(rs) {
		return n
	}
	for k := n; k > 0; k-- {
		if allowed(k) {
			return k
		}
	}
	for k := n; k > 0; k-- {
		if rs[k] == ' ' || rs[k-1] == ' ' {
			return k
		}
	}
	return n
}

// ptPerMM is fpdf's scale factor k for millimetres: the typesetter
// measures in millimetres, fonts declare widths per 1,000 units of a
// point size.
const ptPerMM = 72.0 / 25.4
