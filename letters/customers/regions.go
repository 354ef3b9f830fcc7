package customers

import (
	"regexp"
	"strconv"
	"strings"
)

// Regions and postal codes.
//
// Sources checked (November 2026):
//   - ISO 3166-2 as shipped by Debian's iso-codes 4.15.0
//     (/usr/share/iso-codes/json/iso_3166-2.json): CA (13 provinces and
//     territories), AU (8 states and territories), IT (20 regions and 106
//     province-level units: it leaves out Aosta, whose province is the
//     Valle d'Aosta region IT-23, and still lists SU Sud Sardegna).
//   - ISTAT, "Codici delle unità amministrative" (istat.it/it/archivio/6789,
//     update of 17 July 2025): Sardinia's final reform in force since 17
//     July 2025, used by ISTAT from 1 January 2026: the metropolitan cities
//     of Cagliari (CA) and Sassari (SS) and the provinces of Nuoro (NU),
//     Oristano (OR), Gallura Nord-Est Sardegna (OT), Ogliastra (OG), Sulcis
//     Iglesiente (CI) and Medio Campidano (VS); Sud Sardegna (SU) is
//     suppressed. The sigle OT, OG, CI and VS are those of the provinces of
//     2005-2016 (suppressed in 2016 when SU was created) and are used again
//     by ISTAT's 2026 list of comuni.
//   - Canada Post two-letter symbols (the same as ISO 3166-2:CA) and
//     Australia Post state abbreviations (the same as ISO 3166-2:AU).
//   - Postal code formats: Unicode CLDR common/supplemental/postalCodeData.xml
//     and Google libaddressinput (AU ranges 0200-0299 ACT, 0800-0999 NT).

// NormalizeRegion normalizes the region (state, province) of an address
// whose country is the ISO 3166-1 alpha-2 code country (already
// normalized). value is cleaned first (see cleanCell) and collapsed to one
// line. Names and codes are compared with normKey: case, accents, spaces
// and punctuation are ignored ("n.s.w." is "NSW"). Every country accepts
// the empty value ("", true).
//
//   - "US": the USPS code of a state, DC, a territory or an Armed Forces
//     code, as returned by NormalizeUSState ("California", "ca" -> "CA").
//   - "CA": the Canada Post / ISO 3166-2 code of the 13 provinces and
//     territories (AB BC MB NB NL NS NT NU ON PE QC SK YT), from the code,
//     the old abbreviations ("PQ", "NF", "Que.", "Nfld.", "P.E.I."...), or
//     the English, French, Italian, Russian or Chinese name ("Québec",
//     "Colombie-Britannique", "Terranova e Labrador", "Квебек", "魁北克省").
//   - "AU": the code of the 8 states and territories (NSW VIC QLD WA SA TAS
//     ACT NT), from the code, common abbreviations ("N.S.W.", "Vic", "Qld")
//     or the name in the five languages ("Tasmania", "Nouvelle-Galles du
//     Sud", "Новый Южный Уэльс", "新南威尔士州").
//   - "IT": the two-letter sigla of the province or metropolitan city
//     ("MI", "RM", "BZ"), from the sigla or the Italian name ("Milano",
//     "Reggio nell'Emilia", "Forlì-Cesena", "Bolzano/Bozen", "Aoste") and
//     common English, French, Russian and Chinese names ("Milan", "Venise",
//     "Turin", "Рим", "米兰"). The administrative prefixes "Provincia di",
//     "Città metropolitana di", "Libero consorzio comunale di" ... are
//     ignored, and "Sesto San Giovanni (MI)" gives "MI". See itProvinces for
//     the list (the 110 units of ISTAT's 2026 list plus the suppressed SU)
//     and the historical sigle. Italian exports often put the REGION in the
//     "Regione/Provincia" column: the 20 region names (Italian, English,
//     French, Russian, Chinese) and the ISO codes "IT-21".."IT-88" are
//     accepted and give the region's Italian name ("Lombardia", "Lazio"),
//     which reads well in an address line, except Valle d'Aosta, which is
//     also the province AO and gives "AO".
//   - A value prefixed with the country's code is accepted: "US-CA",
//     "CA-QC", "AU-NSW", "IT-MI", "IT-25".
//   - Any other country: the cleaned value as given, ok = true (its
//     subdivisions are not known here; "DE-BY" stays "DE-BY").
//
// ok is false when the value is not a known region of a US, CA, AU or IT
// address; code is then the cleaned value unchanged, so a caller that does
// not want to reject the row may keep it.
func NormalizeRegion(country, value string) (code string, ok bool) {
	v := oneLine(cleanCell(value))
	if v == "" {
		return "", true
	}
	country = strings.ToUpper(strings.TrimSpace(country))
	var lookup func(string) (string, bool)
	switch country {
	case "US":
		lookup = NormalizeUSState
	case "CA":
		lookup = indexLookup(caRegionIndex)
	case "AU":
		lookup = indexLookup(auRegionIndex)
	case "IT":
		lookup = lookupIT
	default:
		return v, true
	}
	if c, ok := lookupRegion(country, v, lookup); ok {
		return c, true
	}
	return v, false
}

