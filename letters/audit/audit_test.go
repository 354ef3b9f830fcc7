package audit_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/xuri/excelize/v2"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/audit"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/pdf"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/rules"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// customersCSV holds the fixture's readers: one per letter language, two in
// California (10 pt minimum) and two in Massachusetts (no description of
// the breach), one of them without an email address.
const customersCSV = `Customer ID,Full Name,E-mail,Street,ZIP,City,State/Province,Country,Language,Data Categories,Activation Code
C-1,Francesca Esposito,f.esposito@example.it,Corso Umberto I 45,80138,Napoli,NA,IT,it,name;email;password_hash,ACME-0001
C-2,Hugo Lefèvre,hugo@example.fr,3 quai des Chartrons,33000,Bordeaux,,FR,fr,name;email;passport,ACME-0002
C-3,王芳,wang.fang@example.cn,浦东新区世纪大道100号,200120,上海市,,CN,zh,name;email;password_hash,ACME-0003
C-4,Анна Смирнова,anna@example.ru,"ул. Тверская, д. 7",125009,Москва,,RU,ru,name;email,ACME-0004
C-5,Jessica Nguyen,jessica@example.com,88 Santa Clara St,95113,San Jose,CA,US,en,name;ssn;drivers_license,ACME-0005
C-6,Maria Garcia,maria@example.com,450 Market Street,94105,San Francisco,CA,US,es,name;email;payment_card,ACME-0006
C-7,John Smith,john@example.com,12 Beacon Street,02108,Boston,MA,US,en,name;ssn,ACME-0007
C-8,Mary Jones,,20 Main Street,01002,Amherst,MA,US,en,name;payment_card,ACME-0008
`

type fixture struct {
	env     lettertest.Env
	dir     string
	entries map[string]outbox.Entry // by customer id
}

// clean is the fixture's output, written once per test binary; run hands
// each test its own copy.
var clean struct {
	sync.Once
	dir string
	err error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if clean.dir != "" {
		os.RemoveAll(filepath.Dir(clean.dir))
	}
	os.Exit(code)
}

