package letters_test

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/locales"
)

// variantCatalogs loads the shipped catalogs with an en-GB variant.
func variantCatalogs(t *testing.T) locales.Catalogs {
	t.Helper()
	fsys := fstest.MapFS{"en-GB.toml": {Data: []byte(`language = "en-GB"
parent = "en"
name = "English (United Kingdom)"
countries = ["GB", "IE"]
[messages]
title = { text = "Notice of a personal data breach" }
sign_off = { text = "Yours sincerely," }
`)}}
	names, _ := fs.Glob(locales.FS(), "*.toml")
	for _, n := range names {
		data, err := fs.ReadFile(locales.FS(), n)
		if err != nil {
			t.Fatal(err)
		}
		if n != "en-GB.toml" { // the test's own en-GB stands in for the shipped one
			fsys[n] = &fstest.MapFile{Data: data}
		}
	}
	cats, err := locales.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cats
}

func TestComposePicksTheReadersVariant(t *testing.T) {
	e := setup(t)
	e.cats = variantCatalogs(t)
	gb := people["en"]
	gb.Country, gb.Region, gb.City, gb.PostalCode, gb.Street = "GB", "", "London", "SW1A 1AA", "10 Downing Street"
	gbText := e.in.Incident.Text["en"]
	gbText.WhatHappened = "On 19 November our security team found an unauthorised access."
	e.in.Incident.Text["en-GB"] = gbText
	tests := []struct {
		name                   string
		country, lang          string
		locale, signOff, title string
		happened               string
	}{
		{name: "GB reader in English", country: "GB", lang: "en", locale: "en-GB", signOff: "Yours sincerely,", title: "Notice of a personal data breach", happened: "unauthorised access"},
		{name: "IE reader in English", country: "IE", lang: "en-IE", locale: "en-GB", signOff: "Yours sincerely,", title: "Notice of a personal data breach", happened: "unauthorised access"},
		{name: "US reader", country: "US", lang: "en", locale: "en", signOff: "Sincerely,", title: "Notice of Data Breach"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := people["en"]
			if tt.country != "US" {
				r = gb
			}
			r.Country, r.Language = tt.country, tt.lang
			d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
			l, err := letters.Compose(letters.Input{Incident: e.in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: r, Date: now})
			if err != nil {
				t.Fatal(err)
			}
			if l.Lang != "en" || l.Locale != tt.locale {
				t.Errorf("Lang, Locale = %q, %q; want en, %q", l.Lang, l.Locale, tt.locale)
			}
			if l.SignOff != tt.signOff || !strings.HasPrefix(l.Title, tt.title) {
				t.Errorf("sign-off %q, title %q; want %q, %q", l.SignOff, l.Title, tt.signOff, tt.title)
			}
			var all strings.Builder
			l.EachText(func(s string, _, _ bool) { all.WriteString(s + "\n") })
			if tt.happened != "" && !strings.Contains(all.String(), tt.happened) {
				t.Errorf("letter lacks the en-GB incident text %q", tt.happened)
			}
			if tt.happened == "" && strings.Contains(all.String(), "unauthorised") {
				t.Error("US letter carries the en-GB incident text")
			}
		})
	}
}

func TestIncidentTextLanguagesChecked(t *testing.T) {
	src, err := os.ReadFile("../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, want string
	}{
		{"fr-BE", ""},
		{"en-AU", ""},
		{"en_GB", `"en_GB" is not a language`},
		{"english", `"english" is not a language`},
		{"fr-ca", `"fr-ca" is not a language`},
		{"de-AT", "incident.text.de-AT is given without [incident.text.de]"},
	}
	for _, tt := range tests {
		bad := append(bytes.Clone(src), []byte("\n[incident.text."+tt.key+"]\nwhat_happened = \"x\"\nwhat_we_are_doing = \"y\"\n")...)
		_, err := letters.LoadIncident("incident.toml", bytes.NewReader(bad))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.key, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error = %v, want %q", tt.key, err, tt.want)
		}
	}
}

// TestContentTextWithVariants: a variant has every message (its own or its
// parent's), so the rules' content keys can be written in it as before.
func TestContentTextWithVariants(t *testing.T) {
	e := setup(t)
	if got := letters.MissingContentText(e.set, variantCatalogs(t)); len(got) > 0 {
		t.Errorf("MissingContentText with an en-GB variant: %v", got)
	}
	gb := variantCatalogs(t).Locale("en-GB")
	for _, k := range variantCatalogs(t)["en"].Keys() {
		if !gb.Has(k) {
			t.Errorf("en-GB lacks %q", k)
		}
	}
}
