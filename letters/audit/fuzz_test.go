package audit

import (
	"os"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

// FuzzEmail: whatever bytes stand in an email file, the audit reports
// findings and never panics.
func FuzzEmail(f *testing.F) {
	file, err := os.Open("../../testdata/incident.toml")
	if err != nil {
		f.Fatal(err)
	}
	in, err := letters.LoadIncident("incident.toml", file)
	file.Close()
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("From: a@acme.example\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/html\r\n\r\n<a href=\"http://evil.example\"><img src=x></a>\r\n--x--\r\n"))
	f.Add([]byte("Content-Type: multipart/alternative; boundary=\"\"\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := &auditor{in: in, rep: newReport(Config{})}
		defer a.rep.Close()
		a.email("x.eml", outbox.Entry{Language: "en", PDFSHA256: "00"}, data, false)
		if len(data) > 0 && a.rep.FindingCount() == 0 {
			t.Errorf("%q audited clean", data)
		}
	})
}
