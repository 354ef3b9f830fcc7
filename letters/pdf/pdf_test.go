package pdf

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// The internal tests cannot use letters/internal/lettertest (it imports this
// package), so they load the same things here, once per test binary.
type internalEnv struct {
	in    *letters.Incident
	set   *rules.Set
	cats  locales.Catalogs
	fonts *fonts.Fonts
}

var (
	envOnce sync.Once
	envVal  internalEnv
	envErr  error
)

func loadEnv(tb testing.TB) internalEnv {
	tb.Helper()
	envOnce.Do(func() {
		f, err := os.Open("../../testdata/incident.toml")
		if err != nil {
			envErr = err
			return
		}
		defer f.Close()
		if envVal.in, envErr = letters.LoadIncident("incident.toml", f); envErr != nil {
			return
		}
		if envVal.set, envErr = rules.Load(jurisdictions.FS, "jurisdictions"); envErr != nil {
			return
		}
		if envVal.cats, envErr = locales.Load(locales.FS()); envErr != nil {
			return
		}
		envVal.fonts, envErr = fonts.LoadFonts()
	})
	if envErr != nil {
		tb.Fatal(envErr)
	}
	return envVal
}

var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// testPeople are the recipients of letters_test.go, one per language.
var testPeople = map[string]customers.Person{
	"it": {Row: 3, CustomerID: "C-1002", FullName: "Francesca Esposito", Email: "f.esposito@example.it", Street: "Corso Umberto I 45", PostalCode: "80138", City: "Napoli", Region: "NA", Country: "IT", Language: "it", DataCategories: []string{"name", "email", "password_hash", "payment_card"}, ActivationCode: "ACME-3M8D-2X7V"},
	"fr": {Row: 17, CustomerID: "C-2004", FullName: "Hugo Lefèvre", Email: "hugo.lefevre@example.fr", Street: "3 quai des Chartrons", PostalCode: "33000", City: "Bordeaux", Country: "FR", Language: "fr-FR", DataCategories: []string{"name", "email", "passport"}, ActivationCode: "ACME-4K1R-7V8C"},
	"en": {Row: 32, CustomerID: "C-4003", FullName: "Jessica Nguyen", Email: "jessica.nguyen@example.com", Street: "88 Santa Clara St", PostalCode: "95113", City: "San Jose", Region: "CA", Country: "US", Language: "en", DataCategories: []string{"name", "ssn", "drivers_license"}, ActivationCode: "ACME-2X6R-8C3M"},
	"zh": {Row: 51, CustomerID: "C-7002", FullName: "王芳", Email: "wang.fang@example.cn", Street: "浦东新区世纪大道100号", PostalCode: "200120", City: "上海市", Country: "CN", Language: "zh", DataCategories: []string{"name", "email", "password_hash", "payment_card"}, ActivationCode: "ACME-2T9W-6K4B"},
	"ru": {Row: 46, CustomerID: "C-6004", FullName: "Jürgen Müller", Email: "juergen.mueller@example.ru", Street: "ул. Баумана, д. 44", PostalCode: "420111", City: "Казань", Region: "Республика Татарстан", Country: "RU", Language: "ru", ActivationCode: "ACME-6B3X-8J5P"},
}

var testLangs = []string{"en", "it", "fr", "zh", "ru"}

