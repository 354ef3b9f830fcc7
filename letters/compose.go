package letters

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

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
	Lang string // it, fr, en, zh, ru
	// Locale is the catalog the letter is written from: Lang, or its
	// regional variant for the reader's country ("en-GB").
	Locale     string
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
	// PrintedID is the customer id as the letter prints it (PrintedID):
	// shortened when it is too long for the paper.
	PrintedID  string
	Title      string
	Salutation string
	// EmailSalutation and EmailSignOff are the email's greeting and close
	// where the language writes them otherwise than on paper (French:
	// "Bonjour Camille Dubois," where the letter says "Madame, Monsieur,").
	EmailSalutation, EmailSignOff string
	Opening                       string
	Sections                      []Section
	Closing                       string
	SignOff                       string
	Signature                     []string
	Subject                       string
	FromName                      string
	FromEmail                     string
	ToName                        string
	ToEmail                       string
	Attachment                    string // email sentence about the attached PDF
	PageLabel                     string // template with {{.Page}}/{{.Pages}}, already localized
	MinFont                       float64
	// ContentKeys are the content keys the letter carries.
	ContentKeys []string
	// AttachmentName is the attached PDF's name in the letter's language,
	// without ".pdf" ("Acme data breach notice"); Preheader is the email's
	// first, hidden line, which an inbox shows next to the subject.
	AttachmentName, Preheader string
	// Replaced counts characters printed as U+FFFD: Compose counts the
	// activation code's outside the Basic Multilingual Plane, pdf.Render
	// adds those no face draws (a name or an address loses them instead,
	// with a warning: printable).
	Replaced int
	// Warnings are what the letter carries that its author should know of
	// (Warning): text in another language, a number abroad.
	Warnings []Warning
	catalog  *locales.Catalog
	// own: the recipient's data as given, whose characters the PDF writer
	// keeps out of the glyphs it shares between letters (Letter.SharedTexts).
	own []string
}

// LanguageTag is the letter's BCP 47 tag for the PDF's /Lang and the
// email's Content-Language: its locale ("en-GB"), else its language.
func (l *Letter) LanguageTag() string {
	if l.Locale != "" {
		return l.Locale
	}
	return l.Lang
}

// Input is everything Compose needs.
type Input struct {
	Incident *Incident
	Rules    *rules.Set
	Decision rules.Decision
	Catalogs locales.Catalogs
	// Person is the person the letter is written to, as read from the
	// customer file.
	Person customers.Person
	// Date is the letter's date (from the run's clock).
	Date time.Time
	// Affected is the number of persons affected by the incident (the
	// accepted rows), for laws that require the letter to state it.
	Affected int
	// Drawable reports whether the letter's fonts draw r (for the fonts
	// the PDF is set in: fonts.Fonts.FaceFor(r, false) != nil); the
	// person's name and address keep only such characters (printable).
	// Nil: every character of the Basic Multilingual Plane.
	Drawable func(r rune) bool
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
	c, err := newComposer(in)
	if err != nil {
		return nil, err
	}
	l := c.head()
	happened := c.whatHappened(l)
	l.Sections = []Section{c.dataInvolved(), c.whatWeAreDoing(), c.whatYouCanDo(), c.moreInformation()}
	if len(happened.Paragraphs) > 0 {
		l.Sections = append([]Section{happened}, l.Sections...)
	}
	c.addStatements(l)
	if c.m.err != nil {
		return nil, c.m.err
	}
	if err := c.listContentKeys(l); err != nil {
		return nil, err
	}
	l.Replaced = c.replaced
	c.regionWarnings()
	l.Warnings = c.warnings
	return l, nil
}

// composer holds what the steps of Compose share: the recipient with
// customer data cleaned, the language chosen and its catalog, the
// incident's text in that language and the content rules of the decision.
type composer struct {
	in       Input
	r        customers.Person
	replaced int // characters outside the BMP replaced in r
	lang     string
	cat      *locales.Catalog
	text     IncidentText
	m        *messenger
	content  rules.Content
	base     map[string]any // data every greeting message takes
	cats     []string       // the data categories, in canonical order
	// describe is false where a law forbids describing the breach.
	describe bool
	warnings []Warning

	// datesInAccount: the incident's account, printed, gives the period
	// and the discovery date (the date_range content).
	datesInAccount bool
}

