package run_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/run"
)

// oldRunKeys are the keys of run.json as runs wrote it before the CSVs
// carried a BOM and a chosen delimiter: a run.json with other keys would
// not compare equal to an interrupted older run's, which could then not be
// resumed.
var oldRunKeys = []string{"incident_sha256", "rules_sha256", "customers_sha256", "customers", "sheet", "mapping", "now", "as_of", "shard"}

// TestResumeAcrossTheCSVChange interrupts the sample run (no summary.json)
// as a version without BOM would have left it, and as this one does with
// ';', and resumes each with another delimiter: the run resumes, writes
// both reports anew with its own delimiter after a BOM, keeps the letters,
// and the audit is clean.
func TestResumeAcrossTheCSVChange(t *testing.T) {
	data, err := os.ReadFile("../../testdata/customers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := run.Run(config(t, string(data), "customers.xlsx", out)); err != nil {
		t.Fatal(err)
	}
	checkRunKeys(t, out)
	letters := readLetters(t, out)
	for _, c := range []struct {
		name  string
		old   bool // the reports as written before: no BOM
		comma rune
	}{{"before the change, resumed with ';'", true, ';'}, {"with ';', resumed with ','", false, ','}} {
		interrupt(t, out, c.old)
		cfg := config(t, string(data), "customers.xlsx", out)
		cfg.CSVDelimiter = c.comma
		sum, err := run.Run(cfg)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if sum.Letters != 54 || sum.Rejects != 6 || !sum.Balanced() {
			t.Errorf("%s: %d letters, %d rejects", c.name, sum.Letters, sum.Rejects)
		}
		want := outbox.BOM + "row" + string(c.comma) + "customer_id" + string(c.comma)
		for _, name := range []string{outbox.RejectsFile, outbox.NotNotifiedFile} {
			if got, _ := os.ReadFile(filepath.Join(out, name)); !bytes.HasPrefix(got, []byte(want)) {
				t.Errorf("%s: %s starts %q, want %q", c.name, name, got[:min(len(got), 24)], want)
			}
		}
		if got := readLetters(t, out); !maps.EqualFunc(got, letters, bytes.Equal) {
			t.Errorf("%s: the letters differ from the first run's", c.name)
		}
		if fs := findings(t, out); len(fs) > 0 {
			t.Errorf("%s: audit findings: %v", c.name, fs)
		}
	}
}

// interrupt makes out an unfinished run: no summary.json, and with old,
// reports without BOM, as the previous version wrote them.
func interrupt(t *testing.T, out string, old bool) {
	t.Helper()
	if err := os.Remove(filepath.Join(out, outbox.SummaryFile)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{outbox.RejectsFile, outbox.NotNotifiedFile} {
		p := filepath.Join(out, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if old {
			data = bytes.TrimPrefix(data, []byte(outbox.BOM))
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func checkRunKeys(t *testing.T, out string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, outbox.RunFile))
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(data, &keys); err != nil {
		t.Fatal(err)
	}
	for k := range keys {
		if !slices.Contains(oldRunKeys, k) {
			t.Errorf("run.json has %q, which older runs lack: they could not be resumed", k)
		}
	}
}

// readLetters returns the files under pdf/ and email/.
func readLetters(t *testing.T, out string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, dir := range []string{outbox.PDFDir, outbox.EmailDir} {
		es, err := os.ReadDir(filepath.Join(out, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			data, err := os.ReadFile(filepath.Join(out, dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[dir+"/"+e.Name()] = data
		}
	}
	return files
}
