package letters

import "strings"

// FormatAddress lays out the recipient block by the destination country's
// postal convention. countryName returns the country's name in the letter's
// language ("" if unknown, then the ISO code is used).
//
//   - CN: from the largest unit to the smallest, name last (中国 省 市 街道 / 姓名).
//   - RU: name; street; city; region; country; postal code (Почта России, 2019).
//   - US: name; street; "City, ST 12345"; country.
//   - GB: name; street; city; postcode; country.
//   - elsewhere (IT, FR, most of Europe): name; street; "postcode city region"; country.
func FormatAddress(r Recipient, countryName func(code string) string) []string {
	country := countryName(r.Country)
	if country == "" {
		country = r.Country
	}
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
	case "CN":
		lines = []string{join("", country, r.Region, r.City), r.Street, r.PostalCode, r.Name}
	case "RU":
		lines = []string{r.Name, r.Street, r.City, r.Region, country, r.PostalCode}
	case "US":
		lines = []string{r.Name, r.Street, join(" ", join(", ", r.City, r.Region), r.PostalCode), strings.ToUpper(country)}
	case "GB":
		lines = []string{r.Name, r.Street, r.City, r.PostalCode, strings.ToUpper(country)}
	default:
		lines = []string{r.Name, r.Street, join(" ", r.PostalCode, r.City, r.Region), strings.ToUpper(country)}
	}
	var out []string
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}
