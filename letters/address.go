package letters

import (
	"strings"
	"unicode"

	"github.com/breachnotice/breachnotice/letters/customers"
)

// FormatAddress lays out the recipient block by the destination country's
// postal convention. countryName returns the country's name in the letter's
// language ("" if unknown).
//
// Every block carries the destination country in capitals on its last line
// (in Russia: above the postcode), as the Universal Postal Union asks of
// international mail, in a language the post of origin reads: the letter's
// own name for the country when that is written in Latin letters, else the
// English name ("CHINA", "RUSSIA"). Canada Post: "The last line in
// international addresses should only have a Canada Post recognized country
// name in English or French" (Addressing guidelines, Important information,
// canadapost.ca/cpc/en/support/articles/addressing-guidelines/important-information.page);
// China Post asks the same of the letters it sends abroad: "寄达国国名和地名
// 应用中文或法文、英文(字母要大写)加注" (its rules for the cover of international
// mail, quoted at http://182.61.201.157/p/7796254898).
//
//   - CN, JP with an address in Chinese or Japanese script: the postcode,
//     then from the largest unit to the smallest, the name last. The
//     postcode leads, where a Chinese envelope has its postcode boxes and a
//     Japanese one its 〒 mark: "If the postal code is included in the
//     address, it occurs before the name of the city" (Modern Mandarin
//     Chinese Grammar, Routledge, §22.7.4); China Post "prefers the 6-digit
//     postcode before the province name"
//     (http://bitboost.com/ref/international-address-formats/prc-china);
//     "用中文书写时,按国名、地名、姓名逐行顺序填写" (China Post, above); Japanese
//     addresses "start with the postal code, followed by the prefecture,
//     city and subarea(s), and end with the recipient's name"
//     (http://jp.tingroom.com/zoujinriben/fengqingwenhua/9140.html). In Latin
//     script: name; street; "City, Region postcode" ("Shinjuku-ku, Tokyo
//     160-0023", https://www.docucenter.org/27708.html; "Beijing 100016").
//   - RU: name; street, house, flat; city; region; country; postcode, in
//     the order of the Правила оказания услуг почтовой связи (Постановление
//     Правительства РФ № 221 от 15.04.2005, kept by the 2014 rules of
//     Минкомсвязи): "наименование адресата; название улицы, номер дома,
//     номер квартиры; название населенного пункта; название района;
//     название республики, края, области, автономного округа; название
//     страны (для международных почтовых отправлений); почтовый индекс"
//     (quoted at https://zullus.ru/adres-kak-pisat/).
//   - US: name; street; "City, ST 12345"; country (USPS Publication 28,
//     §224: city, two-letter state and ZIP Code on the last line,
//     http://pe.usps.gov/text/pub28/28c2_002.html).
//   - CA: name; street; "City PROVINCE  A1A 1A1", with one space before the
//     province and two before the postal code, which is in capitals with a
//     space after its third character (Canada Post, above, and
//     http://www.canadapost.ca/cpo/mc/personal/guides/addressing.jsf).
//   - GB: name; street; post town in capitals; postcode in capitals on a
//     line of its own (Post Office, "Clear addressing",
//     http://www.postoffice.co.uk/letters-parcels/mailing-guide/clear-addressing).
//   - AU: name; street; "LOCALITY STATE POSTCODE" in capitals on one line
//     (Australia Post, Address Presentation Standards, sample "NORTH SYDNEY
//     NSW 2060", https://www.readkong.com/page/address-presentation-standards-1448269).
//   - elsewhere (IT, FR, DE and most of Europe): name; street; "postcode
//     city region"; country (Italy: "80138 Napoli NA", with the province's
//     code; German and French customer files carry no region).
func FormatAddress(r customers.Person, countryName func(code string) string) []string {
	local := strings.TrimSpace(countryName(r.Country))
	country := countryLine(r.Country, local)
	join := func(sep string, parts ...string) string {
		var kept []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				kept = append(kept, p)
			}
		}
		return strings.Join(kept, sep)
	}
	var lines []string
	switch r.Country {
	case "CN", "JP":
		if isEastAsian(r.Street + r.City + r.Region) {
			postcode := strings.TrimSpace(r.PostalCode)
			if r.Country == "JP" && postcode != "" && !strings.HasPrefix(postcode, "〒") {
				postcode = "〒" + postcode
			}
			// A municipality is its own province (北京市 in 北京): once.
			region := r.Region
			if strings.HasPrefix(r.City, strings.TrimSuffix(region, "市")) {
				region = ""
			}
			place := join("", region, r.City)
			if isEastAsian(local) {
				place = join("", local, place)
			}
			lines = []string{postcode, place, r.Street, r.FullName, country}
		} else {
			lines = []string{r.FullName, r.Street, join(" ", join(", ", r.City, r.Region), r.PostalCode), country}
		}
	case "RU":
		// The country last, as for all international mail (UPU S42); the
		// postcode on its own line before it.
		lines = []string{r.FullName, r.Street, r.City, r.Region, r.PostalCode, country}
	case "US":
		lines = []string{r.FullName, r.Street, join(" ", join(", ", r.City, r.Region), r.PostalCode), country}
	case "CA":
		lines = []string{r.FullName, r.Street, join("  ", join(" ", r.City, strings.ToUpper(r.Region)), canadianPostalCode(r.PostalCode)), country}
	case "GB":
		lines = []string{r.FullName, r.Street, strings.ToUpper(r.City), britishPostcode(r.PostalCode), country}
	case "AU":
		lines = []string{r.FullName, r.Street, strings.ToUpper(join(" ", r.City, r.Region, r.PostalCode)), country}
	default:
		lines = []string{r.FullName, r.Street, join(" ", r.PostalCode, r.City, r.Region), country}
	}
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// countryLine is the destination country in capitals: local, the name in
// the letter's language, when it is written in Latin letters, else the
// English name, else the ISO code.
func countryLine(code, local string) string {
	name := local
	if name == "" || hasNonLatinLetters(name) {
		name = englishCountry[code]
	}
	if name == "" {
		name = code
	}
	return strings.ToUpper(name)
}

