package customers

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The fixtures in testdata/fixtures were written by other tools (Python's
// csv module and codecs, openpyxl, LibreOffice); testdata/fixtures/make.py
// says which wrote each file and how to run it again. Every fixture has at
// least one row that must be rejected.

// fixtureReject is a Reject without the file and sheet, which the tests
// fill in.
type fixtureReject struct {
	row             int
	id, col, reason string
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func fixtureRejects(file, sheet string, rs []fixtureReject) []Reject {
	var out []Reject
	for _, r := range rs {
		out = append(out, Reject{File: file, Sheet: sheet, Row: r.row, CustomerID: r.id, Column: r.col, Reason: r.reason})
	}
	return out
}

// TestFixturesCSV reads the CSV and text fixtures with encoding detection
// and checks the detected encoding and delimiter, every person and every
// reject; then reads each again with its encoding given.
func TestFixturesCSV(t *testing.T) {
	tests := []struct {
		name, encoding, delimiter string
		persons                   []Person
		rejects                   []fixtureReject
	}{
		{
			name: "fr-excel-cp1252.csv", encoding: "windows-1252", delimiter: ";",
			persons: []Person{
				{Row: 2, CustomerID: "FR-2001", FullName: "Élodie Lefèvre", Email: "elodie.lefevre@example.fr", Street: "12 rue de la Paix", PostalCode: "75002", City: "Paris", Country: "FR", Language: "fr"},
				{Row: 3, CustomerID: "FR-2002", FullName: "Jérôme Bérénger", Street: "8 allée des Cèdres; bât. B", PostalCode: "69003", City: "Lyon", Country: "FR", Language: "fr"},
				{Row: 4, CustomerID: "FR-2003", FullName: "Françoise Nœl", Email: "francoise.noel@example.fr", Street: "3 place de l’Église", PostalCode: "59000", City: "Lille", Country: "FR", Language: "fr-FR"},
			},
			rejects: []fixtureReject{
				// A Canadian address needs its province (from the postal
				// code when the file has no region column).
				{5, "FR-2004", "Code postal", "Canadian address without a province or territory, and no postal code to take it from"},
				{6, "FR-2005", "Courriel", "invalid email address"},
				{7, "FR-2006", "Pays", "unknown country \"Atlantide\""},
				{8, "FR-2001", "Identifiant client", "duplicate customer_id (first seen on row 2)"},
			},
		},
		{
			// ISO-8859-1 has the characters of Windows-1252 at 0xA0-0xFF and
			// is read and reported as windows-1252.
			name: "it-iso-8859-1.csv", encoding: "windows-1252", delimiter: ",",
			persons: []Person{
				{Row: 2, CustomerID: "L1-01", FullName: "Niccolò Frescobaldi", Email: "niccolo.f@example.it", Street: "Via dei Calzaiuoli 7", PostalCode: "50122", City: "Firenze", Region: "FI", Country: "IT", Language: "it"},
				{Row: 3, CustomerID: "L1-02", FullName: "Agnès Dupré", Email: "agnes.dupre@example.fr", Country: "FR", Language: "fr"},
				{Row: 4, CustomerID: "L1-03", FullName: "Åsa Ødegård", Street: "Storgata 1", PostalCode: "0155", City: "Oslo", Country: "NO", Language: "nb"},
			},
			rejects: []fixtureReject{
				{5, "L1-04", "E-mail", "invalid email address"},
				{6, "L1-05", "Nazione", "unknown country \"Atlantide\""},
			},
		},
		{
			name: "excel-unicode-text.txt", encoding: "utf-16le", delimiter: "\t",
			persons: []Person{
				{Row: 2, CustomerID: "5001", FullName: "Zoë Hartmann", Email: "zoe.hartmann@example.com", Street: "41 Elm Street", PostalCode: "02108", City: "Boston", Region: "MA", Country: "US", Language: "en-US"},
				{Row: 5, CustomerID: "5004", FullName: "王芳", Email: "wang.fang@example.com", Country: "CN", Language: "zh-Hans"},
			},
			rejects: []fixtureReject{
				{3, "5002", "State", "US address without a state, and no ZIP Code to take it from"},
				{4, "5003", "State", "Canadian address without a province or territory, and no postal code to take it from"},
				{6, "", "Customer ID", "missing customer_id"},
				{7, "5006", "State", "unknown US state or territory"},
			},
		},
		{
			name: "zh-excel-gbk.csv", encoding: "gbk", delimiter: ",",
			persons: []Person{
				{Row: 2, CustomerID: "10001", FullName: "王小明", Email: "xiaoming.wang@example.cn", Phone: "13800138000", Street: "朝阳区建国路88号", City: "北京", Country: "CN", Language: "zh"},
				{Row: 3, CustomerID: "10002", FullName: "李娜", Phone: "13900139000", Street: "浦东新区世纪大道100号", City: "上海", Country: "CN", Language: "zh-CN"},
				{Row: 4, CustomerID: "10003", FullName: "张伟", Email: "zhang.wei@example.com", Country: "TW", Language: "zh-TW"},
				{Row: 5, CustomerID: "10004", FullName: "陈静", Email: "chen.jing@example.net", Street: "天河区体育西路1号,2楼", City: "广州", Country: "CN", Language: "zh"},
			},
			rejects: []fixtureReject{
				{6, "10005", "国家", "unknown country \"火星\""},
				{7, "10006", "姓名", "missing name"},
				{8, "10007", "", "no email and no postal address: unreachable"},
			},
		},
		{
			name: "zh-gb18030.csv", encoding: "gb18030", delimiter: ",",
			persons: []Person{
				{Row: 2, CustomerID: "20001", FullName: "李𠮷", Email: "li.ji@example.cn", Country: "CN", Language: "zh"},
				{Row: 3, CustomerID: "20002", FullName: "刘䶮", Email: "liu.yan@example.cn", Street: "解放路1号", City: "杭州", Country: "CN", Language: "zh"},
				{Row: 4, CustomerID: "20003", FullName: "周杰", Email: "zhou.jie@example.org", Country: "HK", Language: "zh-HK"},
				{Row: 5, CustomerID: "20004", FullName: "陶喆", Street: "中山路5号", City: "南京", Country: "CN", Language: "zh"},
			},
			rejects: []fixtureReject{
				{6, "20001", "客户编号", "duplicate customer_id (first seen on row 2)"},
				{7, "20005", "语言", "invalid language tag \"克林贡语\""},
			},
		},
		{
			name: "ru-windows-1251.csv", encoding: "windows-1251", delimiter: ";",
			persons: []Person{
				{Row: 2, CustomerID: "RU-301", FullName: "Иванов Иван Иванович", Email: "ivanov@example.ru", Street: "ул. Тверская, д. 1, кв. 5", City: "Москва", Country: "RU", Language: "ru"},
				{Row: 3, CustomerID: "RU-302", FullName: "Смирнова Ольга Петровна", Street: "пр. Невский, д. 28", City: "Санкт-Петербург", Country: "RU", Language: "ru"},
				{Row: 4, CustomerID: "RU-303", FullName: "Кузнецов Алексей", Email: "kuznetsov@example.org", Country: "BY", Language: "ru-BY"},
				{Row: 5, CustomerID: "RU-304", FullName: "Попова Мария", Email: "popova@example.net", Street: "ул. Ленина, д. 5, офис №12", City: "Казань", Country: "RU", Language: "ru"},
			},
			rejects: []fixtureReject{
				{6, "RU-305", "Электронная почта", "invalid email address"},
				{7, "RU-306", "Страна", "unknown country \"Атлантида\""},
			},
		},
		{
			name: "ru-koi8-r.csv", encoding: "koi8-r", delimiter: ",",
			persons: []Person{
				{Row: 2, CustomerID: "RU-401", FullName: "Новиков Сергей", Email: "novikov@example.ru", Street: "ул. Садовая, д. 10", City: "Ростов-на-Дону", Country: "RU", Language: "ru"},
				{Row: 3, CustomerID: "RU-402", FullName: "Морозова Елена", Email: "morozova@example.ru", Country: "KZ", Language: "ru"},
				{Row: 4, CustomerID: "RU-403", FullName: "Волков Андрей", Street: "ул. Мира, д. 3", City: "Новосибирск", Country: "RU", Language: "ru"},
				{Row: 5, CustomerID: "RU-404", FullName: "Фёдорова Ксения", Email: "fedorova@example.net", Country: "RU", Language: "ru"},
			},
			rejects: []fixtureReject{
				{6, "RU-405", "Страна", "missing country"},
				{7, "RU-406", "", "no email and no postal address: unreachable"},
			},
		},
		{
			name: "fr-iso-8859-15.csv", encoding: "iso-8859-15", delimiter: ";",
			persons: []Person{
				{Row: 2, CustomerID: "L9-01", FullName: "Jeanne Œuvrard", Email: "jeanne.oeuvrard@example.fr", Street: "5 rue du Sacré-Cœur", City: "Paris", Country: "FR", Language: "fr"},
				{Row: 3, CustomerID: "L9-02", FullName: "Šarlota Žukova", Email: "sarlota@example.net", Country: "EE", Language: "et"},
				{Row: 4, CustomerID: "L9-03", FullName: "Björn Ørsted", Email: "bjorn.orsted@example.org", Country: "DK", Language: "da"},
			},
			rejects: []fixtureReject{
				{5, "L9-04", "Nom complet", "missing name"},
				{6, "L9-05", "Langue", "invalid language tag \"Elfique\""},
			},
		},
		{
			name: "it-utf8-bom.csv", encoding: "utf-8", delimiter: ",",
			persons: []Person{
				{Row: 2, CustomerID: "IT-501", FullName: "Mario Rossi", Email: "mario.rossi@example.it", Phone: "+39 06 1234 5678", Street: "Via Roma 1", PostalCode: "00184", City: "Roma", Region: "RM", Country: "IT", Language: "it"},
				{Row: 3, CustomerID: "IT-502", FullName: "Giulia Bianchi", Phone: "+39 02 8765 4321", Street: "Corso Garibaldi 10\nScala B", PostalCode: "20121", City: "Milano", Region: "MI", Country: "IT", Language: "it"},
				{Row: 4, CustomerID: "IT-503", FullName: "Luca D'Angelo", Email: "luca.dangelo@example.org", Country: "CH", Language: "it-CH"},
				{Row: 6, CustomerID: "IT-505", FullName: "Marco Ferrari", Email: "marco.ferrari@example.it", Country: "SM", Language: "it"},
			},
			rejects: []fixtureReject{
				{5, "IT-504", "Email", "cell contains the spreadsheet error #N/A"},
				{7, "IT-506", "Lingua", "invalid language tag \"Elfico\""},
			},
		},
		{
			name: "es-utf8-pipe.txt", encoding: "utf-8", delimiter: "|",
			persons: []Person{
				{Row: 2, CustomerID: "C-9001", FullName: "Ana García", Email: "ana.garcia@example.es", Phone: "+34 600 000 001", Street: "Calle Mayor 10", PostalCode: "28013", City: "Madrid", Country: "ES", Language: "es", DataCategories: []string{"email", "password"}},
				{Row: 3, CustomerID: "C-9002", FullName: "José Martínez", Email: "jose.martinez@example.com", Street: "742 Evergreen Terrace", PostalCode: "97403", City: "Springfield", Region: "OR", Country: "US", Language: "es-US", DataCategories: []string{"ssn"}},
				{Row: 4, CustomerID: "C-9003", FullName: "Beatriz Núñez", Email: "beatriz.nunez@example.org", Country: "MX", Language: "es-MX"},
			},
			rejects: []fixtureReject{
				{5, "", "customer_id", "missing customer_id"},
				{6, "C-9005", "data_categories", "unknown data category \"horoscope\""},
				{7, "C-9006", "region", "unknown US state or territory"},
			},
		},
		{
			name: "de-utf16be-bom.csv", encoding: "utf-16be", delimiter: ",",
			persons: []Person{
				{Row: 2, CustomerID: "DE-01", FullName: "Jürgen Groß", Email: "juergen.gross@example.de", Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin", Country: "DE", Language: "de"},
				{Row: 3, CustomerID: "DE-02", FullName: "Ümit Öztürk", Email: "uemit.oeztuerk@example.de", Country: "AT", Language: "de-AT"},
				{Row: 4, CustomerID: "DE-03", FullName: "Käthe Müller", Street: "Königsallee 2", PostalCode: "40212", City: "Düsseldorf", Country: "DE", Language: "de"},
				{Row: 6, CustomerID: "DE-05", FullName: "Heinz Schäfer", Email: "heinz.schaefer@example.de", Country: "DE", Language: "de"},
			},
			rejects: []fixtureReject{
				{5, "DE-04", "E-mail", "invalid email address"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := readFixture(t, tt.name)
			for _, enc := range []string{"", tt.encoding} {
				res := mustRead(t, data, Options{Name: tt.name, Encoding: enc})
				if res.st.Encoding != tt.encoding || res.st.Delimiter != tt.delimiter || res.st.HeaderRow != 1 {
					t.Errorf("encoding %q: Stats.Encoding %q, Delimiter %q, HeaderRow %d; want %q, %q, 1",
						enc, res.st.Encoding, res.st.Delimiter, res.st.HeaderRow, tt.encoding, tt.delimiter)
				}
				comparePersons(t, res.persons, tt.persons)
				compareRejects(t, res.rejects, fixtureRejects(tt.name, "", tt.rejects))
			}
		})
	}
}

// TestFixturesXLSX reads the workbooks written by openpyxl and LibreOffice.
func TestFixturesXLSX(t *testing.T) {
	tests := []struct {
		name, sheet string
		headerRow   int
		above       []int
		password    string
		persons     []Person
		rejects     []fixtureReject
	}{
		// (a) written by openpyxl (inline strings, see make.py)
		{
			name: "plain-openpyxl.xlsx", sheet: "Customers", headerRow: 1, above: nil,
			persons: []Person{
				{Row: 2, CustomerID: "US-1001", FullName: "Grace Hopper", Email: "grace.hopper@example.com", Phone: "(555) 010-0101", Street: "1 Navy Way", PostalCode: "22202", City: "Arlington", Region: "VA", Country: "US", Language: "en-US", DataCategories: []string{"email", "name"}},
				{Row: 3, CustomerID: "US-1002", FullName: "Alan Turing", Email: "alan.turing@example.org", Country: "GB", Language: "en-GB", DataCategories: []string{"password"}},
				{Row: 4, CustomerID: "US-1003", FullName: "Ada Lovelace", Street: "12 St James's Square", PostalCode: "SW1Y 4JH", City: "London", Country: "GB", Language: "en"},
				{Row: 5, CustomerID: "US-1004", FullName: "Katherine Johnson", Email: "katherine.johnson@example.net", PostalCode: "23669", City: "Hampton", Region: "VA", Country: "US", Language: "en", DataCategories: []string{"date_of_birth", "ssn"}},
			},
			rejects: []fixtureReject{
				{6, "US-1005", "Email", "invalid email address"},
				{7, "US-1002", "Customer ID", "duplicate customer_id (first seen on row 3)"},
				{8, "US-1007", "Country", "unknown country \"Narnia\""},
			},
		},
		// (g) (a) saved again by LibreOffice: shared strings, styles on every cell
		{
			name: "plain-libreoffice.xlsx", sheet: "Customers", headerRow: 1, above: nil,
			persons: []Person{
				{Row: 2, CustomerID: "US-1001", FullName: "Grace Hopper", Email: "grace.hopper@example.com", Phone: "(555) 010-0101", Street: "1 Navy Way", PostalCode: "22202", City: "Arlington", Region: "VA", Country: "US", Language: "en-US", DataCategories: []string{"email", "name"}},
				{Row: 3, CustomerID: "US-1002", FullName: "Alan Turing", Email: "alan.turing@example.org", Country: "GB", Language: "en-GB", DataCategories: []string{"password"}},
				{Row: 4, CustomerID: "US-1003", FullName: "Ada Lovelace", Street: "12 St James's Square", PostalCode: "SW1Y 4JH", City: "London", Country: "GB", Language: "en"},
				{Row: 5, CustomerID: "US-1004", FullName: "Katherine Johnson", Email: "katherine.johnson@example.net", PostalCode: "23669", City: "Hampton", Region: "VA", Country: "US", Language: "en", DataCategories: []string{"date_of_birth", "ssn"}},
			},
			rejects: []fixtureReject{
				{6, "US-1005", "Email", "invalid email address"},
				{7, "US-1002", "Customer ID", "duplicate customer_id (first seen on row 3)"},
				{8, "US-1007", "Country", "unknown country \"Narnia\""},
			},
		},
		// (b) merged title A1:F1 and a blank row above the header on row 3
		{
			name: "title-merged-openpyxl.xlsx", sheet: "Export", headerRow: 3, above: []int{1},
			persons: []Person{
				{Row: 4, CustomerID: "EX-1", FullName: "Maya Patel", Email: "maya.patel@example.com", City: "Leicester", Country: "GB", Language: "en-GB"},
				{Row: 5, CustomerID: "EX-2", FullName: "Kenji Sato", Email: "kenji.sato@example.jp", City: "Osaka", Country: "JP", Language: "ja"},
				{Row: 6, CustomerID: "EX-3", FullName: "Sofia Rossi", Email: "sofia.rossi@example.it", City: "Torino", Country: "IT", Language: "it"},
				{Row: 8, CustomerID: "EX-5", FullName: "Ines Duarte", Email: "ines.duarte@example.pt", City: "Porto", Country: "PT", Language: "pt-PT"},
			},
			rejects: []fixtureReject{
				{7, "EX-4", "Country", "missing country"},
			},
		},
		// (c) 1904 date system: serial 44925 is 2026-12-31 (46387 in the 1900 system)
		{
			name: "date1904-openpyxl.xlsx", sheet: "Codes", headerRow: 1, above: nil,
			persons: []Person{
				{Row: 2, CustomerID: "M-1", FullName: "Hana Novak", Email: "hana.novak@example.com", Country: "CZ", ActivationCode: "ACT-7Q2K", EnrollBy: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)},
				{Row: 3, CustomerID: "M-2", FullName: "Omar Farouk", Email: "omar.farouk@example.com", Country: "EG", ActivationCode: "ACT-8W3L", EnrollBy: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)},
				{Row: 4, CustomerID: "M-3", FullName: "Lena Berg", Email: "lena.berg@example.net", Country: "SE", ActivationCode: "ACT-9E4M", EnrollBy: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)},
				{Row: 5, CustomerID: "M-4", FullName: "Tariq Aziz", Email: "tariq.aziz@example.org", Country: "PK", ActivationCode: "ACT-1R5N", EnrollBy: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)},
				{Row: 6, CustomerID: "M-5", FullName: "Nora Lind", Email: "nora.lind@example.com", Country: "NO", ActivationCode: "ACT-2T6P"},
			},
			rejects: []fixtureReject{
				{7, "M-6", "Enroll by", "ambiguous date (day and month could be either way round); write it as YYYY-MM-DD"},
			},
		},
		// (d) ids, ZIP codes and phones stored as numbers; ids and ZIP codes stored as text
		{
			name: "numbers-openpyxl.xlsx", sheet: "Sheet1", headerRow: 1, above: nil,
			persons: []Person{
				{Row: 2, CustomerID: "100234", FullName: "Grace Lee", Email: "grace.lee@example.com", Phone: "16175550123", Street: "12 Beacon St", PostalCode: "02134", City: "Boston", Region: "MA", Country: "US"},
				{Row: 3, CustomerID: "100235", FullName: "Tom Ng", Email: "tom.ng@example.com", Phone: "4915112345678", PostalCode: "02108", Region: "MA", RegionFrom: RegionFromPostalCode, Country: "US"},
				{Row: 4, CustomerID: "000777", FullName: "Ann Ode", Email: "ann.ode@example.org", Phone: "+1 631 555 0147", Street: "1 Station Rd", PostalCode: "00501", City: "Holtsville", Region: "NY", Country: "US"},
				{Row: 5, CustomerID: "100238", FullName: "Sam Roe", Email: "sam.roe@example.net", Phone: "+1 310 555 0199", Street: "9 Palm Dr", PostalCode: "90210", City: "Beverly Hills", Region: "CA", Country: "US"},
			},
			rejects: []fixtureReject{
				{6, "", "Customer ID", "customer_id is a number shown in scientific notation with digits missing; format the column as text and re-enter the ids"},
				{7, "100234", "Customer ID", "duplicate customer_id (first seen on row 2)"},
			},
		},
		// (e) formulas recalculated by LibreOffice: cached values, one #DIV/0!
		{
			name: "formulas-libreoffice.xlsx", sheet: "Formulas", headerRow: 1, above: nil,
			persons: []Person{
				{Row: 2, CustomerID: "F-1", FullName: "Nina Park", Email: "nina.park@example.com", Country: "KR"},
				{Row: 3, CustomerID: "F-2", FullName: "Omar Haddad", Email: "omar.haddad@example.com", Country: "JO"},
				{Row: 4, CustomerID: "F-3", FullName: "Li Wei", Email: "li.wei@example.cn", Country: "CN"},
				{Row: 5, CustomerID: "F-4", FullName: "Ola Nordmann", Email: "ola.nordmann@example.no", Country: "NO"},
				{Row: 7, CustomerID: "F-6", FullName: "Plain Row", Email: "plain.row@example.com", Country: "FI"},
			},
			rejects: []fixtureReject{
				{6, "F-5", "Email", "cell contains the spreadsheet error #DIV/0!"},
			},
		},
		// (f) (a) encrypted by LibreOffice with the password "secret".
		{
			name: "plain-password.xlsx", sheet: "Customers", headerRow: 1, password: "secret",
			persons: []Person{
				{Row: 2, CustomerID: "US-1001", FullName: "Grace Hopper", Email: "grace.hopper@example.com", Phone: "(555) 010-0101", Street: "1 Navy Way", PostalCode: "22202", City: "Arlington", Region: "VA", Country: "US", Language: "en-US", DataCategories: []string{"email", "name"}},
				{Row: 3, CustomerID: "US-1002", FullName: "Alan Turing", Email: "alan.turing@example.org", Country: "GB", Language: "en-GB", DataCategories: []string{"password"}},
				{Row: 4, CustomerID: "US-1003", FullName: "Ada Lovelace", Street: "12 St James's Square", PostalCode: "SW1Y 4JH", City: "London", Country: "GB", Language: "en"},
				{Row: 5, CustomerID: "US-1004", FullName: "Katherine Johnson", Email: "katherine.johnson@example.net", PostalCode: "23669", City: "Hampton", Region: "VA", Country: "US", Language: "en", DataCategories: []string{"date_of_birth", "ssn"}},
			},
			rejects: []fixtureReject{
				{6, "US-1005", "Email", "invalid email address"},
				{7, "US-1002", "Customer ID", "duplicate customer_id (first seen on row 3)"},
				{8, "US-1007", "Country", "unknown country \"Narnia\""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustRead(t, readFixture(t, tt.name), Options{Name: tt.name, Password: tt.password})
			if res.st.Sheet != tt.sheet || res.st.HeaderRow != tt.headerRow || !reflect.DeepEqual(res.st.SkippedAbove, tt.above) {
				t.Errorf("Sheet %q, HeaderRow %d, SkippedAbove %v; want %q, %d, %v", res.st.Sheet, res.st.HeaderRow, res.st.SkippedAbove, tt.sheet, tt.headerRow, tt.above)
			}
			if res.st.Encoding != "" || res.st.Delimiter != "" {
				t.Errorf("Encoding %q, Delimiter %q for a workbook, want empty", res.st.Encoding, res.st.Delimiter)
			}
			comparePersons(t, res.persons, tt.persons)
			compareRejects(t, res.rejects, fixtureRejects(tt.name, tt.sheet, tt.rejects))
		})
	}
}

// TestFixturePasswordErrors: the encrypted workbook without its password,
// or with a wrong one.
func TestFixturePasswordErrors(t *testing.T) {
	data := readFixture(t, "plain-password.xlsx")
	for _, tt := range []struct{ password, contains string }{
		{"", "the workbook is encrypted with a password"},
		{"Secret", "password does not open"},
	} {
		_, err := read(t, data, Options{Name: "plain-password.xlsx", Password: tt.password})
		if !errors.Is(err, ErrPassword) || !strings.Contains(err.Error(), tt.contains) {
			t.Errorf("password %q: err = %v, want ErrPassword containing %q", tt.password, err, tt.contains)
		}
	}
}

// TestFixtureFormulasWithoutCache reads formulas-openpyxl.xlsx, whose
// formula cells openpyxl wrote as <c r="C3"><f>LOWER(...)</f><v></v></c>:
// no t attribute (a number) and an EMPTY cached value, which is "no cached
// value" (Excel writes an empty text result as t="str" with <v></v>). Each
// row with such a formula in a column that is read is a reject; a formula
// in an ignored column ("Name length") does not matter.
func TestFixtureFormulasWithoutCache(t *testing.T) {
	const name, sheet = "formulas-openpyxl.xlsx", "Formulas"
	const noCache = "formula has no cached value; open the file in Excel or LibreOffice, let it recalculate, and save it"
	res := mustRead(t, readFixture(t, name), Options{Name: name})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "F-1", FullName: "Nina Park", Email: "nina.park@example.com", Country: "KR"},
		{Row: 7, CustomerID: "F-6", FullName: "Plain Row", Email: "plain.row@example.com", Country: "FI"},
	})
	compareRejects(t, res.rejects, fixtureRejects(name, sheet, []fixtureReject{
		{3, "F-2", "Email", noCache},
		{4, "F-3", "Full Name", noCache},
		{5, "F-4", "Country", noCache},
		{6, "F-5", "Email", noCache},
	}))
	for _, rej := range res.rejects {
		if !strings.Contains(rej.Reason, "formula") {
			t.Errorf("row %d: reason %q does not mention the formula", rej.Row, rej.Reason)
		}
	}
}

// TestFixtureUnsupportedFormats: the .ods and .xls written by LibreOffice
// are refused by their extension, and by their content when misnamed.
func TestFixtureUnsupportedFormats(t *testing.T) {
	ods := readFixture(t, "plain-libreoffice.ods")
	xls := readFixture(t, "plain-libreoffice.xls")
	xlsx := readFixture(t, "plain-openpyxl.xlsx")
	for _, tt := range []struct {
		name     string
		data     []byte
		contains string
	}{
		{"plain-libreoffice.ods", ods, "OpenDocument spreadsheets (.ods) are not supported"},
		{"plain-libreoffice.xls", xls, "Excel 97-2003 workbooks (.xls) are not supported"},
		{"customers.xlsx", xls, "old Excel 97-2003 (.xls) workbook"},
		{"customers.xlsx", ods, "OpenDocument"},
		{"customers.csv", xls, "old Excel (.xls) workbook"},
		{"customers.csv", xlsx, "zip archive"},
		{"customers.csv", ods, "zip archive"},
	} {
		_, err := read(t, tt.data, Options{Name: tt.name})
		if !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), tt.contains) {
			t.Errorf("%s: err = %v, want ErrUnsupportedFormat containing %q", tt.name, err, tt.contains)
		}
	}
}
