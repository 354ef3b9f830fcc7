package board

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name; -update rewrites it. A
// missing golden file fails the test.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden file (run go test ./letters/board -update after checking the output): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run with -update after checking the change.\n--- got ---\n%s", path, got)
	}
}

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func at(t testing.TB, s string, z *time.Location) *time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	v = v.In(z)
	return &v
}

// fixture is a board with one obligation of each kind: overdue, due within
// 24h, on track, a followup, no fixed deadline with a policy target, a
// threshold not met, a condition that does not hold, a per-state overlay
// notice with a scope; authorities in Russian and Chinese, and an
// authority a spreadsheet would read as a formula.
func fixture(t testing.TB) *Board {
	rome, moscow, shanghai := zone(t, "Europe/Rome"), zone(t, "Europe/Moscow"), zone(t, "Asia/Shanghai")
	la, chicago, london := zone(t, "America/Los_Angeles"), zone(t, "America/Chicago"), zone(t, "Europe/London")
	disc := "2026-11-20T18:45:00+01:00"
	zones := map[string]*time.Location{"IT": rome, "RU": moscow, "CN": shanghai, "US-CA": la, "US-HIPAA": chicago, "GB": london}
	ob := func(rc rules.Recipient, auth, words, cite string) rules.Obligation {
		return rules.Obligation{Recipient: rc, Authority: auth, Citation: cite, Clock: rules.Clock{Words: words},
			SourceURLs: []string{"https://example.org/" + strings.ToLower(string(rc))}}
	}
	ru := ob(rules.Regulator, "Роскомнадзор (Roskomnadzor)", "в течение двадцати четырех часов", "152-ФЗ ст. 21 ч. 3.1")
	ru.Followup = &rules.Clock{Words: "в течение семидесяти двух часов"}
	ru.Contact = "https://pd.rkn.gov.ru/"
	ca := ob(rules.Regulator, "California Attorney General", "within 15 calendar days of notifying affected consumers", "Cal. Civ. Code § 1798.82(f)")
	ca.MinAffected = 501
	media := ob(rules.Media, "=HYPERLINK(\"http://evil.example\") prominent media outlets", "no later than 60 days", "45 CFR 164.406")
	media.MinAffected = 501
	ds := []rules.Deadline{
		{Jurisdiction: "CN", Obligation: ob(rules.Regulator, "履行个人信息保护职责的部门 (departments performing personal information protection duties)", "立即 (immediately)", "PIPL Art. 57"),
			Stage: rules.StageInitial, Affected: 6, ThresholdMet: true, Anchor: at(t, disc, shanghai),
			Rule: "no fixed deadline: 立即 (immediately)", Status: rules.StatusNoFixed, Policy: at(t, "2026-11-27T18:45:00+01:00", shanghai)},
		{Jurisdiction: "IT", Obligation: ob(rules.Regulator, "Garante per la protezione dei dati personali", "senza ingiustificato ritardo e, ove possibile, entro 72 ore", "GDPR Art. 33(1)"),
			Stage: rules.StageInitial, Affected: 22, ThresholdMet: true, Anchor: at(t, disc, rome), Due: at(t, "2026-11-23T18:45:00+01:00", rome),
			Rule: "72 hours after discovery", Status: rules.StatusOnTrack},
		{Jurisdiction: "RU", Obligation: ru, Stage: rules.StageInitial, Affected: 7, ThresholdMet: true,
			Anchor: at(t, disc, moscow), Due: at(t, "2026-11-21T20:45:00+03:00", moscow), Rule: "24 hours after discovery", Status: rules.StatusOverdue},
		{Jurisdiction: "RU", Obligation: ru, Stage: rules.StageFollowup, Affected: 7, ThresholdMet: true,
			Anchor: at(t, disc, moscow), Due: at(t, "2026-11-23T08:45:00+03:00", moscow), Rule: "60 hours after discovery", Status: rules.StatusDueSoon},
		{Jurisdiction: "US-CA", Obligation: ca, Stage: rules.StageInitial, Affected: 7, ThresholdMet: false,
			Anchor: at(t, "2026-12-20T09:45:00-08:00", la), Due: at(t, "2027-01-04T09:45:00-08:00", la),
			Rule: "15 calendar days after the individuals' notice deadline", Status: rules.StatusNotNeeded},
		{Jurisdiction: "US-HIPAA", Scope: "US-TX", Obligation: media, Stage: rules.StageInitial, Affected: 640, ThresholdMet: true,
			Anchor: at(t, disc, chicago), Due: at(t, "2027-01-19T11:45:00-06:00", chicago), Rule: "60 calendar days after discovery", Status: rules.StatusOnTrack},
		{Jurisdiction: "GB", Obligation: ob(rules.Individuals, "", "without undue delay", "UK GDPR Art. 34(1)"),
			Stage: rules.StageInitial, Affected: 6, ThresholdMet: true,
			Rule: "the organization assessed the risk to individuals as \"low\", not high", Status: rules.StatusNotRequired},
	}
	return &Board{
		IncidentID: "INC-2026-0042", Organization: "Acme Retail S.p.A.",
		Discovered: *at(t, disc, rome), Now: *at(t, "2026-11-22T10:00:00+01:00", rome), Zone: rome,
		ZoneOf:    func(id string) *time.Location { return zones[id] },
		Deadlines: ds,
	}
}