// englishCountry holds the English names of the countries whose letters may
// be written in a language without Latin letters.
var englishCountry = map[string]string{
	"AT": "Austria", "AU": "Australia", "BE": "Belgium", "BG": "Bulgaria", "BR": "Brazil", "BY": "Belarus",
	"CA": "Canada", "CH": "Switzerland", "CN": "China", "CY": "Cyprus", "CZ": "Czech Republic", "DE": "Germany",
	"DK": "Denmark", "EE": "Estonia", "ES": "Spain", "FI": "Finland", "FR": "France", "GB": "United Kingdom",
	"GR": "Greece", "HK": "Hong Kong", "HR": "Croatia", "HU": "Hungary", "IE": "Ireland", "IL": "Israel",
	"IN": "India", "IS": "Iceland", "IT": "Italy", "JP": "Japan", "KR": "Korea, Republic of", "KZ": "Kazakhstan",
	"LI": "Liechtenstein", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MC": "Monaco", "MO": "Macao",
	"MT": "Malta", "MX": "Mexico", "NL": "Netherlands", "NO": "Norway", "NZ": "New Zealand", "PL": "Poland",
	"PT": "Portugal", "RO": "Romania", "RU": "Russia", "SE": "Sweden", "SG": "Singapore", "SI": "Slovenia",
	"SK": "Slovakia", "SM": "San Marino", "TR": "Turkey", "TW": "Taiwan", "UA": "Ukraine", "US": "United States",
	"VA": "Vatican City", "ZA": "South Africa",
}

// hasNonLatinLetters reports whether s has a letter of a script other than
// Latin (Han, Cyrillic, ...).
func hasNonLatinLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// isEastAsian reports whether s has Han, Hiragana or Katakana characters.
func isEastAsian(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// canadianPostalCode writes a Canadian postal code in capitals with one
// space after the third character ("k1a0b1" -> "K1A 0B1").
func canadianPostalCode(s string) string {
	c := strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
	if len(c) == 6 {
		return c[:3] + " " + c[3:]
	}
	return c
}

// britishPostcode writes a UK postcode in capitals with one space before
// the inward code, its last three characters ("sw1a2aa" -> "SW1A 2AA").
func britishPostcode(s string) string {
	c := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if n := len(c); n >= 5 && n <= 7 {
		return c[:n-3] + " " + c[n-3:]
	}
	return c
}
