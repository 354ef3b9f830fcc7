package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/breachnotice/breachnotice/rules/tomllimit"
)

// ErrInvalid is wrapped by every validation error of rule files.
var ErrInvalid = errors.New("rules: invalid rule file")

// Problem is one thing wrong with a rule file, with its location.
type Problem struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: rules: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: rules: %s", p.File, p.Msg)
}

// ValidationError collects every problem found, sorted by file and line.
type ValidationError struct{ Problems []Problem }

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.Is(err, ErrInvalid) hold.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Load reads every *.toml file at the top of fsys, decodes each strictly,
// validates it, and checks the set as a whole. All problems are reported
// together. dir names the directory in messages (e.g. "jurisdictions").
func Load(fsys fs.FS, dir string) (*Set, error) {
	js, probs, err := decodeAll(fsys, dir, Decode)
	if err != nil {
		return nil, err
	}
	if len(js) == 0 && len(probs) == 0 {
		return nil, fmt.Errorf("rules: no *.toml rule files in %q", dir)
	}
	set, ps := newSet(js)
	probs = append(probs, ps...)
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, &ValidationError{Problems: probs}
	}
	return set, nil
}

// decodeAll decodes every *.toml file at the top of fsys, in name order,
// naming each dir/file in messages; it returns what decoded and every
// problem found.
func decodeAll[T any](fsys fs.FS, dir string, decode func(name string, data []byte) (*T, []Problem)) ([]*T, []Problem, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, nil, fmt.Errorf("rules: listing %s: %w", dir, err)
	}
	sort.Strings(names)
	var out []*T
	var probs []Problem
	for _, name := range names {
		data, err := tomllimit.ReadFile(fsys, name)
		if p, ok := readProblem(path.Join(dir, name), err); ok {
			probs = append(probs, p)
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("rules: %w", err)
		}
		v, ps := decode(path.Join(dir, name), data)
		probs = append(probs, ps...)
		if v != nil {
			out = append(out, v)
		}
	}
	return out, probs, nil
}

// readProblem is the problem of a rule file that is not read: it is not a
// regular file, or it is over a limit of tomllimit.
func readProblem(name string, err error) (Problem, bool) {
	var le *tomllimit.Error
	switch {
	case errors.As(err, &le):
		return Problem{File: name, Line: le.Line, Msg: le.Msg}, true
	case errors.Is(err, tomllimit.ErrNotRegular):
		return Problem{File: name, Msg: tomllimit.ErrNotRegular.Error()}, true
	}
	return Problem{}, false
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(a, b int) bool {
		if ps[a].File != ps[b].File {
			return ps[a].File < ps[b].File
		}
		if ps[a].Line != ps[b].Line {
			return ps[a].Line < ps[b].Line
		}
		return ps[a].Msg < ps[b].Msg
	})
}

// Decode decodes and validates one rule file. name is used in messages and
// must end in the lower-case id (us-ca.toml for US-CA).
func Decode(name string, data []byte) (*Jurisdiction, []Problem) {
	var j Jurisdiction
	md, err := tomllimit.Decode(data, &j)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, []Problem{{File: name, Line: perr.Position.Line, Msg: perr.Message}}
		}
		return nil, []Problem{{File: name, Line: 0, Msg: err.Error()}}
	}
	var probs []Problem
	for _, k := range md.Undecoded() {
		probs = append(probs, Problem{File: name, Line: KeyLine(data, k), Msg: fmt.Sprintf("unknown key %q", k.String())})
	}
	j.File = name
	probs = append(probs, j.validate(name, data)...)
	if len(probs) > 0 {
		return nil, probs
	}
	return &j, nil
}

