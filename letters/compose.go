package letters

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// Recipient is the person a letter is written to.
type Recipient struct {
	Row            int
	CustomerID     string
	Name           string
	Email          string
	Street         string
	PostalCode     string
	City           string
	Region         string
	Country        string // ISO 3166-1 alpha-2
	Language       string // BCP 47, may be empty
	Categories     []string
	ActivationCode string
	// EnrollBy is this person's last day to use ActivationCode, when the
	// customer file gives one; zero means the incident's enroll_by.
	EnrollBy time.Time
}

// Section is one headed part of a letter.
type Section struct {
	Key        string // content key of the heading: what_happened, data_involved, ...
	Heading    string
	Paragraphs []Paragraph
}

// Paragraph is a run of text, a bulleted list or a numbered list.
type Paragraph struct {
	Key     string   // content key it satisfies, "" if none
	Text    string   // plain paragraph
	Bullets []string // unnumbered list
	Steps   []string // numbered list
}

// Letter is a composed letter, ready to render in any format.
type Letter struct {
	Lang       string // it, fr, en, zh, ru
	Paper      string // "A4" or "Letter"
	Country    string // recipient's country (address conventions)
	Brand      string
	LegalName  string
	Letterhead []string // sender's address lines and website
	Address    []string // recipient block, in the destination's order
	Date       string
	RefLabel   string
	RefLine    string // label and reference, punctuated the language's way
	Reference  string
	Title      string
	Salutation string
	Opening    string
	Sections   []Section
	Closing    string
	SignOff    string
	Signature  []string
	Subject    string
	FromName   string
	FromEmail  string
	ToName     string
	ToEmail    string
	Attachment string // email sentence about the attached PDF
	PageLabel  string // template with {{.Page}}/{{.Pages}}, already localized
	MinFont    float64
	// OfficialDomains are the organization's own domains: the only ones
	// the HTML email links to.
	OfficialDomains []string
	// ContentKeys are the content keys the letter carries.
	ContentKeys []string
	// Replaced counts characters of customer data outside the Basic
	// Multilingual Plane (e.g. emoji), replaced by U+FFFD.
	Replaced int
	catalog  *locales.Catalog
	// own: the recipient's data as given, whose characters the PDF writer
	// keeps out of the glyphs it shares between letters (Letter.SharedTexts).
	own []string
}

// Input is everything Compose needs.
type Input struct {
	Incident  *Incident
	Rules     *rules.Set
	Decision  rules.Decision
	Catalogs  locales.Catalogs
	Recipient Recipient
	// Date is the letter's date (from the run's clock).
	Date time.Time
	// Affected is the number of persons affected by the incident (the
	// accepted rows), for laws that require the letter to state it.
	Affected int
}

// ChooseLanguage picks the letter language: the person's own if supported,
// else the jurisdiction's default if supported, else English.
func ChooseLanguage(personLang string, j *rules.Jurisdiction) string {
	if l := locales.Match(personLang); l != "" {
		return l
	}
	if j != nil {
		if l := locales.Match(j.Language()); l != "" {
			return l
		}
	}
	return "en"
}

