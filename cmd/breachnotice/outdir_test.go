package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// startLetters starts the CLI as another process writing out from
// customers (a sample), and returns it with the channel its end is sent on.
func startLetters(t *testing.T, customers, out string) (*exec.Cmd, chan error, *bytes.Buffer) {
	t.Helper()
	incident, _ := filepath.Abs("../../testdata/incident.toml")
	cmd := exec.Command(os.Args[0], "letters", "--incident", incident, "--customers", customers, "--out", out,
		"--now", "2026-11-22T10:00:00+01:00", "--workers", "1", "--quiet")
	cmd.Env = append(os.Environ(), "BREACHNOTICE_RUN_CLI=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return cmd, done, &stderr
}

// waitFor polls until ok or the process ends (false).
func waitFor(ok func() bool, done chan error) (bool, error) {
	for !ok() {
		select {
		case err := <-done:
			return false, err
		case <-time.After(2 * time.Millisecond):
		}
	}
	return true, nil
}

func sampleSheet(t *testing.T, rows int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "customers.xlsx")
	var stdout, stderr bytes.Buffer
	if st := cli([]string{"sample", "--rows", fmt.Sprint(rows), "--out", path}, nil, &stdout, &stderr); st != 0 {
		t.Fatalf("sample: %d %s", st, stderr.String())
	}
	return path
}

// Two runs on the same --out: the second is refused, naming the lock and
// the first run's pid; the first completes, its audit clean, no lock left.
// A run killed with SIGKILL leaves its lock file, which does not block the
// next run.
func TestOneRunAtATimeAndKilledRunsLeaveNoLock(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("starts the CLI as other processes")
	}
	customers := sampleSheet(t, 400)
	incident, _ := filepath.Abs("../../testdata/incident.toml")
	out := filepath.Join(t.TempDir(), "out")
	lock := filepath.Join(out, outbox.LockFile)
	args := []string{"letters", "--incident", incident, "--customers", customers, "--out", out, "--now", "2026-11-22T10:00:00+01:00", "--quiet"}

	first, done, firstErr := startLetters(t, customers, out)
	if ok, err := waitFor(func() bool { return countFiles(out) > 0 }, done); !ok {
		t.Fatalf("the first run ended before its first letter: %v %s", err, firstErr)
	}
	var stdout, stderr bytes.Buffer
	st := cli(args, nil, &stdout, &stderr)
	want := fmt.Sprintf("is locked by pid %d on host ", first.Process.Pid)
	if st != exitUsage || !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), lock) {
		t.Errorf("second run: exit %d, stderr %q; want %d and %q with the lock file", st, stderr.String(), exitUsage, want)
	}
	// Killed: the lock file stays, the lock does not.
	first.Process.Signal(syscall.SIGKILL)
	<-done
	if data, err := os.ReadFile(lock); err != nil || !strings.Contains(string(data), fmt.Sprintf("pid %d ", first.Process.Pid)) {
		t.Fatalf("the killed run's lock file: %q, %v", data, err)
	}
	// A run, and a second one meanwhile, refused; the first completes.
	second, done, secondErr := startLetters(t, customers, out)
	if ok, err := waitFor(func() bool { return countFiles(out) > 0 && holder(lock, second.Process.Pid) }, done); !ok {
		t.Fatalf("the run after the kill ended before it held the lock: %v %s", err, secondErr)
	}
	stderr.Reset()
	if st := cli([]string{"audit", out, "--now", "2026-11-22T12:00:00+01:00"}, nil, &stdout, &stderr); st != exitUsage ||
		!strings.Contains(stderr.String(), fmt.Sprintf("is locked by pid %d on host ", second.Process.Pid)) {
		t.Errorf("audit during the run: exit %d, %q", st, stderr.String())
	}
	if err := <-done; err != nil && second.ProcessState.ExitCode() != exitFindings {
		t.Fatalf("the run after the kill: %v %s", err, secondErr)
	}
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Errorf("lock file left after the run: %v", err)
	}
	stdout.Reset()
	if st := cli([]string{"audit", out, "--now", "2026-11-22T12:00:00+01:00"}, nil, &stdout, &stderr); st != exitOK {
		t.Errorf("audit: exit %d\n%s%s", st, stdout.String(), stderr.String())
	}
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Errorf("lock file left after the audit: %v", err)
	}
}

// holder reports whether the lock file names pid.
func holder(lock string, pid int) bool {
	data, _ := os.ReadFile(lock)
	return strings.HasPrefix(string(data), fmt.Sprintf("pid %d ", pid))
}

// A report directory the audit cannot write to fails before the audit,
// not after it; the output is left as it was.
func TestAuditIntoAReadOnlyDirectoryFailsFirst(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only directories")
	}
	out := filepath.Join(t.TempDir(), "out")
	incident, _ := filepath.Abs("../../testdata/incident.toml")
	customers, _ := filepath.Abs("../../testdata/customers.xlsx")
	var stdout, stderr bytes.Buffer
	if st := cli([]string{"letters", "--incident", incident, "--customers", customers, "--out", out, "--now", "2026-11-22T10:00:00+01:00", "--quiet"}, nil, &stdout, &stderr); st > exitFindings {
		t.Fatalf("letters: %d %s", st, stderr.String())
	}
	before := tree(t, out)
	if err := os.Chmod(out, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(out, 0o700)
	st := cli([]string{"audit", out, "--now", "2026-11-22T12:00:00+01:00"}, nil, &stdout, &stderr)
	if st != exitUsage || stdout.Len() > 0 || !strings.Contains(stderr.String(), "write the report elsewhere with --report DIR") {
		t.Errorf("audit of a read-only output: exit %d, stdout %q, stderr %q", st, stdout.String(), stderr.String())
	}
	stderr.Reset()
	rep := filepath.Join(t.TempDir(), "report")
	if st := cli([]string{"audit", out, "--now", "2026-11-22T12:00:00+01:00", "--report", rep}, nil, &stdout, &stderr); st != exitOK {
		t.Errorf("audit of a read-only output, report elsewhere: exit %d, %s", st, stderr.String())
	}
	os.Chmod(out, 0o700)
	after := tree(t, out)
	if len(after) != len(before) {
		t.Errorf("the output changed: %d files, was %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
}
