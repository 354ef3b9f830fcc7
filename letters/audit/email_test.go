package audit_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters/audit"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/rules"
)

// editHTML rewrites the HTML part of customer id's email with edit (on
// the decoded HTML; the part is written back in base64) and records the
// new file's hash, as a careful forger would.
func (f fixture) editHTML(t *testing.T, id string, edit func(string) string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(f.dir, f.entries[id].EML))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	const head = "Content-Type: text/html; charset=utf-8\r\n\r\n"
	at := strings.Index(s, head)
	start := strings.LastIndex(s[:at], "Content-Transfer-Encoding: ")
	end := at + len(head) + strings.Index(s[at+len(head):], "\r\n--")
	if at < 0 || start < 0 || end < at {
		t.Fatalf("%s: no HTML part", id)
	}
	body := s[at+len(head) : end]
	var html []byte
	if strings.HasPrefix(s[start:], "Content-Transfer-Encoding: base64") {
		html, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(body))
	} else {
		html, err = io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
	}
	if err != nil {
		t.Fatal(err)
	}
	edited := edit(string(html))
	if edited == string(html) {
		t.Fatalf("%s: the edit changed nothing", id)
	}
	part := "Content-Transfer-Encoding: base64\r\n" + head + base64.StdEncoding.EncodeToString([]byte(edited))
	return f.replace(t, id, "eml", []byte(s[:start]+part+s[end:]))
}

// editHeader rewrites the header of customer id's email with edit.
func (f fixture) editHeader(t *testing.T, id string, edit func(string) string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(f.dir, f.entries[id].EML))
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(data), "\r\n\r\n")
	edited := edit(head)
	if edited == head {
		t.Fatalf("%s: the edit changed nothing", id)
	}
	return f.replace(t, id, "eml", []byte(edited+"\r\n\r\n"+body))
}

// TestEmailFindings: an email that does what its text warns against, or
// whose addresses a reader's mail program would get wrong, is a finding
// naming the file.
func TestEmailFindings(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, f fixture) string
		code   string
		says   string
	}{
		{"our own site linked where the text says to type it", func(t *testing.T, f fixture) string {
			return f.editHTML(t, "C-5", func(h string) string {
				return strings.Replace(h, "type https://www.acme.example into", `type <a href="https://www.acme.example">https://www.acme.example</a> into`, 1)
			})
		}, "link_against_advice", `HTML links to "https://www.acme.example", but the email tells its reader to type the address and not to click`},
		{"a link that runs on into the Chinese text", func(t *testing.T, f fixture) string {
			return f.editHTML(t, "C-3", func(h string) string {
				return strings.Replace(h, "https://www.acme.example，并设置", `<a href="https://www.acme.example，并设置">https://www.acme.example，并设置</a>`, 1)
			})
		}, "url_runs_on", `HTML links to "https://www.acme.example，并设置": the address runs on into the text after it ("，并设置")`},
		{"an address glued to the word after it", func(t *testing.T, f fixture) string {
			return f.editHTML(t, "C-3", func(h string) string {
				return strings.Replace(h, "https://www.acme.example，并设置", "https://www.acme.example并设置", 1)
			})
		}, "url_runs_on", `the address "https://www.acme.example" runs straight into the text after it ("并设置`},
		{"the activation code in the enrolment address", func(t *testing.T, f fixture) string {
			return f.editHTML(t, "C-5", func(h string) string {
				return strings.Replace(h, "https://www.acme.example/en/protect", "https://www.acme.example/en/protect?c=ACME-0005", 1)
			})
		}, "url_code", `the address "https://www.acme.example/en/protect?c=ACME-0005" carries the reader's code or reference "ACME-0005"`},
		{"the reference in a link's path", func(t *testing.T, f fixture) string {
			return f.editHTML(t, "C-1", func(h string) string {
				return strings.Replace(h, "</h1>", `</h1><p>https://www.acme.example/letters/C-1</p>`, 1)
			})
		}, "url_code", `the address "https://www.acme.example/letters/C-1" carries the reader's code or reference "C-1"`},
		{"a code in a query parameter", func(t *testing.T, f fixture) string {
			return f.editHTML(t, "C-1", func(h string) string {
				return strings.Replace(h, "</h1>", `</h1><p>https://www.acme.example/check?token=x7</p>`, 1)
			})
		}, "url_code", `carries the reader's code or reference "token=x7"`},
		{"a subject not folded", func(t *testing.T, f fixture) string {
			return f.editHeader(t, "C-5", func(h string) string {
				return strings.Replace(h, "Subject: ", "Subject: "+strings.Repeat("Acme: notice of a data breach ", 10), 1)
			})
		}, "header_folding", "characters (Subject…): not folded within 78"},
		{"no Auto-Submitted", func(t *testing.T, f fixture) string {
			return f.editHeader(t, "C-1", func(h string) string {
				return strings.Replace(h, "Auto-Submitted: auto-generated\r\n", "", 1)
			})
		}, "header", "header Auto-Submitted is missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := cleanRun(t)
			file := tc.tamper(t, f)
			expectFinding(t, f.audit(t), file, tc.code, tc.says)
		})
	}
}

