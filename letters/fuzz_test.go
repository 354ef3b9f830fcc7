package letters_test

import (
	"bytes"
	"errors"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/pdf"
)

// FuzzLoadIncident: any bytes give an error wrapping ErrIncident or a
// valid incident whose methods work, never a panic. Seeds: the incident
// files of the repository, cut and bent.
//
//	go test -run XXX -fuzz '^FuzzLoadIncident$' -fuzztime 30s ./letters/
func FuzzLoadIncident(f *testing.F) {
	for _, p := range []string{"../testdata/incident.toml", "../testdata/friday/incident.toml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
		f.Add(bytes.Replace(data, []byte("legal_name"), []byte("brnad"), 1))
		f.Add(bytes.Replace(data, []byte("2026-"), []byte("2026-13-"), 1))
	}
	f.Add([]byte("[organization]\nlegal_name = \"A\"\nbrnad = \"typo\"\n"))
	f.Add([]byte("[incident]\ndiscovered_at = 2026-11-20T09:00:00Z\n[incident.text.en]\nwhat_happened = \"{{.Name}} %!s <script>\"\n"))
	f.Add([]byte("\xef\xbb\xbf[organization]\r\nlegal_name = '''\nx\n'''\n"))
	f.Add([]byte("a = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]"))
	env := lettertest.Load(f, "../testdata/incident.toml")
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := letters.LoadIncident("fuzz.toml", bytes.NewReader(data))
		if err != nil {
			if in != nil {
				t.Fatalf("incident and error %v", err)
			}
			if !errors.Is(err, letters.ErrIncident) {
				t.Fatalf("error does not wrap ErrIncident: %v", err)
			}
			if !strings.Contains(err.Error(), "fuzz.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		// A valid incident: everything a run asks of it.
		_ = in.Facts()
		_ = in.CheckProfiles(env.Rules)
		_ = in.Official(in.Organization.Website)
		_ = in.OfficialHost("example.com")
		_ = in.Voluntary("IT")
		for _, c := range []string{"IT", "US", "CN", ""} {
			_ = in.PhoneFor(c)
		}
		for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
			_, _ = in.TextFor(lang)
		}
		// And a letter in a language it has text for, as text and HTML
		// (the PDF is FuzzRenderText's).
		r, err := letters.PreviewPerson("en", "EU", []string{"name", "email"})
		if err != nil {
			t.Fatal(err)
		}
		d := env.Rules.Decide(in.Facts(), in.Subject(r))
		l, err := letters.Compose(letters.Input{Incident: in, Rules: env.Rules, Decision: d, Catalogs: env.Catalogs, Person: r, Date: fuzzNow, Affected: 1})
		if err != nil {
			return // e.g. no text in the letter's language
		}
		if err := email.RenderText(io.Discard, l); err != nil {
			t.Fatalf("RenderText: %v", err)
		}
		if err := email.RenderHTML(io.Discard, l); err != nil {
			t.Fatalf("RenderHTML: %v", err)
		}
	})
}

var fuzzNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// fuzzReaders are the profile and language of the letters FuzzRenderText
// writes, chosen by its last argument.
var fuzzReaders = []struct{ profile, lang string }{
	{"EU", "it"}, {"EU", "fr"}, {"US-CA", "en"}, {"US-MA", "en"}, {"CN", "zh"}, {"RU", "ru"}, {"EU", "en"}, {"CN", "en"},
}

