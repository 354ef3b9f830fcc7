package customers

import (
	"fmt"
	"slices"
	"strings"
)

// Canonical field names.
const (
	FieldCustomerID     = "customer_id"
	FieldFullName       = "full_name"
	FieldFirstName      = "first_name"
	FieldLastName       = "last_name"
	FieldEmail          = "email"
	FieldPhone          = "phone"
	FieldStreet         = "street"
	FieldPostalCode     = "postal_code"
	FieldCity           = "city"
	FieldRegion         = "region"
	FieldCountry        = "country"
	FieldLanguage       = "language"
	FieldDataCategories = "data_categories"
	FieldActivationCode = "activation_code"
	FieldEnrollBy       = "enroll_by"
)

// Fields returns the canonical field names, in the order used in messages.
func Fields() []string { return slices.Clone(fieldNames) }

var fieldNames = []string{
	FieldCustomerID, FieldFullName, FieldFirstName, FieldLastName,
	FieldEmail, FieldPhone, FieldStreet, FieldPostalCode, FieldCity,
	FieldRegion, FieldCountry, FieldLanguage, FieldDataCategories,
	FieldActivationCode, FieldEnrollBy,
}

func isField(s string) bool { return slices.Contains(fieldNames, s) }

// Synonym priorities. When two headers of a file are recognized as the same
// field, the one with the higher priority wins and the other is ignored; two
// headers with the same priority are an error.
const (
	prioLow  = 1 // generic or secondary names: "id", "name", "mobile", "country code"
	prioHigh = 2 // specific names
)

