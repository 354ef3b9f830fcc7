package readability

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Report is what Analyze measured in one letter.
type Report struct {
	// Lang is the language analysed: "en", "fr", "it", "ru" or "zh".
	Lang string

	// SalutationFound and SignOffFound report whether the letter's
	// salutation ("Dear ...,") and sign-off ("Sincerely,") were recognised;
	// only the text between them was measured (see Analyze).
	SalutationFound, SignOffFound bool

	// Sentences counts the sentences measured: those of the paragraphs and
	// of the list items. Headings are not sentences.
	Sentences int
	// Words counts their words (0 in Chinese, which is not split into
	// words).
	Words int
	// Syllables counts the words' syllables for the indexes that use them
	// (English, French, Russian); 0 in Italian and Chinese.
	Syllables int
	// Letters counts the alphabetic characters of the words (in Chinese,
	// every letter: Han characters included).
	Letters int
	// Characters is Chinese's measure of length (Han characters, each run
	// of other letters or digits counting one); in other languages the
	// letters and digits.
	Characters int

	// Headings lists the lines left out as headings (titles without final
	// punctuation), so that a reader can check the layout was understood.
	Headings []string

	// Index is the language's readability index and its threshold.
	Index Index

	// LongSentences lists the sentences longer than the language's limit
	// (LongSentenceLimit), in order.
	LongSentences []Sentence

	// Hedges lists each hedge phrase found (phrases.toml), in order.
	Hedges []Hedge

	// Apology reports whether the letter apologises; Ownership whether it
	// owns the failure ("it was our job ..., and we failed"); each with the
	// sentence that does (empty when absent).
	Apology, Ownership                 bool
	ApologySentence, OwnershipSentence string

	// NumberedSteps reports whether the letter gives numbered steps: list
	// items numbered 1 and 2 at least (1. 2., 1) 2), (1) (2), 一、二、...).
	// Steps is the number of numbered list items.
	NumberedSteps bool
	Steps         int
}

// Index is a readability index's value for a letter and the threshold the
// value should meet.
type Index struct {
	// Name is the index's name, e.g. "Flesch reading ease".
	Name string
	// Value is the index computed over the measured sentences; 0 when
	// there were none (Measured is false). It is not clamped to 0-100.
	Value float64
	// Threshold is the value a letter for the general public should meet.
	Threshold float64
	// Better is "higher" when higher values are easier to read (the value
	// should be >= Threshold), "lower" when lower values are (<=).
	Better string
	// Source says where the formula and the threshold come from.
	Source string
	// Measured is false when the text had no sentence to measure.
	Measured bool
}

// Meets reports whether the index was measured and meets its threshold.
func (i Index) Meets() bool {
	if !i.Measured {
		return false
	}
	if i.Better == "lower" {
		return i.Value <= i.Threshold
	}
	return i.Value >= i.Threshold
}

// Sentence is one measured sentence.
type Sentence struct {
	Text string
	// Line is the 1-based line of the input where the sentence starts
	// (counting "\n" line ends; a page break does not start a new line).
	Line int
	// Words is the sentence's length in words (0 in Chinese).
	Words int
	// Characters is its length in Chinese characters (see
	// Report.Characters).
	Characters int
}

// Length is the sentence's length in the unit of LongSentenceLimit: words,
// or characters in Chinese.
func (s Sentence) Length(lang string) int {
	if lang == "zh" {
		return s.Characters
	}
	return s.Words
}

// Hedge is a hedge phrase found in a letter.
type Hedge struct {
	// Phrase is the list entry that matched (folded to lower case).
	Phrase string
	// Sentence is the sentence (or heading) it was found in, and Line the
	// 1-based input line where that sentence starts.
	Sentence string
	Line     int
}

// Warning codes: stable identifiers an audit can count or filter on.
const (
	CodeLongSentence    = "long_sentence"     // a sentence over LongSentenceLimit
	CodeReadability     = "readability"       // the index misses its threshold
	CodeHedge           = "hedge"             // a hedge phrase was found
	CodeNoApology       = "no_apology"        // no apology found
	CodeNoNumberedSteps = "no_numbered_steps" // no numbered list of steps found
)

// Warning is one readability or tone finding. Warnings never mean the
// letter is wrong: they point a reviewer at something to read again.
type Warning struct {
	Code    string // one of the Code constants
	Message string // in English, for a person
	Line    int    // 1-based input line it refers to; 0 for the whole letter
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s (line %d): %s", w.Code, w.Line, w.Message)
	}
	return w.Code + ": " + w.Message
}

// Languages lists the supported language codes.
func Languages() []string { return []string{"en", "fr", "it", "ru", "zh"} }

// LongSentenceLimit is the length above which a sentence of the language
// is reported as long: in words, or in characters for Chinese.
func LongSentenceLimit(lang string) (int, error) {
	p, err := lookup(lang)
	if err != nil {
		return 0, err
	}
	return p.longSentence, nil
}

