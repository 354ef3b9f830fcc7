// Package letters composes breach-notification letters: the incident
// file, the letter's text and content, addresses and telephone numbers.
// letters/pdf renders a letter as print-ready PDF, letters/email as email.
package letters

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/idna"
	"golang.org/x/text/language"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
	"github.com/breachnotice/breachnotice/rules/tomllimit"
)

// ErrIncident is wrapped by every problem found in an incident file.
var ErrIncident = errors.New("letters: invalid incident file")

// Organization is the company that writes to its customers.
type Organization struct {
	LegalName       string   `toml:"legal_name"`
	Brand           string   `toml:"brand"`
	Country         string   `toml:"country"`
	Website         string   `toml:"website"`
	OfficialDomains []string `toml:"official_domains"`
	PostalAddress   string   `toml:"postal_address"`
	ContactEmail    string   `toml:"contact_email"`
	ContactPhone    string   `toml:"contact_phone"`
	// ContactPhones are numbers for readers in particular countries (ISO
	// code -> number), e.g. a toll-free line for US residents; readers
	// elsewhere get ContactPhone.
	ContactPhones map[string]string `toml:"contact_phones"`
	// ContactHours are the hours of ContactPhone per letter language
	// ("Monday to Friday, 9:00 to 18:00 CET").
	ContactHours map[string]string `toml:"contact_hours"`
	// Phones are numbers for readers in particular countries (ISO code),
	// with their hours per letter language; they take precedence over
	// ContactPhones.
	Phones   map[string]Phone `toml:"phones"`
	DPOName  string           `toml:"dpo_name"`
	DPOEmail string           `toml:"dpo_email"`
	// SignatoryTitle is the signatory's title as written where
	// SignatoryTitles has none for the letter's language (a warning then
	// says so); SignatoryTitles are the title per letter language.
	SignatoryName   string            `toml:"signatory_name"`
	SignatoryTitle  string            `toml:"signatory_title"`
	SignatoryTitles map[string]string `toml:"signatory_titles"`
	// Establishments are where the organization is established, the main
	// establishment first (ISO 3166-1 codes, or subdivisions such as
	// "US-CA"); empty means Country alone. Laws that reach an organization
	// by its establishment (GDPR Art. 3(1)) apply through them.
	Establishments []string `toml:"establishments"`
	// Type is the kind of organization (rules.OrganizationTypes; empty: a
	// business): some laws bind only some kinds.
	Type string `toml:"type"`
	// Targets are the territories whose persons it offers goods or
	// services to or monitors (GDPR Art. 3(2)); nil when not stated (every
	// territory where affected persons live is then assumed).
	Targets *[]string `toml:"targets"`
	// CustomerTwoStep: customers can turn on two-step sign-in for their
	// account with the organization. Only then does a letter tell them
	// to; otherwise it advises two-step sign-in for their email account.
	CustomerTwoStep bool `toml:"customer_two_step"`
}

// Phone is a contact number for readers in one country.
type Phone struct {
	Number string `toml:"number"`
	// Hours are when it answers, per letter language.
	Hours map[string]string `toml:"hours"`
}

// Decision is counsel's decision on a conflict between two laws that
// reach one person (an [[decision]] of the incident file).
type Decision struct {
	// Conflict is the forbidding jurisdiction and the content key, as
	// reported: "US-MA:what_happened".
	Conflict string `toml:"conflict"`
	// Resolve is "omit" or "include".
	Resolve string `toml:"resolve"`
	By      string `toml:"by"`
	Note    string `toml:"note"`
}

// IncidentText is the incident's free text in one language.
type IncidentText struct {
	WhatHappened   string `toml:"what_happened"`
	WhatWeAreDoing string `toml:"what_we_are_doing"`
	// NotYetKnown says plainly what the investigation has not established
	// yet (optional), so the letter need not hedge about what is known.
	NotYetKnown string `toml:"not_yet_known"`
	// MeasuresWithoutDescription is the account of the measures taken in
	// words that do not tell the nature of the breach (optional), for the
	// letters a law forbids to describe it (Massachusetts); without it they
	// carry a general sentence.
	MeasuresWithoutDescription string `toml:"what_we_are_doing_without_description"`
}