// Compose builds the letter for one recipient.
func Compose(in Input) (*Letter, error) {
	r := in.Recipient
	var replaced int
	clean := func(s string) string {
		s, n := replaceNonBMP(s)
		replaced += n
		return s
	}
	r.Name, r.Street, r.City, r.Region, r.PostalCode = clean(r.Name), clean(r.Street), clean(r.City), clean(r.Region), clean(r.PostalCode)
	r.ActivationCode = clean(r.ActivationCode)

	lang := ChooseLanguage(r.Language, in.Decision.Jurisdiction)
	cat := in.Catalogs[lang]
	if cat == nil {
		return nil, fmt.Errorf("letters: no catalog for language %q", lang)
	}
	text, err := in.Incident.TextFor(lang)
	if err != nil {
		return nil, err
	}
	org := in.Incident.Organization
	content := in.Decision.Content
	forbidden := func(key string) bool { return slices.Contains(content.Forbidden, key) }
	required := func(key string) bool { return slices.Contains(content.Required, key) }

	m := messenger{cat: cat}
	variant := r.Country
	date := func(t time.Time) string { return cat.Date(t, variant) }
	domain := ""
	if len(org.OfficialDomains) > 0 {
		domain = org.OfficialDomains[0]
	}
	base := map[string]any{"Brand": org.Brand, "Website": org.Website, "Domain": domain, "Name": r.Name}

	ref := in.Incident.Incident.ID + " / " + r.CustomerID
	l := &Letter{
		Lang: lang, Paper: paperFor(r.Country), Country: r.Country,
		Brand: org.Brand, LegalName: org.LegalName,
		Letterhead: []string{org.LegalName, org.PostalAddress, strings.TrimPrefix(strings.TrimPrefix(org.Website, "https://"), "http://")},
		Address:    FormatAddress(r, func(code string) string { return m.optional("country." + code) }),
		Date:       date(in.Date),
		RefLabel:   m.text("reference", nil),
		RefLine:    m.text("reference_line", map[string]any{"Reference": ref}),
		Reference:  ref,
		Title:      m.text("title", nil),
		own:        []string{r.Name, r.Email, r.CustomerID, r.ActivationCode, r.Street, r.PostalCode, r.City, r.Region},
		Salutation: m.text("salutation", base),
		Opening:    m.text("opening", base),
		Closing:    m.text("closing", nil),
		SignOff:    m.text("sign_off", nil),
		Signature:  nonEmpty(org.SignatoryName, org.SignatoryTitle, org.LegalName),
		Subject:    m.text("subject", base),
		FromName:   org.Brand, FromEmail: org.ContactEmail,
		ToName: r.Name, ToEmail: r.Email,
		Attachment:      m.text("attachment", nil),
		PageLabel:       m.text("page", map[string]any{"Page": "{{.Page}}", "Pages": "{{.Pages}}"}),
		MinFont:         content.MinFontSize,
		OfficialDomains: slices.Clone(org.OfficialDomains),
		catalog:         cat,
	}

	cats := slices.Clone(r.Categories)
	if len(cats) == 0 {
		cats = slices.Clone(in.Incident.Incident.DataCategories)
	}
	// The canonical order reads naturally: name, email, phone, ...
	slices.SortFunc(cats, func(a, b string) int {
		return slices.Index(rules.DataCategories, a) - slices.Index(rules.DataCategories, b)
	})
	f := in.Incident.Incident

	// A law that fixes the title and headings names them in English
	// (California: "Notice of Data Breach", "What Happened", ...). A letter
	// in another language carries the statutory English words after its
	// own, so the reader reads their language and the law's form is kept.
	statutory := func(key, msg, text string) string {
		sep := " — "
		if msg == "title" {
			sep = "\n" // the statutory title on a line of its own
		}
		fixed := key != "" && (content.Title == key || slices.Contains(content.Headings, key))
		en := in.Catalogs["en"]
		if !fixed || lang == "en" || en == nil {
			return text
		}
		s, err := en.Text(msg, map[string]any{})
		if err != nil || s == text {
			return text
		}
		return text + sep + s
	}
	l.Title = statutory(content.Title, "title", l.Title)
	heading := func(key string) string { return statutory(key, "heading."+key, m.text("heading."+key, nil)) }

	// What happened. A law that forbids describing the breach
	// (Massachusetts, M.G.L. c. 93H § 3(b): the notice "shall not include
	// the nature of the breach") gets no account of it: not the incident's
	// story, not its dates (unless another applicable law requires them),
	// and not the incident's own account of the measures taken, which
	// tells the nature too.
	describe := !forbidden("what_happened")
	if !describe {
		// The usual opening promises to explain what happened.
		l.Opening = m.text("opening.without_description", base)
	}
	happened := Section{Key: "what_happened", Heading: heading("what_happened")}
	if describe {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "what_happened", Text: strings.TrimSpace(text.WhatHappened)})
		if u := strings.TrimSpace(text.NotYetKnown); u != "" {
			happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "what_happened", Text: u})
		}
	}
	if (describe || required("date_range")) && !f.OccurredFrom.IsZero() && !f.OccurredTo.IsZero() && !forbidden("date_range") {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "date_range", Text: m.text("period", map[string]any{
			"From": date(f.OccurredFrom), "To": date(f.OccurredTo), "Discovered": date(f.DiscoveredAt)})})
	}
	if required("number_of_residents") && !forbidden("number_of_residents") && in.Affected > 0 {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "number_of_residents", Text: m.pluralData("statement.number_of_residents", in.Affected)})
	}
	if f.LawEnforcementDelay {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "law_enforcement_delay", Text: m.text("law_enforcement.delay", nil)})
	} else if required("law_enforcement_delay") {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "law_enforcement_delay", Text: m.text("law_enforcement.no_delay", nil)})
	}

	// What information was involved, and what it could mean.
	involved := Section{Key: "data_involved", Heading: heading("data_involved")}
	var items []string
	for _, c := range cats {
		items = append(items, m.text("category."+c, nil))
	}
	involved.Paragraphs = append(involved.Paragraphs,
		Paragraph{Key: "data_involved", Text: m.text("data_intro", nil)},
		Paragraph{Key: "data_involved", Bullets: items})
	consequences := []string{m.text("consequence.general", nil)}
	has := func(cs ...string) bool {
		for _, c := range cs {
			if slices.Contains(cats, c) {
				return true
			}
		}
		return false
	}
	if has("password") {
		consequences = append(consequences, m.text("consequence.password", nil))
	}
	if has("password_hash") {
		consequences = append(consequences, m.text("consequence.password_hash", nil))
	}
	if has("payment_card") {
		consequences = append(consequences, m.text("consequence.payment_card", nil))
	}
	if has("national_id", "passport", "drivers_license", "ssn", "tax_id") {
		consequences = append(consequences, m.text("consequence.identity", nil))
	}
	involved.Paragraphs = append(involved.Paragraphs, Paragraph{Key: "likely_consequences", Text: strings.Join(consequences, sentenceGap(lang))})

	// What we are doing.
	measures := strings.TrimSpace(text.WhatWeAreDoing)
	if !describe {
		measures = m.text("measures.without_description", nil)
	}
	doing := Section{Key: "measures_taken", Heading: heading("measures_taken"),
		Paragraphs: []Paragraph{{Key: "measures_taken", Text: measures + sentenceGap(lang) + m.text("followup", nil)}}}

	// What you can do: numbered, most important first.
	var steps []string
	if has("password", "password_hash", "security_qa") {
		steps = append(steps, m.text("step.password", base), m.text("step.two_factor", base))
	}
	if has("payment_card") {
		steps = append(steps, m.text("step.payment_card", nil))
	}
	if has("bank_account") {
		steps = append(steps, m.text("step.bank_account", nil))
	}
	us := r.Country == "US"
	if has("ssn") && us {
		steps = append(steps, m.text("step.ssn", nil))
	}
	if has("national_id", "passport", "drivers_license", "tax_id") || (has("ssn") && !us) {
		// Where the catalog knows what a resident of the person's country
		// can do (a credit-file check, a self-ban on loans...), say that.
		if local := "step.identity_local." + r.Country; cat.Has(local) {
			steps = append(steps, m.text(local, nil))
		} else {
			steps = append(steps, m.text("step.identity_document", nil))
		}
	}
	steps = append(steps, m.text("step.phishing", base))
	can := Section{Key: "steps_for_individual", Heading: statutory("steps_for_individual", "heading.steps", m.text("heading.steps", nil)),
		Paragraphs: []Paragraph{{Key: "steps_for_individual", Steps: steps}}}
	if o := in.Incident.Offer; o != nil && !forbidden("identity_protection_offer") {
		months := m.plural("months", o.Months)
		enrollBy := o.EnrollBy
		if !r.EnrollBy.IsZero() {
			enrollBy = r.EnrollBy
		}
		d := map[string]any{"Months": months, "Provider": o.Provider, "URL": o.EnrollURL, "EnrollBy": date(enrollBy), "Code": r.ActivationCode}
		key := "offer"
		if r.ActivationCode == "" {
			key = "offer_no_code"
			delete(d, "Code")
		}
		can.Paragraphs = append(can.Paragraphs, Paragraph{Key: "identity_protection_offer", Text: m.text(key, d)})
	}
	j := in.Decision.Jurisdiction
	if us && in.Rules != nil && j != nil {
		// The bureaus are listed where the law requires them for these data,
		// and wherever the letter tells the reader to contact them (the
		// security-freeze statement Massachusetts requires).
		freeze := required("security_freeze_info") && !forbidden("security_freeze_info")
		if freeze || has("ssn", "drivers_license", "national_id", "passport", "tax_id") && (required("cra_contacts") || has("ssn")) {
			var lines []string
			for _, a := range in.Rules.Agencies(j, "cra") {
				lines = append(lines, fmt.Sprintf("%s: %s, %s, %s", a.Name, a.Phone, a.Address, a.Website))
			}
			if len(lines) > 0 {
				can.Paragraphs = append(can.Paragraphs, Paragraph{Key: "cra_contacts", Text: m.text("cra_intro", nil)}, Paragraph{Key: "cra_contacts", Bullets: lines})
			}
		}
		if required("ftc_contact") || has("ssn") {
			for _, a := range in.Rules.Agencies(j, "ftc") {
				can.Paragraphs = append(can.Paragraphs, Paragraph{Key: "ftc_contact", Text: m.text("ftc", map[string]any{
					"Contact": fmt.Sprintf("%s, %s, %s", a.Website, a.Phone, a.Address)})})
			}
		}
	}

	// For more information.
	more := Section{Key: "contact_point", Heading: statutory("contact_point", "heading.contact", m.text("heading.contact", nil))}
	more.Paragraphs = append(more.Paragraphs, Paragraph{Key: "contact_point", Text: m.text("contact", map[string]any{
		"Email": org.ContactEmail, "Phone": in.Incident.PhoneFor(r.Country), "Address": org.PostalAddress})})
	if org.DPOName != "" && org.DPOEmail != "" {
		more.Paragraphs = append(more.Paragraphs, Paragraph{Key: "dpo_contact", Text: m.text("dpo", map[string]any{"DPOName": org.DPOName, "DPOEmail": org.DPOEmail})})
	}
	more.Paragraphs = append(more.Paragraphs, Paragraph{Text: m.text("verify", base)})

	l.Sections = []Section{involved, doing, can, more}
	if len(happened.Paragraphs) > 0 {
		l.Sections = append([]Section{happened}, l.Sections...)
	}
	// Statements a jurisdiction requires (Massachusetts: the right to a
	// police report and to a free security freeze; GDPR: the right to
	// complain to the supervisory authority).
	written := map[string]bool{} // a key one law requires and another advises
	for _, k := range slices.Concat(content.Required, content.Advised) {
		section, ok := statementKeys[k]
		if !ok || forbidden(k) || written[k] {
			continue
		}
		written[k] = true
		data, msg := map[string]any{}, "statement."+k
		if k == "state_regulator_contact" {
			auth, contact := regulatorOf(in)
			if auth == "" {
				continue
			}
			data["Authority"] = auth
			if contact == "" {
				msg = "statement.state_regulator_name"
			} else {
				data["Contact"] = contact
			}
		}
		for i := range l.Sections {
			if l.Sections[i].Key == section {
				l.Sections[i].Paragraphs = append(l.Sections[i].Paragraphs, Paragraph{Key: k, Text: m.text(msg, data)})
			}
		}
	}
	if m.err != nil {
		return nil, m.err
	}
	for _, s := range l.Sections {
		for _, p := range s.Paragraphs {
			if p.Key != "" && !slices.Contains(l.ContentKeys, p.Key) {
				l.ContentKeys = append(l.ContentKeys, p.Key)
			}
		}
	}
	if content.Title != "" {
		l.ContentKeys = append(l.ContentKeys, content.Title)
	}
	for _, k := range content.Required {
		if !slices.Contains(l.ContentKeys, k) && !Omittable(k, in) {
			return nil, fmt.Errorf("letters: customer %q: required content %q could not be written", r.CustomerID, k)
		}
	}
	l.Replaced = replaced
	return l, nil
}

