package letters_test

import (
	"bytes"
	"errors"
	"net/mail"
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/pdf"
)

// TestNameNoFontDraws: a name in a script the fonts lack (Ethiopic) or
// cannot set (Devanagari, Hebrew) is not printed as an empty name or as U+FFFD: the greeting is the
// catalog's greeting without a name, the address block starts with the
// street, the email's To has the address alone, and a warning says so.
func TestNameNoFontDraws(t *testing.T) {
	e := lettertest.Load(t, "../testdata/incident.toml")
	drawable := func(r rune) bool { return e.Fonts.FaceFor(r, false) != nil }
	for lang, name := range map[string]string{"en": "राहुल शर्मा", "it": "አበበ በቀለ", "fr": "דוד כהן", "ru": "አበበ በቀለ", "zh": "राहुल शर्मा"} {
		t.Run(lang, func(t *testing.T) {
			r := people[lang]
			compose := func(name string) *letters.Letter {
				r.FullName = name
				d := e.Rules.Decide(e.Incident.Facts(), e.Incident.Subject(r))
				l, err := letters.Compose(letters.Input{Incident: e.Incident, Rules: e.Rules, Decision: d, Catalogs: e.Catalogs, Person: r, Date: now, Drawable: drawable})
				if err != nil {
					t.Fatal(err)
				}
				return l
			}
			named := compose("Anna Neri")
			l := compose(name)
			cat := e.Catalogs.For(lang, r.Country)
			for key, got := range map[string]string{"salutation.unnamed": l.Salutation, "salutation.email.unnamed": l.EmailSalutation} {
				if want, _ := cat.Text(key, map[string]any{}); got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			if want := slices.DeleteFunc(slices.Clone(named.Address), func(s string) bool { return s == "Anna Neri" }); l.ToName != "" || !slices.Equal(l.Address, want) {
				t.Errorf("ToName %q, address %q: want no name, address %q", l.ToName, l.Address, want)
			}
			var codes []string
			for _, w := range l.Warnings {
				codes = append(codes, w.Code)
			}
			if !slices.Contains(codes, letters.WarnUnprintableName) || !slices.Contains(codes, letters.WarnUnprintable) {
				t.Errorf("warnings %q, want %s and %s", codes, letters.WarnUnprintable, letters.WarnUnprintableName)
			}
			var doc, eml bytes.Buffer
			if _, err := e.PDF.Render(&doc, l, pdf.Options{Created: now}); err != nil {
				t.Fatal(err)
			}
			text, err := pdftext.Parse(doc.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if strings.ContainsRune(text.Text(), '\uFFFD') {
				t.Error("U+FFFD on paper")
			}
			if err := email.Render(&eml, l, doc.Bytes(), email.Options{Date: now, AttachmentName: "notice.pdf"}); err != nil {
				t.Fatal(err)
			}
			msg, err := mail.ReadMessage(&eml)
			if err != nil {
				t.Fatal(err)
			}
			if to, err := mail.ParseAddress(msg.Header.Get("To")); err != nil || to.Name != "" || to.Address != r.Email {
				t.Errorf("To: %q (%v), want %q alone", msg.Header.Get("To"), err, r.Email)
			}
		})
	}
}

// TestAddressNoFontDraws: an address line that would lose letters is not
// composed: Compose returns a *ScriptError naming the column and the
// script, never the text; Greek, Cyrillic and kana addresses compose.
func TestAddressNoFontDraws(t *testing.T) {
	e := lettertest.Load(t, "../testdata/incident.toml")
	drawable := func(r rune) bool { return e.Fonts.FaceFor(r, false) != nil }
	tests := []struct {
		street, city, field string
		scripts             []string
	}{
		{"Οδός Ερμού 12", "Αθήνα", "", nil},
		{"ул. Баумана, д. 44", "Казань", "", nil},
		{"渋谷区 さくら タワー 3", "東京都", "", nil},
		{"강남구 테헤란로 1", "서울", "", nil},
		{"Via Roma 1", "አዲስ አበባ", "city", []string{"Ethiopic"}},
		{"नई सड़क 4", "Delhi", "street", []string{"Devanagari"}},
		{"شارع 5", "Cairo", "street", []string{"Arabic"}},
		{"ถนน 1", "Bangkok", "street", []string{"Thai"}},
	}
	for _, tt := range tests {
		t.Run(tt.street, func(t *testing.T) {
			r := people["en"]
			r.Street, r.City = tt.street, tt.city
			d := e.Rules.Decide(e.Incident.Facts(), e.Incident.Subject(r))
			_, err := letters.Compose(letters.Input{Incident: e.Incident, Rules: e.Rules, Decision: d, Catalogs: e.Catalogs, Person: r, Date: now, Drawable: drawable})
			var se *letters.ScriptError
			switch {
			case tt.field == "" && err != nil:
				t.Fatal(err)
			case tt.field == "":
			case !errors.As(err, &se) || !errors.Is(err, letters.ErrUnprintableScript):
				t.Fatalf("error %v, want a *ScriptError", err)
			case se.Field != tt.field || !slices.Equal(se.Scripts, tt.scripts):
				t.Errorf("%s %q, want %s %q", se.Field, se.Scripts, tt.field, tt.scripts)
			case strings.Contains(err.Error(), tt.street) || strings.Contains(err.Error(), tt.city):
				t.Errorf("error %q names the address", err)
			}
		})
	}
}