func newComposer(in Input) (*composer, error) {
	c := &composer{in: in, r: in.Person}
	clean := func(s string) string {
		s, n := replaceNonBMP(s)
		c.replaced += n
		return s
	}
	r := &c.r
	named := r.FullName != ""
	if err := addressScripts(r, in.Drawable); err != nil {
		return nil, err
	}
	nameScripts := lostScripts(r.FullName, in.Drawable)
	unprintable := printablePerson(&r.FullName, &r.Street, &r.PostalCode, &r.City, &r.Region, in.Drawable)
	r.ActivationCode = clean(r.ActivationCode)
	c.warnUnprintable(unprintable, nameScripts, named && r.FullName == "")
	c.warnSMTPUTF8(r.Email)

	c.lang = ChooseLanguage(r.Language, in.Decision.Jurisdiction)
	c.cat = in.Catalogs.For(c.lang, r.Country) // the regional variant, if any
	if c.cat == nil {
		return nil, fmt.Errorf("letters: no catalog for language %q", c.lang)
	}
	text, err := in.Incident.TextFor(c.cat.Locale())
	if err != nil {
		return nil, err
	}
	c.text = text
	c.content = in.Decision.Content
	c.m = &messenger{cat: c.cat}
	org := in.Incident.Organization
	domain := ""
	if len(org.OfficialDomains) > 0 {
		domain = org.OfficialDomains[0]
	}
	c.base = map[string]any{"Brand": org.Brand, "Website": org.Website, "Domain": domain, "Name": r.FullName}
	c.describe = !c.forbidden("what_happened")
	return c, nil
}

func (c *composer) forbidden(key string) bool { return slices.Contains(c.content.Forbidden, key) }
func (c *composer) required(key string) bool  { return slices.Contains(c.content.Required, key) }

// date writes a date the way the language and the recipient's country do.
func (c *composer) date(t time.Time) string { return c.cat.Date(t, c.r.Country) }

// has reports whether the letter's data categories include one of cs.
func (c *composer) has(cs ...string) bool {
	for _, x := range cs {
		if slices.Contains(c.cats, x) {
			return true
		}
	}
	return false
}

// head builds the letter with everything but its sections: letterhead,
// address, date, reference, title, greeting, closing and email fields.
func (c *composer) head() *Letter {
	r, m, org := c.r, c.m, c.in.Incident.Organization
	printed := PrintedID(r.CustomerID)
	ref := PrintedID(c.in.Incident.Incident.ID) + " / " + printed
	l := &Letter{
		Lang: c.lang, Locale: c.cat.Locale(), Paper: paperFor(r.Country), Country: r.Country,
		Brand: org.Brand, LegalName: org.LegalName,
		Letterhead: []string{org.LegalName, org.PostalAddress, strings.TrimPrefix(strings.TrimPrefix(org.Website, "https://"), "http://")},
		Address:    FormatAddress(r, org.Country, c.countryName),
		Date:       c.date(c.in.Date),
		RefLabel:   m.text("reference", nil),
		// No break at the reference's spaces ("NV-2026-11 / NV-5101"):
		// where one too long for its line breaks is the page's choice
		// (letters/pdf, infoLines).
		RefLine:         m.text("reference_line", map[string]any{"Reference": NoBreak(ref)}),
		Reference:       ref,
		PrintedID:       printed,
		Title:           m.text("title", nil),
		own:             []string{r.FullName, r.Email, r.CustomerID, printed, r.ActivationCode, r.Street, r.PostalCode, r.City, r.Region},
		Salutation:      m.text(c.salutation("salutation"), c.base),
		EmailSalutation: m.text(c.salutation("salutation.email"), c.base),
		EmailSignOff:    m.text("sign_off.email", nil),
		Opening:         m.text(c.variant("opening"), c.base),
		Closing:         m.text("closing", nil),
		SignOff:         m.text("sign_off", nil),
		Signature:       nonEmpty(org.SignatoryName, c.signatoryTitle(), org.LegalName),
		Subject:         m.text("subject", c.base),
		FromName:        org.Brand, FromEmail: org.ContactEmail,
		ToName: r.FullName, ToEmail: r.Email,
		Attachment:     m.text("attachment", nil),
		AttachmentName: m.text("attachment_name", c.base),
		Preheader:      m.text("preheader", c.base),
		PageLabel:      m.text("page", map[string]any{"Page": "{{.Page}}", "Pages": "{{.Pages}}"}),
		MinFont:        c.content.MinFontSize,
		catalog:        c.cat,
	}

	c.cats = slices.Clone(c.in.Incident.Categories(r.DataCategories))
	// The canonical order reads naturally: name, email, phone, ...
	slices.SortFunc(c.cats, func(a, b string) int {
		return slices.Index(rules.DataCategories, a) - slices.Index(rules.DataCategories, b)
	})
	l.Title = c.statutory(c.content.Title, "title", l.Title)
	return l
}

