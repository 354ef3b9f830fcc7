package letters_test

import (
	"bytes"
	"flag"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/pdf"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files")

type env struct {
	in   *letters.Incident
	set  *rules.Set
	cats locales.Catalogs
	pdf  *pdf.Renderer
}

func setup(t *testing.T) env {
	t.Helper()
	e := lettertest.Load(t, "../testdata/incident.toml")
	return env{e.Incident, e.Rules, e.Catalogs, e.PDF}
}

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

func (e env) render(t *testing.T, r customers.Person) (*letters.Letter, []byte, []byte) {
	t.Helper()
	d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
	l, err := letters.Compose(letters.Input{Incident: e.in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: r, Date: now})
	if err != nil {
		t.Fatal(err)
	}
	var doc, eml bytes.Buffer
	if _, err := e.pdf.Render(&doc, l, pdf.Options{Created: now}); err != nil {
		t.Fatal(err)
	}
	if err := email.Render(&eml, l, doc.Bytes(), email.Options{Date: now, AttachmentName: "notice.pdf"}); err != nil {
		t.Fatal(err)
	}
	return l, doc.Bytes(), eml.Bytes()
}

var people = map[string]customers.Person{
	"it": {Row: 3, CustomerID: "C-1002", FullName: "Francesca Esposito", Email: "f.esposito@example.it", Street: "Corso Umberto I 45", PostalCode: "80138", City: "Napoli", Region: "NA", Country: "IT", Language: "it", DataCategories: []string{"name", "email", "password_hash", "payment_card"}, ActivationCode: "ACME-3M8D-2X7V"},
	"fr": {Row: 17, CustomerID: "C-2004", FullName: "Hugo Lefèvre", Email: "hugo.lefevre@example.fr", Street: "3 quai des Chartrons", PostalCode: "33000", City: "Bordeaux", Country: "FR", Language: "fr-FR", DataCategories: []string{"name", "email", "passport"}, ActivationCode: "ACME-4K1R-7V8C"},
	"en": {Row: 32, CustomerID: "C-4003", FullName: "Jessica Nguyen", Email: "jessica.nguyen@example.com", Street: "88 Santa Clara St", PostalCode: "95113", City: "San Jose", Region: "CA", Country: "US", Language: "en", DataCategories: []string{"name", "ssn", "drivers_license"}, ActivationCode: "ACME-2X6R-8C3M"},
	"zh": {Row: 51, CustomerID: "C-7002", FullName: "王芳", Email: "wang.fang@example.cn", Street: "浦东新区世纪大道100号", PostalCode: "200120", City: "上海市", Country: "CN", Language: "zh", DataCategories: []string{"name", "email", "password_hash", "payment_card"}, ActivationCode: "ACME-2T9W-6K4B"},
	"ru": {Row: 46, CustomerID: "C-6004", FullName: "Jürgen Müller", Email: "juergen.mueller@example.ru", Street: "ул. Баумана, д. 44", PostalCode: "420111", City: "Казань", Region: "Республика Татарстан", Country: "RU", Language: "ru", ActivationCode: "ACME-6B3X-8J5P"},
}

// goldenCategories are the data categories of each profile's golden reader:
// together they exercise every tailored step and required statement.
var goldenCategories = map[string][]string{
	"EU":    {"name", "email", "password", "payment_card"},
	"US-CA": {"name", "email", "ssn", "drivers_license"},
	"US-MA": {"name", "email", "ssn", "payment_card"},
	"RU":    {"name", "email", "passport"},
	"CN":    {"name", "email", "national_id", "password_hash"},
}

