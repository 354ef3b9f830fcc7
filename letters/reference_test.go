package letters_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/email"
)

// TestPrintedID: ids of up to 64 characters print as they are; longer
// ones as their first 12 characters, "…" and 12 hex digits of their
// SHA-256, the same every time and apart for ids that share a prefix.
func TestPrintedID(t *testing.T) {
	hash := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:])[:12] }
	long := strings.Repeat("0123456789", 500)
	tests := []struct {
		name, id, want string
	}{
		{"short", "C-1001", "C-1001"},
		{"uuid", "cd613e30-d8f1-6adf-91b7-584a2265b1f5", "cd613e30-d8f1-6adf-91b7-584a2265b1f5"},
		{"64", strings.Repeat("ab", 32), strings.Repeat("ab", 32)},
		{"65", strings.Repeat("ab", 32) + "c", "abababababab…" + hash(strings.Repeat("ab", 32)+"c")},
		{"200", strings.Repeat("x-", 100), "x-x-x-x-x-x-…" + hash(strings.Repeat("x-", 100))},
		{"5000", long, "012345678901…" + hash(long)},
		{"cjk 64", strings.Repeat("客户编号", 16), strings.Repeat("客户编号", 16)},
		{"cjk 100", strings.Repeat("客户编号", 25), "客户编号客户编号客户编号…" + hash(strings.Repeat("客户编号", 25))},
		{"cyrillic 80", strings.Repeat("Клиент-", 10) + "1234567890", "Клиент-Клиен…" + hash(strings.Repeat("Клиент-", 10)+"1234567890")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := letters.PrintedID(tt.id)
			if got != tt.want {
				t.Errorf("PrintedID = %q, want %q", got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > letters.MaxPrintedID {
				t.Errorf("printed id has %d characters, more than %d", n, letters.MaxPrintedID)
			}
		})
	}
	a, b := long+"1", long+"2"
	if letters.PrintedID(a) == letters.PrintedID(b) {
		t.Errorf("ids that differ only at the end print alike: %q", letters.PrintedID(a))
	}
}

// TestLongIDPrintedShort: a 5,000-character customer id is printed in its
// short form on paper, in the PDF's metadata and in the email's text and
// HTML alike; none of them carries the id in full.
func TestLongIDPrintedShort(t *testing.T) {
	e := setup(t)
	r := people["it"]
	r.CustomerID = strings.Repeat("0123456789", 500)
	l, doc, _ := e.render(t, r)
	short := letters.ShortID(r.CustomerID)
	if l.PrintedID != short || !strings.Contains(l.RefLine, short) || !strings.Contains(l.Reference, short) {
		t.Fatalf("PrintedID %q, RefLine %q, Reference %q: want the short form %q", l.PrintedID, l.RefLine, l.Reference, short)
	}
	var text, html bytes.Buffer
	if err := email.RenderText(&text, l); err != nil {
		t.Fatal(err)
	}
	if err := email.RenderHTML(&html, l); err != nil {
		t.Fatal(err)
	}
	middle := r.CustomerID[100:200]
	for name, s := range map[string]string{"PDF": string(doc), "text": text.String(), "HTML": html.String()} {
		if strings.Contains(s, middle) {
			t.Errorf("the %s carries the id in full", name)
		}
	}
	for name, s := range map[string]string{"text": text.String(), "HTML": html.String()} {
		if !strings.Contains(s, short) {
			t.Errorf("the %s does not carry the printed reference %q", name, short)
		}
	}
}
