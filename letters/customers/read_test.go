package customers

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

func comparePersons(t *testing.T, got, want []Person) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d persons, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("person %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func compareRejects(t *testing.T, got, want []Reject) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d rejects, want %d: %+v", len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("reject %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestReadItalianXLSX(t *testing.T) {
	data := makeXLSX(t, sheetData{"Clienti", [][]any{
		nil,
		nil,
		{"Codice Cliente", "Nome", "Cognome", "Indirizzo email", "Telefono", "Indirizzo", "CAP", "Città", "Provincia", "Paese", "Lingua", "Dati coinvolti", "Codice di attivazione"},
		{100234, " Mario ", "Rossi", "mario.rossi@example.it", 393331234567, "Via Roma 1", "00184", "Roma", "RM", "Italia", "it", "nome; email; codice fiscale", "ACT-1"},
		nil,
		{"C-2", "Giulia", "Bianchi", "", "", "Corso Garibaldi 10", "20121", "Milano", "MI", "IT", "it-IT", "", "ACT-2"},
	}})
	res := mustRead(t, data, Options{Name: "clienti.xlsx"})
	comparePersons(t, res.persons, []Person{
		{Row: 4, CustomerID: "100234", FullName: "Mario Rossi", Email: "mario.rossi@example.it", Phone: "393331234567",
			Street: "Via Roma 1", PostalCode: "00184", City: "Roma", Region: "RM", Country: "IT", Language: "it",
			DataCategories: []string{"email", "name", "tax_id"}, ActivationCode: "ACT-1"},
		{Row: 6, CustomerID: "C-2", FullName: "Giulia Bianchi", Street: "Corso Garibaldi 10", PostalCode: "20121", City: "Milano",
			Region: "MI", Country: "IT", Language: "it-IT", ActivationCode: "ACT-2"},
	})
	compareRejects(t, res.rejects, nil)
	if res.st.Rows != 2 || res.st.Sheet != "Clienti" || res.st.HeaderRow != 3 {
		t.Errorf("stats = %+v, want Rows 2, Sheet Clienti, HeaderRow 3", res.st)
	}
	wantCols := []ColumnMapping{
		{"Codice Cliente", FieldCustomerID}, {"Nome", FieldFirstName}, {"Cognome", FieldLastName}, {"Indirizzo email", FieldEmail},
		{"Telefono", FieldPhone}, {"Indirizzo", FieldStreet}, {"CAP", FieldPostalCode}, {"Città", FieldCity}, {"Provincia", FieldRegion},
		{"Paese", FieldCountry}, {"Lingua", FieldLanguage}, {"Dati coinvolti", FieldDataCategories}, {"Codice di attivazione", FieldActivationCode},
	}
	if !reflect.DeepEqual(res.st.Columns, wantCols) {
		t.Errorf("columns = %+v\nwant %+v", res.st.Columns, wantCols)
	}
}

func TestReadFrenchXLSX(t *testing.T) {
	data := makeXLSX(t, sheetData{"Feuil1", [][]any{
		{"Identifiant client", "Prénom", "Nom", "Courriel", "Téléphone", "Adresse", "Code postal", "Ville", "Région", "Pays", "Langue", "Catégories de données", "Code d'activation"},
		{"FR-001", "Élodie", "Dupont", "elodie.dupont@example.fr", "+33 1 23 45 67 89", "12 rue de la Paix", "75002", "Paris", "Île-de-France", "France", "fr-FR", "mot de passe, adresse e-mail", "X1"},
		{"FR-002", "Jean-Luc", "Martin", "", "", "3 rue Sainte-Catherine", "H2X 1K4", "Montréal", "QC", "Canada", "fr_CA", "carte bancaire", "X2"},
	}})
	res := mustRead(t, data, Options{Name: "clients.xlsx"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "FR-001", FullName: "Élodie Dupont", Email: "elodie.dupont@example.fr", Phone: "+33 1 23 45 67 89",
			Street: "12 rue de la Paix", PostalCode: "75002", City: "Paris", Region: "Île-de-France", Country: "FR", Language: "fr-FR",
			DataCategories: []string{"email", "password"}, ActivationCode: "X1"},
		{Row: 3, CustomerID: "FR-002", FullName: "Jean-Luc Martin", Street: "3 rue Sainte-Catherine", PostalCode: "H2X 1K4", City: "Montréal",
			Region: "QC", Country: "CA", Language: "fr-CA", DataCategories: []string{"payment_card"}, ActivationCode: "X2"},
	})
	compareRejects(t, res.rejects, nil)
}