// headerSynonyms lists, per field, the header names recognized
// automatically (compared after normKey) in English, Italian, French,
// Russian and Chinese plus the names used by common CRM exports
// (Salesforce, HubSpot, Shopify, Mailchimp, Zoho, Dynamics).
var headerSynonyms = map[string]map[int][]string{
	FieldCustomerID: {
		prioHigh: {"customer id", "customer_id", "customer number", "customer no", "customer ref", "customer reference",
			"client id", "client number", "client no", "account id", "account number", "contact id", "user id", "member id", "subscriber id",
			"codice cliente", "id cliente", "numero cliente", "cod cliente", "codice utente", "id utente",
			"identifiant client", "id client", "numéro client", "numéro de client", "code client", "référence client", "identifiant",
			"ID клиента", "номер клиента", "код клиента", "идентификатор клиента", "идентификатор",
			"客户编号", "客户ID", "客户号", "客户代码", "用户ID", "用户编号", "会员编号", "客戶編號"},
		prioLow: {"id", "record id", "ref", "reference", "код", "编号"},
	},
	FieldFullName: {
		prioHigh: {"full name", "fullname", "customer name", "client name", "contact name", "display name", "recipient", "recipient name",
			"nome completo", "nome e cognome", "nominativo", "nome cliente", "nom complet", "nom et prénom", "prénom et nom", "nom prénom", "nom du client",
			"ФИО", "Ф.И.О.", "имя и фамилия", "фамилия и имя", "фамилия имя отчество", "полное имя", "имя клиента",
			"姓名", "全名", "客户姓名", "客户名称", "名字"},
		prioLow: {"name"},
	},
	FieldFirstName: {
		prioHigh: {"first name", "firstname", "given name", "forename", "first",
			"nome", "nome di battesimo", "prénom", "имя", "名"},
	},
	FieldLastName: {
		prioHigh: {"last name", "lastname", "surname", "family name", "last",
			"cognome", "nom", "nom de famille", "фамилия", "姓", "姓氏"},
	},
	FieldEmail: {
		prioHigh: {"email", "e-mail", "email address", "e-mail address", "mail", "e mail", "email 1", "primary email", "emailaddress",
			"indirizzo email", "indirizzo e-mail", "posta elettronica", "courriel", "adresse e-mail", "adresse email", "adresse électronique", "adresse mail",
			"электронная почта", "email адрес", "адрес электронной почты", "эл. почта", "e-mail адрес", "почта",
			"电子邮箱", "邮箱", "电子邮件", "邮件地址", "电子邮件地址", "電子郵件"},
	},
	FieldPhone: {
		prioHigh: {"phone", "phone number", "telephone", "telephone number", "tel", "business phone", "home phone", "phone 1",
			"telefono", "numero di telefono", "tel.", "téléphone", "numéro de téléphone", "телефон", "номер телефона", "тел",
			"电话", "电话号码", "联系电话", "電話"},
		prioLow: {"mobile", "mobile phone", "mobile number", "mobile phone number", "cell", "cell phone", "cellphone",
			"cellulare", "portable", "téléphone portable", "mobile téléphone", "мобильный", "мобильный телефон",
			"手机", "手机号", "手机号码"},
	},
	FieldStreet: {
		prioHigh: {"street", "street address", "address", "address 1", "address line 1", "address1", "mailing street", "billing street", "billing address 1", "postal address",
			"indirizzo", "via", "indirizzo postale", "adresse", "rue", "adresse postale", "adresse 1", "numéro et rue",
			"адрес", "улица", "почтовый адрес", "地址", "街道", "街道地址", "详细地址", "通讯地址"},
	},
	FieldPostalCode: {
		prioHigh: {"postal code", "postcode", "post code", "zip", "zip code", "zipcode", "zip/postal code", "mailing zip/postal code", "billing zip",
			"cap", "codice postale", "code postal", "cp", "индекс", "почтовый индекс", "邮编", "邮政编码", "郵遞區號"},
	},
	FieldCity: {
		prioHigh: {"city", "town", "mailing city", "billing city", "locality",
			"città", "comune", "località", "ville", "commune", "localité", "город", "населенный пункт", "населённый пункт", "城市", "市"},
	},
	FieldRegion: {
		prioHigh: {"region", "state", "province", "state/province", "state/region", "mailing state/province", "billing state", "state or province",
			"provincia", "région", "регион", "область", "край", "省", "省份", "州", "地区",
			// Combined headers of international exports: "state or
			// province" in each language, either way round.
			"province/state", "state/province/region", "region/state", "province/region", "region/province",
			"provincia/stato", "stato/provincia", "regione/provincia", "provincia/regione", "stato federato",
			"état/province", "province/état", "région/état", "état/région", "région/province", "province/région",
			"штат", "провинция", "штат/провинция", "провинция/штат", "регион/штат", "штат/регион", "область/штат", "регион/область",
			"州/省", "省/州", "省/州/地区", "州/省/地区", "省份/州", "州/省份", "省/自治区/直辖市"},
		prioLow: {"state code", "province code", "region code", "sigla provincia", "regione", "état"},
	},
	FieldCountry: {
		prioHigh: {"country", "country/region", "nation", "mailing country", "billing country", "country name",
			"paese", "nazione", "pays", "страна", "国家", "国家/地区", "國家"},
		prioLow: {"stato", "country code", "country iso", "codice paese", "code pays", "код страны", "国家代码"},
	},
	FieldLanguage: {
		prioHigh: {"language", "preferred language", "locale", "lang", "language code", "communication language",
			"lingua", "lingua preferita", "langue", "langue préférée", "язык", "язык общения", "语言", "首选语言", "語言"},
	},
	FieldDataCategories: {
		prioHigh: {"data categories", "data category", "data affected", "affected data", "data types", "compromised data", "data involved", "breached data",
			"categorie di dati", "categoria di dati", "dati coinvolti", "dati interessati", "dati violati",
			"catégories de données", "données concernées", "données compromises", "données affectées",
			"категории данных", "затронутые данные", "скомпрометированные данные",
			"数据类别", "数据类型", "涉及数据", "泄露数据"},
	},
	FieldActivationCode: {
		prioHigh: {"activation code", "enrollment code", "enrolment code", "redemption code", "monitoring code", "credit monitoring code", "promo code",
			"codice di attivazione", "codice attivazione", "code d'activation", "code activation", "код активации", "激活码", "啟用碼"},
	},
	FieldEnrollBy: {
		prioHigh: {"enroll by", "enrol by", "enrollment deadline", "enrolment deadline", "enroll before", "code expires", "code expiry", "activation deadline", "expiration date", "expiry date",
			"attivare entro", "scadenza codice", "data di scadenza", "scadenza attivazione",
			"activer avant", "date limite d'activation", "date d'expiration", "expiration du code",
			"активировать до", "срок активации", "действителен до", "срок действия кода",
			"激活截止日期", "有效期至", "截止日期"},
	},
}

// ambiguousHeaders are recognized headers whose meaning depends on the
// other columns of the file. alt is the field used instead of the primary
// one when the condition holds.
var ambiguousHeaders = map[string]struct {
	alt  string
	when func(has func(string) bool) bool
}{
	// English "Name" next to "Surname" (and no first name column) is the
	// first name; otherwise it is the full name.
	normKey("name"): {FieldFirstName, func(has func(string) bool) bool {
		return has(FieldLastName) && !has(FieldFirstName) && !has(FieldFullName)
	}},
	// Italian "Nome" and Russian "Имя" are the first name, but a lone
	// "Nome"/"Имя" column (no surname, no full name) holds the full name.
	normKey("nome"): {FieldFullName, func(has func(string) bool) bool {
		return !has(FieldLastName) && !has(FieldFullName)
	}},
	normKey("имя"): {FieldFullName, func(has func(string) bool) bool {
		return !has(FieldLastName) && !has(FieldFullName)
	}},
	// French "Nom" is the family name, but a lone "Nom" column (no first
	// name, no full name) holds the full name.
	normKey("nom"): {FieldFullName, func(has func(string) bool) bool {
		return !has(FieldFirstName) && !has(FieldFullName)
	}},
}

