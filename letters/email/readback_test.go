package email_test

import (
	"bufio"
	"bytes"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	gomessage "github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"golang.org/x/net/html"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/pdf"
)

var sampleDate = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// sample is one rendered email and what it was made from.
type sample struct {
	name   string // profile-language, "+pdf" when attached
	l      *letters.Letter
	pdf    []byte
	attach bool
	eml    []byte
}

// samples renders the letter of every preview profile in every language,
// and a reader in Quebec (fr-CA), each with and without the PDF attached.
func samples(t *testing.T) []sample {
	t.Helper()
	env := lettertest.Load(t, "../../testdata/incident.toml")
	var people []customers.Person
	names := []string{}
	for _, profile := range letters.PreviewProfiles {
		for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
			r, err := letters.PreviewPerson(lang, profile, []string{"name", "email", "password_hash", "ssn", "payment_card"})
			if err != nil {
				t.Fatal(err)
			}
			r.ActivationCode = "ACME-7Q2W-" + strings.ToUpper(lang) + "42"
			people = append(people, r)
			names = append(names, profile+"-"+lang)
		}
	}
	people = append(people, customers.Person{CustomerID: "C-9001", FullName: "Élise Tremblay", Email: "elise@example.ca", Street: "1200 rue Sherbrooke O", PostalCode: "H3A 1H6",
		City: "Montréal", Region: "QC", Country: "CA", Language: "fr", DataCategories: []string{"name", "email"}, ActivationCode: "ACME-7Q2W-QC42"})
	names = append(names, "CA-QC-fr")
	var out []sample
	for i, r := range people {
		d := env.Rules.Decide(env.Incident.Facts(), env.Incident.Subject(r))
		l, err := letters.Compose(letters.Input{Incident: env.Incident, Rules: env.Rules, Decision: d, Catalogs: env.Catalogs, Person: r, Date: sampleDate})
		if err != nil {
			t.Fatal(err)
		}
		var doc bytes.Buffer
		if _, err := env.PDF.Render(&doc, l, pdf.Options{Created: sampleDate}); err != nil {
			t.Fatal(err)
		}
		for _, attach := range []bool{false, true} {
			var eml bytes.Buffer
			if err := email.Render(&eml, l, doc.Bytes(), email.Options{Date: sampleDate, AttachPDF: attach}); err != nil {
				t.Fatal(err)
			}
			name := names[i]
			if attach {
				name += "+pdf"
			}
			out = append(out, sample{name: name, l: l, pdf: doc.Bytes(), attach: attach, eml: eml.Bytes()})
		}
	}
	return out
}

// attachmentName is the file name a letter's PDF is attached under.
func attachmentName(l *letters.Letter) string {
	return strings.Join(strings.FieldsFunc(l.AttachmentName, func(r rune) bool { return unicode.IsSpace(r) || r == '\'' }), "-") + ".pdf"
}

// TestReadBackWithGoMessage reads every sample email with go-message, an
// independent parser: the Subject decodes to the letter's, every line is
// folded within 78 characters, the header says it was sent by a program
// and carries the letter's date, the HTML opens with the preheader and
// has no link, the addresses are whole and carry no code, and the PDF is
// attached, under its name in the letter's language, only when asked.
func TestReadBackWithGoMessage(t *testing.T) {
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			checkLines(t, s.eml)
			mr, err := gomail.CreateReader(bytes.NewReader(s.eml))
			if err != nil {
				t.Fatal(err)
			}
			checkHeader(t, s, mr.Header)
			text, htmlPart, attachments := readParts(t, mr)
			if got := strings.Contains(text, s.l.Attachment); got != s.attach {
				t.Errorf("text says the PDF is attached: %v, attached: %v", got, s.attach)
			}
			checkPreheader(t, s.l, htmlPart)
			if strings.Contains(htmlPart, "<a ") || strings.Contains(htmlPart, "href") {
				t.Error("the HTML part has a link")
			}
			checkURLs(t, s.l, text)
			checkURLs(t, s.l, html.UnescapeString(htmlPart))
			checkAttachments(t, s, attachments)
		})
	}
}

// checkLines fails on a line longer than 78 characters (CRLF aside).
func checkLines(t *testing.T, eml []byte) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(eml))
	for n := 1; sc.Scan(); n++ {
		if line := strings.TrimSuffix(sc.Text(), "\r"); len(line) > 78 {
			t.Errorf("line %d has %d characters: %q", n, len(line), line)
		}
	}
}

