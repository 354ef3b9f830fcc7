// Package pdf sets letters in type and writes them as PDF files: the
// page layout (envelope windows, pagination, the letter's type sizes and
// grey) over the one typesetter (letters/typeset), and the letter's tags
// for screen readers (its structure in reading order, tagged.go), written
// by the one PDF file writer (letters/pdffile), which embeds each face
// cut to the characters the letter draws (letters/fonts).
package pdf

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"text/template"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/memo"
	"github.com/breachnotice/breachnotice/letters/pdffile"
	"github.com/breachnotice/breachnotice/letters/typeset"
)

// Options control rendering.
type Options struct {
	// Created is written as the PDF's creation and modification date; a
	// fixed value makes output byte-for-byte reproducible.
	Created time.Time
}

// Rendered is what Render tells of the PDF it wrote.
type Rendered struct {
	Pages  int
	SHA256 [sha256.Size]byte // the file's, computed as it was written
}

// ErrAddressTooLong is wrapped by Render when the recipient's address
// does not fit the envelope window even at the smallest type size allowed.
// The error names the letter's reference, never the address (personal data).
var ErrAddressTooLong = errors.New("pdf: recipient address does not fit the envelope window")

// Type sizes in points.
const (
	bodySize    = 10.0
	smallSize   = 9.0
	headingSize = 12.0
	titleSize   = 15.0
	brandSize   = 18.0
	leading     = 1.3 // line height as a multiple of the type size
	ptToMM      = 25.4 / 72
	ptPerMM     = 72.0 / 25.4 // fpdf's scale factor k for millimetres

	// The box a line of type occupies around its baseline, in ems: the
	// tallest accented capitals of DejaVu Sans reach 0.946 em, its deepest
	// descenders 0.25 em; Noto Sans SC ideographs stay within 0.875 and
	// -0.112 em.
	lineAscent  = 0.95
	lineDescent = 0.25

	// Address blocks: line pitch in ems (the boxes of two lines touch),
	// the recipient's type size and the smallest it steps down to, and the return address's sizes
	// (DIN 5008: 8 pt recommended, 6 pt at least).
	addrLeading   = lineAscent + lineDescent
	addrSize      = 11.0
	addrMinSize   = 9.0
	returnSize    = 8.0
	returnMinSize = 6.0
	returnGap     = 1.0 // mm between the return address and the recipient's zone
	sizeStep      = 0.5
	geometrySlack = 1e-6
)

// envelopeWindow is the part of the first page that shows through the
// window of the envelope, in mm from the page's top-left corner.
type envelopeWindow struct {
	x, y, w, h   float64 // the window (A4: the DIN 5008 address field)
	textX, textW float64 // left edge and width of the address lines
	// The return-address zone (top == bottom: the window shows none) and
	// the recipient's zone, as top and bottom edges.
	returnTop, returnBottom float64
	addrTop, addrBottom     float64
	maxLines                int // recipient lines at most
}

// dinFormB is the address field of DIN 5008 form B (the layout for window
// envelopes DL and C5/6, whose window is 90 x 45 mm, 20 mm from the left
// and 15 mm from the top edge): 85 x 45 mm, 45 mm from the top and 20 mm
// from the left edge of the A4 sheet. Its upper 17.7 mm are the Zusatz- und
// Vermerkzone, filled from the bottom up, where the one-line return address
// goes; the lower 27.3 mm are the Anschriftzone for the recipient, at most 6
// lines, filled from the top down. Text starts 25 mm from the left edge
// (5 mm inside the field). Sources: DIN 5008:2020 as summarised at
// https://www.din-5008-richtlinien.de/startseite/anschriftenfeld/ (45 x 85
// mm, 17.7 mm / 27.3 mm zones, a line 62.7 mm from the top for form B,
// 8 pt recommended and 6 pt the least in the upper zone) and
// https://der-private-geschaeftsbrief.de.tl/Das-perfekte-Anschriftfeld.htm
// (45 mm from the top, 20 mm from the left for form B).
var dinFormB = envelopeWindow{
	x: 20, y: 45, w: 85, h: 45,
	textX: 25, textW: 80,
	returnTop: 45, returnBottom: 62.7,
	addrTop: 62.7, addrBottom: 90,
	maxLines: 6,
}

