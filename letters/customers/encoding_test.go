package customers

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// encodeText encodes UTF-8 text with enc, failing the test if a character
// is not representable.
func encodeText(t testing.TB, enc encoding.Encoding, text string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatalf("encoding %q: %v", text, err)
	}
	return b
}

const (
	frenchCSV = "Identifiant client;Prénom;Nom;Courriel;Adresse;Code postal;Ville;Pays;Langue;Code d'activation\r\n" +
		"FR-101;Élodie;Lefèvre;elodie.lefevre@example.fr;12 rue de la Paix;75002;Paris;France;fr;BON-50€\r\n" +
		"FR-102;Jérôme;Nœud;;3 place de l'Église;69002;Lyon;France;Français;\r\n" +
		"FR-103;Françoise;Hébert;francoise@example.fr;;;;Belgique;fr-BE;\r\n" +
		"FR-104;Zoë;Müller;zoe@example.fr;;;;Atlantide;fr;\r\n"
	russianCSV = "ID клиента;ФИО;Электронная почта;Адрес;Город;Страна;Язык\r\n" +
		"RU-1;Иванов Иван Иванович;ivanov@example.ru;ул. Тверская, д. 1;Москва;Россия;русский\r\n" +
		"RU-2;Смирнова Ольга Петровна;;пр. Невский, д. 28, кв. 5;Санкт-Петербург;Россия;ru\r\n" +
		"RU-3;Кузнецов Алексей;kuznetsov@example.ru;;;Беларусь;ru-BY\r\n" +
		"RU-4;Соколова Мария;sokolova(at)example.ru;;;Россия;ru\r\n"
	chineseCSV = "客户编号,姓名,电子邮箱,地址,城市,国家,语言\r\n" +
		"CN-1,王小明,xiaoming@example.cn,朝阳区建国路88号,北京,中国,中文\r\n" +
		"CN-2,李娜,,浦东新区世纪大道100号,上海,中国,zh-CN\r\n" +
		"CN-3,张伟,zhangwei@example.cn,,,台湾,zh-TW\r\n" +
		"CN-4,刘洋,,天河区体育西路1号,,中国,\r\n"
	englishCSV = "Customer ID,First Name,Last Name,Email,Country\r\n" +
		"1,Ada,Lovelace,ada@example.co.uk,GB\r\n" +
		"2,Zoë,Ångström,zoe@example.se,Sweden\r\n"
)

var (
	frenchPersons = []Person{
		{Row: 2, CustomerID: "FR-101", FullName: "Élodie Lefèvre", Email: "elodie.lefevre@example.fr", Street: "12 rue de la Paix",
			PostalCode: "75002", City: "Paris", Country: "FR", Language: "fr", ActivationCode: "BON-50€"},
		{Row: 3, CustomerID: "FR-102", FullName: "Jérôme Nœud", Street: "3 place de l'Église", PostalCode: "69002", City: "Lyon",
			Country: "FR", Language: "fr"},
		{Row: 4, CustomerID: "FR-103", FullName: "Françoise Hébert", Email: "francoise@example.fr", Country: "BE", Language: "fr-BE"},
	}
	frenchRejects = func(file string) []Reject {
		return []Reject{{File: file, Row: 5, CustomerID: "FR-104", Column: "Pays", Reason: `unknown country "Atlantide"`}}
	}
	russianPersons = []Person{
		{Row: 2, CustomerID: "RU-1", FullName: "Иванов Иван Иванович", Email: "ivanov@example.ru", Street: "ул. Тверская, д. 1",
			City: "Москва", Country: "RU", Language: "ru"},
		{Row: 3, CustomerID: "RU-2", FullName: "Смирнова Ольга Петровна", Street: "пр. Невский, д. 28, кв. 5", City: "Санкт-Петербург",
			Country: "RU", Language: "ru"},
		{Row: 4, CustomerID: "RU-3", FullName: "Кузнецов Алексей", Email: "kuznetsov@example.ru", Country: "BY", Language: "ru-BY"},
	}
	russianRejects = func(file string) []Reject {
		return []Reject{{File: file, Row: 5, CustomerID: "RU-4", Column: "Электронная почта", Reason: "invalid email address"}}
	}
	chinesePersons = []Person{
		{Row: 2, CustomerID: "CN-1", FullName: "王小明", Email: "xiaoming@example.cn", Street: "朝阳区建国路88号", City: "北京", Country: "CN", Language: "zh"},
		{Row: 3, CustomerID: "CN-2", FullName: "李娜", Street: "浦东新区世纪大道100号", City: "上海", Country: "CN", Language: "zh-CN"},
		{Row: 4, CustomerID: "CN-3", FullName: "张伟", Email: "zhangwei@example.cn", Country: "TW", Language: "zh-TW"},
	}
	chineseRejects = func(file string) []Reject {
		return []Reject{{File: file, Row: 5, CustomerID: "CN-4", Reason: "no email and no postal address: unreachable"}}
	}
	englishPersons = []Person{
		{Row: 2, CustomerID: "1", FullName: "Ada Lovelace", Email: "ada@example.co.uk", Country: "GB"},
		{Row: 3, CustomerID: "2", FullName: "Zoë Ångström", Email: "zoe@example.se", Country: "SE"},
	}
)

