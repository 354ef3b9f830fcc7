package letters

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/locales"
)

// placeholder matches a template action in a catalog message.
var placeholder = regexp.MustCompile(`\{\{.*?\}\}`)

// Markers returns the fixed text that shows a content block is in a
// letter written in cat's language, as alternatives: the block is there
// when, for one alternative, every piece of text in it is found (compare
// with Squeeze applied to both sides, so line breaks do not matter). The
// pieces are the catalog messages that write the block, split at their
// placeholders; for "what_happened" it is the incident's own account of
// the breach, which is what a law that forbids describing the breach
// forbids. It returns nil for a key letters cannot write or, for
// "what_happened", an incident with no account in that language.
func Markers(cat *locales.Catalog, in *Incident, key string) [][]string {
	if key == "what_happened" {
		text, err := in.TextFor(cat.Locale())
		if err != nil || strings.TrimSpace(text.WhatHappened) == "" {
			return nil
		}
		return [][]string{{Squeeze(text.WhatHappened)}}
	}
	var out [][]string
	if key == "date_range" {
		// The incident's account may give the dates itself (Compose then
		// adds no sentence repeating them).
		if text, err := in.TextFor(cat.Locale()); err == nil {
			if period, disc := in.AccountDates(cat, text); period && disc {
				out = append(out, []string{Squeeze(text.WhatHappened)})
			}
		}
	}
	for _, msg := range messagesFor(key) {
		m, ok := cat.Message(msg)
		if !ok {
			continue
		}
		for _, form := range m.Forms() {
			var pieces []string
			for _, p := range placeholder.Split(form, -1) {
				if p = Squeeze(p); meaningful(p) {
					pieces = append(pieces, p)
				}
			}
			if len(pieces) > 0 {
				out = append(out, pieces)
			}
		}
	}
	return out
}

// meaningful reports whether a piece of a message is worth looking for:
// at least three characters, not only punctuation.
func meaningful(s string) bool {
	if utf8.RuneCountInString(s) < 3 {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// Squeeze removes every white-space character, so text extracted from a
// PDF (broken into lines, spaces of any width) and catalog text compare
// equal.
func Squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\u00ad' {
			return -1
		}
		return r
	}, s)
}

// HasMarkers reports whether squeezed text holds one alternative of
// markers entirely.
func HasMarkers(squeezed string, markers [][]string) bool {
	for _, alt := range markers {
		all := true
		for _, p := range alt {
			if !strings.Contains(squeezed, p) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