// lookupRegion tries v as it is, without a "CC-" country prefix, and as
// "Name (XX)".
func lookupRegion(country, v string, lookup func(string) (string, bool)) (string, bool) {
	if c, ok := lookup(v); ok {
		return c, true
	}
	if rest, found := cutCountryPrefix(country, v); found {
		if country == "IT" {
			if name, ok := itISORegions[rest]; ok {
				return name, true
			}
		}
		if c, ok := lookup(rest); ok {
			return c, true
		}
	}
	// "Sesto San Giovanni (MI)", "Toronto (ON)": the code in parentheses,
	// unless the text before it names another province or state of the
	// same country (an Italian region before a sigla is fine).
	if m := reRegionInParens.FindStringSubmatch(v); m != nil {
		inner, ok := lookup(m[2])
		if !ok {
			return "", false
		}
		if outer := strings.TrimSpace(m[1]); outer != "" {
			if o, ok := lookup(outer); ok && o != inner && !(country == "IT" && itRegionNames[o]) {
				return "", false
			}
		}
		return inner, true
	}
	return "", false
}

var reRegionInParens = regexp.MustCompile(`^(.*?)\s*\(\s*([A-Za-z]{2,3})\s*\)$`)

// cutCountryPrefix removes "CC-", "CC_" or "CC " from the start of v (case
// insensitive) and reports whether it did.
func cutCountryPrefix(country, v string) (string, bool) {
	if len(v) < len(country)+2 || !strings.EqualFold(v[:len(country)], country) {
		return v, false
	}
	switch v[len(country)] {
	case '-', '_', ' ':
		return strings.TrimSpace(v[len(country)+1:]), true
	}
	return v, false
}

func indexLookup(idx map[string]string) func(string) (string, bool) {
	return func(s string) (string, bool) {
		c, ok := idx[normKey(s)]
		return c, ok
	}
}

// regionEntry is one subdivision: its code (what NormalizeRegion returns)
// and the names and abbreviations that are recognized for it.
type regionEntry struct {
	code  string
	names []string
}

// buildRegionIndex maps normKey of every code and name to its code. A key
// listed for two codes is a bug in the tables: it panics (the tests run
// it).
func buildRegionIndex(what string, tables ...[]regionEntry) map[string]string {
	idx := make(map[string]string)
	for _, t := range tables {
		for _, e := range t {
			for _, n := range append([]string{e.code}, e.names...) {
				k := normKey(n)
				if k == "" {
					panic("customers: empty " + what + " name for " + e.code)
				}
				if old, ok := idx[k]; ok && old != e.code {
					panic("customers: " + what + " name " + n + " is listed for " + old + " and " + e.code)
				}
				idx[k] = e.code
			}
		}
	}
	return idx
}

