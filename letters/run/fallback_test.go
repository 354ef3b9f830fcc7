package run_test

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters/audit"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// TestFallbackLanguagesCounted: customers whose language has no catalog
// (de, es, pt) get English in California, counted per requested → written
// pair in the summary, the manifest, the audit and the tally the board
// shows; no language, or one with a catalog (fr-CA), is no fallback.
func TestFallbackLanguagesCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString("Customer ID,Full Name,Email,Street,ZIP,City,State/Province,Country,Language,Data Categories\n")
	langs := map[string]string{"F-1": "de", "F-2": "es", "F-3": "es-MX", "F-4": "pt-BR", "F-5": "", "F-6": "fr-CA", "F-7": "en"}
	for _, id := range []string{"F-1", "F-2", "F-3", "F-4", "F-5", "F-6", "F-7"} {
		b.WriteString(id + ",Pat Doe " + id + ",pat" + id + "@example.com," + id[2:] + " Main St,95113,San Jose,CA,US," + langs[id] + ",\"name, ssn\"\n")
	}
	out := filepath.Join(t.TempDir(), "out")
	cfg := config(t, b.String(), "fallback.csv", out)
	sum, err := run.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := "de→en 1, es→en 2, pt→en 1"
	if got := outbox.FallbacksText(sum.LanguageFallbacks); got != want || sum.Letters != 7 {
		t.Errorf("summary fallbacks %q (%d letters), want %q (7 letters)", got, sum.Letters, want)
	}
	data, err := os.ReadFile(filepath.Join(out, outbox.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"language_fallbacks"`) {
		t.Error("summary.json has no language_fallbacks")
	}
	requested := manifestRequested(t, out)
	for id, lang := range map[string]string{"F-1": "de", "F-2": "es", "F-3": "es-MX", "F-4": "pt-BR", "F-5": "", "F-6": "", "F-7": ""} {
		if requested[id] != lang {
			t.Errorf("manifest %s: requested_language %q, want %q", id, requested[id], lang)
		}
	}

	e := lettertest.Load(t, "../../testdata/incident.toml")
	fp, _ := rules.Fingerprint(jurisdictions.FS)
	rep, err := audit.Run(audit.Config{Outputs: []audit.Output{{Name: out, FS: os.DirFS(out)}}, Rules: e.Rules, Catalogs: e.Catalogs,
		RulesFingerprint: fp, SentAt: now, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if got := outbox.FallbacksText(rep.LanguageFallbacks); got != want || !rep.Clean() {
		t.Errorf("audit fallbacks %q, findings %v; want %q and clean", got, rep.Findings, want)
	}
	var text strings.Builder
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "language fallbacks (4 letters not in the customer's language, which has no catalog; not a finding): "+want) {
		t.Errorf("audit text lacks the fallbacks:\n%s", text.String())
	}

	cfg = config(t, b.String(), "fallback.csv", "")
	cfg.TempDir = t.TempDir()
	tally, err := run.Decide(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := outbox.FallbacksText(tally.Fallbacks["US-CA"]); got != want || len(tally.Fallbacks) != 1 {
		t.Errorf("tally fallbacks %v, want US-CA: %q", tally.Fallbacks, want)
	}
}

// manifestRequested returns each letter's requested_language by customer id.
func manifestRequested(t *testing.T, out string) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(out, outbox.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e outbox.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		got[e.CustomerID] = e.RequestedLanguage
		if e.Locale != e.Language {
			t.Errorf("%s: locale %q, language %q: no variant is shipped", e.CustomerID, e.Locale, e.Language)
		}
	}
	return got
}

// TestVariantRunAudited: a reader in the UK gets the en-GB variant (here a
// test catalog with its own title, heading and sign-off); the manifest
// names the locale and the audit checks the letter against the variant,
// clean.
func TestVariantRunAudited(t *testing.T) {
	fsys := fstest.MapFS{"en-GB.toml": {Data: []byte(`language = "en-GB"
parent = "en"
name = "English (United Kingdom)"
countries = ["GB"]
[messages]
title = { text = "Personal data breach: information for you" }
"heading.what_happened" = { text = "What has happened" }
sign_off = { text = "Yours sincerely," }
`)}}
	names, _ := fs.Glob(locales.FS(), "*.toml")
	noVariant := fstest.MapFS{}
	for _, n := range names {
		data, _ := fs.ReadFile(locales.FS(), n)
		if n != "en-GB.toml" { // the test's own en-GB stands in for the shipped one
			fsys[n] = &fstest.MapFile{Data: data}
			noVariant[n] = &fstest.MapFile{Data: data}
		}
	}
	cats, err := locales.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	sheet := "Customer ID,Full Name,Email,Street,ZIP,City,State/Province,Country,Language,Data Categories\n" +
		"G-1,Sam Jones,sam@example.co.uk,1 High Street,SW1A 1AA,London,,GB,en,\"name, email, password\"\n" +
		"G-2,Pat Doe,pat@example.com,1 Main St,95113,San Jose,CA,US,en,\"name, ssn\"\n"
	out := filepath.Join(t.TempDir(), "out")
	cfg := config(t, sheet, "uk.csv", out)
	cfg.Catalogs = cats
	if _, err := run.Run(cfg); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, outbox.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"customer_id":"G-1","row":2,"jurisdictions":["GB"],"language":"en","locale":"en-GB"`, `"customer_id":"G-2"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("manifest lacks %s:\n%s", want, data)
		}
	}
	if strings.Contains(string(data), `"customer_id":"G-2","row":3,"jurisdictions":["US-CA","US"],"language":"en","locale":"en-GB"`) {
		t.Error("the Californian got the en-GB variant")
	}
	emls, _ := filepath.Glob(filepath.Join(out, outbox.EmailDir, "row000002-*.eml"))
	if len(emls) != 1 {
		t.Fatalf("emails of row 2: %v", emls)
	}
	if eml, _ := os.ReadFile(emls[0]); !strings.Contains(string(eml), "Content-Language: en-GB\r\n") {
		t.Error("the en-GB letter's email is not Content-Language: en-GB")
	}
	e := lettertest.Load(t, "../../testdata/incident.toml")
	fp, _ := rules.Fingerprint(jurisdictions.FS)
	rep, err := audit.Run(audit.Config{Outputs: []audit.Output{{Name: out, FS: os.DirFS(out)}}, Rules: e.Rules, Catalogs: cats,
		RulesFingerprint: fp, SentAt: now, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Clean() {
		t.Errorf("audit of a variant letter: %v", rep.Findings)
	}
	// Audited without the variant: its catalog is missing, a finding.
	without, err := locales.Load(noVariant)
	if err != nil {
		t.Fatal(err)
	}
	rep, err = audit.Run(audit.Config{Outputs: []audit.Output{{Name: out, FS: os.DirFS(out)}}, Rules: e.Rules, Catalogs: without,
		RulesFingerprint: fp, SentAt: now, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) == 0 || !strings.Contains(rep.Findings[0].Message, `letter language "en" (locale "en-GB") has no catalog`) {
		t.Errorf("audit without the variant: %v", rep.Findings)
	}
}
