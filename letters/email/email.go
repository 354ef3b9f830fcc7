// Package email renders a letter as an email (plain text, HTML and the
// PDF attached) and reads MIME messages back (for the audit and the
// tests).
package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	htmltemplate "html/template"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters"
)

// Options control the email.
type Options struct {
	Date time.Time // the Date header (from the run's clock)
	// AttachmentName is the PDF's file name in the email (ASCII).
	AttachmentName string
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
{{.Attachment}}
{{.RefLine}}
`))

// The HTML part links only addresses on the organization's official
// domains, and shows each link's full address as its text, so a reader can
// see where it goes and type it instead. Other addresses (a credit bureau,
// a regulator) stay plain text. Every value is escaped by html/template;
// nothing is marked safe.
var htmlTmpl = htmltemplate.Must(htmltemplate.New("html").Option("missingkey=error").Parse(
	`{{define "linked"}}{{range .}}{{if .URL}}<a href="{{.URL}}" style="color:#1a4f8b;">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}{{end}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;">
<div style="max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222222;">
<p style="font-size:20px;font-weight:bold;margin:0 0 4px 0;">{{.Brand}}</p>
<p style="font-size:13px;color:#555555;margin:0 0 20px 0;">{{.RefLine}} · {{.Date}}</p>
<h1 style="font-size:22px;margin:0 0 16px 0;">{{range $i, $t := .TitleLines}}{{if $i}}<br>{{end}}{{$t}}{{end}}</h1>
<p>{{.Salutation}}</p>
<p>{{.Opening}}</p>
{{range .Sections}}<h2 style="font-size:18px;margin:24px 0 8px 0;">{{.Heading}}</h2>
{{range .Paragraphs}}{{if .Steps}}<ol style="padding-left:24px;">{{range .Steps}}<li style="margin-bottom:8px;">{{template "linked" ($.Links .)}}</li>{{end}}</ol>
{{else if .Bullets}}<ul style="padding-left:24px;">{{range .Bullets}}<li>{{template "linked" ($.Links .)}}</li>{{end}}</ul>
{{else}}<p>{{template "linked" ($.Links .Text)}}</p>
{{end}}{{end}}{{end}}<p>{{.Closing}}</p>
<p>{{range .SignOffLines}}{{.}}<br>{{end}}{{range $i, $s := .Signature}}{{if $i}}<br>{{end}}{{$s}}{{end}}</p>
<p style="font-size:13px;color:#555555;">{{.Attachment}}</p>
</div>
</body>
</html>
`))

// Segment is a piece of text; URL is set when the piece is an address on
// one of the organization's official domains, to be shown as a link.
type Segment struct {
	Text string
	URL  string
}

// A URL is ASCII (RFC 3986 characters): it ends where the text goes on in
// Chinese or other scripts ("…/protect，并输入…"), so a link never runs
// into the letter's words or an activation code.
var urlPattern = regexp.MustCompile(`https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+`)

// Links splits text into plain pieces and links to the organization's
// official domains (the letter's). Trailing punctuation is not part of a
// link.
func Links(l *letters.Letter, text string) []Segment {
	var out []Segment
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		for end > start && strings.ContainsRune(".,;:!?)»。，；：！？）", lastRune(text[start:end])) {
			_, size := utf8.DecodeLastRuneInString(text[start:end])
			end -= size
		}
		u := text[start:end]
		if !l.Official(u) {
			continue
		}
		if start > last {
			out = append(out, Segment{Text: text[last:start]})
		}
		out = append(out, Segment{Text: u, URL: u})
		last = end
	}
	if last < len(text) {
		out = append(out, Segment{Text: text[last:]})
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
}

func newView(l *letters.Letter) view {
	v := view{Letter: l, Salutation: l.Salutation, SignOff: l.SignOff}
	if l.EmailSalutation != "" {
		v.Salutation = l.EmailSalutation
	}
	if l.EmailSignOff != "" {
		v.SignOff = l.EmailSignOff
	}
	return v
}

// Links is Links for the template.
func (v view) Links(text string) []Segment { return Links(v.Letter, text) }

// TitleLines returns the title's lines (a statutory title in another
// language stands on a line of its own).
func (v view) TitleLines() []string { return strings.Split(v.Title, "\n") }

// SignOffLines returns the sign-off's lines: a Chinese letter closes with
// 此致 and 敬礼！ on two lines.
func (v view) SignOffLines() []string { return strings.Split(v.SignOff, "\n") }

// RenderText writes the letter as plain text.
func RenderText(w io.Writer, l *letters.Letter) error {
	if err := textTmpl.Execute(w, newView(l)); err != nil {
		return fmt.Errorf("email: text template: %w", err)
	}
	return nil
}

// RenderHTML writes the letter as HTML; every value is escaped.
func RenderHTML(w io.Writer, l *letters.Letter) error {
	if err := htmlTmpl.Execute(w, newView(l)); err != nil {
		return fmt.Errorf("email: html template: %w", err)
	}
	return nil
}

// Render writes the letter as an RFC 5322 message: a text and an HTML
// alternative, and the PDF attached. Boundaries and Message-ID derive from
// the content, so the same letter gives the same bytes.
func Render(w io.Writer, l *letters.Letter, pdf []byte, opts Options) error {
	var text, html bytes.Buffer
	if err := RenderText(&text, l); err != nil {
		return err
	}
	if err := RenderHTML(&html, l); err != nil {
		return err
	}
	sum := sha256.New()
	sum.Write(text.Bytes())
	sum.Write(html.Bytes())
	sum.Write(pdf)
	id := hex.EncodeToString(sum.Sum(nil))
	domain := "localhost"
	if at := strings.LastIndex(l.FromEmail, "@"); at >= 0 {
		domain = l.FromEmail[at+1:]
	}

	var b bytes.Buffer
	from := (&mail.Address{Name: l.FromName, Address: l.FromEmail}).String()
	hdr := []struct{ k, v string }{
		{"From", from},
		{"Reply-To", from},
		{"To", (&mail.Address{Name: l.ToName, Address: l.ToEmail}).String()},
		{"Subject", mime.QEncoding.Encode("utf-8", l.Subject)},
		{"Date", opts.Date.Format(time.RFC1123Z)},
		{"Message-ID", "<" + id[:32] + "@" + domain + ">"},
		{"MIME-Version", "1.0"},
		{"Content-Language", l.LanguageTag()},
		// RFC 3834: a notice sent by a program; out-of-office replies and
		// other automatic answers are not sent back to it.
		{"Auto-Submitted", "auto-generated"},
	}
	for _, h := range hdr {
		fmt.Fprintf(&b, "%s: %s\r\n", h.k, h.v)
	}
	mixed := multipart.NewWriter(&b)
	if err := mixed.SetBoundary("mixed-" + id[:40]); err != nil {
		return err
	}
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n", mixed.Boundary())

	alt, altBoundary, err := alternative(text.Bytes(), html.Bytes(), id)
	if err != nil {
		return err
	}
	part, err := mixed.CreatePart(textproto.MIMEHeader{"Content-Type": {fmt.Sprintf("multipart/alternative; boundary=%q", altBoundary)}})
	if err != nil {
		return err
	}
	if _, err := part.Write(alt); err != nil {
		return err
	}
	name := opts.AttachmentName
	if name == "" {
		name = "notice.pdf"
	}
	part, err = mixed.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {fmt.Sprintf("application/pdf; name=%q", name)},
		"Content-Disposition":       {fmt.Sprintf("attachment; filename=%q", name)},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	if _, err := part.Write(base64Lines(pdf)); err != nil {
		return err
	}
	if err := mixed.Close(); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
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
