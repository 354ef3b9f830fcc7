package customers

import (
	"slices"
	"strings"
)

// Categories returns the canonical data category codes.
func Categories() []string { return slices.Clone(categoryCodes) }

var categoryCodes = []string{
	"name", "email", "phone", "postal_address", "date_of_birth",
	"password", "password_hash", "security_qa", "payment_card",
	"bank_account", "ssn", "national_id", "passport", "drivers_license",
	"tax_id", "health", "health_insurance", "biometric", "location",
	"precise_geolocation", "username", "genetic",
}

// categorySynonyms lists, per category code, words recognized in the
// data_categories column (compared after normKey) in English, Italian,
// French, Russian and Chinese, singular and plural, and common CRM
// phrasings. The code itself is always recognized. A synonym listed for
// two codes panics when the index is built.
//
// ssn is the US Social Security number only: the letters describe it as
// such ("votre numéro de sécurité sociale américain (SSN)") and tell the
// reader to freeze a US credit file. So:
//   - French "numéro de sécurité sociale" (the French NIR, the number of
//     the carte Vitale, a lifelong national identifier), the Canadian
//     social insurance number (SIN, NAS), the UK national insurance number
//     and Russian СНИЛС are national_id;
//   - "numéro de sécurité sociale américain", Italian "numero di
//     previdenza sociale" (Italy has no such number; it is the usual
//     translation of the US SSN), Russian "номер социального страхования"
//     and Chinese "社会安全号码" (the usual translations of SSN; the Russian
//     and Chinese domestic numbers are СНИЛС and 身份证号) are ssn;
//   - Italian "codice fiscale", Russian ИНН and Chinese 纳税人识别号 stay
//     tax_id.
//
// "Encrypted passwords" (password crittografate, mots de passe chiffrés,
// зашифрованные пароли, 加密密码) are password_hash, like "hashed": in
// CRM exports both mean that the password is not stored in clear.
var categorySynonyms = map[string][]string{
	"name": {"name", "names", "full name", "full names", "first name", "first names", "last name", "last names", "surname", "surnames",
		"given name", "family name", "customer name",
		"nome", "nomi", "nome e cognome", "nomi e cognomi", "nome completo", "cognome", "cognomi", "nominativo", "nominativi",
		"nom", "noms", "nom et prénom", "noms et prénoms", "prénom", "prénoms", "nom complet", "nom de famille",
		"имя", "имена", "фио", "имя и фамилия", "фамилия", "фамилии", "фамилия и имя", "полное имя",
		"姓名", "名字", "全名", "姓名信息"},
	"email": {"email", "e-mail", "emails", "e-mails", "email address", "email addresses", "e-mail address", "e-mail addresses", "mail",
		"indirizzo email", "indirizzo e-mail", "indirizzi email", "indirizzi e-mail", "posta elettronica", "indirizzo di posta elettronica",
		"courriel", "courriels", "adresse e-mail", "adresse email", "adresse mail", "adresses e-mail", "adresses email", "adresse électronique", "adresses électroniques",
		"электронная почта", "email адрес", "адрес электронной почты", "адреса электронной почты", "e-mail адрес", "эл. почта", "электронный адрес", "электронные адреса",
		"电子邮箱", "邮箱", "电子邮件", "邮箱地址", "电子邮件地址", "电子邮箱地址", "邮件地址", "电邮"},
	"phone": {"phone", "phones", "phone number", "phone numbers", "telephone", "telephone number", "telephone numbers",
		"mobile", "mobile number", "mobile numbers", "mobile phone", "mobile phone number", "cell phone", "cell phone number",
		"telefono", "telefoni", "numero di telefono", "numeri di telefono", "cellulare", "numero di cellulare", "recapito telefonico",
		"téléphone", "téléphones", "numéro de téléphone", "numéros de téléphone", "portable", "téléphone portable", "numéro de portable", "numéro de mobile",
		"телефон", "телефоны", "номер телефона", "номера телефонов", "мобильный телефон", "номер мобильного телефона", "мобильный",
		"电话", "电话号码", "手机", "手机号", "手机号码", "联系电话", "移动电话"},
	"postal_address": {"address", "addresses", "postal address", "postal addresses", "home address", "home addresses", "mailing address", "street address",
		"shipping address", "billing address",
		"indirizzo", "indirizzi", "indirizzo postale", "indirizzi postali", "indirizzo di residenza", "indirizzo di casa", "residenza",
		"indirizzo di spedizione", "indirizzo di fatturazione",
		"adresse", "adresses", "adresse postale", "adresses postales", "adresse du domicile", "adresse de domicile",
		"adresse de livraison", "adresse de facturation",
		"адрес", "адреса", "почтовый адрес", "почтовые адреса", "домашний адрес", "адрес проживания", "адрес места жительства", "адрес регистрации", "адрес доставки",
		"地址", "邮寄地址", "住址", "家庭住址", "通讯地址", "居住地址", "联系地址", "收货地址", "账单地址"},
	"date_of_birth": {"date of birth", "dates of birth", "dob", "birth date", "birth dates", "birthdate", "birthdates", "birthday",
		"data di nascita", "date di nascita", "data e luogo di nascita",
		"date de naissance", "dates de naissance", "date et lieu de naissance",
		"дата рождения", "даты рождения", "дата и место рождения", "出生日期", "生日", "出生年月", "出生年月日"},
	"password": {"password", "passwords", "plaintext password", "plaintext passwords", "clear-text password",
		"password in chiaro", "parola d'ordine", "mot de passe", "mots de passe", "mot de passe en clair", "mots de passe en clair",
		"пароль", "пароли", "пароль в открытом виде", "密码", "口令", "明文密码", "密碼"},
	"password_hash": {"password hash", "password hashes", "hashed password", "hashed passwords", "hash password", "encrypted password", "encrypted passwords",
		"hash della password", "hash delle password", "password cifrata", "password cifrate", "password crittografata", "password crittografate",
		"hachage du mot de passe", "hachages des mots de passe", "mot de passe haché", "mots de passe hachés", "empreinte du mot de passe",
		"mot de passe chiffré", "mots de passe chiffrés",
		"хеш пароля", "хэш пароля", "хеши паролей", "хэши паролей", "хешированные пароли", "хэшированные пароли", "зашифрованные пароли",
		"密码哈希", "密码散列", "哈希密码", "密码哈希值", "加密密码"},
	"security_qa": {"security question", "security questions", "security questions and answers", "security answers", "security q&a", "security qa", "secret question",
		"domanda di sicurezza", "domande di sicurezza", "domanda segreta", "risposte di sicurezza",
		"question de sécurité", "questions de sécurité", "question secrète", "questions secrètes", "réponses de sécurité",
		"контрольный вопрос", "контрольные вопросы", "секретный вопрос", "ответы на контрольные вопросы", "ответ на секретный вопрос",
		"安全问题", "密保问题", "密保", "密保答案", "安全问题答案"},
	"payment_card": {"payment card", "payment cards", "payment card number", "credit card", "credit cards", "credit card number", "credit card numbers",
		"debit card", "debit cards", "card number", "card numbers", "card data", "card details", "cardholder data", "cvv", "cvv2", "cvc",
		"carta di credito", "carte di credito", "carta di pagamento", "carte di pagamento", "carta di debito", "carte di debito",
		"numero di carta", "numero della carta", "numero carta", "numeri di carta", "numero della carta di credito", "numero carta di credito", "dati della carta",
		"carte bancaire", "cartes bancaires", "carte de crédit", "cartes de crédit", "carte de paiement", "cartes de paiement", "carte de débit",
		"numéro de carte", "numéros de carte", "numéro de carte bancaire", "numéro de la carte", "cryptogramme visuel",
		"банковская карта", "банковские карты", "кредитная карта", "кредитные карты", "номер карты", "номера карт", "номер банковской карты",
		"платёжная карта", "платежная карта", "данные карты", "данные банковской карты",
		"银行卡", "信用卡", "支付卡", "银行卡号", "信用卡号", "信用卡号码", "卡号", "银行卡信息", "信用卡信息", "借记卡"},
	"bank_account": {"bank account", "bank accounts", "bank details", "iban", "account number", "account numbers", "bank account number", "bank account numbers", "routing number",
		"conto corrente", "conti correnti", "conto bancario", "coordinate bancarie", "codice iban", "numero di conto", "numero di conto corrente", "dati bancari",
		"compte bancaire", "comptes bancaires", "coordonnées bancaires", "rib", "relevé d'identité bancaire", "numéro de compte", "numéro de compte bancaire",
		"банковский счёт", "банковский счет", "банковские счета", "расчётный счёт", "расчетный счет", "банковские реквизиты",
		"номер счёта", "номер счета", "номер банковского счёта", "номер банковского счета",
		"银行账户", "银行账号", "银行帐户", "银行帐号", "银行账户信息"},
	"ssn": {"ssn", "ssns", "us ssn", "social security number", "social security numbers", "us social security number", "social security",
		"numero di previdenza sociale", "numero di previdenza sociale statunitense", "numéro de sécurité sociale américain",
		"номер социального страхования", "номер социального страхования сша", "美国社会安全号码", "社会安全号码", "社会安全号"},
	"national_id": {"national id", "national ids", "national id number", "national identity number", "national identification number", "id card", "id cards", "identity card",
		"identity cards", "identity card number", "id card number", "id number", "identity document", "identity documents", "government id", "government-issued id",
		"state id", "state id number", "social insurance number", "national insurance number",
		"carta d'identità", "carta di identità", "carte d'identità", "numero carta d'identità", "numero della carta d'identità", "numero di carta d'identità",
		"documento d'identità", "documento di identità", "documenti d'identità", "numero del documento d'identità",
		"carte d'identité", "cartes d'identité", "carte nationale d'identité", "numéro de carte d'identité", "numéro d'identité", "pièce d'identité", "pièces d'identité",
		"numéro de sécurité sociale", "numéro de sécu", "nir", "numéro d'inscription au répertoire", "numéro d'assurance sociale",
		"удостоверение личности", "номер удостоверения личности", "снилс", "номер снилс", "страховой номер индивидуального лицевого счёта",
		"身份证", "身份证号", "身份证号码", "身份证件", "身份证件号码", "身份证信息", "居民身份证", "身份證", "身分證"},
	"passport": {"passport", "passports", "passport number", "passport numbers", "passport data", "passport details",
		"passaporto", "passaporti", "numero di passaporto", "numero del passaporto", "passeport", "passeports", "numéro de passeport", "numéro du passeport",
		"паспорт", "паспорта", "паспортные данные", "номер паспорта", "заграничный паспорт", "загранпаспорт",
		"护照", "护照号", "护照号码", "护照信息", "護照"},
	"drivers_license": {"driver's license", "drivers license", "driver license", "driver's licenses", "drivers licenses", "driving licence", "driving license",
		"driver's licence", "driver's license number", "drivers license number", "driver's licence number", "driving licence number",
		"patente", "patenti", "patente di guida", "numero di patente", "numero della patente",
		"permis de conduire", "permis", "numéro de permis de conduire", "numéro du permis de conduire",
		"водительское удостоверение", "водительские удостоверения", "водительские права", "номер водительского удостоверения",
		"驾驶证", "驾照", "驾驶执照", "驾驶证号", "驾驶证号码", "驾照号码", "駕照"},
	"tax_id": {"tax id", "tax ids", "tax id number", "tax identification number", "taxpayer identification number", "tin", "tax number", "tax code", "itin", "ein", "vat number",
		"codice fiscale", "codici fiscali", "partita iva", "p.iva", "numero di identificazione fiscale", "numero fiscale",
		"numéro fiscal", "numéro d'identification fiscale", "numéro fiscal de référence", "numéro de tva",
		"инн", "номер инн", "идентификационный номер налогоплательщика", "налоговый номер", "налоговый идентификационный номер",
		"税号", "纳税人识别号", "税务登记号"},
	"health": {"health", "health data", "health information", "health records", "medical", "medical data", "medical information", "medical records", "medical history", "phi",
		"diagnosis", "diagnoses",
		"dati sanitari", "dati sulla salute", "dati relativi alla salute", "dati medici", "salute", "informazioni mediche", "cartella clinica", "cartelle cliniche",
		"données de santé", "données médicales", "santé", "dossier médical", "dossiers médicaux", "informations médicales", "antécédents médicaux",
		"медицинские данные", "данные о здоровье", "здоровье", "медицинская информация", "медицинская карта", "сведения о состоянии здоровья", "диагноз",
		"健康", "健康信息", "健康数据", "医疗信息", "医疗数据", "病历", "医疗记录", "健康状况"},
	"health_insurance": {"health insurance", "health insurance information", "health insurance number", "health insurance id", "insurance information", "medical insurance",
		"assicurazione sanitaria", "tessera sanitaria", "numero di tessera sanitaria",
		"assurance maladie", "mutuelle", "carte vitale", "numéro de carte vitale", "numéro d'assurance maladie",
		"медицинская страховка", "медицинский полис", "полис омс", "полис дмс", "номер полиса омс", "полис медицинского страхования",
		"医疗保险", "医保", "健康保险", "医保卡", "医保卡号"},
	"biometric": {"biometric", "biometrics", "biometric data", "biometric identifiers", "fingerprint", "fingerprints", "face scan", "facial recognition data", "facial images", "voiceprint",
		"dati biometrici", "impronta digitale", "impronte digitali", "riconoscimento facciale",
		"données biométriques", "empreinte digitale", "empreintes digitales", "reconnaissance faciale",
		"биометрические данные", "биометрия", "отпечатки пальцев", "отпечаток пальца", "биометрическая информация",
		"生物识别", "生物识别信息", "生物特征", "指纹", "指纹信息", "人脸识别", "人脸信息", "面部识别", "声纹"},
	"location": {"location", "locations", "geolocation", "location data", "location history", "gps", "gps data",
		"posizione", "geolocalizzazione", "dati di localizzazione", "dati di posizione", "cronologia delle posizioni",
		"localisation", "géolocalisation", "données de localisation", "données de géolocalisation", "historique de localisation",
		"местоположение", "геолокация", "данные о местоположении", "геоданные", "история местоположений",
		"位置", "位置信息", "定位", "地理位置", "位置数据", "定位信息", "行踪轨迹"},
	"precise_geolocation": {"precise geolocation", "precise geolocation data", "precise location", "precise location data", "exact location", "gps coordinates",
		"geolocalizzazione precisa", "posizione precisa", "coordinate gps", "géolocalisation précise", "localisation précise", "coordonnées gps",
		"точная геолокация", "точное местоположение", "координаты gps", "gps-координаты", "精确位置", "精确地理位置", "精确定位", "精准定位", "gps坐标"},
	"username": {"username", "usernames", "user name", "user names", "login", "logins", "login name", "login names", "user id", "user ids", "account name",
		"nome utente", "nomi utente", "identificativo utente", "nom d'utilisateur", "noms d'utilisateur", "identifiant", "identifiant de connexion",
		"имя пользователя", "имена пользователей", "логин", "логины", "учётная запись", "учетная запись",
		"用户名", "登录名", "账号", "帐号", "用户账号"},
	"genetic": {"genetic", "genetic data", "genetic information", "genetic test results", "dna", "dna data",
		"dati genetici", "informazioni genetiche", "données génétiques", "informations génétiques", "adn",
		"генетические данные", "генетическая информация", "днк", "基因", "基因信息", "遗传信息", "基因数据"},
}

var categoryIndex = func() map[string]string {
	idx := make(map[string]string)
	add := func(name, code string) {
		k := normKey(name)
		if old, ok := idx[k]; ok && old != code {
			panic("customers: data category synonym " + name + " is listed for " + old + " and " + code)
		}
		idx[k] = code
	}
	for _, c := range categoryCodes {
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
