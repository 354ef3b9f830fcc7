package customers

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// checkRegionTable checks that every code of a table maps to itself (also
// lower case and with the country prefix) and every name to its code.
func checkRegionTable(t *testing.T, country string, table []regionEntry) {
	t.Helper()
	for _, e := range table {
		for _, in := range []string{e.code, strings.ToLower(e.code), country + "-" + e.code, " " + country + "-" + strings.ToLower(e.code) + " "} {
			if got, ok := NormalizeRegion(country, in); !ok || got != e.code {
				t.Errorf("NormalizeRegion(%q, %q) = %q, %v; want %q", country, in, got, ok, e.code)
			}
		}
		for _, n := range e.names {
			if got, ok := NormalizeRegion(country, n); !ok || got != e.code {
				t.Errorf("NormalizeRegion(%q, %q) = %q, %v; want %q", country, n, got, ok, e.code)
			}
			if got, ok := NormalizeRegion(country, strings.ToUpper(n)); !ok || got != e.code {
				t.Errorf("NormalizeRegion(%q, %q) = %q, %v; want %q", country, strings.ToUpper(n), got, ok, e.code)
			}
		}
	}
}

func checkUnknownRegions(t *testing.T, country string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		got, ok := NormalizeRegion(country, b)
		if ok {
			t.Errorf("NormalizeRegion(%q, %q) = %q, true; want unknown", country, b, got)
		} else if want := oneLine(cleanCell(b)); got != want {
			t.Errorf("NormalizeRegion(%q, %q) = %q, false; want the cleaned value %q", country, b, got, want)
		}
	}
}

func regionCodes(table []regionEntry) []string {
	var codes []string
	for _, e := range table {
		codes = append(codes, e.code)
	}
	sort.Strings(codes)
	return codes
}