func checkHeader(t *testing.T, s sample, h gomail.Header) {
	t.Helper()
	if subject, err := h.Subject(); err != nil || subject != s.l.Subject {
		t.Errorf("Subject = %q (%v), want %q", subject, err, s.l.Subject)
	}
	if got := h.Get("Auto-Submitted"); got != "auto-generated" {
		t.Errorf("Auto-Submitted = %q", got)
	}
	if date, err := h.Date(); err != nil || !date.Equal(sampleDate) {
		t.Errorf("Date = %v (%v), want the letter's %v", date, err, sampleDate)
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != s.l.ToName || to[0].Address != s.l.ToEmail {
		t.Errorf("To = %v (%v), want %s <%s>", to, err, s.l.ToName, s.l.ToEmail)
	}
	if got := h.Get("Content-Language"); got != s.l.LanguageTag() {
		t.Errorf("Content-Language = %q, want %q", got, s.l.LanguageTag())
	}
}

// attachment is an attached file as read back.
type attachment struct {
	name, ctype string
	body        []byte
}

// readParts returns the text and HTML parts and the attachments.
func readParts(t *testing.T, mr *gomail.Reader) (text, htmlPart string, atts []attachment) {
	t.Helper()
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return text, htmlPart, atts
		}
		if err != nil && !gomessage.IsUnknownCharset(err) {
			t.Fatal(err)
		}
		body, err := io.ReadAll(p.Body)
		if err != nil {
			t.Fatal(err)
		}
		switch h := p.Header.(type) {
		case *gomail.InlineHeader:
			ct, _, _ := h.ContentType()
			switch ct {
			case "text/plain":
				text = string(body)
			case "text/html":
				htmlPart = string(body)
			default:
				t.Errorf("unexpected inline part %s", ct)
			}
		case *gomail.AttachmentHeader:
			name, err := h.Filename()
			if err != nil {
				t.Errorf("attachment file name: %v", err)
			}
			ct, _, _ := h.ContentType()
			atts = append(atts, attachment{name: name, ctype: ct, body: body})
		}
	}
}

// checkPreheader: the body opens with a hidden block whose text is the
// preheader, before anything else the reader sees.
func checkPreheader(t *testing.T, l *letters.Letter, htmlPart string) {
	t.Helper()
	if l.Preheader == "" {
		t.Fatal("the letter has no preheader")
	}
	z := html.NewTokenizer(strings.NewReader(htmlPart))
	inBody := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			t.Error("no body")
			return
		}
		tok := z.Token()
		switch {
		case tt == html.StartTagToken && tok.Data == "body":
			inBody = true
		case !inBody || tt == html.TextToken && strings.TrimSpace(tok.Data) == "":
		case tt == html.StartTagToken && tok.Data == "div":
			style := ""
			for _, a := range tok.Attr {
				if a.Key == "style" {
					style = a.Val
				}
			}
			if !strings.Contains(style, "display:none") || !strings.Contains(style, "max-height:0") || !strings.Contains(style, "overflow:hidden") {
				t.Errorf("the first block is not hidden: style %q", style)
			}
			if z.Next() != html.TextToken || !strings.HasPrefix(string(z.Text()), l.Preheader) {
				t.Errorf("the first block does not open with the preheader %q", l.Preheader)
			}
			return
		default:
			t.Errorf("the body opens with %v %q, not the preheader", tt, tok.Data)
			return
		}
	}
}

// checkURLs: every web address in text is whole (ASCII, on an official
// domain, not glued to the word after it) and carries neither the
// activation code nor the reference.
func checkURLs(t *testing.T, l *letters.Letter, text string) {
	t.Helper()
	for _, m := range email.URLIndex(text) {
		raw := text[m[0]:m[1]]
		u, err := url.Parse(raw)
		if err != nil {
			t.Errorf("%q: %v", raw, err)
			continue
		}
		if host := u.Hostname(); host != "www.acme.example" {
			t.Errorf("%q: host %q", raw, host)
		}
		if next, _ := utf8.DecodeRuneInString(text[m[1]:]); unicode.IsLetter(next) || unicode.IsDigit(next) {
			t.Errorf("%q runs into %q", raw, text[m[1]:min(len(text), m[1]+12)])
		}
		for _, code := range []string{"ACME-7Q2W", "C-9001", "PREVIEW-", "INC-2026"} {
			if strings.Contains(strings.ToUpper(raw), code) {
				t.Errorf("%q carries the code or reference %q", raw, code)
			}
		}
		if u.RawQuery != "" || u.Fragment != "" {
			t.Errorf("%q has a query or fragment", raw)
		}
	}
}

