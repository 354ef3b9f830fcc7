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
	tests := []struct {
		lang, variant, date string
		months              map[int]string
	}{
		{"ru", "", "20 ноября 2026 г.", map[int]string{1: "1 месяц", 3: "3 месяца", 12: "12 месяцев", 21: "21 месяц", 24: "24 месяца"}},
		{"zh", "", "2026年11月20日", map[int]string{1: "1个月", 24: "24个月"}},
		{"it", "", "20 novembre 2026", map[int]string{1: "1 mese", 24: "24 mesi"}},
		{"fr", "", "20 novembre 2026", map[int]string{1: "1 mois", 24: "24 mois"}},
		{"en", "US", "November 20, 2026", map[int]string{1: "1 month", 24: "24 months"}},
		{"en", "GB", "20 November 2026", nil},
	}
	for _, tt := range tests {
		if got := cs[tt.lang].Date(d, tt.variant); got != tt.date {
			t.Errorf("%s %s date = %q, want %q", tt.lang, tt.variant, got, tt.date)
		}
		for n, want := range tt.months {
			if got, err := cs[tt.lang].Plural("months", n, nil); err != nil || got != want {
				t.Errorf("%s months(%d) = %q, %v; want %q", tt.lang, n, got, err, want)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]string{"fr-CA": "fr", "zh-Hans-CN": "zh", "ru-RU": "ru", "it": "it", "en-GB": "en", "de": "", "pt-BR": "", "": "", "!!": ""} {
		if got := locales.Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
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