type synonym struct {
	field string
	prio  int
}

// headerIndex maps normKey(header) to its field.
var headerIndex = func() map[string]synonym {
	idx := make(map[string]synonym)
	for field, byPrio := range headerSynonyms {
		for prio, names := range byPrio {
			for _, n := range names {
				k := normKey(n)
				if old, ok := idx[k]; ok && old.field != field {
					panic(fmt.Sprintf("customers: header synonym %q is listed for %s and %s", n, old.field, field))
				}
				idx[k] = synonym{field, prio}
			}
		}
	}
	return idx
}()

// MatchHeader returns the canonical field a header is recognized as, or ""
// if it is not recognized. It does not apply the file-dependent rules for
// ambiguous headers ("Name", "Nome", "Nom", "Имя"); see the package doc.
func MatchHeader(header string) string {
	return headerIndex[normKey(cleanCell(header))].field
}

// columnPlan is the resolved layout of a file: for each field, the column
// index (or -1).
type columnPlan struct {
	index   map[string]int
	headers []string // cleaned header texts, by column
	columns []ColumnMapping
}

func (p *columnPlan) col(field string) int {
	if i, ok := p.index[field]; ok {
		return i
	}
	return -1
}

func (p *columnPlan) header(field string) string {
	if i := p.col(field); i >= 0 {
		return p.headers[i]
	}
	return ""
}

// resolveColumns maps the header row to fields: explicit mapping first,
// then automatic recognition with priorities and the ambiguous-header
// rules. where is used in error messages ("customers.xlsx: sheet "A" row 1").
func resolveColumns(headers []string, mapping map[string]string, where string) (*columnPlan, error) {
	p := &columnPlan{index: map[string]int{}, headers: headers}
	fieldOf := make([]string, len(headers))
	explicitField := map[string]bool{}
	if err := p.mapExplicitly(mapping, where, fieldOf, explicitField); err != nil {
		return nil, err
	}
	if err := p.recognize(where, fieldOf, explicitField); err != nil {
		return nil, err
	}
	p.columns = make([]ColumnMapping, len(headers))
	for i, h := range headers {
		p.columns[i] = ColumnMapping{Header: h, Field: fieldOf[i]}
	}
	if err := p.checkRequired(where, fieldOf); err != nil {
		return nil, err
	}
	return p, nil
}

// mapExplicitly applies the explicit mapping (canonical field -> header
// as written): fieldOf gets the field of each mapped column, explicitField
// every field the mapping names (an empty header disables a field).
func (p *columnPlan) mapExplicitly(mapping map[string]string, where string, fieldOf []string, explicitField map[string]bool) error {
	headers := p.headers
	mfields := make([]string, 0, len(mapping))
	for f := range mapping {
		mfields = append(mfields, f)
	}
	slices.Sort(mfields)
	for _, f := range mfields {
		if !isField(f) {
			return fmt.Errorf("customers: mapping: unknown field %q (fields are %s): %w", f, strings.Join(fieldNames, ", "), ErrBadMapping)
		}
		explicitField[f] = true
		want := cleanCell(mapping[f])
		if want == "" {
			continue // field explicitly disabled
		}
		i := findHeader(headers, want)
		if i < 0 {
			return fmt.Errorf("customers: %s: mapping: column %q for field %s not found (headers are %s): %w", where, want, f, quoteList(headers), ErrBadMapping)
		}
		if fieldOf[i] != "" {
			return fmt.Errorf("customers: %s: mapping: column %q is mapped to both %s and %s: %w", where, headers[i], fieldOf[i], f, ErrBadMapping)
		}
		fieldOf[i] = f
		p.index[f] = i
	}

	return nil
}

