// Package email renders a letter as an email (plain text and HTML, with
// no links, and the PDF attached when chosen) and reads MIME messages back
// (for the audit and the tests).
package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"regexp"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters"
)

// Options control the email.
type Options struct {
	// Date is the Date header: the letter's date (the run's clock), by
	// design; a later sending step may reset it to the time of sending.
	Date time.Time
	// AttachPDF attaches the letter's PDF and adds the sentence that says
	// so. Without it the email is the letter alone: no attachment, the
	// shape readers are told to trust.
	AttachPDF bool
	// AttachmentName replaces the attached PDF's file name; "" is the
	// letter's own, in its language (letters.Letter.AttachmentName).
	AttachmentName string
	// PDFSHA256 is the sha256 of the attached PDF, as the PDF writer
	// returned it (pdf.Rendered), so that the PDF is not hashed again;
	// zero: Render computes it.
	PDFSHA256 [sha256.Size]byte
}

var textTmpl = template.Must(template.New("text").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Option("missingkey=error").Parse(
	`{{.Title}}

{{.Salutation}}

{{.Opening}}
{{range .Sections}}
{{.Heading}}
{{range .Paragraphs}}{{if .Steps}}{{range $i, $s := .Steps}}
{{inc $i}}. {{$s}}
{{end}}{{else if .Bullets}}{{range .Bullets}}
- {{.}}{{end}}
{{else}}
{{.Text}}
{{end}}{{end}}{{end}}
{{.Closing}}

{{.SignOff}}
{{range .Signature}}{{.}}
{{end}}
{{if .Attachment}}{{.Attachment}}
{{end}}{{.RefLine}}
`))

// preheaderPad follows the preheader, so that an inbox preview shows the
// preheader alone, not the letterhead after it: zero-width non-joiners
// and no-break spaces, the usual filler.
var preheaderPad = strings.Repeat("&zwnj;&nbsp;", 60)

// The HTML part has no links at all: the letter tells its reader to type
// our address into the browser rather than click, and an email that does
// what it advises against looks like the phishing it warns of. Addresses
// are text to read and type. The preheader, hidden, comes first: it is
// what an inbox shows next to the subject. Every value is escaped by
// html/template; nothing is marked safe.
var htmlTmpl = htmltemplate.Must(htmltemplate.New("html").Option("missingkey=error").Parse(
	`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;">
{{if .Preheader}}<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">{{.Preheader}}` + preheaderPad + `</div>
{{end}}<div style="max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222222;">
<p style="font-size:20px;font-weight:bold;margin:0 0 4px 0;">{{.Brand}}</p>
<p style="font-size:13px;color:#555555;margin:0 0 20px 0;">{{.RefLine}} · {{.Date}}</p>
<h1 style="font-size:22px;margin:0 0 16px 0;">{{range $i, $t := .TitleLines}}{{if $i}}<br>{{end}}{{$t}}{{end}}</h1>
<p>{{.Salutation}}</p>
<p>{{.Opening}}</p>
{{range .Sections}}<h2 style="font-size:18px;margin:24px 0 8px 0;">{{.Heading}}</h2>
{{range .Paragraphs}}{{if .Steps}}<ol style="padding-left:24px;">{{range .Steps}}<li style="margin-bottom:8px;">{{.}}</li>{{end}}</ol>
{{else if .Bullets}}<ul style="padding-left:24px;">{{range .Bullets}}<li>{{.}}</li>{{end}}</ul>
{{else}}<p>{{.Text}}</p>
{{end}}{{end}}{{end}}<p>{{.Closing}}</p>
<p>{{range .SignOffLines}}{{.}}<br>{{end}}{{range $i, $s := .Signature}}{{if $i}}<br>{{end}}{{$s}}{{end}}</p>
{{if .Attachment}}<p style="font-size:13px;color:#555555;">{{.Attachment}}</p>
{{end}}</div>
</body>
</html>
`))

// A URL is ASCII (RFC 3986 characters): it ends where the text goes on in
// Chinese or other scripts ("…/protect，并输入…"), and trailing
// punctuation is the sentence's, not the address's.
var urlPattern = regexp.MustCompile(`https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+`)

