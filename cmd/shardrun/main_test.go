package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// sh runs a shell script as the command; the tests need /bin/sh.
func sh(script string) []string { return []string{"/bin/sh", "-c", script, "sh"} }

func TestShardFromIndex(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"JOB_COMPLETION_INDEX": "0"}, nil, "--shard=1/4 --out=/out/shard-1"},
		{map[string]string{"JOB_COMPLETION_INDEX": "3"}, nil, "--shard=4/4 --out=/out/shard-4"},
		{map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "2"}, []string{"-index-env=AWS_BATCH_JOB_ARRAY_INDEX"}, "--shard=3/4 --out=/out/shard-3"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "4"}, []string{"-index-env=SLURM_ARRAY_TASK_ID", "-index-base=1"}, "--shard=4/4 --out=/out/shard-4"},
	} {
		args := append([]string{"-shards=4"}, tc.args...)
		args = append(args, "--")
		args = append(args, sh(`printf '%s ' "$@" > `+out)...)
		args = append(args, "--shard={K}/{N}", "--out=/out/shard-{K}")
		var stderr bytes.Buffer
		if st := run(args, env(tc.env), &bytes.Buffer{}, &stderr); st != 0 {
			t.Fatalf("%v: status %d: %s", tc.env, st, stderr.String())
		}
		got, _ := os.ReadFile(out)
		if strings.TrimSpace(string(got)) != tc.want {
			t.Errorf("%v: command got %q, want %q", tc.env, got, tc.want)
		}
	}
}

func TestBadIndex(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		base string
		msg  string
	}{
		{map[string]string{}, "0", "not set"},
		{map[string]string{"JOB_COMPLETION_INDEX": "x"}, "0", "not a number"},
		{map[string]string{"JOB_COMPLETION_INDEX": "4"}, "0", "outside 1..4"},
		{map[string]string{"JOB_COMPLETION_INDEX": "0"}, "1", "outside 1..4"},
	} {
		var stderr bytes.Buffer
		st := run([]string{"-shards=4", "-index-base=" + tc.base, "--", "true"}, env(tc.env), &bytes.Buffer{}, &stderr)
		if st != 2 || !strings.Contains(stderr.String(), tc.msg) {
			t.Errorf("%v base %s: status %d, stderr %q; want 2 and %q", tc.env, tc.base, st, stderr.String(), tc.msg)
		}
	}
}

func TestExitStatus(t *testing.T) {
	e := env(map[string]string{"JOB_COMPLETION_INDEX": "0"})
	for _, tc := range []struct {
		ok     string
		script string
		want   int
	}{
		{"0", "exit 0", 0},
		{"0", "exit 1", 1},
		{"0,1", "exit 1", 0}, // letters: done, with rejected rows
		{"0,1", "exit 2", 2}, // letters: usage or unreadable input
		{"0,1", "kill -TERM $$", 128 + 15},
	} {
		st := run(append([]string{"-shards=1", "-ok=" + tc.ok, "--"}, sh(tc.script)...), e, &bytes.Buffer{}, &bytes.Buffer{})
		if st != tc.want {
			t.Errorf("-ok=%s, %q: status %d, want %d", tc.ok, tc.script, st, tc.want)
		}
	}
}

func TestDoneSkips(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "shard-2"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "shard-2", "summary.json"), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	done := "-done=" + filepath.Join(dir, "shard-{K}", "summary.json")
	// Shard 2 finished: the command (which would fail) is not run.
	var stdout bytes.Buffer
	st := run(append([]string{"-shards=3", done, "--"}, sh("exit 9")...), env(map[string]string{"JOB_COMPLETION_INDEX": "1"}), &stdout, &bytes.Buffer{})
	if st != 0 || !strings.Contains(stdout.String(), "not run again") {
		t.Errorf("finished shard: status %d, stdout %q", st, stdout.String())
	}
	// Shard 3 did not: it runs.
	st = run(append([]string{"-shards=3", done, "--"}, sh("exit 9")...), env(map[string]string{"JOB_COMPLETION_INDEX": "2"}), &bytes.Buffer{}, &bytes.Buffer{})
	if st != 9 {
		t.Errorf("unfinished shard: status %d, want the command's 9", st)
	}
}

func TestAll(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	for k := 1; k <= 3; k++ {
		if err := os.MkdirAll(filepath.Join(dir, "shard-"+string(rune('0'+k))), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	require := "-require=" + filepath.Join(dir, "shard-{K}", "summary.json")
	args := append([]string{"-all", "-shards=3", require, "--"}, sh(`printf '%s ' "$@" > `+out+`; exit 1`)...)
	args = append(args, "--report=/audit", "/out/shard-{K}")

	// No shard finished: the audit is not started.
	var stderr bytes.Buffer
	if st := run(args, env(nil), &bytes.Buffer{}, &stderr); st != 2 || !strings.Contains(stderr.String(), "shards 1,2,3") {
		t.Fatalf("missing shards: status %d, stderr %q", st, stderr.String())
	}
	for k := 1; k <= 3; k++ {
		if err := os.WriteFile(filepath.Join(dir, "shard-"+string(rune('0'+k)), "summary.json"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// All finished: one command with every shard; its status 1 (findings) is kept.
	if st := run(args, env(nil), &bytes.Buffer{}, &bytes.Buffer{}); st != 1 {
		t.Fatalf("status %d, want the audit's 1", st)
	}
	got, _ := os.ReadFile(out)
	if want := "--report=/audit /out/shard-1 /out/shard-2 /out/shard-3"; strings.TrimSpace(string(got)) != want {
		t.Errorf("command got %q, want %q", got, want)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--", "true"}, // no -shards
		{"-shards=2"},  // no command
		{"-shards=2", "-ok=x", "--", "true"},
		{"-shards=2", "-index-base=2", "--", "true"},
		{"-shards=2", "-require=x", "--", "true"}, // -require without -all
		{"-shards=2", "-all", "-done=x", "--", "true"},
	} {
		if st := run(args, env(map[string]string{"JOB_COMPLETION_INDEX": "0"}), &bytes.Buffer{}, &bytes.Buffer{}); st != 2 {
			t.Errorf("%q: status %d, want 2", args, st)
		}
	}
}
