package letters_test

import (
	"testing"

	"github.com/breachnotice/breachnotice/letters"
)

// TestOfficialHostInASCIIForm: an internationalized official domain is
// the same domain in its ASCII form (punycode, as the email's headers
// write it), either way round.
func TestOfficialHostInASCIIForm(t *testing.T) {
	for _, tt := range []struct {
		domains []string
		host    string
		want    bool
	}{
		{[]string{"bücher.de"}, "xn--bcher-kva.de", true},
		{[]string{"bücher.de"}, "mail.XN--BCHER-KVA.de", true},
		{[]string{"xn--bcher-kva.de"}, "bücher.de", true},
		{[]string{"Acme.example"}, "www.acme.example.", true},
		{[]string{"bücher.de"}, "xn--bcher-kva.de.evil.example", false},
		{[]string{"bücher.de"}, "bucher.de", false},
	} {
		in := &letters.Incident{}
		in.Organization.OfficialDomains = tt.domains
		if got := in.OfficialHost(tt.host); got != tt.want {
			t.Errorf("OfficialHost(%q) with %q = %v, want %v", tt.host, tt.domains, got, tt.want)
		}
	}
}
