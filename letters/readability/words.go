package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// counts are the measures of a piece of text.
type counts struct {
	words, syllables, letters, characters int
}

func (c *counts) add(o counts) {
	c.words += o.words
	c.syllables += o.syllables
	c.letters += o.letters
	c.characters += o.characters
}

// measure counts the words, syllables, letters and characters of one
// sentence.
//
// Words are the runs of characters between spaces that hold a letter or a
// digit, trimmed of the punctuation around them: hyphenated words,
// contractions, numbers, abbreviations, URLs and email addresses count as
// one word each (Flesch's rule), and so does a group of numbers written
// with spaces ("+39 02 1234 5678"). In French and Italian an apostrophe
// between letters separates two words ("l'accès", "dell'azienda"), except
// in a few words written with one ("aujourd'hui").
//
// Syllables follow Flesch's rules too: a word is counted as pronounced
// (see syllablesEN, syllablesFR, syllablesRU; a word in another script is
// counted with the rules of its own script), and figures, abbreviations,
// symbols and their combinations (a number, "SMS", "SAMPLE-CODE-0000", a
// URL or an email address) count as one syllable.
//
// Letters are the alphabetic characters of the words (Gulpease's measure).
//
// Characters is the Chinese measure: each Han (or other wide) letter or
// digit counts one, and so does each run of other letters and digits up to
// a space or a wide character ("Acme", "2026", a URL), a foreign word being
// read as a unit rather than letter by letter. In other languages it is
// the number of letters and digits.
func measure(p *profile, sentence string) counts {
	var c counts
	if p.code == "zh" {
		c.letters = countLetters(sentence)
		c.characters = zhCharacters(sentence)
		return c
	}
	for _, r := range sentence {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			c.characters++
		}
	}
	prevNumber := false
	for tok := range strings.FieldsSeq(sentence) {
		core := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if core == "" {
			prevNumber = false
			continue
		}
		number := isNumber(core)
		if number && prevNumber {
			continue // "02 1234 5678" is one figure
		}
		prevNumber = number
		for _, w := range splitElisions(p, core) {
			c.words++
			c.letters += countLetters(w)
			c.syllables += wordSyllables(p, w)
		}
	}
	return c
}

// zhCharacters counts Chinese characters, each run of other letters and
// digits counting as one.
func zhCharacters(s string) int {
	n := 0
	inRun := false
	for _, r := range s {
		switch {
		case isWide(r):
			inRun = false
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r) {
				n++
			}
		case r == ' ':
			inRun = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inRun {
				n++
				inRun = true
			}
		}
	}
	return n
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// isNumber reports whether s is digits, possibly with separators (",", ".",
// "-", "/", ":") between them: "2026", "1,000", "1-888-298-0045".
func isNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == ',' || r == '.' || r == '-' || r == '/' || r == ':':
		default:
			return false
		}
	}
	return digits > 0
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// splitElisions splits a French or Italian word at apostrophes between
// letters ("l'accès" -> "l", "accès"); other languages keep the word whole.
func splitElisions(p *profile, w string) []string {
	if !p.elisions || !strings.ContainsFunc(w, isApostrophe) {
		return []string{w}
	}
	low := strings.ToLower(strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return '\''
		}
		return r
	}, w))
	for _, e := range p.elisionWords {
		if low == e {
			return []string{w}
		}
	}
	var out []string
	start := 0
	for i, r := range w {
		if !isApostrophe(r) || i == 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(w[:i])
		next, _ := utf8.DecodeRuneInString(w[i+utf8.RuneLen(r):])
		if unicode.IsLetter(prev) && unicode.IsLetter(next) {
			out = append(out, w[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, w[start:])
}

// isSymbolic reports whether a word counts as one syllable under Flesch's
// rule for "figures, symbols and their combinations" and abbreviations: it
// has no letter, mixes letters and digits, is a URL or an email address,
// or is an all-capital abbreviation of two to five letters.
func isSymbolic(w string) bool {
	letters, digits, upper := 0, 0, 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.IsDigit(r):
			digits++
		}
	}
	switch {
	case letters == 0 || digits > 0:
		return true
	case strings.Contains(w, "@") || strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "www."):
		return true
	case isDomain(w):
		return true
	case upper == letters && letters >= 2 && letters <= 5:
		return true
	}
	return false
}

// isDomain reports whether w looks like a lower-case domain name or path
// ("acme.example", "identitytheft.gov"): dot-separated parts of letters,
// digits and hyphens, the last part at least two letters long, and some
// part longer than three letters (so "e.g" is not one).
func isDomain(w string) bool {
	if !strings.Contains(w, ".") || strings.ToLower(w) != w {
		return false
	}
	host, _, _ := strings.Cut(w, "/")
	parts := strings.Split(host, ".")
	long := false
	for _, part := range parts {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
				return false
			}
		}
		if utf8.RuneCountInString(part) > 3 {
			long = true
		}
	}
	return long && utf8.RuneCountInString(parts[len(parts)-1]) >= 2
}

// wordSyllables counts the syllables of one word for language p.
func wordSyllables(p *profile, w string) int {
	if isSymbolic(w) {
		return 1
	}
	n := 0
	for part := range strings.SplitSeq(w, "-") {
		if part == "" {
			continue
		}
		n += scriptSyllables(p, part)
	}
	return n
}

// scriptSyllables counts a word's syllables with the rules of its script:
// Cyrillic words by Russian rules, Latin words by the language's rules
// (English rules in a Russian or Chinese text).
func scriptSyllables(p *profile, w string) int {
	cyrillic := false
	for _, r := range w {
		if unicode.Is(unicode.Cyrillic, r) {
			cyrillic = true
			break
		}
	}
	switch {
	case cyrillic:
		return syllablesRU(w)
	case p.code == "fr":
		return syllablesFR(w)
	default:
		return syllablesEN(w)
	}
}
