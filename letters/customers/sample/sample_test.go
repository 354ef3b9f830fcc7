package sample

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/language"

	"github.com/breachnotice/breachnotice/letters/customers"
)

// kinds are the three outputs: name (file extension), Options.
var kinds = []struct {
	name, ext string
	opts      Options
}{
	{"inline", ".xlsx", Options{}},
	{"shared", ".xlsx", Options{SharedStrings: true}},
	{"csv", ".csv", Options{Format: "csv"}},
}

func write(t testing.TB, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type readResult struct {
	st      customers.Stats
	persons []customers.Person
	rejects []customers.Reject
}

func read(t testing.TB, data []byte, name string) readResult {
	t.Helper()
	var res readResult
	st, err := customers.Read(bytes.NewReader(data), customers.Options{Name: name}, func(p *customers.Person, rej *customers.Reject) error {
		if rej != nil {
			res.rejects = append(res.rejects, *rej)
		} else {
			res.persons = append(res.persons, *p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	res.st = st
	return res
}

// TestReadBack reads the three kinds of sheet through customers.Read: every
// row is a person, the three give the same persons, and the persons look
// like the package doc says.
func TestReadBack(t *testing.T) {
	const n = 5000
	var first []customers.Person
	for _, k := range kinds {
		opts := k.opts
		opts.Rows, opts.Seed = n, 7
		res := read(t, write(t, opts), "customers"+k.ext)
		if res.st.Rows != n || res.st.Persons != n || len(res.rejects) != 0 {
			t.Fatalf("%s: %d rows, %d persons, %d rejects (first: %v); want %d persons", k.name, res.st.Rows, res.st.Persons, len(res.rejects), firstReject(res.rejects), n)
		}
		for i, c := range res.st.Columns {
			if c.Field == "" {
				t.Errorf("%s: column %d %q not recognized", k.name, i, c.Header)
			}
		}
		if first == nil {
			first = res.persons
			checkPersons(t, res.persons)
			continue
		}
		if !reflect.DeepEqual(res.persons, first) {
			for i := range res.persons {
				if !reflect.DeepEqual(res.persons[i], first[i]) {
					t.Fatalf("%s: person %d differs from the inline sheet's:\n got %+v\nwant %+v", k.name, i, res.persons[i], first[i])
				}
			}
		}
	}
}

func firstReject(rs []customers.Reject) string {
	if len(rs) == 0 {
		return "none"
	}
	return rs[0].Error()
}

var (
	reID    = regexp.MustCompile(`^S-[0-9]{7}$`)
	reEmail = regexp.MustCompile(`^[a-z._]+[0-9]+@example\.(com|org|net)$`)
	rePhone = regexp.MustCompile(`^\+[0-9]{1,2} [0-9][0-9 -]+[0-9]$`)
)

func checkPersons(t *testing.T, ps []customers.Person) {
	t.Helper()
	langs := map[string]int{}
	countries := map[string]int{}
	cats := map[string]bool{}
	var emptyCats, noEmail, multiLine int
	scripts := map[string]bool{}
	for i, p := range ps {
		if want := fmt.Sprintf("S-%07d", i+1); p.CustomerID != want || p.Row != i+2 {
			t.Fatalf("person %d: id %q row %d, want %q row %d", i, p.CustomerID, p.Row, want, i+2)
		}
		if !reID.MatchString(p.CustomerID) {
			t.Errorf("row %d: id %q", p.Row, p.CustomerID)
		}
		if p.Email == "" {
			noEmail++
		} else if !reEmail.MatchString(p.Email) {
			t.Errorf("row %d: e-mail %q is not at example.com/.org/.net", p.Row, p.Email)
		}
		if p.Phone != "" && !rePhone.MatchString(p.Phone) {
			t.Errorf("row %d: phone %q is not international", p.Row, p.Phone)
		}
		if p.Street == "" || p.City == "" || p.PostalCode == "" {
			t.Errorf("row %d: incomplete address %+v", p.Row, p)
		}
		// The invented US and Canadian addresses agree with the ZIP Code
		// and FSA ranges customers knows (a cross-check of both tables).
		// (Rows left without a state take it from the ZIP Code.)
		if p.PostalCodeRegion != "" {
			t.Errorf("row %d: %s region %q, but postal code %q points to %q", p.Row, p.Country, p.Region, p.PostalCode, p.PostalCodeRegion)
		}
		if strings.Contains(p.Street, "\n") {
			multiLine++
		}
		base, _ := language.Make(p.Language).Base()
		if p.Language == "" {
			langs[""]++
		} else {
			langs[base.String()]++
		}
		countries[p.Country]++
		if len(p.DataCategories) == 0 {
			emptyCats++
		}
		for _, c := range p.DataCategories {
			cats[c] = true
		}
		for _, r := range p.FullName {
			switch {
			case unicode.Is(unicode.Han, r):
				scripts["Han"] = true
			case unicode.Is(unicode.Cyrillic, r):
				scripts["Cyrillic"] = true
			case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
				scripts["Kana"] = true
			case r > unicode.MaxASCII && unicode.Is(unicode.Latin, r):
				scripts["accented Latin"] = true
			}
		}
	}
	n := float64(len(ps))
	for _, l := range []string{"it", "fr", "en", "zh", "ru"} {
		if share := float64(langs[l]) / n; share < 0.15 || share > 0.25 {
			t.Errorf("language %s: %.1f%% of rows, want 20%% ± 5%% (all: %v)", l, 100*share, langs)
		}
	}
	for _, l := range []string{"de", "pt", "ja", ""} {
		if langs[l] == 0 {
			t.Errorf("no row with language %q (all: %v)", l, langs)
		}
	}
	want := []string{"AU", "BR", "CA", "CN", "DE", "FR", "GB", "IT", "JP", "RU", "US"}
	if got := keys(countries); !slices.Equal(got, want) {
		t.Errorf("countries %v, want %v", countries, want)
	}
	if got := keys(cats); !slices.Equal(got, sorted(customers.Categories())) {
		t.Errorf("data categories used: %v, want every canonical code %v", got, sorted(customers.Categories()))
	}
	if share := float64(emptyCats) / n; share < 0.35 || share > 0.45 {
		t.Errorf("%.1f%% of rows without data categories, want about 40%%", 100*share)
	}
	if noEmail == 0 || multiLine == 0 {
		t.Errorf("%d rows without e-mail, %d multi-line streets; want some of each", noEmail, multiLine)
	}
	for _, s := range []string{"Han", "Cyrillic", "Kana", "accented Latin"} {
		if !scripts[s] {
			t.Errorf("no name written in %s", s)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

// TestBadRows: with BadRows, the bad rows are exactly the expected rejects.
func TestBadRows(t *testing.T) {
	const n = 5000
	reasons := []string{
		faultCountry:   `unknown country "Atlantis"`,
		faultBadEmail:  "invalid email address",
		faultNoID:      "missing customer_id",
		faultDupID:     "duplicate customer_id (first seen on row ",
		faultNoContact: "no email and no postal address",
	}
	for _, k := range kinds {
		opts := k.opts
		opts.Rows, opts.BadRows = n, true
		res := read(t, write(t, opts), "customers"+k.ext)
		if want := BadRowCount(n); res.st.Rows != n || len(res.rejects) != want || want != 5 {
			t.Fatalf("%s: %d rows, %d rejects, want %d rows, %d rejects", k.name, res.st.Rows, len(res.rejects), n, want)
		}
		for i, rej := range res.rejects {
			dataRow := rej.Row - 1
			kind := badKind(dataRow)
			if kind != i || !strings.Contains(rej.Reason, reasons[kind]) {
				t.Errorf("%s: reject %d: %v; want data row %d: %s", k.name, i, rej, i*1000+10, reasons[i])
			}
		}
	}
	if got := []int{BadRowCount(0), BadRowCount(9), BadRowCount(10), BadRowCount(1009), BadRowCount(1010), BadRowCount(1_000_000)}; !slices.Equal(got, []int{0, 0, 1, 1, 2, 1000}) {
		t.Errorf("BadRowCount: %v", got)
	}
}

// TestDeterministic: the same Options give the same bytes; another seed,
// other bytes.
func TestDeterministic(t *testing.T) {
	for _, k := range kinds {
		opts := k.opts
		opts.Rows, opts.Seed, opts.BadRows = 3000, 42, true
		a, b := write(t, opts), write(t, opts)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes with the same options differ", k.name)
		}
		opts.Seed++
		if bytes.Equal(a, write(t, opts)) {
			t.Errorf("%s: seeds 42 and 43 give the same bytes", k.name)
		}
	}
}

// TestParts checks the workbook parts: the inline sheet has no shared
// strings table, the shared one has a table without duplicates whose
// counts are right.
func TestParts(t *testing.T) {
	for _, shared := range []bool{false, true} {
		data := write(t, Options{Rows: 2000, SharedStrings: shared, BadRows: true})
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		parts := map[string][]byte{}
		var names []string
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			parts[f.Name], err = io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, f.Name)
			if !xmlWellFormed(parts[f.Name]) {
				t.Errorf("shared=%v: %s is not well-formed XML", shared, f.Name)
			}
		}
		want := []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"}
		if shared {
			want = append(want, "xl/sharedStrings.xml")
		}
		if !slices.Equal(names, want) {
			t.Errorf("shared=%v: parts %v, want %v", shared, names, want)
		}
		sheet := parts["xl/worksheets/sheet1.xml"]
		inline, refs := bytes.Count(sheet, []byte(`t="inlineStr"`)), bytes.Count(sheet, []byte(`t="s"`))
		ct := parts["[Content_Types].xml"]
		if !shared {
			if inline == 0 || refs != 0 || bytes.Contains(ct, []byte("sharedStrings")) || bytes.Contains(parts["xl/_rels/workbook.xml.rels"], []byte("sharedStrings")) {
				t.Errorf("inline sheet: %d inline strings, %d shared references, content types %s", inline, refs, ct)
			}
			continue
		}
		if inline != 0 || refs == 0 || !bytes.Contains(ct, []byte("sharedStrings")) {
			t.Errorf("shared sheet: %d inline strings, %d shared references", inline, refs)
		}
		var sst struct {
			Count       int `xml:"count,attr"`
			UniqueCount int `xml:"uniqueCount,attr"`
			SI          []struct {
				T string `xml:"t"`
			} `xml:"si"`
		}
		if err := xml.Unmarshal(parts["xl/sharedStrings.xml"], &sst); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, si := range sst.SI {
			if seen[si.T] {
				t.Errorf("shared strings: %q listed twice", si.T)
			}
			seen[si.T] = true
		}
		if sst.UniqueCount != len(sst.SI) || sst.Count != refs {
			t.Errorf("shared strings: count %d uniqueCount %d, %d entries, %d references", sst.Count, sst.UniqueCount, len(sst.SI), refs)
		}
		for _, s := range []string{"Rose & Crown Yard", "\n"} {
			found := false
			for t := range seen {
				found = found || strings.Contains(t, s)
			}
			if !found {
				t.Errorf("shared strings: no entry contains %q", s)
			}
		}
	}
}

func xmlWellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// TestExcelize opens both workbooks with excelize and checks cells that
// need escaping or wrapping.
func TestExcelize(t *testing.T) {
	for _, shared := range []bool{false, true} {
		data := write(t, Options{Rows: 3000, SharedStrings: shared})
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{"Customers"}) {
			t.Errorf("sheets %v", sheets)
		}
		rows, err := f.GetRows("Customers")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3001 || !slices.Equal(rows[0], Headers[:]) {
			t.Fatalf("shared=%v: %d rows, header %q", shared, len(rows), rows[0])
		}
		var amp, wrapped bool
		for i, r := range rows[1:] {
			street := r[colStreet]
			amp = amp || strings.Contains(street, "Rose & Crown Yard")
			if strings.Contains(street, "\n") {
				wrapped = true
				cell := fmt.Sprintf("E%d", i+2)
				style, err := f.GetCellStyle("Customers", cell)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(style)
				if err != nil || st.Alignment == nil || !st.Alignment.WrapText {
					t.Errorf("%s: multi-line street without wrap text (style %d, %v)", cell, style, err)
				}
			}
		}
		if !amp || !wrapped {
			t.Errorf("shared=%v: & street found %v, multi-line street found %v", shared, amp, wrapped)
		}
		f.Close()
	}
}

func TestHeadersRecognized(t *testing.T) {
	want := []string{customers.FieldCustomerID, customers.FieldFullName, customers.FieldEmail, customers.FieldPhone,
		customers.FieldStreet, customers.FieldPostalCode, customers.FieldCity, customers.FieldRegion,
		customers.FieldCountry, customers.FieldLanguage, customers.FieldDataCategories, customers.FieldActivationCode}
	for i, h := range Headers {
		if got := customers.MatchHeader(h); got != want[i] {
			t.Errorf("header %q is recognized as %q, want %q", h, got, want[i])
		}
	}
}

// TestVocabulary checks every value drawn from the lists: countries, US
// states and languages are recognized, and names have an ASCII form.
func TestVocabulary(t *testing.T) {
	for _, p := range profiles {
		for _, c := range p.country {
			if code, ok := customers.NormalizeCountry(c.s); !ok || code != p.iso {
				t.Errorf("country %q gives %q, want %s", c.s, code, p.iso)
			}
		}
		langs := slices.Clone(p.langs)
		for _, m := range p.cultures {
			langs = append(langs, m.langs...)
		}
		for _, l := range langs {
			if _, ok := customers.NormalizeLanguage(l.s); !ok {
				t.Errorf("%s: language %q not recognized", p.iso, l.s)
			}
		}
		if p.iso == "US" {
			for _, pl := range p.places {
				for _, s := range []string{pl.region, usStateNames[pl.region]} {
					if code, ok := customers.NormalizeUSState(s); !ok || code != pl.region {
						t.Errorf("US state %q gives %q, want %s", s, code, pl.region)
					}
				}
			}
		}
	}
	for _, s := range categorySets {
		for _, c := range s {
			if !slices.Contains(customers.Categories(), c) {
				t.Errorf("data category %q is not a canonical code", c)
			}
		}
	}
}

// TestUnique: ids, e-mails, activation codes and the phone numbers built
// from the row number are unique over a large sheet.
func TestUnique(t *testing.T) {
	rows := 200_000
	if testing.Short() {
		rows = 20_000
	}
	g := newGen(Options{Rows: rows, Seed: 3})
	seen := [numCols]map[string]bool{}
	for c := range seen {
		seen[c] = map[string]bool{}
	}
	for k := 1; k <= rows; k++ {
		g.row(k)
		for c := range numCols {
			if g.unique&(1<<c) == 0 {
				continue
			}
			v := string(g.cell(c))
			if seen[c][v] {
				t.Fatalf("row %d: %s %q already seen", k, Headers[c], v)
			}
			seen[c][v] = true
		}
	}
	for _, c := range []int{colID, colEmail, colPhone, colCode} {
		if len(seen[c]) < rows/4 { // phones: only where no fiction range is used
			t.Errorf("%s: only %d unique values", Headers[c], len(seen[c]))
		}
	}
}

func TestWriteErrors(t *testing.T) {
	for _, opts := range []Options{
		{Rows: -1},
		{Rows: 1, Format: "ods"},
		{Rows: 1, Format: "csv", SharedStrings: true},
		{Rows: MaxXLSXRows + 1},
	} {
		var b bytes.Buffer
		if err := Write(&b, opts); err == nil || b.Len() != 0 {
			t.Errorf("%+v: err %v, %d bytes written; want an error and nothing written", opts, err, b.Len())
		}
	}
	// An empty sheet is only the header row.
	res := read(t, write(t, Options{Format: "csv"}), "empty.csv")
	if res.st.Rows != 0 || res.st.HeaderRow != 1 {
		t.Errorf("Rows 0: %+v", res.st)
	}
}

// BenchmarkWrite measures the writer alone (the output is discarded); the
// rows/s metric is what matters for a 1,000,000-row sheet.
func BenchmarkWrite(b *testing.B) {
	const rows = 20_000
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			opts := k.opts
			opts.Rows = rows
			var n countWriter
			for b.Loop() {
				if err := Write(&n, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(n)/float64(b.N)/rows, "bytes/row")
		})
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