// statutory returns text with the statutory English words of msg after
// it. A law that fixes the title and headings names them in English
// (California: "Notice of Data Breach", "What Happened", ...). A letter in
// another language carries the statutory English words after its own, so
// the reader reads their language and the law's form is kept.
func (c *composer) statutory(key, msg, text string) string {
	sep := " — "
	if msg == "title" {
		sep = "\n" // the statutory title on a line of its own
	}
	fixed := key != "" && (c.content.Title == key || slices.Contains(c.content.Headings, key))
	en := c.in.Catalogs["en"]
	if !fixed || c.lang == "en" || en == nil {
		return text
	}
	s, err := en.Text(msg, map[string]any{})
	if err != nil || s == text {
		return text
	}
	return text + sep + s
}

func (c *composer) heading(key string) string {
	return c.statutory(key, "heading."+key, c.m.text("heading."+key, nil))
}

// whatHappened writes the account of the breach. A law that forbids
// describing the breach (Massachusetts, M.G.L. c. 93H § 3(b): the notice
// "shall not include the nature of the breach") gets no account of it:
// not the incident's story, not its dates (unless another applicable law
// requires them), and not the incident's own account of the measures
// taken, which tells the nature too.
func (c *composer) whatHappened(l *Letter) Section {
	m, f := c.m, c.in.Incident.Incident
	if !c.describe {
		// The usual opening promises to explain what happened.
		l.Opening = m.text(c.variant("opening.without_description"), c.base)
	}
	happened := Section{Key: "what_happened", Heading: c.heading("what_happened")}
	if c.describe {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "what_happened", Text: strings.TrimSpace(c.text.WhatHappened)})
		if u := strings.TrimSpace(c.text.NotYetKnown); u != "" {
			happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "what_happened", Text: u})
		}
	}
	if (c.describe || c.required("date_range")) && !f.OccurredFrom.IsZero() && !f.OccurredTo.IsZero() && !c.forbidden("date_range") {
		if text := c.period(); text != "" {
			happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "date_range", Text: text})
		}
	}
	if c.required("number_of_residents") && !c.forbidden("number_of_residents") && c.in.Affected > 0 {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "number_of_residents", Text: m.pluralData("statement.number_of_residents", c.in.Affected)})
	}
	if f.LawEnforcementDelay {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "law_enforcement_delay", Text: m.text("law_enforcement.delay", nil)})
	} else if c.required("law_enforcement_delay") {
		happened.Paragraphs = append(happened.Paragraphs, Paragraph{Key: "law_enforcement_delay", Text: m.text("law_enforcement.no_delay", nil)})
	}
	return happened
}

// period writes what dates the breach: only what the incident's account,
// where printed, does not already say, so that no date is told twice. It
// returns "" when the account gives the period and the discovery date.
func (c *composer) period() string {
	f := c.in.Incident.Incident
	from, to, disc := dayOf(f.OccurredFrom), dayOf(f.OccurredTo), dayOf(f.DiscoveredAt)
	named := map[string]bool{}
	if c.describe {
		named = c.in.Incident.accountDays(c.cat, c.text)
	}
	dates := map[string]any{"From": c.date(f.OccurredFrom), "To": c.date(f.OccurredTo), "Discovered": c.date(f.DiscoveredAt)}
	say := func(msg string, keys ...string) string {
		d := map[string]any{}
		for _, k := range keys {
			d[k] = dates[k]
		}
		return c.m.text(msg, d)
	}
	var parts []string
	switch {
	case to == disc && !named[from] && !named[disc]:
		return say("period.until_discovery", "From", "Discovered")
	case to == disc && !named[from]:
		return say("period.from", "From")
	case to == disc:
	case !named[from] && !named[to] && !named[disc]:
		return say("period", "From", "To", "Discovered")
	case !named[from] && !named[to]:
		parts = append(parts, say("period.occurred", "From", "To"))
	case !named[from]:
		parts = append(parts, say("period.began", "From"))
	case !named[to]:
		parts = append(parts, say("period.ended", "To"))
	}
	if !named[disc] {
		parts = append(parts, say("period.discovered", "Discovered"))
	}
	if len(parts) == 0 {
		c.datesInAccount = true
	}
	return strings.Join(parts, sentenceGap(c.lang))
}