// us10 is the standard window of a #10 envelope (4 1/8 x 9 1/2 in) on a US
// Letter sheet folded in thirds: the window is 1 1/8 in high and 4 1/2 in
// wide, 7/8 in from the left and 1/2 in from the bottom edge of the
// envelope (http://laenvelope.com/Dielines_Layouts/10_Diagonal_window_measurementsc.html,
// "No.10 Standard Window"; the same figures, "recommended by USPS", and the
// rule to keep 1/8 in clear of every window edge in
// http://answers.google.com/answers/threadview?id=712795). With the folded
// sheet (top panel 11/3 in) resting on the bottom of the envelope the
// window lies 2.042 to 3.167 in from the top of the sheet (as in the
// PostalMethods guide, http://www.postalmethods.com/resources/developers-guide/127:
// address 2.042 in from the top); the sheet, 1 in narrower than the
// envelope, may sit anywhere across it, so only 7/8 to 4 3/8 in from its
// left edge is always under the window. The address lines keep 1/8 in
// inside that. USPS allows nothing but the recipient's name and address in
// the window (the return address belongs in the envelope's upper left
// corner: https://www.royalenv.com/envelope-university/envelope-window-size/,
// "Postal Regulations Governing Window Envelopes"), so there is no return
// zone.
var us10 = func() envelopeWindow {
	const in = 25.4                 // mm
	const panel = 11.0 / 3          // in: the top third of the sheet
	bottom := panel - 0.5           // window's lower edge, in from the sheet top
	top := bottom - 1.125           // window's upper edge
	left, right := 0.875, 0.875+3.5 // always under the window, whatever the sheet's sideways play
	const clear = 0.125             // in kept clear of each window edge
	return envelopeWindow{
		x: left * in, y: top * in, w: (right - left) * in, h: (bottom - top) * in,
		textX: (left + clear) * in, textW: (right - left - 2*clear) * in,
		returnTop: top * in, returnBottom: top * in,
		addrTop: (top + clear) * in, addrBottom: (bottom - clear) * in,
		maxLines: 6,
	}
}()

// windowFor returns the envelope window of the letter's paper.
func windowFor(paper string) envelopeWindow {
	if paper == "Letter" {
		return us10
	}
	return dinFormB
}

// line is a line of the letter, set by the Typesetter, with its left
// edge at x (mm).
type line struct {
	typeset.Line
	x float64
	// The structure elements (see tagged.go) the line is drawn in and the
	// list marker beside it; 0 or less: an artifact.
	elem, lbl int32
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
	tag      blockTag // what the block is in the structure tree
}

// placed is a line at a fixed position: y is its baseline.
type placed struct {
	y    float64
	l    line
	kind string
}

// drawnLine is a line of text as drawn, reported to render's hook: its
// page (from 0), what it is (brand, letterhead, return, address, info,
// body, marker, footer) and its box in mm from the page's top-left corner.
type drawnLine struct {
	page                int
	kind                string
	text                string
	x0, x1, top, bottom float64
	size                float64
}

// compositor lays a letter out and draws it, its text set by a
// Typesetter: it applies the jurisdiction's minimum type size, counts the
// characters no face has, and reports the lines drawn to render's hook.
type compositor struct {
	*typeset.Typesetter
	minFont float64
	// missing counts characters no font has; counted tracks the texts
	// already counted, so that setting a text twice (the address at several
	// sizes) counts it once.
	missing int
	counted map[weighted]bool
	page    int
	record  func(drawnLine)
	tags    *pdffile.Structure // the letter's structure tree
	labels  *pageLabels
}

// weighted is a text and whether it is set in bold.
type weighted struct {
	text string
	bold bool
}

// newCompositor returns a compositor of text in fs, taking the texts
// letters share from cache (nil: none) and its page labels from labels
// (nil: its own). It draws into the canvas's template, whose faces the
// canvas has registered.
func newCompositor(fs *fonts.Fonts, cache *typeset.Cache, labels *pageLabels, minFont float64) *compositor {
	ts := typeset.New(fs)
	ts.SetCache(cache)
	if labels == nil {
		labels = newPageLabels()
	}
	return &compositor{Typesetter: ts, minFont: minFont, counted: map[weighted]bool{}, tags: pdffile.NewStructure(), labels: labels}
}