// caProvinces are the 13 provinces and territories of Canada (ISO
// 3166-2:CA, the same codes as Canada Post), with the English, French,
// Italian, Russian and Chinese names and the old abbreviations.
var caProvinces = []regionEntry{
	{"AB", []string{"Alberta", "Alta", "Альберта", "艾伯塔", "艾伯塔省", "阿尔伯塔", "阿尔伯塔省", "亞伯達", "亚伯达省"}},
	{"BC", []string{"British Columbia", "Colombie-Britannique", "C.-B.", "Columbia Britannica", "Британская Колумбия",
		"不列颠哥伦比亚", "不列颠哥伦比亚省", "卑诗省", "卑詩省", "卑诗"}},
	{"MB", []string{"Manitoba", "Man", "Манитоба", "曼尼托巴", "曼尼托巴省", "马尼托巴", "马尼托巴省", "緬尼托巴"}},
	{"NB", []string{"New Brunswick", "Nouveau-Brunswick", "Nuovo Brunswick", "Нью-Брансуик", "新不伦瑞克", "新不伦瑞克省", "纽宾士域", "紐賓士域"}},
	{"NL", []string{"Newfoundland and Labrador", "Newfoundland & Labrador", "Newfoundland", "Labrador", "NF", "Nfld", "Nfld and Labrador", "N.L.",
		"Terre-Neuve-et-Labrador", "Terre-Neuve", "T.-N.-L.", "Terranova e Labrador", "Terranova",
		"Ньюфаундленд и Лабрадор", "Ньюфаундленд", "纽芬兰与拉布拉多", "纽芬兰与拉布拉多省", "纽芬兰和拉布拉多", "纽芬兰和拉布拉多省", "纽芬兰"}},
	{"NS", []string{"Nova Scotia", "Nouvelle-Écosse", "Nuova Scozia", "Новая Шотландия", "新斯科舍", "新斯科舍省", "新斯科细亚"}},
	{"NT", []string{"Northwest Territories", "North West Territories", "Northwest Territory", "NWT", "Territoires du Nord-Ouest", "T.N.-O.",
		"Territori del Nord-Ovest", "Северо-Западные территории", "西北地区", "西北地區", "西北领地"}},
	{"NU", []string{"Nunavut", "Nvt", "Нунавут", "努纳武特", "努纳武特地区", "努納武特"}},
	{"ON", []string{"Ontario", "Ont", "Онтарио", "安大略", "安大略省"}},
	{"PE", []string{"Prince Edward Island", "PEI", "Île-du-Prince-Édouard", "Î.-P.-É.", "Isola del Principe Edoardo", "Isola Principe Edoardo",
		"Остров Принца Эдуарда", "爱德华王子岛", "爱德华王子岛省", "愛德華王子島"}},
	{"QC", []string{"Quebec", "Québec", "Province de Québec", "Province of Quebec", "PQ", "Que", "Qué", "Квебек", "魁北克", "魁北克省"}},
	{"SK", []string{"Saskatchewan", "Sask", "Саскачеван", "萨斯喀彻温", "萨斯喀彻温省", "薩斯喀徹溫"}},
	// Canada Post's symbol is YT; "YK" is a frequent mistake and names
	// nothing else.
	{"YT", []string{"Yukon", "Yukon Territory", "Territoire du Yukon", "YK", "Yuk", "Юкон", "育空", "育空地区", "育空地區"}},
}

// auStates are the 8 states and territories of Australia (ISO 3166-2:AU,
// the same abbreviations as Australia Post).
var auStates = []regionEntry{
	{"NSW", []string{"New South Wales", "Nouvelle-Galles du Sud", "Nuovo Galles del Sud", "Новый Южный Уэльс", "新南威尔士", "新南威尔士州", "新南威爾斯", "新南威爾士州"}},
	{"VIC", []string{"Victoria", "Виктория", "维多利亚", "维多利亚州", "維多利亞州"}},
	{"QLD", []string{"Queensland", "Qld", "Квинсленд", "昆士兰", "昆士兰州", "昆士蘭州"}},
	{"WA", []string{"Western Australia", "W. Aust.", "Australie-Occidentale", "Australia Occidentale", "Западная Австралия", "西澳大利亚", "西澳大利亚州", "西澳", "西澳洲"}},
	{"SA", []string{"South Australia", "S. Aust.", "Australie-Méridionale", "Australia Meridionale", "Южная Австралия", "南澳大利亚", "南澳大利亚州", "南澳", "南澳洲"}},
	{"TAS", []string{"Tasmania", "Tasmanie", "Тасмания", "塔斯马尼亚", "塔斯马尼亚州", "塔斯馬尼亞州"}},
	{"ACT", []string{"Australian Capital Territory", "Territoire de la capitale australienne", "Territorio della Capitale Australiana",
		"Австралийская столичная территория", "澳大利亚首都领地", "首都领地"}},
	{"NT", []string{"Northern Territory", "Territoire du Nord", "Territorio del Nord", "Северная территория", "北领地", "北領地"}},
}