// IncidentFacts is the [incident] table.
type IncidentFacts struct {
	ID           string    `toml:"id"`
	DiscoveredAt time.Time `toml:"discovered_at"`
	DeterminedAt time.Time `toml:"determined_at"`
	AssessedAt   time.Time `toml:"assessed_at"`
	// IndividualsNotifiedAt records when the letters actually went out
	// (optional): clocks such as California's AG sample copy count from it.
	IndividualsNotifiedAt time.Time `toml:"individuals_notified_at"`
	OccurredFrom          time.Time `toml:"occurred_from"`
	OccurredTo            time.Time `toml:"occurred_to"`
	DataCategories        []string  `toml:"data_categories"`
	// PaymentCardElements are the parts of the payment card data that
	// were involved (PaymentCardElements lists them: number, expiry,
	// security_code), so the letter names them; empty: not known.
	PaymentCardElements []string `toml:"payment_card_elements"`
	// PasswordsReset: the organization has reset the passwords of the
	// affected accounts, so the letter tells the reader to choose a new
	// one at the next sign-in rather than to change the old one.
	PasswordsReset bool   `toml:"passwords_reset"`
	Encrypted      bool   `toml:"encrypted"`
	KeyCompromised bool   `toml:"key_compromised"`
	Risk           string `toml:"risk_to_individuals"`
	// LawEnforcementDelay: notice was delayed at the request of law enforcement.
	LawEnforcementDelay bool `toml:"law_enforcement_delay"`
	// VoluntaryNotice lists jurisdiction ids (or "*" for all) where the
	// organization writes also to persons the law does not require it to
	// notify: its own decision, recorded as such in the manifest.
	VoluntaryNotice []string `toml:"voluntary_notice"`
	// Profiles select opt-in rule overlays: "hipaa" (a HIPAA covered
	// entity), "sec" (an SEC registrant), "nydfs" (a NYDFS Part 500 entity).
	Profiles []string                `toml:"profiles"`
	Text     map[string]IncidentText `toml:"text"`
	// AuthoritiesNotified are the jurisdiction ids whose authority the
	// organization has notified of the breach (["IT"]): a letter says so
	// only where it is recorded here (CheckAuthorities).
	AuthoritiesNotified []string `toml:"authorities_notified"`
}

// Offer is an optional identity-protection offer.
type Offer struct {
	Provider string `toml:"identity_protection_provider"`
	Months   int    `toml:"identity_protection_months"`
	// EnrollURL is the enrolment address for letters in a language
	// EnrollURLs has none for.
	EnrollURL  string            `toml:"enroll_url"`
	EnrollURLs map[string]string `toml:"enroll_urls"`
	EnrollBy   time.Time         `toml:"enroll_by"`
	// ValidIn is where the offer is made: ISO country codes ("US"),
	// jurisdiction ids ("US-CA") or "*" for everywhere. Required: a
	// monitoring product of one country is not offered elsewhere unless
	// the incident says so.
	ValidIn []string `toml:"valid_in"`
	// Includes says what the service includes, per letter language.
	Includes map[string]string `toml:"includes"`
}

// ValidFor reports whether the offer is made to a reader in country
// whose letter follows the jurisdictions ids (a subdivision's id, "US-CA",
// counts for its country too).
func (o *Offer) ValidFor(country string, ids []string) bool {
	for _, v := range o.ValidIn {
		if v == "*" || v == country || slices.Contains(ids, v) {
			return true
		}
		for _, id := range ids {
			if cc, _, ok := strings.Cut(id, "-"); ok && cc == v {
				return true
			}
		}
	}
	return false
}

// URLFor is the enrolment address for a letter in lang.
func (o *Offer) URLFor(lang string) string {
	if u := o.EnrollURLs[lang]; u != "" {
		return u
	}
	return o.EnrollURL
}

// Incident is a decoded incident file.
type Incident struct {
	Organization Organization  `toml:"organization"`
	Incident     IncidentFacts `toml:"incident"`
	Offer        *Offer        `toml:"offer"`
	Decisions    []Decision    `toml:"decision"`
}

// Facts returns what the rules need of the incident.
func (in *Incident) Facts() rules.Facts {
	return rules.Facts{
		DiscoveredAt:          in.Incident.DiscoveredAt,
		DeterminedAt:          in.Incident.DeterminedAt,
		AssessedAt:            in.Incident.AssessedAt,
		IndividualsNotifiedAt: in.Incident.IndividualsNotifiedAt,
		Encrypted:             in.Incident.Encrypted,
		KeyCompromised:        in.Incident.KeyCompromised,
		Risk:                  rules.Risk(in.Incident.Risk),
		OrganizationCountry:   in.Organization.Country,
		Establishments:        in.Organization.Establishments,
		OrganizationType:      in.Organization.Type,
		Targets:               in.targets(),
		TargetsStated:         in.Organization.Targets != nil,
		Profiles:              in.Incident.Profiles,
		Decisions:             in.decisions(),
	}
}

