package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/locales"
)

// htmlElements are the elements our HTML email is made of. Anything else
// (a script, an image, a form) is either tampering or customer data that
// was not escaped. Links (a) are checked on their own.
var htmlElements = []string{"html", "head", "meta", "title", "body", "div", "p", "h1", "h2", "ol", "ul", "li", "a", "br"}

// email checks one letter's email as parsed back from its bytes; attached
// says whether the run attached the PDFs (attach_pdf, recorded
// in the summary).
func (a *auditor) email(file string, e outbox.Entry, data []byte, attached bool) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		a.add(file, CheckEmail, "parse", "does not parse as email: %v", err)
		return
	}
	a.emailHeaders(file, e, msg)
	a.folded(file, data)
	var toName string
	if to, err := mail.ParseAddress(msg.Header.Get("To")); err == nil {
		toName = to.Name
	}
	parts, err := email.Parts(msg)
	if err != nil {
		a.add(file, CheckEmail, "mime", "bad MIME structure: %v", err)
		return
	}
	var text []byte
	var doc *htmlDoc
	var havePDF bool
	for _, p := range parts {
		switch p.Type {
		case "text/plain":
			text = p.Body
		case "text/html":
			doc = a.html(file, p.Body, toName)
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
	if text == nil {
		a.add(file, CheckEmail, "mime", "no text/plain part")
	}
	if doc == nil {
		a.add(file, CheckEmail, "mime", "no text/html part")
		doc = &htmlDoc{}
	}
	switch {
	case attached && !havePDF:
		a.add(file, CheckEmail, "attachment", "no PDF attached, but the run attached the letters (attach_pdf in summary.json)")
	case !attached && havePDF:
		a.add(file, CheckEmail, "attachment", "a PDF is attached, but the run attached none (attach_pdf in summary.json): an attachment nobody chose")
	}
	a.emailLinks(file, e, string(text), doc)
}

// emailHeaders checks the header fields of a letter's email.
func (a *auditor) emailHeaders(file string, e outbox.Entry, msg *mail.Message) {
	for _, h := range []string{"From", "To", "Subject", "Date", "Message-Id", "Mime-Version", "Content-Language", "Auto-Submitted"} {
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
}

// folded checks that the message's header lines are folded within 78
// characters (RFC 5322 §2.1.1), as breachnotice writes them: a longer one
// is an unfolded field, which some mail systems cut or reject.
func (a *auditor) folded(file string, data []byte) {
	head, _, _ := bytes.Cut(data, []byte("\r\n\r\n"))
	for _, line := range bytes.Split(head, []byte("\r\n")) {
		if len(line) > 78 {
			name, _, _ := strings.Cut(string(line), ":")
			a.add(file, CheckEmail, "header_folding", "a header line of %d characters (%s…): not folded within 78", len(line), firstWords(name))
			return
		}
	}
}

// htmlDoc is what the audit reads of an HTML part: its links and its
// text, one string per text node.
type htmlDoc struct {
	links []anchor
	text  []string
}

// anchor is a link: where it goes and the text shown.
type anchor struct{ href, text string }

// html checks the HTML part: only our elements, no remote content, links
// only to official domains, the reader's name escaped. It returns the
// part's links and text for emailLinks.
func (a *auditor) html(file string, body []byte, toName string) *htmlDoc {
	doc := &htmlDoc{}
	in := -1 // the link being read, if any
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if strings.ContainsAny(toName, "<>&\"") && bytes.Contains(body, []byte(toName)) {
				a.add(file, CheckEmail, "escaping", "the reader's name appears unescaped in the HTML part")
			}
			return doc
		case html.TextToken:
			t := string(z.Text())
			doc.text = append(doc.text, t)
			if in >= 0 {
				doc.links[in].text += t
			}
			continue
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "a" {
				in = -1
			}
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		tok := z.Token()
		if !slices.Contains(htmlElements, tok.Data) {
			a.add(file, CheckEmail, "html_element", "HTML has a <%s> element: tampering, or customer data that was not escaped", tok.Data)
		}
		for _, at := range tok.Attr {
			if tok.Data == "a" && strings.EqualFold(at.Key, "href") {
				doc.links = append(doc.links, anchor{href: at.Val})
				in = len(doc.links) - 1
			}
			a.htmlAttr(file, tok.Data, at)
		}
	}
}

// htmlAttr checks one attribute of an HTML element.
func (a *auditor) htmlAttr(file, element string, at html.Attribute) {
	key, val := strings.ToLower(at.Key), strings.ToLower(at.Val)
	switch {
	case key == "src" || key == "srcset" || key == "background" || key == "poster":
		a.add(file, CheckEmail, "remote_content", "HTML loads remote content (%s=%q): it tracks the reader and can be faked", key, at.Val)
	case key == "style" && (strings.Contains(val, "url(") || strings.Contains(val, "@import")):
		a.add(file, CheckEmail, "remote_content", "HTML style loads remote content: %q", at.Val)
	case strings.HasPrefix(key, "on"):
		a.add(file, CheckEmail, "html_element", "HTML has an event handler %s", key)
	case key == "href" && element == "a":
		if !a.in.Official(at.Val) {
			a.add(file, CheckEmail, "link", "HTML links to %q, which is not on an official domain of %s", at.Val, a.in.Organization.Brand)
		}
	case key == "href":
		a.add(file, CheckEmail, "remote_content", "HTML <%s> refers to %q", element, at.Val)
	}
}

// emailLinks checks the web addresses of an email as a reader's mail
// program sees them: a link where the text says not to click; an address
// that runs on into the words after it; an address that carries the
// reader's code or reference (which then lands in web servers' logs).
func (a *auditor) emailLinks(file string, e outbox.Entry, text string, doc *htmlDoc) {
	if len(doc.links) > 0 && advisesTyping(a.catalog(e), text) {
		a.add(file, CheckEmail, "link_against_advice", "HTML links to %q, but the email tells its reader to type the address and not to click: the shape of phishing", doc.links[0].href)
	}
	codes := codesIn(text, e)
	seen := map[string]bool{} // an address in both parts is one finding
	add := func(code, format string, args ...any) {
		if k := code + fmt.Sprint(args...); !seen[k] {
			seen[k] = true
			a.add(file, CheckEmail, code, format, args...)
		}
	}
	check := func(u string) {
		if c := carriedCode(u, codes); c != "" {
			add("url_code", "the address %q carries the reader's code or reference %q", u, c)
		}
	}
	for _, l := range doc.links {
		if end := runOn(l.href); end != "" {
			add("url_runs_on", "HTML links to %q: the address runs on into the text after it (%q)", l.href, end)
		}
		check(l.href)
	}
	for _, t := range append([]string{text}, doc.text...) {
		for _, m := range email.URLIndex(t) {
			u := t[m[0]:m[1]]
			check(u)
			if r, _ := utf8.DecodeRuneInString(t[m[1]:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				add("url_runs_on", "the address %q runs straight into the text after it (%q): a mail program would link both", u, firstWords(t[m[1]:]))
			}
		}
	}
}

// runOn returns what follows the address in an href that goes on past its
// end (non-ASCII text, or the punctuation that ends a sentence), or "".
func runOn(href string) string {
	ms := email.URLIndex(href)
	if len(ms) == 0 || ms[0][0] != 0 || ms[0][1] == len(href) {
		return ""
	}
	return firstWords(href[ms[0][1]:])
}

// firstWords is the start of s, enough to recognise it in a finding.
func firstWords(s string) string {
	if utf8.RuneCountInString(s) <= 16 {
		return s
	}
	return string([]rune(s)[:16]) + "…"
}

// codePattern is a code as letters print them: groups of letters and
// digits joined by hyphens ("ACME-3B9H-6L2Q", "INC-2026-0042").
var codePattern = regexp.MustCompile(`[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+`)

// codesIn returns the codes an email gives its reader: the customer id,
// and each code of its text with letters and digits, outside its web
// addresses.
func codesIn(text string, e outbox.Entry) []string {
	codes := []string{e.CustomerID}
	last := 0
	var outside strings.Builder
	for _, m := range email.URLIndex(text) {
		outside.WriteString(text[last:m[0]] + " ")
		last = m[1]
	}
	outside.WriteString(text[last:])
	for _, c := range codePattern.FindAllString(outside.String(), -1) {
		if strings.ContainsAny(c, "0123456789") && strings.IndexFunc(c, unicode.IsLetter) >= 0 {
			codes = append(codes, c)
		}
	}
	return codes
}

// codeParams are query parameters that carry a code.
var codeParams = []string{"code", "activation", "activation_code", "token", "ref", "reference", "id", "customer", "customer_id"}

// carriedCode returns the code an address carries in its path or query
// (one of codes, or a parameter named like a code), or "".
func carriedCode(rawURL string, codes []string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	rest := strings.ToLower(u.EscapedPath() + "?" + u.RawQuery + "#" + u.Fragment)
	for _, c := range codes {
		if len(c) >= 3 && strings.Contains(rest, strings.ToLower(c)) {
			return c
		}
	}
	for key, vals := range u.Query() {
		if slices.Contains(codeParams, strings.ToLower(key)) {
			return key + "=" + strings.Join(vals, ",")
		}
	}
	return ""
}

// typingAdvice are the catalog messages that tell the reader to type our
// address themselves rather than follow a link.
var typingAdvice = []string{"verify", "step.phishing", "step.password_reset"}

// advisesTyping reports whether text carries one of the catalog's
// messages that tell the reader to type the address and not to click:
// found by the longest words of the message between its placeholders.
func advisesTyping(cat *locales.Catalog, text string) bool {
	if cat == nil {
		return false
	}
	text = flatSpaces(text)
	for _, key := range cat.Keys() {
		if !slices.ContainsFunc(typingAdvice, func(k string) bool { return key == k || strings.HasPrefix(key, k+".") }) {
			continue
		}
		m, _ := cat.Message(key)
		if frag := longestLiteral(m.Text); utf8.RuneCountInString(frag) >= 12 && strings.Contains(text, frag) {
			return true
		}
	}
	return false
}

var placeholder = regexp.MustCompile(`\{\{.*?\}\}`)

// longestLiteral is the longest stretch of a message between its
// placeholders, spaces made plain and trimmed.
func longestLiteral(msg string) string {
	var best string
	for _, s := range placeholder.Split(msg, -1) {
		if s = strings.TrimSpace(flatSpaces(s)); len(s) > len(best) {
			best = s
		}
	}
	return best
}

// flatSpaces makes no-break and other spaces plain ones.
func flatSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}