// itProvinces are the Italian provinces, metropolitan cities, free
// municipal consortia (Sicily), decentralised regional entities (Friuli
// Venezia Giulia) and autonomous provinces, by their two-letter sigla
// (sigla automobilistica, also ISO 3166-2:IT): 111 entries.
//
//   - 110 are the units of ISTAT's list in force for statistics from 1
//     January 2026: the 106 province-level codes of ISO 3166-2:IT, minus SU,
//     plus AO (Valle d'Aosta, which ISO codes only as the region IT-23),
//     plus the four Sardinian provinces re-established by the 2025 reform:
//     CI Sulcis Iglesiente (formerly Carbonia-Iglesias), OG Ogliastra, OT
//     Gallura Nord-Est Sardegna (formerly Olbia-Tempio), VS Medio
//     Campidano.
//   - SU Sud Sardegna (2016-2025) is suppressed but still common in exports
//     and in ISO 3166-2: it is accepted and returned as "SU". It is not
//     mapped to a successor, because its territory was split between
//     Cagliari, Sulcis Iglesiente and Medio Campidano.
//   - CI, OG, OT and VS, suppressed 2016-2025, found in older exports, are
//     simply current again: returned as given. CA is Cagliari.
//   - Sigle replaced in the past by another sigla of the same province are
//     mapped to the current one: FO (Forlì, now FC Forlì-Cesena) and PS
//     (Pesaro, now PU Pesaro e Urbino); see itHistoricalSigle.
var itProvinces = []regionEntry{
	{"AG", []string{"Agrigento", "Agrigente", "Girgenti"}},
	{"AL", []string{"Alessandria", "Alexandrie"}},
	{"AN", []string{"Ancona", "Ancône"}},
	{"AO", []string{"Aosta", "Aoste", "Valle d'Aosta", "Vallée d'Aoste", "Valle d'Aosta/Vallée d'Aoste", "Valle d'Aosta - Vallée d'Aoste",
		"Aosta Valley", "Val d'Aosta", "Val d'Aoste", "Валле-д'Аоста", "瓦莱达奥斯塔"}},
	{"AP", []string{"Ascoli Piceno", "Ascoli"}},
	{"AQ", []string{"L'Aquila", "Aquila"}},
	{"AR", []string{"Arezzo"}},
	{"AT", []string{"Asti"}},
	{"AV", []string{"Avellino"}},
	{"BA", []string{"Bari"}},
	{"BG", []string{"Bergamo", "Bergame"}},
	{"BI", []string{"Biella"}},
	{"BL", []string{"Belluno"}},
	{"BN", []string{"Benevento", "Bénévent"}},
	{"BO", []string{"Bologna", "Bologne", "Болонья", "博洛尼亚"}},
	{"BR", []string{"Brindisi"}},
	{"BS", []string{"Brescia"}},
	{"BT", []string{"Barletta-Andria-Trani", "Barletta Andria Trani", "Barletta", "Andria", "Trani"}},
	{"BZ", []string{"Bolzano", "Bozen", "Bolzano/Bozen", "Bolzano-Bozen", "Alto Adige", "Südtirol", "Sudtirol", "Suedtirol", "South Tyrol",
		"Haut-Adige", "Tyrol du Sud", "Больцано", "博尔扎诺"}},
	{"CA", []string{"Cagliari", "Кальяри", "卡利亚里"}},
	{"CB", []string{"Campobasso"}},
	{"CE", []string{"Caserta", "Caserte"}},
	{"CH", []string{"Chieti"}},
	{"CI", []string{"Sulcis Iglesiente", "Sulcis-Iglesiente", "Carbonia-Iglesias", "Carbonia Iglesias", "Carbonia", "Iglesias"}},
	{"CL", []string{"Caltanissetta"}},
	{"CN", []string{"Cuneo", "Coni"}},
	{"CO", []string{"Como", "Côme"}},
	{"CR", []string{"Cremona", "Crémone"}},
	{"CS", []string{"Cosenza"}},
	{"CT", []string{"Catania", "Catane", "Катания", "卡塔尼亚"}},
	{"CZ", []string{"Catanzaro"}},
	{"EN", []string{"Enna"}},
	{"FC", []string{"Forlì-Cesena", "Forli Cesena", "Forlì", "Cesena"}},
	{"FE", []string{"Ferrara", "Ferrare"}},
	{"FG", []string{"Foggia"}},
	{"FI", []string{"Firenze", "Florence", "Флоренция", "佛罗伦萨"}},
	{"FM", []string{"Fermo"}},
	{"FR", []string{"Frosinone"}},
	{"GE", []string{"Genova", "Genoa", "Gênes", "Генуя", "热那亚"}},
	{"GO", []string{"Gorizia"}},
	{"GR", []string{"Grosseto"}},
	{"IM", []string{"Imperia"}},
	{"IS", []string{"Isernia"}},
	{"KR", []string{"Crotone"}},
	{"LC", []string{"Lecco"}},
	{"LE", []string{"Lecce"}},
	{"LI", []string{"Livorno", "Livourne", "Leghorn"}},
	{"LO", []string{"Lodi"}},
	{"LT", []string{"Latina"}},
	{"LU", []string{"Lucca", "Lucques"}},
	{"MB", []string{"Monza e della Brianza", "Monza e Brianza", "Monza Brianza", "Monza-Brianza", "Monza and Brianza", "Monza", "Brianza"}},
	{"MC", []string{"Macerata"}},
	{"ME", []string{"Messina", "Messine"}},
	{"MI", []string{"Milano", "Milan", "Милан", "米兰"}},
	{"MN", []string{"Mantova", "Mantua", "Mantoue"}},
	{"MO", []string{"Modena", "Modène"}},
	{"MS", []string{"Massa-Carrara", "Massa Carrara", "Massa e Carrara", "Massa", "Carrara"}},
	{"MT", []string{"Matera"}},
	{"NA", []string{"Napoli", "Naples", "Неаполь", "那不勒斯"}},
	{"NO", []string{"Novara", "Novare"}},
	{"NU", []string{"Nuoro"}},
	{"OG", []string{"Ogliastra", "Lanusei", "Tortolì"}},
	{"OR", []string{"Oristano"}},
	{"OT", []string{"Gallura Nord-Est Sardegna", "Gallura Nord Est Sardegna", "Nord-Est Sardegna", "Gallura", "Olbia-Tempio", "Olbia Tempio", "Olbia", "Tempio Pausania"}},
	{"PA", []string{"Palermo", "Palerme", "Палермо", "巴勒莫"}},
	{"PC", []string{"Piacenza", "Plaisance"}},
	{"PD", []string{"Padova", "Padua", "Padoue", "Падуя", "帕多瓦"}},
	{"PE", []string{"Pescara"}},
	{"PG", []string{"Perugia", "Pérouse"}},
	{"PI", []string{"Pisa", "Pise", "Пиза", "比萨"}},
	{"PN", []string{"Pordenone"}},
	{"PO", []string{"Prato"}},
	{"PR", []string{"Parma", "Parme"}},
	{"PT", []string{"Pistoia"}},
	{"PU", []string{"Pesaro e Urbino", "Pesaro-Urbino", "Pesaro Urbino", "Pesaro", "Urbino"}},
	{"PV", []string{"Pavia", "Pavie"}},
	{"PZ", []string{"Potenza"}},
	{"RA", []string{"Ravenna", "Ravenne"}},
	{"RC", []string{"Reggio Calabria", "Reggio di Calabria", "Reggio de Calabre"}},
	{"RE", []string{"Reggio Emilia", "Reggio nell'Emilia", "Reggio d'Émilie"}},
	{"RG", []string{"Ragusa", "Raguse"}},
	{"RI", []string{"Rieti"}},
	{"RM", []string{"Roma", "Rome", "Roma Capitale", "Рим", "罗马"}},
	{"RN", []string{"Rimini"}},
	{"RO", []string{"Rovigo"}},
	{"SA", []string{"Salerno", "Salerne"}},
	{"SI", []string{"Siena", "Sienne"}},
	{"SO", []string{"Sondrio"}},
	{"SP", []string{"La Spezia", "Spezia"}},
	{"SR", []string{"Siracusa", "Syracuse"}},
	{"SS", []string{"Sassari"}},
	{"SU", []string{"Sud Sardegna", "South Sardinia", "Sardaigne du Sud"}},
	{"SV", []string{"Savona", "Savone"}},
	{"TA", []string{"Taranto", "Tarente"}},
	{"TE", []string{"Teramo"}},
	{"TN", []string{"Trento", "Trentino", "Trente", "Trient", "Тренто", "特伦托"}},
	{"TO", []string{"Torino", "Turin", "Турин", "都灵"}},
	{"TP", []string{"Trapani"}},
	{"TR", []string{"Terni"}},
	{"TS", []string{"Trieste", "Триест", "的里雅斯特"}},
	{"TV", []string{"Treviso", "Trévise"}},
	{"UD", []string{"Udine"}},
	{"VA", []string{"Varese"}},
	{"VB", []string{"Verbano-Cusio-Ossola", "Verbano Cusio Ossola", "Verbania"}},
	{"VC", []string{"Vercelli", "Verceil"}},
	{"VE", []string{"Venezia", "Venice", "Venise", "Венеция", "威尼斯"}},
	{"VI", []string{"Vicenza", "Vicence"}},
	{"VR", []string{"Verona", "Vérone", "Верона", "维罗纳"}},
	{"VS", []string{"Medio Campidano", "Sanluri", "Villacidro"}},
	{"VT", []string{"Viterbo", "Viterbe"}},
	{"VV", []string{"Vibo Valentia", "Vibo"}},
}