func (in *Incident) targets() []string {
	if in.Organization.Targets == nil {
		return nil
	}
	return *in.Organization.Targets
}

func (in *Incident) decisions() []rules.CounselDecision {
	var out []rules.CounselDecision
	for _, d := range in.Decisions {
		out = append(out, rules.CounselDecision(d))
	}
	return out
}

// CheckProfiles reports the incident's profiles that set does not know.
func (in *Incident) CheckProfiles(set *rules.Set) error {
	known := set.Profiles()
	for _, p := range in.Incident.Profiles {
		if !slices.Contains(known, p) {
			return fmt.Errorf("%w: incident.profiles: unknown profile %q (known: %s)", ErrIncident, p, strings.Join(known, ", "))
		}
	}
	return nil
}

// CheckAuthorities reports the incident's authorities_notified that set
// does not know.
func (in *Incident) CheckAuthorities(set *rules.Set) error {
	for _, id := range in.Incident.AuthoritiesNotified {
		if _, ok := set.Get(id); !ok {
			return fmt.Errorf("%w: incident.authorities_notified: unknown jurisdiction id %q", ErrIncident, id)
		}
	}
	return nil
}

// Notified reports whether the authority of jurisdiction id was notified.
func (in *Incident) Notified(id string) bool {
	return id != "" && slices.Contains(in.Incident.AuthoritiesNotified, id)
}

// LoadIncident decodes an incident file strictly (an unknown key is an
// error with file and line) and validates it. name is used in messages.
// A decoded file with problems is an *IncidentError.
func LoadIncident(name string, r io.Reader) (*Incident, error) {
	data, err := tomllimit.ReadAll(r)
	var in Incident
	var md toml.MetaData
	if err == nil {
		if probs := placeholders(name, data); len(probs) > 0 {
			return nil, &IncidentError{File: name, Problems: probs}
		}
		md, err = tomllimit.Decode(data, &in)
	} else if !errors.Is(err, tomllimit.ErrLimit) {
		return nil, fmt.Errorf("letters: reading %s: %w", name, err)
	}
	if err != nil {
		return nil, &IncidentError{File: name, Problems: []string{decodeProblem(name, err)}}
	}
	var probs []string
	for _, k := range md.Undecoded() {
		probs = append(probs, at(name, rules.KeyLine(data, k))+fmt.Sprintf("unknown key %q (see docs/incident.md)", k.String()))
	}
	for _, p := range in.validate() {
		probs = append(probs, at(name, rules.KeyLine(data, p.key))+p.msg)
	}
	if len(probs) > 0 {
		sort.Strings(probs)
		return nil, &IncidentError{File: name, Problems: probs}
	}
	return &in, nil
}

// Placeholder starts the values of a template incident file (breachnotice
// init) that must be replaced: "TODO your company's registered name".
const Placeholder = "TODO"

var (
	tableLine       = regexp.MustCompile(`^\s*\[\[?\s*([^\]\s]+)\s*\]`)
	placeholderLine = regexp.MustCompile(`^\s*"?([A-Za-z0-9_-]+)"?\s*=\s*\[?\s*"` + Placeholder + `\b`)
)

// placeholders lists the keys of data whose value is still a template's
// placeholder, each at its line. They are found in the text, before it is
// decoded: a placeholder where a date belongs is not a date.
func placeholders(name string, data []byte) []string {
	var probs []string
	table := ""
	for i, line := range strings.Split(string(data), "\n") {
		if m := tableLine.FindStringSubmatch(line); m != nil {
			table = m[1] + "."
			continue
		}
		if m := placeholderLine.FindStringSubmatch(line); m != nil {
			probs = append(probs, at(name, i+1)+fmt.Sprintf("%s%s is still a placeholder (%q): fill it in (docs/incident.md)", table, m[1], Placeholder+" ..."))
		}
	}
	return probs
}

// IncidentError is an incident file with problems, each "FILE:LINE: what"
// ("FILE: what" for a key the file lacks). It is ErrIncident.
type IncidentError struct {
	File     string
	Problems []string
}

