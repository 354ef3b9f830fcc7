package board

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/rules"
)

// noteWidth is the width, in terminal columns, the notes are wrapped to.
const noteWidth = 100

// WriteTable writes the board for a terminal: a title with the clock, a
// compact table sorted by due time (numbered), and numbered notes with each
// obligation's authority, threshold, rule, the statute's words and the
// citation.
func (b *Board) WriteTable(w io.Writer) error {
	rows := b.Rows()
	user := b.userZone()
	bw := bufio.NewWriter(w)
	title := "Deadlines"
	if b.IncidentID != "" {
		title += " · " + b.IncidentID
	}
	if b.Organization != "" {
		title += " · " + b.Organization
	}
	fmt.Fprintln(bw, title)
	now := b.Now.In(user)
	fmt.Fprintf(bw, "as of %s %s (%s); times in %s unless marked local\n", now.Format("Mon 2 Jan 2006 15:04"), zoneAbbr(now), zoneName(user), zoneName(user))
	fmt.Fprintln(bw, summary(rows))
	fmt.Fprintln(bw)

	header := []string{"#", "DUE (" + zoneName(user) + ")", "TIME LEFT", "STATUS", "WHERE", "NOTIFY", "PERSONS", "DUE (LOCAL)"}
	cells := [][]string{header}
	policy := false
	for _, r := range rows {
		due, local := "—", "—"
		if r.User != nil {
			due = glanceTime(*r.User, b.Now)
			local = glanceTime(*r.Local, b.Now) + " " + zoneAbbr(*r.Local)
		} else if r.Policy != nil {
			due = "policy: " + glanceTime(r.Policy.In(user), b.Now)
			policy = true
		}
		left := r.TimeLeft()
		if r.Left == nil && r.PolicyLeft != nil && r.Owed() {
			left = "policy: " + leftWords(*r.PolicyLeft)
		}
		persons := strconv.Itoa(r.Affected)
		if m := r.Obligation.MinAffected; m > 0 {
			persons += fmt.Sprintf(" (min %d)", m)
		}
		notify := r.Recipient()
		if r.Stage != rules.StageInitial {
			notify += " · " + r.Stage
		}
		cells = append(cells, []string{strconv.Itoa(r.N), due, left, r.Status, r.Where, notify, persons, local})
	}
	writeColumns(bw, cells, map[int]bool{0: true})
	if len(rows) == 0 {
		fmt.Fprintln(bw, "(no obligations: no person's data makes the breach notifiable)")
	}
	if policy {
		fmt.Fprintln(bw, "policy: a company target (--policy-days), not a deadline set by law")
	}

	if len(rows) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "NOTES: who is notified, the rule and the law")
	}
	for _, r := range rows {
		writeWrapped(bw, fmt.Sprintf("%2d. ", r.N), fmt.Sprintf("%s · %s (%s) · %s", r.Where, r.Recipient(), r.Stage, r.Authority))
		ind := "    "
		if r.Due != nil {
			writeWrapped(bw, ind, fmt.Sprintf("due: %s (%s), %s where you are", stampTime(*r.Local), zoneName(r.Zone), stampTime(*r.User)))
		} else {
			writeWrapped(bw, ind, "due: no fixed deadline set by law ("+zoneName(r.Zone)+")")
		}
		if r.Policy != nil {
			writeWrapped(bw, ind, fmt.Sprintf("policy: %s, %s where you are: company target, not law", stampTime(r.Policy.In(r.Zone)), stampTime(r.Policy.In(user))))
		}
		if r.Anchor != nil && r.Due != nil {
			writeWrapped(bw, ind, "clock started: "+stampTime(r.Anchor.In(r.Zone)))
		}
		writeWrapped(bw, ind, "rule: "+r.Rule)
		if words := r.Clock().Words; words != "" && !strings.Contains(r.Rule, words) {
			writeWrapped(bw, ind, "statute: "+words)
		}
		writeWrapped(bw, ind, fmt.Sprintf("persons: %d; threshold: %s", r.Affected, r.Threshold()))
		if r.Obligation.Contact != "" {
			writeWrapped(bw, ind, "contact: "+r.Obligation.Contact)
		}
		writeWrapped(bw, ind, "law: "+r.Obligation.Citation)
		for _, why := range r.Why {
			writeWrapped(bw, ind, "why: "+why)
		}
		for _, c := range r.Conflicts {
			writeWrapped(bw, ind, "conflict: "+c)
		}
		for _, f := range r.Findings {
			writeWrapped(bw, ind, "finding: "+f)
		}
		if len(r.Fallbacks) > 0 {
			writeWrapped(bw, ind, "fallback: "+strings.Join(r.Fallbacks, ", ")+" (no catalog for the customer's language)")
		}
	}
	writeConflicts(bw, b.Conflicts)
	writeFindings(bw, b.Languages)
	writeFallbacks(bw, b.Fallbacks)
	return bw.Flush()
}

