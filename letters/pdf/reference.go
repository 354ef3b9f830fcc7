package pdf

import (
	"strings"
	"unicode/utf8"
)

// The info column, right of the address window on the first page, holds
// the date and the reference ("Riferimento: INC-2026-0042 / C-1001"). A
// reference too long for the column's line breaks at defined places,
// coarsest first (infoBreaks): between the label's words, then between
// the incident id and the customer id (after "/"), then inside an id
// after one of idBreakAfter or at a space in it; a part with none of
// these that is still too long is cut where the line is full. Ids are
// never longer than letters.MaxPrintedID characters on paper, so the
// column stays a few lines long; if it still reaches the body, the body
// moves down (reserveInfo).

// idBreakAfter are the characters an id may break after.
const idBreakAfter = "-_./:"

// infoGap is the least space, in mm, between the info column's last line
// and the first line of the body.
const infoGap = 3.0

// piece is a part of a text and the separator written before it when it
// follows another part on the same line (dropped at a line's start).
type piece struct{ sep, text string }

// infoBreaks split a text at one level of the info column's break
// points, coarsest first; ref is the reference in the text, if any.
var infoBreaks = []func(s, ref string) []piece{
	splitLabel, // the label's words, and the label from the reference
	func(s, _ string) []piece { return splitAt(s, "/\u00a0", "/") }, // incident id / customer id
	func(s, _ string) []piece { return splitID(s) },                 // inside an id
}

// splitLabel splits s at its spaces, but not inside ref ("Riferimento:",
// "INC-2026-0042 / C-1001"); ref is a part of its own even where no
// space comes before it ("编号：", "INC-2026-0042 / C-1001").
func splitLabel(s, ref string) []piece {
	i := strings.Index(s, ref)
	if ref == "" || i < 0 {
		return splitAt(s, " ", "")
	}
	label, rest := s[:i], s[i+len(ref):]
	out := splitAt(strings.TrimSuffix(label, " "), " ", "")
	sep := ""
	if strings.HasSuffix(label, " ") {
		sep = " "
	}
	out = append(out, piece{sep: sep, text: ref})
	if rest == "" {
		return out
	}
	return append(out, splitAt(rest, " ", "")...)
}

// splitAt splits s at each sep; keep is the part of sep that stays at the
// end of the part before the break, the rest is the separator.
func splitAt(s, sep, keep string) []piece {
	var out []piece
	for i, t := range strings.Split(s, sep) {
		p := piece{text: t}
		if i > 0 {
			out[len(out)-1].text += keep
			p.sep = strings.TrimPrefix(sep, keep)
		}
		out = append(out, p)
	}
	return out
}

// splitID splits an id after each of idBreakAfter and at its no-break
// spaces (but not before a "/": "INC-1 / C-1" breaks after it).
func splitID(s string) []piece {
	var out []piece
	var cur strings.Builder
	sep := ""
	flush := func(next string) {
		out = append(out, piece{sep: sep, text: cur.String()})
		cur.Reset()
		sep = next
	}
	for i, r := range s {
		rest := s[i+utf8.RuneLen(r):]
		switch {
		case r == '\u00a0' && !strings.HasPrefix(rest, "/") && cur.Len() > 0:
			flush("\u00a0")
		case strings.ContainsRune(idBreakAfter, r) && rest != "":
			cur.WriteRune(r)
			flush("")
		default:
			cur.WriteRune(r)
		}
	}
	flush("")
	return out
}

// fillInfo breaks text into lines no wider than width (as measured by
// w) at the info column's break points from level on: a part that fits
// joins the line before it if it fits there too; a part too long for a
// line of its own is broken at the next level; at the last, by
// characters.
func fillInfo(text, ref string, width float64, w func(string) float64, level int) []string {
	if level == len(infoBreaks) {
		return cutRunes(text, width, w)
	}
	var lines []string
	cur := ""
	for _, p := range infoBreaks[level](text, ref) {
		if p.text == "" {
			continue
		}
		if cur != "" {
			if joined := cur + p.sep + p.text; w(joined) <= width {
				cur = joined
				continue
			}
			lines, cur = append(lines, cur), ""
		}
		if w(p.text) <= width {
			cur = p.text
			continue
		}
		sub := fillInfo(p.text, ref, width, w, level+1)
		lines, cur = append(lines, sub[:len(sub)-1]...), sub[len(sub)-1]
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// cutRunes breaks s into lines of as many characters as fit in width
// (at least one each).
func cutRunes(s string, width float64, w func(string) float64) []string {
	var lines []string
	rs := []rune(s)
	for len(rs) > 0 {
		n := 1
		for n < len(rs) && w(string(rs[:n+1])) <= width {
			n++
		}
		lines, rs = append(lines, string(rs[:n])), rs[n:]
	}
	return lines
}

// infoLines sets a text of the info column, x mm from the left and
// width mm wide, breaking it where fillInfo does; ref is the reference
// in it, if any, with no-break spaces for its spaces (letters.Letter's
// RefLine).
func (c *compositor) infoLines(text, ref string, size, x, width float64) []line {
	measure := func(s string) float64 { return c.Width(s, size, false) }
	var out []line
	for _, s := range fillInfo(text, ref, width, measure, 0) {
		out = append(out, c.lines(s, size, false, x, width, 0)...)
	}
	return out
}

// reserveInfo moves the first page's body down when the info column
// (the fixed lines of kind "info") would come closer than infoGap to it:
// the space before the body's first block grows by the difference.
func reserveInfo(blocks []block, fixed []placed, paper string) {
	bottom := 0.0
	for _, f := range fixed {
		if f.kind == "info" {
			bottom = max(bottom, f.y+lineDescent*f.l.Size()*ptToMM)
		}
	}
	if len(blocks) > 0 {
		blocks[0].before = max(blocks[0].before, bottom+infoGap-bodyTop(paper))
	}
}

// bodyTop is where the first page's body starts, in mm from the top.
func bodyTop(paper string) float64 {
	if paper == "Letter" {
		return bodyTopLetter
	}
	return bodyTopA4
}