// itHistoricalSigle are sigle that a province used before its current one.
var itHistoricalSigle = []regionEntry{
	{"FC", []string{"FO"}}, // Forlì until 1992
	{"PU", []string{"PS"}}, // Pesaro until 1999
}

// itRegions are the 20 Italian regions by their Italian name (what
// NormalizeRegion returns for them) and ISO 3166-2 code. Valle d'Aosta is
// not here: it is also the province AO (see itProvinces).
var itRegions = []struct {
	iso   string
	entry regionEntry
}{
	{"21", regionEntry{"Piemonte", []string{"Piedmont", "Piémont", "Пьемонт", "皮埃蒙特"}}},
	{"25", regionEntry{"Lombardia", []string{"Lombardy", "Lombardie", "Ломбардия", "伦巴第"}}},
	{"32", regionEntry{"Trentino-Alto Adige", []string{"Trentino-Alto Adige/Südtirol", "Trentino Alto Adige", "Trentino-South Tyrol", "Trentino-Südtirol",
		"Trentin-Haut-Adige", "Трентино-Альто-Адидже", "特伦蒂诺-上阿迪杰"}}},
	{"34", regionEntry{"Veneto", []string{"Vénétie", "Венето", "威尼托"}}},
	{"36", regionEntry{"Friuli-Venezia Giulia", []string{"Friuli Venezia Giulia", "Friuli", "Friuli-Venezia-Giulia", "Frioul-Vénétie Julienne",
		"Фриули-Венеция-Джулия", "弗留利-威尼斯朱利亚"}}},
	{"42", regionEntry{"Liguria", []string{"Ligurie", "Лигурия", "利古里亚"}}},
	{"45", regionEntry{"Emilia-Romagna", []string{"Emilia Romagna", "Émilie-Romagne", "Эмилия-Романья", "艾米利亚-罗马涅"}}},
	{"52", regionEntry{"Toscana", []string{"Tuscany", "Toscane", "Тоскана", "托斯卡纳"}}},
	{"55", regionEntry{"Umbria", []string{"Ombrie", "Умбрия", "翁布里亚"}}},
	{"57", regionEntry{"Marche", []string{"Marches", "Марке", "马尔凯"}}},
	{"62", regionEntry{"Lazio", []string{"Latium", "Лацио", "拉齐奥"}}},
	{"65", regionEntry{"Abruzzo", []string{"Abruzzi", "Abruzzes", "Абруццо", "阿布鲁佐"}}},
	{"67", regionEntry{"Molise", []string{"Молизе", "莫利塞"}}},
	{"72", regionEntry{"Campania", []string{"Campanie", "Кампания", "坎帕尼亚"}}},
	{"75", regionEntry{"Puglia", []string{"Apulia", "Pouilles", "Апулия", "普利亚"}}},
	{"77", regionEntry{"Basilicata", []string{"Basilicate", "Базиликата", "巴西利卡塔"}}},
	{"78", regionEntry{"Calabria", []string{"Calabre", "Калабрия", "卡拉布里亚"}}},
	{"82", regionEntry{"Sicilia", []string{"Sicily", "Sicile", "Сицилия", "西西里", "西西里岛"}}},
	{"88", regionEntry{"Sardegna", []string{"Sardinia", "Sardaigne", "Сардиния", "撒丁", "撒丁岛"}}},
}