// TestGolden renders a letter for each language and jurisdiction profile
// and compares the PDF's text layer and the email's text and HTML parts
// with testdata/golden (rewrite with -update after reading the diff).
func TestGolden(t *testing.T) {
	e := setup(t)
	for _, profile := range letters.PreviewProfiles {
		for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
			t.Run(profile+"-"+lang, func(t *testing.T) {
				r, err := letters.PreviewPerson(lang, profile, goldenCategories[profile])
				if err != nil {
					t.Fatal(err)
				}
				l, pdf, eml := e.render(t, r)
				if l.Lang != lang {
					t.Fatalf("letter language = %s, want %s", l.Lang, lang)
				}
				doc, err := pdftext.Parse(pdf)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range doc.Fonts {
					if !f.Embedded {
						t.Errorf("font %s not embedded", f.Name)
					}
				}
				stem := filepath.Join("testdata", "golden", profile+"-"+lang)
				golden(t, stem+".pdf.txt", doc.Text())
				golden(t, stem+".email.txt", emailPart(t, eml, "text/plain"))
				golden(t, stem+".html", emailPart(t, eml, "text/html"))
			})
		}
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden file (run go test ./letters -update): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output; run with -update after checking the change.\n--- got ---\n%s", path, got)
	}
}

// emailPart returns the decoded part of an email with the given type.
func emailPart(t *testing.T, eml []byte, typ string) string {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	parts, err := email.Parts(msg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		if p.Type == typ {
			return string(p.Body)
		}
	}
	t.Fatalf("no %s part", typ)
	return ""
}

// renderAffected composes r's letter for an incident that affected
// `affected` persons, renders it as PDF and returns the PDF's text layer.
func (e env) renderAffected(t *testing.T, r customers.Person, affected int) (*letters.Letter, string) {
	t.Helper()
	d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
	l, err := letters.Compose(letters.Input{Incident: e.in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: r, Date: now, Affected: affected})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := e.pdf.Render(&buf, l, pdf.Options{Created: now}); err != nil {
		t.Fatal(err)
	}
	doc, err := pdftext.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return l, doc.Text()
}

// pdfText renders r's letter and returns the PDF's text layer with runs of
// white space (line breaks included) collapsed to one space.
func (e env) pdfText(t *testing.T, r customers.Person) (*letters.Letter, string) {
	t.Helper()
	l, pdf, _ := e.render(t, r)
	doc, err := pdftext.Parse(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return l, strings.Join(strings.Fields(doc.Text()), " ")
}

// Cal. Civ. Code § 1798.82(d)(1): titled "Notice of Data Breach", with the
// five headings in order. Letters in other languages carry the statutory
// English words after their own.
func TestCaliforniaTitleAndHeadingsInOrder(t *testing.T) {
	e := setup(t)
	for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
		t.Run(lang, func(t *testing.T) {
			r, err := letters.PreviewPerson(lang, "US-CA", []string{"name", "ssn", "drivers_license"})
			if err != nil {
				t.Fatal(err)
			}
			l, text := e.pdfText(t, r)
			pos := 0
			for _, h := range []string{"Notice of Data Breach", "What Happened", "What Information Was Involved", "What We Are Doing", "What You Can Do", "For More Information"} {
				i := strings.Index(text[pos:], h)
				if i < 0 {
					t.Fatalf("%q missing or out of order in\n%s", h, text)
				}
				pos += i + len(h)
			}
			if lang != "en" {
				title, _ := e.cats[lang].Text("title", map[string]any{})
				if !strings.HasPrefix(l.Title, title) {
					t.Errorf("title %q does not lead with the %s title %q", l.Title, lang, title)
				}
			}
			for _, want := range []string{"Equifax", "Experian", "TransUnion", "SAMPLE-CODE-0000"} {
				if !strings.Contains(text, want) {
					t.Errorf("Californian SSN letter lacks %q", want)
				}
			}
			for _, key := range []string{"law_enforcement_delay", "cra_contacts", "ftc_contact", "date_range"} {
				if !slices.Contains(l.ContentKeys, key) {
					t.Errorf("content %q missing", key)
				}
			}
			_, pdf, _ := e.render(t, r)
			doc, err := pdftext.Parse(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Pages[0].Width < 611 || doc.Pages[0].Width > 613 {
				t.Errorf("US letter page width = %v pt, want US Letter (612)", doc.Pages[0].Width)
			}
		})
	}
}

// M.G.L. c. 93H § 3(b): the notice "shall not include the nature of the
// breach or unauthorized acquisition or use or the number of residents
// affected"; it must state the right to a police report and how to get a
// free security freeze.
//
// The organization is taken as established in the US only, so that the
// Massachusetts rule is alone: with the sample's Italian establishment the
// GDPR reaches the reader too (see TestConflictNeedsCounsel) and adds the
// advised complaint-right sentence, whose words ("to the data protection
// authority") the 24-character window below would mistake for the story.
func TestMassachusettsLetterDoesNotDescribeTheBreach(t *testing.T) {
	e := setup(t)
	in := *e.in
	in.Organization.Establishments = []string{"US"}
	e.in = &in
	for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
		t.Run(lang, func(t *testing.T) {
			r, err := letters.PreviewPerson(lang, "US-MA", []string{"name", "email", "ssn", "payment_card"})
			if err != nil {
				t.Fatal(err)
			}
			l, raw := e.renderAffected(t, r, 1234)
			// A paragraph may run over a page break: not the page label.
			text := withoutPageLabels(t, e.cats[lang], strings.Join(strings.Fields(raw), ""))
			squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
			story := e.in.Incident.Text[lang]
			cat := e.cats[lang]
			for name, s := range map[string]string{
				"what_happened":       story.WhatHappened,
				"what_we_are_doing":   story.WhatWeAreDoing,
				"start of the breach": cat.Date(e.in.Incident.OccurredFrom, "US"),
				"end of the breach":   cat.Date(e.in.Incident.OccurredTo, "US"),
			} {
				// Any 24-character stretch of the story would give it away.
				rs := []rune(squeeze(s))
				for i := 0; i+24 <= len(rs); i += 12 {
					if strings.Contains(text, string(rs[i:i+24])) {
						t.Errorf("letter contains part of %s: %q", name, string(rs[i:i+24]))
						break
					}
				}
				// A date must not match inside another ("2 novembre" in "22 novembre").
				if len(rs) < 24 && regexp.MustCompile(`(^|[^0-9])`+regexp.QuoteMeta(string(rs))).MatchString(text) {
					t.Errorf("letter contains %s %q", name, s)
				}
			}
			for _, k := range []string{"what_happened", "date_range", "number_of_residents"} {
				if slices.Contains(l.ContentKeys, k) {
					t.Errorf("letter carries %q", k)
				}
			}
			for _, k := range []string{"police_report_right", "security_freeze_info"} {
				want, err := cat.Text("statement."+k, map[string]any{})
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(text, squeeze(want)) {
					t.Errorf("letter lacks the %s statement", k)
				}
			}
		})
	}
}