// recognize maps the headers the mapping left to fields, by the known
// header names, their priorities and the ambiguous-header rules.
func (p *columnPlan) recognize(where string, fieldOf []string, explicitField map[string]bool) error {
	headers := p.headers
	type cand struct {
		col  int
		prio int
	}
	auto := map[string][]cand{}
	autoField := make([]string, len(headers))
	for i, h := range headers {
		if fieldOf[i] != "" || h == "" {
			continue
		}
		s, ok := headerIndex[normKey(h)]
		if !ok || explicitField[s.field] {
			continue
		}
		autoField[i] = s.field
	}
	autoCount := map[string]int{}
	for _, f := range autoField {
		autoCount[f]++
	}
	for i, f := range autoField {
		if f == "" {
			continue
		}
		// has reports whether another column is (or will be) g.
		has := func(g string) bool {
			if _, ok := p.index[g]; ok {
				return true
			}
			n := autoCount[g]
			if g == f {
				n--
			}
			return n > 0
		}
		if a, ok := ambiguousHeaders[normKey(headers[i])]; ok && !explicitField[a.alt] && a.when(has) {
			f = a.alt
		}
		prio := headerIndex[normKey(headers[i])].prio
		auto[f] = append(auto[f], cand{i, prio})
	}
	for _, f := range fieldNames {
		cs := auto[f]
		if len(cs) == 0 {
			continue
		}
		best := slices.MaxFunc(cs, func(a, b cand) int { return a.prio - b.prio })
		for _, c := range cs {
			if c.col != best.col && c.prio == best.prio {
				return fmt.Errorf("customers: %s: columns %q and %q are both recognized as %s; remove one or map the field explicitly: %w",
					where, headers[best.col], headers[c.col], f, ErrDuplicateColumn)
			}
		}
		fieldOf[best.col] = f
		p.index[f] = best.col
	}

	return nil
}

// checkRequired reports the required fields that no column gives,
// quoting only the cells recognized as headers.
func (p *columnPlan) checkRequired(where string, fieldOf []string) error {
	headers := p.headers
	var missing []string
	if !has2(p, FieldCustomerID) {
		missing = append(missing, FieldCustomerID)
	}
	if !has2(p, FieldFullName) && !(has2(p, FieldFirstName) && has2(p, FieldLastName)) {
		switch {
		case has2(p, FieldFirstName):
			missing = append(missing, FieldLastName+" (or "+FieldFullName+")")
		case has2(p, FieldLastName):
			missing = append(missing, FieldFirstName+" (or "+FieldFullName+")")
		default:
			missing = append(missing, FieldFullName+" (or "+FieldFirstName+" and "+FieldLastName+")")
		}
	}
	if !has2(p, FieldCountry) {
		missing = append(missing, FieldCountry)
	}
	if len(missing) > 0 {
		if len(p.index) == 0 {
			// Nothing recognized: this is probably not a header row but
			// data, which must not be quoted.
			return fmt.Errorf("customers: %s: no recognized column header in the first non-empty row (%d cells); is the header row missing? required: %s: %w",
				where, countNonEmpty(headers), strings.Join(missing, ", "), ErrMissingColumns)
		}
		// Only the cells recognized as headers are quoted: the others may
		// be a row of customer data standing where the header should be.
		var known []string
		for i, h := range headers {
			if fieldOf[i] != "" {
				known = append(known, fmt.Sprintf("%q as %s", truncateForMessage(h), fieldOf[i]))
			}
		}
		return &MissingColumnsError{Where: where, Missing: missing, Recognized: known, Unquoted: countNonEmpty(headers) - len(known)}
	}
	return nil
}

func has2(p *columnPlan, f string) bool { return p.col(f) >= 0 }

// findHeader finds want among headers: exact match first, then a unique
// case-insensitive match, then a unique normKey match.
func findHeader(headers []string, want string) int {
	if i := slices.Index(headers, want); i >= 0 {
		return i
	}
	for _, eq := range []func(a, b string) bool{
		strings.EqualFold,
		func(a, b string) bool { return normKey(a) != "" && normKey(a) == normKey(b) },
	} {
		found := -1
		for i, h := range headers {
			if eq(h, want) {
				if found >= 0 {
					return -1
				}
				found = i
			}
		}
		if found >= 0 {
			return found
		}
	}
	return -1
}

// maxQuoted is how many values quoteList quotes: a header row of 16,384
// columns must not make a message of 100 KB.
const maxQuoted = 30

// quoteList quotes the non-empty values of ss for a message: at most
// maxQuoted of them, each cut at 40 characters.
func quoteList(ss []string) string {
	var q []string
	n := 0
	for _, s := range ss {
		if s == "" {
			continue
		}
		if n++; n <= maxQuoted {
			q = append(q, fmt.Sprintf("%q", truncateForMessage(s)))
		}
	}
	if len(q) == 0 {
		return "none"
	}
	if n > maxQuoted {
		q = append(q, fmt.Sprintf("and %d more", n-maxQuoted))
	}
	return strings.Join(q, ", ")
}

func countNonEmpty(ss []string) int {
	n := 0
	for _, s := range ss {
		if s != "" {
			n++
		}
	}
	return n
}
