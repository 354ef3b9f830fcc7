package customers

//go:generate go run gen_countries.go

// isoCountry is one officially assigned ISO 3166-1 country.
type isoCountry struct {
	alpha2, alpha3, english string
	names                   []string // CLDR names in other languages
}

// countryAliases are names that are not CLDR display names but are commonly
// found in CRM exports. They win over every generated name.
var countryAliases = map[string][]string{
	"AE": {"UAE", "U.A.E.", "Emirates"},
	"AT": {"Österreich", "Austria"},
	"BA": {"Bosnia", "Bosnia and Herzegovina"},
	"BO": {"Bolivia, Plurinational State of"},
	"BY": {"Белоруссия", "Республика Беларусь", "Byelorussia", "Republic of Belarus"},
	"BR": {"Brasil", "Brazil", "Brésil", "Бразилия", "巴西"},
	"BN": {"Brunei Darussalam"},
	"CD": {"Democratic Republic of the Congo", "DR Congo", "DRC", "Congo, Democratic Republic of the", "Zaire"},
	"CG": {"Congo", "Republic of the Congo", "Congo-Brazzaville"},
	"CH": {"Schweiz", "Suisse", "Svizzera", "Swiss Confederation", "瑞士", "Швейцария", "Confederazione Svizzera", "Confédération suisse"},
	"CI": {"Ivory Coast", "Cote d'Ivoire"},
	"CN": {"PRC", "P.R.C.", "People's Republic of China", "中华人民共和国", "中華人民共和國", "Mainland China", "Repubblica Popolare Cinese", "République populaire de Chine", "КНР"},
	"CV": {"Cape Verde"},
	"CZ": {"Czech Republic", "Česko", "Česká republika", "Repubblica Ceca", "République tchèque", "Чешская Республика", "捷克共和国"},
	"DE": {"Deutschland", "Federal Republic of Germany", "BRD", "Repubblica Federale di Germania", "République fédérale d'Allemagne", "ФРГ", "Федеративная Республика Германия", "德意志联邦共和国"},
	"ES": {"España"},
	"FR": {"French Republic", "République française", "Repubblica Francese", "Французская Республика", "法兰西共和国"},
	"FM": {"Micronesia, Federated States of"},
	"GB": {"UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland", "United Kingdom of Great Britain and Northern Ireland", "Gran Bretagna", "Inghilterra", "Grande-Bretagne", "Angleterre", "Англия", "Великобритания", "Соединённое Королевство", "Соединенное Королевство", "英格兰", "大不列颠",
		"Regno Unito di Gran Bretagna e Irlanda del Nord", "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "联合王国", "大不列颠及北爱尔兰联合王国"},
	"HK": {"Hong Kong", "Hongkong", "香港"},
	"IE": {"Republic of Ireland", "Eire", "Éire", "Irish Republic", "Repubblica d'Irlanda", "République d'Irlande", "Республика Ирландия", "爱尔兰共和国"},
	"IR": {"Iran, Islamic Republic of"},
	"IT": {"Italian Republic", "Repubblica Italiana", "République italienne", "Итальянская Республика", "意大利共和国"},
	"KP": {"North Korea", "DPRK", "Korea, Democratic People's Republic of", "Corea del Nord", "Corée du Nord", "Северная Корея", "朝鲜"},
	"KR": {"South Korea", "Korea", "Republic of Korea", "Korea, Republic of", "Corea del Sud", "Corea", "Corée du Sud", "Corée", "Южная Корея", "Республика Корея", "韩国", "南韩", "大韩民国", "韓國", "大韓民國"},
	"LA": {"Lao People's Democratic Republic"},
	"MD": {"Moldova, Republic of"},
	"MK": {"Macedonia", "FYROM"},
	"MM": {"Burma"},
	"MO": {"Macao", "Macau", "澳门"},
	"NL": {"Holland", "The Netherlands", "Nederland", "Paesi Bassi", "Olanda", "Pays-Bas", "Нидерланды", "Голландия", "荷兰"},
	"PS": {"Palestine", "State of Palestine"},
	"RU": {"Russia", "Russian Federation", "Россия", "Российская Федерация", "РФ", "Federazione Russa", "Fédération de Russie", "俄罗斯联邦", "俄国"},
	"SY": {"Syrian Arab Republic"},
	"SZ": {"Swaziland"},
	"TL": {"East Timor"},
	"TR": {"Türkiye", "Turkiye", "Republic of Türkiye", "Republic of Turkey"},
	"TW": {"Taiwan, Province of China", "Republic of China", "中華民國"},
	"TZ": {"Tanzania, United Republic of"},
	"US": {"USA", "U.S.A.", "US", "U.S.", "United States of America", "America", "Stati Uniti d'America", "États-Unis d'Amérique", "Etats-Unis", "США", "Соединённые Штаты", "Соединённые Штаты Америки", "Соединенные Штаты Америки", "美国", "美利坚合众国", "美國"},
	"VA": {"Vatican", "Vatican City", "Holy See"},
	"VE": {"Venezuela, Bolivarian Republic of"},
	"VN": {"Viet Nam"},
}

// countryIndex maps normalized keys (see normKey) to alpha-2 codes.
var countryIndex = buildCountryIndex()

// countryAmbiguous lists generated names that name more than one country
// (they are left out of countryIndex); kept for tests.
var countryAmbiguous map[string][]string

func buildCountryIndex() map[string]string {
	idx := make(map[string]string, len(isoCountries)*8)
	prio := make(map[string]int)
	amb := make(map[string][]string)
	add := func(name, code string, p int) {
		k := normKey(name)
		if k == "" {
			return
		}
		old, ok := idx[k]
		switch {
		case !ok:
			idx[k], prio[k] = code, p
		case old == code:
			prio[k] = max(prio[k], p)
		case p > prio[k]:
			idx[k], prio[k] = code, p
		case p == prio[k]:
			amb[k] = append(amb[k], old, code)
		}
	}
	// Priorities: codes (3) > aliases (2) > CLDR names (1).
	for _, c := range isoCountries {
		add(c.alpha2, c.alpha2, 3)
		add(c.alpha3, c.alpha2, 3)
		add(c.english, c.alpha2, 1)
		for _, n := range c.names {
			add(n, c.alpha2, 1)
		}
	}
	for code, names := range countryAliases {
		for _, n := range names {
			add(n, code, 2)
		}
	}
	for k := range amb {
		if prio[k] == 1 {
			delete(idx, k)
		} else {
			delete(amb, k)
		}
	}
	countryAmbiguous = amb
	return idx
}

// NormalizeCountry returns the ISO 3166-1 alpha-2 code (upper case) for an
// alpha-2 or alpha-3 code or a country name in English, Italian, French,
// Russian, Chinese and a few other languages. Case, accents, spaces and
// punctuation are ignored. ok is false if the country is not known.
func NormalizeCountry(s string) (code string, ok bool) {
	code, ok = countryIndex[normKey(s)]
	return code, ok
}

// usStates maps USPS codes of the 50 states, DC, Puerto Rico, the other
// inhabited territories and the Armed Forces "states" to their English names.
var usStates = map[string][]string{
	"AL": {"Alabama"}, "AK": {"Alaska"}, "AZ": {"Arizona"}, "AR": {"Arkansas"},
	"CA": {"California"}, "CO": {"Colorado"}, "CT": {"Connecticut"}, "DE": {"Delaware"},
	"FL": {"Florida"}, "GA": {"Georgia"}, "HI": {"Hawaii"}, "ID": {"Idaho"},
	"IL": {"Illinois"}, "IN": {"Indiana"}, "IA": {"Iowa"}, "KS": {"Kansas"},
	"KY": {"Kentucky"}, "LA": {"Louisiana"}, "ME": {"Maine"}, "MD": {"Maryland"},
	"MA": {"Massachusetts"}, "MI": {"Michigan"}, "MN": {"Minnesota"}, "MS": {"Mississippi"},
	"MO": {"Missouri"}, "MT": {"Montana"}, "NE": {"Nebraska"}, "NV": {"Nevada"},
	"NH": {"New Hampshire"}, "NJ": {"New Jersey"}, "NM": {"New Mexico"}, "NY": {"New York", "New York State"},
	"NC": {"North Carolina"}, "ND": {"North Dakota"}, "OH": {"Ohio"}, "OK": {"Oklahoma"},
	"OR": {"Oregon"}, "PA": {"Pennsylvania"}, "RI": {"Rhode Island"}, "SC": {"South Carolina"},
	"SD": {"South Dakota"}, "TN": {"Tennessee"}, "TX": {"Texas"}, "UT": {"Utah"},
	"VT": {"Vermont"}, "VA": {"Virginia"}, "WA": {"Washington", "Washington State"}, "WV": {"West Virginia"},
	"WI": {"Wisconsin"}, "WY": {"Wyoming"},
	"DC": {"District of Columbia", "Washington DC", "Washington D.C.", "Washington, D.C."},
	"PR": {"Puerto Rico"},
	"GU": {"Guam"}, "VI": {"U.S. Virgin Islands", "US Virgin Islands", "Virgin Islands"},
	"AS": {"American Samoa"}, "MP": {"Northern Mariana Islands"},
	"AA": {"Armed Forces Americas"}, "AE": {"Armed Forces Europe"}, "AP": {"Armed Forces Pacific"},
}

var usStateIndex = func() map[string]string {
	idx := make(map[string]string, len(usStates)*2)
	for code, names := range usStates {
		idx[normKey(code)] = code
		for _, n := range names {
			idx[normKey(n)] = code
		}
	}
	return idx
}()

// NormalizeUSState returns the upper-case USPS code for a US state, DC,
// Puerto Rico, another inhabited US territory or an Armed Forces code, given
// either the code or the English name. ok is false if it is not known.
func NormalizeUSState(s string) (code string, ok bool) {
	code, ok = usStateIndex[normKey(s)]
	return code, ok
}
