package locales_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/breachnotice/breachnotice/locales"
)

func TestCatalogsComplete(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatalf("shipped catalogs fail their own checks:\n%v", err)
	}
	for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
		if cs[lang] == nil {
			t.Errorf("no catalog for %s", lang)
		}
	}
}

func TestLoadCatchesMissingAndMismatchedMessages(t *testing.T) {
	en := "language = \"en\"\nname = \"E\"\nmonths = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\",\"12\"]\ndate_layout = \"{d}\"\n[messages]\nhello = { text = \"Hello {{.Name}}\" }\nbye = { text = \"Bye\" }\n"
	it := strings.Replace(strings.Replace(en, `"en"`, `"it"`, 1), `Hello {{.Name}}`, `Ciao {{.Nome}}`, 1)
	it = strings.Replace(it, "bye = { text = \"Bye\" }\n", "", 1)
	fsys := fstest.MapFS{"en.toml": {Data: []byte(en)}, "it.toml": {Data: []byte(it)}}
	_, err := locales.Load(fsys)
	if err == nil {
		t.Fatal("no error for a missing message and a changed placeholder")
	}
	for _, want := range []string{`locales/it.toml: locales: missing message "bye"`, `message "hello" uses placeholders [Nome], English uses [Name]`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestDatesAndPlurals(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	d := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	first := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	// A date's parts are joined by no-break spaces (U+00A0): it is never
	// broken across lines. French and Italian write the 1st as an ordinal.
	tests := []struct {
		lang, variant, date, first string
		months                     map[int]string
	}{
		{"ru", "", "20\u00a0ноября\u00a02026\u00a0г.", "1\u00a0ноября\u00a02026\u00a0г.", map[int]string{1: "1 месяц", 3: "3 месяца", 12: "12 месяцев", 21: "21 месяц", 24: "24 месяца"}},
		{"zh", "", "2026年11月20日", "2026年11月1日", map[int]string{1: "1个月", 24: "24个月"}},
		{"it", "", "20\u00a0novembre\u00a02026", "1º\u00a0novembre\u00a02026", map[int]string{1: "1 mese", 24: "24 mesi"}},
		{"fr", "", "20\u00a0novembre\u00a02026", "1er\u00a0novembre\u00a02026", map[int]string{1: "1 mois", 24: "24 mois"}},
		{"en", "US", "November\u00a020,\u00a02026", "November\u00a01,\u00a02026", map[int]string{1: "1 month", 24: "24 months"}},
		{"en", "GB", "20\u00a0November\u00a02026", "1\u00a0November\u00a02026", nil},
	}
	for _, tt := range tests {
		if got := cs[tt.lang].Date(d, tt.variant); got != tt.date {
			t.Errorf("%s %s date = %q, want %q", tt.lang, tt.variant, got, tt.date)
		}
		if got := cs[tt.lang].Date(first, tt.variant); got != tt.first {
			t.Errorf("%s %s date of the 1st = %q, want %q", tt.lang, tt.variant, got, tt.first)
		}
		for n, want := range tt.months {
			if got, err := cs[tt.lang].Plural("months", n, nil); err != nil || got != want {
				t.Errorf("%s months(%d) = %q, %v; want %q", tt.lang, n, got, err, want)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	// Twice: the second answers are the remembered ones.
	for range 2 {
		for in, want := range map[string]string{"fr-CA": "fr", "zh-Hans-CN": "zh", "ru-RU": "ru", "it": "it", "en-GB": "en", "de": "", "pt-BR": "", "": "", "!!": ""} {
			if got := locales.Match(in); got != want {
				t.Errorf("Match(%q) = %q, want %q", in, got, want)
			}
		}
	}
}

func TestTextMissingFieldFails(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs["en"].Text("salutation", map[string]any{}); err == nil {
		t.Error("a message rendered without its placeholder value")
	}
}

func TestPageLabels(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"en": "Page 2 of 3", "it": "Pagina 2 di 3", "fr": "Page 2 sur 3", "ru": "Страница 2 из 3", "zh": "第2页，共3页"} {
		if got, err := cs[lang].Text("page", map[string]any{"Page": 2, "Pages": 3}); err != nil || got != want {
			t.Errorf("%s page label = %q, %v; want %q", lang, got, err, want)
		}
	}
}

// An Italian date takes the article il, elided before 8 and 11.
func TestItalianArticleBeforeDates(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	it := cs["it"]
	for day, want := range map[int]string{1: "entro il 1º marzo 2027", 3: "entro il 3 marzo 2027", 8: "entro l'8 marzo 2027", 11: "entro l'11 marzo 2027", 18: "entro il 18 marzo 2027", 28: "entro il 28 marzo 2027"} {
		date := it.Date(time.Date(2027, 3, day, 0, 0, 0, 0, time.UTC), "IT")
		got, err := it.Text("offer_no_code", map[string]any{"Months": "12 mesi", "Provider": "P", "URL": "https://p.example", "EnrollBy": date})
		if err != nil || !strings.Contains(strings.ReplaceAll(got, "\u00a0", " "), want) {
			t.Errorf("offer by %s = %q, %v; want it to contain %q", date, got, err, want)
		}
	}
}

// Every English message tells translators where it appears and what binds
// it; the other languages translate from these notes.
func TestEnglishMessagesHaveNotes(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range cs["en"].Keys() {
		if m, _ := cs["en"].Message(k); strings.TrimSpace(m.Note) == "" {
			t.Errorf("locales/en.toml: message %q has no note for translators", k)
		}
	}
}

// Each step.identity_local.* message, in every language, names what a
// resident can do locally; the English note gives its sources.
func TestLocalIdentityStepsHaveSources(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, country := range []string{"IT", "FR", "GB", "RU", "CN"} {
		key := "step.identity_local." + country
		m, ok := cs["en"].Message(key)
		if !ok {
			t.Errorf("no %s", key)
			continue
		}
		if !strings.Contains(m.Note, "https://") && !strings.Contains(m.Note, "http://") {
			t.Errorf("%s: the English note names no source", key)
		}
		for lang, c := range cs {
			if s, err := c.Text(key, nil); err != nil || strings.TrimSpace(s) == "" {
				t.Errorf("%s %s: %q, %v", lang, key, s, err)
			}
		}
	}
}

func TestNumber(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	// What golang.org/x/text/message prints: French groups with U+00A0
	// (its CLDR data predates French's U+202F), Russian with U+00A0.
	tests := []struct {
		lang string
		want map[int]string
	}{
		{"en", map[int]string{0: "0", 999: "999", 1234: "1,234", 1234567: "1,234,567", -1234: "-1,234"}},
		{"it", map[int]string{0: "0", 999: "999", 1234: "1.234", 1234567: "1.234.567", -1234: "-1.234"}},
		{"fr", map[int]string{0: "0", 999: "999", 1234: "1\u00a0234", 1234567: "1\u00a0234\u00a0567", -1234: "-1\u00a0234"}},
		{"ru", map[int]string{0: "0", 999: "999", 1234: "1\u00a0234", 1234567: "1\u00a0234\u00a0567", -1234: "-1\u00a0234"}},
		{"zh", map[int]string{0: "0", 999: "999", 1234: "1,234", 1234567: "1,234,567", -1234: "-1,234"}},
	}
	for _, tt := range tests {
		for n, want := range tt.want {
			if got := cs[tt.lang].Number(n); got != want {
				t.Errorf("%s Number(%d) = %q, want %q", tt.lang, n, got, want)
			}
		}
	}
}

// Numbers are grouped the language's way; %q shows the no-break spaces.
func ExampleCatalog_Number() {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		panic(err)
	}
	for _, lang := range []string{"en", "it", "fr", "ru", "zh"} {
		fmt.Printf("%s %q\n", lang, cs[lang].Number(1234567))
	}
	// Output:
	// en "1,234,567"
	// it "1.234.567"
	// fr "1\u00a0234\u00a0567"
	// ru "1\u00a0234\u00a0567"
	// zh "1,234,567"
}

// Russian has three plural forms for whole numbers.
func ExampleCatalog_Plural() {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		panic(err)
	}
	for _, n := range []int{1, 3, 5, 21} {
		s, _ := cs["ru"].Plural("months", n, nil)
		fmt.Println(s)
	}
	// Output:
	// 1 месяц
	// 3 месяца
	// 5 месяцев
	// 21 месяц
}