// dataInvolved writes what information was involved, and what it could
// mean.
func (c *composer) dataInvolved() Section {
	m := c.m
	involved := Section{Key: "data_involved", Heading: c.heading("data_involved")}
	var items []string
	for _, x := range c.cats {
		items = append(items, c.category(x))
	}
	involved.Paragraphs = append(involved.Paragraphs,
		Paragraph{Key: "data_involved", Text: m.text("data_intro", nil)},
		Paragraph{Key: "data_involved", Bullets: items})
	consequences := []string{m.text("consequence.general", nil)}
	for _, x := range c.cats {
		switch x {
		case "password", "password_hash", "payment_card", "ssn", "passport", "drivers_license", "national_id", "tax_id":
			consequences = append(consequences, m.text("consequence."+x, nil))
		}
		if x == "payment_card" && c.cardElements("number", "expiry", "security_code") {
			consequences = append(consequences, m.text("consequence.payment_card_online", nil))
		}
	}
	involved.Paragraphs = append(involved.Paragraphs, Paragraph{Key: "likely_consequences", Text: strings.Join(consequences, sentenceGap(c.lang))})
	return involved
}

// category writes one item of the data list: a payment card with the
// elements the incident names.
func (c *composer) category(x string) string {
	els := c.in.Incident.Incident.PaymentCardElements
	if x != "payment_card" || len(els) == 0 {
		return c.m.text("category."+x, nil)
	}
	var names []string
	for _, e := range PaymentCardElements { // in the order a letter lists them
		if slices.Contains(els, e) {
			names = append(names, c.m.text("card."+e, nil))
		}
	}
	list := names[len(names)-1]
	if len(names) > 1 {
		head := names[0]
		for _, n := range names[1 : len(names)-1] {
			head = c.m.text("card.list_comma", map[string]any{"Head": head, "Next": n})
		}
		list = c.m.text("card.list_and", map[string]any{"Head": head, "Last": list})
	}
	return c.m.text("category.payment_card_elements", map[string]any{"Elements": list})
}

// cardElements reports whether the incident names every one of els as
// involved payment card elements.
func (c *composer) cardElements(els ...string) bool {
	for _, e := range els {
		if !slices.Contains(c.in.Incident.Incident.PaymentCardElements, e) {
			return false
		}
	}
	return true
}

// whatWeAreDoing writes the measures taken.
func (c *composer) whatWeAreDoing() Section {
	measures := strings.TrimSpace(c.text.WhatWeAreDoing)
	if !c.describe {
		measures = strings.TrimSpace(c.text.MeasuresWithoutDescription)
		if measures == "" {
			measures = c.m.text("measures.without_description", nil)
		}
	}
	return Section{Key: "measures_taken", Heading: c.heading("measures_taken"),
		Paragraphs: []Paragraph{{Key: "measures_taken", Text: measures + sentenceGap(c.lang) + c.m.text("followup", nil)}}}
}

// whatYouCanDo writes the steps for the reader, the identity protection
// offer and the agencies to contact.
func (c *composer) whatYouCanDo() Section {
	steps := c.steps()
	can := Section{Key: "steps_for_individual", Heading: c.statutory("steps_for_individual", "heading.steps", c.m.text("heading.steps", nil)),
		Paragraphs: []Paragraph{{Key: "steps_for_individual", Steps: steps}}}
	can.Paragraphs = append(can.Paragraphs, c.offer()...)
	can.Paragraphs = append(can.Paragraphs, c.agencies()...)
	return can
}

// steps lists what the reader can do: numbered, most important first.
func (c *composer) steps() []string {
	m := c.m
	var steps []string
	if c.has("password", "password_hash") {
		msg := "step.password"
		if c.in.Incident.Incident.PasswordsReset {
			msg = "step.password_reset" // the old one no longer works
		}
		steps = append(steps, m.text(msg, c.base))
	}
	if c.has("security_qa") {
		steps = append(steps, m.text("step.security_qa", c.base))
	}
	if c.has("password", "password_hash", "security_qa") {
		// Two-step sign-in for the organization's account only where
		// customers can turn it on; the email account in any case.
		if c.in.Incident.Organization.CustomerTwoStep {
			steps = append(steps, m.text("step.two_factor", c.base))
		} else {
			steps = append(steps, m.text("step.two_factor_email", c.base))
		}
	}
	if c.has("payment_card") {
		steps = append(steps, m.text("step.payment_card", nil))
	}
	if c.has("bank_account") {
		steps = append(steps, m.text("step.bank_account", nil))
	}
	us := c.r.Country == "US"
	if us && c.wants("fraud_alert_info") && c.wants("security_freeze_info") {
		// The fraud alert, the freeze and the bureaus follow the steps.
		steps = append(steps, m.text("step.ssn", nil))
	}
	if c.has("drivers_license") && us {
		// US licences are issued by each state's motor vehicle agency.
		steps = append(steps, m.text("step.drivers_license_us", nil))
	}
	if c.has("national_id", "passport", "tax_id") || (c.has("ssn", "drivers_license") && !us) {
		// Where the catalog knows what a resident of the person's country
		// can do (a credit-file check, a self-ban on loans...), say that.
		if local := "step.identity_local." + c.r.Country; c.cat.Has(local) {
			steps = append(steps, m.text(local, nil))
		} else {
			steps = append(steps, m.text("step.identity_document", nil))
		}
	}
	return append(steps, m.text("step.phishing", c.base))
}

