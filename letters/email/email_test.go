package email_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/email"
)

func TestLinksSplitsOnlyOfficialURLs(t *testing.T) {
	l := &letters.Letter{OfficialDomains: []string{"acme.example"}}
	got := email.Links(l, "Go to https://www.acme.example/protect. Or https://evil.example/acme.example, or https://acme.example.evil.test/x and https://user@acme.example/")
	var links []string
	for _, s := range got {
		if s.URL != "" {
			links = append(links, s.URL)
		}
	}
	if want := []string{"https://www.acme.example/protect"}; !slices.Equal(links, want) {
		t.Errorf("links = %q, want %q", links, want)
	}
	var all strings.Builder
	for _, s := range got {
		all.WriteString(s.Text)
	}
	if !strings.HasPrefix(all.String(), "Go to https://www.acme.example/protect. Or https://evil.example") {
		t.Errorf("text not preserved: %q", all.String())
	}
}
