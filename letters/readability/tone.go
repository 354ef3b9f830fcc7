package readability

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/rules/tomllimit"
)

//go:embed phrases.toml
var phrasesTOML string

// phraseSet is one language's tone phrases (see phrases.toml).
type phraseSet struct {
	Hedges    []string `toml:"hedges"`
	Apology   []string `toml:"apology"`
	Ownership []string `toml:"ownership"`
}

// loadPhrases parses phrases.toml; its errors are caught by the package's
// tests, so the embedded file always parses in a released binary.
var loadPhrases = sync.OnceValues(func() (map[string]phraseSet, error) {
	var m map[string]phraseSet
	md, err := tomllimit.Decode([]byte(phrasesTOML), &m)
	if err != nil {
		return nil, fmt.Errorf("readability: phrases.toml: %w", err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, fmt.Errorf("readability: phrases.toml: unknown keys %v", u)
	}
	for lang, set := range m {
		for _, list := range [][]string{set.Hedges, set.Apology, set.Ownership} {
			for i, ph := range list {
				list[i] = foldText(ph)
			}
		}
		m[lang] = set
	}
	return m, nil
})

// Phrases returns the tone phrases of a language as the package uses them
// (folded: lower case, ’ as ', ё as е): the hedges reported as warnings and
// the wording that counts as an apology and as owning the failure. A
// trailing "*" matches any word ending.
func Phrases(lang string) (hedges, apology, ownership []string, err error) {
	p, err := lookup(lang)
	if err != nil {
		return nil, nil, nil, err
	}
	all, err := loadPhrases()
	if err != nil {
		return nil, nil, nil, err
	}
	set := all[p.code]
	return clone(set.Hedges), clone(set.Apology), clone(set.Ownership), nil
}

func clone(s []string) []string { return append([]string(nil), s...) }

// foldText prepares text for phrase matching: lower case, typographic
// apostrophes as ', ё as е, runs of spaces as one.
func foldText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '’', 'ʼ', '‘':
			return '\''
		case 'ё', 'Ё':
			return 'е'
		}
		return unicode.ToLower(r)
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// findPhrase reports the first phrase of list found in folded text: as a
// substring in Chinese, on whole-word boundaries in other languages (a
// phrase ending in "*" may be followed by more letters).
func findPhrase(zh bool, text string, list []string) (string, bool) {
	for _, ph := range list {
		if containsPhrase(zh, text, ph) {
			return ph, true
		}
	}
	return "", false
}

func containsPhrase(zh bool, text, ph string) bool {
	return phraseIndex(zh, text, ph) >= 0
}

// phraseIndex returns the byte offset of the first match of ph in folded
// text (see findPhrase), or -1.
func phraseIndex(zh bool, text, ph string) int {
	stem := strings.HasSuffix(ph, "*")
	needle := strings.TrimSuffix(ph, "*")
	if needle == "" {
		return -1
	}
	if zh {
		return strings.Index(text, needle)
	}
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], needle)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(needle)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (i == 0 || !isWordRune(before)) && (stem || end == len(text) || !isWordRune(after)) {
			return i
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		from = i + n
	}
	return -1
}

// hedgesIn returns the hedge phrases found in folded text, in list order;
// where matches overlap ("abundance of caution" inside "out of an
// abundance of caution") only the longest is kept.
func hedgesIn(zh bool, text string, list []string) []string {
	type match struct {
		phrase     string
		start, end int
	}
	var ms []match
	for _, ph := range list {
		if i := phraseIndex(zh, text, ph); i >= 0 {
			ms = append(ms, match{ph, i, i + len(strings.TrimSuffix(ph, "*"))})
		}
	}
	var out []string
	for _, m := range ms {
		shadowed := false
		for _, o := range ms {
			longer := o.end-o.start > m.end-m.start || o.end-o.start == m.end-m.start && o.phrase < m.phrase
			if o != m && longer && o.start < m.end && m.start < o.end {
				shadowed = true
				break
			}
		}
		if !shadowed {
			out = append(out, m.phrase)
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