// expectFinding fails unless the report has a finding of code naming file
// and saying says.
func expectFinding(t *testing.T, rep *audit.Report, file, code, says string) {
	t.Helper()
	var all []string
	for _, x := range rep.Findings {
		if filepath.Clean(x.File) == filepath.Clean(file) && x.Code == code && strings.Contains(x.Message, says) {
			return
		}
		all = append(all, x.String()+" ["+x.Code+"]")
	}
	t.Errorf("no %s finding naming %s and saying %q; findings:\n%s", code, file, says, strings.Join(all, "\n"))
}

// runFixture runs the fixture's customers into a new directory.
func runFixture(t *testing.T, env fixture, shard run.Shard, attach bool) fixture {
	t.Helper()
	src, err := os.ReadFile("../../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	fp, err := rules.Fingerprint(jurisdictions.FS)
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{env: env.env, dir: filepath.Join(t.TempDir(), "out"), entries: map[string]outbox.Entry{}}
	sum, err := run.Run(run.Config{Incident: f.env.Incident, Rules: f.env.Rules, Catalogs: f.env.Catalogs, Fonts: f.env.Fonts,
		Customers: strings.NewReader(customersCSV), Import: customers.Options{Name: "customers.csv"}, OutPath: f.dir, Now: now,
		IncidentSource: src, RulesFingerprint: fp, AttachPDF: attach, Shard: shard})
	if err != nil || sum.AttachPDF != attach {
		t.Fatalf("run: attach_pdf %v, %v", sum.AttachPDF, err)
	}
	for _, e := range f.manifest(t) {
		f.entries[e.CustomerID] = e
	}
	return f
}

// Shards of one run attach the PDFs all or none.
func TestShardsAttachAlike(t *testing.T) {
	base := cleanRun(t)
	one, two := runFixture(t, base, run.Shard{K: 1, N: 2}, true), runFixture(t, base, run.Shard{K: 2, N: 2}, false)
	rep, err := audit.Run(base.config(one.dir, two.dir))
	if err != nil {
		t.Fatal(err)
	}
	expectFinding(t, rep, filepath.Join(two.dir, outbox.SummaryFile), "shard", "attach_pdf false, but "+one.dir+"'s is true")
	if len(rep.Findings) != 1 {
		t.Errorf("%d findings, want the one: %v", len(rep.Findings), rep.Findings)
	}
}

// A run with the PDFs attached audits clean, and its emails must carry
// them: one without is a finding.
func TestAttachedRun(t *testing.T) {
	f := runFixture(t, cleanRun(t), run.Shard{}, true)
	for _, x := range f.audit(t).Findings {
		t.Errorf("finding: %s", x)
	}
	var plain bytes.Buffer
	l := f.compose(t, jessica)
	if err := email.Render(&plain, l, nil, email.Options{Date: now}); err != nil {
		t.Fatal(err)
	}
	file := f.replace(t, "C-5", "eml", plain.Bytes())
	expectFinding(t, f.audit(t), file, "attachment", "no PDF attached, but the run attached the letters")
}
