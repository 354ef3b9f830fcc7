package customers

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkFuzzRead reads data and checks the invariants that must hold for any
// input: no panic, one of p/rej per call, Rows == Persons + Rejects, and
// well-formed Persons and Rejects.
func checkFuzzRead(t *testing.T, data []byte, opts Options) {
	var persons, rejects int
	lastRow := 0
	st, err := Read(bytes.NewReader(data), opts, func(p *Person, rej *Reject) error {
		if (p == nil) == (rej == nil) {
			t.Fatalf("fn called with p=%v rej=%v", p, rej)
		}
		row := 0
		if p != nil {
			persons++
			row = p.Row
			if p.CustomerID == "" || p.FullName == "" || len(p.Country) != 2 || strings.ToUpper(p.Country) != p.Country {
				t.Fatalf("bad person %+v", p)
			}
			if p.Email != "" && !validEmail(p.Email) {
				t.Fatalf("invalid email in person %+v", p)
			}
			if p.Email == "" && (p.Street == "" || p.City == "") {
				t.Fatalf("unreachable person %+v", p)
			}
			if p.DataCategories != nil && (len(p.DataCategories) == 0 || !slices.IsSorted(p.DataCategories)) {
				t.Fatalf("bad categories %+v", p)
			}
			for _, s := range []string{p.CustomerID, p.FullName, p.Email, p.Phone, p.Street, p.PostalCode, p.City, p.Region, p.ActivationCode} {
				if !utf8.ValidString(s) || s != strings.TrimSpace(s) {
					t.Fatalf("unclean value %q in %+v", s, p)
				}
			}
		} else {
			rejects++
			row = rej.Row
			if rej.Reason == "" {
				t.Fatalf("reject without reason: %+v", rej)
			}
			_ = rej.Error()
		}
		if row <= lastRow {
			t.Fatalf("row %d after row %d", row, lastRow)
		}
		lastRow = row
		return nil
	})
	if st.Rows != st.Persons+st.Rejects || st.Persons != persons || st.Rejects != rejects {
		t.Fatalf("stats %+v, fn saw %d persons %d rejects (err %v)", st, persons, rejects, err)
	}
	if err != nil && !strings.HasPrefix(err.Error(), "customers: ") {
		t.Fatalf("error without prefix: %v", err)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("customer_id,full_name,email,country\n1,Mario Rossi,mario@example.it,IT\n"))
	f.Add([]byte("\ufeffCodice cliente;Nome;Cognome;Email;Indirizzo;Città;Paese;Lingua;Dati coinvolti\n1;Mario;Rossi;;Via Roma 1;Roma;Italia;it;email, password\n1;x;y;z;;;;;\n"))
	f.Add([]byte("ID\tName\tSurname\tCountry\tState\tStreet\tCity\n7\tGrace\tHopper\tUSA\tny\t1 Main\tNYC\n"))
	f.Add([]byte("ID|ФИО|Страна|Электронная почта\n1|Иван|Россия|ivan@example.ru\n\"2\"|\"a\"\"b\"|CN|x\n"))
	f.Add([]byte("id,name,country,email\n1,\"unterminated,IT\n"))
	f.Add([]byte{0xFF, 0xFE, 'i', 0, 'd', 0})
	f.Add([]byte("id,name,country,email,language\n1.00E+05,a,IT,a@b.it,zh-hans\n1234567890123456,b,FR,b@c.fr,xx\n"))
	f.Add([]byte("Identifiant client;Pr\xe9nom;Nom;Courriel;Pays\r\nFR-1;\xc9lodie;Lef\xe8vre;e@example.fr;France\r\nFR-2;Zo\xeb;N\x9cud;50 \x80;Belgique\r\n"))
	f.Add([]byte("id;nom;pays;montant\n1;C\xbdur;FR;10 \xa4\n"))
	f.Add([]byte("ID \xea\xeb\xe8\xe5\xed\xf2\xe0;\xd4\xc8\xce;\xd1\xf2\xf0\xe0\xed\xe0;\xdd\xeb\xe5\xea\xf2\xf0\xee\xed\xed\xe0\xff \xef\xee\xf7\xf2\xe0\nRU-1;\xc8\xe2\xe0\xed\xee\xe2 \xc8\xe2\xe0\xed;\xd0\xee\xf1\xf1\xe8\xff;ivanov@example.ru\n"))
	f.Add([]byte("ID \xcb\xcc\xc9\xc5\xce\xd4\xc1;\xe6\xe9\xef;\xf3\xd4\xd2\xc1\xce\xc1;\xfc\xcc\xc5\xcb\xd4\xd2\xcf\xce\xce\xc1\xd1 \xd0\xcf\xde\xd4\xc1\nRU-1;\xe9\xf7\xe1\xee\xef\xf7 \xe9\xf7\xe1\xee;\xf2\xcf\xd3\xd3\xc9\xd1;ivanov@example.ru\n"))
	f.Add([]byte("\xbf\xcd\xbb\xa7\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb,\xb5\xe7\xd7\xd3\xd3\xca\xcf\xe4,\xb9\xfa\xbc\xd2\nCN-1,\xcd\xf5\xd0\xa1\xc3\xf7,xiaoming@example.cn,\xd6\xd0\xb9\xfa\n"))
	f.Add([]byte("\xbf\xcd\xbb\xa7\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb,\xb5\xe7\xd7\xd3\xd3\xca\xcf\xe4,\xb9\xfa\xbc\xd2\nCN-2,\xc0\xee\x954\xb25,li@example.cn,\xd6\xd0\xb9\xfa\n"))
	f.Add([]byte("i\x00d\x00\t\x00n\x00a\x00m\x00e\x00\t\x00c\x00o\x00u\x00n\x00t\x00r\x00y\x00\n\x001\x00\t\x00Z\x00o\x00\xeb\x00\t\x00F\x00R\x00\n\x00"))
	f.Add([]byte("\xfe\xff\x00i\x00d\x00,\x00n\x00a\x00m\x00e\x00,\x00c\x00o\x00u\x00n\x00t\x00r\x00y\x00\n\x001\x00,\x00Z\x00o\x00\xeb\x00,\x00F\x00R\x00\n"))
	f.Add([]byte("id,name,country\n1,\xc3\xa9t\xc3\xa9 \xe9t\xe9,FR\n"))
	f.Add([]byte("id,name,country\n1,Ann \x81\x8d\x90\x9d,IT\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzzRead(t, data, Options{Name: "fuzz.csv"})
	})
}