func TestReadRussianXLSX(t *testing.T) {
	data := makeXLSX(t, sheetData{"Лист1", [][]any{
		{"ID клиента", "ФИО", "Электронная почта", "Телефон", "Адрес", "Почтовый индекс", "Город", "Регион", "Страна", "Язык", "Категории данных", "Код активации"},
		{"RU-7", "Иванов  Иван\u00a0Иванович", "ivanov@example.ru", "+7 495 123-45-67", "ул. Тверская, д. 1", "125009", "Москва", "Москва", "Россия", "ru", "паспорт; пароль", "Р-7"},
	}})
	res := mustRead(t, data, Options{Name: "клиенты.xlsx"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "RU-7", FullName: "Иванов Иван Иванович", Email: "ivanov@example.ru", Phone: "+7 495 123-45-67",
			Street: "ул. Тверская, д. 1", PostalCode: "125009", City: "Москва", Region: "Москва", Country: "RU", Language: "ru",
			DataCategories: []string{"passport", "password"}, ActivationCode: "Р-7"},
	})
	compareRejects(t, res.rejects, nil)
}

func TestReadChineseXLSX(t *testing.T) {
	data := makeXLSX(t, sheetData{"客户", [][]any{
		{"客户编号", "姓", "名", "电子邮箱", "手机", "地址", "邮编", "城市", "省份", "国家/地区", "语言", "数据类别", "激活码"},
		{"CN-1", "王", "小明", "xiaoming@example.cn", 13800138000, "朝阳区建国路88号", "100022", "北京", "北京市", "中国", "zh-hans-cn", "身份证号、银行卡", "码1"},
	}})
	res := mustRead(t, data, Options{Name: "客户.xlsx"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "CN-1", FullName: "王小明", Email: "xiaoming@example.cn", Phone: "13800138000",
			Street: "朝阳区建国路88号", PostalCode: "100022", City: "北京", Region: "北京市", Country: "CN", Language: "zh-Hans-CN",
			DataCategories: []string{"national_id", "payment_card"}, ActivationCode: "码1"},
	})
	compareRejects(t, res.rejects, nil)
}

func TestReadEnglishExportXLSX(t *testing.T) {
	data := makeXLSX(t,
		sheetData{"Contacts", [][]any{
			{"Record ID", "First Name", "Last Name", "Email", "Phone Number", "Street Address", "City", "State/Region", "Postal Code", "Country/Region", "Preferred language", "Lifecycle Stage", "Data affected", "Activation code"},
			{5501, "John", "Smith", "john.smith@example.com", "(555) 010-1234", "1 Main St", "Springfield", "Illinois", "62701", "United States", "en-us", "customer", "SSN; date of birth", "US-1"},
			{5502.0, "Jane", "Doe", "jane@example.com", "", "", "", "ny", "", "USA", "", "lead", "", ""},
			{"5503", "Ana", "García", "", "", "10 Calle Mayor", "Madrid", "", "28013", "Spain", "es", "", "", ""},
		}},
		sheetData{"Notes", [][]any{{"nothing here"}}},
	)
	res := mustRead(t, data, Options{Name: "hubspot-export.xlsx"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "5501", FullName: "John Smith", Email: "john.smith@example.com", Phone: "(555) 010-1234",
			Street: "1 Main St", PostalCode: "62701", City: "Springfield", Region: "IL", Country: "US", Language: "en-US",
			DataCategories: []string{"date_of_birth", "ssn"}, ActivationCode: "US-1"},
		{Row: 3, CustomerID: "5502", FullName: "Jane Doe", Email: "jane@example.com", Region: "NY", Country: "US"},
		{Row: 4, CustomerID: "5503", FullName: "Ana García", Street: "10 Calle Mayor", PostalCode: "28013", City: "Madrid", Country: "ES", Language: "es"},
	})
	compareRejects(t, res.rejects, nil)
	if got := res.st.Columns[11]; got != (ColumnMapping{"Lifecycle Stage", ""}) {
		t.Errorf("Lifecycle Stage column = %+v, want ignored", got)
	}
	if got := res.st.IgnoredColumns(); !reflect.DeepEqual(got, []string{"Lifecycle Stage"}) {
		t.Errorf("IgnoredColumns() = %q, want [Lifecycle Stage]", got)
	}
	if res.st.Sheet != "Contacts" {
		t.Errorf("Sheet = %q, want first sheet Contacts", res.st.Sheet)
	}
}