func utf16Bytes(t testing.TB, e xunicode.Endianness, text string) []byte {
	return encodeText(t, xunicode.UTF16(e, xunicode.IgnoreBOM), text)
}

func TestEncodings(t *testing.T) {
	// A Chinese name with a character outside GBK (a GB18030 four-byte
	// sequence).
	gb18030CSV := strings.Replace(chineseCSV, "李娜", "李𠮷", 1)
	gb18030Persons := append([]Person(nil), chinesePersons...)
	gb18030Persons[1].FullName = "李𠮷"
	frenchTSV := strings.ReplaceAll(frenchCSV, ";", "\t")

	tests := []struct {
		name     string // also the file name
		data     []byte
		encoding string // Options.Encoding
		want     string // Stats.Encoding
		delim    string
		persons  []Person
		rejects  func(file string) []Reject
	}{
		{"windows-1252.csv", encodeText(t, charmap.Windows1252, frenchCSV), "", "windows-1252", ";", frenchPersons, frenchRejects},
		{"iso-8859-15.csv", encodeText(t, charmap.ISO8859_15, frenchCSV), "", "iso-8859-15", ";", frenchPersons, frenchRejects},
		{"windows-1251.csv", encodeText(t, charmap.Windows1251, russianCSV), "", "windows-1251", ";", russianPersons, russianRejects},
		{"koi8-r.csv", encodeText(t, charmap.KOI8R, russianCSV), "", "koi8-r", ";", russianPersons, russianRejects},
		{"gbk.csv", encodeText(t, simplifiedchinese.GBK, chineseCSV), "", "gbk", ",", chinesePersons, chineseRejects},
		{"gb18030.csv", encodeText(t, simplifiedchinese.GB18030, gb18030CSV), "", "gb18030", ",", gb18030Persons, chineseRejects},
		{"utf-16le.txt", append([]byte{0xFF, 0xFE}, utf16Bytes(t, xunicode.LittleEndian, frenchTSV)...), "", "utf-16le", "\t", frenchPersons, frenchRejects},
		{"utf-16be.txt", append([]byte{0xFE, 0xFF}, utf16Bytes(t, xunicode.BigEndian, russianCSV)...), "", "utf-16be", ";", russianPersons, russianRejects},
		{"utf-16le-nobom.txt", utf16Bytes(t, xunicode.LittleEndian, chineseCSV), "", "utf-16le", ",", chinesePersons, chineseRejects},
		{"utf-16be-nobom.txt", utf16Bytes(t, xunicode.BigEndian, frenchCSV), "", "utf-16be", ";", frenchPersons, frenchRejects},
		{"utf-8.csv", []byte(chineseCSV), "", "utf-8", ",", chinesePersons, chineseRejects},
		{"utf-8-bom.csv", []byte("\ufeff" + russianCSV), "", "utf-8", ";", russianPersons, russianRejects},
		// Forced, by canonical name and by alias.
		{"forced-cp1251.csv", encodeText(t, charmap.Windows1251, russianCSV), "CP1251", "windows-1251", ";", russianPersons, russianRejects},
		{"forced-koi8.csv", encodeText(t, charmap.KOI8R, russianCSV), "KOI8-R", "koi8-r", ";", russianPersons, russianRejects},
		{"forced-latin9.csv", encodeText(t, charmap.ISO8859_15, frenchCSV), "latin-9", "iso-8859-15", ";", frenchPersons, frenchRejects},
		{"forced-gb2312.csv", encodeText(t, simplifiedchinese.GBK, chineseCSV), "GB2312", "gbk", ",", chinesePersons, chineseRejects},
		{"forced-gbk.csv", encodeText(t, simplifiedchinese.GB18030, gb18030CSV), "gbk", "gbk", ",", gb18030Persons, chineseRejects},
		{"forced-utf16.txt", append([]byte{0xFE, 0xFF}, utf16Bytes(t, xunicode.BigEndian, russianCSV)...), "utf-16", "utf-16be", ";", russianPersons, russianRejects},
		{"forced-utf16le.txt", append([]byte{0xFF, 0xFE}, utf16Bytes(t, xunicode.LittleEndian, frenchTSV)...), "UTF-16LE", "utf-16le", "\t", frenchPersons, frenchRejects},
		{"forced-utf8.csv", []byte("\ufeff" + englishCSV), "utf8", "utf-8", ",", englishPersons, nil},
		{"forced-cp1252.csv", encodeText(t, charmap.Windows1252, englishCSV), "cp1252", "windows-1252", ",", englishPersons, nil},
		{"forced-latin1.csv", encodeText(t, charmap.ISO8859_1, englishCSV), "Latin1", "iso-8859-1", ",", englishPersons, nil},
		{"forced-iana-latin1.csv", encodeText(t, charmap.ISO8859_1, englishCSV), "csISOLatin1", "iso-8859-1", ",", englishPersons, nil},
		{"forced-html-cp1251.csv", encodeText(t, charmap.Windows1251, russianCSV), "x-cp1251", "windows-1251", ";", russianPersons, russianRejects},
		// Detection with a short sample.
		{"short-1252.csv", encodeText(t, charmap.Windows1252, englishCSV), "", "windows-1252", ",", englishPersons, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustRead(t, tt.data, Options{Name: tt.name, Encoding: tt.encoding})
			if res.st.Encoding != tt.want || res.st.Delimiter != tt.delim {
				t.Errorf("Stats.Encoding %q Delimiter %q, want %q %q", res.st.Encoding, res.st.Delimiter, tt.want, tt.delim)
			}
			comparePersons(t, res.persons, tt.persons)
			var want []Reject
			if tt.rejects != nil {
				want = tt.rejects(tt.name)
			}
			compareRejects(t, res.rejects, want)
		})
	}
}

