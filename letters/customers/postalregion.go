package customers

import "strings"

// RegionFromPostalCode is Person.RegionFrom for a region taken from the
// postal code.
const RegionFromPostalCode = "postal_code"

// The state or province a postal code points to, for an address that has
// none (see Person.RegionFrom).
//
// US: the first three digits of a ZIP Code name the sectional center
// facility, and each prefix in use lies in one state, territory or
// Armed Forces area. zip3Ranges lists them by range, after the USPS
// assignment of 3-digit prefixes (USPS Publication 65, "National
// Five-Digit ZIP Code and Post Office Directory", and the L002 3-digit
// ZIP Code prefix matrix, https://pe.usps.com/Archive/HTML/DMMArchive20210328/L002.htm),
// as summarized in the public list of ZIP Code prefixes
// (https://en.wikipedia.org/wiki/List_of_ZIP_Code_prefixes, checked
// November 2026). A prefix not in use inside a state's range is read as
// that state: a letter addressed there reaches that state's facility.
// Fishers Island, New York, has the Connecticut ZIP Code 06390.
// The prefix 969 is shared by Guam, the Northern Mariana Islands and the
// freely associated states (Palau, Micronesia, the Marshall Islands, which
// are no US state and give none here), and the ZIP Code 96799 is American
// Samoa's (inside Hawaii's 967): zip5Ranges decides those by the whole
// ZIP Code.
//
// Canada: the first letter of the postal code (of the forward sortation
// area, FSA) names the province or territory (Canada Post, "Addressing
// guidelines", https://www.canadapost-postescanada.ca/cpc/en/support/kb/sending/general-information/postal-code-format):
// A NL, B NS, C PE, E NB, G H J QC, K L M N P ON, R MB, S SK, T AB, V BC,
// Y YT; X is shared by the Northwest Territories (X0E, X0G, X1A) and
// Nunavut (X0A, X0B, X0C), so for X the whole FSA decides.

// zipRange is a range of ZIP Code prefixes (or whole ZIP Codes) and the
// USPS code of their state.
type zipRange struct {
	lo, hi int
	state  string
}

// zip3Ranges are the 3-digit prefixes by state, in order.
var zip3Ranges = []zipRange{
	{5, 5, "NY"}, {6, 7, "PR"}, {8, 8, "VI"}, {9, 9, "PR"},
	{10, 27, "MA"}, {28, 29, "RI"}, {30, 38, "NH"}, {39, 49, "ME"},
	{50, 54, "VT"}, {55, 55, "MA"}, {56, 59, "VT"}, {60, 69, "CT"},
	{70, 89, "NJ"}, {90, 98, "AE"},
	{100, 149, "NY"}, {150, 196, "PA"}, {197, 199, "DE"},
	{200, 200, "DC"}, {201, 201, "VA"}, {202, 205, "DC"}, {206, 219, "MD"},
	{220, 246, "VA"}, {247, 268, "WV"}, {270, 289, "NC"}, {290, 299, "SC"},
	{300, 319, "GA"}, {320, 339, "FL"}, {340, 340, "AA"}, {341, 349, "FL"},
	{350, 369, "AL"}, {370, 385, "TN"}, {386, 397, "MS"}, {398, 399, "GA"},
	{400, 427, "KY"}, {430, 459, "OH"}, {460, 479, "IN"}, {480, 499, "MI"},
	{500, 528, "IA"}, {530, 549, "WI"}, {550, 567, "MN"}, {569, 569, "DC"},
	{570, 577, "SD"}, {580, 588, "ND"}, {590, 599, "MT"},
	{600, 629, "IL"}, {630, 658, "MO"}, {660, 679, "KS"}, {680, 693, "NE"},
	{700, 714, "LA"}, {716, 729, "AR"}, {730, 731, "OK"}, {733, 733, "TX"},
	{734, 749, "OK"}, {750, 799, "TX"},
	{800, 816, "CO"}, {820, 831, "WY"}, {832, 838, "ID"}, {840, 847, "UT"},
	{850, 865, "AZ"}, {870, 884, "NM"}, {885, 885, "TX"}, {889, 898, "NV"},
	{900, 961, "CA"}, {962, 966, "AP"}, {967, 968, "HI"},
	{970, 979, "OR"}, {980, 994, "WA"}, {995, 999, "AK"},
}

// zip5Ranges are whole ZIP Codes whose prefix does not decide the state;
// they are looked up first.
var zip5Ranges = []zipRange{
	{6390, 6390, "NY"}, // Fishers Island, served from Connecticut's 063
	{96799, 96799, "AS"},
	{96910, 96932, "GU"},
	{96950, 96952, "MP"},
}

// caFSALetters maps the first letter of a Canadian postal code to its
// province or territory; X is decided by caFSAX.
var caFSALetters = map[byte]string{
	'A': "NL", 'B': "NS", 'C': "PE", 'E': "NB", 'G': "QC", 'H': "QC", 'J': "QC",
	'K': "ON", 'L': "ON", 'M': "ON", 'N': "ON", 'P': "ON",
	'R': "MB", 'S': "SK", 'T': "AB", 'V': "BC", 'Y': "YT",
}

// caFSAX are the forward sortation areas of the letter X.
var caFSAX = map[string]string{
	"X0A": "NU", "X0B": "NU", "X0C": "NU",
	"X0E": "NT", "X0G": "NT", "X1A": "NT",
}

// postalCodeRegion returns the state (US) or province (CA) that the
// postal code, as NormalizePostalCode returns it, points to; "" for other
// countries and for codes it cannot read.
func postalCodeRegion(country, postal string) string {
	switch country {
	case "US":
		return zipState(postal)
	case "CA":
		return fsaProvince(postal)
	}
	return ""
}

// zipState reads a 5-digit ZIP Code or ZIP+4 ("02134", "02134-1234",
// "021341234").
func zipState(zip string) string {
	d := strings.NewReplacer("-", "", " ", "").Replace(zip)
	if (len(d) != 5 && len(d) != 9) || !allDigits(d) {
		return ""
	}
	n := 0
	for _, c := range d[:5] {
		n = 10*n + int(c-'0')
	}
	if s := findZipRange(zip5Ranges, n); s != "" {
		return s
	}
	if n/100 == 969 {
		return ""
	}
	return findZipRange(zip3Ranges, n/100)
}

func findZipRange(ranges []zipRange, n int) string {
	for _, r := range ranges {
		if n >= r.lo && n <= r.hi {
			return r.state
		}
	}
	return ""
}

// fsaProvince reads a Canadian postal code in the national format
// ("K1A 0B1").
func fsaProvince(postal string) string {
	c := strings.ReplaceAll(postal, " ", "")
	if !reCAPostcode.MatchString(c) {
		return ""
	}
	if c[0] == 'X' {
		return caFSAX[c[:3]]
	}
	return caFSALetters[c[0]]
}