// URLIndex returns the start and end of each web address (http or https)
// in text: ASCII only, without the punctuation that ends a sentence after
// it (".", ",", ")", "。", "，" and the like).
func URLIndex(text string) [][2]int {
	var out [][2]int
	for _, m := range urlPattern.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		for end > start && strings.ContainsRune(".,;:!?)»。，；：！？）'", lastRune(text[start:end])) {
			_, size := utf8.DecodeLastRuneInString(text[start:end])
			end -= size
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// URLs returns the web addresses in text (see URLIndex).
func URLs(text string) []string {
	var out []string
	for _, m := range URLIndex(text) {
		out = append(out, text[m[0]:m[1]])
	}
	return out
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// view is what the templates are executed on: a letter as its email shows it: the email's own greeting and
// close where the language has them.
type view struct {
	*letters.Letter
	Salutation, SignOff string
	// Attachment is the sentence about the attached PDF, "" when none is.
	Attachment string
}

func newView(l *letters.Letter, attached bool) view {
	v := view{Letter: l, Salutation: l.Salutation, SignOff: l.SignOff}
	if attached {
		v.Attachment = l.Attachment
	}
	if l.EmailSalutation != "" {
		v.Salutation = l.EmailSalutation
	}
	if l.EmailSignOff != "" {
		v.SignOff = l.EmailSignOff
	}
	return v
}

// TitleLines returns the title's lines (a statutory title in another
// language stands on a line of its own).
func (v view) TitleLines() []string { return strings.Split(v.Title, "\n") }

// SignOffLines returns the sign-off's lines: a Chinese letter closes with
// 此致 and 敬礼！ on two lines.
func (v view) SignOffLines() []string { return strings.Split(v.SignOff, "\n") }

// RenderText writes the letter as plain text, as an email without the
// PDF attached shows it.
func RenderText(w io.Writer, l *letters.Letter) error { return renderText(w, l, false) }

// RenderHTML writes the letter as HTML, as an email without the PDF
// attached shows it; every value is escaped.
func RenderHTML(w io.Writer, l *letters.Letter) error { return renderHTML(w, l, false) }

func renderText(w io.Writer, l *letters.Letter, attached bool) error {
	if err := textTmpl.Execute(w, newView(l, attached)); err != nil {
		return fmt.Errorf("email: text template: %w", err)
	}
	return nil
}

func renderHTML(w io.Writer, l *letters.Letter, attached bool) error {
	if err := htmlTmpl.Execute(w, newView(l, attached)); err != nil {
		return fmt.Errorf("email: html template: %w", err)
	}
	return nil
}

// Render writes the letter as an RFC 5322 message: a text and an HTML
// alternative and, with opts.AttachPDF, the PDF attached. Header fields
// are folded within 78 characters. Boundaries and Message-ID derive from
// the content, so the same letter gives the same bytes.
func Render(w io.Writer, l *letters.Letter, pdf []byte, opts Options) error {
	if opts.AttachPDF && len(pdf) == 0 {
		return errors.New("email: no PDF to attach")
	}
	var text, html bytes.Buffer
	if err := renderText(&text, l, opts.AttachPDF); err != nil {
		return err
	}
	if err := renderHTML(&html, l, opts.AttachPDF); err != nil {
		return err
	}
	// The Message-ID: a hash of the text, the HTML and, when attached,
	// the PDF's hash.
	sum := sha256.New()
	sum.Write(text.Bytes())
	sum.Write(html.Bytes())
	if opts.AttachPDF {
		pdfSum := opts.PDFSHA256
		if pdfSum == [sha256.Size]byte{} {
			pdfSum = sha256.Sum256(pdf)
		}
		sum.Write(pdfSum[:])
	}
	id := hex.EncodeToString(sum.Sum(nil))
	var b bytes.Buffer
	writeHeaders(&b, l, opts.Date, id)
	alt, altBoundary, err := alternative(text.Bytes(), html.Bytes(), id)
	if err != nil {
		return err
	}
	altType := fmt.Sprintf("multipart/alternative; boundary=%q", altBoundary)
	if !opts.AttachPDF {
		writeHeader(&b, "Content-Type", altType)
		b.WriteString("\r\n")
		b.Write(alt)
	} else if err := mixed(&b, altType, alt, pdf, attachmentName(l, opts), id); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// writeHeaders writes the message's header fields but its Content-Type
// (id: the message's content hash).
func writeHeaders(b *bytes.Buffer, l *letters.Letter, date time.Time, id string) {
	domain := "localhost"
	if from := asciiDomain(l.FromEmail); strings.Contains(from, "@") {
		domain = from[strings.LastIndex(from, "@")+1:]
	}
	hdr := []struct{ k, v string }{
		{"From", encodeAddress("From", l.FromName, l.FromEmail)},
		{"Reply-To", encodeAddress("Reply-To", l.FromName, l.FromEmail)},
		{"To", encodeAddress("To", l.ToName, l.ToEmail)},
		{"Subject", encodeText("Subject", l.Subject)},
		// The letter's date, by design: the email is the letter. A
		// sending step that sends it later may set the time of sending.
		{"Date", date.Format(time.RFC1123Z)},
		{"Message-ID", "<" + id[:32] + "@" + domain + ">"},
		{"MIME-Version", "1.0"},
		{"Content-Language", l.LanguageTag()},
		// RFC 3834: a notice sent by a program; out-of-office replies and
		// other automatic answers are not sent back to it.
		{"Auto-Submitted", "auto-generated"},
	}
	for _, h := range hdr {
		writeHeader(b, h.k, h.v)
	}
}

// mixed writes a multipart/mixed body (with its Content-Type field): the
// alternative body alt, of type altType, and the PDF attached as name.
func mixed(b *bytes.Buffer, altType string, alt, pdf []byte, name, id string) error {
	mw := multipart.NewWriter(b)
	if err := mw.SetBoundary("mixed-" + id[:40]); err != nil {
		return err
	}
	writeHeader(b, "Content-Type", fmt.Sprintf("multipart/mixed; boundary=%q", mw.Boundary()))
	b.WriteString("\r\n")
	part, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {fold("Content-Type", altType)}})
	if err != nil {
		return err
	}
	if _, err := part.Write(alt); err != nil {
		return err
	}
	part, err = mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {fold("Content-Type", "application/pdf; "+fileParam("name", name))},
		"Content-Disposition":       {fold("Content-Disposition", "attachment; "+fileParam("filename", name))},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	if _, err := part.Write(base64Lines(pdf)); err != nil {
		return err
	}
	return mw.Close()
}

// attachmentName is the attached PDF's file name: opts', or the letter's
// in its language ("Acme-data-breach-notice.pdf"), with the characters a
// file name cannot hold, and spaces, made hyphens.
func attachmentName(l *letters.Letter, opts Options) string {
	if opts.AttachmentName != "" {
		return opts.AttachmentName
	}
	name := strings.Join(strings.FieldsFunc(l.AttachmentName, func(r rune) bool {
		return r <= ' ' || strings.ContainsRune(`/\:*?"<>|%'`, r) || unicode.IsSpace(r) || unicode.IsControl(r)
	}), "-")
	if name == "" {
		name = "notice"
	}
	return name + ".pdf"
}

// alternative returns the multipart/alternative body of the text and the
// HTML version (id: the message's content hash), and its boundary.
func alternative(text, html []byte, id string) ([]byte, string, error) {
	var alt bytes.Buffer
	altW := multipart.NewWriter(&alt)
	if err := altW.SetBoundary("alt-" + id[:40]); err != nil {
		return nil, "", err
	}
	for _, p := range []struct {
		ctype string
		body  []byte
	}{{"text/plain; charset=utf-8", crlf(text)}, {"text/html; charset=utf-8", crlf(html)}} {
		// Quoted-printable keeps mostly-ASCII text readable in the raw
		// message; text mostly in other scripts (Chinese, Russian) is
		// smaller, and quicker to encode, in base64.
		cte := "quoted-printable"
		if nonASCII(p.body)*3 > len(p.body) {
			cte = "base64"
		}
		pw, err := altW.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.ctype},
			"Content-Transfer-Encoding": {cte},
		})
		if err != nil {
			return nil, "", err
		}
		if cte == "base64" {
			if _, err := pw.Write(base64Lines(p.body)); err != nil {
				return nil, "", err
			}
			continue
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := qp.Write(p.body); err != nil {
			return nil, "", err
		}
		if err := qp.Close(); err != nil {
			return nil, "", err
		}
	}
	if err := altW.Close(); err != nil {
		return nil, "", err
	}
	return alt.Bytes(), altW.Boundary(), nil
}

// base64Lines is data in base64, in lines of 76 characters ending in CRLF.
func base64Lines(data []byte) []byte {
	enc := make([]byte, base64.StdEncoding.EncodedLen(len(data)))
	base64.StdEncoding.Encode(enc, data)
	lines := make([]byte, 0, len(enc)+2*(len(enc)/76+1))
	for len(enc) > 76 {
		lines = append(append(lines, enc[:76]...), '\r', '\n')
		enc = enc[76:]
	}
	return append(append(lines, enc...), '\r', '\n')
}

// nonASCII counts the bytes of b outside ASCII.
func nonASCII(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= 0x80 {
			n++
		}
	}
	return n
}

// crlf turns bare line feeds into CRLF, as RFC 5322 requires.
func crlf(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}