// compose builds r's letter the way letters_test.go does.
func (e internalEnv) compose(tb testing.TB, r customers.Person) *letters.Letter {
	tb.Helper()
	d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
	l, err := letters.Compose(letters.Input{Incident: e.in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: r, Date: testNow})
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// TestWritePDFs writes one letter per language to $LETTERS_PDF_DIR, for
// looking at the pages (pdftoppm -r 70 -png); skipped when it is unset.
func TestWritePDFs(t *testing.T) {
	dir := os.Getenv("LETTERS_PDF_DIR")
	if dir == "" {
		t.Skip("LETTERS_PDF_DIR not set")
	}
	e := loadEnv(t)
	for _, lang := range testLangs {
		var buf bytes.Buffer
		if err := renderPDF(&buf, e.compose(t, testPeople[lang]), e.fonts, Options{Created: testNow}); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, lang+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// subsetTagRE is a font subset's name: six capitals, "+", the font's name.
var subsetTagRE = regexp.MustCompile(`^[A-Z]{6}\+(.+)$`)

// untagged returns a subset font's name without its tag, failing the test
// if it has none.
func untagged(t *testing.T, name string) string {
	t.Helper()
	m := subsetTagRE.FindStringSubmatch(name)
	if m == nil {
		t.Errorf("font name %q has no subset tag", name)
		return name
	}
	return m[1]
}

// TestNothingOverflows renders letters in all five languages, with long
// customer data too, and checks that every line drawn stays in the page's
// text area: between the margins, above the footer, and the footer below
// the text and above the page's edge.
func TestNothingOverflows(t *testing.T) {
	e := loadEnv(t)
	long := func(r customers.Person) customers.Person {
		r.FullName = strings.Repeat(r.FullName+" ", 4)
		r.Street = strings.Repeat(r.Street+" ", 3)
		r.ActivationCode = strings.Repeat("ACME-LONGCODE-", 8)
		return r
	}
	const left, right, footerZone = 25.0, 20.0, bodyBottom
	for _, lang := range testLangs {
		for _, variant := range []string{"", "long"} {
			r := testPeople[lang]
			if variant == "long" {
				r = long(r)
			}
			t.Run(lang+variant, func(t *testing.T) {
				l := e.compose(t, r)
				if variant == "long" {
					// The composed address of the long variant may be too long for
					// the window; the body is what is checked here.
					l.Address = l.Address[len(l.Address)-2:]
				}
				drawn, pdf, err := renderLines(t, l)
				if err != nil {
					t.Fatal(err)
				}
				w, h := 210.0, 297.0
				if l.Paper == "Letter" {
					w, h = 215.9, 279.4
				}
				pages := 0
				for _, d := range drawn {
					pages = max(pages, d.page+1)
					if d.x0 < left-1e-6 || d.x1 > w-right+1e-6 {
						t.Errorf("page %d %s line %q: %.2f..%.2f mm, outside %v..%v", d.page+1, d.kind, d.text, d.x0, d.x1, left, w-right)
					}
					if d.kind == "footer" {
						if d.top < h-footerZone || d.bottom > h-5 {
							t.Errorf("page %d footer %.2f..%.2f mm", d.page+1, d.top, d.bottom)
						}
						continue
					}
					if d.top < 15 || d.bottom > h-footerZone+1e-6 {
						t.Errorf("page %d %s line %q: %.2f..%.2f mm, outside 15..%v", d.page+1, d.kind, d.text, d.top, d.bottom, h-footerZone)
					}
				}
				if len(pdf) == 0 || pages == 0 {
					t.Fatal("nothing drawn")
				}
			})
		}
	}
}

// TestFontFallbackPerRun: a Chinese name in an Italian letter and a Latin
// name with diacritics in a Russian letter come out in the text layer as
// written, each in a face that has it; the CJK faces are embedded only
// when the letter has CJK text, and only as subsets.
func TestFontFallbackPerRun(t *testing.T) {
	e := loadEnv(t)
	it := testPeople["it"]
	it.FullName = "王伟"
	tests := []struct {
		name      string
		r         customers.Person
		want      string
		wantFont  string
		wantFonts []string
	}{
		{"Chinese name in Italian", it, "王伟", "utf8notosc", []string{"utf8dejavu", "utf8dejavuB", "utf8notosc"}},
		{"Latin name in Russian", testPeople["ru"], "Jürgen Müller", "utf8dejavu", []string{"utf8dejavu", "utf8dejavuB"}},
		{"Italian", testPeople["it"], "Francesca Esposito", "utf8dejavu", []string{"utf8dejavu", "utf8dejavuB"}},
		{"Chinese", testPeople["zh"], "王芳", "utf8notosc", []string{"utf8dejavu", "utf8dejavuB", "utf8notosc", "utf8notoscB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := e.compose(t, tt.r)
			doc, raw := e.renderDoc(t, l)
			text := doc.Text()
			if strings.ContainsRune(text, '\uFFFD') {
				t.Error("the text layer has U+FFFD")
			}
			if l.Replaced != 0 {
				t.Errorf("Replaced = %d", l.Replaced)
			}
			lines := strings.Split(strings.ReplaceAll(text, "\f", "\n"), "\n")
			if !slices.ContainsFunc(lines, func(s string) bool { return strings.HasPrefix(s, tt.want+" ") || s == tt.want }) {
				t.Errorf("no line starts with %q (the address's first line)", tt.want)
			}
			// The spans drawing the name use a face that has it.
			for _, p := range doc.Pages {
				for _, s := range p.Spans {
					if strings.Contains(s.Text, tt.want) && untagged(t, s.Font) != tt.wantFont {
						t.Errorf("%q drawn in %s, want %s", s.Text, s.Font, tt.wantFont)
					}
				}
			}
			if n := strings.Count(text, "\f"); n != len(doc.Pages)-1 {
				t.Errorf("%d form feeds between %d pages", n, len(doc.Pages))
			}
			if lang := l.Lang; lang == "zh" {
				// Bold CJK is the real bold face: a heading is one span in it.
				h := l.Sections[0].Heading
				found := false
				for _, p := range doc.Pages {
					for _, s := range p.Spans {
						found = found || s.Text == h && untagged(t, s.Font) == "utf8notoscB"
					}
				}
				if !found {
					t.Errorf("heading %q not drawn in utf8notoscB", h)
				}
			}
			var faces []string
			for _, f := range doc.Fonts {
				faces = append(faces, untagged(t, f.Name))
				if !f.Embedded {
					t.Errorf("font %s not embedded", f.Name)
				}
			}
			slices.Sort(faces)
			if !slices.Equal(faces, tt.wantFonts) {
				t.Errorf("faces %q, want %q", faces, tt.wantFonts)
			}
			// Subsets: no embedded font program is anywhere near the size of
			// a whole face (DejaVu Sans 740 KB, Noto Sans SC 10.5 MB).
			for _, m := range regexp.MustCompile(`/Length1 (\d+)`).FindAllSubmatch(raw, -1) {
				if n, _ := strconv.Atoi(string(m[1])); n > 300_000 {
					t.Errorf("an embedded font program is %d bytes: not a subset", n)
				}
			}
		})
	}
}

// The bold CJK face is a subset (fonts/subset-bold.py): it has every
// character of the Chinese catalog, and a bold character it lacks (龘, not in
// GB 2312, in a signatory's name) is drawn with the regular face, not lost.
func TestBoldCJKSubsetFallsBackToRegular(t *testing.T) {
	e := loadEnv(t)
	zh, err := locales.FS().Open("zh.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer zh.Close()
	catalog, err := io.ReadAll(zh)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range string(catalog) {
		if fonts.IsCJK(r) && !e.fonts.CJKBold.Has(r) {
			t.Errorf("the bold subset lacks %q (U+%04X) from locales/zh.toml: run letters/faces/subset-bold.py", r, r)
		}
	}
	const rare = '龘'
	if e.fonts.CJKBold.Has(rare) || !e.fonts.CJK.Has(rare) {
		t.Fatalf("test premise: %q should be only in the regular face", rare)
	}
	if f := e.fonts.FaceFor(rare, true); f != e.fonts.CJK {
		t.Fatalf("bold %q drawn with %v, want the regular CJK face", rare, f)
	}
	l := e.compose(t, testPeople["zh"])
	l.Signature = append([]string{"龘明"}, l.Signature[1:]...)
	if doc, _ := e.renderDoc(t, l); !strings.Contains(doc.Text(), "龘明") || l.Replaced != 0 {
		t.Errorf("signatory 龘明 not printed (replaced %d)", l.Replaced)
	}
}

// renderDoc renders l as PDF and returns it read back, and its bytes.
func (e internalEnv) renderDoc(t *testing.T, l *letters.Letter) (*pdftext.Document, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := renderPDF(&buf, l, e.fonts, Options{Created: testNow}); err != nil {
		t.Fatal(err)
	}
	doc, err := pdftext.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return doc, buf.Bytes()
}

// testRenderers are the renderers of the tests, one per Fonts, as a run
// has: a letter is drawn on a canvas an earlier letter with the same fonts
// used.
var testRenderers sync.Map // *fonts.Fonts -> *Renderer

func rendererFor(fs *fonts.Fonts) *Renderer {
	if r, ok := testRenderers.Load(fs); ok {
		return r.(*Renderer)
	}
	r, _ := testRenderers.LoadOrStore(fs, NewRenderer(fs))
	return r.(*Renderer)
}

// renderPDF renders l with fs's test renderer.
func renderPDF(w io.Writer, l *letters.Letter, fs *fonts.Fonts, opts Options) error {
	_, err := rendererFor(fs).Render(w, l, opts)
	return err
}

// renderRecorded is renderPDF calling record for every line drawn.
func renderRecorded(w io.Writer, l *letters.Letter, fs *fonts.Fonts, opts Options, record func(drawnLine)) error {
	_, err := rendererFor(fs).render(w, l, opts, record)
	return err
}
