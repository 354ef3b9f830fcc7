package customers

import (
	"testing"
	"unicode"
)

// TestCategoryPhrasesFiveLanguages checks the usual words for every data
// category in Italian, French, English, Russian and Chinese.
func TestCategoryPhrasesFiveLanguages(t *testing.T) {
	tests := map[string][]string{
		"name": {"Name", "full name", "Nome e cognome", "Nominativo", "Nom et prénom", "Prénoms", "ФИО", "Ф.И.О.", "Имя и фамилия", "姓名", "全名"},
		"email": {"E-mail", "Email addresses", "Indirizzo email", "Posta elettronica", "Courriel", "Adresse e-mail", "Adresses électroniques",
			"Электронная почта", "Адрес электронной почты", "电子邮箱", "电子邮件地址", "邮箱"},
		"phone": {"Phone number", "Mobile", "Numero di telefono", "Cellulare", "Numéro de téléphone", "Portable",
			"Номер телефона", "Телефоны", "手机号码", "电话号码", "联系电话"},
		"postal_address": {"Postal address", "Home addresses", "Indirizzo", "Indirizzo di residenza", "Adresse postale", "Adresses",
			"Почтовый адрес", "Адрес проживания", "地址", "家庭住址", "收货地址"},
		"date_of_birth": {"Date of birth", "DOB", "D.O.B.", "Data di nascita", "Date de naissance", "Дата рождения", "Дата и место рождения", "出生日期", "生日"},
		"password":      {"Password", "Passwords", "Password in chiaro", "Mot de passe", "Mots de passe", "Пароль", "Пароли", "密码", "明文密码"},
		"password_hash": {"Password hash", "Hashed passwords", "Hash della password", "Password cifrate", "Mot de passe haché", "Mots de passe chiffrés",
			"Хеш пароля", "Хэши паролей", "密码哈希", "加密密码"},
		"security_qa": {"Security questions", "Security questions and answers", "Domande di sicurezza", "Question secrète", "Questions de sécurité",
			"Контрольный вопрос", "Секретный вопрос", "密保问题", "安全问题"},
		"payment_card": {"Credit card", "Card number", "Payment cards", "CVV", "Carta di credito", "Carte di credito", "Numero della carta", "Numero di carta",
			"Carte bancaire", "Cartes bancaires", "Numéro de carte", "Carte de crédit", "Номер карты", "Банковская карта", "Банковские карты",
			"Данные карты", "银行卡号", "信用卡", "银行卡"},
		"bank_account": {"IBAN", "Bank account number", "Bank details", "Conto corrente", "Coordinate bancarie", "Codice IBAN", "RIB", "Compte bancaire",
			"Coordonnées bancaires", "Банковский счёт", "Банковский счет", "Номер счёта", "Банковские реквизиты", "银行账号", "银行账户"},
		"ssn": {"SSN", "Social Security number", "Social security numbers", "US SSN", "Numero di previdenza sociale",
			"Numéro de sécurité sociale américain", "Номер социального страхования США", "美国社会安全号码", "社会安全号码"},
		"national_id": {"National ID", "ID card", "Identity card number", "Carta d'identità", "Documento d'identità", "Carte d'identité",
			"Carte nationale d'identité", "Pièce d'identité", "Numéro de sécurité sociale", "Удостоверение личности", "СНИЛС", "Номер СНИЛС",
			"身份证", "身份证号", "身份证号码", "居民身份证"},
		"passport": {"Passport", "Passport number", "Passaporto", "Numero di passaporto", "Passeport", "Numéro de passeport",
			"Паспорт", "Номер паспорта", "Паспортные данные", "Загранпаспорт", "护照", "护照号", "护照号码"},
		"drivers_license": {"Driver's license", "Drivers license number", "Driving licence", "Patente", "Patente di guida", "Numero di patente",
			"Permis de conduire", "Numéro de permis de conduire", "Водительское удостоверение", "Водительские права", "驾驶证", "驾照", "驾驶证号"},
		"tax_id": {"Tax ID", "Taxpayer identification number", "TIN", "Codice fiscale", "Codici fiscali", "Partita IVA", "Numéro fiscal",
			"Numéro d'identification fiscale", "ИНН", "Номер ИНН", "Налоговый номер", "税号", "纳税人识别号"},
		"health": {"Health data", "Medical records", "Dati sanitari", "Cartella clinica", "Données de santé", "Dossier médical",
			"Медицинские данные", "Данные о здоровье", "健康信息", "病历", "医疗记录"},
		"health_insurance": {"Health insurance", "Health insurance number", "Tessera sanitaria", "Assicurazione sanitaria", "Carte Vitale",
			"Assurance maladie", "Полис ОМС", "Медицинский полис", "医保", "医疗保险", "医保卡号"},
		"biometric": {"Biometric data", "Fingerprints", "Dati biometrici", "Impronte digitali", "Données biométriques", "Empreintes digitales",
			"Биометрические данные", "Отпечатки пальцев", "生物识别信息", "指纹", "人脸信息"},
		"location": {"Location data", "Geolocation", "Geolocalizzazione", "Dati di localizzazione", "Géolocalisation", "Données de localisation",
			"Местоположение", "Геолокация", "位置信息", "地理位置", "行踪轨迹"},
		"precise_geolocation": {"Precise geolocation", "GPS coordinates", "Posizione precisa", "Coordinate GPS", "Géolocalisation précise",
			"Точная геолокация", "Точное местоположение", "精确位置", "精确地理位置"},
		"username": {"Username", "User names", "Login", "Nome utente", "Nomi utente", "Nom d'utilisateur", "Identifiant", "Имя пользователя",
			"Логин", "Учётная запись", "用户名", "账号", "登录名"},
		"genetic": {"Genetic data", "DNA", "Dati genetici", "Données génétiques", "ADN", "Генетические данные", "ДНК", "基因信息", "遗传信息"},
	}
	for _, code := range categoryCodes {
		if len(tests[code]) == 0 {
			t.Errorf("no phrases tested for category %s", code)
		}
	}
	for code, phrases := range tests {
		for _, p := range phrases {
			if got, ok := NormalizeCategory(p); !ok || got != code {
				t.Errorf("NormalizeCategory(%q) = %q, %v; want %q", p, got, ok, code)
			}
		}
	}
	for _, bad := range []string{"carta", "numero", "social", "sécurité", "card", "id", "données", "данные", "号码", "PAN", "credentials"} {
		if got, ok := NormalizeCategory(bad); ok {
			t.Errorf("NormalizeCategory(%q) = %q; want unknown (too vague)", bad, got)
		}
	}
}