// itISORegions maps the number of an ISO 3166-2 region code ("25" of
// "IT-25") to what NormalizeRegion returns; only read after an "IT-"
// prefix.
var itISORegions = func() map[string]string {
	m := map[string]string{"23": "AO"}
	for _, r := range itRegions {
		m[r.iso] = r.entry.code
	}
	return m
}()

// itRegionNames is the set of region names NormalizeRegion may return for
// IT.
var itRegionNames = func() map[string]bool {
	m := make(map[string]bool, len(itRegions))
	for _, r := range itRegions {
		m[r.entry.code] = true
	}
	return m
}()

var (
	caRegionIndex = buildRegionIndex("Canadian province", caProvinces)
	auRegionIndex = buildRegionIndex("Australian state", auStates)
	itRegionIndex = func() map[string]string {
		regions := make([]regionEntry, len(itRegions))
		for i, r := range itRegions {
			regions[i] = r.entry
		}
		return buildRegionIndex("Italian province or region", itProvinces, itHistoricalSigle, regions)
	}()
)

// itAdminPrefixes are the normKey forms of the words that may precede an
// Italian province or region name: "Provincia di Milano", "Città
// metropolitana di Roma Capitale", "Libero consorzio comunale di Ragusa",
// "Regione Lombardia", "Province of Turin". Longest first.
var itAdminPrefixes = []string{
	"entedidecentramentoregionaledi", "liberoconsorziocomunaledi",
	"provinciaautonomadi", "cittametropolitanadi", "cittametropolitana", "metropolitancityof",
	"provinciadell", "provinciadella", "provinciadel", "provinciadi", "provincia", "provinceof", "provincede", "provincedu",
	"regioneautonoma", "regionedell", "regionedel", "regione", "regionof",
}