func checkAttachments(t *testing.T, s sample, atts []attachment) {
	t.Helper()
	if !s.attach {
		if len(atts) != 0 {
			t.Errorf("%d attachments, none asked for", len(atts))
		}
		return
	}
	if len(atts) != 1 {
		t.Fatalf("%d attachments, want the PDF", len(atts))
	}
	a := atts[0]
	if want := attachmentName(s.l); a.name != want || a.ctype != "application/pdf" || !bytes.Equal(a.body, s.pdf) {
		t.Errorf("attachment %q %s (%d bytes, same PDF %v), want %q", a.name, a.ctype, len(a.body), bytes.Equal(a.body, s.pdf), want)
	}
	if a.name == "notice.pdf" || !strings.HasSuffix(a.name, ".pdf") {
		t.Errorf("attachment name %q is not the letter's", a.name)
	}
}

// A long subject (the issue saw 337 characters) and a long name are
// folded between encoded-words of at most 75 characters, lines within 78,
// and decode to the same text; no character is split between two words.
func TestLongHeadersFold(t *testing.T) {
	for _, subject := range []string{
		strings.Repeat("Acme: notice of a data breach involving your information, ", 6),
		strings.Repeat("Acme : information sur une violation de vos données personnelles — ", 5),
		strings.Repeat("Acme关于您的个人信息泄露事件的通知，", 10),
		strings.Repeat("Acme: уведомление об утечке Ваших персональных данных; ", 6),
	} {
		subject = strings.TrimSpace(subject)
		l := &letters.Letter{Lang: "en", Title: "Notice", Subject: subject, FromName: "Acme", FromEmail: "privacy@acme.example",
			ToName: strings.Repeat("Анна-Мария ", 9) + "Смирнова", ToEmail: "anna@example.ru"}
		var b bytes.Buffer
		if err := email.Render(&b, l, nil, email.Options{Date: sampleDate}); err != nil {
			t.Fatal(err)
		}
		checkLines(t, b.Bytes())
		head, _, _ := strings.Cut(b.String(), "\r\n\r\n")
		for _, w := range strings.Fields(head) {
			if strings.HasPrefix(w, "=?") && len(w) > 75 {
				t.Errorf("encoded-word of %d characters: %s", len(w), w)
			}
		}
		mr, err := gomail.CreateReader(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := mr.Header.Subject(); err != nil || got != subject {
			t.Errorf("Subject = %q (%v), want %q", got, err, subject)
		}
		if to, err := mr.Header.AddressList("To"); err != nil || len(to) != 1 || to[0].Name != l.ToName {
			t.Errorf("To = %v (%v), want %q", to, err, l.ToName)
		}
	}
}

// An attachment name too long for one line, ASCII or not, is written in
// RFC 2231 continuations and read back whole; asking to attach no PDF is
// an error, not an empty attachment.
func TestLongAttachmentName(t *testing.T) {
	for _, name := range []string{strings.Repeat("Acme Retail data breach notice ", 3), strings.Repeat("Уведомление об утечке ", 4)} {
		l := &letters.Letter{Lang: "en", Title: "Notice", Subject: "Notice", FromName: "Acme", FromEmail: "privacy@acme.example",
			ToName: "Sam", ToEmail: "sam@example.com", AttachmentName: name}
		var b bytes.Buffer
		if err := email.Render(&b, l, []byte("%PDF-1.7"), email.Options{Date: sampleDate, AttachPDF: true}); err != nil {
			t.Fatal(err)
		}
		checkLines(t, b.Bytes())
		mr, err := gomail.CreateReader(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		_, _, atts := readParts(t, mr)
		if want := attachmentName(l); len(atts) != 1 || atts[0].name != want {
			t.Errorf("attachments %v, want one named %q", atts, want)
		}
	}
	l := &letters.Letter{Lang: "en", Subject: "Notice", FromEmail: "privacy@acme.example", ToEmail: "sam@example.com"}
	if err := email.Render(io.Discard, l, nil, email.Options{AttachPDF: true}); err == nil {
		t.Error("no PDF attached without an error")
	}
}
