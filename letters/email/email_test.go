package email_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/email"
)

// A URL ends where a URL ends: before the punctuation that ends the
// sentence, in any script.
func TestURLsEndBeforePunctuation(t *testing.T) {
	got := email.URLs("Go to https://www.acme.example/protect. Or (https://evil.example/acme.example), or https://acme.example/x?y=1, and «https://acme.example/»!")
	want := []string{"https://www.acme.example/protect", "https://evil.example/acme.example", "https://acme.example/x?y=1", "https://acme.example/"}
	if !slices.Equal(got, want) {
		t.Errorf("URLs = %q, want %q", got, want)
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

// A URL ends where the Chinese text after it begins: the address alone,
// never the words or the activation code that follow.
func TestURLsStopAtCJK(t *testing.T) {
	got := email.URLs("请访问https://www.acme.example/zh/protect，并输入您的激活码：ACT-6001。或访问https://www.acme.example。再见https://www.acme.example/ru/protectи")
	want := []string{"https://www.acme.example/zh/protect", "https://www.acme.example", "https://www.acme.example/ru/protect"}
	if !slices.Equal(got, want) {
		t.Errorf("URLs = %q, want %q", got, want)
	}
}

// The email says it was sent by a program (RFC 3834), so 50,000 letters do
// not bring 50,000 out-of-office replies back.
func TestRenderMarksAutoSubmitted(t *testing.T) {
	l := &letters.Letter{Lang: "en", Title: "Notice", Subject: "Notice", FromName: "Acme", FromEmail: "privacy@acme.example",
		ToName: "Sam", ToEmail: "sam@example.com", SignOff: "Sincerely,"}
	var b strings.Builder
	if err := email.Render(&b, l, []byte("%PDF-1.4"), email.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\r\nAuto-Submitted: auto-generated\r\n") {
		t.Errorf("no Auto-Submitted header:\n%.600s", b.String())
	}
}