// KeyLine finds the line of a decoded TOML key in src: the line of its last
// component after the table header that holds it. It returns 0 if not found.
func KeyLine(src []byte, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	lines := strings.Split(string(src), "\n")
	last := regexp.QuoteMeta(key[len(key)-1])
	assign := regexp.MustCompile(`^\s*"?` + last + `"?\s*=`)
	header := regexp.MustCompile(`^\s*\[\[?\s*` + regexp.QuoteMeta(strings.Join(key, ".")) + `\s*\]\]?`)
	start := 0
	if len(key) > 1 {
		parent := regexp.MustCompile(`^\s*\[\[?\s*` + regexp.QuoteMeta(strings.Join(key[:len(key)-1], ".")) + `\s*\]\]?`)
		for i, l := range lines {
			if parent.MatchString(l) {
				start = i
				break
			}
		}
	}
	for i := start; i < len(lines); i++ {
		if assign.MatchString(lines[i]) || header.MatchString(lines[i]) {
			return i + 1
		}
	}
	return 0
}

var (
	idPattern       = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^DEFAULT$`)
	overlayPattern  = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{2,12}$`)
	profilePattern  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	countryPattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	subdivPattern   = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{1,3}$`)
	datePattern     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	languagePattern = regexp.MustCompile(`^[a-z]{2}$`)
)

func (j *Jurisdiction) validate(name string, src []byte) []Problem {
	p := &problems{name: name, src: src}
	j.validateIdentity(p)
	j.validateTime(p)
	j.validateScope(p)
	j.validateReach(p)
	j.validateHolidays(p)
	j.validateTriggers(p)
	j.validateContent(p)
	j.validateAgencies(p)
	j.validateComplaints(p)
	j.validateObligations(p)
	return p.list
}

// problems collects the problems of one rule file.
type problems struct {
	name string
	src  []byte
	list []Problem
}

// add records a problem at the line of key (dotted).
func (p *problems) add(key, format string, args ...any) {
	p.list = append(p.list, Problem{File: p.name, Line: KeyLine(p.src, toml.Key(strings.Split(key, "."))), Msg: fmt.Sprintf(format, args...)})
}

// validateIdentity checks what the rule is and where it comes from:
// profile, id (and the file's name), name, citation, sources, review date,
// status and confidence.
func (j *Jurisdiction) validateIdentity(p *problems) {
	if j.Profile != "" {
		if !profilePattern.MatchString(j.Profile) {
			p.add("profile", "profile %q must be a lower-case word such as \"hipaa\"", j.Profile)
		}
		if j.Fallback {
			p.add("profile", "an overlay profile cannot be the fallback rule")
		}
	}
	if okID := idPattern.MatchString(j.ID) || (j.Profile != "" && overlayPattern.MatchString(j.ID)); !okID {
		p.add("id", "id %q must be an ISO 3166 code such as \"IT\" or \"US-CA\" (or, for an overlay profile, such as \"US-HIPAA\")", j.ID)
	} else if want := strings.ToLower(j.ID) + ".toml"; path.Base(p.name) != want {
		p.add("id", "id %q must be in a file named %q", j.ID, want)
	}
	if j.Name == "" {
		p.add("name", "name is missing")
	}
	if j.Citation == "" {
		p.add("citation", "citation is missing")
	}
	if len(j.SourceURLs) == 0 && !j.Fallback {
		p.add("source_urls", "source_urls is missing")
	}
	for _, u := range j.SourceURLs {
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			p.add("source_urls", "source URL %q is not an http(s) URL", u)
		}
	}
	if j.Reviewed.IsZero() {
		p.add("reviewed", "reviewed date is missing")
	}
	switch j.Status {
	case "in_force", "proposed":
	default:
		p.add("status", "status %q must be \"in_force\" or \"proposed\"", j.Status)
	}
	switch j.Confidence {
	case "primary", "secondary":
	default:
		p.add("confidence", "confidence %q must be \"primary\" or \"secondary\"", j.Confidence)
	}
}

// validateTime checks the timezone (and loads it), the languages and the
// period the rule is in force.
func (j *Jurisdiction) validateTime(p *problems) {
	if j.Timezone == "" {
		p.add("timezone", "timezone is missing")
	} else if loc, err := time.LoadLocation(j.Timezone); err != nil {
		p.add("timezone", "unknown timezone %q", j.Timezone)
	} else {
		j.location = loc
	}
	if len(j.Languages) == 0 {
		p.add("languages", "languages is missing")
	}
	if !j.EffectiveFrom.IsZero() && !j.EffectiveTo.IsZero() && j.EffectiveTo.Before(j.EffectiveFrom) {
		p.add("effective_to", "effective_to %s is before effective_from %s", j.EffectiveTo.Format(time.DateOnly), j.EffectiveFrom.Format(time.DateOnly))
	}
}

// validateScope checks the countries and subdivisions the rule matches. A
// rule that matches none must be the fallback, an overlay, or the parent of
// rules that match (the set checks the last: see newSet).
func (j *Jurisdiction) validateScope(p *problems) {
	for _, c := range j.Countries {
		if !countryPattern.MatchString(c) {
			p.add("countries", "country %q is not an ISO 3166-1 alpha-2 code", c)
		}
	}
	for _, s := range j.Subdivisions {
		if !subdivPattern.MatchString(s) {
			p.add("subdivisions", "subdivision %q is not an ISO 3166-2 code", s)
		}
	}
}

// validateHolidays checks the [holidays] table and indexes its dates.
func (j *Jurisdiction) validateHolidays(p *problems) {
	j.holidays = map[string]bool{}
	if h := j.Holidays; h != nil {
		if h.Citation == "" {
			p.add("holidays.citation", "holidays need a citation")
		}
		if len(h.SourceURLs) == 0 {
			p.add("holidays.source_urls", "holidays need source_urls")
		}
		for _, d := range h.Dates {
			if _, err := time.Parse(time.DateOnly, d); err != nil || !datePattern.MatchString(d) {
				p.add("holidays.dates", "holiday %q is not a YYYY-MM-DD date", d)
			}
			if j.holidays[d] {
				p.add("holidays.dates", "holiday %q is listed twice", d)
			}
			j.holidays[d] = true
		}
	}
}

// validateTriggers checks the [triggers] table.
func (j *Jurisdiction) validateTriggers(p *problems) {
	if t := j.Triggers; t != nil {
		if t.Citation == "" {
			p.add("triggers.citation", "triggers need a citation")
		}
		if !t.AnyPersonalData && len(t.Combinations) == 0 {
			p.add("triggers", "triggers must set any_personal_data or list combinations")
		}
		if t.RiskOfHarm && t.HarmWords == "" {
			p.add("triggers.harm_words", "risk_of_harm needs harm_words: the statute's words for the exception")
		}
		for _, combo := range t.CombinationsOn(time.Time{}) {
			for _, c := range combo {
				if !slices.Contains(DataCategories, c) {
					p.add("triggers.combinations", "unknown data category %q", c)
				}
			}
		}
		for i, a := range t.Added {
			key := fmt.Sprintf("triggers.added[%d]", i)
			if len(a.Combinations) == 0 || a.Citation == "" || a.EffectiveFrom.IsZero() {
				p.add(key, "added combinations need combinations, effective_from and a citation")
			}
			if len(a.SourceURLs) == 0 {
				p.add(key, "added combinations need source_urls")
			}
			if !a.EffectiveTo.IsZero() && a.EffectiveTo.Before(a.EffectiveFrom) {
				p.add(key, "effective_to is before effective_from")
			}
		}
	}
}

// validateContent checks the [content] table: known keys, none both
// required and forbidden, channels, headings, title and type size.
func (j *Jurisdiction) validateContent(p *problems) {
	for _, k := range slices.Concat(j.Content.Required, j.Content.Forbidden, j.Content.Advised) {
		if !slices.Contains(ContentKeys, k) {
			p.add("content", "unknown content key %q", k)
		}
	}
	for _, k := range j.Content.Advised {
		if slices.Contains(j.Content.Required, k) || slices.Contains(j.Content.Forbidden, k) {
			p.add("content", "content key %q is advised and also required or forbidden", k)
		}
	}
	for _, k := range j.Content.Required {
		if slices.Contains(j.Content.Forbidden, k) {
			p.add("content", "content key %q is both required and forbidden", k)
		}
	}
	for _, c := range j.Content.Channels {
		if !slices.Contains(Channels, c) {
			p.add("content.channels", "unknown channel %q (want one of %s)", c, strings.Join(Channels, ", "))
		}
	}
	for _, k := range j.Content.Headings {
		if !slices.Contains(ContentKeys, k) {
			p.add("content.headings", "unknown content key %q", k)
		}
	}
	if k := j.Content.Title; k != "" && !slices.Contains(ContentKeys, k) {
		p.add("content.title", "unknown content key %q", k)
	}
	if j.Content.MinFontSize < 0 || j.Content.MinFontSize > 72 {
		p.add("content.min_font_size", "min_font_size %v is not a plausible type size in points", j.Content.MinFontSize)
	}
	if j.Content.ForbiddenWins && len(j.Content.Forbidden) == 0 {
		p.add("content.forbidden_wins", "forbidden_wins is set but nothing is forbidden")
	}
	if (len(j.Content.Required) > 0 || len(j.Content.Forbidden) > 0) && j.Content.Citation == "" {
		p.add("content.citation", "content rules need a citation")
	}
	j.validateContentWhen(p)
	if l := j.Content.Language; l != nil {
		if len(l.Required) == 0 {
			p.add("content.language", "content.language needs required: the languages the law requires")
		}
		for _, code := range l.Required {
			if !languagePattern.MatchString(code) {
				p.add("content.language", "content.language: %q is not a lower-case ISO 639-1 code such as \"pt\"", code)
			}
		}
		if l.Citation == "" || len(l.SourceURLs) == 0 {
			p.add("content.language", "content.language needs a citation and source_urls")
		}
	}
}

// validateContentWhen checks the [[content.when]] and [[content.advised_when]]
// conditions: each names a key the file requires (or advises), once, with
// known data categories and the provision that makes the key depend on them.
func (j *Jurisdiction) validateContentWhen(p *problems) {
	checkWhen(p, "content.when", "content.required", j.Content.When, j.Content.Required)
	checkWhen(p, "content.advised_when", "content.advised", j.Content.AdvisedWhen, j.Content.Advised)
}

func checkWhen(p *problems, key, list string, ws []ContentWhen, keys []string) {
	seen := map[string]bool{}
	for i, w := range ws {
		switch {
		case !slices.Contains(keys, w.Key):
			p.add(key, "%s[%d]: key %q is not in this file's %s", key, i, w.Key, list)
		case seen[w.Key]:
			p.add(key, "%s[%d]: key %q has two conditions", key, i, w.Key)
		}
		seen[w.Key] = true
		if len(w.Categories) == 0 {
			p.add(key, "%s[%d] (%s): categories is missing", key, i, w.Key)
		}
		for _, c := range w.Categories {
			if !slices.Contains(DataCategories, c) {
				p.add(key, "%s[%d] (%s): unknown data category %q", key, i, w.Key, c)
			}
		}
		if w.Citation == "" {
			p.add(key, "%s[%d] (%s): citation is missing: the provision that makes the key depend on the data", key, i, w.Key)
		}
		if len(w.SourceURLs) == 0 {
			p.add(key, "%s[%d] (%s): source_urls is missing", key, i, w.Key)
		}
		if w.Months < 0 || (w.Months > 0 && w.Key != "identity_protection_offer") {
			p.add(key, "%s[%d] (%s): months is the least duration of an identity_protection_offer", key, i, w.Key)
		}
	}
}

// validateAgencies checks the [[agency]] entries.
func (j *Jurisdiction) validateAgencies(p *problems) {
	for _, a := range j.Agencies {
		switch {
		case !slices.Contains(AgencyRoles, a.Role) || a.Name == "" || a.Source == "":
			p.add("agency", "agency %q needs a role (%s), a name and a source", a.Name, strings.Join(AgencyRoles, ", "))
		case a.Phone == "" && a.Website == "":
			p.add("agency", "agency %q needs a phone or a website", a.Name)
		case a.Role == "cra" && !slices.Contains(AgencyPurposes, a.Purpose):
			p.add("agency", "agency %q (cra) needs a purpose (%s)", a.Name, strings.Join(AgencyPurposes, ", "))
		case a.Role != "cra" && a.Purpose != "":
			p.add("agency", "agency %q: purpose is for role \"cra\" only", a.Name)
		case a.Role == "consumer" && a.Citation == "":
			p.add("agency", "agency %q (consumer) needs the citation of the provision that asks the notice to name it", a.Name)
		}
	}
}

// validateComplaints checks the [complaints] authority: a name, an https
// website, the provision and its sources, names only in letter languages.
func (j *Jurisdiction) validateComplaints(p *problems) {
	c := j.Complaints
	if c == nil {
		return
	}
	if strings.TrimSpace(c.Authority) == "" || c.Citation == "" || len(c.SourceURLs) == 0 || c.Reviewed.IsZero() {
		p.add("complaints", "complaints needs authority, citation, source_urls and reviewed")
	}
	if !strings.HasPrefix(c.Website, "https://") {
		p.add("complaints.website", "complaints.website %q must be an https address", c.Website)
	}
	for lang, n := range c.Names {
		if !languagePattern.MatchString(lang) || strings.TrimSpace(n) == "" {
			p.add("complaints.names", "complaints.names: %q = %q must be a two-letter language code and a name", lang, n)
		}
	}
}

// validateObligations checks each [[obligation]], and that a business-day
// clock has holidays to count with.
func (j *Jurisdiction) validateObligations(p *problems) {
	for i, o := range j.Obligations {
		at := func(format string, args ...any) {
			p.list = append(p.list, Problem{File: p.name, Line: obligationLine(p.src, i), Msg: fmt.Sprintf("obligation %d (%s): ", i+1, o.Recipient) + fmt.Sprintf(format, args...)})
		}
		if !slices.Contains(Recipients, o.Recipient) {
			at("unknown recipient %q", o.Recipient)
		}
		if o.Recipient != Individuals && o.Authority == "" {
			at("authority is missing")
		}
		switch o.Condition {
		case Always, HighRisk, AnyRisk:
		default:
			at("unknown condition %q", o.Condition)
		}
		if o.Citation == "" {
			at("citation is missing")
		}
		if len(o.SourceURLs) == 0 {
			at("source_urls is missing")
		}
		for _, msg := range checkClock(o.Clock, false) {
			at("clock: %s", msg)
		}
		if f := o.Followup; f != nil {
			for _, msg := range checkClock(*f, true) {
				at("followup: %s", msg)
			}
		}
		if !o.EffectiveFrom.IsZero() && !o.EffectiveTo.IsZero() && o.EffectiveTo.Before(o.EffectiveFrom) {
			at("effective_to is before effective_from")
		}
		if o.PerSubdivision && o.MinAffected == 0 {
			at("per_subdivision needs min_affected")
		}
		if o.MinAffected < 0 {
			at("min_affected must not be negative")
		}
		switch o.MinAffectedCounts {
		case "", CountResidents:
		case CountAllNotified, CountAllAffected:
			if o.MinAffected == 0 || o.PerSubdivision {
				at("min_affected_counts %q needs min_affected and is not per_subdivision", o.MinAffectedCounts)
			}
		default:
			at("unknown min_affected_counts %q (want %q, %q or %q)", o.MinAffectedCounts, CountResidents, CountAllNotified, CountAllAffected)
		}
	}
	usesBusinessDays := false
	for _, o := range j.Obligations {
		clocks := o.Clock.Clocks()
		if o.Followup != nil {
			clocks = append(clocks, o.Followup.Clocks()...)
		}
		for _, c := range clocks {
			if c.Unit == BusinessDays || c.RollForward {
				usesBusinessDays = true
			}
		}
	}
	if usesBusinessDays && (j.Holidays == nil || len(j.Holidays.Dates) == 0) {
		p.add("obligation", "a business_days or roll_forward clock needs a [holidays] table of the jurisdiction's public holidays")
	}
}

// checkClock returns what is wrong with a clock.
func checkClock(c Clock, followup bool) []string {
	if len(c.EarliestOf) > 0 {
		return checkEarliestOf(c, followup)
	}
	return checkOneClock(c, followup, false)
}

// checkEarliestOf checks a clock that is the earliest of several: no
// period of its own, the statute's words for the whole, at least two
// alternatives, each a valid clock (not itself an earliest_of).
func checkEarliestOf(c Clock, followup bool) []string {
	var out []string
	if c.Anchor != "" || c.Unit != "" || c.Amount != 0 || c.CountFirstDay || c.RollForward {
		out = append(out, "a clock with earliest_of takes no anchor, amount, unit or counting options of its own (its alternatives have them)")
	}
	if c.Words == "" {
		out = append(out, "words (the statute's own words) are missing")
	}
	if len(c.EarliestOf) < 2 {
		out = append(out, "earliest_of needs at least two clocks")
	}
	for i, alt := range c.EarliestOf {
		if len(alt.EarliestOf) > 0 {
			out = append(out, fmt.Sprintf("earliest_of[%d]: an alternative cannot itself be an earliest_of", i))
			continue
		}
		for _, msg := range checkOneClock(alt, followup, true) {
			out = append(out, fmt.Sprintf("earliest_of[%d]: %s", i, msg))
		}
	}
	return out
}

// checkOneClock returns what is wrong with a single clock; alternative:
// it is one of an earliest_of, where "individuals_notified" may have no
// period (the moment of the notice itself).
func checkOneClock(c Clock, followup, alternative bool) []string {
	var out []string
	switch c.Anchor {
	case IndividualsNotified:
		if !c.Fixed() && !alternative {
			out = append(out, fmt.Sprintf("anchor %q needs a fixed period (use %q for an open one)", c.Anchor, AfterNoticeToIndividual))
		}
	case FromDiscovery, FromDetermination, FromAssessment, AfterNoticeToIndividual, WithIndividuals, BeforeIndividuals:
	case FromInitialNotice:
		if !followup {
			out = append(out, fmt.Sprintf("anchor %q is only for a followup stage", c.Anchor))
		}
	default:
		out = append(out, fmt.Sprintf("unknown anchor %q", c.Anchor))
	}
	switch c.Unit {
	case Hours, CalendarDays, BusinessDays:
		if c.Amount <= 0 {
			out = append(out, fmt.Sprintf("amount must be positive for unit %q", c.Unit))
		}
		if c.Anchor == WithIndividuals || c.Anchor == BeforeIndividuals {
			out = append(out, fmt.Sprintf("anchor %q takes unit \"none\" (the due time is the individuals' own)", c.Anchor))
		}
	case UnitNone:
		if c.Amount != 0 {
			out = append(out, "amount must be 0 when unit is \"none\"")
		}
	default:
		out = append(out, fmt.Sprintf("unknown unit %q", c.Unit))
	}
	if c.Words == "" {
		out = append(out, "words (the statute's own words) are missing")
	}
	if (c.CountFirstDay || c.RollForward) && c.Unit != CalendarDays {
		out = append(out, "count_first_day and roll_forward are for unit \"calendar_days\"")
	}
	return out
}

// obligationLine returns the line of the i-th [[obligation]] header.
func obligationLine(src []byte, i int) int {
	n := -1
	for ln, l := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(l) == "[[obligation]]" {
			n++
			if n == i {
				return ln + 1
			}
		}
	}
	return 0
}
