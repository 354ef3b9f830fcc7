// Package rules holds breach-notification law as cited data and evaluates it.
//
// A Jurisdiction is decoded from one TOML file (see jurisdictions/README.md).
// A Set is a validated collection of jurisdictions; it matches a person to
// their jurisdictions, decides which obligations apply, and computes due times.
//
// The package is pure: it reads rule files through fs.FS, takes every instant
// from its caller (never time.Now), and knows nothing of spreadsheets or PDFs.
package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Recipient is who must be told.
type Recipient string

// The recipients of an obligation.
const (
	Individuals               Recipient = "individuals"
	Regulator                 Recipient = "regulator"
	ConsumerReportingAgencies Recipient = "consumer_reporting_agencies"
	Media                     Recipient = "media"
	LawEnforcement            Recipient = "law_enforcement"
)

// Recipients lists every recipient in display order.
var Recipients = []Recipient{Individuals, Regulator, ConsumerReportingAgencies, Media, LawEnforcement}

// Anchor is the event a deadline is counted from.
type Anchor string

// The clock anchors.
const (
	FromDiscovery           Anchor = "discovery"
	FromDetermination       Anchor = "determination"
	FromAssessment          Anchor = "assessment"
	AfterNoticeToIndividual Anchor = "notice_to_individuals"
	// IndividualsNotified counts from the moment the individuals were
	// actually notified (Facts.IndividualsNotifiedAt): California's AG
	// sample copy "within 15 calendar days of notifying affected
	// consumers". Without that fact no due time is computed.
	IndividualsNotified Anchor = "individuals_notified"
	// WithIndividuals: no later than the notice to individuals (concurrently).
	WithIndividuals   Anchor = "with_individuals"
	BeforeIndividuals Anchor = "before_individuals"
	// FromInitialNotice counts a followup stage from the first stage's due time.
	FromInitialNotice Anchor = "initial_notice"
)

// Unit is the unit a deadline is counted in.
type Unit string

// The clock units. UnitNone means the law sets no fixed period.
const (
	Hours        Unit = "hours"
	CalendarDays Unit = "calendar_days"
	BusinessDays Unit = "business_days"
	UnitNone     Unit = "none"
)

// Condition restricts when an obligation applies, beyond the trigger.
type Condition string

// The conditions an obligation may carry.
const (
	Always Condition = ""
	// HighRisk applies when the organization assessed the risk to
	// individuals as high (GDPR Art. 34(1)).
	HighRisk Condition = "high_risk"
	// AnyRisk applies unless the breach is unlikely to result in a risk
	// (GDPR Art. 33(1)): that is, when the assessment is low or high but not "none".
	AnyRisk Condition = "risk"
)

// Clock says when an obligation falls due.
type Clock struct {
	Anchor Anchor `toml:"anchor"`
	Amount int    `toml:"amount"`
	Unit   Unit   `toml:"unit"`
	// Words are the statute's own words for the period, e.g.
	// "without undue delay and, where feasible, not later than 72 hours".
	Words string `toml:"words"`
	// CountFirstDay (calendar days): the anchor's own day is day 1 and the
	// period ends at the end of its last day (Japan's final report: "within
	// 30 days of the day of learning", the day of learning counted).
	CountFirstDay bool `toml:"count_first_day"`
	// RollForward (calendar days): a period whose last day is a Saturday,
	// Sunday or one of the [holidays] ends on the next day that is none of
	// them (Japan: Act on Holidays of Administrative Organs Art. 2).
	RollForward bool `toml:"roll_forward"`
	// EarliestOf: the obligation falls due at the earliest of these
	// clocks ("at the same time as notice to individuals or within 45
	// days, whichever occurs first": Arkansas AG). The clock then has no
	// anchor, amount or unit of its own; Words are the statute's words for
	// the whole. An alternative may be "individuals_notified" with unit
	// "none": the moment the individuals were actually notified.
	EarliestOf []Clock `toml:"earliest_of"`
}

// Whom a threshold counts (Obligation.MinAffectedCounts).
const (
	CountResidents   = "residents"
	CountAllNotified = "all_notified"
	CountAllAffected = "all_affected"
)

