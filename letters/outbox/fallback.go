package outbox

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// LanguageFallback counts the letters written in another language than
// the one the customer asked for, because no catalog has theirs: "de→en"
// (a German reader who got English). A customer without a language is not
// a fallback.
type LanguageFallback struct {
	// Requested is the base language the customers asked for ("pt" for
	// "pt-BR"): the manifest has each one's own tag.
	Requested string `json:"requested_language"`
	Written   string `json:"letter_language"`
	Letters   int    `json:"letters"`
}

// String is "de→en 1".
func (f LanguageFallback) String() string {
	return fmt.Sprintf("%s→%s %d", f.Requested, f.Written, f.Letters)
}

// AddFallback counts one letter in requested (a BCP 47 tag, "pt-BR")
// written in written, and returns fs sorted by requested then written
// language.
func AddFallback(fs []LanguageFallback, requested, written string) []LanguageFallback {
	base, _, _ := strings.Cut(strings.ToLower(requested), "-")
	for i := range fs {
		if fs[i].Requested == base && fs[i].Written == written {
			fs[i].Letters++
			return fs
		}
	}
	fs = append(fs, LanguageFallback{Requested: base, Written: written, Letters: 1})
	slices.SortFunc(fs, func(a, b LanguageFallback) int {
		return cmp.Or(cmp.Compare(a.Requested, b.Requested), cmp.Compare(a.Written, b.Written))
	})
	return fs
}

// FallbacksText lists fallbacks as "de→en 1, es→en 2".
func FallbacksText(fs []LanguageFallback) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.String()
	}
	return strings.Join(parts, ", ")
}

// FallbackLetters is the number of letters fs counts.
func FallbackLetters(fs []LanguageFallback) int {
	n := 0
	for _, f := range fs {
		n += f.Letters
	}
	return n
}
