// Package locales holds the letter text of each supported language as
// message catalogs (one TOML file per language, embedded), with CLDR plural
// forms, localized dates and language matching.
package locales

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/breachnotice/breachnotice/letters/memo"
	"github.com/breachnotice/breachnotice/rules/tomllimit"
)

//go:embed *.toml
var embedded embed.FS

// FS returns the embedded catalogs.
func FS() fs.FS { return embedded }

// Supported are the letter languages, in matching preference order.
var Supported = []language.Tag{language.English, language.Italian, language.French, language.Chinese, language.Russian}

// ErrMissing is wrapped when a message is not in a catalog.
var ErrMissing = errors.New("locales: missing message")

// Message is one catalog entry. Text is a text/template; plural messages
// set the CLDR forms instead (zero, one, two, few, many, other).
type Message struct {
	Text  string `toml:"text"`
	Note  string `toml:"note"` // for translators
	Zero  string `toml:"zero"`
	One   string `toml:"one"`
	Two   string `toml:"two"`
	Few   string `toml:"few"`
	Many  string `toml:"many"`
	Other string `toml:"other"`
	// Omits lists placeholders of the English message that this language
	// leaves out on purpose (e.g. a French salutation without the name).
	Omits []string `toml:"omits"`
}

// Forms returns the message's non-empty texts by form: "text" for a plain
// message, the CLDR form names ("one", "few", ...) for a plural one.
func (m Message) Forms() map[string]string {
	out := map[string]string{}
	for k, v := range map[string]string{"text": m.Text, "zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

type file struct {
	Language string `toml:"language"`
	// Parent and Countries make the file a regional variant ("en-GB" of
	// "en"): it overrides some of its parent's messages for readers in the
	// countries listed whose letter language is the parent.
	Parent      string            `toml:"parent"`
	Countries   []string          `toml:"countries"`
	Name        string            `toml:"name"`
	Months      []string          `toml:"months"`
	DateLayout  string            `toml:"date_layout"`
	DateLayouts map[string]string `toml:"date_layouts"`
	// FirstDay is how the first day of a month is written where it is an
	// ordinal ("1er" in French, "1º" in Italian); empty means "1".
	FirstDay string             `toml:"first_day"`
	Messages map[string]Message `toml:"messages"`
}

// Catalog is the messages of one language, or of a regional variant of
// one (then every message it does not override is its parent's).
type Catalog struct {
	Tag      language.Tag
	Name     string
	file     file
	compiled map[form]*compiled
	// parent is the base catalog of a variant; nil for a base catalog.
	parent *Catalog
	// own are the keys a variant overrides.
	own []string
	// variants are a base catalog's regional variants, by locale.
	variants []*Catalog

	// finders find dates in a text (FindDates), compiled once; datesOf
	// remembers the dates of a few texts.
	findOnce sync.Once
	finders  []*regexp.Regexp
	datesOf  memo.Map[string, []FoundDate]
}

// Catalogs maps a base language ("it") to its catalog. A base catalog
// holds its regional variants: For and Locale find them.
type Catalogs map[string]*Catalog

// Load reads every <lang>.toml in fsys strictly and checks the set: every
// language has every key, with the same placeholders.
func Load(fsys fs.FS) (Catalogs, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	cs := Catalogs{}
	var probs []string
	var variants []*Catalog
	for _, name := range names {
		data, err := tomllimit.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("locales: %w", err)
		}
		c, err := parse(path.Join("locales", name), data)
		switch {
		case err != nil:
			probs = append(probs, err.Error())
		case c.file.Parent != "":
			variants = append(variants, c)
		default:
			cs[c.file.Language] = c
		}
	}
	probs = append(probs, cs.check()...)
	probs = append(probs, cs.addVariants(variants)...)
	if len(probs) > 0 {
		sort.Strings(probs)
		return nil, errors.New(strings.Join(probs, "\n"))
	}
	return cs, nil
}

func parse(name string, data []byte) (*Catalog, error) {
	var f file
	md, err := tomllimit.Decode(data, &f)
	if err != nil {
		return nil, fmt.Errorf("%s: locales: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: locales: unknown key %q", name, und[0].String())
	}
	tag, err := language.Parse(f.Language)
	if err != nil {
		return nil, fmt.Errorf("%s: locales: bad language %q: %w", name, f.Language, err)
	}
	if f.Parent == "" && len(f.Countries) > 0 {
		return nil, fmt.Errorf("%s: locales: countries given without parent: only a regional variant claims countries", name)
	}
	if len(f.Months) != 12 && (f.Parent == "" || len(f.Months) > 0) {
		return nil, fmt.Errorf("%s: locales: months must list 12 names, has %d", name, len(f.Months))
	}
	c := &Catalog{Tag: tag, Name: f.Name, file: f, compiled: map[form]*compiled{}}
	// The texts whose dates a run reads again and again: the incident's
	// account in this language (what happened, what is not yet known).
	c.datesOf.Max = 16
	for key, m := range f.Messages {
		for f, text := range m.Forms() {
			t, err := compile(key, text)
			if err != nil {
				return nil, fmt.Errorf("%s: locales: message %q (%s): %w", name, key, f, err)
			}
			c.compiled[form{key, f}] = t
		}
	}
	return c, nil
}

// funcs are the functions message templates may call.
//
// il puts the Italian definite article before a date already formatted
// ("3 marzo 2027" -> "il 3 marzo 2027"), elided before 8 and 11 ("l'8 marzo
// 2027", "l'11 marzo 2027"): "entro {{il .EnrollBy}}".
var funcs = template.FuncMap{"il": italianArticle}

func italianArticle(date any) string {
	s := fmt.Sprint(date)
	day := s
	if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		day = s[:i]
	}
	if day == "8" || day == "11" {
		return "l'" + s
	}
	return "il " + s
}