// FuzzRenderText writes a letter to a recipient whose name, street and city
// are any strings (right-to-left scripts, combining marks, emoji, control
// characters, invalid UTF-8, very long text), composed for one of
// fuzzReaders and rendered as PDF and as email. Compose and email.Render
// must succeed; the PDF renderer may refuse an address too long for the envelope
// window (ErrAddressTooLong) and nothing else. The PDF must parse, draw no
// blank boxes, and carry the name in its text layer when the name is
// made of printable characters the fonts have; the email must parse, keep
// its headers (no header injected by the name) and have no markup from
// the name in its HTML part.
//
//	go test -run XXX -fuzz '^FuzzRenderText$' -fuzztime 30s ./letters/
func FuzzRenderText(f *testing.F) {
	env := lettertest.Load(f, "../testdata/incident.toml")
	// The persons of the shipped sample sheet.
	file, err := os.Open("../testdata/customers.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	n := 0
	_, err = customers.Read(file, customers.Options{Name: "customers.xlsx"}, func(p *customers.Person, _ *customers.Reject) error {
		if p != nil {
			f.Add(p.FullName, p.Street, p.City, uint8(n))
			n++
		}
		return nil
	})
	file.Close()
	if err != nil {
		f.Fatal(err)
	}
	for i, s := range [][3]string{
		{"محمد عبد الله", "شارع الملك فهد ١٢", "الرياض"},
		{"דוד לוי", "רחוב הרצל 5", "תל אביב"},
		{"\u202eRossi Mario\u202c", "Via \u2066Roma\u2069 1", "Roma\u200f"},
		{"Zoë Ñúñez e\u0301\u0302\u0303", "Ulica Łódzka 3 a\u0323\u0307", "Kraków"},
		{"Z\u0351\u0352\u0353\u0354\u0355a\u0356\u0357\u0358\u0359l\u035a\u035b\u035cg\u035d\u035eo", "x", "y"},
		{"😀 Emoji 👩‍👩‍👧 Person", "🏠 Street 1", "🌆"},
		{"Tab\tNew\nLine\r\nNul\x00Bell\x07Esc\x1b", "Line 1\nLine 2\nLine 3\nLine 4\nLine 5\nLine 6", "City\x7f\u0085"},
		{"Bad \xed\xa0\x80 surrogate \xff\xfe", "\xc3\x28 street", "\xe2\x82 city"},
		{strings.Repeat("Longname", 400), strings.Repeat("Street ", 300), strings.Repeat("City", 200)},
		{strings.Repeat("王", 500), strings.Repeat("街", 300), "北京市"},
		{"<script>alert(1)</script> & \"quotes\" 'x'", "=HYPERLINK(\"http://evil.example\")", "{{.Name}} %!s(MISSING) <no value>"},
		{"Mario Rossi\r\nBcc: victim@example.com", "Via Roma 1\r\nSubject: hi", "Roma"},
		{"", "", ""},
		{" ", "\u00a0", "\u3000"},
		{"Ǆemal Ǉubović ß ﬁ İ", "Ⅻ Straße №5", "ʼAin"},
		{"ᄀᄁᄂ 한국어 이름", "ไทย", "ქართული"},
		{"김민준", "강남구 테헤란로 1", "서울"},
		{"Γιώργος Παπαδόπουλος", "Οδός Ερμού 12", "Αθήνα"},
		{"田中 さくら", "渋谷区 サクラ タワー 3", "東京都"},
	} {
		f.Add(s[0], s[1], s[2], uint8(i))
	}
	f.Fuzz(func(t *testing.T, name, street, city string, which uint8) {
		// The importer refuses longer cells (recipients: cell longer than
		// 32,767 characters), so no letter is ever set with one.
		for _, s := range []string{name, street, city} {
			if len(utf16.Encode([]rune(s))) > 32767 {
				t.Skip("longer than a spreadsheet cell")
			}
		}
		who := fuzzReaders[int(which)%len(fuzzReaders)]
		r, err := letters.PreviewPerson(who.lang, who.profile, []string{"name", "email", "password"})
		if err != nil {
			t.Fatal(err)
		}
		r.FullName, r.Street, r.City = name, street, city
		d := env.Rules.Decide(env.Incident.Facts(), env.Incident.Subject(r))
		drawable := func(r rune) bool { return env.Fonts.FaceFor(r, false) != nil }
		l, err := letters.Compose(letters.Input{Incident: env.Incident, Rules: env.Rules, Decision: d, Catalogs: env.Catalogs, Person: r, Date: fuzzNow, Affected: 2, Drawable: drawable})
		if se := (*letters.ScriptError)(nil); errors.As(err, &se) {
			// An address line in a script that cannot be printed: the
			// run rejects the row. The error names no text.
			if strings.TrimSpace(street) != "" && strings.Contains(err.Error(), street) || strings.TrimSpace(city) != "" && strings.Contains(err.Error(), city) {
				t.Fatalf("the error quotes the address: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Compose: %v", err)
		}
		var doc bytes.Buffer
		_, err = env.PDF.Render(&doc, l, pdf.Options{Created: fuzzNow})
		if errors.Is(err, pdf.ErrAddressTooLong) {
			if strings.Contains(err.Error(), name) && strings.TrimSpace(name) != "" {
				t.Fatalf("ErrAddressTooLong quotes the name: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		read, err := pdftext.Parse(doc.Bytes())
		if err != nil {
			t.Fatalf("the PDF does not parse: %v", err)
		}
		if len(read.MissingGlyphs) > 0 {
			t.Fatalf("blank boxes: %+v", read.MissingGlyphs)
		}
		squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if fuzzDrawable(env.Fonts, name) {
			if want := squeeze(name); !strings.Contains(squeeze(read.Text()), want) {
				t.Fatalf("name %q not in the text layer:\n%s", name, read.Text())
			}
		}
		// Whatever the name, what the letter keeps of it is printed, with
		// no U+FFFD on paper and nothing the fonts lack.
		if want := squeeze(l.ToName); !strings.Contains(squeeze(read.Text()), want) {
			t.Fatalf("name %q as printed (%q) not in the text layer:\n%s", name, l.ToName, read.Text())
		}
		if strings.ContainsRune(read.Text(), '\uFFFD') || strings.ContainsFunc(l.ToName, func(r rune) bool { return r != ' ' && !drawable(r) }) {
			t.Fatalf("name %q printed as %q: U+FFFD or a character no face has", name, l.ToName)
		}

		var eml bytes.Buffer
		if err := email.Render(&eml, l, doc.Bytes(), email.Options{Date: fuzzNow, AttachmentName: "notice.pdf"}); err != nil {
			t.Fatalf("email.Render: %v", err)
		}
		msg, err := mail.ReadMessage(bytes.NewReader(eml.Bytes()))
		if err != nil {
			t.Fatalf("the email does not parse: %v", err)
		}
		var keys []string
		for k := range msg.Header {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if want := []string{"Auto-Submitted", "Content-Language", "Content-Type", "Date", "From", "Message-Id", "Mime-Version", "Reply-To", "Subject", "To"}; !slices.Equal(keys, want) {
			t.Fatalf("email headers %q, want %q", keys, want)
		}
		if _, err := mail.ParseAddress(msg.Header.Get("To")); err != nil {
			t.Fatalf("To %q does not parse: %v", msg.Header.Get("To"), err)
		}
		parts, err := email.Parts(msg)
		if err != nil {
			t.Fatalf("email parts: %v", err)
		}
		for _, p := range parts {
			if p.Type == "text/html" && bytes.Contains(p.Body, []byte("<script")) {
				t.Fatalf("markup from the recipient in the HTML part:\n%s", p.Body)
			}
			if p.Type == "application/pdf" && !bytes.Equal(p.Body, doc.Bytes()) {
				t.Fatal("the attached PDF differs from the rendered one")
			}
		}
	})
}

// fuzzDrawable reports whether name is non-blank, valid UTF-8 and made of
// printable characters (spaces allowed) that a face has, symbols aside, so
// that the PDF must carry it as written.
func fuzzDrawable(faces *fonts.Fonts, name string) bool {
	if strings.TrimSpace(name) == "" || !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if r == ' ' {
			continue
		}
		// Symbols may be emoji, which a letter leaves out (printable).
		// U+0590 to U+10FF: the right-to-left and the Indic scripts and
		// Thai (printable leaves them out: they need shaping), Georgian.
		if !unicode.IsPrint(r) || unicode.IsSymbol(r) || r > 0xFFFF || r >= 0x0590 && r < 0x1100 || !(faces.Latin.Has(r) || faces.CJK.Has(r) || faces.Hangul.Has(r)) {
			return false
		}
	}
	return true
}

// The seeds of FuzzRenderText run as a test too: check that they reach
// the name check (a seed list that no longer did would test little).
func TestFuzzRenderTextSeedsDrawable(t *testing.T) {
	env := lettertest.Load(t, filepath.Join("..", "testdata", "incident.toml"))
	for _, name := range []string{"Zoë Ñúñez", "Γιώργος Παπαδόπουλος", "王芳", "さくら タナカ", "김민준", "Jürgen Müller"} {
		if !fuzzDrawable(env.Fonts, name) {
			t.Errorf("%q: not drawable", name)
		}
	}
}