func (e *IncidentError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0]
	}
	return fmt.Sprintf("%s: %d problems:\n%s", e.File, len(e.Problems), strings.Join(e.Problems, "\n"))
}

// Is reports whether target is ErrIncident.
func (e *IncidentError) Is(target error) bool { return target == ErrIncident }

// at is "name:line: ", or "name: " when line is 0 (the key is not in the
// file).
func at(name string, line int) string {
	if line <= 0 {
		return name + ": "
	}
	return fmt.Sprintf("%s:%d: ", name, line)
}

// decodeError matches the TOML decoder's type errors, which carry their
// position in the message: `toml: line 2 (last key "a.b"): ...`.
var decodeError = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)

// decodeProblem words an error of the TOML decoder for the user: at its
// line, the key, and what was expected in plain words.
func decodeProblem(name string, err error) string {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		msg, line := perr.Message, perr.Position.Line
		if v := badTime.FindStringSubmatch(msg); v != nil {
			msg = fmt.Sprintf("%s %s is not a date and time such as 2026-11-22T10:00:00+01:00 (or a date alone, such as 2026-11-22, without quotes)", perr.LastKey, v[1])
		}
		// The decoder counts the end of a line as the next line.
		if cut, ok := strings.CutSuffix(msg, `but got '\n' instead`); ok {
			msg, line = cut+"but the line ends", max(line-1, 1)
		}
		return at(name, line) + msg
	}
	m := decodeError.FindStringSubmatch(err.Error())
	if m == nil {
		return name + ": " + strings.TrimPrefix(err.Error(), "toml: ")
	}
	line, _ := strconv.Atoi(m[1])
	return at(name, line) + m[2] + ": " + typeWords(m[3])
}

// badTime matches the decoder's message for a quoted time it cannot read.
var badTime = regexp.MustCompile(`^parsing time ("[^"]*")`)

// typeMismatch is the TOML decoder's message for a value of the wrong type.
var typeMismatch = regexp.MustCompile(`^incompatible types: TOML value has type (\S+); destination has type (\S+)$`)

// typeWords says a type mismatch in the words of a TOML file.
func typeWords(msg string) string {
	m := typeMismatch.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	words := map[string]string{
		"string": "text in quotes", "int64": "a number", "integer": "a number", "float64": "a number", "float": "a number",
		"bool": "true or false", "slice": "a list [...]", "[]interface {}": "a list [...]", "array": "a list [...]",
		"map": "a table", "map[string]interface {}": "a table", "struct": "a table", "time.Time": "a date",
	}
	word := func(t string) string {
		if w, ok := words[t]; ok {
			return w
		}
		return t
	}
	return fmt.Sprintf("want %s, not %s", word(m[2]), word(m[1]))
}

type problem struct {
	key toml.Key
	msg string
}