func TestLeftWords(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0m"},
		{40 * time.Minute, "40m"},
		{59*time.Minute + 59*time.Second, "59m"},
		{time.Hour, "1h"},
		{7*time.Hour + 45*time.Minute, "7h 45m"},
		{24 * time.Hour, "1d 0h"},
		{55*time.Hour + 30*time.Minute, "2d 7h"},
		{-13 * time.Hour, "overdue by 13h"},
		{-(15*time.Hour + 15*time.Minute), "overdue by 15h 15m"},
		{-30 * time.Second, "overdue by 0m"},
		{-(3*24*time.Hour + 2*time.Hour), "overdue by 3d 2h"},
	} {
		if got := leftWords(tt.d); got != tt.want {
			t.Errorf("leftWords(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestRowsOrder(t *testing.T) {
	rows := fixture(t).Rows()
	var got []string
	for i, r := range rows {
		if r.N != i+1 {
			t.Errorf("row %d numbered %d", i, r.N)
		}
		got = append(got, r.Where+"/"+r.Stage+"/"+r.Status)
	}
	want := []string{
		"RU/initial/overdue",         // due 21 Nov
		"RU/followup/due within 24h", // 23 Nov 06:45 CET
		"IT/initial/on track",        // 23 Nov 18:45
		"US-HIPAA (US-TX)/initial/on track",
		"CN/initial/no fixed deadline", // no due time: after the dated ones
		"US-CA/initial/threshold not met",
		"GB/initial/not required",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
	for _, r := range rows {
		switch {
		case r.Status == rules.StatusNoFixed && (r.Local != nil || r.User != nil || r.Left != nil):
			t.Errorf("%s: a due time where the law sets none", r.Where)
		case !r.Owed() && r.Left != nil:
			t.Errorf("%s: time left on an obligation not owed", r.Where)
		}
	}
	if rows[0].User.Location().String() != "Europe/Rome" || rows[0].Local.Location().String() != "Europe/Moscow" {
		t.Errorf("zones: user %v, local %v", rows[0].User.Location(), rows[0].Local.Location())
	}
}

func TestRowFields(t *testing.T) {
	rows := fixture(t).Rows()
	for _, tt := range []struct {
		n                                  int
		left, threshold, authority, recipt string
	}{
		{1, "overdue by 15h 15m", "none", "Роскомнадзор (Roskomnadzor)", "regulator"},
		{2, "20h 45m", "none", "Роскомнадзор (Roskomnadzor)", "regulator"},
		{3, "1d 8h", "none", "Garante per la protezione dei dati personali", "regulator"},
		{6, "—", "at least 501 persons: not met", "California Attorney General", "regulator"},
		{7, "—", "none", "affected persons", "individuals"},
	} {
		r := rows[tt.n-1]
		if r.TimeLeft() != tt.left || r.Threshold() != tt.threshold || r.Authority != tt.authority || r.Recipient() != tt.recipt {
			t.Errorf("row %d: left %q threshold %q authority %q recipient %q, want %q %q %q %q",
				tt.n, r.TimeLeft(), r.Threshold(), r.Authority, r.Recipient(), tt.left, tt.threshold, tt.authority, tt.recipt)
		}
	}
}

func TestTable(t *testing.T) {
	var buf bytes.Buffer
	if err := fixture(t).WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"as of Sun 22 Nov 2026 10:00 CET (Europe/Rome)",
		"1 overdue · 1 due within 24h · 2 on track · 1 no fixed deadline · 1 threshold not met · 1 not required",
		"policy: Fri 27 Nov 18:45",                      // in the table, in the reader's zone
		"company target, not law",                       // and labelled in the notes
		"policy: a company target (--policy-days), not", // and under the table
		"due: no fixed deadline set by law (Asia/Shanghai)",
		"persons: 7; threshold: at least 501 persons: not met",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if w := displayWidth(line); w > 150 {
			t.Errorf("line %d is %d columns wide: %q", i+1, w, line)
		}
	}
	golden(t, "fixture.table.txt", buf.Bytes())
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := fixture(t).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 7 {
		t.Fatalf("%d records, want 7", len(recs))
	}
	// The fields "deadlines --format json" has always had are all there.
	for _, k := range []string{"jurisdiction", "obligation", "stage", "authority", "time_zone", "clock_start", "due", "due_utc",
		"rule", "statutory_words", "affected", "threshold", "threshold_met", "status", "citation", "source_urls",
		"number", "user_time_zone", "due_user", "time_left", "seconds_left", "threshold_words", "as_of"} {
		for i, r := range recs {
			if _, ok := r[k]; !ok {
				t.Errorf("record %d lacks %q", i, k)
			}
		}
	}
	first := recs[0]
	if first["due"] != "2026-11-21T20:45:00+03:00" || first["due_user"] != "2026-11-21T18:45:00+01:00" ||
		first["due_utc"] != "2026-11-21T17:45:00Z" || first["time_left"] != "overdue by 15h 15m" || first["seconds_left"] != float64(-54900) {
		t.Errorf("first record: %v", first)
	}
	cn := recs[4]
	if cn["due"] != nil || cn["due_user"] != nil || cn["time_left"] != nil || cn["policy_due"] != "2026-11-28T01:45:00+08:00 (company policy, not law)" {
		t.Errorf("no fixed deadline record: %v", cn)
	}
	golden(t, "fixture.json", buf.Bytes())
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := fixture(t).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte(outbox.BOM+"number,jurisdiction,")) {
		t.Errorf("csv starts %q, want a BOM and the header", buf.Bytes()[:20])
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte(outbox.BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+7 || !slices.Equal(recs[0], csvHeader) {
		t.Fatalf("%d records, header %q", len(recs), recs[0])
	}
	col := func(name string) int { return slices.Index(csvHeader, name) }
	for _, r := range recs[1:] {
		if len(r) != len(csvHeader) {
			t.Errorf("row %q: %d fields, want %d", r, len(r), len(csvHeader))
		}
		for i, c := range r {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("row %s, %s: %q would run as a formula", r[0], csvHeader[i], c)
			}
		}
		for _, k := range []string{"due_user", "due_local", "due_utc", "as_of", "clock_start", "policy_due_not_law"} {
			if v := r[col(k)]; v != "" {
				if _, err := time.Parse(time.RFC3339, v); err != nil {
					t.Errorf("row %s, %s: %v", r[0], k, err)
				}
			}
		}
	}
	if got := recs[4][col("authority")]; !strings.HasPrefix(got, "'=HYPERLINK") {
		t.Errorf("formula authority written as %q", got)
	}
	golden(t, "fixture.csv", buf.Bytes())
}

// The same board with ';' and tab reads back, BOM and apostrophes
// dropped, as the values written.
func TestCSVDelimiters(t *testing.T) {
	var want [][]string
	for _, comma := range []rune{',', ';', '\t'} {
		b := fixture(t)
		b.CSVComma = comma
		var buf bytes.Buffer
		if err := b.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte(outbox.BOM+"number"+string(comma)+"jurisdiction"+string(comma))) {
			t.Errorf("%q: csv starts %q", comma, buf.Bytes()[:20])
		}
		recs, err := outbox.ReadCSV(&buf)
		if err != nil {
			t.Fatalf("%q: %v", comma, err)
		}
		if want == nil {
			want = recs
		} else if !slices.EqualFunc(recs, want, slices.Equal) {
			t.Errorf("%q: read back %q, want %q", comma, recs, want)
		}
		if got := recs[4][slices.Index(csvHeader, "authority")]; !strings.HasPrefix(got, "=HYPERLINK") {
			t.Errorf("%q: formula authority read back as %q", comma, got)
		}
	}
}

func TestEmpty(t *testing.T) {
	b := fixture(t)
	b.Deadlines = nil
	var buf bytes.Buffer
	if err := b.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "no obligations") {
		t.Errorf("empty table:\n%s", buf.String())
	}
	buf.Reset()
	if err := b.WriteJSON(&buf); err != nil || strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("empty json: %q, %v", buf.String(), err)
	}
	buf.Reset()
	if err := b.WriteXLSX(&buf); err != nil {
		t.Errorf("empty xlsx: %v", err)
	}
	_, doc := renderPDF(t, b)
	if len(doc.Pages) != 1 || !strings.Contains(doc.Text(), "No obligations") {
		t.Errorf("empty pdf: %d pages:\n%s", len(doc.Pages), doc.Text())
	}
}