// pageLabels are page label templates (letters.Letter's PageLabel),
// parsed once: a few per language. Safe for concurrent use.
type pageLabels struct {
	parsed memo.Map[string, parsedLabel]
}

type parsedLabel struct {
	t   *template.Template
	err error
}

// maxPageLabels is the most parsed page labels a pageLabels keeps.
const maxPageLabels = 256

func newPageLabels() *pageLabels {
	return &pageLabels{parsed: memo.Map[string, parsedLabel]{Max: maxPageLabels}}
}

// parse returns the template of label, parsed on first need.
func (p *pageLabels) parse(label string) (*template.Template, error) {
	pl := p.parsed.Get(label, func(label string) parsedLabel {
		t, err := template.New("page").Option("missingkey=error").Parse(label)
		return parsedLabel{t, err}
	})
	return pl.t, pl.err
}

// errNoFonts is returned by a renderer made without fonts.
var errNoFonts = errors.New("pdf: a renderer needs fonts")

// Renderer writes letters as PDF files, set in one set of fonts. It keeps
// the fpdf documents (canvases) its letters are drawn in, one per worker
// at a time, for reuse: registering the faces is most of the cost of a
// one-letter document. It sets the text its letters share once for all
// of them (a typeset.Cache). A Renderer is safe for concurrent use.
type Renderer struct {
	fonts  *fonts.Fonts
	layout *typeset.Cache
	labels *pageLabels
	mu     sync.Mutex
	pools  map[*fonts.Fonts]pdffile.CanvasPool // by the fonts a letter is set in
}

// layoutBytes is the most memory a Renderer keeps set text in: the
// paragraphs of a few hundred kinds of letter (languages, jurisdictions).
const layoutBytes = 8 << 20

// NewRenderer returns a renderer of letters set in fs (full fonts, or a
// subset: a letter with a character the subset lacks is set in the full
// fonts it was cut from).
func NewRenderer(fs *fonts.Fonts) *Renderer {
	return &Renderer{fonts: fs, layout: typeset.NewCache(layoutBytes), labels: newPageLabels(), pools: map[*fonts.Fonts]pdffile.CanvasPool{}}
}

// Render writes the letter as a PDF to w and returns its number of pages
// and its sha256. It fails with an error wrapping ErrAddressTooLong when the recipient's
// address does not fit the envelope window. It adds to l.Replaced the
// characters no face has (drawn as U+FFFD).
func (r *Renderer) Render(w io.Writer, l *letters.Letter, opts Options) (Rendered, error) {
	return r.render(w, l, opts, nil)
}

// pool returns the free list of the canvases of fs.
func (r *Renderer) pool(fs *fonts.Fonts) pdffile.CanvasPool {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.pools[fs]
	if p == nil {
		p = pdffile.NewCanvasPool()
		r.pools[fs] = p
	}
	return p
}

// Page sizes in points, as fpdf has them; the layout works in mm.
func pageSize(paper string) (wPt, hPt float64) {
	if paper == "Letter" {
		return 612, 792
	}
	return 595.28, 841.89
}

// Margins of the text, in mm.
const marginLeft, marginRight = 25.0, 20.0

// layout is a letter laid out: the first page's furniture at fixed
// positions, the rule under the letterhead, and the flowing body in pages.
type layout struct {
	pw, ph float64 // page size, mm
	fixed  []placed
	ruleY  float64
	pages  [][]pageLine
}