func (in *Incident) validate() []problem {
	var ps []problem
	add := func(key, format string, args ...any) {
		ps = append(ps, problem{toml.Key(strings.Split(key, ".")), fmt.Sprintf(format, args...)})
	}
	o := in.Organization
	for key, v := range map[string]string{
		"organization.legal_name": o.LegalName, "organization.brand": o.Brand, "organization.country": o.Country,
		"organization.website": o.Website, "organization.postal_address": o.PostalAddress,
		"organization.contact_email": o.ContactEmail, "organization.contact_phone": o.ContactPhone, "organization.signatory_name": o.SignatoryName,
		"incident.id": in.Incident.ID,
	} {
		if strings.TrimSpace(v) == "" {
			add(key, "%s is missing", key)
		}
	}
	if len(o.OfficialDomains) == 0 {
		add("organization.official_domains", "organization.official_domains is missing")
	}
	if o.Website != "" && !in.Official(o.Website) {
		add("organization.website", "website %q is not on an official domain %q", o.Website, o.OfficialDomains)
	}
	for key, e := range map[string]string{"organization.contact_email": o.ContactEmail, "organization.dpo_email": o.DPOEmail} {
		if e == "" {
			continue
		}
		a, err := mail.ParseAddress(e)
		if err != nil || a.Address != e {
			add(key, "%s %q is not a plain email address", key, e)
			continue
		}
		if key == "organization.contact_email" && !in.OfficialHost(e[strings.LastIndex(e, "@")+1:]) {
			add(key, "contact_email %q is not on an official domain %q: letters must come from the organization's own domain", e, o.OfficialDomains)
		}
	}
	if o.ContactPhone != "" {
		if _, err := ParsePhone(o.ContactPhone, o.Country); err != nil {
			add("organization.contact_phone", "contact_phone %q is not a phone number: write it in international form, e.g. \"+39 02 1234 5678\"", o.ContactPhone)
		}
	}
	ps = append(ps, countryPhoneProblems("contact_phones", "", o.ContactPhones)...)
	f := in.Incident
	var withUnknown, without []string
	for _, lang := range slices.Sorted(maps.Keys(f.Text)) {
		if strings.TrimSpace(f.Text[lang].NotYetKnown) != "" {
			withUnknown = append(withUnknown, lang)
		} else {
			without = append(without, lang)
		}
	}
	if len(withUnknown) > 0 && len(without) > 0 {
		add("incident.text", "not_yet_known is given in %s but not in %s: a reader must learn the same in every language", strings.Join(withUnknown, ", "), strings.Join(without, ", "))
	}
	ps = append(ps, textKeyProblems(f.Text)...)
	if f.DiscoveredAt.IsZero() {
		add("incident.discovered_at", "incident.discovered_at is missing")
	}
	if !f.OccurredFrom.IsZero() && !f.OccurredTo.IsZero() && f.OccurredTo.Before(f.OccurredFrom) {
		add("incident.occurred_to", "incident.occurred_to is before occurred_from")
	}
	if !f.DeterminedAt.IsZero() && !f.DiscoveredAt.IsZero() && f.DeterminedAt.Before(f.DiscoveredAt) {
		add("incident.determined_at", "incident.determined_at %s is before discovered_at %s: a breach cannot be determined before it is discovered",
			f.DeterminedAt.Format(time.RFC3339), f.DiscoveredAt.Format(time.RFC3339))
	}
	for _, e := range f.PaymentCardElements {
		if !slices.Contains(PaymentCardElements, e) {
			add("incident.payment_card_elements", "unknown payment card element %q (known: %s)", e, strings.Join(PaymentCardElements, ", "))
		}
	}
	if len(f.PaymentCardElements) > 0 && !slices.Contains(f.DataCategories, "payment_card") {
		add("incident.payment_card_elements", "payment_card_elements is given but data_categories does not list payment_card")
	}
	if !f.IndividualsNotifiedAt.IsZero() && f.IndividualsNotifiedAt.Before(f.DiscoveredAt) {
		add("incident.individuals_notified_at", "incident.individuals_notified_at is before discovered_at")
	}
	switch rules.Risk(f.Risk) {
	case rules.RiskNone, rules.RiskLow, rules.RiskHigh:
	default:
		add("incident.risk_to_individuals", "risk_to_individuals %q must be \"none\", \"low\" or \"high\"", f.Risk)
	}
	for _, c := range f.DataCategories {
		if !slices.Contains(rules.DataCategories, c) {
			add("incident.data_categories", "unknown data category %q (known: %s; see docs/incident.md)", c, strings.Join(rules.DataCategories, ", "))
		}
	}
	if msg := rules.CheckOrganization(o.Establishments, o.Type, in.targets()); msg != "" {
		add("organization.establishments", "%s", msg)
	}
	for i, d := range in.Decisions {
		if msg := rules.CheckDecision(rules.CounselDecision(d)); msg != "" {
			add("decision", "decision %d: %s", i+1, msg)
		}
	}
	ps = append(ps, in.validateOffer()...)
	ps = append(ps, in.validateLocalized()...)
	return ps
}

// validateOffer checks the [offer] table.
func (in *Incident) validateOffer() []problem {
	var ps []problem
	add := func(key, format string, args ...any) {
		ps = append(ps, problem{toml.Key(strings.Split(key, ".")), fmt.Sprintf(format, args...)})
	}
	o := in.Offer
	if o == nil {
		return nil
	}
	if o.Provider == "" || o.Months <= 0 || o.EnrollURL == "" || o.EnrollBy.IsZero() {
		add("offer", "offer needs identity_protection_provider, identity_protection_months, enroll_url and enroll_by")
	}
	if len(o.ValidIn) == 0 {
		add("offer", "offer.valid_in is missing: list where the offer is made (countries such as \"US\", jurisdiction ids such as \"US-CA\", or \"*\" for everywhere)")
	}
	for _, v := range o.ValidIn {
		if v != "*" && !validIn.MatchString(v) {
			add("offer.valid_in", "offer.valid_in %q is not a country code, a jurisdiction id or \"*\"", v)
		}
	}
	urls := map[string]string{"offer.enroll_url": o.EnrollURL}
	for lang, u := range o.EnrollURLs {
		urls["offer.enroll_urls."+lang] = u
	}
	for _, key := range slices.Sorted(maps.Keys(urls)) {
		if u := urls[key]; u != "" && !in.Official(u) {
			add(key, "%s %q is not on an official domain %q", strings.TrimPrefix(key, "offer."), u, in.Organization.OfficialDomains)
		}
	}
	return ps
}

