package fonts_test

import (
	"bytes"
	"log"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/pdf"
	"github.com/breachnotice/breachnotice/rules"
)

// A run cuts the fonts once, before its first letter, and shares the
// subset among all its workers.
func ExampleFonts_NewSubsetBuilder() {
	var (
		full     *fonts.Fonts      // fonts.LoadFonts()
		incident *letters.Incident // letters.LoadIncident(...)
		set      *rules.Set        // rules.Load(...)
		persons  []customers.Person
		composed []*letters.Letter
	)
	b := full.NewSubsetBuilder() // the catalogs' characters, punctuation, U+FFFD
	b.Add(incident.Texts()...)
	b.Add(letters.RuleTexts(set)...)
	for _, p := range persons { // e.g. during the pass that counts the persons
		b.Add(letters.PersonTexts(p)...)
	}
	sub, err := b.Build()
	if err != nil {
		log.Fatal(err)
	}
	renderer := pdf.NewRenderer(sub)
	for _, l := range composed { // from any number of goroutines
		var doc bytes.Buffer
		if _, err := renderer.Render(&doc, l, pdf.Options{}); err != nil {
			log.Fatal(err)
		}
	}
	// Letters with a character the subset lacks were rendered with the full
	// fonts (correct, at the old cost).
	log.Printf("%d letters used the full fonts", sub.FellBack())
}
