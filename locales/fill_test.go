package locales

import (
	"testing"
)

// Every message a catalog fills in from its parts reads as its template
// writes it, and the messages of text and fields are filled in.
func TestFillIsTemplate(t *testing.T) {
	cs, err := Load(FS())
	if err != nil {
		t.Fatal(err)
	}
	filled := 0
	for lang, c := range cs {
		for _, cat := range append([]*Catalog{c}, c.variants...) {
			for k, m := range cat.compiled {
				data := map[string]any{}
				for _, p := range Placeholders(m.t.Root.String()) {
					data[p] = "<" + p + " & 'x'>"
				}
				got, ok := m.fill(data)
				if !ok {
					continue
				}
				filled++
				want, err := execute(m.t, data)
				if err != nil || got != want {
					t.Errorf("%s %s: filled in %q, template writes %q, %v", lang, k, got, want, err)
				}
			}
		}
	}
	if filled < 500 {
		t.Errorf("%d messages filled in from their parts; the catalogs have more of text and fields alone", filled)
	}
	if _, ok := cs["en"].compiled[form{"salutation", "text"}].fill(map[string]any{"Name": "Ada"}); !ok {
		t.Error("en salutation not filled in from its parts")
	}
	// A field given as anything but a string is the template's to write.
	if _, ok := cs["en"].compiled[form{"salutation", "text"}].fill(map[string]any{"Name": 3}); ok {
		t.Error("a number filled in")
	}
}