// validIn matches a country code or a jurisdiction id of offer.valid_in.
var validIn = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,12})?$`)

// validateLocalized checks the texts given per letter language (titles,
// hours, the offer's contents) and the numbers per country.
func (in *Incident) validateLocalized() []problem {
	var ps []problem
	add := func(key, format string, args ...any) {
		ps = append(ps, problem{toml.Key(strings.Split(key, ".")), fmt.Sprintf(format, args...)})
	}
	o := in.Organization
	perLang := map[string]map[string]string{"organization.signatory_titles": o.SignatoryTitles, "organization.contact_hours": o.ContactHours}
	if in.Offer != nil {
		perLang["offer.includes"] = in.Offer.Includes
		perLang["offer.enroll_urls"] = in.Offer.EnrollURLs
	}
	numbers := map[string]string{}
	for cc, p := range o.Phones {
		perLang["organization.phones."+cc+".hours"] = p.Hours
		numbers[cc] = p.Number
	}
	ps = append(ps, countryPhoneProblems("phones", ".number", numbers)...)
	for _, key := range slices.Sorted(maps.Keys(perLang)) {
		for _, lang := range slices.Sorted(maps.Keys(perLang[key])) {
			if locales.Match(lang) != lang {
				add(key, "%s: %q is not a letter language (%s)", key, lang, "it, fr, en, zh, ru")
			} else if strings.TrimSpace(perLang[key][lang]) == "" {
				add(key, "%s.%s is empty", key, lang)
			}
		}
	}
	return ps
}

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// countryPhoneProblems checks a table of numbers per country
// (organization.<table>.<CC><field>): ISO country codes, numbers that parse.
func countryPhoneProblems(table, field string, numbers map[string]string) []problem {
	var ps []problem
	for _, cc := range slices.Sorted(maps.Keys(numbers)) {
		key := "organization." + table + "." + cc
		if !countryCode.MatchString(cc) {
			ps = append(ps, problem{toml.Key(strings.Split(key, ".")), fmt.Sprintf("%s key %q is not an ISO 3166-1 alpha-2 country code (\"US\", \"FR\")", table, cc)})
			continue
		}
		if _, err := ParsePhone(numbers[cc], cc); err != nil {
			ps = append(ps, problem{toml.Key(strings.Split(key, ".")), fmt.Sprintf("%s.%s%s %q is not a phone number: write it in international form, e.g. \"+1 800 555 0100\"", table, cc, field, numbers[cc])})
		}
	}
	return ps
}

// PaymentCardElements are the parts of payment card data an incident may
// name, in the order a letter lists them.
var PaymentCardElements = []string{"number", "expiry", "security_code"}

// PhoneFor returns the organization's contact number for a reader in
// country, written as that reader dials it.
func (in *Incident) PhoneFor(country string) string {
	p := in.ContactFor(country)
	if p.Number == "" {
		return ""
	}
	return FormatPhone(p.Number, p.Country, country)
}

// Contact is the number a reader is given, the country it is in, and its
// hours per language.
type Contact struct {
	Number  string
	Country string
	Hours   map[string]string
	// Own: the number is for the reader's country (phones or
	// contact_phones), not the organization's main one.
	Own bool
}

// ContactFor returns the number for a reader in country: phones, then
// contact_phones, then contact_phone with contact_hours.
func (in *Incident) ContactFor(country string) Contact {
	o := in.Organization
	if p, ok := o.Phones[country]; ok {
		return Contact{Number: p.Number, Country: country, Hours: p.Hours, Own: true}
	}
	if p, ok := o.ContactPhones[country]; ok {
		return Contact{Number: p, Country: country, Own: true}
	}
	return Contact{Number: o.ContactPhone, Country: o.Country, Hours: o.ContactHours}
}

// Official reports whether rawURL is an https or http URL on one of the
// organization's official domains (or a subdomain of one).
func (in *Incident) Official(rawURL string) bool {
	return onDomains(rawURL, in.Organization.OfficialDomains)
}

// OfficialHost reports whether host is one of the organization's official
// domains or a subdomain of one.
func (in *Incident) OfficialHost(host string) bool {
	return hostOnDomains(host, in.Organization.OfficialDomains)
}

// onDomains reports whether rawURL is an https or http URL, without user
// information, whose host is one of domains or a subdomain of one.
func onDomains(rawURL string, domains []string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil {
		return false
	}
	return hostOnDomains(u.Hostname(), domains)
}

func hostOnDomains(host string, domains []string) bool {
	host = asciiHost(strings.TrimSuffix(host, "."))
	for _, d := range domains {
		d = asciiHost(d)
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// Subject is what the rules decide on for person p of the incident: where
// p lives and p's data categories (Categories).
func (in *Incident) Subject(p customers.Person) rules.Subject {
	return rules.Subject{Country: p.Country, Region: p.Region, Categories: in.Categories(p.DataCategories)}
}

// Voluntary reports whether the organization chose to write to persons of
// jurisdiction id whom the law does not require it to notify.
func (in *Incident) Voluntary(id string) bool {
	return slices.Contains(in.Incident.VoluntaryNotice, "*") || slices.Contains(in.Incident.VoluntaryNotice, id)
}

// textKeyProblems checks the languages of [incident.text.X]: a base
// language ("fr") or a regional variant of one given too ("fr-CA", with
// [incident.text.fr]).
func textKeyProblems(text map[string]IncidentText) []problem {
	var ps []problem
	for _, k := range slices.Sorted(maps.Keys(text)) {
		base, region, _ := strings.Cut(k, "-")
		key := toml.Key{"incident", "text", k}
		if tag, err := language.Parse(k); err != nil || tag.String() != k || !textKey.MatchString(k) {
			ps = append(ps, problem{key, fmt.Sprintf("incident.text.%s: %q is not a language (\"fr\") or a regional variant of one (\"fr-CA\")", k, k)})
			continue
		}
		if _, ok := text[base]; region != "" && !ok {
			ps = append(ps, problem{key, fmt.Sprintf("incident.text.%s is given without [incident.text.%s], which readers of %s elsewhere get", k, base, base)})
		}
	}
	return ps
}

var textKey = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2})?$`)

