package readability

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// line is one line of the input, trimmed ("" for a blank line), with its
// 1-based number in the input.
type line struct {
	text string
	num  int
}

// blockKind says how a block of joined lines is measured.
type blockKind int

const (
	paragraph blockKind = iota // running text: split into sentences
	listItem                   // a bulleted or numbered item: split into sentences, its marker dropped
	heading                    // a one-line title without final punctuation: not measured
)

// block is a paragraph, list item or heading rebuilt from wrapped lines.
type block struct {
	kind blockKind
	text string // the joined lines, list marker removed
	line int    // 1-based input line where the block starts
	step int    // for a numbered list item: its number (1, 2, ...); 0 otherwise
	// starts records where each joined line begins in text, to give a
	// sentence the number of the line it starts on.
	starts []lineStart
}

type lineStart struct{ off, num int }

// lineAt returns the input line number of byte offset off in b.text.
func (b block) lineAt(off int) int {
	i := sort.Search(len(b.starts), func(i int) bool { return b.starts[i].off > off })
	if i == 0 {
		return b.line
	}
	return b.starts[i-1].num
}

// normalize makes extracted text uniform: valid UTF-8 in NFC; "\n" line
// ends (form feeds, which pdftext puts between pages, are kept: splitLines
// ends a line there too); every kind of space (no-break, narrow no-break,
// thin, ideographic, tab) a plain space; soft hyphens, zero-width
// characters, other format characters and controls removed.
func normalize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\f':
			b.WriteByte('\f') // a page break: a line end that keeps the line number
		case r == '\n' || r == '\v' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteByte('\n')
		case r == '\t' || unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case r == '\u00AD' || unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			// soft hyphen, zero-width and bidi marks, BOM, other controls
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pageMarker matches a line that is only a page number as footers print it:
// "1/2", "Page 1 of 2", "Page 1 sur 3", "Pagina 1 di 3", "Страница 1 из 3",
// "第1页，共2页", "- 3 -".
var pageMarker = regexp.MustCompile(`(?i)^(?:` +
	`\d{1,3} ?/ ?\d{1,3}` +
	`|(?:page|pagina|pag\.|p\.|стр\.|страница|seite) ?\d{1,3}(?: ?(?:/|of|sur|di|de|su|из|von) ?\d{1,3})?` +
	`|第 ?\d{1,3} ?页(?: ?[，,、]? ?共 ?\d{1,3} ?页)?` +
	`|- ?\d{1,3} ?-` +
	`)$`)

// splitLines returns the lines of normalized text (a form feed also ends a
// line), trimmed and with runs of spaces collapsed, dropping page-number
// footers. Empty lines are kept as zero-text entries: they separate
// paragraphs. Line numbers count "\n" line ends only, as an editor would.
func splitLines(s string) []line {
	raw := strings.Split(s, "\n")
	out := make([]line, 0, len(raw))
	for i, r := range raw {
		// A page break inside a line (pdftext joins pages with "\f") ends
		// a line; both parts keep the input line's number.
		for part := range strings.SplitSeq(r, "\f") {
			t := strings.Join(strings.Fields(part), " ")
			if pageMarker.MatchString(t) {
				continue
			}
			out = append(out, line{text: t, num: i + 1})
		}
	}
	return out
}

// frame returns the part of lines that is the letter's body: after the
// salutation ("Dear ...,") and before the sign-off ("Sincerely,"), when the
// language's patterns find them; the letterhead, address block, date line
// and signature are then left out. salutation and signOff report what was
// found; without a salutation the body starts at the first line, without a
// sign-off it runs to the end.
func frame(p *profile, lines []line) (body []line, salutation, signOff bool) {
	start, end := 0, len(lines)
	for i, l := range lines {
		if l.text != "" && utf8.RuneCountInString(l.text) <= 80 && p.salutation.MatchString(l.text) {
			start, salutation = i+1, true
			break
		}
	}
	for i := start; i < len(lines); i++ {
		if l := lines[i]; l.text != "" && utf8.RuneCountInString(l.text) <= 100 && p.signOff.MatchString(l.text) {
			end, signOff = i, true
			break
		}
	}
	return lines[start:end], salutation, signOff
}