// regulatorOf returns the authority (and its contact) to which the person's
// own jurisdiction reports breaches, for letters that must name it.
func regulatorOf(in Input) (string, string) {
	j := in.Decision.Jurisdiction
	if in.Rules == nil || j == nil {
		return "", ""
	}
	for _, o := range in.Rules.Obligations(j) {
		if o.Obligation.Recipient == rules.Regulator && !o.Obligation.OneStopShop {
			return o.Obligation.Authority, o.Obligation.Contact
		}
	}
	return "", ""
}

// Omittable reports whether a required key only applies in circumstances
// that are absent (e.g. no identity-protection offer was made).
func Omittable(k string, in Input) bool {
	switch k {
	case "identity_protection_offer":
		return in.Incident.Offer == nil
	case "cra_contacts":
		return true // required only when SSN or ID numbers were involved (Cal. Civ. Code § 1798.82(d)(2)(G))
	case "date_range":
		return in.Incident.Incident.OccurredFrom.IsZero()
	case "dpo_contact":
		return in.Incident.Organization.DPOName == "" // the contact point stands in (GDPR Art. 33(3)(b))
	case "number_of_residents":
		return in.Affected == 0
	case "state_regulator_contact":
		auth, _ := regulatorOf(in)
		return auth == ""
	}
	return false
}

