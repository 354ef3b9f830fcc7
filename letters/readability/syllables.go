package readability

import (
	"strings"
	"unicode"
)

// syllablesRU counts the syllables of a Russian word: one per vowel letter
// (а е ё и о у ы э ю я), which is exact in Russian. A word without a vowel
// (the prepositions в, к, с) has none.
func syllablesRU(w string) int {
	n := 0
	for _, r := range strings.ToLower(w) {
		if strings.ContainsRune("аеёиоуыэюя", r) {
			n++
		}
	}
	return n
}

// enExceptions are common words the English heuristic gets wrong.
var enExceptions = map[string]int{
	"anyone": 3, "everyone": 3, "someone": 2, "somewhere": 2, "sometimes": 2, "something": 2, "somehow": 2,
	"everything": 3, "everywhere": 3, "every": 2, "everybody": 4, "business": 2, "businesses": 3, "evening": 2,
	"therefore": 2, "whereas": 2, "whereby": 2, "lifetime": 2, "likewise": 2, "police": 2, "create": 2,
	"created": 3, "creates": 2, "area": 3, "areas": 3, "idea": 3, "ideas": 3, "real": 1, "really": 2, "poem": 2,
	"poet": 2, "quiet": 2, "science": 2, "client": 2, "clients": 2, "society": 4, "variety": 4, "anxiety": 4,
	"ocean": 2, "video": 3, "videos": 3, "radio": 3, "people": 2, "being": 2, "toward": 2, "towards": 2,
	"iowa": 3, "ohio": 3, "hawaii": 3, "via": 2, "maybe": 2, "forever": 3, "reuse": 2, "reused": 2,
	"preview": 2, "review": 2, "reviewed": 2, "whose": 1, "wednesday": 2, "february": 4, "jewelry": 3,
	"naive": 2, "cooperate": 4, "cooperation": 5, "coordinate": 4, "reenter": 3, "reenroll": 3, "deactivate": 4,
	"deactivated": 5, "reactivate": 4, "themselves": 2, "yourselves": 2, "ourselves": 2, "aware": 2,
	"awareness": 3, "hour": 1, "hours": 1, "our": 1, "ours": 1, "fire": 1, "hire": 1, "tired": 1, "wire": 1,
	"more": 1, "sure": 1, "are": 1, "were": 1, "there": 1, "where": 1, "here": 1, "the": 1, "one": 1, "once": 1,
	"done": 1, "gone": 1, "none": 1, "come": 1, "some": 1, "give": 1, "live": 1, "have": 1, "love": 1,
	"move": 1, "above": 2, "whole": 1, "while": 1, "smile": 1, "apple": 2, "able": 2, "unable": 3,
	"available": 4, "responsible": 4, "possible": 3, "impossible": 4, "vehicle": 3, "article": 3,
	"identifiable": 6, "personally": 4, "social": 2, "special": 2, "financial": 3, "official": 3,
	"commercial": 3, "potential": 3, "potentially": 4, "essential": 3, "confidential": 4, "initial": 3,
	"partial": 2, "crucial": 2, "sophisticated": 5, "abundance": 3, "seriously": 4, "serious": 3,
	"various": 3, "previous": 3, "previously": 4, "obvious": 3, "curious": 3, "period": 3, "periods": 3,
	"medium": 3, "premium": 3, "media": 3, "material": 4, "trial": 2, "dial": 2, "diet": 2,
	"issue": 2, "issues": 2, "issued": 2, "value": 2, "continue": 3, "continued": 3, "due": 1,
	"inconvenience": 5, "experience": 4, "element": 3, "elements": 3, "implement": 3, "implemented": 4,
	"supplement": 3, "complement": 3, "argue": 2, "argued": 2, "arguing": 3,
}

