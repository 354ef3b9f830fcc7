package letters

import (
	"fmt"
	"strings"

	"github.com/breachnotice/breachnotice/letters/customers"
)

// Warning is something a letter carries that its author should know of:
// text left in another language than the letter's, a number the reader
// must call abroad, an offer a law requires but the incident does not make
// there. Text names no person (no name, address or e-mail); the same
// Code and Text recur across letters, so a run counts them.
type Warning struct {
	// Code is stable: "foreign_language_text", "foreign_phone",
	// "offer_not_valid_where_required", "offer_shorter_than_required",
	// "unprintable_characters", "unprintable_name", "email_needs_smtputf8",
	// "region_from_postal_code", "region_disagrees_with_postal_code".
	Code string `json:"code"`
	Text string `json:"text"`
}

func (w Warning) String() string { return w.Code + ": " + w.Text }

// Warning codes.
const (
	WarnForeignText  = "foreign_language_text"
	WarnForeignPhone = "foreign_phone"
	WarnOfferUnmet   = "offer_not_valid_where_required"
	WarnOfferShort   = "offer_shorter_than_required"
	// WarnUnprintable: characters of the name or address no font draws
	// (emoji, a script the fonts lack) were left out of the letter.
	WarnUnprintable = "unprintable_characters"
	// WarnUnprintableName: nothing of the name could be printed; the
	// letter greets the reader without a name.
	WarnUnprintableName = "unprintable_name"
	// WarnRegionFromPostalCode: the customer file gave no state or
	// province; the one the postal code points to was used, for the
	// decision and the address.
	WarnRegionFromPostalCode = "region_from_postal_code"
	// WarnRegionPostalCode: the file's state or province and the one its
	// postal code points to disagree; the file's was used.
	WarnRegionPostalCode = "region_disagrees_with_postal_code"
	// WarnSMTPUTF8: the e-mail address's local part is not ASCII; the
	// email can be sent only through a server that supports SMTPUTF8
	// (RFC 6531). Its domain is written in ASCII (punycode) either way.
	WarnSMTPUTF8 = "email_needs_smtputf8"
)

// regionWarnings records where the reader's state or province came from
// when the customer file did not simply give it.
func (c *composer) regionWarnings() {
	p := c.in.Person
	what, code := "state", "ZIP Code"
	if p.Country == "CA" {
		what, code = "province", "postal code (FSA)"
	}
	if p.RegionFrom == customers.RegionFromPostalCode {
		// The same text for every state, so that the summary counts one
		// line; the letter's jurisdiction and address name the state.
		c.warn(WarnRegionFromPostalCode, "%s address without a %s in the file: the %s was taken from the %s", p.Country, what, what, code)
	}
	if p.PostalCodeRegion != "" {
		c.warn(WarnRegionPostalCode, "%s address in %s by the file, in %s by its postal code: the file's %s %s was used", p.Country, p.Region, p.PostalCodeRegion, what, p.Region)
	}
}

// warn records a warning once per letter.
func (c *composer) warn(code, format string, args ...any) {
	w := Warning{Code: code, Text: fmt.Sprintf(format, args...)}
	for _, x := range c.warnings {
		if x == w {
			return
		}
	}
	c.warnings = append(c.warnings, w)
}

// signatoryTitle is the signatory's title in the letter's language:
// signatory_titles, else signatory_title as written (with a warning when
// it may be in another language).
func (c *composer) signatoryTitle() string {
	org := c.in.Incident.Organization
	if t := strings.TrimSpace(org.SignatoryTitles[c.lang]); t != "" {
		return t
	}
	if strings.TrimSpace(org.SignatoryTitle) == "" {
		if len(org.SignatoryTitles) > 0 {
			c.warn(WarnForeignText, "organization.signatory_titles has no %s title: %s letters are signed without one", c.lang, c.lang)
		}
		return ""
	}
	c.warn(WarnForeignText, "organization.signatory_titles has no %s title: %s letters carry signatory_title %q as written", c.lang, c.lang, org.SignatoryTitle)
	return org.SignatoryTitle
}

// contactPhone is the number the reader is given and its hours in the
// letter's language ("" when not given in that language: never another
// language's), with warnings for a number abroad and missing hours.
func (c *composer) contactPhone() (phone, hours string) {
	country := c.r.Country
	ct := c.in.Incident.ContactFor(country)
	if ct.Number == "" {
		return "", ""
	}
	phone = c.in.Incident.PhoneFor(country)
	if !ct.Own && country != "" && ct.Country != country {
		c.warn(WarnForeignPhone, "readers in %s are given only a number in %s (%s): add organization.phones.%s", country, ct.Country, strings.ReplaceAll(phone, "\u00a0", " "), country)
	}
	hours = strings.TrimSpace(ct.Hours[c.lang])
	if hours == "" && len(ct.Hours) > 0 {
		c.warn(WarnForeignText, "the hours of the number for readers in %s are not given in %s: %s letters print the number without hours", country, c.lang, c.lang)
	}
	return phone, hours
}

// warnUnprintable records what printablePerson left out: the fields, and
// whether the whole name went. The text names the fields, never their
// content.
func (c *composer) warnUnprintable(fields, nameScripts []string, nameLost bool) {
	what := "characters no font of the letter draws (emoji and other symbols, or a script the fonts lack)"
	if len(nameScripts) > 0 {
		what = "characters in a script breachnotice cannot print (" + strings.Join(nameScripts, ", ") + ")"
	}
	if len(fields) > 0 {
		c.warn(WarnUnprintable, "%s were left out of the %s as the letter and its email print them; the customer file keeps them as given", what, strings.Join(fields, ", "))
	}
	if nameLost {
		c.warn(WarnUnprintableName, "no character of the name can be printed: the letter and the email greet the reader without a name and the address block starts with the street; check the name in the customer file")
	}
}

// warnSMTPUTF8 warns when the part of the email address before the "@" is
// not ASCII: it has no ASCII form (unlike the domain, which the email
// writes in punycode), so the email is written with it in UTF-8 (RFC 6532)
// and only a server that supports SMTPUTF8 can send it. The letter on
// paper is not affected; an email that cannot be sent is not a person
// left without notice.
func (c *composer) warnSMTPUTF8(addr string) {
	at := strings.LastIndexByte(addr, '@')
	for i := 0; i < at; i++ {
		if addr[i] >= 0x80 {
			c.warn(WarnSMTPUTF8, "the part of the email address before the @ is not ASCII: send the email through a mail server that supports SMTPUTF8 (RFC 6531), or it is refused; the letter on paper is not affected")
			return
		}
	}
}
