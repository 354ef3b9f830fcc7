package email_test

import (
	"bytes"
	"crypto/sha256"
	"regexp"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/email"
)

// TestMessageIDFromThePDFsHash: an email with the PDF attached is the
// same bytes whether the caller gives the PDF's sha256 (as the run does,
// from the PDF writer) or Render computes it; another PDF gives another
// Message-ID.
func TestMessageIDFromThePDFsHash(t *testing.T) {
	l := &letters.Letter{Lang: "en", Title: "Notice", Subject: "Notice", FromName: "Acme", FromEmail: "privacy@acme.example",
		ToName: "Sam", ToEmail: "sam@example.com"}
	render := func(pdf []byte, sum [sha256.Size]byte) []byte {
		var b bytes.Buffer
		if err := email.Render(&b, l, pdf, email.Options{Date: sampleDate, AttachPDF: true, PDFSHA256: sum}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	pdf := []byte("%PDF-1.7 one letter")
	given := render(pdf, sha256.Sum256(pdf))
	if computed := render(pdf, [sha256.Size]byte{}); !bytes.Equal(given, computed) {
		t.Error("the email differs when the PDF's hash is given")
	}
	id := regexp.MustCompile(`Message-ID: (\S+)`)
	other := []byte("%PDF-1.7 another letter")
	if a, b := id.Find(given), id.Find(render(other, sha256.Sum256(other))); a == nil || bytes.Equal(a, b) {
		t.Errorf("Message-ID %s for both PDFs", a)
	}
}