func FuzzHeaderMatch(f *testing.F) {
	for _, s := range []string{"Customer ID", "E-mail", "Città", "ID клиента", "国家/地区", "Code d’activation", "\u00a0nome\u200b", "İ", "ß", "Ǆ", "ﬁrst name"} {
		f.Add(s, "Country")
	}
	f.Fuzz(func(t *testing.T, h1, h2 string) {
		field := MatchHeader(h1)
		if field != "" && !isField(field) {
			t.Fatalf("MatchHeader(%q) = %q, not a field", h1, field)
		}
		k := normKey(h1)
		if normKey(k) != k {
			t.Fatalf("normKey not idempotent on %q: %q -> %q", h1, k, normKey(k))
		}
		if MatchHeader(" "+h1+" ") != field {
			t.Fatalf("MatchHeader depends on surrounding spaces for %q", h1)
		}
		_, _ = NormalizeCountry(h1)
		_, _ = NormalizeLanguage(h1)
		_, _ = parseCategories(h1)
		_, _ = normalizeID(h1)
		_ = validEmail(h1)
		headers := []string{oneLine(cleanCell(h1)), oneLine(cleanCell(h2)), "customer id", "full name"}
		plan, err := resolveColumns(headers, map[string]string{FieldCountry: h2}, "f.csv row 1")
		if err == nil && len(plan.columns) != len(headers) {
			t.Fatalf("columns %v for %q", plan.columns, headers)
		}
	})
}

