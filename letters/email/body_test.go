package email

import (
	"bytes"
	htmltemplate "html/template"
	"testing"
	"text/template"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
)

// The email's bodies as templates: what writeText and writeHTML write.
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

// bodyLetters are the letters of every preview profile in every
// language, and a letter of every character the HTML escapes, of empty
// and missing parts, of line breaks of every kind.
func bodyLetters(t *testing.T) []*letters.Letter {
	t.Helper()
	env := lettertest.Load(t, "../../testdata/incident.toml")
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	var out []*letters.Letter
	for _, profile := range letters.PreviewProfiles {
		for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
			r, err := letters.PreviewPerson(lang, profile, []string{"name", "email", "password_hash", "ssn", "payment_card"})
			if err != nil {
				t.Fatal(err)
			}
			d := env.Rules.Decide(env.Incident.Facts(), env.Incident.Subject(r))
			l, err := letters.Compose(letters.Input{Incident: env.Incident, Rules: env.Rules, Decision: d, Catalogs: env.Catalogs, Person: r, Date: now})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, l)
		}
	}
	odd := "<b>\"Tom\" & 'Jerry'</b> +1\x00 \xff\xfe é 中 \r\n line\rbreak\n"
	out = append(out, &letters.Letter{
		Lang: odd, Brand: odd, RefLine: odd, Date: odd, Preheader: odd, Title: odd + "\n" + odd, Salutation: odd,
		EmailSalutation: odd + "!", Opening: odd, Closing: odd, SignOff: odd + "\n\n" + odd, Signature: []string{odd, "", odd},
		Attachment: odd, Sections: []letters.Section{
			{Heading: odd, Paragraphs: []letters.Paragraph{{Text: odd}, {Steps: []string{odd, "", odd}}, {Bullets: []string{odd, odd}}, {}, {Text: odd, Steps: []string{odd}, Bullets: []string{odd}}, {Text: odd, Bullets: []string{odd}}}},
			{Heading: ""}, {Heading: odd, Paragraphs: []letters.Paragraph{}},
		}}, &letters.Letter{})
	return out
}

// writeText and writeHTML write what the templates write.
func TestBodiesAreTheTemplates(t *testing.T) {
	for i, l := range bodyLetters(t) {
		for _, attached := range []bool{false, true} {
			v := newView(l, attached)
			var want, got bytes.Buffer
			if err := textTmpl.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			writeText(&got, v)
			if got.String() != want.String() {
				t.Errorf("letter %d (%s), attached %v: text\n%q\nwant\n%q", i, l.Lang, attached, got.String(), want.String())
			}
			want.Reset()
			got.Reset()
			if err := htmlTmpl.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			writeHTML(&got, v)
			if got.String() != want.String() {
				t.Errorf("letter %d (%s), attached %v: HTML\n%q\nwant\n%q", i, l.Lang, attached, got.String(), want.String())
			}
		}
	}
}
