package letters

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/locales"
)

// FormatAddress lays out the recipient block by the destination country's
// postal convention. from is the sender's country (the organization's):
// a letter to the same country is domestic and carries no country line (an
// Italian company writing to Naples prints no "ITALIA"); any other letter
// ends with the destination country in capitals on a line of its own, the
// last line (UPU S42; Canada Post: "The last line in international
// addresses should only have a Canada Post recognized country name",
// Addressing guidelines, canadapost.ca/cpc/en/support/articles/addressing-guidelines/important-information.page).
// An unknown sender's country counts as international.
//
// The country's name is written in a language the post of origin reads:
// countryName gives it in the language of the sender's country; when that
// is not in Latin letters, or unknown, it is the English name ("CHINA",
// "RUSSIA"). Sources: Canada Post (above) asks for "a Canada Post
// recognized country name in English or French"; China Post, of the
// letters it sends abroad: "寄达国国名和地名应用中文或法文、英文(字母要大写)加注"
// (its rules for the cover of international mail, quoted at
// http://182.61.201.157/p/7796254898); for mail from Germany "das
// Empfängerland selbst wiederum wird in deutscher Sprache geschrieben, da
// diese Information für die Sortierung der Sendung auf das entsprechende
// Land wichtig ist" (http://die-clevere-seite.de/ausgabe-05/beste-adresse.php,
// after DIN 5008); USPS asks for English (International Mail Manual
// 122.21: "names of the post office and country of destination. If the
// English translation is not known, the foreign language words must
// appear in roman characters"). Not verified here: the UPU Convention's
// own wording on the language of the country line.
//
// By destination:
//   - IT: name; street; "CAP Località PR" ("80138 Napoli NA", the
//     province's two-letter code; a region's name is not printed).
//   - FR: name; street; "CP LOCALITÉ" with the town in capitals without
//     accents, hyphens or apostrophes ("13100 AIX EN PROVENCE"): La Poste,
//     after NF Z10-011: "La norme AFNOR précise que la dernière ligne doit
//     être imprimée en majuscules", "Pas de signe de ponctuation [...] à
//     partir de la ligne 4" (http://www.laposte.fr/sna/article.php3?id_article=148);
//     "La Poste demande en outre de ne pas accentuer les lettres capitales"
//     (https://www.haoui.com/newsletter/2014/janvier07/s2/index.html).
//   - DE, AT, CH: name; street; "PLZ Ort", no state ("Straße, Hausnummer;
//     Postleitzahl und Bestimmungsort (ohne vorangestelltes
//     Länderkennzeichen)", no blank line, DIN 5008 as summarized at
//     https://www.schwedisch-translator.de/so-adressiert-man-briefe-richtig.html).
//   - GB: name; street; post town in capitals; postcode in capitals on a
//     line of its own (Post Office, "Clear addressing",
//     http://www.postoffice.co.uk/letters-parcels/mailing-guide/clear-addressing).
//   - US: name; street; "City, ST 12345" (USPS Publication 28, §224: city,
//     two-letter state and ZIP Code on the last line,
//     http://pe.usps.gov/text/pub28/28c2_002.html).
//   - CA, Québec included: name; street; "CITY PROVINCE  A1A 1A1": the
//     municipality in capitals, one space, the two-letter province, two
//     spaces, the postal code in capitals with a space after its third
//     character (Canada Post, above, and
//     http://www.canadapost.ca/cpo/mc/personal/guides/addressing.jsf;
//     "MONTRÉAL QC  H3Z 2Y7": accents kept, not verified whether Canada
//     Post prefers them dropped).
//   - AU: name; street; "LOCALITY STATE POSTCODE" in capitals on one line
//     (Australia Post, Address Presentation Standards, sample "NORTH SYDNEY
//     NSW 2060", https://www.readkong.com/page/address-presentation-standards-1448269).
//   - RU: name; street, house, flat; city; region; postcode; then, for mail
//     from abroad, the country, last as for all international mail. The
//     domestic order is that of the Правила оказания услуг почтовой связи
//     (Постановление Правительства РФ № 221 от 15.04.2005, kept by the 2014
//     rules of Минкомсвязи): "наименование адресата; название улицы, номер
//     дома, номер квартиры; название населенного пункта; название района;
//     название республики, края, области, автономного округа; название
//     страны (для международных почтовых отправлений); почтовый индекс"
//     (quoted at https://zullus.ru/adres-kak-pisat/); from abroad the
//     country moves below the postcode, to the last line.
//   - IN: name; street and locality; "City PIN" ("Bengaluru 560001"); the
//     state's full name ("Karnataka", from its ISO 3166-2:IN code "KA"):
//     the PIN on the city's line, after it, the state below
//     (https://www.pincodesinfo.in/blog/how-to-write-postal-address-india-correct-format;
//     India Post's own guidance not verified).
//   - BR: name; "Rua Augusta, 1500" with the complement; the bairro (the
//     street's second line in the customer file); "CEP Cidade-UF"
//     ("01310-100 São Paulo-SP"): Correios allow the CEP alone on the last
//     line or "ZIP code, city and state names in the last line", the state
//     "must follow the town's name separated by a dash" and never precede
//     the CEP (https://www.correiosonline.com.br/english/correios-a-to-z/addressing;
//     UPU, Postal addressing systems, Brazil, https://livrozilla.com/doc/598763).
//   - CN, JP with an address in Chinese or Japanese script: the postcode
//     (Japan: after 〒), then from the largest unit to the smallest, the
//     name last. The postcode leads, where a Chinese envelope has its
//     postcode boxes and a Japanese one its 〒 mark: "If the postal code is
//     included in the address, it occurs before the name of the city"
//     (Modern Mandarin Chinese Grammar, Routledge, §22.7.4); China Post
//     "prefers the 6-digit postcode before the province name"
//     (http://bitboost.com/ref/international-address-formats/prc-china);
//     "用中文书写时,按国名、地名、姓名逐行顺序填写" (China Post, above: mail to
//     China from abroad starts its place line with 中国); Japanese addresses
//     "start with the postal code, followed by the prefecture, city and
//     subarea(s), and end with the recipient's name"
//     (http://jp.tingroom.com/zoujinriben/fengqingwenhua/9140.html). A
//     province or municipality the city already names is written once
//     (北京市, not 北京市北京). In Latin script the order is reversed:
//     name; street; "City, Region postcode" ("Shinjuku-ku, Tokyo
//     160-0023", https://www.docucenter.org/27708.html; "Beijing 100016").
//     The script of the data decides.
//   - elsewhere: name; street; "postcode city region".
func FormatAddress(r customers.Person, from string, countryName func(code string) string) []string {
	domestic := from != "" && strings.EqualFold(from, r.Country)
	lines := placeLines(r, domestic)
	if !domestic {
		lines = append(lines, countryLine(r.Country, strings.TrimSpace(countryName(r.Country))))
	}
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// join joins the parts of a line that are not empty with sep.
func join(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// placeLines are the lines of the block but the country's, by the
// destination's convention (see FormatAddress).
func placeLines(r customers.Person, domestic bool) []string {
	switch r.Country {
	case "CN", "JP":
		if isEastAsian(r.Street + r.City + r.Region) {
			return eastAsianLines(r, domestic)
		}
		return []string{r.FullName, r.Street, join(" ", join(", ", r.City, r.Region), r.PostalCode)}
	case "IT":
		province := ""
		if isCode(r.Region) {
			province = strings.ToUpper(r.Region)
		}
		return []string{r.FullName, r.Street, join(" ", r.PostalCode, r.City, province)}
	case "FR":
		return []string{r.FullName, r.Street, join(" ", r.PostalCode, frenchTown(r.City))}
	case "DE", "AT", "CH":
		return []string{r.FullName, r.Street, join(" ", r.PostalCode, r.City)}
	case "RU":
		return []string{r.FullName, r.Street, r.City, r.Region, r.PostalCode}
	case "IN":
		return []string{r.FullName, r.Street, join(" ", r.City, r.PostalCode), indianState(r.Region)}
	case "BR":
		return []string{r.FullName, r.Street, join(" ", brazilianCEP(r.PostalCode), join("-", r.City, strings.ToUpper(r.Region)))}
	case "US":
		return []string{r.FullName, r.Street, join(" ", join(", ", r.City, r.Region), r.PostalCode)}
	case "CA":
		// The two spaces are a no-break space and a space, which the
		// typesetter keeps (it sets a run of spaces as one); the postal
		// code does not break.
		return []string{r.FullName, r.Street, join("\u00a0 ", join(" ", strings.ToUpper(r.City), strings.ToUpper(r.Region)), NoBreak(canadianPostalCode(r.PostalCode)))}
	case "GB":
		return []string{r.FullName, r.Street, strings.ToUpper(r.City), britishPostcode(r.PostalCode)}
	case "AU":
		return []string{r.FullName, r.Street, strings.ToUpper(join(" ", r.City, r.Region, r.PostalCode))}
	}
	return []string{r.FullName, r.Street, join(" ", r.PostalCode, r.City, r.Region)}
}

// eastAsianLines: postcode; place from the largest unit; street; name.
// Mail to China from abroad begins the place with 中国 (China Post, see
// FormatAddress).
func eastAsianLines(r customers.Person, domestic bool) []string {
	postcode := strings.TrimSpace(r.PostalCode)
	if r.Country == "JP" && postcode != "" && !strings.HasPrefix(postcode, "〒") {
		postcode = "〒" + postcode
	}
	region, city, street := strings.TrimSpace(r.Region), strings.TrimSpace(r.City), strings.TrimSpace(r.Street)
	// A municipality is its own province (北京 and 北京市): once.
	if stem := regionStem(region); utf8.RuneCountInString(stem) >= 2 && strings.HasPrefix(city, stem) {
		if city == stem {
			city = region // 北京 in 北京市: 北京市
		}
		region = ""
	}
	place := region + city
	// A street that repeats the place ("北京市朝阳区…" in 北京市) starts after it.
	for _, p := range []string{place, city} {
		if p != "" && strings.HasPrefix(street, p) && len(street) > len(p) {
			street = strings.TrimSpace(strings.TrimPrefix(street, p))
			break
		}
	}
	if r.Country == "CN" && !domestic {
		place = "中国" + place
	}
	return []string{postcode, place, street, r.FullName}
}

// countryLine is the destination country in capitals: local, the name in
// the language of the sender's country, when it is written in Latin
// letters, else the English name, else the ISO code.
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
	"IN": "India", "IS": "Iceland", "IT": "Italy", "JP": "Japan", "KR": "Republic of Korea", "KZ": "Kazakhstan",
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

// regionStem is a Chinese or Japanese province without the one character
// that says what it is (北京市 -> 北京, 广东省 -> 广东, 京都府 -> 京都).
func regionStem(region string) string {
	for _, suffix := range []string{"省", "市", "都", "府", "县", "縣", "道"} {
		if s, ok := strings.CutSuffix(region, suffix); ok {
			return s
		}
	}
	return region
}

// isCode reports whether s is a two-letter subdivision code ("MI", "na").
func isCode(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) == 2 && unicode.IsLetter(rune(s[0])) && unicode.IsLetter(rune(s[1])) && s[0] < utf8.RuneSelf && s[1] < utf8.RuneSelf
}

// frenchTown writes a French town as La Poste reads it on the last line:
// capitals without accents, hyphens or apostrophes ("Aix-en-Provence" ->
// "AIX EN PROVENCE").
func frenchTown(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '-' || r == '\'' || r == '’':
			b.WriteRune(' ')
		default:
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// brazilianCEP writes a CEP as Correios print it: five digits, a hyphen,
// three digits ("01310100" -> "01310-100"); anything else as given.
func brazilianCEP(s string) string {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		if r == '-' || r == ' ' || r == '.' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if len(d) == 8 && strings.Trim(d, "0123456789") == "" {
		return d[:5] + "-" + d[5:]
	}
	return strings.TrimSpace(s)
}

// indianState is the full name of an Indian state or union territory from
// its ISO 3166-2:IN code ("KA" -> "Karnataka"; the older and the vehicle
// codes too: "OR", "TS", "UK"); a name is kept as given.
func indianState(s string) string {
	if name, ok := indianStates[strings.ToUpper(strings.TrimSpace(s))]; ok {
		return name
	}
	return s
}

var indianStates = map[string]string{
	"AN": "Andaman and Nicobar Islands", "AP": "Andhra Pradesh", "AR": "Arunachal Pradesh", "AS": "Assam",
	"BR": "Bihar", "CH": "Chandigarh", "CG": "Chhattisgarh", "CT": "Chhattisgarh",
	"DH": "Dadra and Nagar Haveli and Daman and Diu", "DL": "Delhi", "GA": "Goa", "GJ": "Gujarat",
	"HP": "Himachal Pradesh", "HR": "Haryana", "JH": "Jharkhand", "JK": "Jammu and Kashmir",
	"KA": "Karnataka", "KL": "Kerala", "LA": "Ladakh", "LD": "Lakshadweep", "MH": "Maharashtra",
	"ML": "Meghalaya", "MN": "Manipur", "MP": "Madhya Pradesh", "MZ": "Mizoram", "NL": "Nagaland",
	"OD": "Odisha", "OR": "Odisha", "PB": "Punjab", "PY": "Puducherry", "RJ": "Rajasthan", "SK": "Sikkim",
	"TG": "Telangana", "TS": "Telangana", "TN": "Tamil Nadu", "TR": "Tripura", "UP": "Uttar Pradesh",
	"UK": "Uttarakhand", "UT": "Uttarakhand", "WB": "West Bengal",
}

// countryName is a country's name in the language of the sender's country
// (the post of origin reads the country line), "" when that language has
// no catalog or its catalog no name for the country.
func (c *composer) countryName(code string) string {
	cat := c.in.Catalogs[c.originLanguage()]
	if cat == nil || !cat.Has("country."+code) {
		return ""
	}
	s, err := cat.Text("country."+code, map[string]any{})
	if err != nil {
		return ""
	}
	return s
}

// originLanguage is the language of the sender's country: its
// jurisdiction's first language where a catalog has it, else English.
func (c *composer) originLanguage() string {
	if c.in.Rules != nil {
		if j := c.in.Rules.Match(c.in.Incident.Organization.Country, ""); j != nil {
			if l := locales.Match(j.Language()); l != "" {
				return l
			}
		}
	}
	return "en"
}