// lookup finds the profile of lang, a code or BCP 47 tag ("en", "fr-FR",
// "zh-Hans-CN").
func lookup(lang string) (*profile, error) {
	if p, ok := profiles[strings.ToLower(lang)]; ok {
		return p, nil
	}
	if tag, err := language.Parse(lang); err == nil {
		base, conf := tag.Base()
		if p, ok := profiles[base.String()]; ok && conf != language.No {
			return p, nil
		}
	}
	return nil, fmt.Errorf("readability: unsupported language %q (supported: %s)", lang, strings.Join(Languages(), ", "))
}

// Analyze measures a letter's text in language lang ("en", "fr", "it",
// "ru", "zh", or a BCP 47 tag with one of these as its base language). The
// error is for an unsupported language only: any text can be analysed.
//
// The text may be the whole letter as extracted from its PDF. Analyze
//
//   - normalizes it (NFC; no-break and narrow no-break spaces and tabs as
//     spaces; form feeds, which separate pages, as line ends; soft hyphens
//     and zero-width characters removed);
//   - drops page-number footers ("1/2", "Page 1 sur 3", "Страница 1 из 3",
//     "第1页，共2页");
//   - measures only the body when it finds the salutation and the sign-off
//     (per-language patterns: "Dear", "Gentile", "Madame", "Здравствуйте",
//     "尊敬的"...; "Sincerely", "Distinti saluti", "Veuillez agréer",
//     "С уважением", "此致"...), leaving out the letterhead, address block,
//     date, reference and signature;
//   - rebuilds paragraphs from the wrapped lines (see blocks): a line
//     continues on the next when the next line's first word would not have
//     fitted on it, when it ends with a comma, colon or dash, or when the
//     next line starts in lower case; a bullet or a list number starts a
//     list item; a one-line paragraph without final punctuation is a
//     heading;
//   - splits paragraphs and list items into sentences (see
//     splitSentences), each list item being at least one sentence, and
//     leaves headings and list markers out of the measures, as Flesch (1979)
//     asks: test running text only, without titles, headings, section
//     numbers, date lines or signatures;
//   - counts words, syllables, letters and characters (see measure),
//     computes the language's index, finds the long sentences, and looks
//     for hedges, an apology, ownership and numbered steps in the measured
//     sentences and the headings.
func Analyze(lang, text string) (Report, error) {
	p, err := lookup(lang)
	if err != nil {
		return Report{}, err
	}
	phrases, err := loadPhrases()
	if err != nil {
		return Report{}, err
	}
	set := phrases[p.code]
	r := Report{Lang: p.code}
	lines := splitLines(normalize(text))
	body, sal, sign := frame(p, lines)
	r.SalutationFound, r.SignOffFound = sal, sign

	var total counts
	steps := map[int]bool{}
	zh := p.code == "zh"
	check := func(s string, line int) {
		f := foldText(s)
		for _, h := range hedgesIn(zh, f, set.Hedges) {
			r.Hedges = append(r.Hedges, Hedge{Phrase: h, Sentence: s, Line: line})
		}
		if !r.Apology {
			if _, ok := findPhrase(zh, f, set.Apology); ok {
				r.Apology, r.ApologySentence = true, s
			}
		}
		if !r.Ownership {
			if _, ok := findPhrase(zh, f, set.Ownership); ok {
				r.Ownership, r.OwnershipSentence = true, s
			}
		}
	}
	for _, b := range blocks(body) {
		if b.kind == heading && isHeading(p, b.text) {
			r.Headings = append(r.Headings, b.text)
			check(b.text, b.line)
			continue
		}
		if b.kind == listItem && b.step > 0 {
			r.Steps++
			steps[b.step] = true
		}
		for _, sp := range sentenceSpans(p, b.text) {
			s, line := b.text[sp[0]:sp[1]], b.lineAt(sp[0])
			c := measure(p, s)
			if c.words == 0 && c.characters == 0 {
				continue // punctuation only
			}
			if zh {
				c.words = 0
			}
			total.add(c)
			r.Sentences++
			sent := Sentence{Text: s, Line: line, Words: c.words, Characters: c.characters}
			if sent.Length(p.code) > p.longSentence {
				r.LongSentences = append(r.LongSentences, sent)
			}
			check(s, line)
		}
	}
	r.NumberedSteps = steps[1] && steps[2]
	r.Words, r.Letters, r.Characters = total.words, total.letters, total.characters
	if p.code != "it" && !zh {
		r.Syllables = total.syllables
	}
	r.Index = Index{Name: p.index.name, Threshold: p.index.threshold, Better: p.index.better, Source: p.index.source}
	if r.Sentences > 0 && (zh || r.Words > 0) {
		r.Index.Value = indexValue(p.code, r)
		r.Index.Measured = true
	}
	return r, nil
}

