package locales

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoundDate is a calendar date written in a text: its day and month, and
// its year where the text gives one (0 otherwise), with where it stands.
type FoundDate struct {
	Day, Month, Year int
	Start, End       int // byte offsets in the text
}

// space matches the spaces a date may be written with, no-break ones too.
const space = `[\s\x{00a0}\x{202f}]`

// dateFinders compiles one expression per date layout of the catalog
// (the default and each country's), the year and what goes with it
// optional: "19 November", "November 19, 2026", "19 ноября", "11月19日".
func (c *Catalog) dateFinders() []*regexp.Regexp {
	c.findOnce.Do(func() {
		layouts := []string{c.file.DateLayout}
		for _, k := range slices.Sorted(maps.Keys(c.file.DateLayouts)) {
			if l := c.file.DateLayouts[k]; !slices.Contains(layouts, l) {
				layouts = append(layouts, l)
			}
		}
		for _, l := range layouts {
			if re, err := regexp.Compile(c.layoutPattern(l)); err == nil {
				c.finders = append(c.finders, re)
			}
		}
	})
	return c.finders
}

var layoutToken = regexp.MustCompile(`\{(dd|d|month|m|yyyy)\}`)

// layoutPattern turns a date layout into an expression with the groups
// d, mon, m and y.
func (c *Catalog) layoutPattern(layout string) string {
	type part struct{ tok, lit string }
	var parts []part
	last := 0
	for _, loc := range layoutToken.FindAllStringSubmatchIndex(layout, -1) {
		if loc[0] > last {
			parts = append(parts, part{lit: layout[last:loc[0]]})
		}
		parts = append(parts, part{tok: layout[loc[2]:loc[3]]})
		last = loc[1]
	}
	if last < len(layout) {
		parts = append(parts, part{lit: layout[last:]})
	}
	pat := make([]string, len(parts))
	year := -1
	for i, p := range parts {
		pat[i] = c.partPattern(p.tok, p.lit)
		if p.tok == "yyyy" {
			year = i
		}
	}
	// The year and the separators that go with it are optional.
	from, to := year, year
	switch {
	case year < 0:
	case year == 0:
		if len(parts) > 1 && parts[1].lit != "" {
			to = 1
		}
	default:
		if parts[year-1].lit != "" {
			from = year - 1
		}
		if year+1 == len(parts)-1 && parts[year+1].lit != "" {
			to = year + 1
		}
	}
	var b strings.Builder
	for i := range parts {
		if i == from {
			b.WriteString("(?:")
		}
		b.WriteString(pat[i])
		if i == to {
			b.WriteString(")?")
		}
	}
	return b.String()
}

func (c *Catalog) partPattern(tok, lit string) string {
	switch tok {
	case "d", "dd":
		day := `\d{1,2}`
		if c.file.FirstDay != "" {
			day = regexp.QuoteMeta(c.file.FirstDay) + "|" + day
		}
		if c.file.Language == "en" {
			return `(?P<d>` + day + `)(?:st|nd|rd|th)?`
		}
		return `(?P<d>` + day + `)`
	case "month":
		// As the catalog writes them, or capitalised: not case-blind, so
		// that English "may" is not May.
		var names []string
		for _, m := range c.file.Months {
			names = append(names, regexp.QuoteMeta(m))
			if r, size := utf8.DecodeRuneInString(m); unicode.IsLower(r) {
				names = append(names, regexp.QuoteMeta(string(unicode.ToUpper(r))+m[size:]))
			}
		}
		return `(?P<mon>` + strings.Join(names, "|") + `)`
	case "m":
		return `(?P<m>\d{1,2})`
	case "yyyy":
		return `(?P<y>\d{4})`
	}
	var b strings.Builder
	inSpace := false
	for _, r := range lit {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' {
			if !inSpace {
				b.WriteString(space + "+")
			}
			inSpace = true
			continue
		}
		inSpace = false
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	return b.String()
}

// FindDates returns the dates text names in any of the catalog's date
// layouts, with or without the year, in the order they stand. The dates
// of the texts it is asked for most (the incident's account, read for
// every letter) are remembered.
func (c *Catalog) FindDates(text string) []FoundDate {
	return slices.Clone(c.datesOf.Get(text, c.findDates))
}