// run returns a fresh copy of the fixture's letters.
func cleanRun(t *testing.T) fixture {
	t.Helper()
	env := lettertest.Load(t, "../../testdata/incident.toml")
	clean.Do(func() {
		src, err := os.ReadFile("../../testdata/incident.toml")
		if err != nil {
			clean.err = err
			return
		}
		fp, err := rules.Fingerprint(jurisdictions.FS)
		if err != nil {
			clean.err = err
			return
		}
		base, err := os.MkdirTemp("", "audit-fixture-")
		if err != nil {
			clean.err = err
			return
		}
		clean.dir = filepath.Join(base, "out")
		sum, err := run.Run(run.Config{Incident: env.Incident, Rules: env.Rules, Catalogs: env.Catalogs, Fonts: env.Fonts,
			Customers: strings.NewReader(customersCSV), Import: customers.Options{Name: "customers.csv"}, OutPath: clean.dir, Now: now,
			IncidentSource: src, RulesFingerprint: fp})
		if err == nil && (sum.Letters != 8 || sum.Rows != 8) {
			err = fmt.Errorf("fixture: %d rows, %d letters, rejects %v, not required %v", sum.Rows, sum.Letters, sum.RejectedReasons, sum.NotRequiredWhy)
		}
		clean.err = err
	})
	if clean.err != nil {
		t.Fatal(clean.err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := os.CopyFS(dir, os.DirFS(clean.dir)); err != nil {
		t.Fatal(err)
	}
	f := fixture{env: env, dir: dir, entries: map[string]outbox.Entry{}}
	for _, e := range f.manifest(t) {
		f.entries[e.CustomerID] = e
	}
	return f
}

func (f fixture) manifest(t *testing.T) []outbox.Entry {
	t.Helper()
	mf, err := os.Open(filepath.Join(f.dir, outbox.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	es, err := outbox.ReadManifest(mf)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func (f fixture) config(dirs ...string) audit.Config {
	fp, _ := rules.Fingerprint(jurisdictions.FS)
	cfg := audit.Config{Rules: f.env.Rules, RulesFS: jurisdictions.FS, Catalogs: f.env.Catalogs, RulesFingerprint: fp, SentAt: now, Now: now}
	for _, d := range dirs {
		cfg.Outputs = append(cfg.Outputs, audit.Output{Name: d, FS: os.DirFS(d)})
	}
	return cfg
}

func (f fixture) audit(t *testing.T) *audit.Report {
	t.Helper()
	rep, err := audit.Run(f.config(f.dir))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// replace writes data as the file of customer id (pdf or eml) and, like a
// careful forger, updates the manifest's hash so only the content checks
// can tell.
func (f fixture) replace(t *testing.T, id, kind string, data []byte) string {
	t.Helper()
	es := f.manifest(t)
	var rel string
	for i := range es {
		if es[i].CustomerID != id {
			continue
		}
		sum := sha256.Sum256(data)
		if kind == "pdf" {
			rel, es[i].PDFSHA256 = es[i].PDF, hex.EncodeToString(sum[:])
		} else {
			rel, es[i].EMLSHA256 = es[i].EML, hex.EncodeToString(sum[:])
		}
	}
	if rel == "" {
		t.Fatalf("no %s for %s", kind, id)
	}
	if err := os.WriteFile(filepath.Join(f.dir, rel), data, 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := (&outbox.Dir{Path: f.dir}).AppendManifest()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		m.Append(e)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(f.dir, rel)
}

// compose composes the letter of a fixture reader again.
func (f fixture) compose(t *testing.T, r customers.Person) *letters.Letter {
	t.Helper()
	d := f.env.Rules.Decide(f.env.Incident.Facts(), f.env.Incident.Subject(r))
	l, err := letters.Compose(letters.Input{Incident: f.env.Incident, Rules: f.env.Rules, Decision: d, Catalogs: f.env.Catalogs, Person: r, Date: now, Affected: 8})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func (f fixture) renderPDF(t *testing.T, l *letters.Letter) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := f.env.PDF.Render(&b, l, pdf.Options{Created: now}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// renderEmail renders a letter's email with its PDF attached.
func (f fixture) renderEmail(t *testing.T, l *letters.Letter, pdf []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := email.Render(&b, l, pdf, email.Options{Date: now, AttachPDF: true}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	john    = customers.Person{Row: 8, CustomerID: "C-7", FullName: "John Smith", Email: "john@example.com", Street: "12 Beacon Street", PostalCode: "02108", City: "Boston", Region: "MA", Country: "US", Language: "en", DataCategories: []string{"name", "ssn"}, ActivationCode: "ACME-0007"}
	jessica = customers.Person{Row: 6, CustomerID: "C-5", FullName: "Jessica Nguyen", Email: "jessica@example.com", Street: "88 Santa Clara St", PostalCode: "95113", City: "San Jose", Region: "CA", Country: "US", Language: "en", DataCategories: []string{"name", "ssn", "drivers_license"}, ActivationCode: "ACME-0005"}
)

// textPDF draws lines of text with DejaVu Sans at size pt: a stand-in for a
// letter rendered by something else (a font without CJK glyphs, type too
// small).
func textPDF(t *testing.T, lines []string, size float64) []byte {
	t.Helper()
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.AddUTF8FontFromBytes("dejavu", "", dejavusans.TTF)
	pdf.SetFont("dejavu", "", size)
	pdf.SetAutoPageBreak(true, 40)
	pdf.AddPage()
	for _, ln := range lines {
		pdf.MultiCell(0, size*1.3, ln, "", "L", false)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pdfLines returns the text lines of a PDF file.
func pdfLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdftext.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range doc.Pages {
		out = append(out, p.Lines()...)
	}
	return out
}

func TestCleanRunAuditsClean(t *testing.T) {
	f := cleanRun(t)
	rep := f.audit(t)
	for _, x := range rep.Findings {
		t.Errorf("finding: %s", x)
	}
	if rep.Letters != 8 || len(rep.Letter) != 8 || rep.Rows != 8 {
		t.Errorf("report counts: rows %d, letters %d (%d listed)", rep.Rows, rep.Letters, len(rep.Letter))
	}
	for _, l := range rep.Letter {
		if l.Pages == 0 || l.SmallestText == 0 {
			t.Errorf("%s: pages %d, smallest text %v", l.PDF, l.Pages, l.SmallestText)
		}
		if strings.Contains(strings.Join(l.Jurisdictions, " "), "US-CA") && (l.MinFontSize != 10 || l.Due == "") {
			t.Errorf("%s: Californian letter: minimum %v pt, due %q", l.PDF, l.MinFontSize, l.Due)
		}
	}
}

// TestTamperingIsCaught changes a clean output in the ways the audit exists
// to catch; each must give a finding of the expected kind naming the file.
// The reports as a run writes them with each delimiter, and as runs wrote
// them before they carried a BOM, audit clean.
func TestReportCSVsOfEveryDelimiterAuditClean(t *testing.T) {
	for _, c := range []struct {
		name, header string
	}{
		{"before the BOM", "row,customer_id,column,reason\n"},
		{"','", outbox.BOM + "row,customer_id,column,reason\n"},
		{"';'", outbox.BOM + "row;customer_id;column;reason\n"},
		{"tab", outbox.BOM + "row\tcustomer_id\tcolumn\treason\n"},
	} {
		f := cleanRun(t)
		for _, name := range []string{outbox.RejectsFile, outbox.NotNotifiedFile} {
			if err := os.WriteFile(filepath.Join(f.dir, name), []byte(c.header), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if rep := f.audit(t); !rep.Clean() {
			t.Errorf("%s: findings %v", c.name, rep.Findings)
		}
	}
}

func TestTamperingIsCaught(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, f fixture) string // returns the file that must be named
		code   string
		says   string
	}{
		{"one byte changed in a PDF", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, f.entries["C-1"].PDF)
			data, _ := os.ReadFile(p)
			i := bytes.Index(data, []byte("/Producer"))
			data[i+2] ^= 0x20
			os.WriteFile(p, data, 0o600)
			return p
		}, "sha256", "does not match the manifest"},
		{"Chinese letter set in a font without CJK glyphs", func(t *testing.T, f fixture) string {
			lines := pdfLines(t, filepath.Join(f.dir, f.entries["C-3"].PDF))
			return f.replace(t, "C-3", "pdf", textPDF(t, lines, 11))
		}, "missing_glyph", "prints as a blank box"},
		{"required heading removed", func(t *testing.T, f fixture) string {
			l := f.compose(t, jessica)
			for i := range l.Sections {
				if l.Sections[i].Key == "measures_taken" {
					l.Sections[i].Heading = ""
				}
			}
			return f.replace(t, "C-5", "pdf", f.renderPDF(t, l))
		}, "required_content", `content "measures_taken" is missing`},
		{"forbidden element added to a Massachusetts letter", func(t *testing.T, f fixture) string {
			l := f.compose(t, john)
			text, _ := f.env.Incident.TextFor("en")
			l.Sections = append([]letters.Section{{Key: "what_happened", Heading: "What Happened",
				Paragraphs: []letters.Paragraph{{Key: "what_happened", Text: text.WhatHappened}}}}, l.Sections...)
			return f.replace(t, "C-7", "pdf", f.renderPDF(t, l))
		}, "forbidden_content", `"what_happened", which US-MA+IT forbids, is in the text`},
		{"look-alike domain linked in an email", func(t *testing.T, f fixture) string {
			return f.editHTML(t, "C-5", func(h string) string {
				return strings.Replace(h, "</h1>", `</h1><p>Confirm your identity at <a href="https://www.acme-secure.example/login">our site</a></p>`, 1)
			})
		}, "link", `HTML links to "https://www.acme-secure.example/login"`},
		{"email attaches a PDF the run did not choose to attach", func(t *testing.T, f fixture) string {
			pdf, _ := os.ReadFile(filepath.Join(f.dir, f.entries["C-5"].PDF))
			return f.replace(t, "C-5", "eml", f.renderEmail(t, f.compose(t, jessica), pdf))
		}, "attachment", "a PDF is attached, but the run attached none"},
		{"email attaches another PDF than the manifest's", func(t *testing.T, f fixture) string {
			l := f.compose(t, jessica)
			other, _ := os.ReadFile(filepath.Join(f.dir, f.entries["C-6"].PDF))
			return f.replace(t, "C-5", "eml", f.renderEmail(t, l, other))
		}, "attachment", "is not the letter in the manifest"},
		{"Californian letter in 9 pt", func(t *testing.T, f fixture) string {
			lines := pdfLines(t, filepath.Join(f.dir, f.entries["C-5"].PDF))
			return f.replace(t, "C-5", "pdf", textPDF(t, lines, 9))
		}, "type_size", "smallest text is 9.0 pt; US-CA+IT requires at least 10 pt"},
		{"a letter missing", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, f.entries["C-2"].PDF)
			os.Remove(p)
			return p
		}, "missing", "missing or unreadable"},
		{"an extra file", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, outbox.PDFDir, "row000099-extra.pdf")
			os.WriteFile(p, []byte("%PDF-1.4"), 0o600)
			return p
		}, "extra_file", "not in manifest.jsonl"},
		{"a half-written file", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, outbox.EmailDir, ".tmp-123")
			os.WriteFile(p, []byte("From:"), 0o600)
			return p
		}, "partial_file", "half-written temporary file: the run was interrupted"},
		{"a half-written file beside the summary", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, ".tmp-456")
			os.WriteFile(p, []byte(`{"customer_id":`), 0o600)
			return p
		}, "partial_file", "left by a process killed after the run finished"},
		{"a folder in the letters' folder", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, outbox.PDFDir, "old")
			os.Mkdir(p, 0o700)
			return p
		}, "extra_file", "directory is not part of the output"},
		{"a customer with two letters", func(t *testing.T, f fixture) string {
			es := f.manifest(t)
			es[1].CustomerID = es[0].CustomerID
			m, err := (&outbox.Dir{Path: f.dir}).AppendManifest()
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				m.Append(e)
			}
			if err := m.Close(); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(f.dir, outbox.ManifestFile)
		}, "duplicate", "has more than one letter"},
		{"a row accounted for twice", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, outbox.NotNotifiedFile)
			os.WriteFile(p, []byte("row,customer_id,jurisdiction,reason\n2,C-1,IT,test\n"), 0o600)
			return filepath.Join(f.dir, f.entries["C-1"].PDF)
		}, "row_twice", "row 2 is accounted for twice (also in "},
		{"a row accounted for twice, in a CSV with a BOM and ';'", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, outbox.NotNotifiedFile)
			os.WriteFile(p, []byte(outbox.BOM+"row;customer_id;jurisdiction;reason\n2;'-2+3;IT;\"a; b\"\n"), 0o600)
			return filepath.Join(f.dir, f.entries["C-1"].PDF)
		}, "row_twice", "row 2 is accounted for twice (also in "},
		{"a row accounted for twice, in a CSV with a BOM and tabs", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, outbox.RejectsFile)
			os.WriteFile(p, []byte(outbox.BOM+"row\tcustomer_id\tcolumn\treason\n3\tC-1\t\ttest\n"), 0o600)
			return filepath.Join(f.dir, f.entries["C-2"].PDF)
		}, "row_twice", "row 3 is accounted for twice (also in "},
		{"a placeholder left unfilled", func(t *testing.T, f fixture) string {
			l := f.compose(t, john)
			l.Closing = "We apologise again, <no value>."
			return f.replace(t, "C-7", "pdf", f.renderPDF(t, l))
		}, "placeholder", `unresolved placeholder "<no value>"`},
		{"the wrong company name", func(t *testing.T, f fixture) string {
			l := f.compose(t, john)
			l.Letterhead[0] = "Acne Retail S.p.A."
			l.Signature[len(l.Signature)-1] = "Acne Retail S.p.A."
			return f.replace(t, "C-7", "pdf", f.renderPDF(t, l))
		}, "legal_name", `legal name "Acme Retail S.p.A." is not in the letter`},
		{"a remote image in an email", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, f.entries["C-1"].EML)
			data, _ := os.ReadFile(p)
			data = bytes.Replace(data, []byte("<body "), []byte(`<body><img src=3D"https://track.example/p.gif"><div `), 1)
			return f.replace(t, "C-1", "eml", data)
		}, "remote_content", `src="https://track.example/p.gif"`},
		{"a script in an email (unescaped data)", func(t *testing.T, f fixture) string {
			p := filepath.Join(f.dir, f.entries["C-1"].EML)
			data, _ := os.ReadFile(p)
			data = bytes.Replace(data, []byte("<body "), []byte(`<body><script>alert(1)</script><div `), 1)
			return f.replace(t, "C-1", "eml", data)
		}, "html_element", "HTML has a <script> element"},
		{"look-alike domain in a PDF", func(t *testing.T, f fixture) string {
			l := f.compose(t, john)
			l.Sections[len(l.Sections)-1].Paragraphs = append(l.Sections[len(l.Sections)-1].Paragraphs,
				letters.Paragraph{Text: "Confirm your identity at https://www.acme-secure.example/login"})
			return f.replace(t, "C-7", "pdf", f.renderPDF(t, l))
		}, "link", `link to "https://www.acme-secure.example/login"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := cleanRun(t)
			file := tc.tamper(t, f)
			rep := f.audit(t)
			if rep.Clean() {
				t.Fatal("the audit is clean")
			}
			var codes []string
			for _, x := range rep.Findings {
				if filepath.Clean(x.File) == filepath.Clean(file) && x.Code == tc.code && strings.Contains(x.Message, tc.says) {
					return
				}
				codes = append(codes, x.String()+" ["+x.Code+"]")
			}
			t.Errorf("no %s finding naming %s and saying %q; findings:\n%s", tc.code, file, tc.says, strings.Join(codes, "\n"))
		})
	}
}

func TestLateLettersAreFindings(t *testing.T) {
	f := cleanRun(t)
	cfg := f.config(f.dir)
	cfg.SentAt = time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC) // after California's 30 days
	rep, err := audit.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	late := map[string]bool{}
	for _, x := range rep.Findings {
		if x.Code == "late" {
			late[filepath.Base(x.File)] = true
		}
	}
	for id, e := range f.entries {
		got := late[filepath.Base(e.PDF)]
		switch {
		case slices.Contains(e.Jurisdictions, "US-CA") && !got:
			t.Errorf("%s: California's 30 days are over, yet the letter is not late", id)
		case slices.Contains(e.Jurisdictions, "EU") && got:
			t.Errorf("%s: the GDPR sets no fixed deadline for individuals, yet the letter is late", id)
		}
	}
	if len(late) < 2 {
		t.Errorf("%d late letters, want both Californian ones", len(late))
	}
	if len(rep.Obligations) == 0 {
		t.Error("no open obligations listed")
	}
}

func TestSeveralOutputsAreAuditedTogether(t *testing.T) {
	f := cleanRun(t)
	copyDir := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(copyDir, os.DirFS(f.dir)); err != nil {
		t.Fatal(err)
	}
	rep, err := audit.Run(f.config(f.dir, copyDir))
	if err != nil {
		t.Fatal(err)
	}
	twice := 0
	for _, x := range rep.Findings {
		if x.Code == "row_twice" {
			twice++
		}
	}
	if twice != 8 {
		t.Errorf("two copies of one run: %d rows reported twice, want 8", twice)
	}
}

func TestCannotAudit(t *testing.T) {
	f := cleanRun(t)
	os.Remove(filepath.Join(f.dir, outbox.IncidentFile))
	_, err := audit.Run(f.config(f.dir))
	if !errors.Is(err, audit.ErrCannotAudit) || !strings.Contains(err.Error(), "no incident.toml") {
		t.Errorf("without incident.toml: %v", err)
	}
	_, err = audit.Run(f.config(t.TempDir()))
	if !errors.Is(err, audit.ErrCannotAudit) || !strings.Contains(err.Error(), "no manifest.jsonl") {
		t.Errorf("empty directory: %v", err)
	}
}

func TestOtherRulesAreAFinding(t *testing.T) {
	f := cleanRun(t)
	cfg := f.config(f.dir)
	cfg.RulesFingerprint = strings.Repeat("0", 64)
	rep, err := audit.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Code != "rules" {
		t.Errorf("findings: %v", rep.Findings)
	}
}

func TestReportsAndEvidence(t *testing.T) {
	f := cleanRun(t)
	cfg := f.config(f.dir)
	rep, err := audit.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var js, xl, zb bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back audit.Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Letter) != 8 || back.Incident != "INC-2026-0042" {
		t.Fatalf("audit.json: %v, %d letters, incident %q", err, len(back.Letter), back.Incident)
	}
	if err := rep.WriteXLSX(&xl); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(xl.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.GetSheetList(); !slices.Equal(got, []string{"Summary", "Findings", "Letters", "Obligations"}) {
		t.Errorf("sheets %v", got)
	}
	rows, _ := wb.GetRows("Letters")
	if len(rows) != 9 {
		t.Errorf("Letters sheet: %d rows, want header + 8", len(rows))
	}
	panes, _ := wb.GetPanes("Findings")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Findings header not frozen: %+v", panes)
	}
	if err := rep.WriteEvidence(&zb, cfg, fstest.MapFS{outbox.AuditJSON: {Data: js.Bytes()}, outbox.AuditXLSX: {Data: xl.Bytes()}}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zb.Bytes()), int64(zb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		files[zf.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	if zr.File[0].Name != audit.EvidenceSums {
		t.Errorf("first entry %q, want %s", zr.File[0].Name, audit.EvidenceSums)
	}
	listed := 0
	for _, line := range strings.Split(strings.TrimSpace(string(files[audit.EvidenceSums])), "\n") {
		sum, name, _ := strings.Cut(line, "  ")
		got := sha256.Sum256(files[name])
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: sha256 does not match SHA256SUMS", name)
		}
		listed++
	}
	if listed != len(files)-1 {
		t.Errorf("SHA256SUMS lists %d files, the pack has %d others", listed, len(files)-1)
	}
	for _, want := range []string{"incident.toml", "audit.json", "audit.xlsx", "rules/us-ma.toml", "rules/us-ca.toml", "rules/eu.toml", "rules/resolved.json", "rules/obligations.json", "outputs/1-out/manifest.jsonl", "outputs/1-out/summary.json"} {
		if _, ok := files[want]; !ok {
			t.Errorf("evidence pack lacks %s", want)
		}
	}
	var resolved []rules.Jurisdiction
	if err := json.Unmarshal(files["rules/resolved.json"], &resolved); err != nil {
		t.Fatal(err)
	}
	for _, j := range resolved {
		if j.Citation == "" || j.Reviewed.IsZero() || len(j.SourceURLs) == 0 {
			t.Errorf("resolved %s: citation %q, reviewed %v, %d sources", j.ID, j.Citation, j.Reviewed, len(j.SourceURLs))
		}
	}
	var again bytes.Buffer
	if err := rep.WriteEvidence(&again, cfg, fstest.MapFS{outbox.AuditJSON: {Data: js.Bytes()}, outbox.AuditXLSX: {Data: xl.Bytes()}}); err != nil || !bytes.Equal(again.Bytes(), zb.Bytes()) {
		t.Errorf("the evidence pack is not reproducible (%v)", err)
	}
}