// Bullets that open a list item when followed by a space. A hyphen or an
// en dash is a bullet too (plain-text email lists), but only at the start
// of a block or after a list item or a line ending with a colon: elsewhere
// it may be a dash wrapped to the start of a line.
const (
	bullets     = "•◦▪▫●○‣∙·*►▶■□✓✔"
	dashBullets = "-–"
)

// Numbered list markers: "1." "1)" "(1)" "1、" "1．" "一、" "（一）" "①".
var (
	digitMarker   = regexp.MustCompile(`^(\d{1,2})[.)．）、]`)
	parenMarker   = regexp.MustCompile(`^[(（](\d{1,2})[)）]\s*`)
	hanMarker     = regexp.MustCompile(`^[(（]?([一二三四五六七八九十]{1,3})[、)）．.]\s*`)
	circledMarker = regexp.MustCompile(`^([\x{2460}-\x{2473}])\s*`)
)

// hanNumber converts 一 ... 九十九 to its value (0 if not a Han numeral).
func hanNumber(s string) int {
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, r := range s {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
			continue
		}
		d, ok := digits[r]
		if !ok {
			return 0
		}
		cur = d
	}
	return n + cur
}

// listMarker reports whether t opens a list item, the item's text without
// its marker and, for a numbered item, its number. dashes allows a hyphen
// or an en dash as the bullet.
func listMarker(t string, dashes bool) (rest string, number int, ok bool) {
	if r, n := utf8.DecodeRuneInString(t); strings.ContainsRune(bullets, r) || dashes && strings.ContainsRune(dashBullets, r) {
		if len(t) == n {
			return "", 0, true
		}
		if next, _ := utf8.DecodeRuneInString(t[n:]); next == ' ' {
			return strings.TrimSpace(t[n:]), 0, true
		}
	}
	if m := parenMarker.FindStringSubmatchIndex(t); m != nil {
		return strings.TrimSpace(t[m[1]:]), atoi(t[m[2]:m[3]]), true
	}
	if m := digitMarker.FindStringSubmatchIndex(t); m != nil {
		// "1. Change", "1)Change" no; "1.请" yes: a space, the end or a
		// wide character must follow, so "1.5" and "3.example" are not items.
		after, _ := utf8.DecodeRuneInString(t[m[1]:])
		if m[1] == len(t) || after == ' ' || isWide(after) {
			return strings.TrimSpace(t[m[1]:]), atoi(t[m[2]:m[3]]), true
		}
	}
	if m := hanMarker.FindStringSubmatchIndex(t); m != nil {
		return strings.TrimSpace(t[m[1]:]), hanNumber(t[m[2]:m[3]]), true
	}
	if m := circledMarker.FindStringSubmatchIndex(t); m != nil {
		r, _ := utf8.DecodeRuneInString(t[m[2]:])
		return strings.TrimSpace(t[m[1]:]), int(r-0x2460) + 1, true
	}
	return t, 0, false
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// isWide reports whether r takes two columns (Han, kana, full-width forms).
func isWide(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// columns is the display width of s: two columns for wide characters, one
// otherwise. It stands in for the printed width of a line.
func columns(s string) int {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// firstWord is the first thing that could have been moved up to the end of
// the previous line: a wide character on its own, otherwise the run of
// characters up to the next space or wide character.
func firstWord(s string) string {
	for i, r := range s {
		if isWide(r) {
			if i == 0 {
				return s[:utf8.RuneLen(r)]
			}
			return s[:i]
		}
		if r == ' ' {
			return s[:i]
		}
	}
	return s
}

// Punctuation classes at the edges of a line.
const (
	closers    = `"'”’»)]}」』）】〕`
	openers    = `"'“‘«([{「『（【〔`
	terminals  = `.!?…。！？`
	continuing = `,;:(«“‘-–—/，、；：（「『`
)

// lastSignificant is the last rune of t after trailing closing quotes and
// brackets.
func lastSignificant(t string) rune {
	t = strings.TrimRight(t, closers)
	r, _ := utf8.DecodeLastRuneInString(t)
	return r
}

func lastRune(t string) rune {
	r, _ := utf8.DecodeLastRuneInString(t)
	return r
}

// endsSentence reports whether t ends with sentence-final punctuation.
func endsSentence(t string) bool {
	return t != "" && strings.ContainsRune(terminals, lastSignificant(t))
}

// endsOpen reports whether t ends with punctuation after which a sentence
// must go on (a comma, colon, opening quote, dash, ...).
func endsOpen(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	return t != "" && strings.ContainsRune(continuing, r)
}

// startsLower reports whether t's first letter, after opening quotes and
// brackets, is lower case (so t continues a sentence).
func startsLower(t string) bool {
	t = strings.TrimLeft(t, openers)
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// startsDigit reports whether t starts with a digit: a number wrapped to
// the start of a line ("2027 and enter ..."), not a heading.
func startsDigit(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsDigit(r)
}

// separator is what joins a wrapped line to the next: nothing after a
// hyphen that breaks a word ("интернет-" + "магазина") or between wide
// characters, a space otherwise. text is the line (or joined lines) so far.
func separator(text, next string) string {
	if text == "" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	first, _ := utf8.DecodeRuneInString(next)
	if isWide(last) || isWide(first) {
		return ""
	}
	if last == '-' && len(text) > 1 {
		prev, _ := utf8.DecodeLastRuneInString(text[:len(text)-1])
		if unicode.IsLetter(prev) && unicode.IsLetter(first) {
			return ""
		}
	}
	return " "
}

// Wrapping thresholds, as fractions of the widest line's width (the
// measure of the text block, estimated in columns). A line is full when,
// with the next line's first word, it reaches wrapFull of the widest line:
// the layout wrapped it because that word did not fit. A line without
// final punctuation that is not full looks like a heading; a line before
// it must reach sureWrap to be joined to it. The margin below 1 allows for
// proportional glyphs (columns count characters, not their printed width).
// Checked against the shipped letters: their wrapped lines measure 0.89 to
// 1.02 of the widest line, their headings at most 0.79.
const (
	wrapFull = 0.85
	sureWrap = 0.95
	// minMeasure is the narrowest widest line, in columns, for which lines
	// are taken to be wrapped at all: a text of short lines is a text of
	// separate lines.
	minMeasure = 40
)

// blocks rebuilds paragraphs, list items and headings from the body's
// lines, undoing the layout's line wrapping:
//
//   - an empty line ends a paragraph; a line starting with a bullet or a
//     list number ("1.", "2)", "(3)", "四、") starts a list item, numbered
//     items only in sequence (1, then 2...) so that a wrapped "2026." is
//     not taken for one;
//   - a line ending with a comma, colon, semicolon, dash or opening
//     bracket, or followed by a line starting in lower case, continues on
//     the next line;
//   - a line ending a sentence continues on the next unless the next line
//     looks like a heading: no final punctuation, not starting with a
//     digit or in lower case, and not full;
//   - a line without final punctuation continues on the next when it is
//     full (with the next line's first word it reaches wrapFull of the
//     widest line: the next word did not fit), or sureWrap when the next
//     line looks like a heading; but a capitalised line ending with a colon
//     and followed by a list starts a new paragraph (it introduces the
//     list);
//   - finally a one-line paragraph without final punctuation that does not
//     start in lower case or with a digit is a heading.
func blocks(lines []line) []block {
	w := 0
	for _, l := range lines {
		w = max(w, columns(l.text))
	}
	lay := &lineLayout{items: listItems(lines), w: w}
	var out []block
	var cur *block
	var curLines int
	var text strings.Builder // cur's text, built without copying
	flush := func() {
		if cur == nil {
			return
		}
		cur.text = strings.TrimSpace(text.String())
		text.Reset()
		if cur.kind == paragraph && curLines == 1 && !endsSentence(cur.text) && !endsOpen(cur.text) && !startsLower(cur.text) && !startsDigit(cur.text) {
			cur.kind = heading
		}
		if cur.text != "" || cur.kind == listItem {
			out = append(out, *cur)
		}
		cur, curLines = nil, 0
	}
	items := lay.items
	for i, it := range items {
		if it.text == "" {
			flush()
			continue
		}
		if cur != nil && lay.joins(i-1) {
			text.WriteString(separator(items[i-1].text, it.text))
			cur.starts = append(cur.starts, lineStart{off: text.Len(), num: it.num})
			text.WriteString(it.text)
			curLines++
			continue
		}
		flush()
		kind := paragraph
		if it.list {
			kind = listItem
		}
		cur = &block{kind: kind, line: it.num, step: it.step, starts: []lineStart{{0, it.num}}}
		text.WriteString(it.body)
		curLines = 1
	}
	flush()
	return out
}

// lineItem is a line, and its list marker if it has one.
type lineItem struct {
	line
	list bool
	step int    // the item's number, 0 for a bullet
	body string // the text after the marker
}

// listItems finds the lines that are list items.
func listItems(lines []line) []lineItem {
	items := make([]lineItem, len(lines))
	lastStep := 0
	for i, l := range lines {
		it := lineItem{line: l, body: l.text}
		if l.text != "" {
			dashes := i == 0 || lines[i-1].text == "" || items[i-1].list || strings.ContainsRune(":：", lastRune(lines[i-1].text))
			if rest, n, ok := listMarker(l.text, dashes); ok {
				// A number is a list marker only when it starts or continues
				// a sequence: "2026." wrapped to a new line is not an item.
				if n == 0 || n == 1 || n == lastStep+1 {
					it.list, it.step, it.body = true, n, rest
					if n > 0 {
						lastStep = n
					}
				}
			}
		}
		items[i] = it
	}
	return items
}

// lineLayout answers, for the lines of a text, whether a line continues
// the paragraph of the line before it.
type lineLayout struct {
	items []lineItem
	w     int // columns of the widest line
}

func (lay *lineLayout) empty(i int) bool { return i >= len(lay.items) || lay.items[i].text == "" }

// fill is how much of the widest line line i and the next line's first
// word take.
func (lay *lineLayout) fill(i int) float64 {
	if lay.w < minMeasure || lay.empty(i) || lay.empty(i+1) {
		return 0
	}
	a, b := lay.items[i].text, lay.items[i+1].text
	gap := 1
	l, _ := utf8.DecodeLastRuneInString(a)
	f, _ := utf8.DecodeRuneInString(b)
	if isWide(l) || isWide(f) {
		gap = 0
	}
	return float64(columns(a)+gap+columns(firstWord(b))) / float64(lay.w)
}

func (lay *lineLayout) headingLike(i int) bool {
	items := lay.items
	t := items[i].text
	if items[i].list || endsSentence(t) || endsOpen(t) || startsLower(t) || startsDigit(t) {
		return false
	}
	return lay.empty(i+1) || items[i+1].list || !startsLower(items[i+1].text) && lay.fill(i) < wrapFull
}

// joins reports whether line i+1 continues the paragraph of line i.
func (lay *lineLayout) joins(i int) bool {
	items := lay.items
	next := items[i+1]
	switch {
	case next.list:
		return false
	case endsOpen(items[i].text) || startsLower(next.text):
		return true
	case endsSentence(items[i].text):
		return !lay.headingLike(i + 1)
	}
	if endsOpen(next.text) && !lay.empty(i+2) && items[i+2].list {
		return false // "The three agencies:" introducing a list
	}
	f := lay.fill(i)
	if lay.headingLike(i + 1) {
		return f >= sureWrap
	}
	return f >= wrapFull
}