func TestNormalizeRegionCanada(t *testing.T) {
	want := strings.Fields("AB BC MB NB NL NS NT NU ON PE QC SK YT")
	if got := regionCodes(caProvinces); !slices.Equal(got, want) {
		t.Fatalf("Canadian codes = %v, want %v", got, want)
	}
	checkRegionTable(t, "CA", caProvinces)
	tests := []struct{ in, want string }{
		{"Québec", "QC"}, {"Quebec", "QC"}, {"QUEBEC", "QC"}, {"PQ", "QC"}, {"P.Q.", "QC"}, {"Que.", "QC"}, {"CA-QC", "QC"}, {"ca_qc", "QC"},
		{"Colombie-Britannique", "BC"}, {"B.C.", "BC"}, {"Terre-Neuve-et-Labrador", "NL"}, {"NF", "NL"}, {"Nfld.", "NL"},
		{"Île-du-Prince-Édouard", "PE"}, {"Ile du Prince Edouard", "PE"}, {"P.E.I.", "PE"}, {"Nouvelle-Écosse", "NS"}, {"Nouveau-Brunswick", "NB"},
		{"Territoires du Nord-Ouest", "NT"}, {"N.W.T.", "NT"}, {"Yukon", "YT"}, {"YK", "YT"},
		{"魁北克", "QC"}, {"魁北克省", "QC"}, {"Квебек", "QC"}, {"安大略", "ON"}, {"安大略省", "ON"}, {"Онтарио", "ON"}, {"Ont.", "ON"},
		{"Columbia Britannica", "BC"}, {"Terranova e Labrador", "NL"}, {"Isola del Principe Edoardo", "PE"}, {"Британская Колумбия", "BC"},
		{"Toronto (ON)", "ON"}, {"Montréal (QC)", "QC"},
	}
	for _, tt := range tests {
		if got, ok := NormalizeRegion("CA", tt.in); !ok || got != tt.want {
			t.Errorf("NormalizeRegion(CA, %q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	checkUnknownRegions(t, "CA", "California", "XX", "Lombardia", "Ontari", "New South Wales", "US-ON", "CA", "Ontario (QC)", "Toronto (XX)")
}

func TestNormalizeRegionAustralia(t *testing.T) {
	want := strings.Fields("ACT NSW NT QLD SA TAS VIC WA")
	if got := regionCodes(auStates); !slices.Equal(got, want) {
		t.Fatalf("Australian codes = %v, want %v", got, want)
	}
	checkRegionTable(t, "AU", auStates)
	tests := []struct{ in, want string }{
		{"N.S.W.", "NSW"}, {"nsw", "NSW"}, {"AU-NSW", "NSW"}, {"New South Wales", "NSW"}, {"Victoria", "VIC"}, {"Vic.", "VIC"},
		{"Qld", "QLD"}, {"Tasmania", "TAS"}, {"Tas.", "TAS"}, {"Australian Capital Territory", "ACT"}, {"A.C.T.", "ACT"},
		{"Northern Territory", "NT"}, {"N.T.", "NT"}, {"W.A.", "WA"}, {"Western Australia", "WA"}, {"S.A.", "SA"},
		{"Nouvelle-Galles du Sud", "NSW"}, {"Новый Южный Уэльс", "NSW"}, {"新南威尔士州", "NSW"}, {"昆士兰州", "QLD"},
	}
	for _, tt := range tests {
		if got, ok := NormalizeRegion("AU", tt.in); !ok || got != tt.want {
			t.Errorf("NormalizeRegion(AU, %q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	checkUnknownRegions(t, "AU", "Sydney", "XX", "Washington", "Queens", "AU", "CA-NSW")
}

func TestNormalizeRegionUS(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CA", "CA"}, {"california", "CA"}, {"US-CA", "CA"}, {"us-ny", "NY"}, {"US NY", "NY"}, {"District of Columbia", "DC"},
		{"Puerto Rico", "PR"}, {"Springfield (IL)", "IL"}, {"", ""},
	}
	for _, tt := range tests {
		if got, ok := NormalizeRegion("US", tt.in); !ok || got != tt.want {
			t.Errorf("NormalizeRegion(US, %q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for code := range usStates {
		if got, ok := NormalizeRegion("US", "US-"+code); !ok || got != code {
			t.Errorf("NormalizeRegion(US, US-%s) = %q, %v", code, got, ok)
		}
	}
	checkUnknownRegions(t, "US", "Ontario", "XX", "Calif", "Lombardia", "CA-US", "Quebec (QC)")
}

// itSigle2026 is ISTAT's list of the 110 provinces, metropolitan cities,
// free municipal consortia, decentralised regional entities and autonomous
// provinces in force for statistics from 1 January 2026 (Sardinia after the
// 2025 reform), by sigla.
const itSigle2026 = `
AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CI CL CN
CO CR CS CT CZ EN FC FE FG FI FM FR GE GO GR IM IS KR LC LE LI LO LT LU MB MC
ME MI MN MO MS MT NA NO NU OG OR OT PA PC PD PE PG PI PN PO PR PT PU PV PZ RA
RC RE RG RI RM RN RO SA SI SO SP SR SS SV TA TE TN TO TP TR TS TV UD VA VB VC
VE VI VR VS VT VV`

func TestItalianProvinceTable(t *testing.T) {
	current := strings.Fields(itSigle2026)
	if len(current) != 110 {
		t.Fatalf("itSigle2026 has %d sigle, want 110", len(current))
	}
	// The table: the 110 current units plus the suppressed SU.
	if len(itProvinces) != 111 {
		t.Errorf("len(itProvinces) = %d, want 111 (110 ISTAT 2026 + SU)", len(itProvinces))
	}
	seen := map[string]bool{}
	for _, e := range itProvinces {
		if len(e.code) != 2 || strings.ToUpper(e.code) != e.code {
			t.Errorf("sigla %q is not two upper-case letters", e.code)
		}
		if seen[e.code] {
			t.Errorf("sigla %s listed twice", e.code)
		}
		seen[e.code] = true
		if len(e.names) == 0 {
			t.Errorf("sigla %s has no name", e.code)
		}
	}
	want := append(slices.Clone(current), "SU")
	sort.Strings(want)
	if got := regionCodes(itProvinces); !slices.Equal(got, want) {
		t.Errorf("sigle = %v\nwant %v", got, want)
	}
	for _, e := range itHistoricalSigle {
		if !seen[e.code] {
			t.Errorf("historical sigle map to unknown %s", e.code)
		}
		for _, n := range e.names {
			if seen[n] {
				t.Errorf("historical sigla %s is also a current sigla", n)
			}
		}
	}
	checkRegionTable(t, "IT", itProvinces)
	checkRegionTable(t, "IT", itHistoricalSigle)
}

func TestNormalizeRegionItaly(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Milano", "MI"}, {"MI", "MI"}, {"mi", "MI"}, {"IT-MI", "MI"}, {"(MI)", "MI"}, {"Roma", "RM"}, {"Reggio Emilia", "RE"},
		{"Reggio nell'Emilia", "RE"}, {"Reggio nell’Emilia", "RE"}, {"Reggio Calabria", "RC"}, {"Reggio di Calabria", "RC"},
		{"Forlì-Cesena", "FC"}, {"Forli' - Cesena", "FC"}, {"FORLI CESENA", "FC"}, {"Bolzano", "BZ"}, {"Bozen", "BZ"}, {"Bolzano/Bozen", "BZ"},
		{"Aosta", "AO"}, {"Aoste", "AO"}, {"Valle d'Aosta", "AO"}, {"Vallée d'Aoste", "AO"}, {"Monza e della Brianza", "MB"}, {"Monza e Brianza", "MB"},
		{"Milan", "MI"}, {"Rome", "RM"}, {"Florence", "FI"}, {"Naples", "NA"}, {"Venice", "VE"}, {"Venise", "VE"}, {"Turin", "TO"},
		{"Gênes", "GE"}, {"Genoa", "GE"}, {"Padoue", "PD"}, {"Padua", "PD"}, {"Mantoue", "MN"}, {"Syracuse", "SR"}, {"Рим", "RM"}, {"米兰", "MI"},
		{"L'Aquila", "AQ"}, {"La Spezia", "SP"}, {"Pesaro e Urbino", "PU"}, {"Massa-Carrara", "MS"}, {"Barletta-Andria-Trani", "BT"},
		{"Verbano-Cusio-Ossola", "VB"}, {"Sud Sardegna", "SU"}, {"Gallura Nord-Est Sardegna", "OT"}, {"Olbia-Tempio", "OT"}, {"Ogliastra", "OG"},
		{"Carbonia-Iglesias", "CI"}, {"Sulcis Iglesiente", "CI"}, {"Medio Campidano", "VS"},
		// Historical and suppressed sigle.
		{"CI", "CI"}, {"VS", "VS"}, {"OG", "OG"}, {"OT", "OT"}, {"CA", "CA"}, {"SU", "SU"}, {"FO", "FC"}, {"PS", "PU"},
		// Administrative prefixes and a comune with its sigla.
		{"Provincia di Milano", "MI"}, {"Città metropolitana di Roma Capitale", "RM"}, {"Citta' Metropolitana di Napoli", "NA"},
		{"Libero consorzio comunale di Ragusa", "RG"}, {"Provincia autonoma di Bolzano", "BZ"}, {"Provincia della Spezia", "SP"},
		{"Provincia dell'Aquila", "AQ"}, {"Ente di decentramento regionale di Udine", "UD"}, {"Province of Turin", "TO"},
		{"Sesto San Giovanni (MI)", "MI"}, {"Roma (RM)", "RM"}, {"Lombardia (MI)", "MI"},
		// Regions: the Italian name.
		{"Lombardia", "Lombardia"}, {"Lombardy", "Lombardia"}, {"LOMBARDIE", "Lombardia"}, {"IT-25", "Lombardia"}, {"Regione Lombardia", "Lombardia"},
		{"Lazio", "Lazio"}, {"Latium", "Lazio"}, {"Sicilia", "Sicilia"}, {"Sicily", "Sicilia"}, {"Sardegna", "Sardegna"}, {"Emilia Romagna", "Emilia-Romagna"},
		{"Friuli Venezia Giulia", "Friuli-Venezia Giulia"}, {"Trentino-Alto Adige/Südtirol", "Trentino-Alto Adige"}, {"Trentino", "TN"},
		{"Regione del Veneto", "Veneto"}, {"IT-23", "AO"}, {"IT-88", "Sardegna"}, {"Puglia", "Puglia"}, {"Pouilles", "Puglia"},
	}
	for _, tt := range tests {
		if got, ok := NormalizeRegion("IT", tt.in); !ok || got != tt.want {
			t.Errorf("NormalizeRegion(IT, %q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	checkUnknownRegions(t, "IT", "Atlantis", "XX", "Reggio", "Sesto San Giovanni", "25", "IT-99", "IT-XX", "Roma (MI)", "Milano (XX)", "Bavaria", "Provincia di")
}

func TestItalianRegions(t *testing.T) {
	if len(itRegions) != 19 {
		t.Errorf("%d regions besides Valle d'Aosta, want 19", len(itRegions))
	}
	iso := map[string]bool{}
	for _, r := range itRegions {
		if iso[r.iso] {
			t.Errorf("ISO code IT-%s listed twice", r.iso)
		}
		iso[r.iso] = true
		if got, ok := NormalizeRegion("IT", "IT-"+r.iso); !ok || got != r.entry.code {
			t.Errorf("NormalizeRegion(IT, IT-%s) = %q, %v; want %q", r.iso, got, ok, r.entry.code)
		}
	}
	var entries []regionEntry
	for _, r := range itRegions {
		entries = append(entries, r.entry)
	}
	checkRegionTable(t, "IT", entries)
}

// TestRegionTablesMatchISO compares the tables with ISO 3166-2 as shipped
// by Debian's iso-codes, when it is installed.
func TestRegionTablesMatchISO(t *testing.T) {
	data, err := os.ReadFile("/usr/share/iso-codes/json/iso_3166-2.json")
	if err != nil {
		t.Skip("iso-codes is not installed")
	}
	var doc struct {
		Subdivisions []struct{ Code, Type, Name string } `json:"3166-2"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	iso := map[string][]string{}
	var itRegionCodes []string
	for _, s := range doc.Subdivisions {
		cc, sub, _ := strings.Cut(s.Code, "-")
		if cc == "IT" && strings.Contains(strings.ToLower(s.Type), "region") && !strings.Contains(strings.ToLower(s.Type), "regional") {
			itRegionCodes = append(itRegionCodes, sub)
			continue
		}
		iso[cc] = append(iso[cc], sub)
	}
	for _, cc := range []string{"CA", "AU"} {
		sort.Strings(iso[cc])
	}
	if got := regionCodes(caProvinces); !slices.Equal(got, iso["CA"]) {
		t.Errorf("CA: table %v, ISO %v", got, iso["CA"])
	}
	if got := regionCodes(auStates); !slices.Equal(got, iso["AU"]) {
		t.Errorf("AU: table %v, ISO %v", got, iso["AU"])
	}
	ours := map[string]bool{}
	for _, e := range itProvinces {
		ours[e.code] = true
	}
	for _, c := range iso["IT"] {
		if !ours[c] {
			t.Errorf("IT: ISO province %s missing from itProvinces", c)
		}
		delete(ours, c)
	}
	for c := range ours {
		if !slices.Contains([]string{"AO", "CI", "OG", "OT", "VS", "SU"}, c) {
			t.Errorf("IT: sigla %s is neither in ISO 3166-2 nor a documented exception", c)
		}
	}
	for _, c := range itRegionCodes {
		if _, ok := itISORegions[c]; !ok {
			t.Errorf("IT: ISO region IT-%s not recognized", c)
		}
	}
	if len(itRegionCodes) != 20 {
		t.Errorf("ISO lists %d Italian regions, want 20", len(itRegionCodes))
	}
}

func TestNormalizeRegionOtherCountries(t *testing.T) {
	tests := []struct{ country, in, want string }{
		{"DE", "Bayern", "Bayern"}, {"FR", "  Île-de-France\u00a0", "Île-de-France"}, {"DE", "DE-BY", "DE-BY"},
		{"RU", "Республика  Татарстан", "Республика Татарстан"}, {"CN", "广东省", "广东省"}, {"GB", "Kent", "Kent"},
		{"JP", "Tōkyō-to", "Tōkyō-to"}, {"", "Somewhere", "Somewhere"},
	}
	for _, tt := range tests {
		if got, ok := NormalizeRegion(tt.country, tt.in); !ok || got != tt.want {
			t.Errorf("NormalizeRegion(%q, %q) = %q, %v; want %q", tt.country, tt.in, got, ok, tt.want)
		}
	}
	for _, cc := range []string{"US", "CA", "AU", "IT", "DE", ""} {
		for _, empty := range []string{"", "  ", "\u00a0", "\u200b"} {
			if got, ok := NormalizeRegion(cc, empty); !ok || got != "" {
				t.Errorf("NormalizeRegion(%q, %q) = %q, %v; want \"\", true", cc, empty, got, ok)
			}
		}
	}
	// The country code may come in lower case.
	if got, ok := NormalizeRegion("ca", "Québec"); !ok || got != "QC" {
		t.Errorf("NormalizeRegion(ca, Québec) = %q, %v", got, ok)
	}
}

func TestNormalizePostalCode(t *testing.T) {
	tests := []struct{ country, in, want string }{
		// US: 5 digits, ZIP+4, lowest ZIP 00501.
		{"US", "2134", "02134"}, {"US", "02134", "02134"}, {"US", "2134.0", "02134"}, {"US", "2134.00", "02134"},
		{"US", "2134-1234", "02134-1234"}, {"US", "02134-1234", "02134-1234"}, {"US", "2134 1234", "02134 1234"},
		{"US", "21341234", "021341234"}, {"US", "021341234", "021341234"}, {"US", "501", "00501"}, {"US", "601", "00601"},
		{"US", "90210", "90210"}, {"US", "12", "12"}, {"US", "500", "500"}, {"US", "7", "7"}, {"US", "123456", "123456"},
		{"US", "123", "123"}, // 00123 is below 00501: unchanged
		{"US", "2134a", "2134a"}, {"US", "12-1234", "12-1234"}, {"US", "1234567890", "1234567890"},
		{"PR", "927", "00927"}, {"VI", "802", "00802"},
		// IT: 5 digits; Rome and Lazio have 000xx and 001xx.
		{"IT", "118", "00118"}, {"IT", "12", "00012"}, {"IT", "184.0", "00184"}, {"IT", "9124", "09124"}, {"IT", "20121", "20121"},
		{"IT", "1", "1"}, {"IT", "201210", "201210"}, {"IT", "I-20121", "I-20121"},
		// FR, DE, ES: lowest code 01xxx.
		{"FR", "1000", "01000"}, {"FR", "6000", "06000"}, {"FR", "75001", "75001"}, {"FR", "999", "999"}, {"FR", "75 001", "75 001"},
		{"DE", "1067", "01067"}, {"DE", "10115", "10115"}, {"DE", "999", "999"},
		{"ES", "8001", "08001"}, {"ES", "28013", "28013"}, {"ES", "100", "100"},
		{"FI", "100", "00100"}, {"CN", "10000", "010000"}, {"CN", "100000", "100000"}, {"CN", "9999", "9999"},
		{"RO", "10011", "010011"}, {"SG", "18956", "018956"}, {"BR", "1310100", "01310100"}, {"BR", "01310-100", "01310-100"},
		{"MX", "1000", "01000"}, {"TR", "1010", "01010"}, {"UA", "1001", "01001"}, {"MY", "1000", "01000"},
		// 4 digits.
		{"AU", "800", "0800"}, {"AU", "200", "0200"}, {"AU", "2000", "2000"}, {"AU", "20", "20"}, {"AU", "0800", "0800"},
		{"NZ", "632", "0632"}, {"NO", "150", "0150"}, {"ZA", "157", "0157"},
		// All digits, never a leading zero: only float formatting is undone.
		{"CH", "8001.0", "8001"}, {"CH", "800", "800"}, {"AT", "1010", "1010"}, {"BE", "999", "999"}, {"DK", "800", "800"}, {"RU", "101000.0", "101000"},
		// GB, CA, NL: upper case and the national space.
		{"GB", "sw1a1aa", "SW1A 1AA"}, {"GB", "SW1A 1AA", "SW1A 1AA"}, {"GB", " sw1a  1aa ", "SW1A 1AA"}, {"GB", "ec1a1bb", "EC1A 1BB"},
		{"GB", "m11ae", "M1 1AE"}, {"GB", "b338th", "B33 8TH"}, {"GB", "cr26xh", "CR2 6XH"}, {"GB", "dn551pt", "DN55 1PT"}, {"GB", "gir0aa", "GIR 0AA"},
		{"GB", "SW1A", "SW1A"}, {"GB", "london", "london"}, {"GB", "sw1a1ac", "sw1a1ac"}, {"JE", "je24wd", "JE2 4WD"},
		{"CA", "k1a0b1", "K1A 0B1"}, {"CA", "K1A 0B1", "K1A 0B1"}, {"CA", "k1a-0b1", "K1A 0B1"}, {"CA", "h3z2y7", "H3Z 2Y7"},
		{"CA", "d1a0b1", "d1a0b1"}, {"CA", "k1a0b", "k1a0b"},
		{"NL", "1012ab", "1012 AB"}, {"NL", "1012 ab", "1012 AB"}, {"NL", "0123ab", "0123ab"}, {"NL", "1012", "1012"},
		// Other countries: cleaned, unchanged.
		{"JP", "100-0001", "100-0001"}, {"SE", "114 55", "114 55"}, {"PL", "00-950", "00-950"}, {"XX", "2134.0", "2134.0"},
		{"KR", "3051", "3051"}, {"", "2134", "2134"},
		// Cleaning only.
		{"US", "", ""}, {"US", "  ", ""}, {"US", "\u00a02134\u200b", "02134"}, {"de", "1067", "01067"},
	}
	for _, tt := range tests {
		if got := NormalizePostalCode(tt.country, tt.in); got != tt.want {
			t.Errorf("NormalizePostalCode(%q, %q) = %q, want %q", tt.country, tt.in, got, tt.want)
		}
	}
	// Every padded code has the country's length and keeps the digits.
	for cc, f := range postalDigits {
		if f.low < 1 {
			t.Errorf("%s: low = %d", cc, f.low)
		}
		for _, d := range []string{"12", "123", "1234", "12345", "123456", "1234567"} {
			got := NormalizePostalCode(cc, d)
			if got != d && (len(got) != f.n || strings.TrimLeft(got, "0") != d) {
				t.Errorf("NormalizePostalCode(%s, %s) = %q", cc, d, got)
			}
		}
	}
}

// FuzzNormalizeRegionPostal checks that NormalizeRegion and
// NormalizePostalCode never panic, are idempotent, and that a region they
// do not know is returned cleaned.
func FuzzNormalizeRegionPostal(f *testing.F) {
	for _, s := range []string{"Québec", "CA-ON", "IT-25", "Sesto San Giovanni (MI)", "Provincia di", "(", "()", "IT-", "2134-1234", "sw1a1aa", "k1a-0b1", "2134.0", "\xff", "0"} {
		for _, cc := range []string{"US", "CA", "AU", "IT", "GB", "NL", "FR", "DE"} {
			f.Add(cc, s)
		}
	}
	f.Fuzz(func(t *testing.T, country, value string) {
		r, ok := NormalizeRegion(country, value)
		if r2, ok2 := NormalizeRegion(country, r); ok && (!ok2 || r2 != r) {
			t.Errorf("NormalizeRegion(%q, %q) = %q, then %q, %v", country, value, r, r2, ok2)
		}
		if !ok && r != oneLine(cleanCell(value)) {
			t.Errorf("NormalizeRegion(%q, %q) = %q, false: not the cleaned value", country, value, r)
		}
		p := NormalizePostalCode(country, value)
		if p2 := NormalizePostalCode(country, p); p2 != p {
			t.Errorf("NormalizePostalCode(%q, %q) = %q, then %q", country, value, p, p2)
		}
	})
}