// render is Render; record, if not nil, is called for every line of
// text drawn.
func (r *Renderer) render(w io.Writer, l *letters.Letter, opts Options, record func(drawnLine)) (Rendered, error) {
	if r.fonts == nil {
		return Rendered{}, errNoFonts
	}
	wPt, hPt := pageSize(l.Paper)
	created := opts.Created
	if created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	regular, bold := textByWeight(l)
	fs := r.fonts.ForTexts(regular, bold) // a subset lacking a character: the full fonts
	c := newCompositor(fs, r.layout, r.labels, l.MinFont)
	c.record = record
	lay := layout{pw: wPt / ptPerMM, ph: hPt / ptPerMM}
	var err error
	if lay.fixed, lay.ruleY, err = c.furniture(l, lay.pw); err != nil {
		return Rendered{}, err
	}
	blocks := c.body(l, lay.pw-marginLeft-marginRight)
	reserveInfo(blocks, lay.fixed, l.Paper)
	tagBody(c.tags, blocks)
	lay.pages = paginate(blocks, l.Paper, lay.ph)
	if err := c.Err(); err != nil {
		return Rendered{}, err
	}
	pool := r.pool(fs)
	canvas, err := pool.Get(fs)
	if err != nil {
		return Rendered{}, err
	}
	defer pool.Put(canvas)
	tpl, err := c.drawPages(canvas, l, lay)
	if err != nil {
		return Rendered{}, err
	}
	if c.missing > 0 {
		l.Replaced += c.missing
	}
	file := pdffile.File{Width: wPt, Height: hPt, Lang: l.LanguageTag(), Title: l.Title + " - " + l.Brand, Tags: c.tags,
		Author: l.LegalName, Subject: l.RefLine, Created: created}
	for i := 1; i <= tpl.NumPages(); i++ {
		p, err := tpl.FromPage(i)
		if err != nil {
			return Rendered{}, fmt.Errorf("pdf: rendering PDF: %w", err)
		}
		file.Pages = append(file.Pages, p.Bytes())
	}
	if file.Fonts, err = pdffile.Embed(c.Typesetter, canvas, sharedRunes(l)); err != nil {
		return Rendered{}, err
	}
	sum, err := file.Write(w)
	if err != nil {
		return Rendered{}, fmt.Errorf("pdf: writing PDF: %w", err)
	}
	return Rendered{Pages: len(file.Pages), SHA256: sum}, nil
}

// furniture lays out the first page's text at fixed positions: the
// brand, the letterhead, the envelope window, the date and reference; and
// returns where the rule under the letterhead goes.
func (c *compositor) furniture(l *letters.Letter, pw float64) (fixed []placed, ruleY float64, err error) {
	const left = marginLeft
	textW := pw - marginLeft - marginRight
	small := c.size(smallSize)
	y := 20.0
	head := c.tags.Add(0, pdffile.RoleDiv)
	brand := c.tags.Add(head, pdffile.RoleP)
	for _, ln := range c.lines(l.Brand, c.size(brandSize), true, left, textW, 40) {
		ln.elem = brand
		fixed = append(fixed, placed{y + ln.Size()*ptToMM, ln, "brand"})
		y += c.size(brandSize) * ptToMM * 1.2
	}
	for _, s := range l.Letterhead {
		p := c.tags.Add(head, pdffile.RoleP)
		for _, ln := range c.lines(s, small, false, left, textW, 90) {
			ln.elem = p
			fixed = append(fixed, placed{y + ln.Size()*ptToMM, ln, "letterhead"})
			y += small * ptToMM * leading
		}
	}
	ruleY = y + 1
	win := windowFor(l.Paper)
	addr, err := c.addressBlock(l, win)
	if err != nil {
		return nil, 0, err
	}
	fixed = append(fixed, c.tagAddress(addr)...)
	infoX := 125.0
	iy := win.addrTop
	ref := letters.NoBreak(l.Reference) // as in l.RefLine
	for _, s := range []string{l.Date, l.RefLine} {
		p := c.tags.Add(0, pdffile.RoleP)
		for _, ln := range c.infoLines(s, ref, small, infoX, pw-marginRight-infoX) {
			ln.elem = p
			fixed = append(fixed, placed{iy + ln.Size()*ptToMM, ln, "info"})
			iy += small * ptToMM * leading
		}
	}
	return fixed, ruleY, nil
}

// Vertical rhythm of the body, in mm: the space before a block of each
// kind, and the pages' text area (top of the first page's body, top of
// the following pages, bottom margin). The space before the closing group
// (closing, sign-off, signature) has a tight variant, used when it saves
// the letter a page holding only the closing.
const (
	spaceSalutation = 4.5
	spaceOpening    = 2.5
	spaceHeading    = 5.0
	spaceParagraph  = 2.2
	spaceStep       = 1.6
	spaceBullet     = 1.0
	spaceClosing    = 5.0
	spaceSignOff    = 3.5
	spaceSignature  = 9.0 // room for the handwritten signature

	bodyTopA4     = 98.0 // below the address field (DIN 5008 form B ends at 90 mm)
	bodyTopLetter = 90.0 // below the #10 window (80.4 mm)
	bodyTopNext   = 20.0
	bodyBottom    = 18.0 // mm kept clear at the foot, with the page label
	// footerFromFoot is the page label's baseline, in mm from the foot.
	footerFromFoot = 10.0
)

