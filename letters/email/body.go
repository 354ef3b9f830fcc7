package email

import (
	"bytes"
	"strconv"

	"github.com/breachnotice/breachnotice/letters"
)

// The email's two bodies are written by the functions below, not by
// text/template and html/template: a run writes thousands of them, and
// templates find each field by reflection. They write what the templates
// in body_test.go write, byte for byte (TestBodiesAreTheTemplates).

// writeText writes the plain-text body.
func writeText(b *bytes.Buffer, v *view) {
	lines(b, v.Title, "\n\n", v.Salutation, "\n\n", v.Opening, "\n")
	for _, s := range v.Sections {
		lines(b, "\n", s.Heading, "\n")
		for _, p := range s.Paragraphs {
			switch {
			case len(p.Steps) > 0:
				for i, step := range p.Steps {
					b.WriteString("\n")
					b.WriteString(strconv.Itoa(i + 1))
					lines(b, ". ", step, "\n")
				}
			case len(p.Bullets) > 0:
				for _, x := range p.Bullets {
					lines(b, "\n- ", x)
				}
				b.WriteString("\n")
			default:
				lines(b, "\n", p.Text, "\n")
			}
		}
	}
	lines(b, "\n", v.Closing, "\n\n", v.SignOff, "\n")
	for _, s := range v.Signature {
		lines(b, s, "\n")
	}
	b.WriteString("\n")
	if v.Attachment != "" {
		lines(b, v.Attachment, "\n")
	}
	lines(b, v.RefLine, "\n")
}

func lines(b *bytes.Buffer, ss ...string) {
	for _, s := range ss {
		b.WriteString(s)
	}
}

// The HTML part has no links at all: the letter tells its reader to type
// our address into the browser rather than click, and an email that does
// what it advises against looks like the phishing it warns of. Addresses
// are text to read and type. The preheader, hidden, comes first: it is
// what an inbox shows next to the subject. Every value is escaped
// (escapeHTML, as html/template escapes it); nothing is written raw.
const (
	htmlHead     = "<!DOCTYPE html>\n<html lang=\""
	htmlTitle    = "\">\n<head><meta charset=\"utf-8\"><title>"
	htmlBody     = "</title></head>\n<body style=\"margin:0;padding:0;background:#f4f4f4;\">\n"
	htmlPreStart = "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all;\">"
	htmlPreEnd   = "</div>\n"
	htmlPage     = "<div style=\"max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222222;\">\n" +
		"<p style=\"font-size:20px;font-weight:bold;margin:0 0 4px 0;\">"
	htmlRef     = "</p>\n<p style=\"font-size:13px;color:#555555;margin:0 0 20px 0;\">"
	htmlH1      = "</p>\n<h1 style=\"font-size:22px;margin:0 0 16px 0;\">"
	htmlH2      = "<h2 style=\"font-size:18px;margin:24px 0 8px 0;\">"
	htmlOl      = "<ol style=\"padding-left:24px;\">"
	htmlStep    = "<li style=\"margin-bottom:8px;\">"
	htmlUl      = "<ul style=\"padding-left:24px;\">"
	htmlAttach  = "<p style=\"font-size:13px;color:#555555;\">"
	htmlPageEnd = "</div>\n</body>\n</html>\n"
)

// writeHTML writes the HTML body.
func writeHTML(b *bytes.Buffer, v *view) {
	b.WriteString(htmlHead)
	escapeHTML(b, v.Lang)
	b.WriteString(htmlTitle)
	escapeHTML(b, v.Title)
	b.WriteString(htmlBody)
	if v.Preheader != "" {
		b.WriteString(htmlPreStart)
		escapeHTML(b, v.Preheader)
		b.WriteString(preheaderPad)
		b.WriteString(htmlPreEnd)
	}
	b.WriteString(htmlPage)
	escapeHTML(b, v.Brand)
	b.WriteString(htmlRef)
	escapeHTML(b, v.RefLine)
	b.WriteString(" · ")
	escapeHTML(b, v.Date)
	b.WriteString(htmlH1)
	joinHTML(b, v.TitleLines)
	b.WriteString("</h1>\n")
	paragraphHTML(b, v.Salutation)
	paragraphHTML(b, v.Opening)
	for _, s := range v.Sections {
		writeSectionHTML(b, s.Heading, s.Paragraphs)
	}
	b.WriteString("<p>")
	escapeHTML(b, v.Closing)
	b.WriteString("</p>\n<p>")
	for _, s := range v.SignOffLines {
		escapeHTML(b, s)
		b.WriteString("<br>")
	}
	joinHTML(b, v.Signature)
	b.WriteString("</p>\n")
	if v.Attachment != "" {
		b.WriteString(htmlAttach)
		escapeHTML(b, v.Attachment)
		b.WriteString("</p>\n")
	}
	b.WriteString(htmlPageEnd)
}

// writeSectionHTML writes a section: its heading, its paragraphs and
// lists.
func writeSectionHTML(b *bytes.Buffer, heading string, ps []letters.Paragraph) {
	b.WriteString(htmlH2)
	escapeHTML(b, heading)
	b.WriteString("</h2>\n")
	for _, p := range ps {
		switch {
		case len(p.Steps) > 0:
			b.WriteString(htmlOl)
			for _, s := range p.Steps {
				b.WriteString(htmlStep)
				escapeHTML(b, s)
				b.WriteString("</li>")
			}
			b.WriteString("</ol>\n")
		case len(p.Bullets) > 0:
			b.WriteString(htmlUl)
			for _, s := range p.Bullets {
				b.WriteString("<li>")
				escapeHTML(b, s)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>\n")
		default:
			paragraphHTML(b, p.Text)
		}
	}
}

// paragraphHTML writes s as a paragraph of its own line.
func paragraphHTML(b *bytes.Buffer, s string) {
	b.WriteString("<p>")
	escapeHTML(b, s)
	b.WriteString("</p>\n")
}

// joinHTML writes ss separated by line breaks.
func joinHTML(b *bytes.Buffer, ss []string) {
	for i, s := range ss {
		if i > 0 {
			b.WriteString("<br>")
		}
		escapeHTML(b, s)
	}
}

// escapeHTML writes s escaped for HTML text and quoted attribute values
// as html/template escapes a string there: NUL as U+FFFD, and " & ' + <
// > as character references; every other byte as it is.
func escapeHTML(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		repl := htmlEscapes[s[i]]
		if repl == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// htmlEscapes are html/template's replacements, by byte (all are ASCII:
// no byte of a multi-byte UTF-8 sequence is one of them).
var htmlEscapes = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}