// syllablesEN estimates the syllables of an English word: the groups of
// vowels (a e i o u, and y after a consonant), less a silent final "e"
// (but not "-le" after a consonant: "table"), less the "e" of "-es" and
// "-ed" where it is silent ("makes", "used"; not "pages", "wanted"), less
// the silent "e" of "-ely", "-ement", "-eful", "-eless", "-eness"; plus one
// for some vowel pairs said as two syllables ("-ia" in "trial", "-io" in
// "period", "-ua" in "actual", "-iou" in "various", "-ier", "-ing" after a
// vowel); "qu" and "gu" before a vowel count the u as a consonant.
// Common words the rules get wrong are listed in enExceptions. A word has
// at least one syllable.
func syllablesEN(w string) int {
	w = lettersLower(w)
	if w == "" {
		return 0
	}
	if n, ok := enExceptions[w]; ok {
		return n
	}
	if strings.HasSuffix(w, "s") {
		if n, ok := enExceptions[strings.TrimSuffix(w, "s")]; ok && !strings.HasSuffix(w, "es") {
			return n
		}
	}
	rs := []rune(w)
	if len(rs) <= 3 {
		return 1
	}
	vowel := func(i int) bool {
		if i < 0 || i >= len(rs) {
			return false
		}
		switch rs[i] {
		case 'a', 'e', 'i', 'o', 'u', 'à', 'á', 'â', 'ä', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï', 'ò', 'ó', 'ô', 'ö', 'ù', 'ú', 'û', 'ü':
			// u after q, and after g before a vowel, is a consonant.
			if rs[i] == 'u' && i > 0 && (rs[i-1] == 'q' || rs[i-1] == 'g' && i+1 < len(rs) && strings.ContainsRune("aeiouy", rs[i+1])) {
				return false
			}
			return true
		case 'y':
			// y is a consonant at the start of a word or a syllable ("you",
			// "beyond"), a vowel otherwise ("type", "day").
			return i > 0 && !(i+1 < len(rs) && strings.ContainsRune("aeiou", rs[i+1]))
		}
		return false
	}
	n := 0
	for i := range rs {
		if vowel(i) && !vowel(i-1) {
			n++
		}
	}
	s := string(rs)
	last := len(rs) - 1
	consonant := func(i int) bool { return i >= 0 && i < len(rs) && unicode.IsLetter(rs[i]) && !vowel(i) }
	// Silent final e: "make", "these"; not "-le" after a consonant.
	if rs[last] == 'e' && consonant(last-1) && n > 1 {
		if !(rs[last-1] == 'l' && consonant(last-2)) {
			n--
		}
	}
	// "-es": silent after most consonants ("makes"), said after s, x, z,
	// soft c and g, ch and sh ("uses", "pages", "watches").
	if strings.HasSuffix(s, "es") && consonant(last-2) && n > 1 {
		c := rs[last-2]
		said := strings.ContainsRune("sxzcg", c) || strings.HasSuffix(s, "ches") || strings.HasSuffix(s, "shes") ||
			c == 'l' && consonant(last-3)
		if !said {
			n--
		}
	}
	// "-ed": silent except after t and d ("wanted", "needed").
	if strings.HasSuffix(s, "ed") && consonant(last-2) && rs[last-2] != 't' && rs[last-2] != 'd' && n > 1 {
		if !(rs[last-2] == 'l' && consonant(last-3)) {
			n--
		}
	}
	// Silent e inside a suffixed word: "safely", "statement", "careful",
	// "useless", "awareness".
	for _, suf := range []string{"ely", "ement", "ements", "eful", "eless", "eness"} {
		if strings.HasSuffix(s, suf) {
			i := len(rs) - len([]rune(suf))
			// After a vowel and a consonant ("safely"), or after two
			// consonants other than a consonant + l or r cluster
			// ("enforcement"; not "implement").
			if consonant(i-1) && vowel(i-2) || consonant(i-1) && consonant(i-2) && rs[i-1] != 'l' && rs[i-1] != 'r' && n > 2 {
				n--
			}
			break
		}
	}
	// Vowel pairs said as two syllables.
	for i := 0; i+1 < len(rs); i++ {
		a, b := rs[i], rs[i+1]
		switch {
		case a == 'i' && b == 'a' && i > 0 && !strings.ContainsRune("ctsx", rs[i-1]) && vowel(i):
			n++ // trial, media; not social, initial, Asia
		case a == 'i' && b == 'o' && vowel(i) && !(i+2 < len(rs) && rs[i+2] == 'n') && !(i+2 < len(rs) && rs[i+2] == 'u'):
			n++ // period, radio; not nation, million
		case a == 'i' && b == 'o' && i+2 < len(rs) && rs[i+2] == 'u' && i > 0 && !strings.ContainsRune("ctgx", rs[i-1]):
			n++ // various, serious; not precious, religious
		case a == 'u' && b == 'a' && vowel(i) && i > 0 && rs[i-1] != 'q' && rs[i-1] != 'g':
			n++ // actual, usually, February
		case a == 'i' && b == 'e' && i+2 < len(rs) && rs[i+2] == 'r' && i > 0 && consonant(i-1) && i+3 >= len(rs)-1:
			n++ // easier, earlier
		}
	}
	if strings.HasSuffix(s, "ing") && len(rs) > 4 && vowel(len(rs)-4) {
		n++ // being, seeing, paying
	}
	return max(n, 1)
}