// Headings are short: a one-line block without final punctuation longer
// than this (words, or characters in Chinese), or holding more than one
// sentence, is a paragraph whose last sentence lacks its period.
const (
	headingWords = 15
	headingChars = 25
)

// isHeading confirms that a block laid out like a heading reads like one:
// one sentence, and short.
func isHeading(p *profile, text string) bool {
	ss := splitSentences(p, text)
	if len(ss) != 1 {
		return false
	}
	c := measure(p, text)
	if p.code == "zh" {
		return c.characters <= headingChars
	}
	return c.words <= headingWords
}

// indexValue computes the language's readability index from the counts.
func indexValue(lang string, r Report) float64 {
	switch lang {
	case "en":
		return FleschReadingEase(r.Sentences, r.Words, r.Syllables)
	case "fr":
		return KandelMoles(r.Sentences, r.Words, r.Syllables)
	case "ru":
		return Oborneva(r.Sentences, r.Words, r.Syllables)
	case "it":
		return Gulpease(r.Sentences, r.Words, r.Letters)
	case "zh":
		return ratio(r.Characters, r.Sentences)
	}
	return math.NaN()
}

// FleschReadingEase is Flesch's (1948) reading ease for English:
// 206.835 − 1.015·(words/sentences) − 84.6·(syllables/words).
func FleschReadingEase(sentences, words, syllables int) float64 {
	return 206.835 - 1.015*ratio(words, sentences) - 84.6*ratio(syllables, words)
}

// KandelMoles is Kandel and Moles's (1958) adaptation of Flesch's reading
// ease to French: 207 − 1.015·(words/sentences) − 73.6·(syllables/words).
func KandelMoles(sentences, words, syllables int) float64 {
	return 207 - 1.015*ratio(words, sentences) - 73.6*ratio(syllables, words)
}

// Oborneva is Oborneva's (2006) adaptation of Flesch's reading ease to
// Russian: 206.835 − 1.3·(words/sentences) − 60.1·(syllables/words).
func Oborneva(sentences, words, syllables int) float64 {
	return 206.835 - 1.3*ratio(words, sentences) - 60.1*ratio(syllables, words)
}

// Gulpease is Lucisano and Piemontese's (1988) index for Italian:
// 89 + (300·sentences − 10·letters)/words.
func Gulpease(sentences, words, letters int) float64 {
	return 89 + (300*float64(sentences)-10*float64(letters))/float64(words)
}

// ratio is a/b; the index functions above therefore return NaN or ±Inf
// when sentences or words is 0 (Analyze never calls them so).
func ratio(a, b int) float64 { return float64(a) / float64(b) }

// Warnings returns the report's findings as warnings, in a stable order:
// readability, long sentences, hedges, then the missing apology,
// ownership and numbered steps.
func (r Report) Warnings() []Warning {
	var out []Warning
	limit := 0
	if p, err := lookup(r.Lang); err == nil {
		limit = p.longSentence
	}
	unit := "words"
	if r.Lang == "zh" {
		unit = "characters"
	}
	switch {
	case !r.Index.Measured:
		out = append(out, Warning{Code: CodeReadability, Message: fmt.Sprintf("no sentence to measure the %s on", r.Index.Name)})
	case !r.Index.Meets():
		cmp := "below the minimum"
		if r.Index.Better == "lower" {
			cmp = "above the maximum"
		}
		out = append(out, Warning{Code: CodeReadability, Message: fmt.Sprintf("%s is %.1f, %s of %g for a general audience (%d sentences, %d %s)",
			r.Index.Name, r.Index.Value, cmp, r.Index.Threshold, r.Sentences, r.lengthTotal(), unit)})
	}
	for _, s := range r.LongSentences {
		out = append(out, Warning{Code: CodeLongSentence, Line: s.Line, Message: fmt.Sprintf("sentence of %d %s (limit %d): %s",
			s.Length(r.Lang), unit, limit, excerpt(s.Text, 80))})
	}
	for _, h := range r.Hedges {
		out = append(out, Warning{Code: CodeHedge, Line: h.Line, Message: fmt.Sprintf("hedging phrase %q: %s", strings.TrimSuffix(h.Phrase, "*"), excerpt(h.Sentence, 80))})
	}
	if !r.Apology {
		out = append(out, Warning{Code: CodeNoApology, Message: "the letter does not apologise"})
	}
	// No warning when the letter does not own the failure: counsel in
	// every country reviewed (US, UK, Italy, Russia, China) refuses to sign
	// an admission of fault; Ownership is reported, not asked for.
	if !r.NumberedSteps {
		out = append(out, Warning{Code: CodeNoNumberedSteps, Message: "the letter gives no numbered steps the reader can take"})
	}
	return out
}

func (r Report) lengthTotal() int {
	if r.Lang == "zh" {
		return r.Characters
	}
	return r.Words
}

// excerpt shortens s to at most n characters, ending it with "…".
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return strings.TrimSpace(string(rs[:n-1])) + "…"
}
