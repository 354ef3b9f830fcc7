package letters_test

import (
	"bytes"
	"log"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/rules"
)

// A run cuts the fonts once, before its first letter, and shares the
// subset among all its workers.
func ExampleFonts_NewSubsetBuilder() {
	var (
		fonts      *letters.Fonts    // letters.LoadFonts()
		incident   *letters.Incident // letters.LoadIncident(...)
		set        *rules.Set        // rules.Load(...)
		recipients []letters.Recipient
		composed   []*letters.Letter
	)
	b := fonts.NewSubsetBuilder() // the catalogs' characters, punctuation, U+FFFD
	b.AddIncident(incident)
	b.AddRules(set)
	for _, r := range recipients { // e.g. during the pass that counts the persons
		b.AddRecipient(r)
	}
	sub, err := b.Build()
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range composed { // from any number of goroutines
		var pdf bytes.Buffer
		if err := letters.RenderPDF(&pdf, l, sub, letters.PDFOptions{}); err != nil {
			log.Fatal(err)
		}
	}
	// Letters with a character the subset lacks were rendered with the full
	// fonts (correct, at the old cost).
	log.Printf("%d letters used the full fonts", sub.FellBack())
}