func TestReproduciblePDF(t *testing.T) {
	e := setup(t)
	_, a, ea := e.render(t, people["fr"])
	_, b, eb := e.render(t, people["fr"])
	if !bytes.Equal(a, b) || !bytes.Equal(ea, eb) {
		t.Error("the same letter rendered twice gives different bytes")
	}
}

func TestCustomerDataIsEscapedInHTML(t *testing.T) {
	e := setup(t)
	r := people["en"]
	r.FullName = "<b>x</b> & <script>alert(1)</script>"
	l, _, _ := e.render(t, r)
	var html bytes.Buffer
	if err := email.RenderHTML(&html, l); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html.String(), "<b>x</b>") || strings.Contains(html.String(), "<script>") {
		t.Error("customer name was not escaped in the HTML part")
	}
	if !strings.Contains(html.String(), "&lt;b&gt;x&lt;/b&gt;") {
		t.Error("escaped name not shown as text")
	}
}

// TestEmojiInANameAreLeftOut: an emoji never reaches paper as U+FFFD; the
// name loses it, the letter says so in a warning naming no one.
func TestEmojiInANameAreLeftOut(t *testing.T) {
	e := setup(t)
	r := people["fr"]
	r.FullName = "Zoé 🙂 Martin 🙂"
	l, pdf, eml := e.render(t, r)
	if l.Replaced != 0 {
		t.Errorf("Replaced = %d, want 0", l.Replaced)
	}
	doc, err := pdftext.Parse(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if text := doc.Text(); !strings.Contains(text, "Zoé Martin 22") || strings.ContainsAny(text, "\uFFFD🙂") {
		t.Errorf("the PDF does not print the name as %q without U+FFFD:\n%s", "Zoé Martin", text)
	}
	if !strings.Contains(string(eml), "Zo=C3=A9 Martin") && !strings.Contains(string(eml), "Zoé Martin") {
		t.Errorf("the email does not greet %q", "Zoé Martin")
	}
	var codes []string
	for _, w := range l.Warnings {
		codes = append(codes, w.Code)
		if strings.Contains(w.Text, "Zo") {
			t.Errorf("warning names the person: %q", w.Text)
		}
	}
	if !slices.Contains(codes, letters.WarnUnprintable) {
		t.Errorf("warnings %q, want %q", codes, letters.WarnUnprintable)
	}
}

func TestMissingIncidentTextNamesLanguageAndKey(t *testing.T) {
	e := setup(t)
	delete(e.in.Incident.Text, "zh")
	r := people["zh"]
	d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
	_, err := letters.Compose(letters.Input{Incident: e.in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: r, Date: now})
	if err == nil || !strings.Contains(err.Error(), "[incident.text.zh] is missing") {
		t.Fatalf("error = %v", err)
	}
}

func TestIncidentUnknownKeyHasLine(t *testing.T) {
	src := "[organization]\nlegal_name = \"A\"\nbrnad = \"typo\"\n"
	_, err := letters.LoadIncident("incident.toml", strings.NewReader(src))
	if err == nil || !strings.Contains(err.Error(), `incident.toml:3: unknown key "organization.brnad"`) {
		t.Fatalf("error = %v", err)
	}
}

func TestCheckTrueTypeRejectsWhatFpdfCannotRead(t *testing.T) {
	for name, data := range map[string][]byte{
		"collection": append([]byte("ttcf"), make([]byte, 20)...),
		"cff":        append([]byte("OTTO"), make([]byte, 20)...),
		"garbage":    []byte("hello world, not a font"),
	} {
		if err := fonts.CheckTrueType(data); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}

// TestJurisdictionContentInLetters checks that what a jurisdiction requires
// or forbids reaches the rendered letter: Massachusetts letters carry no
// description of the breach and state the police-report and security-freeze
// rights; Rhode Island letters state the number of persons affected.
func TestJurisdictionContentInLetters(t *testing.T) {
	e := setup(t)
	base := customers.Person{CustomerID: "C-9001", FullName: "Pat Doe", Email: "pat@example.com", Street: "1 Main St",
		Country: "US", Language: "en", DataCategories: []string{"name", "ssn"}}
	happened := "old copy of our online store"
	tests := []struct {
		region      string
		want, avoid []string
	}{
		{"MA", []string{"police report", "security freeze"}, []string{happened, "were affected by this incident"}},
		{"RI", []string{happened, "In total, 1,234 people were affected by this incident"}, nil},
		{"IL", []string{happened}, []string{"were affected by this incident"}},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			r := base
			r.Region, r.City, r.PostalCode = tt.region, "Town", "01000"
			d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
			if !d.Notify {
				t.Fatalf("no notice: %s", d.Reason)
			}
			_, raw := e.renderAffected(t, r, 1234)
			text := strings.Join(strings.Fields(raw), " ")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("letter lacks %q", w)
				}
			}
			for _, w := range tt.avoid {
				if strings.Contains(text, w) {
					t.Errorf("letter contains %q", w)
				}
			}
		})
	}
}