// ErrMissingText is wrapped when the incident lacks free text in a language
// a letter is written in.
var ErrMissingText = errors.New("letters: incident text missing")

// TextFor returns the incident's free text for a locale ("fr", or a
// regional variant "fr-CA", whose own [incident.text.fr-CA] is optional
// and falls back to its language's), or an error naming the language and
// the missing key. Another language's text is never used.
func (in *Incident) TextFor(locale string) (IncidentText, error) {
	lang := locale
	if _, ok := in.Incident.Text[locale]; !ok {
		lang, _, _ = strings.Cut(locale, "-")
	}
	t, ok := in.Incident.Text[lang]
	switch {
	case !ok:
		return t, fmt.Errorf("%w: [incident.text.%s] is missing (needed for letters in %q)", ErrMissingText, lang, lang)
	case strings.TrimSpace(t.WhatHappened) == "":
		return t, fmt.Errorf("%w: incident.text.%s.what_happened is missing", ErrMissingText, lang)
	case strings.TrimSpace(t.WhatWeAreDoing) == "":
		return t, fmt.Errorf("%w: incident.text.%s.what_we_are_doing is missing", ErrMissingText, lang)
	}
	return t, nil
}

// The kinds of IncidentWarning.
const (
	// WarnDateOutside: the account names a date outside occurred_from ..
	// the latest date the incident knows (discovered_at or later).
	WarnDateOutside = "account_date_outside"
	// WarnDiscoveryDate: a sentence of the account tells of the discovery
	// on a date other than discovered_at.
	WarnDiscoveryDate = "account_discovery_date"
)

// IncidentWarning is a fact of the incident file that contradicts
// another, though neither is impossible on its own.
type IncidentWarning struct {
	Kind  string
	Field string // the incident text's key: "incident.text.en.what_happened"
	Said  string // the date as the account writes it
	Date  string // that date as read, YYYY-MM-DD
	Want  string // what the incident's dates allow
}