// lookupIT resolves an Italian province (sigla) or region (name).
func lookupIT(s string) (string, bool) {
	k := normKey(s)
	if c, ok := itRegionIndex[k]; ok {
		return c, true
	}
	for _, p := range itAdminPrefixes {
		if rest, found := strings.CutPrefix(k, p); found && rest != "" {
			if c, ok := itRegionIndex[rest]; ok {
				return c, true
			}
		}
	}
	return "", false
}

// postalDigits describes countries whose postal codes are all digits of
// one fixed length: n digits, the lowest code in use being low. A code
// that a spreadsheet stored as a number lost its leading zeros; they are
// restored only where this is certain enough (see NormalizePostalCode).
// Countries whose codes never start with 0 have low >= 10^(n-1), so they
// are never padded; they are listed to undo "8001.0".
var postalDigits = map[string]struct{ n, low int }{
	// Leading zeros in use.
	"US": {5, 501},     // 00501 Holtsville NY; ZIP+4 handled too
	"PR": {5, 601},     // 006xx-009xx
	"VI": {5, 801},     // 008xx
	"IT": {5, 10},      // 00010-00199: Rome and Lazio (Guidonia 00012, Fiumicino 00054)
	"FR": {5, 1000},    // 01000 Bourg-en-Bresse (Ain) ... 09xxx
	"DE": {5, 1000},    // 01067 Dresden ... 09xxx
	"ES": {5, 1000},    // 01001 Vitoria-Gasteiz (Álava) ... 09xxx
	"FI": {5, 100},     // 00100 Helsinki
	"MX": {5, 1000},    // 01000 Ciudad de México
	"MY": {5, 1000},    // 01000 Kangar (Perlis)
	"TR": {5, 1000},    // 01xxx Adana
	"UA": {5, 1000},    // 01001 Kyiv
	"RO": {6, 10000},   // 01xxxx-06xxxx Bucharest
	"CN": {6, 10000},   // 010000 Hohhot (Inner Mongolia)
	"SG": {6, 10000},   // sector 01
	"BR": {8, 1000000}, // 01000-000 São Paulo
	"AU": {4, 200},     // 0200 ACT, 0800-0999 NT
	"NZ": {4, 110},     // 0110 Whangarei ... 0xxx Northland and Auckland
	"NO": {4, 10},      // 0010 Oslo
	"ZA": {4, 100},     // 01xx Pretoria and Centurion
	// Never a leading zero.
	"AT": {4, 1000}, "BE": {4, 1000}, "CH": {4, 1000}, "LI": {4, 1000}, "LU": {4, 1000},
	"HU": {4, 1000}, "SI": {4, 1000}, "BG": {4, 1000}, "CY": {4, 1000}, "DK": {4, 1000},
	"IN": {6, 100000}, "RU": {6, 100000},
}

