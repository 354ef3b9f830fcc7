package main

import (
	"regexp"
	"strings"
)

// prefixWord is one "word: " prefix of an error message: a command or a
// package name.
var prefixWord = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// tidyPrefixes drops from msg's leading "word: " prefixes those already
// given: "letters: letters: x" and "letters: batch: letters: x" become
// "letters: x" and "letters: batch: x". The command names itself, and a
// library's error names its package; when both are one word, once is
// enough.
func tidyPrefixes(msg string) string {
	seen := map[string]bool{}
	var kept []string
	rest := msg
	for {
		word, after, ok := strings.Cut(rest, ": ")
		if !ok || !prefixWord.MatchString(word) {
			break
		}
		if !seen[word] {
			kept = append(kept, word)
			seen[word] = true
		}
		rest = after
	}
	if len(kept) == 0 {
		return rest
	}
	return strings.Join(kept, ": ") + ": " + rest
}

// plural is one when n is 1, else many: the CLI's messages are in English
// ("1 row rejected", "6 rows rejected"). The letters' own plurals, in
// every language, are the catalogs' (locales).
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