// String says what is wrong and where.
func (w IncidentWarning) String() string {
	if w.Kind == WarnDiscoveryDate {
		return fmt.Sprintf("%s tells of the discovery on %q (%s), but discovered_at is %s", w.Field, w.Said, w.Date, w.Want)
	}
	return fmt.Sprintf("%s names %q (%s), outside %s", w.Field, w.Said, w.Date, w.Want)
}

// Check reports the incident's contradictions (IncidentWarning): dates
// its account names, read with each language's catalog, outside the
// period from occurred_from to the latest date it knows, and a sentence
// telling of the discovery (the catalog's discovery_words) on a date
// other than discovered_at. Languages without a catalog are not read.
func (in *Incident) Check(cats locales.Catalogs) []IncidentWarning {
	var out []IncidentWarning
	for _, lang := range slices.Sorted(maps.Keys(in.Incident.Text)) {
		cat := cats[lang]
		if cat == nil {
			continue
		}
		t := in.Incident.Text[lang]
		for _, f := range []struct{ key, text string }{
			{"what_happened", t.WhatHappened}, {"what_we_are_doing", t.WhatWeAreDoing}, {"not_yet_known", t.NotYetKnown},
		} {
			out = append(out, in.checkText(cat, "incident.text."+lang+"."+f.key, f.text)...)
		}
	}
	return out
}

func (in *Incident) checkText(cat *locales.Catalog, field, text string) []IncidentWarning {
	f := in.Incident
	var out []IncidentWarning
	last := f.DiscoveredAt
	for _, t := range []time.Time{f.OccurredTo, f.DeterminedAt, f.AssessedAt, f.IndividualsNotifiedAt} {
		if t.After(last) {
			last = t
		}
	}
	from, to := dayOf(f.OccurredFrom), dayOf(last)
	words := discoveryWords(cat)
	for _, s := range sentences(text) {
		found := cat.FindDates(s)
		for _, d := range found {
			day := in.dayOfFound(d)
			if (!f.OccurredFrom.IsZero() && day < from) || day > to {
				out = append(out, IncidentWarning{Kind: WarnDateOutside, Field: field, Said: s[d.Start:d.End], Date: day,
					Want: fmt.Sprintf("occurred_from %s .. %s (the latest date of the incident)", orNone(from), to)})
			}
		}
		if len(found) == 0 || !containsAny(strings.ToLower(s), words) {
			continue
		}
		if !slices.ContainsFunc(found, func(d locales.FoundDate) bool { return in.dayOfFound(d) == dayOf(f.DiscoveredAt) }) {
			d := found[0]
			out = append(out, IncidentWarning{Kind: WarnDiscoveryDate, Field: field, Said: s[d.Start:d.End], Date: in.dayOfFound(d), Want: dayOf(f.DiscoveredAt)})
		}
	}
	return out
}

// dayOf is the calendar day of t where it was written, "" for none.
func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func orNone(s string) string {
	if s == "" {
		return "(not given)"
	}
	return s
}

// dayOfFound is the calendar day of a date the account names: a date
// without a year is in the discovery's year, or the year before when that
// would put it more than two months after the discovery.
func (in *Incident) dayOfFound(d locales.FoundDate) string {
	y := d.Year
	disc := in.Incident.DiscoveredAt
	if y == 0 {
		y = disc.Year()
		if time.Date(y, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).After(disc.AddDate(0, 2, 0)) {
			y--
		}
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, d.Month, d.Day)
}

// discoveryWords are the catalog's words that tell of a discovery.
func discoveryWords(cat *locales.Catalog) []string {
	s, err := cat.Text("discovery_words", nil)
	if err != nil {
		return nil
	}
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// sentences splits a text after each full stop, question or exclamation
// mark that ends it or is followed by a space, and after Chinese ones.
func sentences(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	for i, r := range rs {
		end := false
		switch r {
		case '。', '！', '？', '；':
			end = true
		case '.', '!', '?':
			end = i+1 == len(rs) || unicode.IsSpace(rs[i+1])
			// "19 ноября 2026 г. ..." goes on.
			end = end && !(r == '.' && i >= 2 && rs[i-1] == 'г' && (unicode.IsSpace(rs[i-2]) || rs[i-2] == '\u00a0'))
		}
		if end {
			if s := strings.TrimSpace(string(rs[start : i+1])); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

// asciiHost is host lowercased in its ASCII form (an internationalized
// domain as punycode, as the email's headers write it), or lowercased as
// it is when it has none.
func asciiHost(host string) string {
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		return strings.ToLower(a)
	}
	return strings.ToLower(host)
}
