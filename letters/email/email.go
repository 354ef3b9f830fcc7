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
	"io"
	"regexp"
	"strings"
	"sync"
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

// preheaderPad follows the preheader, so that an inbox preview shows the
// preheader alone, not the letterhead after it: zero-width non-joiners
// and no-break spaces, the usual filler.
var preheaderPad = strings.Repeat("&zwnj;&nbsp;", 60)

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

// view is what writeText and writeHTML read (and the templates in the
// tests, which check their every byte): a letter as its email shows it,
// the email's own greeting and close where the language has them.
type view struct {
	Lang, Brand, RefLine, Date, Preheader string
	Title, Salutation, Opening, Closing   string
	// TitleLines are the title's lines (a statutory title in another
	// language stands on a line of its own); SignOffLines the sign-off's
	// (a Chinese letter closes with 此致 and 敬礼！ on two lines).
	TitleLines, SignOffLines []string
	SignOff                  string
	Signature                []string
	Sections                 []letters.Section
	// Attachment is the sentence about the attached PDF, "" when none is.
	Attachment string
}

func newView(l *letters.Letter, attached bool) *view {
	v := &view{
		Lang: l.Lang, Brand: l.Brand, RefLine: l.RefLine, Date: l.Date, Preheader: l.Preheader,
		Title: l.Title, Salutation: l.Salutation, Opening: l.Opening, Closing: l.Closing,
		SignOff: l.SignOff, Signature: l.Signature, Sections: l.Sections,
	}
	if attached {
		v.Attachment = l.Attachment
	}
	if l.EmailSalutation != "" {
		v.Salutation = l.EmailSalutation
	}
	if l.EmailSignOff != "" {
		v.SignOff = l.EmailSignOff
	}
	v.TitleLines = strings.Split(v.Title, "\n")
	v.SignOffLines = strings.Split(v.SignOff, "\n")
	return v
}

// RenderText writes the letter as plain text, as an email without the
// PDF attached shows it.
func RenderText(w io.Writer, l *letters.Letter) error { return renderText(w, l, false) }

// RenderHTML writes the letter as HTML, as an email without the PDF
// attached shows it; every value is escaped.
func RenderHTML(w io.Writer, l *letters.Letter) error { return renderHTML(w, l, false) }

func renderText(w io.Writer, l *letters.Letter, attached bool) error {
	var b bytes.Buffer
	writeText(&b, newView(l, attached))
	_, err := w.Write(b.Bytes())
	return err
}

func renderHTML(w io.Writer, l *letters.Letter, attached bool) error {
	var b bytes.Buffer
	writeHTML(&b, newView(l, attached))
	_, err := w.Write(b.Bytes())
	return err
}

