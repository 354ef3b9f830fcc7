package letters

import (
	"fmt"
	"slices"
	"strings"

	"github.com/breachnotice/breachnotice/letters/customers"
)

// PreviewProfiles are the jurisdiction profiles a preview renders: a GDPR
// country, California (fixed title and headings), Massachusetts (no
// description of the breach), Russia and China.
var PreviewProfiles = []string{"EU", "US-CA", "US-MA", "RU", "CN"}

// previewNames are invented readers, one per letter language.
var previewNames = map[string]string{
	"en": "Alex Morgan",
	"it": "Giulia Conti",
	"fr": "Camille Laurent",
	"zh": "李明",
	"ru": "Анна Смирнова",
}

// previewPlaces are invented addresses per profile. The EU profile puts
// each reader where their language is at home (an English reader in
// Ireland, a Chinese one in Italy, a Russian one in Germany), so the
// addresses exercise several countries' conventions.
var previewPlaces = map[string]map[string]customers.Person{
	"EU": {
		"en": {Street: "14 Harcourt Street", PostalCode: "D02 YX88", City: "Dublin", Country: "IE"},
		"it": {Street: "Via Solferino 12", PostalCode: "20121", City: "Milano", Region: "MI", Country: "IT"},
		"fr": {Street: "8 rue de la République", PostalCode: "69002", City: "Lyon", Country: "FR"},
		"zh": {Street: "Via Pistoiese 210", PostalCode: "59100", City: "Prato", Region: "PO", Country: "IT"},
		"ru": {Street: "Kantstraße 45", PostalCode: "10625", City: "Berlin", Country: "DE"},
	},
	"US-CA": {"*": {Street: "450 Market Street, Apt 5", PostalCode: "94105", City: "San Francisco", Region: "CA", Country: "US"}},
	"US-MA": {"*": {Street: "12 Beacon Street", PostalCode: "02108", City: "Boston", Region: "MA", Country: "US"}},
	"RU":    {"*": {Street: "ул. Тверская, д. 7, кв. 12", PostalCode: "125009", City: "Москва", Country: "RU"}},
	"CN":    {"*": {Street: "朝阳区建国路88号", PostalCode: "100022", City: "北京市", Country: "CN"}},
}

// PreviewPerson returns an invented reader of language lang living in
// profile's jurisdiction, with the given data categories, for reviewing
// letters before a run. Nothing in it is customer data.
func PreviewPerson(lang, profile string, categories []string) (customers.Person, error) {
	places, ok := previewPlaces[profile]
	if !ok {
		return customers.Person{}, fmt.Errorf("letters: unknown preview profile %q (known: %s)", profile, strings.Join(PreviewProfiles, ", "))
	}
	name, ok := previewNames[lang]
	if !ok {
		return customers.Person{}, fmt.Errorf("letters: no preview reader for language %q", lang)
	}
	r, ok := places[lang]
	if !ok {
		r = places["*"]
	}
	r.Row = 0
	r.CustomerID = "PREVIEW-" + profile + "-" + lang
	r.FullName = name
	r.Email = "reader@example.com"
	r.Language = lang
	r.DataCategories = slices.Clone(categories)
	r.ActivationCode = "SAMPLE-CODE-0000"
	return r, nil
}
