package recipients

import (
	"slices"
	"strings"
)

// Categories are the canonical data category codes.
var Categories = []string{
	"name", "email", "phone", "postal_address", "date_of_birth",
	"password", "password_hash", "security_qa", "payment_card",
	"bank_account", "ssn", "national_id", "passport", "drivers_license",
	"tax_id", "health", "health_insurance", "biometric", "location",
	"precise_geolocation", "username", "genetic",
}

// categorySynonyms lists, per category code, words recognized in the
// data_categories column (compared after normKey) in English, Italian,
// French, Russian and Chinese. The code itself is always recognized.
var categorySynonyms = map[string][]string{
	"name": {"name", "names", "full name", "first name", "last name", "surname",
		"nome", "nomi", "nome e cognome", "cognome", "nom", "nom et prénom", "prénom", "nom complet",
		"имя", "фио", "имя и фамилия", "фамилия", "姓名", "名字", "全名"},
	"email": {"email", "e-mail", "emails", "email address", "email addresses", "mail",
		"indirizzo email", "indirizzo e-mail", "posta elettronica", "courriel", "adresse e-mail", "adresse email", "adresse électronique",
		"электронная почта", "email адрес", "адрес электронной почты", "e-mail адрес", "эл. почта",
		"电子邮箱", "邮箱", "电子邮件", "邮箱地址", "电子邮件地址"},
	"phone": {"phone", "phone number", "phone numbers", "telephone", "telephone number", "mobile", "mobile number",
		"telefono", "numero di telefono", "cellulare", "téléphone", "numéro de téléphone", "portable",
		"телефон", "номер телефона", "мобильный телефон", "电话", "电话号码", "手机", "手机号", "手机号码"},
	"postal_address": {"address", "postal address", "home address", "mailing address", "street address", "addresses",
		"indirizzo", "indirizzo postale", "indirizzo di residenza", "adresse", "adresse postale", "adresse du domicile",
		"адрес", "почтовый адрес", "домашний адрес", "адрес проживания", "地址", "邮寄地址", "住址", "家庭住址", "通讯地址"},
	"date_of_birth": {"date of birth", "dob", "birth date", "birthdate", "birthday",
		"data di nascita", "date de naissance", "дата рождения", "出生日期", "生日"},
	"password": {"password", "passwords", "plaintext password", "mot de passe", "mots de passe", "parola d'ordine",
		"пароль", "пароли", "密码", "口令"},
	"password_hash": {"password hash", "password hashes", "hashed password", "hashed passwords", "hash password",
		"hash della password", "password cifrata", "hachage du mot de passe", "mot de passe haché", "empreinte du mot de passe",
		"хеш пароля", "хэш пароля", "хеши паролей", "密码哈希", "密码散列", "哈希密码"},
	"security_qa": {"security question", "security questions", "security questions and answers", "security q&a", "security qa", "secret question",
		"domanda di sicurezza", "domande di sicurezza", "domanda segreta", "question de sécurité", "questions de sécurité", "question secrète", "questions secrètes",
		"контрольный вопрос", "контрольные вопросы", "секретный вопрос", "安全问题", "密保问题", "密保"},
	"payment_card": {"payment card", "payment cards", "credit card", "credit cards", "debit card", "card number", "card data", "cardholder data",
		"carta di credito", "carte di credito", "carta di pagamento", "carta di debito", "numero di carta",
		"carte bancaire", "carte de crédit", "carte de paiement", "numéro de carte", "cartes bancaires",
		"банковская карта", "банковские карты", "кредитная карта", "номер карты", "платёжная карта", "платежная карта",
		"银行卡", "信用卡", "支付卡", "银行卡号", "信用卡号"},
	"bank_account": {"bank account", "bank accounts", "bank details", "iban", "account number", "bank account number",
		"conto corrente", "conto bancario", "coordinate bancarie", "compte bancaire", "coordonnées bancaires", "rib",
		"банковский счёт", "банковский счет", "расчётный счёт", "расчетный счет", "банковские реквизиты",
		"银行账户", "银行账号", "银行帐户"},
	"ssn": {"ssn", "social security number", "social security numbers", "us social security number", "social security"},
	"national_id": {"national id", "national id number", "national identity number", "national identification number", "id card", "identity card", "identity document",
		"carta d'identità", "carta di identità", "numero carta d'identità", "documento d'identità",
		"carte d'identité", "carte nationale d'identité", "numéro d'identité", "pièce d'identité",
		"удостоверение личности", "номер удостоверения личности", "身份证", "身份证号", "身份证号码"},
	"passport": {"passport", "passports", "passport number", "passport data",
		"passaporto", "numero di passaporto", "passeport", "numéro de passeport",
		"паспорт", "паспортные данные", "номер паспорта", "护照", "护照号", "护照号码"},
	"drivers_license": {"driver's license", "drivers license", "driver license", "driving licence", "driving license", "driver's licence", "driver's license number",
		"patente", "patente di guida", "permis de conduire", "водительское удостоверение", "водительские права", "驾驶证", "驾照", "驾驶执照"},
	"tax_id": {"tax id", "tax identification number", "tin", "tax number", "itin", "ein",
		"codice fiscale", "partita iva", "numero di identificazione fiscale", "numéro fiscal", "numéro d'identification fiscale", "numéro fiscal de référence",
		"инн", "идентификационный номер налогоплательщика", "налоговый номер", "税号", "纳税人识别号", "税务登记号"},
	"health": {"health", "health data", "health information", "medical", "medical data", "medical information", "medical records", "phi",
		"dati sanitari", "dati sulla salute", "dati medici", "salute", "données de santé", "données médicales", "santé", "dossier médical",
		"медицинские данные", "данные о здоровье", "здоровье", "медицинская информация", "健康", "健康信息", "健康数据", "医疗信息", "医疗数据", "病历"},
	"health_insurance": {"health insurance", "health insurance information", "health insurance number", "insurance information", "medical insurance",
		"assicurazione sanitaria", "tessera sanitaria", "assurance maladie", "mutuelle", "carte vitale",
		"медицинская страховка", "медицинский полис", "полис омс", "полис дмс", "医疗保险", "医保", "健康保险"},
	"biometric": {"biometric", "biometrics", "biometric data", "fingerprint", "fingerprints", "face scan", "facial recognition data",
		"dati biometrici", "impronte digitali", "données biométriques", "empreintes digitales",
		"биометрические данные", "биометрия", "отпечатки пальцев", "生物识别", "生物识别信息", "生物特征", "指纹"},
	"location": {"location", "locations", "geolocation", "location data", "gps", "gps data",
		"posizione", "geolocalizzazione", "dati di localizzazione", "localisation", "géolocalisation", "données de localisation",
		"местоположение", "геолокация", "данные о местоположении", "位置", "位置信息", "定位", "地理位置"},
	"precise_geolocation": {"precise geolocation", "precise geolocation data", "precise location", "exact location",
		"geolocalizzazione precisa", "posizione precisa", "géolocalisation précise", "localisation précise",
		"точная геолокация", "точное местоположение", "精确位置", "精确地理位置"},
	"username": {"username", "user name", "usernames", "login", "login name", "user id", "account name",
		"nome utente", "identificativo utente", "nom d'utilisateur", "identifiant", "identifiant de connexion",
		"имя пользователя", "логин", "用户名", "登录名", "账号"},
	"genetic": {"genetic", "genetic data", "genetic information", "dna", "dati genetici", "données génétiques",
		"генетические данные", "基因", "基因信息", "遗传信息"},
}

