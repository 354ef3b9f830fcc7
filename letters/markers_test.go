package letters_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/locales"
)

// TestMarkersFoundInEveryRenderedLetter: for every preview letter, each
// content block the letter says it carries is found in its PDF text layer
// by its markers, and a block a law forbids is not. The audit relies on
// this to read required and forbidden content back from the files.
func TestMarkersFoundInEveryRenderedLetter(t *testing.T) {
	e := setup(t)
	for _, profile := range letters.PreviewProfiles {
		for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
			r, err := letters.PreviewPerson(lang, profile, goldenCategories[profile])
			if err != nil {
				t.Fatal(err)
			}
			l, pdf, _ := e.render(t, r)
			cat := e.cats.For(lang, r.Country) // the reader's variant (en-GB in Ireland)
			doc, err := pdftext.Parse(pdf)
			if err != nil {
				t.Fatal(err)
			}
			// A paragraph may run over a page break: the page label is not
			// part of it (the audit strips it the same way).
			text := withoutPageLabels(t, cat, letters.Squeeze(doc.Text()))
			d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
			for _, key := range l.ContentKeys {
				m := letters.Markers(cat, e.in, key)
				if m == nil {
					t.Errorf("%s-%s: no markers for content %q", profile, lang, key)
					continue
				}
				if !letters.HasMarkers(text, m) {
					t.Errorf("%s-%s: content %q: markers %q not in the PDF text", profile, lang, key, m)
				}
			}
			for _, key := range d.Content.Forbidden {
				if slices.Contains(l.ContentKeys, key) {
					t.Errorf("%s-%s: forbidden %q among the letter's content keys", profile, lang, key)
				}
				if m := letters.Markers(cat, e.in, key); m != nil && letters.HasMarkers(text, m) {
					t.Errorf("%s-%s: forbidden content %q found in the PDF text", profile, lang, key)
				}
			}
			if profile == "US-MA" && !slices.Contains(d.Content.Forbidden, "what_happened") {
				t.Fatalf("US-MA no longer forbids what_happened: this test lost its point")
			}
		}
	}
}

func TestSqueeze(t *testing.T) {
	for in, want := range map[string]string{
		"What\nHappened":          "WhatHappened",
		"Pour\u202fvous :\u00a0":  "Pourvous:",
		"第1页，\n共2页":               "第1页，共2页",
		"soft\u00adhyphen\u200b!": "softhyphen!",
	} {
		if got := letters.Squeeze(in); got != want {
			t.Errorf("Squeeze(%q) = %q, want %q", in, got, want)
		}
	}
}

// withoutPageLabels removes cat's page labels ("1/3") from squeezed text.
func withoutPageLabels(t *testing.T, cat *locales.Catalog, squeezed string) string {
	t.Helper()
	label, err := cat.Text("page", map[string]any{"Page": "\x00", "Pages": "\x01"})
	if err != nil {
		t.Fatal(err)
	}
	pat := strings.NewReplacer("\x00", `\d+`, "\x01", `\d+`).Replace(regexp.QuoteMeta(letters.Squeeze(label)))
	return regexp.MustCompile(pat).ReplaceAllString(squeezed, "")
}