// Fixed reports whether the clock has a fixed period.
func (c Clock) Fixed() bool { return c.Unit != UnitNone && c.Unit != "" }

// Clocks returns the clock and its alternatives (EarliestOf).
func (c Clock) Clocks() []Clock { return append([]Clock{c}, c.EarliestOf...) }

// Obligation is one duty to tell someone.
type Obligation struct {
	Recipient Recipient `toml:"recipient"`
	Authority string    `toml:"authority"`
	Contact   string    `toml:"contact"`
	Condition Condition `toml:"condition"`
	// MinAffected is the smallest number of affected persons of this
	// jurisdiction for which the obligation applies (a statute's
	// "more than 500" is 501). Zero means no threshold.
	MinAffected int `toml:"min_affected"`
	// OneStopShop marks an EU regulator obligation owed once, to the lead
	// authority of the organization's main establishment (GDPR Art. 56).
	OneStopShop bool  `toml:"one_stop_shop"`
	Clock       Clock `toml:"clock"`
	// Followup is an optional second stage (Russia: 24 h, then 72 h).
	Followup *Clock `toml:"followup"`
	// MinAffectedCounts says whom MinAffected counts: "" or
	// CountResidents (this jurisdiction's notifiable residents),
	// CountAllNotified (every person the organization notifies in the
	// incident, wherever they live: a statute's "notifies more than 1,000
	// persons at one time") or CountAllAffected (every person whose data
	// the breach involved: "any breach ... which exceeds 250 individuals").
	MinAffectedCounts string `toml:"min_affected_counts"`
	// PerSubdivision: the threshold is counted per state of residence, and
	// the obligation is owed once per state that meets it (HIPAA media
	// notice: "more than 500 residents of a State").
	PerSubdivision bool `toml:"per_subdivision"`
	// OrganizationTypes limits the obligation to these kinds of
	// organization (Idaho's AG notice for public agencies); empty: all.
	OrganizationTypes []string  `toml:"organization_types"`
	EffectiveFrom     time.Time `toml:"effective_from"`
	EffectiveTo       time.Time `toml:"effective_to"`
	Citation          string    `toml:"citation"`
	SourceURLs        []string  `toml:"source_urls"`
	Note              string    `toml:"note"`
}

// InForce reports whether the obligation is in force on day (a date in any
// zone; only its calendar date counts).
func (o Obligation) InForce(day time.Time) bool { return inForce(o.EffectiveFrom, o.EffectiveTo, day) }

func inForce(from, to, day time.Time) bool {
	d := civil(day)
	if !from.IsZero() && d < civil(from) {
		return false
	}
	if !to.IsZero() && d > civil(to) {
		return false
	}
	return true
}

// civil turns a date into a comparable YYYYMMDD number, ignoring its zone.
func civil(t time.Time) int { return t.Year()*10000 + int(t.Month())*100 + t.Day() }

// Triggers say which breaches are notifiable in a jurisdiction.
type Triggers struct {
	// AnyPersonalData: any personal data breach counts (GDPR); the
	// obligations' conditions then apply the risk test.
	AnyPersonalData bool `toml:"any_personal_data"`
	// Combinations: the breach is notifiable for a person when all the
	// data categories of at least one combination were involved.
	Combinations [][]string `toml:"combinations"`
	// Added are combinations an amendment added from a date (Florida's
	// biometric data and geolocation from 2024-07-01); they count only on
	// the days they are in force.
	Added []AddedCombinations `toml:"added"`
	// EncryptionSafeHarbor: encrypted data is not notifiable unless the
	// key was compromised too.
	EncryptionSafeHarbor bool `toml:"encryption_safe_harbor"`
	// RiskOfHarm: the statute excuses notice when the organization
	// determines there is no reasonable likelihood of harm; answered from
	// the incident's risk assessment ("none" = no notice under this rule).
	RiskOfHarm bool   `toml:"risk_of_harm"`
	HarmWords  string `toml:"harm_words"`
	Citation   string `toml:"citation"`
}