func TestEncodingErrors(t *testing.T) {
	koi8 := encodeText(t, charmap.KOI8R, russianCSV)
	gbk := encodeText(t, simplifiedchinese.GBK, chineseCSV)
	big := strings.Repeat("id,name,country,email\r\n", 1) + strings.Repeat("1,Ann Lee,IT,ann@example.it\r\n", 3000)
	tests := []struct {
		what     string
		data     []byte
		encoding string
		is       error
		contains []string
	}{
		// A wrong forced encoding: KOI8-R text read as Windows-1251 gives
		// no recognizable header.
		{"koi8 as 1251", koi8, "windows-1251", ErrMissingColumns, []string{"no recognized column header"}},
		// GBK text read as UTF-8.
		{"gbk as utf-8", gbk, "utf-8", ErrMalformed, []string{"line 1", "not valid UTF-8 (encoding given)"}},
		// A byte order mark contradicts the forced encoding.
		{"bom vs 1252", []byte("\ufeff" + englishCSV), "windows-1252", ErrMalformed, []string{"UTF-8 byte order mark", "windows-1252 was requested"}},
		{"bom vs le", append([]byte{0xFE, 0xFF}, utf16Bytes(t, xunicode.BigEndian, englishCSV)...), "utf-16le", ErrMalformed, []string{"UTF-16BE byte order mark"}},
		// Unknown names, including one the registries know but Read does
		// not support.
		{"unknown", []byte(englishCSV), "ebcdic-xyz", ErrUnknownEncoding, []string{`unknown encoding "ebcdic-xyz"`, "windows-1251", "koi8-r", "gb18030", "iso-8859-15"}},
		{"shift_jis", []byte(englishCSV), "Shift_JIS", ErrUnknownEncoding, []string{`"Shift_JIS"`}},
		// Nothing plausible: bytes undefined in Windows-1252, not letters
		// in the Cyrillic encodings, rare in GBK.
		{"undetectable", []byte("id,name,country\r\n1,Ann \x81\x8d\x90\x9d,IT\r\n"), "", ErrMalformed,
			[]string{"line 2", "encoding could not be detected", "the supported encodings are", "windows-1252"}},
		// UTF-8 with a stray byte is not guessed as a legacy encoding.
		{"stray byte", []byte("id,name,country,email\r\n1,Zoë Ångström,SE,z@example.se\r\n2,Åsa Öberg,SE,a@example.se\r\n3,Jos\xe9 Díaz,ES,j@example.es\r\n"), "",
			ErrMalformed, []string{"line 4", "not valid UTF-8 (encoding detected)"}},
		// The first 64 KiB are ASCII, a later line is Windows-1252.
		{"late latin", []byte(big + "2,Jos\xe9 D\xedaz,ES,j@example.es\r\n"), "", ErrMalformed, []string{"line 3002", "not valid UTF-8 (encoding detected)"}},
		// Windows-1252 detected, a later byte is undefined in it.
		{"late undefined", []byte("id,name,country,email\r\n1,Zo\xeb,SE,z@example.se\r\n" + big[23:] + "2,X\x81Y,SE,x@example.se\r\n"), "",
			ErrMalformed, []string{"line 3003", "not valid windows-1252 (encoding detected)"}},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			_, err := read(t, tt.data, Options{Name: "enc.csv", Encoding: tt.encoding})
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v", err, tt.is)
			}
			for _, c := range tt.contains {
				if !strings.Contains(err.Error(), c) {
					t.Errorf("error %q does not contain %q", err, c)
				}
			}
			if !strings.HasPrefix(err.Error(), "customers: enc.csv") {
				t.Errorf("error %q lacks the file name", err)
			}
			if strings.Contains(err.Error(), "--") {
				t.Errorf("error %q names a command-line flag: the command adds that advice", err)
			}
		})
	}
}

