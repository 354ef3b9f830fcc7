package main

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// killLetters is the size of TestKilledRunsKeepEveryLetter's run: 1,000
// letters (about 25 s of CPU), or BREACHNOTICE_KILL_LETTERS, which
// .ci/run sets to 5,000 (about 2 minutes of CPU: 1 on 2 idle cores).
func killLetters(t *testing.T) int {
	s := os.Getenv("BREACHNOTICE_KILL_LETTERS")
	if s == "" {
		return 1000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 600 {
		t.Fatalf("BREACHNOTICE_KILL_LETTERS=%q: want a number of letters, at least 600", s)
	}
	return n
}

// TestKilledRunsKeepEveryLetter kills a run of killLetters letters five
// times at increasing points, each time resuming in the same
// directory, and asserts that each restart goes on from where the last one
// stopped: every letter recorded and verified before a kill is still kept
// after the next one, and more are added each time. The last run, to the
// end, keeps exactly those and its output equals an uninterrupted run's
// byte for byte; the audit is clean.
func TestKilledRunsKeepEveryLetter(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("starts and kills the CLI several times (the pipeline's concurrency is tested under -race in letters/run)")
	}
	rows := killLetters(t)
	work := t.TempDir()
	customers := filepath.Join(work, "customers.xlsx")
	incident, _ := filepath.Abs("../../testdata/incident.toml")
	var stdout, stderr bytes.Buffer
	if st := cli([]string{"sample", "--rows", strconv.Itoa(rows), "--out", customers}, nil, &stdout, &stderr); st != 0 {
		t.Fatalf("sample: %d %s", st, stderr.String())
	}
	args := func(out string) []string {
		return []string{"letters", "--incident", incident, "--customers", customers, "--out", out,
			"--now", "2026-11-22T10:00:00+01:00", "--workers", "2"}
	}
	ref := filepath.Join(work, "ref")
	if st := cli(append(args(ref), "--quiet"), nil, &stdout, &stderr); st != 0 {
		t.Fatalf("uninterrupted run: %d %s", st, stderr.String())
	}
	letters := countFiles(ref)
	if letters != rows {
		t.Fatalf("reference run wrote %d letters, want %d", letters, rows)
	}

	out := filepath.Join(work, "out")
	var before map[int]bool // recorded and verified at the last kill
	for i := 1; i <= 5; i++ {
		at := letters * i / 6
		start := time.Now()
		onDisk := runKilledAt(t, append(args(out), "--quiet"), out, at)
		kept := keptSince(t, out, start)
		now := recorded(t, out)
		t.Logf("kill %d: %d letters on disk (wanted ≥ %d); the run had kept %d, %d recorded and verified", i, onDisk, at, kept, len(now))
		// Each restart goes on from where the last one stopped: it keeps
		// all that was recorded before (it got past it: it wrote new
		// letters), and it loses none.
		if kept != len(before) {
			t.Errorf("kill %d: the restart kept %d letters, want the %d recorded before", i, kept, len(before))
		}
		for row := range before {
			if !now[row] {
				t.Fatalf("kill %d: the letter of row %d, recorded before, is lost", i, row)
			}
		}
		// At most the letters in flight (a few dozen with 2 workers) are
		// on disk without their manifest line.
		if len(now) <= len(before) || len(now) < at-100 {
			t.Fatalf("kill %d: %d letters recorded, %d before and %d on disk: the restart did not go on from where the last one stopped", i, len(now), len(before), onDisk)
		}
		before = now
	}
	stdout.Reset()
	if st := cli(args(out), nil, &stdout, &stderr); st != 0 {
		t.Fatalf("resumed run: %d %s", st, stderr.String())
	}
	m := regexp.MustCompile(`resumed: (\d+) letters of the interrupted run kept, (\d+) written`).FindStringSubmatch(stdout.String())
	if m == nil || m[1] != strconv.Itoa(len(before)) {
		t.Errorf("the last run kept %v, want the %d letters recorded:\n%s", m, len(before), stdout.String())
	} else {
		t.Logf("last run: %s letters kept, %s written", m[1], m[2])
	}
	sameTree(t, out, ref)
	stdout.Reset()
	if st := cli([]string{"audit", out, "--now", "2026-11-22T12:00:00+01:00"}, nil, &stdout, &stderr); st != 0 {
		t.Errorf("audit of the resumed run: exit %d\n%s", st, stdout.String())
	}
}

// runKilledAt starts the CLI with args and kills it with SIGKILL once out
// holds at least at letters; it returns how many it held.
func runKilledAt(t *testing.T, args []string, out string, at int) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "BREACHNOTICE_RUN_CLI=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
wait:
	for countFiles(out) < at {
		select {
		case err = <-done:
			break wait
		case <-time.After(2 * time.Millisecond):
		}
	}
	if err == nil {
		cmd.Process.Signal(syscall.SIGKILL)
		err = <-done
	}
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("the run was to be killed with %d letters on disk; it ended: %v", at, err)
	}
	return countFiles(out)
}

// keptSince counts the letters a killed run in dir kept from the runs
// before it: the entries of its manifest whose files still hash to what
// the line records and were not written since start.
func keptSince(t *testing.T, dir string, start time.Time) int {
	t.Helper()
	d := &outbox.Dir{Path: dir}
	kept := 0
	for _, e := range readEntries(t, filepath.Join(dir, outbox.ManifestFile)) {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.PDF)))
		if err == nil && fi.ModTime().Before(start) && d.Unchanged(e) {
			kept++
		}
	}
	return kept
}

// readEntries reads a manifest a killed run may have left with its last
// line cut short: the entries before it count.
func readEntries(t *testing.T, path string) []outbox.Entry {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := outbox.ReadManifest(bytes.NewReader(data))
	return entries
}

// recorded returns the rows whose letters an interrupted run in dir left
// for the next one to keep: those in the previous manifest or the killed
// run's own whose files still hash to what the line recorded.
func recorded(t *testing.T, dir string) map[int]bool {
	t.Helper()
	d := &outbox.Dir{Path: dir}
	rows := map[int]bool{}
	for _, name := range []string{outbox.PreviousManifest, outbox.ManifestFile} {
		for _, e := range readEntries(t, filepath.Join(dir, name)) {
			if !rows[e.Row] && d.Unchanged(e) {
				rows[e.Row] = true
			}
		}
	}
	return rows
}

// sameTree asserts that got holds the same files as want, byte for byte
// (compared by hash: the letters of a large run do not fit in memory twice).
func sameTree(t *testing.T, got, want string) {
	t.Helper()
	g, w := treeSums(t, got), treeSums(t, want)
	for name, sum := range w {
		if g[name] != sum {
			t.Errorf("%s differs from the uninterrupted run's", name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s is not in the uninterrupted run", name)
		}
	}
}

// treeSums hashes every regular file under dir, by slash path.
func treeSums(t *testing.T, dir string) map[string][sha256.Size]byte {
	t.Helper()
	out := map[string][sha256.Size]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