// writeColumns writes cells as space-separated columns, padded to the
// widest cell by display width (a Chinese character takes two columns);
// right-aligned columns are marked in right. Trailing spaces are trimmed.
func writeColumns(w io.Writer, cells [][]string, right map[int]bool) {
	var widths []int
	for _, row := range cells {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, row := range cells {
		var sb strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if right[i] {
				sb.WriteString(pad + c)
			} else {
				sb.WriteString(c + pad)
			}
			if i < len(row)-1 {
				sb.WriteString("  ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(sb.String(), " "))
	}
}

// writeWrapped writes text after prefix, wrapped at noteWidth columns, the
// following lines indented as wide as the prefix.
func writeWrapped(w io.Writer, prefix, text string) {
	indent := strings.Repeat(" ", displayWidth(prefix))
	for i, line := range wrap(text, noteWidth-displayWidth(prefix)) {
		if i == 0 {
			fmt.Fprintln(w, prefix+line)
		} else {
			fmt.Fprintln(w, indent+line)
		}
	}
}

// wrap breaks text into lines of at most width display columns: between
// words, and between Chinese characters; a word longer than a line is cut.
func wrap(text string, width int) []string {
	var lines []string
	var line strings.Builder
	lw := 0
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lw = 0
	}
	for _, tok := range tokens(text) {
		tw := displayWidth(tok)
		if tok == " " {
			if lw > 0 && lw+1 <= width {
				line.WriteString(" ")
				lw++
			}
			continue
		}
		if lw+tw > width && lw > 0 {
			flush()
		}
		for tw > width { // a word wider than the line: cut it
			cut, cw := cutWidth(tok, width)
			line.WriteString(cut)
			lw += cw
			flush()
			tok = tok[len(cut):]
			tw = displayWidth(tok)
		}
		line.WriteString(tok)
		lw += tw
	}
	if lw > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// tokens splits text into words, single spaces and single wide characters.
func tokens(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		switch {
		case r == ' ' || r == '\n' || r == '\t':
			if start >= 0 {
				out = append(out, text[start:i])
				start = -1
			}
			out = append(out, " ")
		case wide(r):
			if start >= 0 {
				out = append(out, text[start:i])
				start = -1
			}
			out = append(out, string(r))
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// cutWidth returns the longest prefix of s at most width columns wide.
func cutWidth(s string, width int) (string, int) {
	w := 0
	for i, r := range s {
		rw := runeWidth(r)
		if w+rw > width {
			if i == 0 { // never return an empty cut
				_, size := utf8.DecodeRuneInString(s)
				return s[:size], rw
			}
			return s[:i], w
		}
		w += rw
	}
	return s, w
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	if wide(r) {
		return 2
	}
	return 1
}

// wide reports whether r is a wide (two-column) character: CJK scripts and
// their punctuation, Hangul, full-width forms.
func wide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, symbols and punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA960 && r <= 0xA97F, // Hangul Jamo extended
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}

// writeFindings writes the section of letters not in a language a law
// requires: findings for counsel, never silent.
func writeFindings(bw *bufio.Writer, fs []rules.LanguageFinding) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "FINDINGS: letters not in the language a law requires")
	for i, f := range fs {
		writeWrapped(bw, fmt.Sprintf("%2d. ", i+1), f.String())
	}
}

// writeFallbacks writes the section of letters not in the customer's
// language, which has no catalog: counted, not a finding.
func writeFallbacks(bw *bufio.Writer, fs map[string][]outbox.LanguageFallback) {
	var all []outbox.LanguageFallback
	for _, id := range slices.Sorted(maps.Keys(fs)) {
		for _, f := range fs[id] {
			for range f.Letters {
				all = outbox.AddFallback(all, f.Requested, f.Written)
			}
		}
	}
	if len(all) == 0 {
		return
	}
	fmt.Fprintln(bw)
	n := outbox.FallbackLetters(all)
	fmt.Fprintf(bw, "FALLBACK LANGUAGES: %s not in the customer's language, which has no catalog (not a finding)\n", letterCount(n))
	for _, id := range slices.Sorted(maps.Keys(fs)) {
		if len(fs[id]) > 0 {
			writeWrapped(bw, "    ", id+": "+outbox.FallbacksText(fs[id]))
		}
	}
}

// letterCount is "1 letter", "2 letters".
func letterCount(n int) string {
	if n == 1 {
		return "1 letter"
	}
	return fmt.Sprintf("%d letters", n)
}

// writeConflicts writes the section of conflicts between laws reaching one
// person: those open need counsel's decision, recorded in the incident.
func writeConflicts(bw *bufio.Writer, cs []rules.ConflictCount) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "CONFLICTS between laws reaching the same persons")
	for i, c := range cs {
		writeWrapped(bw, fmt.Sprintf("%2d. ", i+1), fmt.Sprintf("%s (%s)", c.Conflict.String(), persons(c.Persons)))
		if c.Open() {
			writeWrapped(bw, "    ", fmt.Sprintf("record counsel's decision in the incident file: [[decision]] conflict = %q, resolve = \"omit\" or \"include\", by = \"...\"", c.ID()))
		}
	}
}