// rejectFixture is a sheet with one of every kind of reject.
var rejectFixture = [][]any{
	{"Customer ID", "Full Name", "Email", "Street", "City", "ZIP", "State", "Country", "Language", "Data categories"},
	{"A1", "Alice Archer", "alice@example.com", "", "", "", "", "Italy", "", ""},
	{"A2", "Bob Baker", "bob@example.com", "", "", "", "", "Atlantis", "", ""},
	{"A3", "Carol Cole", "carol(at)example.com", "1 Elm St", "Boston", "02108", "MA", "US", "", ""},
	{"A4", "Dan Drake", "", "2 Oak Ave", "", "", "", "France", "", ""},
	{"A1", "Alice Again", "alice2@example.com", "", "", "", "", "Italy", "", ""},
	{"", "Eve Evans", "eve@example.com", "", "", "", "", "UK", "", ""},
	{"A5", "Frank Fox", "frank@example.com", "", "", "", "", "Germany", "", "email; xyz"},
	{"A6", "Gina Gray", "gina@example.com", "", "", "", "", "Spain", "xx-!!", ""},
	{"A7", "", "hank@example.com", "", "", "", "", "Italy", "", ""},
	{"A8", "Ivy Irwin", "ivy@example.com", "", "", "", "Calif", "US", "", ""},
	{"A9", "Jack Jones", "jack@example.com", "", "", "", "", "", "", ""},
	{"A10", "Kim Kerr", "kim@example.com", "", "", "", "", "Italy", "", "", "stray note"},
	{"A11", "Lou Lane", "lou@example.com", "3 Pine Rd", "Austin", "73301", "Texas", "USA", "en", "password"},
}

// rejectFixturePII are the personal values of rejectFixture.
var rejectFixturePII = []string{
	"Alice", "Archer", "alice@example.com", "Bob", "Baker", "bob@example.com", "Carol", "Cole", "carol(at)example.com", "carol",
	"1 Elm St", "Elm", "Boston", "02108", "Dan", "Drake", "2 Oak Ave", "Oak", "Again", "alice2@example.com", "Eve", "Evans", "eve@example.com",
	"Frank", "Fox", "frank@", "Gina", "Gray", "gina@", "hank@", "Ivy", "Irwin", "ivy@", "Calif", "Jack", "Jones", "jack@",
	"Kim", "Kerr", "kim@", "stray note", "stray",
}

func wantFixtureRejects(file, sheet string) []Reject {
	r := func(row int, id, col, reason string) Reject {
		return Reject{File: file, Sheet: sheet, Row: row, CustomerID: id, Column: col, Reason: reason}
	}
	return []Reject{
		r(3, "A2", "Country", `unknown country "Atlantis"`),
		r(4, "A3", "Email", "invalid email address"),
		r(5, "A4", "", "no email and no postal address: unreachable"),
		r(6, "A1", "Customer ID", "duplicate customer_id (first seen on row 2)"),
		r(7, "", "Customer ID", "missing customer_id"),
		r(8, "A5", "Data categories", `unknown data category "xyz"`),
		r(9, "A6", "Language", `invalid language tag "xx-!!"`),
		r(10, "A7", "Full Name", "missing name"),
		r(11, "A8", "State", "unknown US state or territory"),
		r(12, "A9", "Country", "missing country"),
		r(13, "A10", "", "row has a value in column K, beyond the last header column J"),
	}
}