// body lays out the flowing text of the letter, textW mm wide, in blocks.
func (c *compositor) body(l *letters.Letter, textW float64) []block {
	const left = marginLeft
	body := c.size(bodySize)
	var blocks []block
	add := func(text string, size float64, bold bool, before float64, keep bool) {
		blocks = append(blocks, block{lines: c.lines(text, size, bold, left, textW, 0), before: before, keepNext: keep})
	}
	tag := func(role pdffile.Role) { blocks[len(blocks)-1].tag.role = role }
	add(l.Title, c.size(titleSize), true, 0, true)
	tag(pdffile.RoleH1)
	add(l.Salutation, body, false, spaceSalutation, false)
	add(l.Opening, body, false, spaceOpening, false)
	for _, sec := range l.Sections {
		add(sec.Heading, c.size(headingSize), true, spaceHeading, true)
		tag(pdffile.RoleH2)
		for i, p := range sec.Paragraphs {
			switch {
			case len(p.Steps) > 0:
				for i, s := range p.Steps {
					b := block{lines: c.lines(s, body, false, left+8, textW-8, 0), before: spaceStep, marker: fmt.Sprintf("%d.", i+1), markerX: left + 1}
					b.tag = blockTag{role: pdffile.RoleLI, numbering: "Decimal", newList: i == 0}
					blocks = append(blocks, b)
				}
			case len(p.Bullets) > 0:
				for i, s := range p.Bullets {
					b := block{lines: c.lines(s, body, false, left+6, textW-6, 0), before: spaceBullet, marker: "•", markerX: left + 1.5}
					b.tag = blockTag{role: pdffile.RoleLI, numbering: "Disc", newList: i == 0}
					blocks = append(blocks, b)
				}
			default:
				add(p.Text, body, false, spaceParagraph, introducesList(sec.Paragraphs, i))
			}
		}
	}
	add(l.Closing, body, false, spaceClosing, true) // the closing, sign-off and signature stand together
	add(l.SignOff, body, false, spaceSignOff, true)
	sig := block{before: spaceSignature}
	for i, s := range l.Signature {
		sig.lines = append(sig.lines, c.lines(s, body, i == 0, left, textW, 0)...)
	}
	return append(blocks, sig)
}

// introducesList reports whether paragraph i of ps leads into the list
// that follows it ("These data are involved:"): it keeps with the list.
func introducesList(ps []letters.Paragraph, i int) bool {
	if i+1 >= len(ps) || len(ps[i+1].Steps)+len(ps[i+1].Bullets) == 0 {
		return false
	}
	t := strings.TrimSpace(ps[i].Text)
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")
}

// pageLine is a line of the body placed on its page: y is its baseline.
type pageLine struct {
	y      float64
	l      line
	marker string
	mx     float64
}

// paginate places the body's blocks on pages ph mm high. A letter whose
// last page would hold only the closing group (the closing, sign-off and
// signature) is set again with that group's spacing tightened, then with
// the space between all blocks tightened too and, if it still would, with
// the last lines of the paragraph before it carried over.
func paginate(blocks []block, paper string, ph float64) [][]pageLine {
	closing := closingGroup(blocks)
	pages, alone := flow(blocks, paper, ph, closing, false)
	if !alone {
		return pages
	}
	closingOnly := tighten(blocks, closing, 0.6)
	for _, tight := range [][]block{closingOnly, tighten(closingOnly, 1, 0.75)} { // block 0's space keeps the info column clear (reserveInfo)
		if p, alone := flow(tight, paper, ph, closing, false); !alone {
			return p
		}
	}
	// A short paragraph before the closing goes over whole, with what
	// keeps with it (its heading); a longer one leaves its last two lines.
	carried := append([]block(nil), blocks...)
	if closing > 0 && len(carried[closing-1].lines) <= 3 {
		carried[closing-1].keepNext = true
	}
	p, _ := flow(carried, paper, ph, closing, true)
	return p
}

// closingGroup returns the index of the first block of the closing group:
// the chain of keep-with-next blocks that ends the letter (0 if none).
func closingGroup(blocks []block) int {
	i := len(blocks) - 1
	for i > 0 && blocks[i-1].keepNext {
		i--
	}
	return i
}

