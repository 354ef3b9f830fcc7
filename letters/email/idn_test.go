package email_test

import (
	"bytes"
	"net/mail"
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
)

// TestInternationalizedAddresses: the To header carries the domain in its
// ASCII form (punycode), read back by net/mail; a local part that is not
// ASCII stays UTF-8 (it has no ASCII form) and the letter warns that only
// a server with SMTPUTF8 can send the email.
func TestInternationalizedAddresses(t *testing.T) {
	env := lettertest.Load(t, "../../testdata/incident.toml")
	tests := []struct {
		addr, wantTo string
		smtputf8     bool
	}{
		{"anna.neri@example.it", "anna.neri@example.it", false},
		{"anna@bücher.de", "anna@xn--bcher-kva.de", false},
		{"Anna@BÜCHER.de", "Anna@xn--bcher-kva.de", false},
		{"maria@παράδειγμα.gr", "maria@xn--hxajbheg2az3al.gr", false},
		{"ivan@пример.рф", "ivan@xn--e1afmkfd.xn--p1ai", false},
		{"用户@例子.中国", "用户@xn--fsqu00a.xn--fiqs8s", true},
		{"josé@example.es", "josé@example.es", true},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			r := customers.Person{CustomerID: "C-1", FullName: "Anna Neri", Email: tt.addr, Street: "Via Roma 1", PostalCode: "20121", City: "Milano", Country: "IT", Language: "it"}
			d := env.Rules.Decide(env.Incident.Facts(), env.Incident.Subject(r))
			l, err := letters.Compose(letters.Input{Incident: env.Incident, Rules: env.Rules, Decision: d, Catalogs: env.Catalogs, Person: r, Date: sampleDate})
			if err != nil {
				t.Fatal(err)
			}
			var eml bytes.Buffer
			if err := email.Render(&eml, l, nil, email.Options{Date: sampleDate}); err != nil {
				t.Fatal(err)
			}
			msg, err := mail.ReadMessage(&eml)
			if err != nil {
				t.Fatal(err)
			}
			raw := msg.Header.Get("To")
			to, err := mail.ParseAddress(raw)
			if err != nil || to.Address != tt.wantTo || to.Name != "Anna Neri" {
				t.Errorf("To: %q = %v (%v), want %q", raw, to, err, tt.wantTo)
			}
			codes := []string{}
			for _, w := range l.Warnings {
				codes = append(codes, w.Code)
			}
			if got := slices.Contains(codes, letters.WarnSMTPUTF8); got != tt.smtputf8 {
				t.Errorf("warnings %q: %s %v, want %v", codes, letters.WarnSMTPUTF8, got, tt.smtputf8)
			}
			if strings.Contains(raw, "@") && !tt.smtputf8 && strings.ContainsFunc(raw, func(r rune) bool { return r >= 0x80 }) {
				t.Errorf("To: %q is not ASCII", raw)
			}
		})
	}
}
