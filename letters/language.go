package letters

import "github.com/breachnotice/breachnotice/locales"

// FallbackFrom returns the language a person asked for when their letter
// cannot be written in it (no catalog: "de", "pt-BR"), so it goes out in
// another (ChooseLanguage); "" when the person gave no language or theirs
// has a catalog.
func FallbackFrom(personLang string) string {
	if personLang == "" || locales.Match(personLang) != "" {
		return ""
	}
	return personLang
}