// AddedCombinations are trigger combinations in force for a period.
type AddedCombinations struct {
	Combinations  [][]string `toml:"combinations"`
	EffectiveFrom time.Time  `toml:"effective_from"`
	EffectiveTo   time.Time  `toml:"effective_to"`
	Citation      string     `toml:"citation"`
	SourceURLs    []string   `toml:"source_urls"`
}

// CombinationsOn returns the combinations in force on day: the undated
// ones, then those added by amendments in force that day (zero day: all).
func (t Triggers) CombinationsOn(day time.Time) [][]string {
	out := slices.Clone(t.Combinations)
	for _, a := range t.Added {
		if day.IsZero() || inForce(a.EffectiveFrom, a.EffectiveTo, day) {
			out = append(out, a.Combinations...)
		}
	}
	return out
}

// Content says what a letter to individuals must and must not say.
type Content struct {
	// Required and Forbidden are content keys, e.g. "what_happened",
	// "data_involved", "dpo_contact" (see ContentKeys).
	Required  []string `toml:"required"`
	Forbidden []string `toml:"forbidden"`
	// Advised are content keys the law does not require but the letter
	// carries as good practice (the rule file's notes say whose advice or
	// whose choice); written unless forbidden, never reported as law.
	Advised []string `toml:"advised"`
	// ForbiddenWins: the law's prohibition holds even where another
	// applicable law requires the element (Massachusetts).
	ForbiddenWins bool `toml:"forbidden_wins"`
	// Channels a notice may use: mail, email, email_with_consent,
	// telephone, substitute.
	Channels        []string `toml:"channels"`
	SubstituteWords string   `toml:"substitute_words"`
	// Headings: the letter must use the localized headings in this order
	// (California's five headings).
	Headings []string `toml:"headings"`
	// Title is the content key of a title the letter must carry.
	Title       string  `toml:"title"`
	MinFontSize float64 `toml:"min_font_size"`
	Citation    string  `toml:"citation"`
	// When makes required keys depend on the person's data: a key listed
	// here is required only where at least one of its categories was
	// involved for the person (Massachusetts' credit monitoring offer only
	// where a Social Security number was disclosed, M.G.L. c. 93H § 3A).
	When []ContentWhen `toml:"when"`
	// AdvisedWhen makes advised keys depend on the person's data, as When
	// does for required ones (the FTC's model letter: fraud alert and
	// freeze advice where a Social Security, licence, ID, passport, tax,
	// account or card number was involved). It never touches a key another
	// law requires.
	AdvisedWhen []ContentWhen `toml:"advised_when"`
	// Unmet are the conditional keys dropped for one person (set by For,
	// never decoded): why the letter does not carry them.
	Unmet []ContentWhen `toml:"-"`
	// Language: the law requires the letter in one of these languages
	// (Brazil's consumer code art. 31: Portuguese). A letter in another
	// language (no catalog for it, or the person's own language chosen)
	// is a finding, never silent.
	Language *LanguageRule `toml:"language"`
	// Languages are the language rules of every law the content merges
	// (never decoded).
	Languages []LanguageRule `toml:"-"`
}

// LanguageRule is a law's requirement of the letter's language.
type LanguageRule struct {
	Required   []string `toml:"required"`
	Citation   string   `toml:"citation"`
	SourceURLs []string `toml:"source_urls"`
	// Jurisdiction is the id of the rule file that sets it (not decoded).
	Jurisdiction string `toml:"-"`
}

// LanguagesUnmet returns the language rules a letter in lang does not meet.
func (c Content) LanguagesUnmet(lang string) []LanguageRule {
	var out []LanguageRule
	for _, r := range c.Languages {
		if !slices.Contains(r.Required, lang) {
			out = append(out, r)
		}
	}
	return out
}

// ContentWhen is the condition of one required content key: the data
// categories, any one of which makes it required, and the provision.
type ContentWhen struct {
	Key        string   `toml:"key"`
	Categories []string `toml:"categories"`
	Citation   string   `toml:"citation"`
	SourceURLs []string `toml:"source_urls"`
	// Months is the least duration of the service the provision requires
	// (identity_protection_offer only; 0: none stated).
	Months int `toml:"months"`
}

