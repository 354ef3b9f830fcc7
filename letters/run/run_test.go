package run_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/audit"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/rules"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

func config(t testing.TB, sheet, name, out string) run.Config {
	t.Helper()
	e := lettertest.Load(t, "../../testdata/incident.toml")
	src, err := os.ReadFile("../../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	fp, err := rules.Fingerprint(jurisdictions.FS)
	if err != nil {
		t.Fatal(err)
	}
	return run.Config{Incident: e.Incident, Rules: e.Rules, Catalogs: e.Catalogs, Fonts: e.Fonts, Customers: strings.NewReader(sheet),
		Import: customers.Options{Name: name}, OutPath: out, Now: now, IncidentSource: src, RulesFingerprint: fp}
}

// establishedIn returns cfg with the sample incident's organization
// established in est instead of Italy (source and decoded incident alike),
// for tests of a law alone that the GDPR would otherwise join.
func establishedIn(t *testing.T, cfg run.Config, est string) run.Config {
	t.Helper()
	src := strings.Replace(string(cfg.IncidentSource), `establishments = ["IT"]`, `establishments = ["`+est+`"]`, 1)
	if src == string(cfg.IncidentSource) {
		t.Fatal("the sample incident has no establishments line to replace")
	}
	in, err := letters.LoadIncident("incident.toml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Incident, cfg.IncidentSource = in, []byte(src)
	return cfg
}

// findings audits an output directory (see package audit) and returns its
// findings.
func findings(t *testing.T, out string) []audit.Finding {
	t.Helper()
	e := lettertest.Load(t, "../../testdata/incident.toml")
	fp, _ := rules.Fingerprint(jurisdictions.FS)
	rep, err := audit.Run(audit.Config{Outputs: []audit.Output{{Name: out, FS: os.DirFS(out)}}, Rules: e.Rules, Catalogs: e.Catalogs,
		RulesFingerprint: fp, SentAt: now, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Findings
}

// runSample runs the shipped sample once per test binary.
func runSample(t *testing.T) (string, outbox.Summary) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	cfg := config(t, string(data), "customers.xlsx", out)
	sum, err := run.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return out, sum
}

// TestVoluntaryWhereNoLawReaches: established in the US, the company owes
// its Russian customers no letter (152-FZ: Roskomnadzor only), and the
// incident's voluntary_notice = ["RU"] writes to them as its own decision;
// the Californian whose email alone leaked is not notified.
func TestVoluntaryWhereNoLawReaches(t *testing.T) {
	data, err := os.ReadFile("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	sum, err := run.Run(establishedIn(t, config(t, string(data), "customers.xlsx", out), "US"))
	if err != nil {
		t.Fatal(err)
	}
	if sum.ByBasis["voluntary"] != 7 {
		t.Errorf("voluntary letters = %d, want the 7 Russian residents", sum.ByBasis["voluntary"])
	}
	if len(sum.NotRequiredWhy) != 1 || !strings.Contains(sum.NotRequiredWhy[0].Reason, "matches no notifiable combination") {
		t.Errorf("not-required reasons = %+v", sum.NotRequiredWhy)
	}
}

func TestSampleRun(t *testing.T) {
	out, sum := runSample(t)
	// The company is established in Italy: the GDPR (Art. 3(1)) reaches every
	// customer, so the Californian whose email alone leaked (not notifiable
	// in California) is owed a letter too, and so are the Russians.
	if sum.Rows != 60 || sum.Letters != 54 || sum.Rejects != 6 || sum.NotRequired != 0 || !sum.Balanced() {
		t.Errorf("rows %d = letters %d + rejects %d + not required %d; want 60 = 54 + 6 + 0", sum.Rows, sum.Letters, sum.Rejects, sum.NotRequired)
	}
	for _, lang := range []string{"en", "it", "fr", "zh", "ru"} {
		if sum.ByLanguage[lang] == 0 {
			t.Errorf("no letter in %s", lang)
		}
	}
	if sum.ByBasis["voluntary"] != 0 || sum.ByBasis["law"] != 54 {
		t.Errorf("bases %v, want law 54 (the Russians' letters are owed under the GDPR, not voluntary)", sum.ByBasis)
	}
	if len(sum.NotRequiredWhy) != 0 {
		t.Errorf("not-required reasons = %+v", sum.NotRequiredWhy)
	}
	// The sample gives US readers a US number; readers in China (and the
	// other countries without one) get only the Italian number: a warning
	// counted over the letters, naming rows, never a person.
	cn := slices.IndexFunc(sum.LetterWarnings, func(w outbox.LetterWarning) bool {
		return strings.HasPrefix(w.Warning, "foreign_phone: readers in CN")
	})
	if cn < 0 || sum.LetterWarnings[cn].Letters != 6 || len(sum.LetterWarnings[cn].Rows) != outbox.MaxWarningRows {
		t.Errorf("letter warnings = %+v, want the CN readers' foreign number on 6 letters", sum.LetterWarnings)
	}
	if slices.ContainsFunc(sum.LetterWarnings, func(w outbox.LetterWarning) bool { return strings.Contains(w.Warning, "readers in US") }) {
		t.Errorf("US readers have a US number: %+v", sum.LetterWarnings)
	}
	// The emoji in row 18's name is left out of the letter, never printed
	// as U+FFFD: a warning naming the row, not the person.
	if sum.Replaced != 0 {
		t.Errorf("replaced characters = %d, want 0 (the emoji in row 18 is left out)", sum.Replaced)
	}
	emoji := slices.IndexFunc(sum.LetterWarnings, func(w outbox.LetterWarning) bool {
		return strings.HasPrefix(w.Warning, letters.WarnUnprintable+": ")
	})
	if emoji < 0 || sum.LetterWarnings[emoji].Letters != 1 || !slices.Equal(sum.LetterWarnings[emoji].Rows, []int{18}) {
		t.Errorf("letter warnings = %+v, want %s on row 18", sum.LetterWarnings, letters.WarnUnprintable)
	}
	// Permissions: 0700 directories, 0600 files.
	err := filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		want := os.FileMode(0o600)
		if info.IsDir() {
			want = 0o700
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	lettersUnderTheirNames(t, out, sum)
	if fs := findings(t, out); len(fs) > 0 {
		t.Errorf("clean run has findings: %v", fs)
	}
}

// lettersUnderTheirNames asserts that pdf/ and email/ hold the letters of
// the manifest under their own names (written there directly now, no
// temporary name left), one PDF per letter and one email per address.
func lettersUnderTheirNames(t *testing.T, out string, sum outbox.Summary) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, outbox.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := outbox.ReadManifest(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.PDF], listed[e.EML] = true, e.EML != ""
	}
	name := regexp.MustCompile(`^(pdf/row[0-9]{6}-[0-9a-f]{12}\.pdf|email/row[0-9]{6}-[0-9a-f]{12}\.eml)$`)
	count := map[string]int{}
	for _, sub := range []string{outbox.PDFDir, outbox.EmailDir} {
		es, _ := os.ReadDir(filepath.Join(out, sub))
		for _, e := range es {
			rel := sub + "/" + e.Name()
			if !name.MatchString(rel) || !listed[rel] {
				t.Errorf("%s: not a letter of the manifest under its name", rel)
			}
			count[sub]++
		}
	}
	if count[outbox.PDFDir] != sum.Letters || count[outbox.EmailDir] != sum.Emails {
		t.Errorf("%v files, want %d PDFs and %d emails", count, sum.Letters, sum.Emails)
	}
}

func TestHostileCustomerIDStaysInsideOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	csv := "customer_id,full_name,email,country\n../../x,Eve Example,eve@example.com,IT\n/etc/passwd,Mal Example,mal@example.com,FR\n"
	cfg := config(t, csv, "customers.csv", out)
	sum, err := run.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Letters != 2 {
		t.Fatalf("letters = %d, want 2", sum.Letters)
	}
	parent := filepath.Dir(out)
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("files escaped the output directory: %v", entries)
	}
	err = filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(info.Name(), "..") || strings.Contains(info.Name(), "passwd") || strings.Contains(info.Name(), "x.pdf") {
			t.Errorf("customer id reached a file name: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fs := findings(t, out); len(fs) > 0 {
		t.Errorf("audit: %v", fs)
	}
}

func TestMissingTextLeavesPreviousOutputUntouched(t *testing.T) {
	out, _ := runSample(t)
	before, err := os.ReadDir(filepath.Join(out, "pdf"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config(t, string(data), "customers.xlsx", out)
	delete(cfg.Incident.Incident.Text, "zh")
	cfg.Replace = true // the previous run is cleared only once the run can start
	if _, err := run.Run(cfg); err == nil || !strings.Contains(err.Error(), "[incident.text.zh] is missing") {
		t.Fatalf("error = %v", err)
	}
	after, _ := os.ReadDir(filepath.Join(out, "pdf"))
	if len(after) != len(before) {
		t.Errorf("a run that could not start changed the previous output: %d -> %d PDFs", len(before), len(after))
	}
	if fs := findings(t, out); len(fs) > 0 {
		t.Errorf("previous output no longer audits clean: %v", fs)
	}
}

// A postal address too long for the envelope window, even at the smallest
// type size, makes that person a reject with the reason; the run goes on
// and every row is still accounted for.
func TestAddressTooLongIsARejectNotAFailure(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	long := strings.TrimSpace(strings.Repeat("Scala B interno 7 piano terzo presso Condominio Girasole ", 12))
	csv := "customer_id,full_name,email,street,postal_code,city,country\n" +
		"C-1,Anna Verdi,anna@example.it,Via Roma 1,20121,Milano,IT\n" +
		"C-2,Bruno Neri,bruno@example.it," + long + ",20121,Milano,IT\n" +
		"C-3,Carla Bianchi,carla@example.it,Via Po 3,10123,Torino,IT\n"
	sum, err := run.Run(config(t, csv, "customers.csv", out))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 3 || sum.Letters != 2 || sum.Rejects != 1 || sum.Unprintable != 1 || !sum.Balanced() {
		t.Fatalf("rows %d = letters %d + rejects %d (unprintable %d) + not required %d; want 3 = 2 + 1 (1)", sum.Rows, sum.Letters, sum.Rejects, sum.Unprintable, sum.NotRequired)
	}
	rej, err := os.ReadFile(filepath.Join(out, outbox.RejectsFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(rej), "3,C-2,address,the postal address does not fit the envelope window") {
		t.Errorf("rejects.csv:\n%s", rej)
	}
	if strings.Contains(string(rej), "Girasole") {
		t.Error("rejects.csv repeats the address")
	}
}

// An address line in a script breachnotice cannot print makes the row a
// reject naming the script and the column (printed without its letters
// the letter could not be delivered); a name in such a script only costs
// the name (the letter greets the reader without it). The run audits clean.
func TestAddressInUnprintableScriptIsAReject(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	csv := "customer_id,full_name,email,street,postal_code,city,country\n" +
		"C-1,राहुल शर्मा,rahul@example.it,Via Roma 1,20121,Milano,IT\n" +
		"C-2,Bruno Neri,bruno@example.it,Via Roma 2,20121,मुंबई,IT\n" +
		"C-3,Carla Bianchi,carla@example.it,ጎዳና 1,10123,Torino,IT\n" +
		"C-4,Γιώργος Παπαδόπουλος,giorgos@example.it,Via Po 3,10123,Torino,IT\n" +
		"C-5,Dana Levi,dana@example.it,רחוב הרצל 5,10123,Torino,IT\n" +
		"C-6,Anna Müller,anna@bücher.de,Via Po 4,10123,Torino,IT\n" +
		"C-7,王芳,用户@例子.中国,Via Po 5,10123,Torino,IT\n"
	sum, err := run.Run(config(t, csv, "customers.csv", out))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 7 || sum.Letters != 4 || sum.Rejects != 3 || sum.Unprintable != 3 || !sum.Balanced() {
		t.Fatalf("rows %d = letters %d + rejects %d (unprintable %d) + not required %d; want 7 = 4 + 3 (3)", sum.Rows, sum.Letters, sum.Rejects, sum.Unprintable, sum.NotRequired)
	}
	// The IDN addresses are written with the domain in punycode; the
	// audit (below) accepts them.
	for stem, want := range map[string]string{"7": "<anna@xn--bcher-kva.de>", "8": "<用户@xn--fsqu00a.xn--fiqs8s>"} {
		ems, _ := filepath.Glob(filepath.Join(out, outbox.EmailDir, "row00000"+stem+"-*.eml"))
		if len(ems) != 1 {
			t.Fatalf("row %s: emails %q", stem, ems)
		}
		data, err := os.ReadFile(ems[0])
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("row %s: email has no %q (%v)", stem, want, err)
		}
	}
	rej, err := os.ReadFile(filepath.Join(out, outbox.RejectsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"3,C-2,city,name/address in a script breachnotice cannot print (Devanagari)",
		"4,C-3,street,name/address in a script breachnotice cannot print (Ethiopic)",
		"6,C-5,street,name/address in a script breachnotice cannot print (Hebrew)",
	} {
		if !strings.Contains(string(rej), want) {
			t.Errorf("rejects.csv has no %q:\n%s", want, rej)
		}
	}
	if strings.ContainsAny(string(rej), "मुंबईጎዳናרחוב") {
		t.Error("rejects.csv repeats the address")
	}
	if sum.RejectedReasons["name/address in a script breachnotice cannot print"] != 3 {
		t.Errorf("reject reasons %v", sum.RejectedReasons)
	}
	i := slices.IndexFunc(sum.LetterWarnings, func(w outbox.LetterWarning) bool {
		return strings.HasPrefix(w.Warning, letters.WarnUnprintableName+": ")
	})
	if i < 0 || !slices.Equal(sum.LetterWarnings[i].Rows, []int{2}) {
		t.Errorf("letter warnings %+v, want %s on row 2", sum.LetterWarnings, letters.WarnUnprintableName)
	}
	if fs := findings(t, out); len(fs) > 0 {
		t.Errorf("audit: %v", fs)
	}
}

// TestShardsMakeOneRun: three shards of the sample, written separately,
// are together exactly the full run (the same files, byte for byte, and
// the same rejects and persons not notified), and audit clean together.
func TestShardsMakeOneRun(t *testing.T) {
	full, _ := runSample(t)
	data, err := os.ReadFile("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	union := map[string][]byte{}
	var rejects, notNotified []string
	rows := 0
	for k := 1; k <= 3; k++ {
		out := filepath.Join(t.TempDir(), fmt.Sprintf("shard-%d", k))
		cfg := config(t, string(data), "customers.xlsx", out)
		cfg.Shard = run.Shard{K: k, N: 3}
		sum, err := run.Run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if !sum.Balanced() || sum.FileRows != 60 || sum.Shard != fmt.Sprintf("%d/3", k) {
			t.Errorf("shard %d: %+v", k, sum)
		}
		if sum.Notifiable["IT"] != 12 {
			t.Errorf("shard %d counts %d Italian persons for thresholds, want the whole file's 12", k, sum.Notifiable["IT"])
		}
		rows += sum.Rows
		dirs = append(dirs, out)
		for _, sub := range []string{"pdf", "email"} {
			es, _ := os.ReadDir(filepath.Join(out, sub))
			for _, e := range es {
				if _, dup := union[sub+"/"+e.Name()]; dup {
					t.Errorf("%s/%s written by two shards", sub, e.Name())
				}
				union[sub+"/"+e.Name()], _ = os.ReadFile(filepath.Join(out, sub, e.Name()))
			}
		}
		rejects = append(rejects, csvBody(t, filepath.Join(out, outbox.RejectsFile))...)
		notNotified = append(notNotified, csvBody(t, filepath.Join(out, outbox.NotNotifiedFile))...)
	}
	if rows != 60 {
		t.Errorf("the shards hold %d rows, want 60", rows)
	}
	for _, sub := range []string{"pdf", "email"} {
		es, _ := os.ReadDir(filepath.Join(full, sub))
		for _, e := range es {
			want, _ := os.ReadFile(filepath.Join(full, sub, e.Name()))
			if got, ok := union[sub+"/"+e.Name()]; !ok || !bytes.Equal(got, want) {
				t.Errorf("%s/%s: in the shards %v, identical %v", sub, e.Name(), ok, bytes.Equal(got, want))
			}
			delete(union, sub+"/"+e.Name())
		}
	}
	for name := range union {
		t.Errorf("%s is in a shard but not in the full run", name)
	}
	slices.Sort(rejects)
	slices.Sort(notNotified)
	if want := csvBody(t, filepath.Join(full, outbox.RejectsFile)); !slices.Equal(rejects, sortedCopy(want)) {
		t.Errorf("rejects of the shards %q, of the full run %q", rejects, want)
	}
	if want := csvBody(t, filepath.Join(full, outbox.NotNotifiedFile)); !slices.Equal(notNotified, sortedCopy(want)) {
		t.Errorf("persons not notified in the shards %q, in the full run %q", notNotified, want)
	}
	e := lettertest.Load(t, "../../testdata/incident.toml")
	fp, _ := rules.Fingerprint(jurisdictions.FS)
	cfg := audit.Config{Rules: e.Rules, Catalogs: e.Catalogs, RulesFingerprint: fp, SentAt: now, Now: now}
	for _, d := range dirs {
		cfg.Outputs = append(cfg.Outputs, audit.Output{Name: d, FS: os.DirFS(d)})
	}
	rep, err := audit.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Clean() || rep.Letters != 54 || rep.Rows != 60 {
		t.Errorf("the three shards audited together: %d letters, %d rows, findings %v", rep.Letters, rep.Rows, rep.Findings)
	}
	// Two of three shards are not a run.
	cfg.Outputs = cfg.Outputs[:2]
	if rep, err := audit.Run(cfg); err != nil || rep.Clean() || !strings.Contains(fmt.Sprint(rep.Findings), "shards 3/3 are missing") {
		t.Errorf("two shards of three: %v %v", rep.Findings, err)
	}
}

func csvBody(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	return lines[1:]
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func TestParseShard(t *testing.T) {
	for in, ok := range map[string]bool{"1/3": true, "3/3": true, "0/3": false, "4/3": false, "1/0": false, "x/2": false, "2": false, " 2 / 8 ": true} {
		if _, err := run.ParseShard(in); (err == nil) != ok {
			t.Errorf("ParseShard(%q): %v", in, err)
		}
	}
	counts := make([]int, 4)
	for i := range 10000 {
		for k := 1; k <= 4; k++ {
			if (run.Shard{K: k, N: 4}).Holds(fmt.Sprintf("C-%d", i), i) {
				counts[k-1]++
			}
		}
	}
	for k, n := range counts {
		if n < 2300 || n > 2700 {
			t.Errorf("shard %d/4 holds %d of 10000 ids: not an even split", k+1, n)
		}
	}
	if sum := counts[0] + counts[1] + counts[2] + counts[3]; sum != 10000 {
		t.Errorf("the shards hold %d of 10000 ids", sum)
	}
}

// TestSummaryListsAThousandNotRequired: the summary lists the first
// outbox.MaxListedNotRequired persons not notified and counts them all (by
// jurisdiction), so that it does not grow with the file; the CSV has them
// all and the audit agrees.
func TestSummaryListsAThousandNotRequired(t *testing.T) {
	var b strings.Builder
	b.WriteString("Customer ID,Full Name,Email,Street,ZIP,City,State/Province,Country,Language,Data Categories\n")
	n := outbox.MaxListedNotRequired + 5
	for i := range n {
		fmt.Fprintf(&b, "N-%d,Pat Doe %d,pat%d@example.com,1 Main St,95113,San Jose,CA,US,en,\"name, phone\"\n", i, i, i)
	}
	out := filepath.Join(t.TempDir(), "out")
	// Established in the US: the GDPR does not reach these Californians.
	sum, err := run.Run(establishedIn(t, config(t, b.String(), "many.csv", out), "US"))
	if err != nil {
		t.Fatal(err)
	}
	if sum.NotRequired != n || len(sum.NotRequiredWhy) != outbox.MaxListedNotRequired || sum.NotRequiredBy["US-CA"] != n || !sum.Balanced() {
		t.Fatalf("not required %d, listed %d, by jurisdiction %v; want %d, %d, US-CA %d", sum.NotRequired, len(sum.NotRequiredWhy), sum.NotRequiredBy, n, outbox.MaxListedNotRequired, n)
	}
	data, err := os.ReadFile(filepath.Join(out, outbox.NotNotifiedFile))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); lines != n+1 {
		t.Errorf("%s has %d lines, want %d", outbox.NotNotifiedFile, lines, n+1)
	}
	if fs := findings(t, out); len(fs) != 0 {
		t.Errorf("audit findings: %+v", fs)
	}
}

// TestDuplicateKeysLeaveNothing: the duplicate checks' temporary keys, in
// a hidden directory next to the output, are gone after the run, and a
// killed run's are removed by the next.
func TestDuplicateKeysLeaveNothing(t *testing.T) {
	parent := t.TempDir()
	left := filepath.Join(parent, ".out.duplicates")
	if err := os.MkdirAll(left, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(left, ".tmp-duplicates-1"), []byte("killed run"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := "Customer ID,Full Name,Email,Country\n1,Ann Lee,ann@example.com,IT\n1,Bob Roy,bob@example.com,IT\n2,ANN LEE,Ann@Example.com,IT\n"
	sum, err := run.Run(config(t, data, "d.csv", filepath.Join(parent, "out")+"/"))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Letters != 1 || sum.Rejects != 2 {
		t.Errorf("letters %d, rejects %d; want 1 and 2 (a repeated id, the same person)", sum.Letters, sum.Rejects)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "out" {
			t.Errorf("%s left next to the output", e.Name())
		}
	}
}

// TestDecideAgreesWithRun: the streaming decide step of deadlines and
// rules explain sees every row once, in file order, and decides as the
// letters run does; it leaves its directory as it found it.
func TestDecideAgreesWithRun(t *testing.T) {
	_, sum := runSample(t)
	data, err := os.ReadFile("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config(t, string(data), "customers.xlsx", "")
	if _, err := run.Decide(cfg, nil); !errors.Is(err, run.ErrNoTempDir) {
		t.Errorf("Decide without a TempDir: %v, want ErrNoTempDir", err)
	}
	cfg.Customers = bytes.NewReader(data)
	cfg.TempDir = t.TempDir()
	var rows []int
	letters, rejects, notRequired, voluntary := 0, 0, 0, 0
	tally, err := run.Decide(cfg, func(d *run.Decided, rej *customers.Reject) error {
		if (d == nil) == (rej == nil) {
			t.Fatalf("want exactly one of person and reject: %v, %v", d, rej)
		}
		if rej != nil {
			rows = append(rows, rej.Row)
			rejects++
			return nil
		}
		rows = append(rows, d.Person.Row)
		switch {
		case !d.Letter():
			notRequired++
		case d.Basis == run.BasisVoluntary:
			voluntary++
			letters++
		default:
			letters++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(rows) || len(rows) != sum.Rows || tally.Stats.Rows != sum.Rows {
		t.Errorf("rows %v (stats %d), want %d in file order", rows, tally.Stats.Rows, sum.Rows)
	}
	// The run's rejects include the unprintable addresses, which only
	// rendering finds.
	if letters != sum.Letters+sum.Unprintable || rejects != sum.Rejects-sum.Unprintable || notRequired != sum.NotRequired || voluntary != sum.ByBasis["voluntary"] {
		t.Errorf("letters %d, rejects %d, not required %d, voluntary %d; the run: %d (%d unprintable), %d, %d, %d",
			letters, rejects, notRequired, voluntary, sum.Letters, sum.Unprintable, sum.Rejects, sum.NotRequired, sum.ByBasis["voluntary"])
	}
	if fmt.Sprint(tally.Counts) != fmt.Sprint(sum.Notifiable) {
		t.Errorf("counts %v, the run's %v", tally.Counts, sum.Notifiable)
	}
	if !tally.Facts.DiscoveredAt.Equal(cfg.Incident.Incident.DiscoveredAt) {
		t.Errorf("facts discovered %v", tally.Facts.DiscoveredAt)
	}
	if left, _ := os.ReadDir(cfg.TempDir); len(left) != 0 {
		t.Errorf("%d files left in the temporary directory", len(left))
	}
}

// TestWarningsInTheSummary: rows whose data categories disagree with the
// incident's, and the incident's own contradicting dates, are warnings in
// summary.json, by kind with the first rows and customer ids, and never a
// name or an email address.
func TestWarningsInTheSummary(t *testing.T) {
	csv := "Customer ID,Full Name,Email,Street,ZIP,City,State/Province,Country,Language,Data Categories\n" +
		"C-1,Mario Rossi,mario@example.it,Via Roma 1,20121,Milano,MI,IT,it,\"name, password\"\n" +
		"C-2,Anna Bianchi,anna@example.it,Via Roma 2,20121,Milano,MI,IT,it,\"name, ssn\"\n" +
		"C-3,Luca Verdi,luca@example.it,Via Roma 3,20121,Milano,MI,IT,it,\n"
	out := filepath.Join(t.TempDir(), "out")
	cfg := config(t, csv, "customers.csv", out)
	in := *cfg.Incident
	in.Incident.Text = maps.Clone(in.Incident.Text)
	it := in.Incident.Text["it"]
	it.WhatHappened = "Il 21 novembre abbiamo scoperto l'accesso."
	in.Incident.Text["it"] = it
	cfg.Incident = &in
	sum, err := run.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range sum.Warnings {
		got = append(got, fmt.Sprintf("%s %s %d %v %v", w.Kind, w.Category, w.Count, w.Rows, w.CustomerIDs))
		if strings.Contains(w.Text, "Rossi") || strings.Contains(w.Text, "@") {
			t.Errorf("warning names a person: %s", w.Text)
		}
	}
	want := []string{
		"account_date_outside  0 [] []",
		"account_discovery_date  0 [] []",
		"not_in_incident ssn 1 [3] [C-2]",
		"password_hashed password_hash 1 [2] [C-1]",
		"row_omits email 2 [2 3] [C-1 C-2]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	data, err := os.ReadFile(filepath.Join(out, outbox.SummaryFile))
	if err != nil || !strings.Contains(string(data), `"warnings": [`) {
		t.Errorf("summary.json lacks the warnings (%v)", err)
	}
}
