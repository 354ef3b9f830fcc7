package readability

import (
	"regexp"
	"strings"
)

// profile is everything Analyze needs to know about one language.
type profile struct {
	code string

	// salutation and signOff find the lines that open and close a letter's
	// body (see frame).
	salutation, signOff *regexp.Regexp

	// abbrevs are abbreviations, lower case and without their final period
	// ("e.g", "mr", "p. es", "т. е"), after which a period does not end a
	// sentence even before a capital or a digit; one marked with a final
	// "#" only before a digit ("no#": "No. 5", but "The answer is no. We").
	// Abbreviations that often end a sentence ("etc.", "и т. д.", the
	// Russian year "г.") are left out on purpose: before a capital they end
	// it.
	abbrevs []string

	// elisions splits words at an apostrophe between letters (French and
	// Italian "l'accès", "dell'azienda" are two words); elisionWords are
	// the exceptions written with an apostrophe that are one word.
	elisions     bool
	elisionWords []string

	// longSentence is the length above which a sentence is reported as
	// long: words, or characters for Chinese.
	longSentence int

	index indexSpec
}

// indexSpec describes a language's readability index and threshold.
type indexSpec struct {
	name      string
	threshold float64
	better    string // "higher" or "lower"
	source    string
}

// startsWith builds a case-insensitive pattern matching a line that starts
// with one of the alternatives followed by a non-letter or the end (Go's \b
// only knows ASCII letters).
func startsWith(alternatives ...string) *regexp.Regexp {
	for i, a := range alternatives {
		alternatives[i] = regexp.QuoteMeta(a)
	}
	return regexp.MustCompile(`(?i)^(?:` + strings.Join(alternatives, "|") + `)(?:$|[^\p{L}])`)
}

// startsWithHan is startsWith for Chinese: no word boundary after.
func startsWithHan(alternatives ...string) *regexp.Regexp {
	for i, a := range alternatives {
		alternatives[i] = regexp.QuoteMeta(a)
	}
	return regexp.MustCompile(`^(?:` + strings.Join(alternatives, "|") + `)`)
}