var (
	reFloatDigits = regexp.MustCompile(`^([0-9]+)\.0+$`)
	reZIP4        = regexp.MustCompile(`^([0-9]{1,5})([- ])([0-9]{4})$`)
	reUKPostcode  = regexp.MustCompile(`^(GIR|[A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})$`)
	reCAPostcode  = regexp.MustCompile(`^([ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z])([0-9][ABCEGHJ-NPRSTV-Z][0-9])$`)
	reNLPostcode  = regexp.MustCompile(`^([1-9][0-9]{3})([A-Z]{2})$`)
)

// NormalizePostalCode cleans a postal code (see cleanCell, one line) and,
// for the address country (ISO 3166-1 alpha-2), repairs what a spreadsheet
// does to it. It never invents a code: anything it does not recognize is
// returned cleaned but otherwise unchanged.
//
//   - Float formatting is undone for countries with all-digit codes
//     ("2134.0" -> "2134", then the zeros below).
//   - Leading zeros lost when the code was stored as a number are restored
//     for countries whose codes are all digits of one fixed length and some
//     of which start with 0 (US 5, PR 5, VI 5, IT 5, FR 5, DE 5, ES 5, FI
//     5, MX 5, MY 5, TR 5, UA 5, RO 6, CN 6, SG 6, BR 8, AU 4, NZ 4, NO 4,
//     ZA 4): only when the value is all digits, has at least 2 digits and
//     fewer than the fixed length, and, padded, is not below the lowest
//     code in use in that country (so FR "999" and US "12" stay as they
//     are, IT "118" gives "00118" and AU "800" gives "0800"). A single digit
//     is never padded.
//   - US ZIP+4: "2134-1234" -> "02134-1234"; a ZIP+4 stored as a number
//     (6 to 8 digits) is padded to 9 digits ("21341234" -> "021341234").
//   - GB (and JE, GG, IM), CA and NL: upper-cased, with the single space
//     of the national format, when the value has exactly that format
//     ("sw1a1aa" -> "SW1A 1AA", "k1a-0b1" -> "K1A 0B1", "1012ab" ->
//     "1012 AB").
func NormalizePostalCode(country, value string) string {
	v := oneLine(cleanCell(value))
	if v == "" {
		return ""
	}
	country = strings.ToUpper(strings.TrimSpace(country))
	switch country {
	case "GB", "JE", "GG", "IM":
		return formatPostcode(v, reUKPostcode, " ")
	case "CA":
		return formatPostcode(v, reCAPostcode, " -")
	case "NL":
		return formatPostcode(v, reNLPostcode, " ")
	}
	f, ok := postalDigits[country]
	if !ok {
		return v
	}
	if m := reFloatDigits.FindStringSubmatch(v); m != nil {
		v = m[1]
	}
	if country == "US" || country == "PR" || country == "VI" {
		if m := reZIP4.FindStringSubmatch(v); m != nil {
			return padDigits(m[1], 5, f.low) + m[2] + m[3]
		}
		if allDigits(v) && len(v) > 5 && len(v) < 9 {
			if zip := padDigits(v[:len(v)-4], 5, f.low); len(zip) == 5 {
				return zip + v[len(v)-4:]
			}
			return v
		}
	}
	if !allDigits(v) {
		return v
	}
	return padDigits(v, f.n, f.low)
}

// padDigits left-pads the all-digit string d with zeros to n digits if it
// has at least 2 and fewer than n digits and its value is at least low;
// otherwise it returns d unchanged.
func padDigits(d string, n, low int) string {
	if len(d) < 2 || len(d) >= n || !allDigits(d) {
		return d
	}
	if x, err := strconv.Atoi(d); err != nil || x < low {
		return d
	}
	return strings.Repeat("0", n-len(d)) + d
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// formatPostcode upper-cases v and removes the characters in drop; if the
// result matches re (two groups), it returns the groups joined by a space,
// otherwise v unchanged.
func formatPostcode(v string, re *regexp.Regexp, drop string) string {
	c := strings.Map(func(r rune) rune {
		if strings.ContainsRune(drop, r) {
			return -1
		}
		return r
	}, strings.ToUpper(v))
	if m := re.FindStringSubmatch(c); m != nil {
		return m[1] + " " + m[2]
	}
	return v
}