// offer writes the identity protection offer, if the incident makes one
// where the reader lives (Offer.ValidIn) and no law forbids it: what it
// includes, how to enrol, and the law that requires it, where one does.
func (c *composer) offer() []Paragraph {
	o := c.in.Incident.Offer
	if o == nil || c.forbidden("identity_protection_offer") {
		return nil
	}
	if !offerValid(c.in) {
		if law, _ := c.offerLaw(); law != "" {
			c.warn(WarnOfferUnmet, "%s requires an identity protection offer for readers in %s, but offer.valid_in (%s) does not include them", law, c.jurisdictionID(), strings.Join(o.ValidIn, ", "))
		}
		return nil
	}
	r := c.r
	months := c.m.plural("months", o.Months)
	enrollBy := o.EnrollBy
	if !r.EnrollBy.IsZero() {
		enrollBy = r.EnrollBy
	}
	if len(o.EnrollURLs) > 0 && o.EnrollURLs[c.lang] == "" {
		c.warn(WarnForeignText, "offer.enroll_urls has no %s address: %s letters give enroll_url %s", c.lang, c.lang, o.EnrollURL)
	}
	d := map[string]any{"Months": months, "Provider": o.Provider, "URL": o.URLFor(c.lang), "EnrollBy": c.date(enrollBy), "Code": r.ActivationCode}
	key := "offer"
	if r.ActivationCode == "" {
		key = "offer_no_code"
		delete(d, "Code")
	}
	out := []Paragraph{{Key: "identity_protection_offer", Text: c.m.text(key, d)}}
	var parts []string
	if inc := strings.TrimSpace(o.Includes[c.lang]); inc != "" {
		parts = append(parts, c.m.text("offer_includes", map[string]any{"Includes": inc}))
	} else if len(o.Includes) > 0 {
		c.warn(WarnForeignText, "offer.includes is not given in %s: %s letters do not say what the service includes", c.lang, c.lang)
	}
	// The law that requires the offer is checked (a shorter offer is a
	// warning) but not printed: US counsel strike the citation, which
	// would concede the business was the source of the breach (Cal. Civ.
	// Code § 1798.82(d)(2)(G) applies only then).
	if law, least := c.offerLaw(); law != "" {
		if o.Months < least {
			c.warn(WarnOfferShort, "%s requires at least %d months of identity protection for readers in %s; the offer gives %d", law, least, c.jurisdictionID(), o.Months)
		}
	}
	if len(parts) > 0 {
		// A paragraph of its own: the offer's ends with the activation
		// code, to be copied.
		out = append(out, Paragraph{Key: "identity_protection_offer", Text: strings.Join(parts, sentenceGap(c.lang))})
	}
	return out
}

// offerLaw names the provisions that require an identity protection offer
// for this reader's data ("Conn. Gen. Stat. § 36a-701b(b)(2)(B)"): the
// short form of the conditions' citations in the rule files whose content
// the letter follows, or "" where no law requires one; and the least
// duration they require, in months.
func (c *composer) offerLaw() (string, int) {
	set := c.in.Rules
	if set == nil || !c.required("identity_protection_offer") {
		return "", 0
	}
	var laws []string
	least := 0
	for _, id := range c.in.Decision.ContentFrom() {
		j, ok := set.Get(id)
		if !ok {
			continue
		}
		for _, w := range j.Content.When {
			if w.Key != "identity_protection_offer" || !c.has(w.Categories...) {
				continue
			}
			if law := shortCitation(w.Citation); law != "" && !slices.Contains(laws, law) {
				laws = append(laws, law)
			}
			least = max(least, w.Months)
		}
	}
	return strings.Join(laws, "; "), least
}

// shortCitation is a citation up to its first gloss: "M.G.L. c. 93H, §
// 3A(a): \"such breach...\"" -> "M.G.L. c. 93H, § 3A(a)".
func shortCitation(s string) string {
	if i := strings.Index(s, ": "); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " ("); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// jurisdictionID is the id of the reader's own jurisdiction, or their
// country.
func (c *composer) jurisdictionID() string {
	if j := c.in.Decision.Jurisdiction; j != nil {
		return j.ID
	}
	return c.r.Country
}