func TestRejectsXLSX(t *testing.T) {
	data := makeXLSX(t, sheetData{"Affected", rejectFixture})
	res := mustRead(t, data, Options{Name: "customers.xlsx", Sheet: "Affected"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "A1", FullName: "Alice Archer", Email: "alice@example.com", Country: "IT"},
		{Row: 14, CustomerID: "A11", FullName: "Lou Lane", Email: "lou@example.com", Street: "3 Pine Rd", City: "Austin", PostalCode: "73301",
			Region: "TX", Country: "US", Language: "en", DataCategories: []string{"password"}},
	})
	want := wantFixtureRejects("customers.xlsx", "Affected")
	compareRejects(t, res.rejects, want)
	if res.st.Rows != 13 || res.st.Persons != 2 || res.st.Rejects != 11 {
		t.Errorf("stats = %+v", res.st)
	}
	wantErr := map[int]string{
		3:  `customers.xlsx: sheet "Affected" row 3, column "Country": unknown country "Atlantis"`,
		4:  `customers.xlsx: sheet "Affected" row 4, column "Email": invalid email address`,
		5:  `customers.xlsx: sheet "Affected" row 5: no email and no postal address: unreachable`,
		6:  `customers.xlsx: sheet "Affected" row 6, column "Customer ID": duplicate customer_id (first seen on row 2)`,
		7:  `customers.xlsx: sheet "Affected" row 7, column "Customer ID": missing customer_id`,
		8:  `customers.xlsx: sheet "Affected" row 8, column "Data categories": unknown data category "xyz"`,
		9:  `customers.xlsx: sheet "Affected" row 9, column "Language": invalid language tag "xx-!!"`,
		10: `customers.xlsx: sheet "Affected" row 10, column "Full Name": missing name`,
	}
	for _, rej := range res.rejects {
		if w, ok := wantErr[rej.Row]; ok && rej.Error() != w {
			t.Errorf("Error() = %q\n      want %q", rej.Error(), w)
		}
	}
}

func TestRejectsCSV(t *testing.T) {
	var b strings.Builder
	for _, row := range rejectFixture {
		for i, c := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%q", fmt.Sprint(c))
		}
		b.WriteString("\r\n")
	}
	res := mustRead(t, []byte(b.String()), Options{Name: "customers.csv"})
	want := wantFixtureRejects("customers.csv", "")
	want[len(want)-1].Reason = "row has 11 cells, header has 10"
	compareRejects(t, res.rejects, want)
	if len(res.persons) != 2 {
		t.Errorf("got %d persons, want 2", len(res.persons))
	}
	if got, w := res.rejects[0].Error(), `customers.csv: row 3, column "Country": unknown country "Atlantis"`; got != w {
		t.Errorf("Error() = %q, want %q", got, w)
	}
}

// TestRejectsHaveNoPersonalData checks that no personal cell value of the
// fixture appears in any reject message or field other than CustomerID.
func TestRejectsHaveNoPersonalData(t *testing.T) {
	for _, name := range []string{"customers.xlsx", "customers.csv"} {
		var data []byte
		if strings.HasSuffix(name, ".xlsx") {
			data = makeXLSX(t, sheetData{"Affected", rejectFixture})
		} else {
			var b strings.Builder
			for _, row := range rejectFixture {
				for i, c := range row {
					if i > 0 {
						b.WriteByte(';')
					}
					b.WriteString(fmt.Sprint(c))
				}
				b.WriteByte('\n')
			}
			data = []byte(b.String())
		}
		res := mustRead(t, data, Options{Name: name})
		if len(res.rejects) != 11 {
			t.Fatalf("%s: got %d rejects, want 11", name, len(res.rejects))
		}
		for _, rej := range res.rejects {
			texts := []string{rej.Error(), rej.Reason, rej.Column, rej.File, rej.Sheet}
			for _, text := range texts {
				for _, pii := range rejectFixturePII {
					if strings.Contains(text, pii) {
						t.Errorf("%s: reject row %d leaks %q: %q", name, rej.Row, pii, text)
					}
				}
			}
		}
	}
}