// The xlsx fuzz targets are run with -fuzzminimizetime=1x:
//
//	go test -run XXX -fuzz '^FuzzReadXLSX$' -fuzztime 5m -fuzzminimizetime 1x ./letters/customers/
//
// archive/zip and compress/flate keep decompressors in a sync.Pool, which
// the garbage collector empties at times of its choosing, so the coverage
// of reading the same workbook twice can differ; the minimizer then takes
// inputs for new ones and spends the whole run shrinking them.
func FuzzReadXLSX(f *testing.F) {
	f.Add(makeXLSX(f, sheetData{"Affected", [][]any{
		nil,
		{"Customer ID", "Full Name", "Email", "Street", "City", "Country", "Language", "Data categories"},
		{100234, "Mario Rossi", "mario@example.it", "Via Roma 1", "Roma", "Italia", "it", "email; password"},
		{"A2", "Bob", "bad", "", "", "Atlantis", "", ""},
	}}))
	// Uncompressed parts without CRCs: byte mutations reach the XML instead
	// of breaking the deflate stream or the checksum.
	f.Add(storedZip(f, rawXLSX(f, "S", []string{"id", "name", "country", "email", "Ann"},
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`+
			`<row r="3"><c r="A3"><v>7</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="str"><f>"IT"</f><v>IT</v></c><c r="D3" t="inlineStr"><is><t>a@b.it</t></is></c></row>`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzzRead(t, data, Options{Name: "fuzz.xlsx"})
	})
}

// FuzzReadXLSXSheet fuzzes the worksheet and shared strings XML inside a
// valid workbook, which reaches the row and cell handling far more often
// than mutating zip bytes.
func FuzzReadXLSXSheet(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`+
		`<row r="3"><c r="A3"><v>100234</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="str"><f>"IT"</f><v>IT</v></c><c r="D3" t="inlineStr"><is><t>a@b.it</t></is></c><c r="F3"><v>1</v></c></row>`+
		`<row r="4"><c r="A4"><v>1.5E+20</v></c><c r="B4" t="e"><v>#N/A</v></c></row>`, "id|name|country|email|Ann")
	f.Add(`<!-- c --><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c></x:row>`+
		`<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="inlineStr"><is><r><t>O&apos;Br</t></r><r><t>ien &#x4E2D;</t></r><rPh><t>x</t></rPh></is></c><c r="C2" t="str"><f>A1</f><v><![CDATA[IT]]></v></c><c r="D2" t="d"><v>2026-12-31T00:00:00</v></c></row>`+
		`<row r="3"><c r="A3" s="1"><v>46387</v></c><c r="B3"><f>1+1</f><v></v></c><c r="C3" t="b"><v>1</v></c><c r="D3"/></row>`, "Customer ID|Full Name|Country|Enroll by")
	f.Fuzz(func(t *testing.T, sheetXML, sst string) {
		data := rawXLSX(t, "S", strings.Split(sst, "|"), sheetXML)
		checkFuzzRead(t, data, Options{Name: "fuzz.xlsx"})
	})
}

// storedZip rewrites a zip archive with every entry stored uncompressed and
// its CRC-32 left at zero (which archive/zip does not verify).
func storedZip(t testing.TB, data []byte) []byte { return restore(t, data, false) }

// restore rewrites a zip archive with every entry stored uncompressed,
// with its real CRC-32 if checksums is set, else with zero.
func restore(t testing.TB, data []byte, checksums bool) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var w io.Writer
		if checksums {
			w, err = zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
		} else {
			w, err = zw.CreateRaw(&zip.FileHeader{Name: zf.Name, Method: zip.Store,
				CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(len(body))})
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