// agencies writes, for US readers, the consumer content of the FTC's model
// letter and of the state laws that ask for it: the fraud alert and the
// security freeze explained, the three bureaus with their contacts for each
// (one bureau tells the others of a fraud alert; a freeze is placed with
// each), free credit reports, the FTC, and the state agencies that help
// with identity theft. Each part is written where a law requires it or
// the rules advise it for the reader's data (us.toml), unless forbidden.
func (c *composer) agencies() []Paragraph {
	in, m := c.in, c.m
	j := in.Decision.Jurisdiction
	if c.r.Country != "US" || in.Rules == nil || j == nil {
		return nil
	}
	var out []Paragraph
	fraud, freeze := c.wants("fraud_alert_info"), c.wants("security_freeze_info")
	if fraud {
		out = append(out, Paragraph{Key: "fraud_alert_info", Text: m.text("statement.fraud_alert_info", nil)})
	}
	if freeze {
		out = append(out, Paragraph{Key: "security_freeze_info", Text: m.text("statement.security_freeze_info", nil)})
	}
	if fraud || freeze || c.wants("cra_contacts") && c.has(usIdentityData...) {
		if lines := c.bureaus(); len(lines) > 0 {
			out = append(out, Paragraph{Key: "cra_contacts", Text: m.text("cra_intro", nil)}, Paragraph{Key: "cra_contacts", Bullets: lines})
		}
	}
	if c.wants("free_credit_reports") {
		for _, a := range c.agenciesFor("credit_reports") {
			out = append(out, Paragraph{Key: "free_credit_reports", Text: m.text("credit_reports", map[string]any{
				"Name": a.Name, "Website": a.Website, "Phone": a.Phone, "Address": a.Address})})
		}
	}
	if c.wants("ftc_contact") {
		for _, a := range c.agenciesFor("ftc") {
			out = append(out, Paragraph{Key: "ftc_contact", Text: m.text("ftc", map[string]any{
				"Contact": strings.Join(nonEmpty(a.Website, a.Phone, a.Address), ", ")})})
		}
	}
	if c.wants("consumer_agencies") {
		var lines []string
		for _, a := range c.agenciesFor("consumer") {
			lines = append(lines, a.Name+": "+strings.Join(nonEmpty(a.Phone, a.Address, a.Website), ", "))
		}
		if len(lines) > 0 {
			out = append(out, Paragraph{Key: "consumer_agencies", Text: m.text("consumer_agencies_intro", nil)}, Paragraph{Key: "consumer_agencies", Bullets: lines})
		}
	}
	return out
}

// agenciesFor returns the agencies of the reader's jurisdiction for
// purpose, their phone numbers never broken across lines.
func (c *composer) agenciesFor(purpose string) []rules.Agency {
	as := c.in.Rules.Agencies(c.in.Decision.Jurisdiction, purpose)
	out := make([]rules.Agency, len(as))
	for i, a := range as {
		a.Phone = NoBreak(a.Phone)
		out[i] = a
	}
	return out
}

// usIdentityData are the data for which a US letter lists the bureaus
// where a law requires their contacts.
var usIdentityData = []string{"ssn", "drivers_license", "national_id", "passport", "tax_id"}

// wants reports whether the letter carries key: required or advised, and
// not forbidden.
func (c *composer) wants(key string) bool {
	return (c.required(key) || slices.Contains(c.content.Advised, key)) && !c.forbidden(key)
}

// bureaus lists the consumer reporting agencies, one line each, with their
// contacts for each purpose (fraud alert, security freeze).
func (c *composer) bureaus() []string {
	var names []string
	byName := map[string][]rules.Agency{}
	for _, a := range c.agenciesFor("cra") {
		if _, ok := byName[a.Name]; !ok {
			names = append(names, a.Name)
		}
		byName[a.Name] = append(byName[a.Name], a)
	}
	sep := map[string]string{"zh": "；", "fr": "\u202f; "}[c.lang]
	if sep == "" {
		sep = "; "
	}
	var lines []string
	for _, n := range names {
		var parts []string
		website := ""
		for _, purpose := range rules.AgencyPurposes {
			for _, a := range byName[n] {
				if a.Purpose == purpose {
					parts = append(parts, c.m.text("cra."+purpose, map[string]any{"Contact": strings.Join(nonEmpty(a.Phone, a.Address), ", ")}))
					website = cmp.Or(website, a.Website)
				}
			}
		}
		lines = append(lines, c.m.text("cra_line", map[string]any{"Name": n, "Website": website, "Contacts": strings.Join(parts, sep)}))
	}
	return lines
}

