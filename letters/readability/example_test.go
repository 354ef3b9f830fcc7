package readability_test

import (
	"fmt"

	"github.com/breachnotice/breachnotice/letters/readability"
)

func Example() {
	// Text as extracted from a letter's PDF: wrapped lines, a heading, a
	// numbered list, the signature.
	letter := `Dear Alex Morgan,
We are writing because some of your personal information was exposed in a data
breach at Acme. We are sorry. It was our job to keep your information safe, and we
failed.
What You Can Do
1. Change your Acme password at https://www.acme.example.
2. Turn on two-step verification for your account.
Out of an abundance of caution, we have also reset your password.
Sincerely,
Marco Rossi`
	r, err := readability.Analyze("en", letter)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %.1f (should be %s than %g)\n", r.Index.Name, r.Index.Value, r.Index.Better, r.Index.Threshold)
	fmt.Printf("%d sentences, %d words, %d syllables; headings %q\n", r.Sentences, r.Words, r.Syllables, r.Headings)
	fmt.Println("apology:", r.Apology, "- ownership:", r.Ownership, "- numbered steps:", r.NumberedSteps)
	for _, w := range r.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// Flesch reading ease: 74.0 (should be higher than 60)
	// 6 sentences, 57 words, 83 syllables; headings ["What You Can Do"]
	// apology: true - ownership: true - numbered steps: true
	// hedge (line 8): hedging phrase "out of an abundance of caution": Out of an abundance of caution, we have also reset your password.
}
