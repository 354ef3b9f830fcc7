package audit_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/rules"
)

// longIDPeople are readers with customer ids of every realistic length,
// in five languages, on A4 and on Letter (California: 10 pt type).
var longIDPeople = []customers.Person{
	{CustomerID: "cd613e30-d8f1-6adf-91b7-584a2265b1f5", FullName: "Francesca Esposito", Email: "f.esposito@example.it", Street: "Corso Umberto I 45", PostalCode: "80138", City: "Napoli", Region: "NA", Country: "IT", Language: "it"},
	{CustomerID: "1e2feb89-414c-343c-1027-c4d1c386bbc4", FullName: "王芳", Email: "wang.fang@example.cn", Street: "浦东新区世纪大道100号", PostalCode: "200120", City: "上海市", Country: "CN", Language: "zh"},
	{CustomerID: strings.Repeat("ACME-", 12) + "1234", FullName: "Анна Смирнова", Email: "anna@example.ru", Street: "ул. Тверская, д. 7", PostalCode: "125009", City: "Москва", Country: "RU", Language: "ru"},
	{CustomerID: strings.Repeat("urn:acme:customer:", 11) + "00", FullName: "Jessica Nguyen", Email: "jessica@example.com", Street: "88 Santa Clara St", PostalCode: "95113", City: "San Jose", Region: "CA", Country: "US", Language: "en"},
	{CustomerID: strings.Repeat("0123456789", 500), FullName: "Hugo Lefèvre", Email: "hugo@example.fr", Street: "3 quai des Chartrons", PostalCode: "33000", City: "Bordeaux", Country: "FR", Language: "fr"},
	{CustomerID: strings.Repeat("客户编号", 16), FullName: "李明", Email: "li.ming@example.cn", Street: "朝阳区建国路88号", PostalCode: "100022", City: "北京市", Country: "CN", Language: "zh"},
	{CustomerID: "Клиент-" + strings.Repeat("Иванов-", 7) + "Петров", FullName: "Иван Петров", Email: "ivan@example.ru", Street: "Невский пр., д. 10", PostalCode: "191025", City: "Санкт-Петербург", Country: "RU", Language: "ru"},
	{CustomerID: strings.Repeat("0123456789abcdef", 4), FullName: "Mario Rossi", Email: "mario@example.it", Street: "Via Garibaldi 3", PostalCode: "10122", City: "Torino", Region: "TO", Country: "IT", Language: "it"},
}

// longIDsRun writes longIDPeople's letters into a new directory.
func longIDsRun(t *testing.T) fixture {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"Customer ID", "Full Name", "E-mail", "Street", "ZIP", "City", "State/Province", "Country", "Language", "Data Categories", "Activation Code"})
	for i, p := range longIDPeople {
		w.Write([]string{p.CustomerID, p.FullName, p.Email, p.Street, p.PostalCode, p.City, p.Region, p.Country, p.Language, "name;email;password_hash", "ACME-00" + string(rune('0'+i))})
	}
	w.Flush()
	env := lettertest.Load(t, "../../testdata/incident.toml")
	src, err := os.ReadFile("../../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	fp, err := rules.Fingerprint(jurisdictions.FS)
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{env: env, dir: filepath.Join(t.TempDir(), "out"), entries: map[string]outbox.Entry{}}
	sum, err := run.Run(run.Config{Incident: env.Incident, Rules: env.Rules, Catalogs: env.Catalogs, Fonts: env.Fonts,
		Customers: strings.NewReader(b.String()), Import: customers.Options{Name: "customers.csv"}, OutPath: f.dir, Now: now,
		IncidentSource: src, RulesFingerprint: fp})
	if err != nil || sum.Letters != len(longIDPeople) {
		t.Fatalf("run: %d letters of %d, rejects %v: %v", sum.Letters, len(longIDPeople), sum.RejectedReasons, err)
	}
	for _, e := range f.manifest(t) {
		f.entries[e.CustomerID] = e
	}
	return f
}

// TestLongIDsAuditClean: letters to customers with UUIDs, 64-, 200- and
// 5,000-character ids, CJK, Cyrillic and unbroken ids audit clean; the
// manifest keeps each id in full and records the printed form of those
// shortened on paper.
func TestLongIDsAuditClean(t *testing.T) {
	f := longIDsRun(t)
	for _, x := range f.audit(t).Findings {
		t.Errorf("finding: %s [%s]", x, x.Code)
	}
	for _, p := range longIDPeople {
		e, ok := f.entries[p.CustomerID]
		if !ok {
			t.Errorf("the manifest has no letter for the %d-character id %.20q…", utf8.RuneCountInString(p.CustomerID), p.CustomerID)
			continue
		}
		want := ""
		if utf8.RuneCountInString(p.CustomerID) > letters.MaxPrintedID {
			want = letters.ShortID(p.CustomerID)
		}
		if e.CustomerIDPrinted != want {
			t.Errorf("row %d: customer_id_printed %q, want %q", e.Row, e.CustomerIDPrinted, want)
		}
	}
}

// TestLongIDTamperingIsCaught: a letter whose reference is not the one
// the manifest records, or a manifest whose printed form is not the id's,
// is a finding.
func TestLongIDTamperingIsCaught(t *testing.T) {
	uuid, long := longIDPeople[0], longIDPeople[4]
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, f fixture) string
		code   string
		says   string
	}{
		{"one character of a UUID changed in the letter", func(t *testing.T, f fixture) string {
			l := f.compose(t, uuid)
			l.RefLine = strings.Replace(l.RefLine, "584a2265b1f5", "584a2265b1f6", 1)
			return f.replace(t, uuid.CustomerID, "pdf", f.renderPDF(t, l))
		}, "reference", `does not contain the customer reference "cd613e30-d8f1-6adf-91b7-584a2265b1f5"`},
		{"another hash on the letter of a long id", func(t *testing.T, f fixture) string {
			l := f.compose(t, long)
			l.RefLine = strings.Replace(l.RefLine, letters.ShortID(long.CustomerID), letters.ShortID(long.CustomerID+"x"), 1)
			return f.replace(t, long.CustomerID, "pdf", f.renderPDF(t, l))
		}, "reference", `does not contain the customer reference "` + letters.ShortID(long.CustomerID) + `"`},
		{"the manifest's printed form changed", func(t *testing.T, f fixture) string {
			es := f.manifest(t)
			for i := range es {
				if es[i].CustomerID == long.CustomerID {
					es[i].CustomerIDPrinted = letters.ShortID(long.CustomerID + "x")
				}
			}
			writeManifest(t, f, es)
			return filepath.Join(f.dir, outbox.ManifestFile)
		}, "printed_id", "is not the short form"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := longIDsRun(t)
			file := tc.tamper(t, f)
			expectFinding(t, f.audit(t), file, tc.code, tc.says)
		})
	}
}

// writeManifest rewrites f's manifest with es.
func writeManifest(t *testing.T, f fixture, es []outbox.Entry) {
	t.Helper()
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
}
