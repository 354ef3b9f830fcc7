package customers

import (
	"slices"
	"testing"
)

func TestNormKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Customer_ID", "customerid"},
		{"  E-Mail  ", "email"},
		{"Città", "citta"},
		{"Numéro client", "numeroclient"},
		{"Code d'activation", "codedactivation"},
		{"Code d’activation", "codedactivation"},
		{"ID клиента", "idклиента"},
		{"Ёлка", "елка"},
		{"国家/地区", "国家地区"},
		{"U.S.A.", "usa"},
		{"Straße", "strasse"},
		{"İstanbul", "istanbul"},
		{"\u00a0Zip\u200b code", "zipcode"},
		{"", ""},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := normKey(tt.in); got != tt.want {
			t.Errorf("normKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchHeader(t *testing.T) {
	tests := []struct{ header, want string }{
		// English and export names
		{"Customer ID", FieldCustomerID}, {"customer_id", FieldCustomerID}, {"ID", FieldCustomerID}, {"Record ID", FieldCustomerID},
		{"Client ID", FieldCustomerID},
		{"Full Name", FieldFullName}, {"Name", FieldFullName},
		{"First Name", FieldFirstName}, {"Given name", FieldFirstName},
		{"Last Name", FieldLastName}, {"Surname", FieldLastName},
		{"Email", FieldEmail}, {"E-mail", FieldEmail}, {"Email Address", FieldEmail},
		{"Phone Number", FieldPhone}, {"Telephone", FieldPhone}, {"Mobile", FieldPhone},
		{"Street Address", FieldStreet}, {"Address", FieldStreet}, {"Mailing Street", FieldStreet},
		{"ZIP", FieldPostalCode}, {"Zip Code", FieldPostalCode}, {"Postcode", FieldPostalCode},
		{"Mailing Zip/Postal Code", FieldPostalCode},
		{"City", FieldCity}, {"State", FieldRegion}, {"State/Region", FieldRegion}, {"Province", FieldRegion},
		{"Country", FieldCountry}, {"Country/Region", FieldCountry}, {"Country Code", FieldCountry},
		{"Language", FieldLanguage}, {"Locale", FieldLanguage}, {"Preferred Language", FieldLanguage},
		{"Data categories", FieldDataCategories}, {"Data affected", FieldDataCategories},
		{"Activation code", FieldActivationCode},
		// Italian
		{"Codice cliente", FieldCustomerID}, {"ID cliente", FieldCustomerID},
		{"Nome completo", FieldFullName}, {"Nome", FieldFirstName}, {"Cognome", FieldLastName},
		{"Indirizzo email", FieldEmail}, {"Posta elettronica", FieldEmail}, {"Telefono", FieldPhone},
		{"Indirizzo", FieldStreet}, {"Via", FieldStreet}, {"CAP", FieldPostalCode}, {"Città", FieldCity},
		{"Provincia", FieldRegion}, {"Paese", FieldCountry}, {"Nazione", FieldCountry}, {"Lingua", FieldLanguage},
		{"Categorie di dati", FieldDataCategories}, {"Dati coinvolti", FieldDataCategories},
		{"Codice di attivazione", FieldActivationCode},
		// French
		{"Identifiant client", FieldCustomerID}, {"Numéro client", FieldCustomerID}, {"numero client", FieldCustomerID},
		{"Nom complet", FieldFullName}, {"Prénom", FieldFirstName}, {"Nom", FieldLastName}, {"Nom de famille", FieldLastName},
		{"Courriel", FieldEmail}, {"Adresse e-mail", FieldEmail}, {"Téléphone", FieldPhone},
		{"Adresse", FieldStreet}, {"Rue", FieldStreet}, {"Code postal", FieldPostalCode}, {"Ville", FieldCity},
		{"Région", FieldRegion}, {"Pays", FieldCountry}, {"Langue", FieldLanguage},
		{"Catégories de données", FieldDataCategories}, {"Code d'activation", FieldActivationCode},
		// Russian
		{"ID клиента", FieldCustomerID}, {"Номер клиента", FieldCustomerID},
		{"ФИО", FieldFullName}, {"Имя и фамилия", FieldFullName}, {"Имя", FieldFirstName}, {"Фамилия", FieldLastName},
		{"Электронная почта", FieldEmail}, {"Email адрес", FieldEmail}, {"Телефон", FieldPhone},
		{"Адрес", FieldStreet}, {"Улица", FieldStreet}, {"Индекс", FieldPostalCode}, {"Почтовый индекс", FieldPostalCode},
		{"Город", FieldCity}, {"Регион", FieldRegion}, {"Область", FieldRegion}, {"Страна", FieldCountry},
		{"Язык", FieldLanguage}, {"Категории данных", FieldDataCategories}, {"Код активации", FieldActivationCode},
		// Chinese
		{"客户编号", FieldCustomerID}, {"客户ID", FieldCustomerID}, {"姓名", FieldFullName}, {"名", FieldFirstName}, {"姓", FieldLastName},
		{"电子邮箱", FieldEmail}, {"邮箱", FieldEmail}, {"电子邮件", FieldEmail}, {"电话", FieldPhone}, {"手机", FieldPhone},
		{"地址", FieldStreet}, {"街道", FieldStreet}, {"邮编", FieldPostalCode}, {"邮政编码", FieldPostalCode},
		{"城市", FieldCity}, {"省", FieldRegion}, {"省份", FieldRegion}, {"州", FieldRegion},
		{"国家", FieldCountry}, {"国家/地区", FieldCountry}, {"语言", FieldLanguage}, {"数据类别", FieldDataCategories}, {"激活码", FieldActivationCode},
		// "state or province" headers of international exports
		{"Provincia/Stato", FieldRegion}, {"Stato/Provincia", FieldRegion}, {"State/Province", FieldRegion}, {"Province/State", FieldRegion},
		{"Région/État", FieldRegion}, {"État/Province", FieldRegion}, {"État", FieldRegion}, {"Штат/Провинция", FieldRegion}, {"Штат", FieldRegion},
		{"州/省", FieldRegion}, {"省/州", FieldRegion}, {"Stato", FieldCountry},
		// normalization
		{"  CUSTOMER-ID ", FieldCustomerID}, {"e_mail", FieldEmail}, {"Zip\u00a0Code", FieldPostalCode},
		// not recognized
		{"Lifecycle stage", ""}, {"Notes", ""}, {"", ""}, {"Email 2", ""},
	}
	for _, tt := range tests {
		if got := MatchHeader(tt.header); got != tt.want {
			t.Errorf("MatchHeader(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestResolveColumnsAmbiguous(t *testing.T) {
	tests := []struct {
		headers []string
		want    map[string]string // header -> field
	}{
		{[]string{"ID", "Name", "Surname", "Country"}, map[string]string{"Name": FieldFirstName, "Surname": FieldLastName}},
		{[]string{"ID", "Name", "Country"}, map[string]string{"Name": FieldFullName}},
		{[]string{"ID", "Name", "Full name", "Country"}, map[string]string{"Name": "", "Full name": FieldFullName}},
		{[]string{"Codice", "ID cliente", "Nome", "Cognome", "Paese"}, map[string]string{"Nome": FieldFirstName, "Cognome": FieldLastName, "Codice": ""}},
		{[]string{"ID cliente", "Nome", "Paese"}, map[string]string{"Nome": FieldFullName}},
		{[]string{"ID cliente", "Nome", "Nome completo", "Paese"}, map[string]string{"Nome": FieldFirstName, "Nome completo": FieldFullName}},
		{[]string{"Identifiant client", "Nom", "Prénom", "Pays"}, map[string]string{"Nom": FieldLastName, "Prénom": FieldFirstName}},
		{[]string{"Identifiant client", "Nom", "Pays"}, map[string]string{"Nom": FieldFullName}},
		{[]string{"ID клиента", "Имя", "Страна"}, map[string]string{"Имя": FieldFullName}},
		{[]string{"ID клиента", "Имя", "Фамилия", "Страна"}, map[string]string{"Имя": FieldFirstName, "Фамилия": FieldLastName}},
		{[]string{"Customer ID", "Record ID", "Full name", "Phone", "Mobile", "Country", "Country Code", "Stato"},
			map[string]string{"Customer ID": FieldCustomerID, "Record ID": "", "Phone": FieldPhone, "Mobile": "", "Country": FieldCountry, "Country Code": "", "Stato": ""}},
		{[]string{"ID", "Full name", "Mobile", "Country code"}, map[string]string{"ID": FieldCustomerID, "Mobile": FieldPhone, "Country code": FieldCountry}},
	}
	for _, tt := range tests {
		plan, err := resolveColumns(tt.headers, nil, "f.csv row 1")
		if err != nil {
			t.Errorf("%q: %v", tt.headers, err)
			continue
		}
		for _, c := range plan.columns {
			if want, ok := tt.want[c.Header]; ok && c.Field != want {
				t.Errorf("%q: header %q -> %q, want %q", tt.headers, c.Header, c.Field, want)
			}
		}
	}
}

func TestNormalizeCountry(t *testing.T) {
	tests := []struct{ in, want string }{
		{"IT", "IT"}, {"it", "IT"}, {"ITA", "ITA"[:0] + "IT"}, {"Italy", "IT"}, {"Italia", "IT"}, {"Italie", "IT"}, {"Италия", "IT"}, {"意大利", "IT"},
		{"FR", "FR"}, {"France", "FR"}, {"Francia", "FR"}, {"Франция", "FR"}, {"法国", "FR"},
		{"GB", "GB"}, {"GBR", "GB"}, {"United Kingdom", "GB"}, {"UK", "GB"}, {"U.K.", "GB"}, {"Great Britain", "GB"}, {"England", "GB"},
		{"Regno Unito", "GB"}, {"Royaume-Uni", "GB"}, {"Великобритания", "GB"}, {"英国", "GB"},
		{"US", "US"}, {"USA", "US"}, {"U.S.A.", "US"}, {"United States", "US"}, {"United States of America", "US"},
		{"Stati Uniti", "US"}, {"États-Unis", "US"}, {"Etats Unis", "US"}, {"США", "US"}, {"美国", "US"},
		{"RU", "RU"}, {"Russia", "RU"}, {"Россия", "RU"}, {"Russian Federation", "RU"}, {"Russie", "RU"}, {"俄罗斯", "RU"},
		{"CN", "CN"}, {"China", "CN"}, {"中国", "CN"}, {"中华人民共和国", "CN"}, {"Cina", "CN"}, {"Chine", "CN"}, {"Китай", "CN"},
		{"Germany", "DE"}, {"Germania", "DE"}, {"Allemagne", "DE"}, {"Германия", "DE"}, {"德国", "DE"}, {"Deutschland", "DE"},
		{"Spain", "ES"}, {"Spagna", "ES"}, {"Espagne", "ES"}, {"Испания", "ES"}, {"西班牙", "ES"},
		{"Switzerland", "CH"}, {"Svizzera", "CH"}, {"Suisse", "CH"}, {"Швейцария", "CH"}, {"瑞士", "CH"},
		{"Canada", "CA"}, {"Канада", "CA"}, {"加拿大", "CA"},
		{"Brazil", "BR"}, {"Brasile", "BR"}, {"Brésil", "BR"}, {"Бразилия", "BR"}, {"巴西", "BR"},
		{"Japan", "JP"}, {"Giappone", "JP"}, {"Japon", "JP"}, {"Япония", "JP"}, {"日本", "JP"},
		{"Australia", "AU"}, {"Australie", "AU"}, {"Австралия", "AU"}, {"澳大利亚", "AU"},
		{"Belgium", "BE"}, {"Belgio", "BE"}, {"Belgique", "BE"}, {"Бельгия", "BE"}, {"比利时", "BE"},
		{"Netherlands", "NL"}, {"Paesi Bassi", "NL"}, {"Pays-Bas", "NL"}, {"Нидерланды", "NL"}, {"荷兰", "NL"}, {"Holland", "NL"},
		{"Austria", "AT"}, {"Autriche", "AT"}, {"Австрия", "AT"}, {"奥地利", "AT"},
		{"Portugal", "PT"}, {"Portogallo", "PT"}, {"Португалия", "PT"}, {"葡萄牙", "PT"},
		{"Poland", "PL"}, {"Polonia", "PL"}, {"Pologne", "PL"}, {"Польша", "PL"}, {"波兰", "PL"},
		{"Ireland", "IE"}, {"Irlanda", "IE"}, {"Irlande", "IE"}, {"Ирландия", "IE"}, {"爱尔兰", "IE"},
		{"Sweden", "SE"}, {"Svezia", "SE"}, {"Suède", "SE"}, {"Швеция", "SE"}, {"瑞典", "SE"},
		{"India", "IN"}, {"Inde", "IN"}, {"Индия", "IN"}, {"印度", "IN"},
		{"Singapore", "SG"}, {"Singapour", "SG"}, {"Сингапур", "SG"}, {"新加坡", "SG"},
		{"South Korea", "KR"}, {"Corea del Sud", "KR"}, {"Corée du Sud", "KR"}, {"Южная Корея", "KR"}, {"韩国", "KR"}, {"KOR", "KR"},
		{"Côte d'Ivoire", "CI"}, {"Cote d’Ivoire", "CI"}, {"Hong Kong", "HK"}, {"Turkey", "TR"}, {"Türkiye", "TR"},
		{"  italy\u00a0", "IT"}, {"ZW", "ZW"}, {"ZWE", "ZW"}, {"AX", "AX"}, {"ALA", "AX"},
	}
	for _, tt := range tests {
		got, ok := NormalizeCountry(tt.in)
		if !ok || got != tt.want {
			t.Errorf("NormalizeCountry(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"Atlantis", "", "XX", "EU", "UN", "ZZZ", "Europe", "123"} {
		if got, ok := NormalizeCountry(bad); ok {
			t.Errorf("NormalizeCountry(%q) = %q, want unknown", bad, got)
		}
	}
}

func TestCountryTableComplete(t *testing.T) {
	if len(isoCountries) != 249 {
		t.Fatalf("len(isoCountries) = %d, want 249", len(isoCountries))
	}
	for _, c := range isoCountries {
		if got, ok := NormalizeCountry(c.alpha2); !ok || got != c.alpha2 {
			t.Errorf("alpha-2 %s -> %q %v", c.alpha2, got, ok)
		}
		if got, ok := NormalizeCountry(c.alpha3); !ok || got != c.alpha2 {
			t.Errorf("alpha-3 %s -> %q %v, want %s", c.alpha3, got, ok, c.alpha2)
		}
		if got, ok := NormalizeCountry(c.english); !ok || got != c.alpha2 {
			t.Errorf("name %q -> %q %v, want %s", c.english, got, ok, c.alpha2)
		}
	}
	if len(countryAmbiguous) != 0 {
		t.Errorf("ambiguous country names left out: %v", countryAmbiguous)
	}
}

func TestNormalizeUSState(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CA", "CA"}, {"ca", "CA"}, {"California", "CA"}, {"new york", "NY"}, {"NY", "NY"},
		{"District of Columbia", "DC"}, {"Washington, D.C.", "DC"}, {"D.C.", "DC"}, {"Washington", "WA"},
		{"Puerto Rico", "PR"}, {"PR", "PR"}, {"Texas", "TX"}, {"Wyoming", "WY"}, {"north carolina", "NC"}, {"N.C.", "NC"},
	}
	for _, tt := range tests {
		got, ok := NormalizeUSState(tt.in)
		if !ok || got != tt.want {
			t.Errorf("NormalizeUSState(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	n := 0
	for code := range usStates {
		if code != "DC" && code != "PR" && code != "GU" && code != "VI" && code != "AS" && code != "MP" && code != "AA" && code != "AE" && code != "AP" {
			n++
		}
	}
	if n != 50 {
		t.Errorf("%d states, want 50", n)
	}
	for _, bad := range []string{"Ontario", "XX", "Calif", "Lombardia", ""} {
		if got, ok := NormalizeUSState(bad); ok {
			t.Errorf("NormalizeUSState(%q) = %q, want unknown", bad, got)
		}
	}
}

func TestParseCategories(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		unknown string
	}{
		{"", nil, ""},
		{" ; , ", nil, ""},
		{"password", []string{"password"}, ""},
		{"Email; Password, email", []string{"email", "password"}, ""},
		{"mot de passe|пароль|密码", []string{"password"}, ""},
		{"credit card; carta di credito; carte bancaire; банковская карта; 银行卡", []string{"payment_card"}, ""},
		{"passport, passaporto, passeport, паспорт, 护照", []string{"passport"}, ""},
		{"身份证号;身份证", []string{"national_id"}, ""},
		{"SSN; Social Security Number", []string{"ssn"}, ""},
		{"date of birth;data di nascita;date de naissance;дата рождения;出生日期", []string{"date_of_birth"}, ""},
		{"postal_address\nphone", []string{"phone", "postal_address"}, ""},
		{"Date_Of_Birth, PASSWORD-HASH", []string{"date_of_birth", "password_hash"}, ""},
		{"姓名，电子邮件、电话", []string{"email", "name", "phone"}, ""},
		{"codice fiscale", []string{"tax_id"}, ""},
		{"health; health insurance; biometric; location; security_qa; bank account; drivers license",
			[]string{"bank_account", "biometric", "drivers_license", "health", "health_insurance", "location", "security_qa"}, ""},
		{"email; xyz", nil, "xyz"},
	}
	for _, tt := range tests {
		got, unknown := parseCategories(tt.in)
		if !slices.Equal(got, tt.want) || unknown != tt.unknown || (tt.want == nil) != (got == nil) {
			t.Errorf("parseCategories(%q) = %q, %q; want %q, %q", tt.in, got, unknown, tt.want, tt.unknown)
		}
	}
	for _, c := range categoryCodes {
		if got, ok := NormalizeCategory(c); !ok || got != c {
			t.Errorf("NormalizeCategory(%q) = %q %v", c, got, ok)
		}
	}
}

func TestNormalizeLanguage(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true}, {"fr-CA", "fr-CA", true}, {"fr_ca", "fr-CA", true}, {"FR-ca", "fr-CA", true},
		{"zh-hans-cn", "zh-Hans-CN", true}, {"it", "it", true}, {"en-us", "en-US", true}, {"ru-RU", "ru-RU", true},
		{"iw", "he", true}, {"und", "", true}, {"Italiano", "it", true}, {"French", "fr", true}, {"Русский", "ru", true},
		{"中文", "zh", true}, {"简体中文", "zh-Hans", true}, {"Français", "fr", true},
		{"xx", "", false}, {"en--US", "", false}, {"Klingonese", "", false}, {"12", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeLanguage(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeLanguage(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestValidEmail(t *testing.T) {
	good := []string{"a@b.com", "mario.rossi+promo@example.it", "user@bücher.de", "иван@пример.рф", "o'brien@example.ie"}
	bad := []string{"", "a", "a@b", "Mario <mario@example.it>", "<a@b.com>", "a@b.com (work)", "a@@b.com", "a b@c.com",
		"a@-b.com", "a@b..com", "a.@b.com", "a@[127.0.0.1]", "a@b.com,c@d.com", "mailto:a@b.com"}
	for _, e := range good {
		if !validEmail(e) {
			t.Errorf("validEmail(%q) = false, want true", e)
		}
	}
	for _, e := range bad {
		if validEmail(e) {
			t.Errorf("validEmail(%q) = true, want false", e)
		}
	}
}

func TestCleanCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Mario\u00a0Rossi ", "Mario Rossi"},
		{"\ufeffID", "ID"},
		{"Ma\u200brio", "Mario"},
		{"e\u0301", "\u00e9"}, // NFC
		{"a\tb", "a b"},
		{"line1\r\nline2", "line1\nline2"},
		{"x\x00y", "xy"},
	}
	for _, tt := range tests {
		if got := cleanCell(tt.in); got != tt.want {
			t.Errorf("cleanCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := multiLine(cleanCell(" Via Roma 1 \n\n  Scala B  ")); got != "Via Roma 1\nScala B" {
		t.Errorf("multiLine = %q", got)
	}
}

func TestNormalizeID(t *testing.T) {
	tests := []struct{ in, want, problem string }{
		{"100234", "100234", ""},
		{"100234.0", "100234", ""},
		{"100234.00", "100234", ""},
		{"1.00234E+05", "100234", ""},
		{"1.2E+1", "12", ""},
		{"1.00E+05", "1.00E+05", "x"},
		{"1.23456789012346E+15", "1.23456789012346E+15", "x"},
		{"C-0042", "C-0042", ""},
		{"1.5", "1.5", ""},
		{"00042", "00042", ""},
	}
	for _, tt := range tests {
		got, problem := normalizeID(tt.in)
		if got != tt.want || (problem != "") != (tt.problem != "") {
			t.Errorf("normalizeID(%q) = %q, %q; want %q, problem=%v", tt.in, got, problem, tt.want, tt.problem != "")
		}
	}
}

func TestJoinName(t *testing.T) {
	tests := []struct{ first, last, want string }{
		{"Mario", "Rossi", "Mario Rossi"},
		{"小明", "王", "王小明"},
		{"Иван", "Петров", "Иван Петров"},
		{"Cher", "", "Cher"},
		{"", "Rossi", "Rossi"},
		{"Ming", "王", "Ming 王"},
	}
	for _, tt := range tests {
		if got := joinName(tt.first, tt.last); got != tt.want {
			t.Errorf("joinName(%q, %q) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}