// TestEveryJurisdictionCanBeWritten composes a letter for a person in each
// shipped jurisdiction whose data triggers notice there, in the
// jurisdiction's own language: every content key a rule requires must be
// writable (Compose fails on a required key it cannot write).
func TestEveryJurisdictionCanBeWritten(t *testing.T) {
	e := setup(t)
	cats := []string{"name", "email", "password", "ssn", "payment_card", "national_id", "health"}
	for _, j := range e.set.All() {
		if j.Overlay() || j.Fallback {
			continue
		}
		country, region := "", ""
		switch {
		case len(j.Subdivisions) > 0:
			country, region, _ = strings.Cut(j.Subdivisions[0], "-")
		case len(j.Countries) > 0:
			country = j.Countries[0]
		default:
			continue
		}
		t.Run(j.ID, func(t *testing.T) {
			f := e.in.Facts()
			f.Profiles = []string{"hipaa"}
			if !j.InForce(f.Day()) {
				t.Skipf("not in force on %s", f.Day().Format(time.DateOnly))
			}
			d := e.set.Decide(f, rules.Subject{Country: country, Region: region, Categories: cats})
			if d.Jurisdiction.ID != j.ID {
				t.Fatalf("matched %s", d.Jurisdiction.ID)
			}
			if !d.Notify {
				t.Skipf("no notice to individuals: %s", d.Reason)
			}
			r := customers.Person{CustomerID: "C-1", FullName: "A B", Email: "a@example.com", Street: "1 Road", City: "Town",
				Region: region, Country: country, Language: j.Language(), DataCategories: cats, ActivationCode: "X-1"}
			l, err := letters.Compose(letters.Input{Incident: e.in, Rules: e.set, Decision: d, Catalogs: e.cats, Person: r, Date: now, Affected: 10})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range d.Content.Forbidden {
				if slices.Contains(l.ContentKeys, k) {
					t.Errorf("letter contains forbidden content %q", k)
				}
			}
		})
	}
}

