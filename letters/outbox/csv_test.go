package outbox_test

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

func TestNeutraliseCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+1 212 555 0100", "'+1 212 555 0100"},
		{"-2+3", "'-2+3"}, // Excel runs it: 1
		{"@x", "'@x"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-5", "-5"}, // a plain number runs nothing
		{"+2.5", "+2.5"},
		{"-", "'-"},
		{"-1.2.3", "'-1.2.3"},
		{"'=x", "''=x"}, // apostrophes before a formula: one more
		{"'x", "'x"},
		{"'-5", "'-5"},
		{"ok", "ok"},
		{"C-4", "C-4"},
		{"Роскомнадзор", "Роскомнадзор"},
		{"", ""},
	} {
		if got := outbox.NeutraliseCell(c.in); got != c.want {
			t.Errorf("NeutraliseCell(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := outbox.UnneutraliseCell(outbox.NeutraliseCell(c.in)); got != c.in {
			t.Errorf("UnneutraliseCell(NeutraliseCell(%q)) = %q", c.in, got)
		}
	}
}

func TestUnneutraliseDropsOnlyTheAddedApostrophe(t *testing.T) {
	for in, want := range map[string]string{"'-2+3": "-2+3", "''=x": "'=x", "'x": "'x", "'": "'", "x'": "x'"} {
		if got := outbox.UnneutraliseCell(in); got != want {
			t.Errorf("UnneutraliseCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzNeutraliseRoundTrip(f *testing.F) {
	for _, s := range []string{"-2+3", "'=x", "''", "-5", "\t", "'@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := outbox.NeutraliseCell(s)
		if got := outbox.UnneutraliseCell(n); got != s {
			t.Fatalf("round trip of %q: %q -> %q", s, n, got)
		}
		if n != "" && strings.ContainsRune("=+-@\t\r", rune(n[0])) && !isNumber(n) {
			t.Fatalf("NeutraliseCell(%q) = %q still begins a formula", s, n)
		}
	})
}

func isNumber(s string) bool {
	return strings.Trim(s, "+-0123456789.") == "" && strings.IndexAny(s, "0123456789") >= 0 && strings.LastIndexAny(s, "+-") <= 0 && strings.Count(s, ".") <= 1
}

func TestParseDelimiter(t *testing.T) {
	for in, want := range map[string]rune{"": ',', ",": ',', ";": ';', "tab": '\t', "\t": '\t'} {
		if got, err := outbox.ParseDelimiter(in); err != nil || got != want {
			t.Errorf("ParseDelimiter(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"|", ";;", "TAB", "semicolon"} {
		if _, err := outbox.ParseDelimiter(in); !errors.Is(err, outbox.ErrDelimiter) {
			t.Errorf("ParseDelimiter(%q): error %v, want ErrDelimiter", in, err)
		}
	}
}

// rows written with every delimiter, read back with and without the BOM
// (a run written before CSVs carried one), give the values written.
func TestCSVRoundTrip(t *testing.T) {
	rows := [][]string{
		{"row", "customer_id", "column", "reason"},
		{"2", "-2+3", "email", "bad; address, \"quoted\""},
		{"3", "=HYPERLINK(\"http://evil.example\")", "", "Роскомнадзор\ttab"},
		{"4", "'=x", "-5", "line\nbreak"},
	}
	for _, comma := range []rune{',', ';', '\t'} {
		var b bytes.Buffer
		w, err := outbox.NewCSV(&b, comma)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		data := b.Bytes()
		if !bytes.HasPrefix(data, []byte("\xef\xbb\xbfrow"+string(comma)+"customer_id")) {
			t.Errorf("%q: starts %q, want the BOM and the header", comma, data[:min(len(data), 20)])
		}
		if !bytes.Contains(data, []byte("'-2+3")) {
			t.Errorf("%q: -2+3 not neutralised in %q", comma, data)
		}
		for name, in := range map[string][]byte{"with BOM": data, "without BOM": bytes.TrimPrefix(data, []byte(outbox.BOM))} {
			got, err := outbox.ReadCSV(bytes.NewReader(in))
			if err != nil {
				t.Fatalf("%q %s: %v", comma, name, err)
			}
			if !slices.EqualFunc(got, rows, slices.Equal) {
				t.Errorf("%q %s: read back %q, want %q", comma, name, got, rows)
			}
		}
	}
}

func TestReadCSVOfAnOldRun(t *testing.T) {
	// As written before CSVs carried a BOM: comma, apostrophes added.
	old := "row,customer_id,column,reason\n2,'-2+3,email,bad\n3,C-3,,\"a, b\"\n"
	got, err := outbox.ReadCSV(strings.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"row", "customer_id", "column", "reason"}, {"2", "-2+3", "email", "bad"}, {"3", "C-3", "", "a, b"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("read %q, want %q", got, want)
	}
}

func TestExcelDate(t *testing.T) {
	rome, _ := time.LoadLocation("Europe/Rome")
	for _, tt := range []struct {
		t    time.Time
		want float64
	}{
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), 61},
		{time.Date(2026, 11, 23, 18, 0, 0, 0, rome), 46349.75}, // the wall clock, not the instant
		{time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC), 46349.75},
	} {
		if got := outbox.ExcelDate(tt.t); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("ExcelDate(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}