func TestXLSXNumbersFormulasAndErrors(t *testing.T) {
	data := rawXLSX(t, "Affected",
		[]string{"customer_id", "full_name", "country", "email", "Mario Rossi", "Anna Blu", "Italy", "Ugo Verdi"},
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`+
			`<row r="2"><c r="A2"><v>100234</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="str"><f>"I"&amp;"T"</f><v>IT</v></c><c r="D2" t="str"><f>LOWER("X@EXAMPLE.COM")</f><v>x@example.com</v></c></row>`+
			`<row r="4"><c r="A4"><v>2</v></c><c r="B4" t="s"><v>5</v></c><c r="C4" t="s"><v>6</v></c><c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>`+
			`<row r="5"><c r="A5"><v>1234567890123456</v></c><c r="B5" t="s"><v>7</v></c><c r="C5" t="s"><v>6</v></c><c r="D5" t="inlineStr"><is><t>ugo@example.it</t></is></c></row>`)
	res := mustRead(t, data, Options{Name: "customers.xlsx"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "100234", FullName: "Mario Rossi", Email: "x@example.com", Country: "IT"},
	})
	compareRejects(t, res.rejects, []Reject{
		{File: "customers.xlsx", Sheet: "Affected", Row: 4, CustomerID: "2", Column: "email", Reason: "cell contains the spreadsheet error #DIV/0!"},
		{File: "customers.xlsx", Sheet: "Affected", Row: 5, Column: "customer_id",
			Reason: "customer_id is a number shown in scientific notation with digits missing; format the column as text and re-enter the ids"},
	})
}

func TestReadSemicolonCSVWithBOM(t *testing.T) {
	data := "\ufeffCodice cliente;Nome e cognome;Email;Indirizzo;CAP;Città;Paese\r\n" +
		"1;\"Rossi; Mario\";mario@example.it;;;;IT\r\n" +
		"2;Anna Verdi;;\"Via Po 2\nScala A\";10123;Torino;Italia\r\n" +
		"\r\n" +
		";;;;;;\r\n" +
		"3;Luca Neri;luca@example.it;;;;Svizzera\r\n"
	res := mustRead(t, []byte(data), Options{Name: "clienti.csv"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "1", FullName: "Rossi; Mario", Email: "mario@example.it", Country: "IT"},
		{Row: 3, CustomerID: "2", FullName: "Anna Verdi", Street: "Via Po 2\nScala A", PostalCode: "10123", City: "Torino", Country: "IT"},
		{Row: 5, CustomerID: "3", FullName: "Luca Neri", Email: "luca@example.it", Country: "CH"},
	})
	compareRejects(t, res.rejects, nil)
	if res.st.Rows != 3 || res.st.Sheet != "" || res.st.Columns[0].Header != "Codice cliente" {
		t.Errorf("stats = %+v", res.st)
	}
}

func TestReadTSV(t *testing.T) {
	data := "customer_id\tfirst_name\tlast_name\temail\tcountry\n" +
		"42\tAda\tLovelace\tada@example.co.uk\tGB\n" +
		"43\tAlan\tTuring\tnot-an-email\tGBR\n"
	res := mustRead(t, []byte(data), Options{Name: "customers.tsv"})
	comparePersons(t, res.persons, []Person{{Row: 2, CustomerID: "42", FullName: "Ada Lovelace", Email: "ada@example.co.uk", Country: "GB"}})
	compareRejects(t, res.rejects, []Reject{{File: "customers.tsv", Row: 3, CustomerID: "43", Column: "email", Reason: "invalid email address"}})
}

func TestReadPipe(t *testing.T) {
	data := "ID|Name|Surname|E-mail|State|Country|Language\n" +
		"7|Grace|Hopper|grace@example.com|Virginia|United States of America|English\n"
	res := mustRead(t, []byte(data), Options{Name: "export.txt"})
	comparePersons(t, res.persons, []Person{{Row: 2, CustomerID: "7", FullName: "Grace Hopper", Email: "grace@example.com", Region: "VA", Country: "US", Language: "en"}})
	compareRejects(t, res.rejects, nil)
}

func TestReadSepDirective(t *testing.T) {
	data := "sep=|\r\nid|name|country|email\r\n5|A, B; C|IT|a@example.it\r\n"
	res := mustRead(t, []byte(data), Options{Name: "sep.csv"})
	comparePersons(t, res.persons, []Person{{Row: 2, CustomerID: "5", FullName: "A, B; C", Email: "a@example.it", Country: "IT"}})
}

func TestReadUTF16(t *testing.T) {
	text := "id\tname\tcountry\temail\r\n1\tZoë\tFR\tzoe@example.fr\r\n"
	u := utf16.Encode([]rune(text))
	data := []byte{0xFF, 0xFE}
	for _, c := range u {
		data = append(data, byte(c), byte(c>>8))
	}
	res := mustRead(t, data, Options{Name: "unicode.txt"})
	comparePersons(t, res.persons, []Person{{Row: 2, CustomerID: "1", FullName: "Zoë", Email: "zoe@example.fr", Country: "FR"}})
}

func TestCSVExtraCells(t *testing.T) {
	data := "id,name,country,email\n1,A B,IT,a@example.it,,\n2,C D,IT,c@example.it,,oops\n3,E F,IT\n"
	res := mustRead(t, []byte(data), Options{Name: "x.csv"})
	comparePersons(t, res.persons, []Person{{Row: 2, CustomerID: "1", FullName: "A B", Email: "a@example.it", Country: "IT"}})
	compareRejects(t, res.rejects, []Reject{
		{File: "x.csv", Row: 3, CustomerID: "2", Reason: "row has 6 cells, header has 4"},
		{File: "x.csv", Row: 4, CustomerID: "3", Reason: "no email and no postal address: unreachable"},
	})
}

func TestCSVErrors(t *testing.T) {
	tests := []struct {
		name, data string
		is         error
		contains   []string
		secret     string
	}{
		{"q.csv", "id,name,country\n1,\"Secret Name,IT\n", ErrMalformed, []string{"customers: q.csv: line 2", "quote"}, "Secret"},
		{"q.csv", "id,name,country\n1,Secret \"Name\" X,IT\n", ErrMalformed, []string{"customers: q.csv: line 2", "quote"}, "Secret"},
		{"enc.csv", "id,name,country\n1,Ann \x81\x8d\x90\x9d Secret,IT\n", ErrMalformed, []string{"enc.csv: line 2", "UTF-8"}, "Secret"},
		{"zip.csv", "PK\x03\x04rest", ErrUnsupportedFormat, []string{"zip.csv", ".xlsx"}, ""},
		{"empty.csv", "", ErrMissingColumns, []string{"empty.csv", "no header row"}, ""},
		{"blank.csv", "\n\n,,\n", ErrMissingColumns, []string{"no header row"}, ""},
		{"nohdr.csv", "1,Secret Person,secret@example.com,IT\n", ErrMissingColumns, []string{"no recognized column header", "header row missing"}, "ecret"},
		{"miss.csv", "id,email,Notes\n1,a@b.it,x\n", ErrMissingColumns, []string{`missing required columns: full_name (or first_name and last_name), country`, `recognized: "id" as customer_id, "email" as email; 1 other cell not recognized and not quoted`}, ""},
		{"miss2.csv", "customer,first name,country\n", ErrMissingColumns, []string{"customer_id, last_name (or full_name)"}, ""},
		{"dup.csv", "id,Email,E-mail,name,country\n", ErrDuplicateColumn, []string{`columns "Email" and "E-mail" are both recognized as email`}, ""},
	}
	for _, tt := range tests {
		_, err := read(t, []byte(tt.data), Options{Name: tt.name})
		if !errors.Is(err, tt.is) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.is)
			continue
		}
		for _, c := range tt.contains {
			if !strings.Contains(err.Error(), c) {
				t.Errorf("%s: error %q does not contain %q", tt.name, err, c)
			}
		}
		if tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
			t.Errorf("%s: error %q leaks cell content", tt.name, err)
		}
		if !strings.HasPrefix(err.Error(), "customers: ") {
			t.Errorf("%s: error %q lacks the customers: prefix", tt.name, err)
		}
	}
}

func TestHeaderOnly(t *testing.T) {
	res := mustRead(t, []byte("id,name,country\n"), Options{Name: "h.csv"})
	if res.st.Rows != 0 || res.st.HeaderRow != 1 || len(res.st.Columns) != 3 {
		t.Errorf("stats = %+v", res.st)
	}
}

func TestMappingOverride(t *testing.T) {
	data := "Codice;Intestatario;Recapito;Email;Nazione\n" +
		"X1;Mario Rossi;mario@example.it;old@example.it;Italia\n"
	mapping := map[string]string{FieldCustomerID: "Codice", FieldFullName: "intestatario", FieldEmail: "Recapito"}
	res := mustRead(t, []byte(data), Options{Name: "m.csv", Mapping: mapping})
	comparePersons(t, res.persons, []Person{{Row: 2, CustomerID: "X1", FullName: "Mario Rossi", Email: "mario@example.it", Country: "IT"}})
	wantCols := []ColumnMapping{{"Codice", FieldCustomerID}, {"Intestatario", FieldFullName}, {"Recapito", FieldEmail}, {"Email", ""}, {"Nazione", FieldCountry}}
	if !reflect.DeepEqual(res.st.Columns, wantCols) {
		t.Errorf("columns = %+v, want %+v", res.st.Columns, wantCols)
	}
	if got := res.st.IgnoredColumns(); !reflect.DeepEqual(got, []string{"Email"}) {
		t.Errorf("IgnoredColumns() = %q, want [Email]", got)
	}

	// An empty header disables a field: no email, so unreachable.
	res = mustRead(t, []byte(data), Options{Name: "m.csv", Mapping: map[string]string{FieldCustomerID: "Codice", FieldFullName: "Intestatario", FieldEmail: ""}})
	compareRejects(t, res.rejects, []Reject{{File: "m.csv", Row: 2, CustomerID: "X1", Reason: "no email and no postal address: unreachable"}})

	for _, m := range []map[string]string{
		{"emial": "Email", FieldCustomerID: "Codice", FieldFullName: "Intestatario"},
		{FieldCustomerID: "Code", FieldFullName: "Intestatario"},
		{FieldCustomerID: "Codice", FieldFullName: "Codice"},
	} {
		_, err := read(t, []byte(data), Options{Name: "m.csv", Mapping: m})
		if !errors.Is(err, ErrBadMapping) {
			t.Errorf("mapping %v: err = %v, want ErrBadMapping", m, err)
		}
	}
	_, err := read(t, []byte(data), Options{Name: "m.csv", Mapping: map[string]string{FieldCustomerID: "Code"}})
	if err == nil || !strings.Contains(err.Error(), `column "Code" for field customer_id not found (headers are "Codice", "Intestatario"`) {
		t.Errorf("err = %v", err)
	}
}

func TestUnsupportedFormats(t *testing.T) {
	tests := []struct{ name, want string }{
		{"customers.xls", "Excel 97-2003 workbooks (.xls) are not supported; save the file as .xlsx or .csv"},
		{"customers.ods", "OpenDocument spreadsheets (.ods) are not supported; save the file as .xlsx or .csv"},
		{"customers.numbers", "Apple Numbers files (.numbers) are not supported; save the file as .xlsx or .csv"},
		{"customers.XLSB", "Excel binary workbooks (.xlsb) are not supported"},
		{"customers.json", `files of type ".json" are not supported`},
		{"customers", "no extension"},
	}
	for _, tt := range tests {
		_, err := read(t, []byte("whatever"), Options{Name: tt.name})
		if !errors.Is(err, ErrUnsupportedFormat) {
			t.Errorf("%s: err = %v, want ErrUnsupportedFormat", tt.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "customers: "+tt.name+": ") {
			t.Errorf("%s: err = %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestBadXLSX(t *testing.T) {
	tests := []struct {
		data     []byte
		is       error
		contains string
	}{
		{[]byte("id,name,country\n1,x,IT\n"), ErrUnsupportedFormat, "not an .xlsx workbook (not a zip archive)"},
		{[]byte{}, ErrUnsupportedFormat, "not a zip archive"},
		{[]byte("PK\x03\x04 this is not really a zip"), ErrMalformed, "not a valid .xlsx workbook"},
		{[]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0}, ErrUnsupportedFormat, "old Excel 97-2003 (.xls) workbook"},
	}
	for _, tt := range tests {
		_, err := read(t, tt.data, Options{Name: "customers.xlsx"})
		if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.contains) || !strings.HasPrefix(err.Error(), "customers: customers.xlsx: ") {
			t.Errorf("%q: err = %v, want %v containing %q", tt.data, err, tt.is, tt.contains)
		}
	}
}

func TestSheets(t *testing.T) {
	data := makeXLSX(t,
		sheetData{"Affected", [][]any{{"id", "name", "country", "email"}, {"1", "A B", "IT", "a@example.it"}}},
		sheetData{"Notes", [][]any{{"id", "name", "country", "email"}, {"2", "C D", "FR", "c@example.fr"}, {"3", "E F", "FR", "e@example.fr"}}},
	)
	_, err := read(t, data, Options{Name: "customers.xlsx", Sheet: "Foo"})
	if !errors.Is(err, ErrUnknownSheet) || !strings.Contains(err.Error(), `unknown sheet "Foo"; the sheets are "Affected", "Notes"`) {
		t.Errorf("err = %v", err)
	}
	res := mustRead(t, data, Options{Name: "customers.xlsx", Sheet: "notes"})
	if res.st.Sheet != "Notes" || res.st.Persons != 2 {
		t.Errorf("stats = %+v", res.st)
	}
	res = mustRead(t, data, Options{Name: "customers.xlsm"})
	if res.st.Sheet != "Affected" || res.st.Persons != 1 {
		t.Errorf("stats = %+v", res.st)
	}
}

func TestCallbackError(t *testing.T) {
	stop := errors.New("stop")
	data := "id,name,country,email\n1,A,IT,a@example.it\n2,B,IT,b@example.it\n3,C,IT,c@example.it\n"
	calls := 0
	st, err := Read(strings.NewReader(data), Options{Name: "c.csv"}, func(p *Person, rej *Reject) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 2 || st.Rows != 2 || st.Rows != st.Persons+st.Rejects {
		t.Errorf("err = %v, calls = %d, stats = %+v", err, calls, st)
	}
}

func TestXLSXGapRowsAndBlankRows(t *testing.T) {
	data := makeXLSX(t, sheetData{"S", [][]any{
		nil, nil, nil,
		{"ID", "Name", "Country", "Email"},
		nil,
		{"   ", ""},
		{"9", "Z Z", "Italy", "z@example.it"},
	}})
	res := mustRead(t, data, Options{Name: "g.xlsx"})
	comparePersons(t, res.persons, []Person{{Row: 7, CustomerID: "9", FullName: "Z Z", Country: "IT", Email: "z@example.it"}})
	if res.st.HeaderRow != 4 || res.st.Rows != 1 {
		t.Errorf("stats = %+v", res.st)
	}
}

// TestMissingColumnsErrorFacts: a header row with required columns
// missing gives the fields missing and the headers recognized, for the
// command to advise a mapping; the other cells are counted, not quoted.
func TestMissingColumnsErrorFacts(t *testing.T) {
	_, err := read(t, []byte("id,email,Notes\n1,a@b.it,x\n"), Options{Name: "miss.csv"})
	var me *MissingColumnsError
	if !errors.As(err, &me) || !errors.Is(err, ErrMissingColumns) {
		t.Fatalf("err = %v, want a *MissingColumnsError wrapping ErrMissingColumns", err)
	}
	want := MissingColumnsError{Where: "miss.csv row 1", Missing: []string{"full_name (or first_name and last_name)", "country"},
		Recognized: []string{`"id" as customer_id`, `"email" as email`}, Unquoted: 1}
	if !reflect.DeepEqual(*me, want) {
		t.Errorf("%+v\nwant %+v", *me, want)
	}
	// No header at all is not this error: there is nothing to map.
	_, err = read(t, []byte("1,Secret Person,secret@example.com,IT\n"), Options{Name: "nohdr.csv"})
	if !errors.Is(err, ErrMissingColumns) || errors.As(err, &me) {
		t.Errorf("no header: err = %v, want ErrMissingColumns but no *MissingColumnsError", err)
	}
}