// A per-person enroll-by date from the customer file replaces the
// incident's in the identity-protection offer.
func TestPersonalEnrollByDate(t *testing.T) {
	e := setup(t)
	e.in.Offer.ValidIn = []string{"*"} // the sample offers it in the US only
	r := people["it"]
	l, _, _ := e.render(t, r)
	if !strings.Contains(letterText(l), "28\u00a0febbraio\u00a02027") {
		t.Fatalf("offer without the incident's enroll-by date: %q", letterText(l))
	}
	r.EnrollBy = time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC)
	l, _, _ = e.render(t, r)
	if txt := letterText(l); !strings.Contains(txt, "15\u00a0marzo\u00a02027") || strings.Contains(txt, "28\u00a0febbraio\u00a02027") {
		t.Errorf("offer does not use the person's enroll-by date 15 marzo 2027: %q", txt)
	}
}

func letterText(l *letters.Letter) string {
	var b strings.Builder
	for _, s := range l.Sections {
		for _, p := range s.Paragraphs {
			b.WriteString(p.Text + "\n")
			for _, x := range append(p.Bullets, p.Steps...) {
				b.WriteString(x + "\n")
			}
		}
	}
	return b.String()
}

// The HTML email has no links: it tells its reader to type our address
// rather than click, so the address is text, as in the letter; and it
// loads nothing remote.
func TestEmailHasNoLinks(t *testing.T) {
	e := setup(t)
	l, _, _ := e.render(t, people["en"]) // a Californian SSN letter: names the FTC and the bureaus
	var html bytes.Buffer
	if err := email.RenderHTML(&html, l); err != nil {
		t.Fatal(err)
	}
	h := html.String()
	for _, u := range []string{"https://www.acme.example", "https://www.acme.example/en/protect", "www.annualcreditreport.com"} {
		if !strings.Contains(h, u) {
			t.Errorf("%s is not written out (test premise)", u)
		}
	}
	for _, bad := range []string{"<a ", "href", "<img", " src=", "url(", "<script", "<link"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML part contains %q: no links, remote content or scripts allowed", bad)
		}
	}
}