func TestWrap(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  []string
	}{
		{"a bb ccc", 4, []string{"a bb", "ccc"}},
		{"abcdefgh", 3, []string{"abc", "def", "gh"}},
		{"立即报告网信部门", 6, []string{"立即报", "告网信", "部门"}},
		{"", 5, []string{""}},
	} {
		if got := wrap(tt.in, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

var (
	fontsOnce sync.Once
	testFonts *fonts.Fonts
	fontsErr  error
)

func loadFonts(t testing.TB) *fonts.Fonts {
	t.Helper()
	fontsOnce.Do(func() { testFonts, fontsErr = fonts.LoadFonts() })
	if fontsErr != nil {
		t.Fatal(fontsErr)
	}
	return testFonts
}

// many is a board of n obligations across invented jurisdictions, of every
// status.
func many(t testing.TB, n int) *Board {
	b := fixture(t)
	var ds []rules.Deadline
	for i := range n {
		d := b.Deadlines[i%len(b.Deadlines)]
		d.Jurisdiction = fmt.Sprintf("X%02d", i)
		if d.Due != nil {
			due := d.Due.Add(time.Duration(i) * 7 * time.Hour)
			d.Due = &due
		}
		ds = append(ds, d)
	}
	b.Deadlines = ds
	return b
}

// TestFallbacksShown: letters not in the customer's language (no catalog
// for it) are counted on the individuals' row of their jurisdiction in
// every format, and in a section of the table; other rows carry none.
func TestFallbacksShown(t *testing.T) {
	b := fixture(t)
	b.Fallbacks = map[string][]outbox.LanguageFallback{"GB": {{Requested: "pl", Written: "en", Letters: 1}}, "US-CA": {{Requested: "de", Written: "en", Letters: 1}, {Requested: "es", Written: "en", Letters: 2}}}
	var table, js, csvBuf bytes.Buffer
	if err := b.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fallback: pl→en 1 (no catalog for the customer's language)",
		"FALLBACK LANGUAGES: 4 letters not in the customer's language, which has no catalog (not a finding)", "GB: pl→en 1", "US-CA: de→en 1, es→en 2"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if err := b.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var recs []Record
	if err := json.Unmarshal(js.Bytes(), &recs); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		want := ""
		if r.Jurisdiction == "GB" && r.Obligation == string(rules.Individuals) {
			want = "pl→en 1"
		}
		if got := strings.Join(r.Fallbacks, ", "); got != want {
			t.Errorf("record %d (%s %s): language_fallbacks %q, want %q", r.Number, r.Jurisdiction, r.Obligation, got, want)
		}
	}
	if err := b.WriteCSV(&csvBuf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csvBuf.String(), ",pl→en 1\n") {
		t.Error("csv lacks the GB row's fallback")
	}
	_, doc := renderPDF(t, b)
	if want := "Fallback languages (no catalog for the customer's, not a finding): GB pl→en 1; US-CA de→en 1, es→en 2."; !strings.Contains(doc.Text(), want) {
		t.Errorf("pdf lacks %q", want)
	}
}
