package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// zhTerminals end a Chinese sentence (with the ASCII "!" and "?").
const zhTerminals = "。！？；!?…"

// splitSentences splits one paragraph or list item into sentences.
//
// Chinese sentences end at 。！？； (and ! ? …), with any closing quotes
// or brackets that follow. Other languages end a sentence at ".", "!", "?"
// or "…" (and any closing quotes or brackets after it) followed by a space
// and then, after any opening quote or bracket, a capital letter or a
// digit, or at the end of the paragraph. Colons and semicolons do not end
// sentences. A period does not end one after an abbreviation of the
// language (abbrevs), an initial (a single capital), or a token whose parts
// are all one to three letters long ("S.p.A.", "U.S.", "т.е."); a period
// inside a token (a URL, an email address, a decimal number) is never
// followed by a space, so it never ends one.
func splitSentences(p *profile, text string) []string {
	var out []string
	for _, sp := range sentenceSpans(p, text) {
		out = append(out, text[sp[0]:sp[1]])
	}
	return out
}

// sentenceSpans returns the byte ranges of text's sentences (see
// splitSentences), without surrounding spaces.
func sentenceSpans(p *profile, text string) [][2]int {
	var out [][2]int
	add := func(start, end int) {
		for start < end && text[start] == ' ' {
			start++
		}
		for end > start && text[end-1] == ' ' {
			end--
		}
		if start < end {
			out = append(out, [2]int{start, end})
		}
	}
	if p.code == "zh" {
		start := 0
		for i := 0; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			i += n
			if !strings.ContainsRune(zhTerminals, r) {
				continue
			}
			for i < len(text) {
				c, m := utf8.DecodeRuneInString(text[i:])
				if !strings.ContainsRune(zhTerminals, c) && !strings.ContainsRune(closers, c) {
					break
				}
				i += m
			}
			add(start, i)
			start = i
		}
		add(start, len(text))
		return out
	}
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !strings.ContainsRune(".!?…", r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			c, m := utf8.DecodeRuneInString(text[j:])
			if c == ' ' {
				// French spaces its closing guillemet: "fin. » Ensuite".
				if d, dm := utf8.DecodeRuneInString(text[j+1:]); d == '»' {
					j += 1 + dm
					continue
				}
				break
			}
			if !strings.ContainsRune(".!?…", c) && !strings.ContainsRune(closers, c) {
				break
			}
			j += m
		}
		if j == len(text) {
			break // the paragraph's end closes the last sentence below
		}
		if text[j] != ' ' {
			i = j
			continue
		}
		k := j
		for k < len(text) {
			c, m := utf8.DecodeRuneInString(text[k:])
			if c != ' ' && !strings.ContainsRune(openers, c) && c != '—' && c != '–' {
				break
			}
			k += m
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		boundary := unicode.IsUpper(next) || unicode.IsDigit(next) || unicode.Is(unicode.Lo, next)
		if boundary && r == '.' && j-i == 1 && abbreviationBefore(p, text[start:i], next) {
			boundary = false
		}
		if boundary {
			add(start, j)
			start = j
		}
		i = j
	}
	add(start, len(text))
	return out
}

// abbreviationBefore reports whether before (the sentence so far, up to a
// period) ends with an abbreviation, so that the period does not end the
// sentence; next is the first letter or digit after the period.
func abbreviationBefore(p *profile, before string, next rune) bool {
	// The token just before the period.
	tok := before
	if k := strings.LastIndexByte(before, ' '); k >= 0 {
		tok = before[k+1:]
	}
	tok = strings.TrimLeft(tok, openers)
	if tok == "" {
		return false
	}
	if utf8.RuneCountInString(tok) == 1 {
		// A capital is an initial ("J. Smith", "А. С. Пушкин"); a small
		// letter is an abbreviation only if listed ("p. 5", "п. 5"; the
		// Russian year "2026 г." is not).
		if r, _ := utf8.DecodeRuneInString(tok); unicode.IsUpper(r) {
			return true
		}
	}
	if shortParts(tok) {
		return true
	}
	// Abbreviations are short: look at the end of the sentence only, so
	// that a long run of them stays linear.
	tail := before
	if len(tail) > 48 {
		cut := len(tail) - 48
		for cut < len(tail) && !utf8.RuneStart(tail[cut]) {
			cut++
		}
		tail = tail[cut:]
	}
	low := strings.ToLower(tail)
	for _, a := range p.abbrevs {
		if strings.HasSuffix(a, "#") {
			if !unicode.IsDigit(next) {
				continue
			}
			a = a[:len(a)-1]
		}
		if !strings.HasSuffix(low, a) {
			continue
		}
		rest := low[:len(low)-len(a)]
		if prev, _ := utf8.DecodeLastRuneInString(rest); rest == "" || !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
			return true
		}
	}
	return false
}

// shortParts reports whether tok is letters in parts of one to three
// letters joined by periods: "e.g", "S.p.A", "U.S", "т.е" (but not the
// domain "acme.example").
func shortParts(tok string) bool {
	if !strings.Contains(tok, ".") {
		return false
	}
	for part := range strings.SplitSeq(tok, ".") {
		n := 0
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
			n++
		}
		if n == 0 || n > 3 {
			return false
		}
	}
	return true
}