// TestCategorySocialSecurity pins the documented choice: ssn is the US
// number only; the French numéro de sécurité sociale (NIR), the Canadian
// SIN and the Russian СНИЛС are national identifiers.
func TestCategorySocialSecurity(t *testing.T) {
	tests := []struct{ in, want string }{
		{"numéro de sécurité sociale", "national_id"}, {"Numero de securite sociale", "national_id"}, {"NIR", "national_id"},
		{"numéro d'assurance sociale", "national_id"}, {"social insurance number", "national_id"}, {"national insurance number", "national_id"},
		{"СНИЛС", "national_id"}, {"codice fiscale", "tax_id"}, {"ИНН", "tax_id"},
		{"numéro de sécurité sociale américain", "ssn"}, {"social security number", "ssn"}, {"numero di previdenza sociale", "ssn"},
		{"номер социального страхования", "ssn"}, {"社会安全号码", "ssn"},
	}
	for _, tt := range tests {
		if got, ok := NormalizeCategory(tt.in); !ok || got != tt.want {
			t.Errorf("NormalizeCategory(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestCategorySynonymsScripts checks that every category has Russian
// (Cyrillic) and Chinese (Han) synonyms besides the Latin ones, and that
// every synonym resolves to its own category.
func TestCategorySynonymsScripts(t *testing.T) {
	for _, code := range categoryCodes {
		var cyr, han bool
		for _, s := range categorySynonyms[code] {
			for _, r := range s {
				cyr = cyr || unicode.Is(unicode.Cyrillic, r)
				han = han || unicode.Is(unicode.Han, r)
			}
			if got, ok := NormalizeCategory(s); !ok || got != code {
				t.Errorf("synonym %q of %s resolves to %q, %v", s, code, got, ok)
			}
		}
		if !cyr || !han {
			t.Errorf("category %s: Russian synonym %v, Chinese synonym %v", code, cyr, han)
		}
	}
	if got, unknown := parseCategories("numero della carta; IBAN; номер паспорта; 身份证号码; patente; permis de conduire; 驾驶证"); unknown != "" ||
		len(got) != 5 {
		t.Errorf("parseCategories = %q, unknown %q", got, unknown)
	}
}

// TestCountryNamesFiveLanguages checks country names in Italian, French,
// English, Russian and Chinese, and common aliases.
func TestCountryNamesFiveLanguages(t *testing.T) {
	tests := map[string][]string{
		"IT": {"Italia", "Italy", "Italie", "Италия", "意大利", "Repubblica Italiana"},
		"DE": {"Germania", "Germany", "Allemagne", "Германия", "德国", "Deutschland", "ФРГ"},
		"RU": {"Russia", "Russie", "Россия", "Российская Федерация", "俄罗斯"},
		"CN": {"Cina", "China", "Chine", "Китай", "中国", "中华人民共和国"},
		"US": {"USA", "U.S.A.", "United States", "Stati Uniti", "États-Unis", "Etats-Unis", "Соединённые Штаты", "Соединенные Штаты", "США", "美国"},
		"GB": {"Royaume-Uni", "Regno Unito", "United Kingdom", "UK", "Великобритания", "英国", "Regno Unito di Gran Bretagna e Irlanda del Nord"},
		"CH": {"Suisse", "Svizzera", "Switzerland", "Швейцария", "瑞士"},
		"FR": {"Francia", "France", "Франция", "法国", "République française"},
		"CA": {"Canada", "Канада", "加拿大"},
		"AU": {"Australia", "Australie", "Австралия", "澳大利亚", "澳洲"},
		"BR": {"Brasile", "Brazil", "Brésil", "Бразилия", "巴西"},
		"JP": {"Giappone", "Japan", "Japon", "Япония", "日本"},
		"KR": {"Corea del Sud", "South Korea", "Corée du Sud", "Южная Корея", "韩国", "韓國"},
		"IN": {"India", "Inde", "Индия", "印度"},
		"SG": {"Singapore", "Singapour", "Сингапур", "新加坡"},
		"IE": {"Ireland", "Irlanda", "Irlande", "Ирландия", "爱尔兰", "Republic of Ireland", "Eire", "Éire"},
		"NL": {"Holland", "Netherlands", "Paesi Bassi", "Pays-Bas", "Нидерланды", "荷兰"},
		"CZ": {"Czechia", "Czech Republic", "Repubblica Ceca", "République tchèque", "Чехия", "捷克"},
		"TR": {"Türkiye", "Turkiye", "Turkey", "Turchia", "Turquie", "Турция", "土耳其"},
		"ES": {"Spagna", "Spain", "Espagne", "Испания", "西班牙"},
	}
	for code, names := range tests {
		for _, n := range names {
			if got, ok := NormalizeCountry(n); !ok || got != code {
				t.Errorf("NormalizeCountry(%q) = %q, %v; want %q", n, got, ok, code)
			}
		}
	}
}

// TestCountryAliasesResolve checks that no alias lost to another one (two
// aliases with the same key would silently keep the first).
func TestCountryAliasesResolve(t *testing.T) {
	for code, names := range countryAliases {
		for _, n := range names {
			if got, ok := NormalizeCountry(n); !ok || got != code {
				t.Errorf("alias %q of %s resolves to %q, %v", n, code, got, ok)
			}
		}
	}
}
