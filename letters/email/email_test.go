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

// A sign-off of two lines (the Chinese 此致 / 敬礼！) keeps its line break
// in the HTML part, as in the PDF and the text part.
func TestHTMLKeepsSignOffLines(t *testing.T) {
	l := &letters.Letter{Lang: "zh", Title: "通知", SignOff: "此致\n敬礼！", Signature: []string{"张三"}}
	var b strings.Builder
	if err := email.RenderHTML(&b, l); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "此致<br>敬礼！<br>张三") {
		t.Errorf("sign-off lines not kept in HTML:\n%s", b.String())
	}
}

// A URL ends where the Chinese text after it begins: the link is the
// address alone, never the words or the activation code that follow.
func TestLinksStopAtCJK(t *testing.T) {
	l := &letters.Letter{OfficialDomains: []string{"acme.example"}}
	var urls []string
	for _, s := range email.Links(l, "请访问https://www.acme.example/zh/protect，并输入您的激活码：ACT-6001。或访问https://www.acme.example。") {
		if s.URL != "" {
			urls = append(urls, s.URL)
		}
	}
	if want := []string{"https://www.acme.example/zh/protect", "https://www.acme.example"}; !slices.Equal(urls, want) {
		t.Errorf("links = %q, want %q", urls, want)
	}
}

// The email says it was sent by a program (RFC 3834), so 50,000 letters do
// not bring 50,000 out-of-office replies back.
func TestRenderMarksAutoSubmitted(t *testing.T) {
	l := &letters.Letter{Lang: "en", Title: "Notice", Subject: "Notice", FromName: "Acme", FromEmail: "privacy@acme.example",
		ToName: "Sam", ToEmail: "sam@example.com", SignOff: "Sincerely,", OfficialDomains: []string{"acme.example"}}
	var b strings.Builder
	if err := email.Render(&b, l, []byte("%PDF-1.4"), email.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\r\nAuto-Submitted: auto-generated\r\n") {
		t.Errorf("no Auto-Submitted header:\n%.600s", b.String())
	}
}