var profiles = map[string]*profile{
	"en": {
		code:       "en",
		salutation: startsWith("dear", "hello", "hi", "to whom it may concern"),
		signOff: startsWith("sincerely", "yours sincerely", "sincerely yours", "yours faithfully", "yours truly",
			"kind regards", "best regards", "warm regards", "regards", "respectfully", "with regards"),
		abbrevs: []string{
			"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "eg", "ie", "cf", "no#", "nos#",
			"p#", "pp#", "para#", "fig#", "approx", "dept", "est", "tel", "ext", "ref", "art#", "sec#", "ch#", "vol#",
			"al", "ca", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
			"ave", "blvd", "mt", "ft", "op", "incl",
		},
		longSentence: 25,
		index: indexSpec{
			name:      "Flesch reading ease",
			threshold: 60,
			better:    "higher",
			source:    "Flesch, R. (1948). A new readability yardstick. Journal of Applied Psychology 32(3), 221-233: 60-70 is \"standard\" (plain English), 50-60 \"fairly difficult\"",
		},
	},
	"fr": {
		code:       "fr",
		salutation: startsWith("madame", "monsieur", "mesdames", "messieurs", "cher", "chère", "chers", "chères", "bonjour"),
		signOff: startsWith("veuillez agréer", "veuillez recevoir", "nous vous prions d'agréer", "je vous prie d'agréer",
			"recevez", "cordialement", "bien cordialement", "sincères salutations", "salutations"),
		abbrevs: []string{
			"mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "p. ex", "p.ex", "ex", "cf", "no#", "art#", "al#",
			"chap#", "p#", "pp#", "tél", "av", "bd", "vol#", "éd", "env", "cie", "st", "ste", "janv", "févr", "avr",
			"juill", "sept", "oct", "nov", "déc", "c.-à-d", "c-à-d", "resp", "hab", "réf",
		},
		elisions:     true,
		elisionWords: []string{"aujourd'hui", "quelqu'un", "quelqu'une", "presqu'île", "prud'homme", "prud'hommes"},
		longSentence: 25,
		index: indexSpec{
			name:      "Kandel-Moles reading ease",
			threshold: 60,
			better:    "higher",
			source:    "Kandel, L. & Moles, A. (1958). Application de l'indice de Flesch à la langue française. Cahiers Études de Radio-Télévision 19, 253-274; Flesch's scale and bands, 60 = \"standard\"",
		},
	},
	"it": {
		code:       "it",
		salutation: startsWith("gentile", "gentili", "gentilissimo", "gentilissima", "gentilissimi", "egregio", "egregia", "caro", "cara", "cari", "care", "spettabile", "spett.le", "buongiorno"),
		signOff:    startsWith("distinti saluti", "cordiali saluti", "cordialmente", "con i migliori saluti", "i migliori saluti", "saluti"),
		abbrevs: []string{
			"sig", "sigg", "sig.ra", "sig.na", "dott", "dott.ssa", "prof", "prof.ssa", "ing", "avv", "geom", "rag", "p. es",
			"p.es", "es", "ad es", "n#", "nn#", "pag#", "pagg#", "art#", "artt#", "tel", "cfr", "vd", "v", "sez#", "lett#",
			"co#", "all#", "spett", "egr", "gent", "gent.mo", "gent.ma", "p.zza", "v.le", "c.so", "gen", "feb", "mar", "apr",
			"mag", "giu", "lug", "ago", "set", "ott", "nov", "dic", "s.p.a", "s.r.l",
		},
		elisions:     true,
		longSentence: 25,
		index: indexSpec{
			name:      "Gulpease index",
			threshold: 60,
			better:    "higher",
			source:    "Lucisano, P. & Piemontese, M. E. (1988). GULPEASE: una formula per la predizione della difficoltà dei testi in lingua italiana. Scuola e città n. 3 (1988); below 80 hard for readers with primary schooling, below 60 with lower secondary (licenza media), below 40 with upper secondary",
		},
	},
	"ru": {
		code:       "ru",
		salutation: startsWith("здравствуйте", "добрый день", "уважаемый", "уважаемая", "уважаемые", "дорогой", "дорогая", "дорогие"),
		signOff:    startsWith("с уважением", "с наилучшими пожеланиями", "искренне ваш", "искренне ваша", "всего доброго"),
		abbrevs: []string{
			"т. е", "т.е", "т. к", "т.к", "т. н", "т.н", "т. ч", "т.ч", "в т. ч", "ст#", "ч#", "п#", "пп#", "см", "ср",
			"рис#", "стр#", "табл#", "гл#", "ул", "д#", "кв#", "пр", "просп", "пер", "обл", "им", "тел", "напр", "проф",
			"акад", "доц", "и. о", "и.о", "корп#", "пл", "наб", "ш", "пос", "с#", "р-н", "мкр",
		},
		longSentence: 20,
		index: indexSpec{
			name:      "Flesch reading ease (Oborneva's Russian adaptation)",
			threshold: 60,
			better:    "higher",
			source:    "Оборнева, И. В. (2006). Автоматизированная оценка сложности учебных текстов на основе статистических параметров (дисс. канд. пед. наук), Москва; coefficients refitted so that Flesch's scale and bands apply, 60 = \"standard\"",
		},
	},
	"zh": {
		code:         "zh",
		salutation:   startsWithHan("尊敬的", "亲爱的", "您好", "你好"),
		signOff:      startsWithHan("此致", "敬礼", "顺祝", "谨启"),
		longSentence: 40,
		index: indexSpec{
			name:      "characters per sentence",
			threshold: 27,
			better:    "lower",
			source:    "no standard readability index exists for Chinese; threshold derived from Flesch's (1948) \"standard\" average of 17 words per sentence x 1.6 Chinese characters per English word (translation ratio: 1,000 English words ~ 1,500-1,700 characters)",
		},
	},
}