// syllablesFR counts the syllables of a French word as pronounced:
// groups of vowels (a e i o u y and their accented forms, æ œ), a vowel
// with a diaeresis (ï, ë, ü) starting a new group ("naïf"), "qu" and "gu"
// before e/i counting the u as a consonant, less the mute final "-e" and
// "-es" after a consonant ("personne", "données" stays two), and the mute
// verb ending "-ent" ("utilisent") except in words where it is said:
// adverbs and nouns in "-ment" and the nouns and adjectives listed in
// frSaidEnt ("accident", "client", "souvent"). A word without a vowel (an
// elided "l", "d", "qu") has none.
func syllablesFR(w string) int {
	w = lettersLower(w)
	rs := []rune(w)
	vowel := func(i int) bool {
		if i < 0 || i >= len(rs) {
			return false
		}
		r := rs[i]
		if !strings.ContainsRune("aeiouyàâäéèêëîïôöùûüÿæœ", r) {
			return false
		}
		if r == 'u' && i > 0 && (rs[i-1] == 'q' || rs[i-1] == 'g' && i+1 < len(rs) && strings.ContainsRune("eéèêiîy", rs[i+1])) {
			return false
		}
		return true
	}
	n := 0
	for i := range rs {
		if !vowel(i) {
			continue
		}
		diaeresis := strings.ContainsRune("ïëüÿ", rs[i])
		if !vowel(i-1) || diaeresis {
			n++
		}
	}
	if n <= 1 {
		return n
	}
	last := len(rs) - 1
	switch {
	case rs[last] == 'e' && !vowel(last-1):
		n-- // personne, page
	case strings.HasSuffix(w, "es") && !vowel(last-2) && last >= 2:
		n-- // personnes, pages
	case strings.HasSuffix(w, "ent") && !strings.HasSuffix(w, "ment") && !vowel(last-3) && last >= 3 && !frSaidEnt[w] && !frSaidEnt[strings.TrimSuffix(w, "s")]:
		n-- // utilisent, peuvent
	case strings.HasSuffix(w, "ment") && frMuteMent[w]:
		n-- // aiment, ferment, dorment
	}
	return max(n, 1)
}

// frSaidEnt are French words ending in "-ent" whose ending is said (nouns,
// adjectives, adverbs), unlike the third-person plural verb ending.
var frSaidEnt = map[string]bool{
	"accident": true, "agent": true, "argent": true, "content": true, "urgent": true, "souvent": true,
	"parent": true, "patient": true, "président": true, "récent": true, "évident": true, "différent": true,
	"présent": true, "absent": true, "précédent": true, "incident": true, "talent": true, "adolescent": true,
	"intelligent": true, "compétent": true, "équivalent": true, "permanent": true, "fréquent": true,
	"innocent": true, "excellent": true, "violent": true, "prudent": true, "ardent": true, "transparent": true,
	"apparent": true, "consent": true, "comment": true, "client": true, "ingrédient": true, "cent": true,
	"dent": true, "lent": true, "vent": true, "gent": true, "serpent": true, "régent": true, "décent": true,
	"indécent": true, "concurrent": true, "continent": true, "détergent": true, "accent": true,
	"pourcent": true, "conséquent": true, "éminent": true, "pertinent": true, "résident": true,
}

// frMuteMent are verbs in "-ment" (third-person plural) whose ending is mute.
var frMuteMent = map[string]bool{
	"aiment": true, "ferment": true, "dorment": true, "estiment": true, "affirment": true, "confirment": true,
	"expriment": true, "suppriment": true, "impriment": true, "forment": true, "informent": true,
	"transforment": true, "calment": true, "réclament": true, "sèment": true, "priment": true,
}

// lettersLower returns w in lower case with everything but letters removed.
func lettersLower(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