func TestLookupEncoding(t *testing.T) {
	for name, want := range map[string]string{
		"utf-8": "utf-8", "UTF8": "utf-8", "unicode-1-1-utf-8": "utf-8", "utf-16": "utf-16", "UTF-16LE": "utf-16le", "utf_16be": "utf-16be",
		"windows-1252": "windows-1252", "CP1252": "windows-1252", "us-ascii": "windows-1252",
		"iso-8859-1": "iso-8859-1", "latin1": "iso-8859-1", "ISO_8859-1:1987": "iso-8859-1", "l1": "iso-8859-1",
		"ISO-8859-15": "iso-8859-15", "latin-9": "iso-8859-15", "iso8859-15": "iso-8859-15",
		"windows-1251": "windows-1251", "cp1251": "windows-1251", "x-cp1251": "windows-1251",
		"koi8-r": "koi8-r", "KOI8R": "koi8-r", "csKOI8R": "koi8-r",
		"gbk": "gbk", "GB2312": "gbk", "cp936": "gbk", "x-gbk": "gbk", "chinese": "gbk", "GB18030": "gb18030", " gb18030 ": "gb18030",
	} {
		got, err := lookupEncoding(name)
		if err != nil || got != want {
			t.Errorf("lookupEncoding(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, name := range []string{"", "utf-32", "shift_jis", "big5", "iso-8859-2", "koi8-u", "euc-kr", "nonsense"} {
		if _, err := lookupEncoding(name); !errors.Is(err, ErrUnknownEncoding) {
			t.Errorf("lookupEncoding(%q): err = %v, want ErrUnknownEncoding", name, err)
		}
	}
}

// TestDetectEncoding checks the decisions on texts that are close calls.
func TestDetectEncoding(t *testing.T) {
	tests := []struct {
		what string
		data []byte
		want string
	}{
		{"1252 single accent", []byte("id,name\n1,Jos\xe9 Garc\xeda\n"), "windows-1252"},
		{"1252 euro only", []byte("id,amount\n1,10 \x80\n"), "windows-1252"},
		{"8859-15 euro", []byte("id,amount\n1,10 \xa4\n"), "iso-8859-15"},
		{"1252 with C1 and A4", []byte("id,amount\n1,10 \x80 \xa4\n"), "windows-1252"},
		{"1251 all caps", encodeText(t, charmap.Windows1251, "ФИО;Город\nИВАНОВ ИВАН;МОСКВА\n"), "windows-1251"},
		{"koi8 all caps", encodeText(t, charmap.KOI8R, "ФИО;Город\nИВАНОВ ИВАН;МОСКВА\n"), "koi8-r"},
		{"koi8 even words", encodeText(t, charmap.KOI8R, "Иван;Анна\nмама;папа\n"), "koi8-r"},
		{"utf-8 mojibake not 1252", []byte("a,b\n\xc3\xa9t\xc3\xa9,\xe9t\xe9\n"), ""},
		{"gbk short", encodeText(t, simplifiedchinese.GBK, "姓名\n王小明\n"), "gbk"},
		{"ascii", []byte("id,name\n1,Ann\n"), "utf-8"},
		{"empty", nil, "utf-8"},
	}
	for _, tt := range tests {
		if got := detectEncoding(tt.data, false).name; got != tt.want {
			t.Errorf("%s: detected %q, want %q", tt.what, got, tt.want)
		}
	}
}

// countingReader is an endless stream of one line without a line end that
// counts the bytes read from it.
type countingReader struct {
	prefix []byte
	fill   byte
	limit  int64
	n      int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, io.EOF
	}
	if int64(len(p)) > c.limit-c.n {
		p = p[:c.limit-c.n]
	}
	for i := range p {
		if c.n+int64(i) < int64(len(c.prefix)) {
			p[i] = c.prefix[c.n+int64(i)]
		} else {
			p[i] = c.fill
		}
	}
	c.n += int64(len(p))
	return len(p), nil
}

func TestRecordLimit(t *testing.T) {
	const stream = 64 << 20
	for _, tt := range []struct {
		what, prefix string
		fill         byte
		encoding     string
		record       int
	}{
		{"long line", "id,name,country,email\r\n1,Ann,IT,", 'a', "", 2},
		{"unbalanced quote", "id,name,country,email\r\n1,Ann,IT,a@example.it\r\n2,\"Bob,IT,b@example.it\r\n", '\n', "", 3},
		{"long header", "", 'x', "", 1},
		{"decoded", "id;name;country;email\r\n1;Jos\xe9;ES;", 'z', "windows-1252", 2},
	} {
		t.Run(tt.what, func(t *testing.T) {
			src := &countingReader{prefix: []byte(tt.prefix), fill: tt.fill, limit: stream}
			var rows int
			_, err := Read(src, Options{Name: "huge.csv", Encoding: tt.encoding}, func(*Person, *Reject) error { rows++; return nil })
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
			for _, c := range []string{"customers: huge.csv: record " + strconv.Itoa(tt.record) + ": ", "longer than 1 MiB"} {
				if !strings.Contains(err.Error(), c) {
					t.Errorf("error %q does not contain %q", err, c)
				}
			}
			if src.n > 3<<20 {
				t.Errorf("read %d bytes of the %d MiB stream before failing, want < 3 MiB", src.n, stream>>20)
			}
		})
	}

	// A record just under the limit is read.
	data := "id,name,country,notes\r\n1,Ann Lee,IT," + strings.Repeat("n", maxRecordBytes-100) + "\r\n2,Bob Ray,IT,x\r\n"
	res, err := read(t, []byte(data), Options{Name: "big.csv"})
	if err != nil || res.st.Rows != 2 {
		t.Fatalf("err = %v, rows = %d, want 2 rows", err, res.st.Rows)
	}
}

// TestCSVLongCell: a cell longer than a spreadsheet cell can be rejects
// its row if the column is read, and is ignored otherwise.
func TestCSVLongCell(t *testing.T) {
	long := strings.Repeat("é", maxCellChars+1)
	ok := strings.Repeat("é", maxCellChars)
	data := "id,name,country,email,notes\r\n" +
		"1,Ann Lee," + long + ",ann@example.it,\r\n" +
		"2,Bob Ray,IT,bob@example.it," + long + "\r\n" +
		"3,\"" + ok + "\",IT,cat@example.it,\r\n"
	res := mustRead(t, []byte(data), Options{Name: "long.csv"})
	if len(res.persons) != 2 || res.persons[0].CustomerID != "2" || res.persons[1].FullName != ok {
		t.Errorf("persons = %d, want rows 2 and 3", len(res.persons))
	}
	compareRejects(t, res.rejects, []Reject{{File: "long.csv", Row: 2, CustomerID: "1", Column: "country",
		Reason: "cell is longer than 32,767 characters, the most a spreadsheet cell holds"}})
}

func TestEncodingStreams(t *testing.T) {
	// Decoding must not read the whole input before the first row.
	row := encodeText(t, charmap.Windows1251, "1;Иванов Иван;Россия;ivanov@example.ru\r\n")
	head := encodeText(t, charmap.Windows1251, "ID клиента;ФИО;Страна;Электронная почта\r\n")
	src := &countingReader{prefix: append(head, bytes.Repeat(row, 1000)...), fill: '\n', limit: 64 << 20}
	stop := errors.New("stop")
	st, err := Read(src, Options{Name: "ru.csv"}, func(p *Person, rej *Reject) error {
		if p == nil || p.FullName != "Иванов Иван" {
			t.Errorf("p = %+v, rej = %+v", p, rej)
		}
		return stop
	})
	// The rows are read by a goroutine that may be a few batches ahead.
	if err != stop || st.Encoding != "windows-1251" || src.n > 4<<20 {
		t.Errorf("err = %v, encoding %q, read %d bytes", err, st.Encoding, src.n)
	}
}

// TestEncodingErrorFacts: the text errors carry the file, the line and the
// encoding tried, for the command to advise --encoding.
func TestEncodingErrorFacts(t *testing.T) {
	gbk := encodeText(t, simplifiedchinese.GBK, chineseCSV)
	for _, tt := range []struct {
		what     string
		data     []byte
		encoding string
		want     EncodingError
	}{
		{"gbk as utf-8", gbk, "utf-8", EncodingError{File: "enc.csv", Line: 1, Encoding: "utf-8"}},
		{"undetectable", []byte("id,name,country\r\n1,Ann \x81\x8d\x90\x9d,IT\r\n"), "", EncodingError{File: "enc.csv", Line: 2}},
		{"stray byte", []byte("id,name,country,email\r\n1,Zoë Ångström,SE,z@example.se\r\n2,Åsa Öberg,SE,a@example.se\r\n3,Jos\xe9 Díaz,ES,j@example.es\r\n"), "",
			EncodingError{File: "enc.csv", Line: 4, Encoding: "utf-8", Detected: true}},
	} {
		_, err := read(t, tt.data, Options{Name: "enc.csv", Encoding: tt.encoding})
		var ee *EncodingError
		if !errors.As(err, &ee) || !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want an *EncodingError wrapping ErrMalformed", tt.what, err)
			continue
		}
		if *ee != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.what, *ee, tt.want)
		}
	}
}
