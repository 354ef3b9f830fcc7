package email_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/email"
)

// message is a MIME message whose body is body, of content type ctype.
func message(t *testing.T, ctype, body string) *mail.Message {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader("MIME-Version: 1.0\r\nContent-Type: " + ctype + "\r\n\r\n" + body))
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

// Every part of a message is returned, however many there are (the old
// reader stopped after the 64th, without a word).
func TestPartsReturnsEveryPart(t *testing.T) {
	var b strings.Builder
	for i := range 100 {
		fmt.Fprintf(&b, "--b\r\nContent-Type: text/plain\r\n\r\npart %d\r\n", i)
	}
	b.WriteString("--b--\r\n")
	parts, err := email.Parts(message(t, `multipart/mixed; boundary="b"`, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 100 {
		t.Fatalf("%d parts, want 100", len(parts))
	}
	for i, p := range parts {
		if want := fmt.Sprintf("part %d", i); p.Type != "text/plain" || string(p.Body) != want {
			t.Errorf("part %d = %s %q, want text/plain %q", i, p.Type, p.Body, want)
		}
	}
}

// nestedMessage is nested(depth) as a message.
func nestedMessage(t *testing.T, depth int) *mail.Message {
	ctype, body := nested(depth)
	return message(t, ctype, body)
}

// nested is a body of depth multipart/mixed levels, one inside the other,
// around one text part.
func nested(depth int) (ctype, body string) {
	ctype, body = "text/plain", "deep\r\n"
	for i := range depth {
		boundary := fmt.Sprintf("b%d", i)
		body = "--" + boundary + "\r\nContent-Type: " + ctype + "\r\n\r\n" + body + "\r\n--" + boundary + "--\r\n"
		ctype = `multipart/mixed; boundary="` + boundary + `"`
	}
	return ctype, body
}

// Nesting is bounded: 100 levels are an error, not a recursion as deep
// as the message says.
func TestPartsBoundsNesting(t *testing.T) {
	parts, err := email.Parts(nestedMessage(t, 100))
	if !errors.Is(err, email.ErrTooDeep) {
		t.Fatalf("100 levels: %d parts, error %v; want ErrTooDeep", len(parts), err)
	}
	if parts != nil {
		t.Errorf("parts returned with the error: %d", len(parts))
	}
	parts, err = email.Parts(nestedMessage(t, email.MaxDepth))
	if err != nil {
		t.Fatalf("%d levels: %v", email.MaxDepth, err)
	}
	if len(parts) != 1 || !bytes.Equal(bytes.TrimSpace(parts[0].Body), []byte("deep")) {
		t.Errorf("%d levels: parts %q, want the one text part", email.MaxDepth, parts)
	}
	if _, err := email.Parts(nestedMessage(t, email.MaxDepth+1)); !errors.Is(err, email.ErrTooDeep) {
		t.Errorf("%d levels: error %v, want ErrTooDeep", email.MaxDepth+1, err)
	}
}

// A part larger than the reader takes is an error, not a part cut short.
func TestPartsRejectsTooLargePart(t *testing.T) {
	body := "--b\r\nContent-Type: text/plain\r\n\r\n" + strings.Repeat("x", email.MaxPartSize+1) + "\r\n--b--\r\n"
	if _, err := email.Parts(message(t, `multipart/mixed; boundary="b"`, body)); !errors.Is(err, email.ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
}

// The transfer encodings are decoded.
func TestPartsDecodes(t *testing.T) {
	body := "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nna=C3=AFve\r\n" +
		"--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBE\r\nRi0x\r\n--b--\r\n"
	parts, err := email.Parts(message(t, `multipart/mixed; boundary="b"`, body))
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 2 || string(parts[0].Body) != "naïve" || string(parts[1].Body) != "%PDF-1" {
		t.Errorf("parts = %q", parts)
	}
}