// String says the condition in words ("identity_protection_offer only
// where ssn was involved (M.G.L. c. 93H § 3A)").
func (w ContentWhen) String() string {
	return fmt.Sprintf("%s only where %s was involved (%s)", w.Key, strings.Join(w.Categories, " or "), w.Citation)
}

// For returns the content for a person whose data categories are
// categories: each conditional key (When) stays required only where one
// of its categories was involved; the dropped ones are listed in Unmet.
// nil categories (not known, as for a rule file shown on its own) keep
// every key.
func (c Content) For(categories []string) Content {
	if categories == nil || len(c.When)+len(c.AdvisedWhen) == 0 {
		return c
	}
	out := c
	out.Required, out.Unmet = nil, nil
	for _, k := range c.Required {
		if w, ok := c.condition(k); ok && !w.involved(categories) {
			out.Unmet = append(out.Unmet, w)
			continue
		}
		out.Required = append(out.Required, k)
	}
	out.Advised = nil
	for _, k := range c.Advised {
		if w, ok := conditionIn(c.AdvisedWhen, k); ok && !w.involved(categories) {
			continue
		}
		out.Advised = append(out.Advised, k)
	}
	return out
}

// involved reports whether one of w's categories is among categories.
func (w ContentWhen) involved(categories []string) bool {
	return slices.ContainsFunc(w.Categories, func(cat string) bool { return slices.Contains(categories, cat) })
}

// condition returns the condition of key k, if it has one.
func (c Content) condition(k string) (ContentWhen, bool) { return conditionIn(c.When, k) }

// conditionIn returns the condition of key k in ws, if it has one.
func conditionIn(ws []ContentWhen, k string) (ContentWhen, bool) {
	for _, w := range ws {
		if w.Key == k {
			return w, true
		}
	}
	return ContentWhen{}, false
}

// Jurisdiction is one rule file.
type Jurisdiction struct {
	ID           string            `toml:"id"`
	Name         string            `toml:"name"`
	Names        map[string]string `toml:"names"`
	Parent       string            `toml:"parent"`
	Countries    []string          `toml:"countries"`
	Subdivisions []string          `toml:"subdivisions"`
	// Fallback marks the rule used for countries no other file matches.
	Fallback      bool      `toml:"fallback"`
	Languages     []string  `toml:"languages"`
	Timezone      string    `toml:"timezone"`
	Citation      string    `toml:"citation"`
	SourceURLs    []string  `toml:"source_urls"`
	Reviewed      time.Time `toml:"reviewed"`
	EffectiveFrom time.Time `toml:"effective_from"`
	EffectiveTo   time.Time `toml:"effective_to"`
	Status        string    `toml:"status"`
	Confidence    string    `toml:"confidence"`
	Notes         string    `toml:"notes"`
	// Profile marks an opt-in overlay (HIPAA, SEC, NYDFS) that applies only
	// when the incident selects it, on top of a person's own jurisdiction.
	Profile string `toml:"profile"`
	// Scope says how the law reaches an organization (nil: by residence,
	// inherited from the parent).
	Scope *Scope `toml:"scope"`
	// OrganizationTypes limits the whole law to these kinds of
	// organization (Georgia: information brokers and data collectors),
	// with the provision that says so; inherited by children.
	OrganizationTypes         []string     `toml:"organization_types"`
	OrganizationTypesCitation string       `toml:"organization_types_citation"`
	Holidays                  *Holidays    `toml:"holidays"`
	Triggers                  *Triggers    `toml:"triggers"`
	Content                   Content      `toml:"content"`
	Obligations               []Obligation `toml:"obligation"`
	// Agencies are public bodies a letter may point people to (consumer
	// reporting agencies, the FTC), inherited by child jurisdictions.
	Agencies []Agency `toml:"agency"`
	// Complaints is the authority an individual of this jurisdiction may
	// complain to (GDPR Art. 77 and its like), named in the letter's
	// complaint right; nil where the file names none (the letter then
	// keeps the generic sentence). Not inherited from a parent.
	Complaints *Complaints `toml:"complaints"`

	// File is the name the rule was loaded from.
	File     string         `toml:"-"`
	location *time.Location `toml:"-"`
	holidays map[string]bool
}

