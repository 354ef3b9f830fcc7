package locales_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/breachnotice/breachnotice/locales"
)

// withVariants returns the shipped catalogs plus the given files.
func withVariants(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	names, err := fs.Glob(locales.FS(), "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(locales.FS(), n)
		if err != nil {
			t.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: data}
	}
	for n, s := range files {
		fsys[n] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

const enGB = `language = "en-GB"
parent = "en"
name = "English (United Kingdom)"
countries = ["GB", "IE"]
[messages]
title = { text = "Notice of a personal data breach" }
sign_off = { text = "Yours sincerely," }
months = { one = "{{.N}} month", other = "{{.N}} months" }
`

const frCA = `language = "fr-CA"
parent = "fr"
name = "Français (Canada)"
countries = ["CA"]
date_layout = "{d} {month} {yyyy}"
[messages]
sign_off = { text = "Veuillez agréer nos salutations distinguées," }
`

func TestVariantsLoadAndFallBack(t *testing.T) {
	cs, err := locales.Load(withVariants(t, map[string]string{"en-GB.toml": enGB, "fr-CA.toml": frCA}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cs.Locales(), []string{"en", "en-GB", "fr", "fr-CA", "it", "ru", "zh"}; !slices.Equal(got, want) {
		t.Errorf("Locales() = %v, want %v", got, want)
	}
	tests := []struct {
		lang, country, locale, signOff string
	}{
		{"en", "GB", "en-GB", "Yours sincerely,"},
		{"en", "IE", "en-GB", "Yours sincerely,"},
		{"en", "US", "en", "Sincerely,"},
		{"en", "", "en", "Sincerely,"},
		{"fr", "CA", "fr-CA", "Veuillez agréer nos salutations distinguées,"},
		{"fr", "FR", "fr", ""},
		{"it", "GB", "it", ""}, // a variant is for readers whose letter language is its parent
	}
	for _, tt := range tests {
		c := cs.For(tt.lang, tt.country)
		if c == nil {
			t.Fatalf("For(%q, %q) = nil", tt.lang, tt.country)
		}
		if c.Locale() != tt.locale || c.Lang() != tt.lang {
			t.Errorf("For(%q, %q) = %s (lang %s), want %s", tt.lang, tt.country, c.Locale(), c.Lang(), tt.locale)
		}
		if cs.Locale(tt.locale) != c {
			t.Errorf("Locale(%q) is not For(%q, %q)", tt.locale, tt.lang, tt.country)
		}
		if tt.signOff == "" {
			continue
		}
		if got, err := c.Text("sign_off", nil); err != nil || got != tt.signOff {
			t.Errorf("For(%q, %q) sign_off = %q, %v; want %q", tt.lang, tt.country, got, err, tt.signOff)
		}
	}
	gb := cs.For("en", "GB")
	// Not overridden: the parent's message, plural and dates.
	want, _ := cs["en"].Text("verify", map[string]any{"Website": "https://x.example"})
	if got, err := gb.Text("verify", map[string]any{"Website": "https://x.example"}); err != nil || got != want {
		t.Errorf("en-GB verify = %q, %v; want the parent's %q", got, err, want)
	}
	if got, _ := gb.Plural("months", 24, nil); got != "24 months" {
		t.Errorf("en-GB months = %q", got)
	}
	d := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	if got := gb.Date(d, "GB"); got != "20\u00a0November\u00a02026" {
		t.Errorf("en-GB date = %q", got)
	}
	if got := cs.For("fr", "CA").Date(d, "CA"); got != "20\u00a0novembre\u00a02026" {
		t.Errorf("fr-CA date = %q", got)
	}
	if m, ok := gb.Message("title"); !ok || m.Text != "Notice of a personal data breach" || m.Note == "" {
		t.Errorf("en-GB title = %+v, %v: want its own text with the parent's note", m, ok)
	}
	if !slices.Equal(gb.Keys(), cs["en"].Keys()) {
		t.Error("en-GB keys differ from en's")
	}
	if got := gb.Overrides(); !slices.Equal(got, []string{"months", "sign_off", "title"}) {
		t.Errorf("Overrides() = %v", got)
	}
	if cs.For("de", "DE") != nil || cs.Locale("en-US") != nil {
		t.Error("a language or locale without a catalog has one")
	}
}

func TestVariantsRejected(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no parent catalog", map[string]string{"de-AT.toml": strings.NewReplacer(`"en-GB"`, `"de-AT"`, `"en"`, `"de"`).Replace(enGB)},
			`locales/de-AT.toml: locales: parent "de" has no catalog`},
		{"key not in parent", map[string]string{"en-GB.toml": enGB + "colour = { text = \"Colour\" }\n"},
			`locales/en-GB.toml: locales: message "colour" is not in parent "en"`},
		{"placeholders differ", map[string]string{"en-GB.toml": enGB + "verify = { text = \"Visit {{.Site}}.\" }\n"},
			`message "verify" uses placeholders [Site], parent "en" uses [Website]`},
		{"placeholder dropped", map[string]string{"en-GB.toml": enGB + "verify = { text = \"Visit our website.\" }\n"},
			`message "verify" uses placeholders [], parent "en" uses [Website]`},
		{"plural as text", map[string]string{"en-GB.toml": strings.Replace(enGB, `months = { one = "{{.N}} month", other = "{{.N}} months" }`, `months = { text = "{{.N}} months" }`, 1)},
			`message "months" is a text, in parent "en" plural`},
		{"not an ISO country", map[string]string{"en-GB.toml": strings.Replace(enGB, `"IE"]`, `"UK"]`, 1)},
			`country "UK" is not an ISO 3166-1 alpha-2 country code`},
		{"lower case country", map[string]string{"en-GB.toml": strings.Replace(enGB, `"IE"]`, `"ie"]`, 1)},
			`country "ie" is not an ISO 3166-1 alpha-2 country code`},
		{"no countries", map[string]string{"en-GB.toml": strings.Replace(enGB, `countries = ["GB", "IE"]`, ``, 1)},
			`countries is missing`},
		{"two variants claim a country", map[string]string{"en-GB.toml": enGB, "en-IE.toml": strings.NewReplacer(`"en-GB"`, `"en-IE"`, `["GB", "IE"]`, `["IE"]`).Replace(enGB)},
			`locales/en-IE.toml: locales: country "IE" is claimed by both "en-GB" and "en-IE"`},
		{"language without region", map[string]string{"en-GB.toml": strings.Replace(enGB, `language = "en-GB"`, `language = "en-Latn"`, 1)},
			`language "en-Latn" is not parent "en" with a region`},
		{"language of another parent", map[string]string{"en-GB.toml": strings.Replace(enGB, `language = "en-GB"`, `language = "fr-BE"`, 1)},
			`language "fr-BE" is not parent "en" with a region`},
		{"eleven months", map[string]string{"en-GB.toml": strings.Replace(enGB, "[messages]", "months = [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]\n[messages]", 1)},
			`months must list 12 names, has 11`},
		{"unknown key", map[string]string{"en-GB.toml": strings.Replace(enGB, "[messages]", "spelling = \"British\"\n[messages]", 1)},
			`unknown key "spelling"`},
		{"countries on a base catalog", map[string]string{"de.toml": "language = \"de\"\ncountries = [\"DE\"]\n"},
			`countries given without parent`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := locales.Load(withVariants(t, tt.files))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error lacks %q:\n%v", tt.want, err)
			}
		})
	}
}

func TestTextsIncludeVariants(t *testing.T) {
	texts, err := locales.Texts(withVariants(t, map[string]string{"en-GB.toml": enGB}))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(texts, "Yours sincerely,") || !slices.Contains(texts, "English (United Kingdom)") {
		t.Error("Texts lacks the en-GB variant's strings")
	}
}