var categoryIndex = func() map[string]string {
	idx := make(map[string]string)
	add := func(name, code string) {
		k := normKey(name)
		if old, ok := idx[k]; ok && old != code {
			panic("recipients: data category synonym " + name + " is listed for " + old + " and " + code)
		}
		idx[k] = code
	}
	for _, c := range Categories {
		add(c, c)
		for _, s := range categorySynonyms[c] {
			add(s, c)
		}
	}
	return idx
}()

// NormalizeCategory returns the canonical data category code for a code or
// a common name of a category in English, Italian, French, Russian or
// Chinese; ok is false if it is not known.
func NormalizeCategory(s string) (code string, ok bool) {
	code, ok = categoryIndex[normKey(s)]
	return code, ok
}

// parseCategories splits a data_categories cell on commas, semicolons,
// vertical bars and line breaks (ASCII and full-width), normalizes each
// item and returns the sorted, de-duplicated codes. It returns nil, "" for
// a cell without items, and the offending item if one is unknown.
func parseCategories(cell string) (codes []string, unknown string) {
	items := strings.FieldsFunc(cell, func(r rune) bool {
		switch r {
		case ',', ';', '|', '\n', '，', '；', '、', '｜':
			return true
		}
		return false
	})
	for _, it := range items {
		it = oneLine(it)
		if it == "" {
			continue
		}
		c, ok := NormalizeCategory(it)
		if !ok {
			return nil, it
		}
		codes = append(codes, c)
	}
	if len(codes) == 0 {
		return nil, ""
	}
	slices.Sort(codes)
	return slices.Compact(codes), ""
}