// Holidays are public holidays skipped by business-day clocks.
type Holidays struct {
	Dates      []string `toml:"dates"`
	Citation   string   `toml:"citation"`
	SourceURLs []string `toml:"source_urls"`
}

// Overlay reports whether j is an opt-in overlay profile.
func (j *Jurisdiction) Overlay() bool { return j.Profile != "" }

// IncidentLevel reports whether j is an overlay owed once per incident,
// whoever the persons are (an SEC filing).
func (j *Jurisdiction) IncidentLevel() bool {
	return j.Overlay() && len(j.Countries) == 0 && len(j.Subdivisions) == 0
}

// InForce reports whether the rule file applies on day: in force, not
// merely proposed, and within its effective dates.
func (j *Jurisdiction) InForce(day time.Time) bool {
	return j.Status == "in_force" && inForce(j.EffectiveFrom, j.EffectiveTo, day)
}

// Location is the jurisdiction's time zone.
func (j *Jurisdiction) Location() *time.Location {
	if j.location == nil {
		return time.UTC
	}
	return j.location
}

// Agency is a public contact a letter may name.
type Agency struct {
	Role string `toml:"role"` // one of AgencyRoles
	// Purpose (role "cra" only): what the contact is for, one of
	// AgencyPurposes; a bureau has one entry per purpose, because its
	// fraud-alert and security-freeze desks have different numbers and
	// mailing addresses.
	Purpose string `toml:"purpose"`
	Name    string `toml:"name"`
	Phone   string `toml:"phone"`
	Address string `toml:"address"`
	Website string `toml:"website"`
	Source  string `toml:"source"`
	// Citation (role "consumer"): the provision that asks the notice to
	// give this agency's contacts.
	Citation string `toml:"citation"`
}

// AgencyRoles are the kinds of agency: the nationwide consumer reporting
// agencies (cra), the FTC (ftc), the central source of free credit reports
// (credit_reports) and the state agencies a statute asks the notice to
// name for help with identity theft (consumer).
var AgencyRoles = []string{"cra", "ftc", "credit_reports", "consumer"}

// AgencyPurposes are the purposes of a consumer reporting agency's
// contacts.
var AgencyPurposes = []string{"fraud_alert", "security_freeze"}

// Complaints is the authority for individuals' complaints, as a letter
// names it.
type Complaints struct {
	// Authority is the authority's own name ("Garante per la protezione
	// dei dati personali"); Names are its names per letter language, where
	// the language has one of its own (a letter in another language keeps
	// Authority).
	Authority string            `toml:"authority"`
	Names     map[string]string `toml:"names"`
	// Website is the authority's site for individuals; Phone a number for
	// the public, printed as given (only where a source confirms it).
	Website    string    `toml:"website"`
	Phone      string    `toml:"phone"`
	Citation   string    `toml:"citation"`
	SourceURLs []string  `toml:"source_urls"`
	Reviewed   time.Time `toml:"reviewed"`
}

// Name is the authority's name in a letter in lang.
func (c *Complaints) Name(lang string) string {
	if n := c.Names[lang]; n != "" {
		return n
	}
	return c.Authority
}

// ContentKeys are the language-independent content keys a rule may name.
var ContentKeys = []string{
	"what_happened", "data_involved", "date_range", "measures_taken",
	"steps_for_individual", "contact_point", "dpo_contact",
	"likely_consequences", "complaint_right", "cra_contacts", "ftc_contact",
	"state_regulator_contact", "consumer_agencies", "free_credit_reports", "security_freeze_info", "fraud_alert_info",
	"police_report_right", "review_accounts_advice", "fcra_rights",
	"law_enforcement_delay", "identity_protection_offer", "number_of_residents",
	"title_notice_of_data_breach",
}

// Channels are the ways a notice may reach a person.
var Channels = []string{"mail", "email", "email_with_consent", "telephone", "substitute"}

// DataCategories are the codes for kinds of personal data.
var DataCategories = []string{
	"name", "email", "phone", "postal_address", "date_of_birth", "password",
	"password_hash", "security_qa", "payment_card", "bank_account", "ssn",
	"national_id", "passport", "drivers_license", "tax_id", "health",
	"health_insurance", "biometric", "location", "precise_geolocation", "username", "genetic",
}