var placeholder = regexp.MustCompile(`\{\{[^}]*?\.([A-Za-z0-9_]+)[^}]*\}\}`)

// Placeholders returns the sorted field names a message uses.
func Placeholders(text string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

func (cs Catalogs) check() []string {
	var probs []string
	keys := map[string]bool{}
	for _, c := range cs {
		for k := range c.file.Messages {
			keys[k] = true
		}
	}
	for _, t := range Supported {
		base, _ := t.Base()
		if cs[base.String()] == nil {
			probs = append(probs, fmt.Sprintf("locales: no catalog for %q", base))
		}
	}
	ref := cs["en"]
	for lang, c := range cs {
		for k := range keys {
			m, ok := c.file.Messages[k]
			if !ok {
				probs = append(probs, fmt.Sprintf("locales/%s.toml: locales: missing message %q", lang, k))
				continue
			}
			if len(m.Forms()) == 0 {
				probs = append(probs, fmt.Sprintf("locales/%s.toml: locales: message %q is empty", lang, k))
				continue
			}
			if ref == nil {
				continue
			}
			got := append(placeholdersOf(m), m.Omits...)
			sort.Strings(got)
			if want := placeholdersOf(ref.file.Messages[k]); !slices.Equal(want, got) {
				probs = append(probs, fmt.Sprintf("locales/%s.toml: locales: message %q uses placeholders %v, English uses %v", lang, k, got, want))
			}
		}
	}
	return probs
}

func placeholdersOf(m Message) []string {
	var all []string
	for _, t := range m.Forms() {
		for _, p := range Placeholders(t) {
			if !slices.Contains(all, p) {
				all = append(all, p)
			}
		}
	}
	sort.Strings(all)
	return all
}

// Match returns the supported language for a BCP 47 tag ("fr-CA" -> "fr",
// "zh-Hans-CN" -> "zh"), or "" when none matches with confidence. It is
// asked for every letter, with the few tags of a customer file: the
// answers are remembered.
func Match(tag string) string {
	if tag == "" {
		return ""
	}
	return matched.Get(tag, match)
}

// matched remembers Match's answers, for as many tags as a customer file
// may plausibly hold (a file with more is matched, not remembered).
var matched = memo.Map[string, string]{Max: 1024}

// match is Match not remembered. Its matcher is built per call, as
// x/text does not say a Matcher may be shared between goroutines.
func match(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	_, idx, conf := language.NewMatcher(Supported).Match(t)
	if conf == language.No {
		return ""
	}
	base, _ := Supported[idx].Base()
	return base.String()
}

// Lang returns the catalog's base language ("ru"; "en" for "en-GB").
func (c *Catalog) Lang() string {
	if c.parent != nil {
		return c.parent.file.Language
	}
	return c.file.Language
}

// Locale returns the catalog's language tag as its file gives it: the
// base language ("en") or the regional variant ("en-GB").
func (c *Catalog) Locale() string { return c.file.Language }

// Countries returns the countries whose readers get a variant (nil for a
// base catalog).
func (c *Catalog) Countries() []string { return slices.Clone(c.file.Countries) }

// Overrides returns the keys a variant overrides, sorted (nil for a base
// catalog).
func (c *Catalog) Overrides() []string { return slices.Clone(c.own) }

// Variants returns a base catalog's regional variants, by locale.
func (c *Catalog) Variants() []*Catalog { return slices.Clone(c.variants) }

// Message returns the catalog entry for key (its forms and translator
// note) and whether the catalog has it.
func (c *Catalog) Message(key string) (Message, bool) {
	m, ok := c.file.Messages[key]
	return m, ok
}

// Has reports whether the catalog defines key.
func (c *Catalog) Has(key string) bool { _, ok := c.file.Messages[key]; return ok }

// Keys returns every message key, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.file.Messages))
	for k := range c.file.Messages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Text renders a message with data (a struct or map); missing fields fail.
func (c *Catalog) Text(key string, data any) (string, error) {
	t := c.compiled[form{key, "text"}]
	if t == nil {
		return "", fmt.Errorf("%w %q in %q", ErrMissing, key, c.file.Language)
	}
	return t.execute(data)
}

// Plural renders the CLDR plural form of key for the integer n. data may
// refer to n as {{.N}} when it is a map without "N" (N is added).
func (c *Catalog) Plural(key string, n int, data map[string]any) (string, error) {
	f := pluralForm(c.Tag, n)
	t := c.compiled[form{key, f}]
	if t == nil {
		t = c.compiled[form{key, "other"}]
	}
	if t == nil {
		return "", fmt.Errorf("%w %q (plural %s) in %q", ErrMissing, key, f, c.file.Language)
	}
	d := map[string]any{"N": n}
	for k, v := range data {
		d[k] = v
	}
	return t.execute(d)
}

func pluralForm(tag language.Tag, n int) string {
	if n < 0 {
		n = -n
	}
	digits := []byte(fmt.Sprint(n))
	for i := range digits {
		digits[i] -= '0'
	}
	switch plural.Cardinal.MatchDigits(tag, digits, len(digits), 0) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

func execute(t *template.Template, data any) (string, error) {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("locales: %w", err)
	}
	return b.String(), nil
}

// Number formats the integer n with the language's CLDR digit grouping, as
// golang.org/x/text/message prints it: "1,234" in English and Chinese,
// "1.234" in Italian, "1 234" in French and Russian, grouped with U+00A0
// NO-BREAK SPACE (x/text's CLDR data predates French's U+202F).
func (c *Catalog) Number(n int) string {
	return message.NewPrinter(c.Tag).Sprintf("%d", n)
}

// Date formats a calendar date the language's way. variant selects a
// country-specific layout ("US" for "November 20, 2026") when the catalog
// has one. Layout verbs: {d} day (the catalog's first_day on the 1st, as
// French "1er novembre"), {dd} two-digit day, {month} month name, {yyyy}
// year, {m} month number. Its spaces are no-break spaces (U+00A0): a
// date is never broken across lines ("28 febbraio / 2027").
func (c *Catalog) Date(t time.Time, variant string) string {
	layout := c.file.DateLayout
	if l, ok := c.file.DateLayouts[variant]; ok {
		layout = l
	}
	var b strings.Builder
	for layout != "" {
		i := strings.IndexByte(layout, '{')
		if i < 0 {
			b.WriteString(layout)
			break
		}
		b.WriteString(layout[:i])
		layout = layout[i:]
		verb, value := c.dateVerb(layout, t)
		if verb == "" {
			verb, value = "{", "{"
		}
		b.WriteString(value)
		layout = layout[len(verb):]
	}
	return strings.ReplaceAll(b.String(), " ", "\u00a0")
}

// dateVerbs are the verbs of a date layout.
var dateVerbs = []string{"{dd}", "{d}", "{month}", "{m}", "{yyyy}"}

// dateVerb returns the verb layout starts with and its value for t, or
// "" when it starts with none.
func (c *Catalog) dateVerb(layout string, t time.Time) (verb, value string) {
	for _, v := range dateVerbs {
		if !strings.HasPrefix(layout, v) {
			continue
		}
		switch v {
		case "{dd}":
			return v, fmt.Sprintf("%02d", t.Day())
		case "{d}":
			if t.Day() == 1 && c.file.FirstDay != "" {
				return v, c.file.FirstDay
			}
			return v, strconv.Itoa(t.Day())
		case "{month}":
			return v, c.file.Months[t.Month()-1]
		case "{m}":
			return v, strconv.Itoa(int(t.Month()))
		}
		return v, strconv.Itoa(t.Year())
	}
	return "", ""
}