func TestIndividualsNotifiedBeforeDiscoveryIsRejected(t *testing.T) {
	src, err := os.ReadFile("../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	line := "discovered_at = \"2026-11-19T19:30:00+01:00\"\n"
	if !bytes.Contains(src, []byte(line)) {
		t.Fatal("sample incident changed: discovered_at line not found")
	}
	for _, tt := range []struct {
		at   string
		want bool
	}{{"2026-11-19T18:00:00+01:00", true}, {"2026-11-25T10:00:00+01:00", false}} {
		bad := bytes.Replace(src, []byte(line), []byte(line+"individuals_notified_at = \""+tt.at+"\"\n"), 1)
		_, err := letters.LoadIncident("incident.toml", bytes.NewReader(bad))
		if got := err != nil && strings.Contains(err.Error(), "individuals_notified_at is before discovered_at"); got != tt.want {
			t.Errorf("%s: error = %v, want rejected %v", tt.at, err, tt.want)
		}
	}
}

// TestConflictNeedsCounsel: the sample company is established in Italy, so
// a Massachusetts reader is reached by M.G.L. c. 93H (residence) and by the
// GDPR (Art. 3(1)). Art. 34(2) requires the nature of the breach, § 3(b)
// forbids it: the conflict is reported as open and, until counsel decides,
// the description is left out (Massachusetts says its prohibition
// prevails); counsel's decision to include it, recorded in the incident,
// puts it in and is reported as decided.
func TestConflictNeedsCounsel(t *testing.T) {
	e := setup(t)
	r, err := letters.PreviewPerson("en", "US-MA", []string{"name", "email", "ssn"})
	if err != nil {
		t.Fatal(err)
	}
	story := strings.Join(strings.Fields(e.in.Incident.Text["en"].WhatHappened), "")[:40]
	d := e.set.Decide(e.in.Facts(), e.in.Subject(r))
	if len(d.Conflicts) != 1 || d.Conflicts[0].ID() != "US-MA:what_happened" || !d.Conflicts[0].Open() || !d.Conflicts[0].Omitted {
		t.Fatalf("conflicts %+v, want one open, omitted US-MA:what_happened", d.Conflicts)
	}
	if _, raw := e.renderAffected(t, r, 1); strings.Contains(strings.Join(strings.Fields(raw), ""), story) {
		t.Error("the letter describes the breach before counsel decided")
	}
	in := *e.in
	in.Decisions = []letters.Decision{{Conflict: "US-MA:what_happened", Resolve: "include", By: "outside counsel"}}
	e.in = &in
	d = e.set.Decide(e.in.Facts(), e.in.Subject(r))
	if len(d.Conflicts) != 1 || d.Conflicts[0].Open() || d.Conflicts[0].Omitted || !strings.Contains(d.Conflicts[0].String(), "as decided by outside counsel") {
		t.Fatalf("conflicts %+v, want one decided, included", d.Conflicts)
	}
	if _, raw := e.renderAffected(t, r, 1); !strings.Contains(strings.Join(strings.Fields(raw), ""), story) {
		t.Error("counsel decided to include the description, but the letter leaves it out")
	}
}

// TestIncidentOrganizationScope: the organization's establishments, kind
// and targets, and counsel's decisions, are validated with the line of the
// key; a valid set reaches the rules' facts.
func TestIncidentOrganizationScope(t *testing.T) {
	src, err := os.ReadFile("../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	sample := string(src)
	swap := func(old, new string) string {
		t.Helper()
		if !strings.Contains(sample, old) {
			t.Fatalf("sample incident has no %q", old)
		}
		return strings.Replace(sample, old, new, 1)
	}
	for name, tt := range map[string]struct{ src, want string }{
		"bad establishment": {swap(`establishments = ["IT"]`, `establishments = ["Italy"]`), `incident.toml:6: establishment "Italy" is not an ISO 3166-1 alpha-2 code`},
		"unknown type":      {swap(`establishments = ["IT"]`, `establishments = ["IT"]`+"\ntype = \"bank\""), `organization type "bank" is unknown`},
		"decision without by": {sample + "\n[[decision]]\nconflict = \"US-MA:what_happened\"\nresolve = \"omit\"\n",
			`: decision 1: decision "US-MA:what_happened" needs by`},
		"decision resolve": {sample + "\n[[decision]]\nconflict = \"US-MA:what_happened\"\nresolve = \"maybe\"\nby = \"counsel\"\n",
			`resolve "maybe" must be "omit" or "include"`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := letters.LoadIncident("incident.toml", strings.NewReader(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
	ok := swap(`establishments = ["IT"]`, `establishments = ["IT", "US-CA"]`+"\ntype = \"insurer\"\ntargets = [\"EU\", \"US\"]") +
		"\n[[decision]]\nconflict = \"US-MA:what_happened\"\nresolve = \"include\"\nby = \"outside counsel\"\n"
	in, err := letters.LoadIncident("incident.toml", strings.NewReader(ok))
	if err != nil {
		t.Fatal(err)
	}
	f := in.Facts()
	if !slices.Equal(f.EstablishmentList(), []string{"IT", "US-CA"}) || f.OrgType() != "insurer" || !f.TargetsStated ||
		!slices.Equal(f.Targets, []string{"EU", "US"}) || len(f.Decisions) != 1 || f.Decisions[0].By != "outside counsel" {
		t.Errorf("facts %+v", f)
	}
}