func (c *Catalog) findDates(text string) []FoundDate {
	var found []FoundDate
	for _, re := range c.dateFinders() {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			d, ok := c.found(re, text, m)
			if ok {
				found = append(found, d)
			}
		}
	}
	// Longest first at each place, then keep those that do not overlap.
	slices.SortFunc(found, func(a, b FoundDate) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var out []FoundDate
	for _, d := range found {
		if len(out) > 0 && d.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, d)
	}
	return c.withRangeStarts(text, out)
}

// rangeBefore matches the first day of a range written before a full date
// whose day comes first ("3 and 14 November", "dal 3 al 14 novembre",
// "du 3 au 14 novembre", "с 3 по 14 ноября", "3–14 November"): a day, then
// a dash or a word that joins them (rangeWord). rangeAfter matches the last day of a range
// written after a full date whose day comes last ("November 3 to 14",
// "11月3日至14日").
var (
	rangeBefore = regexp.MustCompile(`(?:^|[^\d])(\d{1,2})(?:st|nd|rd|th)?(?:` + space + `*[-–—]` + space + `*|` + space + `+` + rangeWord + space + `+)$`)
	rangeAfter  = regexp.MustCompile(`^(?:` + space + `*[-–—~至到]` + space + `*|` + space + `+` + rangeWord + space + `+)(\d{1,2})(?:st|nd|rd|th|日)?`)
)

// rangeWord joins the two days of a range in the letter languages.
const rangeWord = `(?:and|to|through|until|e(?:` + space + `+il)?|al|fino` + space + `+al|et(?:` + space + `+le)?|au|и|по|до)`

// withRangeStarts adds to found the other end of each range a text writes
// with one month ("between 3 and 14 November"): the day alone, in the
// month and year of the full date.
func (c *Catalog) withRangeStarts(text string, found []FoundDate) []FoundDate {
	out := slices.Clone(found)
	for _, d := range found {
		dayFirst := strings.HasPrefix(text[d.Start:], strconv.Itoa(d.Day)) || c.file.FirstDay != "" && strings.HasPrefix(text[d.Start:], c.file.FirstDay)
		if dayFirst && c.file.Language != "zh" {
			if m := rangeBefore.FindStringSubmatchIndex(text[:d.Start]); m != nil {
				if day, _ := strconv.Atoi(text[m[2]:m[3]]); day >= 1 && day < d.Day {
					out = append(out, FoundDate{Day: day, Month: d.Month, Year: d.Year, Start: m[2], End: m[3]})
				}
			}
			continue
		}
		if m := rangeAfter.FindStringSubmatchIndex(text[d.End:]); m != nil {
			if day, _ := strconv.Atoi(text[d.End+m[2] : d.End+m[3]]); day > d.Day && day <= 31 {
				out = append(out, FoundDate{Day: day, Month: d.Month, Year: d.Year, Start: d.End + m[2], End: d.End + m[3]})
			}
		}
	}
	slices.SortFunc(out, func(a, b FoundDate) int { return a.Start - b.Start })
	return out
}

func (c *Catalog) found(re *regexp.Regexp, text string, m []int) (FoundDate, bool) {
	d := FoundDate{Start: m[0], End: m[1]}
	// A date stands on its own: no digit glued to it, nor a letter in
	// the languages that space their words.
	glued := func(r rune) bool { return unicode.IsDigit(r) || unicode.IsLetter(r) && c.file.Language != "zh" }
	if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); m[0] > 0 && glued(r) {
		return d, false
	}
	if r, _ := utf8.DecodeRuneInString(text[m[1]:]); m[1] < len(text) && glued(r) {
		return d, false
	}
	group := func(name string) string {
		i := re.SubexpIndex(name)
		if i < 0 || m[2*i] < 0 {
			return ""
		}
		return text[m[2*i]:m[2*i+1]]
	}
	if s := group("d"); s == c.file.FirstDay && s != "" {
		d.Day = 1
	} else {
		d.Day, _ = strconv.Atoi(s)
	}
	if s := group("mon"); s != "" {
		for i, name := range c.file.Months {
			if strings.EqualFold(name, s) { // s is name, or name capitalised
				d.Month = i + 1
			}
		}
	} else {
		d.Month, _ = strconv.Atoi(group("m"))
	}
	d.Year, _ = strconv.Atoi(group("y"))
	ok := d.Day >= 1 && d.Day <= 31 && d.Month >= 1 && d.Month <= 12
	return d, ok
}
