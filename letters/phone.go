package letters

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/breachnotice/breachnotice/letters/memo"
)

// ErrPhone is wrapped when a contact phone number cannot be read.
var ErrPhone = errors.New("letters: unusable phone number")

// ParsePhone reads a phone number written in international form
// ("+39 02 1234 5678") or in the national form of defaultRegion.
func ParsePhone(s, defaultRegion string) (*phonenumbers.PhoneNumber, error) {
	n, err := phonenumbers.Parse(s, strings.ToUpper(defaultRegion))
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrPhone, s, err)
	}
	if !phonenumbers.IsPossibleNumber(n) {
		return nil, fmt.Errorf("%w %q: not a possible number for its country", ErrPhone, s)
	}
	return n, nil
}

// FormatPhone writes a phone number the way a reader in readerCountry
// dials it: in the national form when the number is in their own country
// ("02 1234 5678" for a reader in Italy, "(800) 555-0100" in the US), in
// the form dialled from a country of the same numbering plan (a US number
// read in Canada), the international form otherwise ("+39 02 1234 5678"). A number that
// cannot be read is returned as written. Its groups are joined by no-break
// spaces (U+00A0), so that a line never breaks inside it.
//
// The answers are remembered: a run formats the incident's few numbers
// for the readers' countries, the same ones letter after letter.
func FormatPhone(s, defaultRegion, readerCountry string) string {
	return phones.Get(phoneKey{s, defaultRegion, readerCountry}, formatPhone)
}

// phoneKey is what FormatPhone is asked.
type phoneKey struct{ number, region, reader string }

// phones remembers FormatPhone's answers: numbers for every country of
// the world, for the handful of numbers an incident gives.
var phones = memo.Map[phoneKey, string]{Max: 2048}

func formatPhone(k phoneKey) string {
	s, readerCountry := k.number, k.reader
	n, err := ParsePhone(s, k.region)
	if err != nil {
		return NoBreak(s)
	}
	reader := strings.ToUpper(readerCountry)
	switch {
	case phonenumbers.GetRegionCodeForNumber(n) == reader:
		return NoBreak(phonenumbers.Format(n, phonenumbers.NATIONAL))
	case int(n.GetCountryCode()) == phonenumbers.GetCountryCodeForRegion(reader):
		// Another country of the same numbering plan (US and Canada):
		// dialled with the trunk prefix, "1 (800) 555-0100".
		return NoBreak(phonenumbers.FormatOutOfCountryCallingNumber(n, reader))
	}
	return NoBreak(phonenumbers.Format(n, phonenumbers.INTERNATIONAL))
}

// NoBreak joins the words of s with no-break spaces (U+00A0): a phone
// number, a date or a reference that a line must not break.
func NoBreak(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