// tighten returns blocks with the space before each block from the
// one at index from on scaled by f.
func tighten(blocks []block, from int, f float64) []block {
	out := append([]block(nil), blocks...)
	for i := from; i < len(out); i++ {
		out[i].before = math.Round(out[i].before*f*10) / 10
	}
	return out
}

// lineHeight is the height of a line of the body, in mm.
func lineHeight(ln line) float64 { return ln.Size() * ptToMM * leading }

// blockHeight is the height of a block with the space before it, in mm.
func blockHeight(b block) float64 {
	h := b.before
	for _, ln := range b.lines {
		h += lineHeight(ln)
	}
	return h
}

// flow places blocks on pages: a block that does not fit moves to the next
// page whole when it is short (up to three lines) or kept with the next;
// a longer one splits, leaving at least two lines at the foot of a page
// and carrying at least two to the next. carry keeps the last two lines
// of a long block before the closing group (closing is its index) with
// it. alone reports that the last page holds only the closing group.
func flow(blocks []block, paper string, ph float64, closing int, carry bool) (pages [][]pageLine, alone bool) {
	pages = [][]pageLine{make([]pageLine, 0, lineCount(blocks))}
	cy := bodyTop(paper)
	limit := ph - bodyBottom
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		need := blockHeight(b) + keptWith(blocks, i)
		// Move a whole block to the next page only when it is short (up to
		// three lines) or a heading; longer paragraphs split across pages.
		movable := b.keepNext || len(b.lines) <= 3
		after := 0.0 // what must stand on the page of the block's last two lines
		if !movable && len(b.lines) > 0 {
			need = b.before + 2*lineHeight(b.lines[0]) // at least two lines stay together
			if carry && i == closing-1 {
				after = groupHeight(blocks, closing)
			}
		}
		if cy+need > limit && len(pages[len(pages)-1]) > 0 && need < limit-bodyTopNext {
			pages = newPage(pages)
			cy = bodyTopNext
		} else {
			cy += b.before
		}
		if i == closing && len(pages) > 1 && len(pages[len(pages)-1]) == 0 {
			alone = true
		}
		onPage := 0 // lines of the block on the current page
		for k, ln := range b.lines {
			lh := lineHeight(ln)
			if cy+lh > limit || (!movable && k == len(b.lines)-2 && onPage >= 2 && cy+2*lh+after > limit) {
				pages = newPage(pages)
				cy, onPage = bodyTopNext, 0
			}
			pl := pageLine{y: cy + ln.Size()*ptToMM, l: ln}
			if k == 0 {
				pl.marker, pl.mx = b.marker, b.markerX
			}
			pages[len(pages)-1] = append(pages[len(pages)-1], pl)
			cy += lh
			onPage++
		}
	}
	return pages, alone
}

// lineCount is the number of lines of blocks.
func lineCount(blocks []block) int {
	n := 0
	for _, b := range blocks {
		n += len(b.lines)
	}
	return n
}

// newPage returns pages with an empty page after them, whose lines go in
// the array of the last page's, after them (flow fills pages in order).
func newPage(pages [][]pageLine) [][]pageLine {
	last := pages[len(pages)-1]
	return append(pages, last[len(last):len(last)])
}

// groupHeight is the height of blocks from i to the end.
func groupHeight(blocks []block, i int) float64 {
	h := 0.0
	for _, b := range blocks[i:] {
		h += blockHeight(b)
	}
	return h
}

// keptWith is the height that must stand on the same page as block i:
// through a chain of keep-with-next blocks (a heading, the closing and
// the sign-off), the whole of each short next block (up to three lines:
// the signature) and the first two lines of a longer one, which is split
// no sooner.
func keptWith(blocks []block, i int) float64 {
	need := 0.0
	for j := i; blocks[j].keepNext && j+1 < len(blocks) && len(blocks[j+1].lines) > 0; j++ {
		next := blocks[j+1]
		if len(next.lines) > 3 && !next.keepNext {
			return need + next.before + 2*lineHeight(next.lines[0])
		}
		need += blockHeight(next)
	}
	return need
}