func paperFor(country string) string {
	if country == "US" || country == "CA" {
		return "Letter"
	}
	return "A4"
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// replaceNonBMP replaces characters outside the Basic Multilingual Plane
// (which the PDF fonts cannot encode) with U+FFFD and counts them.
func replaceNonBMP(s string) (string, int) {
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n++
		}
	}
	if n == 0 {
		return s, 0
	}
	var b strings.Builder
	for _, r := range s {
		if r > 0xFFFF {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String(), n
}

// messenger renders catalog messages and keeps the first error.
type messenger struct {
	cat *locales.Catalog
	err error
}

func (m *messenger) text(key string, data any) string {
	if data == nil {
		data = map[string]any{}
	}
	s, err := m.cat.Text(key, data)
	if err != nil && m.err == nil {
		m.err = fmt.Errorf("letters: message %q in %q: %w", key, m.cat.Lang(), err)
	}
	return s
}

func (m *messenger) plural(key string, n int) string {
	s, err := m.cat.Plural(key, n, nil)
	if err != nil && m.err == nil {
		m.err = err
	}
	return s
}

// pluralData is plural for a message whose only datum is the count N.
func (m *messenger) pluralData(key string, n int) string {
	// The count is written with the language's digit grouping (1,234; 1.234; 1 234).
	s, err := m.cat.Plural(key, n, map[string]any{"N": m.cat.Number(n)})
	if err != nil && m.err == nil {
		m.err = err
	}
	return s
}

// optional returns a message or "" when the catalog has none.
func (m *messenger) optional(key string) string {
	if !m.cat.Has(key) {
		return ""
	}
	return m.text(key, nil)
}

// sentenceGap is what stands between two sentences: nothing in Chinese,
// whose full stop carries its own space, a space elsewhere.
func sentenceGap(lang string) string {
	if lang == "zh" {
		return ""
	}
	return " "
}
