package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/mail"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

// htmlElements are the elements our HTML email is made of. Anything else
// (a script, an image, a form) is either tampering or customer data that
// was not escaped.
var htmlElements = []string{"html", "head", "meta", "title", "body", "div", "p", "h1", "h2", "ol", "ul", "li", "a", "br"}

// email checks one letter's email as parsed back from its bytes.
func (a *auditor) email(file string, e outbox.Entry, data []byte) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		a.add(file, CheckEmail, "parse", "does not parse as email: %v", err)
		return
	}
	for _, h := range []string{"From", "To", "Subject", "Date", "Message-Id", "Mime-Version", "Content-Language"} {
		if msg.Header.Get(h) == "" {
			a.add(file, CheckEmail, "header", "header %s is missing", h)
		}
	}
	if _, err := msg.Header.Date(); err != nil {
		a.add(file, CheckEmail, "header", "bad Date header: %v", err)
	}
	if from, err := mail.ParseAddress(msg.Header.Get("From")); err != nil {
		a.add(file, CheckEmail, "header", "bad From header: %v", err)
	} else if host := from.Address[strings.LastIndex(from.Address, "@")+1:]; !a.in.OfficialHost(host) {
		a.add(file, CheckEmail, "sender", "sent from %q, which is not an official domain of %s", host, a.in.Organization.Brand)
	}
	if got := msg.Header.Get("Content-Language"); got != "" && got != e.Language && got != e.Locale {
		a.add(file, CheckEmail, "language", "Content-Language %q, but the letter is in %q", got, e.Language)
	}
	var toName string
	if to, err := mail.ParseAddress(msg.Header.Get("To")); err == nil {
		toName = to.Name
	}
	parts, err := email.Parts(msg)
	if err != nil {
		a.add(file, CheckEmail, "mime", "bad MIME structure: %v", err)
		return
	}
	var haveText, haveHTML, havePDF bool
	for _, p := range parts {
		switch p.Type {
		case "text/plain":
			haveText = true
		case "text/html":
			haveHTML = true
			a.html(file, p.Body, toName)
		case "application/pdf":
			havePDF = true
			sum := sha256.Sum256(p.Body)
			if got := hex.EncodeToString(sum[:]); got != e.PDFSHA256 {
				a.add(file, CheckEmail, "attachment", "the attached PDF (sha256 %s) is not the letter in the manifest (%s)", short(got), short(e.PDFSHA256))
			}
		default:
			a.add(file, CheckEmail, "mime", "unexpected part %q", p.Type)
		}
	}
	if !haveText {
		a.add(file, CheckEmail, "mime", "no text/plain part")
	}
	if !haveHTML {
		a.add(file, CheckEmail, "mime", "no text/html part")
	}
	if !havePDF {
		a.add(file, CheckEmail, "attachment", "no PDF attached")
	}
}

// html checks the HTML part: only our elements, no remote content, links
// only to official domains, the reader's name escaped.
func (a *auditor) html(file string, body []byte, toName string) {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if !slices.Contains(htmlElements, tok.Data) {
			a.add(file, CheckEmail, "html_element", "HTML has a <%s> element: tampering, or customer data that was not escaped", tok.Data)
		}
		for _, at := range tok.Attr {
			key, val := strings.ToLower(at.Key), strings.ToLower(at.Val)
			switch {
			case key == "src" || key == "srcset" || key == "background" || key == "poster":
				a.add(file, CheckEmail, "remote_content", "HTML loads remote content (%s=%q): it tracks the reader and can be faked", key, at.Val)
			case key == "style" && (strings.Contains(val, "url(") || strings.Contains(val, "@import")):
				a.add(file, CheckEmail, "remote_content", "HTML style loads remote content: %q", at.Val)
			case strings.HasPrefix(key, "on"):
				a.add(file, CheckEmail, "html_element", "HTML has an event handler %s", key)
			case key == "href" && tok.Data == "a":
				if !a.in.Official(at.Val) {
					a.add(file, CheckEmail, "link", "HTML links to %q, which is not on an official domain of %s", at.Val, a.in.Organization.Brand)
				}
			case key == "href":
				a.add(file, CheckEmail, "remote_content", "HTML <%s> refers to %q", tok.Data, at.Val)
			}
		}
	}
	if strings.ContainsAny(toName, "<>&\"") && bytes.Contains(body, []byte(toName)) {
		a.add(file, CheckEmail, "escaping", "the reader's name appears unescaped in the HTML part")
	}
}