// drawPages draws the laid-out pages into a template of canvas, which has
// the faces registered.
func (c *compositor) drawPages(canvas *pdffile.Canvas, l *letters.Letter, lay layout) (fpdf.Template, error) {
	pageTmpl, err := c.labels.parse(l.PageLabel)
	if err != nil {
		return nil, fmt.Errorf("pdf: page label: %w", err)
	}
	pw, ph := lay.pw, lay.ph
	small := c.size(smallSize)
	var drawErr error
	tpl := canvas.Doc().CreateTemplateCustom(fpdf.PointType{}, fpdf.SizeType{Wd: pw, Ht: ph}, func(t *fpdf.Tpl) {
		pdf := &t.Fpdf
		c.SetDoc(pdf)
		for pi, pls := range lay.pages {
			if pi > 0 {
				pdf.AddPage()
			}
			c.page = pi
			if pi == 0 {
				c.drawFurniture(l, lay)
			}
			for _, pl := range pls {
				if pl.marker != "" {
					c.draw(line{Line: c.Line(pl.marker, pl.l.Size(), false), x: pl.mx, elem: pl.l.lbl}, pl.y, "marker")
				}
				c.draw(pl.l, pl.y, "body")
			}
			var label strings.Builder
			if err := pageTmpl.Execute(&label, map[string]int{"Page": pi + 1, "Pages": len(lay.pages)}); err != nil {
				drawErr = fmt.Errorf("pdf: page label: %w", err)
				return
			}
			foot := c.lines(label.String(), small, false, 0, pw, 0)
			for _, ln := range foot {
				// Centred on the width of its words, without the spaces
				// between them, as letters always have been.
				ln.x = (pw - ln.WordsWidth()) / 2
				c.draw(ln, ph-footerFromFoot, "footer")
			}
		}
		if err := pdf.Error(); err != nil {
			drawErr = fmt.Errorf("pdf: rendering PDF: %w", err)
		}
	})
	if drawErr != nil {
		return nil, drawErr
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	return tpl, nil
}

// drawFurniture draws the first page's fixed text, the rule under the
// letterhead and, on A4, the fold and hole marks.
func (c *compositor) drawFurniture(l *letters.Letter, lay layout) {
	for _, f := range lay.fixed {
		c.draw(f.l, f.y, f.kind)
	}
	pdf := c.Doc()
	pdf.SetDrawColor(160, 160, 160)
	pdf.SetLineWidth(0.3)
	// The rule and the marks are artifacts: decoration, and guides for
	// folding and punching, which are not read out.
	pdf.RawWriteStr(pdffile.ArtifactBMC)
	pdf.Line(marginLeft, lay.ruleY, lay.pw-marginRight, lay.ruleY)
	if l.Paper == "A4" {
		// Fold marks (DIN 5008): 105 mm and 210 mm; hole mark 148.5 mm.
		for _, fy := range []float64{105, 148.5, 210} {
			pdf.Line(3, fy, 7, fy)
		}
	}
	pdf.RawWriteStr(pdffile.EndMC)
}

// balancedReturn splits a return address that needs two lines at the
// separator that makes the longer line shortest, so no part ("Italia")
// stands alone; lines (the greedy wrap) stay when no split fits.
func (c *compositor) balancedReturn(ret string, lines []line, win envelopeWindow) []line {
	const sep = letters.ReturnAddressSep
	parts := strings.Split(ret, sep)
	best, bestW := lines, math.Inf(1)
	size := lines[0].Size()
	for k := 1; k < len(parts); k++ {
		a := c.lines(strings.Join(parts[:k], sep)+"\u00a0·", size, false, win.textX, win.textW, 0)
		b := c.lines(strings.Join(parts[k:], sep), size, false, win.textX, win.textW, 0)
		if len(a) == 1 && len(b) == 1 {
			if w := max(a[0].Width(), b[0].Width()); w < bestW {
				best, bestW = []line{a[0], b[0]}, w
			}
		}
	}
	return best
}

// addressBlock lays out the window: the sender's return address, one small
// line at the bottom of the return zone, and the recipient's lines from the
// top of the recipient's zone, wrapped to the window's width. When the
// recipient's lines do not fit the zone the type steps down from 11 pt
// (larger than the body, for postal sorting), to 9 pt or the letter's
// minimum size, whichever is larger.
func (c *compositor) addressBlock(l *letters.Letter, win envelopeWindow) ([]placed, error) {
	var out []placed
	if ret := l.ReturnAddress(); ret != "" && win.returnBottom > win.returnTop {
		var lines []line
		floor := max(returnMinSize, c.minFont)
		for size := max(returnSize, c.minFont); ; size -= sizeStep {
			lines = c.lines(ret, size, false, win.textX, win.textW, 0)
			if len(lines) <= 1 || size-sizeStep < floor-geometrySlack {
				break
			}
		}
		if len(lines) == 2 {
			lines = c.balancedReturn(ret, lines, win)
		}
		if len(lines) > 0 {
			em := lines[0].Size() * ptToMM
			bottom := win.returnBottom - returnGap
			top := bottom - float64(len(lines))*em*addrLeading
			if top < win.returnTop-geometrySlack {
				return nil, fmt.Errorf("pdf: the sender's return address (%d lines) does not fit the envelope window", len(lines))
			}
			for _, ln := range lines {
				out = append(out, placed{top + lineAscent*em, ln, "return"})
				top += em * addrLeading
			}
		}
	}
	floor := max(addrMinSize, c.minFont)
	n := 0 // lines at the last size tried
	for size := c.size(addrSize); size >= floor-geometrySlack; size -= sizeStep {
		var lines []line
		for _, s := range l.Address {
			lines = append(lines, c.lines(s, size, false, win.textX, win.textW, 0)...)
		}
		em := size * ptToMM
		n = len(lines)
		if len(lines) > win.maxLines || float64(len(lines))*em*addrLeading > win.addrBottom-win.addrTop+geometrySlack {
			continue
		}
		top := win.addrTop
		for _, ln := range lines {
			out = append(out, placed{top + lineAscent*em, ln, "address"})
			top += em * addrLeading
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: reference %q: %d lines at %v pt, the window takes %d lines in %.1f mm", ErrAddressTooLong, l.Reference, n, floor, win.maxLines, win.addrBottom-win.addrTop)
}

// size applies the jurisdiction's minimum type size.
func (c *compositor) size(pt float64) float64 { return max(pt, c.minFont) }

// countMissing adds to c.missing the characters of text no face has, once
// per text and weight.
func (c *compositor) countMissing(text string, bold bool) {
	key := weighted{text, bold}
	if c.counted[key] {
		return
	}
	c.counted[key] = true
	c.missing += c.Missing(text, bold)
}

// lines breaks text into lines no wider than width (mm), their left edge
// at x. maxLines > 0 truncates (used for letterhead only).
func (c *compositor) lines(text string, size float64, bold bool, x, width float64, maxLines int) []line {
	c.countMissing(text, bold)
	set := c.Lines(text, size, bold, width, maxLines)
	out := make([]line, len(set))
	for i, ln := range set {
		out[i] = line{Line: ln, x: x}
	}
	return out
}

// draw draws a line of the letter with its baseline at y, in the text's
// gray, and reports it to the hook as kind.
func (c *compositor) draw(ln line, y float64, kind string) {
	if r, g, b := c.Doc().GetTextColor(); r != textGray || g != textGray || b != textGray {
		c.Doc().SetTextColor(textGray, textGray, textGray)
	}
	marked := c.beginContent(ln, kind)
	x := c.Draw(ln.Line, ln.x, y)
	if marked {
		c.Doc().RawWriteStr(pdffile.EndMC)
	}
	if c.record != nil && !ln.Empty() {
		em := ln.Size() * ptToMM
		c.record(drawnLine{page: c.page, kind: kind, text: ln.Text(), x0: ln.x, x1: x,
			top: y - lineAscent*em, bottom: y + lineDescent*em, size: ln.Size()})
	}
}

// sharedRunes returns the characters of the letter's shared texts once
// the recipient's own data is taken out of them (Letter.SharedTexts): the
// characters this letter shares with other letters of the same kind,
// whose glyphs the PDF writer compresses once for all of them.
func sharedRunes(l *letters.Letter) *fonts.RuneSet {
	set := new(fonts.RuneSet)
	for _, t := range l.SharedTexts() {
		for _, r := range t {
			set.Add(r)
		}
	}
	return set
}

// textByWeight returns every string drawn in the letter, regular and bold.
func textByWeight(l *letters.Letter) (regular, bold []string) {
	l.EachText(func(s string, b, _ bool) {
		if b {
			bold = append(bold, s)
		} else {
			regular = append(regular, s)
		}
	})
	return regular, bold
}