// moreInformation writes where to ask.
func (c *composer) moreInformation() Section {
	m, org := c.m, c.in.Incident.Organization
	more := Section{Key: "contact_point", Heading: c.statutory("contact_point", "heading.contact", m.text("heading.contact", nil))}
	phone, hours := c.contactPhone()
	more.Paragraphs = append(more.Paragraphs, Paragraph{Key: "contact_point", Text: m.text("contact", map[string]any{
		"Email": org.ContactEmail, "Phone": phone, "Hours": hours, "Address": org.PostalAddress})})
	if org.DPOName != "" && org.DPOEmail != "" {
		more.Paragraphs = append(more.Paragraphs, Paragraph{Key: "dpo_contact", Text: m.text("dpo", map[string]any{"DPOName": org.DPOName, "DPOEmail": org.DPOEmail})})
	}
	more.Paragraphs = append(more.Paragraphs, Paragraph{Text: m.text("verify", c.base)})
	return more
}

// addStatements adds the statements a jurisdiction requires
// (Massachusetts: the right to a police report and to a free security
// freeze; GDPR: the right to complain to the supervisory authority) to
// their sections.
func (c *composer) addStatements(l *Letter) {
	written := map[string]bool{} // a key one law requires and another advises
	for _, k := range slices.Concat(c.content.Required, c.content.Advised) {
		section, ok := statementKeys[k]
		if !ok || c.forbidden(k) || written[k] || l.has(k) {
			continue
		}
		written[k] = true
		data, msg := map[string]any{}, "statement."+k
		if k == "state_regulator_contact" {
			auth, contact := regulatorOf(c.in)
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
		text := ""
		if k == "complaint_right" {
			text = c.complaintRight()
		} else {
			text = c.m.text(msg, data)
		}
		for i := range l.Sections {
			if l.Sections[i].Key == section {
				l.Sections[i].Paragraphs = append(l.Sections[i].Paragraphs, Paragraph{Key: k, Text: text})
			}
		}
	}
}

// has reports whether the letter already carries a paragraph for key.
func (l *Letter) has(key string) bool {
	for _, s := range l.Sections {
		for _, p := range s.Paragraphs {
			if p.Key == key {
				return true
			}
		}
	}
	return false
}

// variant returns the message for the reader's country where the catalog
// has one ("opening.US": US counsel will not sign an admission of fault),
// else msg.
func (c *composer) variant(msg string) string {
	if v := msg + "." + c.r.Country; c.r.Country != "" && c.cat.Has(v) {
		return v
	}
	return msg
}

// complaintRight writes the reader's right to complain: to the authority
// of the reader's own jurisdiction where its rule file names one
// ([complaints]), else to "the authority where you live or work"; and, only
// where the incident records it (authorities_notified), that the breach
// was reported to that authority or to the lead supervisory authority.
func (c *composer) complaintRight() string {
	set, j := c.in.Rules, c.in.Decision.Jurisdiction
	if set == nil || j == nil {
		return c.m.text("statement.complaint_right", nil)
	}
	if j.Complaints == nil {
		// The GDPR reaches a reader outside the EU through the main
		// establishment (Art. 3(1)): the complaint may go to the authority
		// of the place of the alleged infringement (Art. 77(1)), the lead one.
		lead := c.lead()
		if lead != nil && lead.ID != j.ID && inEU(set, j) {
			// An EU reader whose authority is not encoded (Germany's are
			// by Land): the generic right, and the lead authority by name.
			return strings.Join(c.alsoLead(j, lead, c.m.text("statement.complaint_right", nil)), sentenceGap(c.lang))
		}
		if lead == nil || !slices.Contains(c.in.Decision.ContentFrom(), lead.ID) {
			return c.m.text("statement.complaint_right", nil)
		}
		return c.leadComplaint(lead)
	}
	cp := j.Complaints
	parts := []string{c.m.text("statement.complaint_authority", map[string]any{"Authority": cp.Name(c.lang), "Contact": complaintContact(cp)})}
	// A reader outside the EU with an authority of their own (the ICO,
	// Roskomnadzor, China's) whom the GDPR also reaches through the main
	// establishment may complain to that authority too (Art. 77(1)): said
	// once, with one sentence on which of the two were notified.
	lead := c.lead()
	if lead != nil && lead.ID != j.ID && !inEU(set, j) && slices.Contains(c.in.Decision.ContentFrom(), lead.ID) {
		return strings.Join(c.alsoLead(j, lead, parts[0]), sentenceGap(c.lang))
	}
	if c.in.Incident.Notified(j.ID) {
		parts = append(parts, c.m.text("statement.authority_notified", nil))
	} else if lead := c.leadAuthority(j); lead != "" {
		parts = append(parts, c.m.text("statement.lead_authority_notified", map[string]any{"Authority": lead}))
	}
	return strings.Join(parts, sentenceGap(c.lang))
}

// alsoLead follows the sentence on the reader's own complaint right (own)
// with the lead authority, named once, and one sentence on which of the
// two were notified, where the incident records it.
func (c *composer) alsoLead(j, lead *rules.Jurisdiction, own string) []string {
	parts := []string{own, c.m.text("statement.complaint_also_lead", map[string]any{"Authority": lead.Complaints.Name(c.lang), "Contact": complaintContact(lead.Complaints)})}
	ownNotified := j.Complaints != nil && c.in.Incident.Notified(j.ID)
	switch leadNotified := c.in.Incident.Notified(lead.ID); {
	case ownNotified && leadNotified:
		parts = append(parts, c.m.text("statement.notified_both", nil))
	case ownNotified:
		parts = append(parts, c.m.text("statement.notified_named", map[string]any{"Authority": j.Complaints.Name(c.lang)}))
	case leadNotified:
		parts = append(parts, c.m.text("statement.notified_named", map[string]any{"Authority": lead.Complaints.Name(c.lang)}))
	}
	return parts
}

// leadComplaint writes the right to complain to the lead supervisory
// authority, and that it was notified where the incident records it.
func (c *composer) leadComplaint(lead *rules.Jurisdiction) string {
	text := c.m.text("statement.complaint_lead_authority", map[string]any{"Authority": lead.Complaints.Name(c.lang), "Contact": complaintContact(lead.Complaints)})
	if c.in.Incident.Notified(lead.ID) {
		text += sentenceGap(c.lang) + c.m.text("statement.authority_notified", nil)
	}
	return text
}

// leadAuthority names the lead supervisory authority (GDPR Art. 56: that
// of the organization's main establishment) in the letter's language when
// the incident records it as notified and the reader's jurisdiction is in
// the one-stop shop with it; "" otherwise.
func (c *composer) leadAuthority(reader *rules.Jurisdiction) string {
	lead := c.lead()
	if lead == nil || !c.in.Incident.Notified(lead.ID) || !inEU(c.in.Rules, reader) {
		return ""
	}
	return lead.Complaints.Name(c.lang)
}

// lead is the jurisdiction of the organization's main establishment when
// it is in the EU's one-stop shop and names its authority ([complaints]).
func (c *composer) lead() *rules.Jurisdiction {
	set, org := c.in.Rules, c.in.Incident.Organization
	main := org.Country
	if len(org.Establishments) > 0 {
		main = org.Establishments[0]
	}
	lead, ok := set.Get(main)
	if !ok || lead.Complaints == nil || !inEU(set, lead) {
		return nil
	}
	return lead
}

// inEU reports whether j is a member of the EU rules (the GDPR).
func inEU(set *rules.Set, j *rules.Jurisdiction) bool {
	return slices.ContainsFunc(set.Chain(j), func(p *rules.Jurisdiction) bool { return p.ID == "EU" })
}

// complaintContact is an authority's website without its scheme, and its
// telephone where the rules give one.
func complaintContact(cp *rules.Complaints) string {
	contact := strings.TrimSuffix(strings.TrimPrefix(cp.Website, "https://"), "/")
	if cp.Phone != "" {
		contact += ", " + NoBreak(cp.Phone)
	}
	return contact
}

// listContentKeys sets the letter's content keys and checks that every
// required one was written, or may be left out.
func (c *composer) listContentKeys(l *Letter) error {
	for _, s := range l.Sections {
		for _, p := range s.Paragraphs {
			if p.Key != "" && !slices.Contains(l.ContentKeys, p.Key) {
				l.ContentKeys = append(l.ContentKeys, p.Key)
			}
		}
	}
	if c.datesInAccount && !slices.Contains(l.ContentKeys, "date_range") {
		l.ContentKeys = append(l.ContentKeys, "date_range")
	}
	if c.content.Title != "" {
		l.ContentKeys = append(l.ContentKeys, c.content.Title)
	}
	for _, k := range c.content.Required {
		if !slices.Contains(l.ContentKeys, k) && !Omittable(k, c.in) {
			return fmt.Errorf("letters: customer %q: required content %q could not be written", c.r.CustomerID, k)
		}
	}
	return nil
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
		return in.Incident.Offer == nil || !offerValid(in)
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
	case "consumer_agencies":
		// The list comes from the reader's own state's rule file.
		j := in.Decision.Jurisdiction
		return in.Rules == nil || j == nil || len(in.Rules.Agencies(j, "consumer")) == 0
	}
	return false
}

// offerValid reports whether the incident's offer is made to the reader
// of in: by country, or by the jurisdictions of the decision (the audit
// knows only the reader's jurisdiction).
func offerValid(in Input) bool {
	ids := in.Decision.IDs()
	if j := in.Decision.Jurisdiction; j != nil {
		ids = append(ids, j.ID)
	}
	return in.Incident.Offer.ValidFor(in.Person.Country, ids)
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