// Render writes the letter as an RFC 5322 message: a text and an HTML
// alternative and, with opts.AttachPDF, the PDF attached. Header fields
// are folded within 78 characters. Boundaries and Message-ID derive from
// the content, so the same letter gives the same bytes.
func Render(w io.Writer, l *letters.Letter, pdf []byte, opts Options) error {
	if opts.AttachPDF && len(pdf) == 0 {
		return errors.New("email: no PDF to attach")
	}
	s := getScratch()
	defer putScratch(s)
	v := newView(l, opts.AttachPDF)
	text, html := &s.text, &s.html
	writeText(text, v)
	writeHTML(html, v)
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
	b := &s.msg
	writeHeaders(b, l, opts.Date, id)
	alt, altBoundary := alternative(s, text.Bytes(), html.Bytes(), id)
	altType := fmt.Sprintf("multipart/alternative; boundary=%q", altBoundary)
	if !opts.AttachPDF {
		writeHeader(b, "Content-Type", altType)
		b.WriteString("\r\n")
		b.Write(alt)
	} else {
		mixed(b, s, altType, alt, pdf, attachmentName(l, opts), id)
	}
	_, err := w.Write(b.Bytes())
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
func mixed(b *bytes.Buffer, s *scratch, altType string, alt, pdf []byte, name, id string) {
	mw := multipartWriter{b: b, boundary: "mixed-" + id[:40]}
	writeHeader(b, "Content-Type", fmt.Sprintf("multipart/mixed; boundary=%q", mw.boundary))
	b.WriteString("\r\n")
	mw.part("Content-Type", fold("Content-Type", altType))
	b.Write(alt)
	mw.part(
		"Content-Disposition", fold("Content-Disposition", "attachment; "+fileParam("filename", name)),
		"Content-Transfer-Encoding", "base64",
		"Content-Type", fold("Content-Type", "application/pdf; "+fileParam("name", name)))
	s.enc = appendBase64Lines(s.enc[:0], pdf)
	b.Write(s.enc)
	mw.close()
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
// HTML version (id: the message's content hash), and its boundary. The
// body is in s, valid until s is used again.
func alternative(s *scratch, text, html []byte, id string) ([]byte, string) {
	mw := multipartWriter{b: &s.alt, boundary: "alt-" + id[:40]}
	for _, p := range []struct {
		ctype string
		body  []byte
	}{{"text/plain; charset=utf-8", text}, {"text/html; charset=utf-8", html}} {
		s.lines = appendCRLF(s.lines[:0], p.body)
		p.body = s.lines
		// Quoted-printable keeps mostly-ASCII text readable in the raw
		// message; text mostly in other scripts (Chinese, Russian) is
		// smaller, and quicker to encode, in base64.
		cte := "quoted-printable"
		if nonASCII(p.body)*3 > len(p.body) {
			cte = "base64"
		}
		mw.part("Content-Transfer-Encoding", cte, "Content-Type", p.ctype)
		if cte == "base64" {
			s.enc = appendBase64Lines(s.enc[:0], p.body)
		} else {
			s.enc = appendQP(s.enc[:0], p.body)
		}
		s.alt.Write(s.enc)
	}
	mw.close()
	return s.alt.Bytes(), mw.boundary
}

// multipartWriter writes a multipart body as mime/multipart's Writer
// does with the same boundary, to a buffer, without drawing a random
// boundary first and copying each part's header.
type multipartWriter struct {
	b        *bytes.Buffer
	boundary string
	parts    int
}

// part starts a part with its header fields, given as name and value
// pairs, the names in order (as multipart.Writer sorts them).
func (w *multipartWriter) part(fields ...string) {
	if w.parts > 0 {
		w.b.WriteString("\r\n")
	}
	w.parts++
	w.b.WriteString("--" + w.boundary + "\r\n")
	for i := 0; i+1 < len(fields); i += 2 {
		w.b.WriteString(fields[i] + ": " + fields[i+1] + "\r\n")
	}
	w.b.WriteString("\r\n")
}

// close ends the body.
func (w *multipartWriter) close() {
	w.b.WriteString("\r\n--" + w.boundary + "--\r\n")
}

// appendBase64Lines appends data in base64 to dst, in lines of 76
// characters ending in CRLF (57 bytes of data to a line).
func appendBase64Lines(dst, data []byte) []byte {
	const line = 57
	for len(data) > line {
		dst = append(base64.StdEncoding.AppendEncode(dst, data[:line]), '\r', '\n')
		data = data[line:]
	}
	return append(base64.StdEncoding.AppendEncode(dst, data), '\r', '\n')
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

// appendCRLF appends b to out with bare line feeds made CRLF, as RFC
// 5322 requires.
func appendCRLF(out, b []byte) []byte {
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return append(out, b...)
		}
		line := bytes.TrimSuffix(b[:i], []byte("\r"))
		out = append(append(out, line...), '\r', '\n')
		b = b[i+1:]
	}
}

// scratch holds the buffers of one Render, kept for the next: a run
// renders thousands of emails of about the same size.
type scratch struct {
	text, html, alt, msg bytes.Buffer
	// lines is a body with CRLF line ends, enc a body or the PDF encoded.
	lines, enc []byte
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratches.Get().(*scratch) }

// putScratch keeps s for the next Render, emptied, unless an attachment
// made it large.
func putScratch(s *scratch) {
	if s.msg.Cap()+cap(s.enc) > 1<<20 {
		return
	}
	s.text.Reset()
	s.html.Reset()
	s.alt.Reset()
	s.msg.Reset()
	scratches.Put(s)
}
