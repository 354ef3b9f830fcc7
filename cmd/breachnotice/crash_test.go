package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary run as the CLI (BREACHNOTICE_RUN_CLI=1), so
// tests can start it as a separate process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("BREACHNOTICE_RUN_CLI") == "1" {
		os.Exit(cli(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// tree reads every regular file under dir, by slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func countFiles(dir string) int {
	es, _ := os.ReadDir(filepath.Join(dir, "pdf"))
	return len(es)
}

// TestKilledRunsResumeToTheSameOutput kills a letters run with SIGKILL at
// several points (before the first letter, after a few, midway, near the
// end), each time in the same directory, runs it again to the end, and
// asserts the output equals an uninterrupted run's byte for byte: no
// letter lost, none twice, no half-written file.
func TestKilledRunsResumeToTheSameOutput(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("starts and kills the CLI several times (the pipeline's concurrency is tested under -race in letters/run)")
	}
	work := t.TempDir()
	customers := filepath.Join(work, "customers.xlsx")
	incident, _ := filepath.Abs("../../testdata/incident.toml")
	var stdout, stderr bytes.Buffer
	if st := cli([]string{"sample", "--rows", "150", "--out", customers}, nil, &stdout, &stderr); st != 0 {
		t.Fatalf("sample: %d %s", st, stderr.String())
	}
	args := func(out string) []string {
		return []string{"letters", "--incident", incident, "--customers", customers, "--out", out,
			"--now", "2026-11-22T10:00:00+01:00", "--workers", "2", "--quiet"}
	}
	ref := filepath.Join(work, "ref")
	if st := cli(args(ref), nil, &stdout, &stderr); st > 1 {
		t.Fatalf("uninterrupted run: %d %s", st, stderr.String())
	}
	want := tree(t, ref)
	letters := countFiles(ref)
	if letters < 100 {
		t.Fatalf("reference run wrote %d letters", letters)
	}

	out := filepath.Join(work, "out")
	// Near the end is nine tenths: with 5 letters left, as it was, a loaded
	// machine finished the run between two looks at the directory.
	for _, at := range []int{0, 3, letters / 3, letters / 2, letters * 9 / 10} {
		n := runKilledAt(t, args(out), out, at)
		t.Logf("killed with %d letters on disk (wanted ≥ %d)", n, at)
	}
	stdout.Reset()
	if st := cli(args(out), nil, &stdout, &stderr); st > 1 {
		t.Fatalf("resumed run: %d %s", st, stderr.String())
	}
	got := tree(t, out)
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from the uninterrupted run's (%d bytes, want %d)", name, len(got[name]), len(data))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not in the uninterrupted run", name)
		}
		if strings.Contains(name, ".tmp-") {
			t.Errorf("half-written file left: %s", name)
		}
	}
	// The audit agrees.
	stdout.Reset()
	if st := cli([]string{"audit", out, "--now", "2026-11-22T12:00:00+01:00"}, nil, &stdout, &stderr); st != 0 {
		t.Errorf("audit of the resumed run: exit %d\n%s", st, stdout.String())
	}
}
