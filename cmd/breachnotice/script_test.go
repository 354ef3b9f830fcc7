package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Each testdata/script/*.txt file is a small txtar-style script:
//
//	# comment
//	run ARGS...           (run the CLI; $WORK is a fresh temp dir, paths are relative to the repo root)
//	exit N                (the status the last run must return)
//	stdout RE / stderr RE           (the output must match the regular expression RE, multi-line mode)
//	! stdout RE / ! stderr RE       (must not match it)
//	-- name --            (a file written to $WORK/name; the lines up to the next marker are its content)
func TestScripts(t *testing.T) {
	files, err := filepath.Glob("testdata/script/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			work := t.TempDir()
			script, archive, _ := strings.Cut(string(data), "\n-- ")
			if archive != "" {
				writeArchive(t, work, "-- "+archive)
			}
			var stdout, stderr bytes.Buffer
			status := -1
			for n, line := range strings.Split(script, "\n") {
				line = strings.TrimSpace(strings.ReplaceAll(line, "$WORK", work))
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				neg := strings.HasPrefix(line, "! ")
				line = strings.TrimPrefix(line, "! ")
				verb, arg, _ := strings.Cut(line, " ")
				where := file + ":" + strconv.Itoa(n+1)
				switch verb {
				case "run":
					stdout.Reset()
					stderr.Reset()
					args := strings.Fields(arg)
					for i, a := range args {
						if strings.HasPrefix(a, "testdata/") || strings.HasPrefix(a, "jurisdictions") {
							args[i] = filepath.Join("..", "..", a)
						}
					}
					status = cli(args, strings.NewReader(""), &stdout, &stderr)
				case "exit":
					if want, _ := strconv.Atoi(arg); status != want {
						t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", where, status, want, stdout.String(), stderr.String())
					}
				case "stdout", "stderr":
					got := stdout.String()
					if verb == "stderr" {
						got = stderr.String()
					}
					re, err := regexp.Compile("(?m)" + arg)
					if err != nil {
						t.Fatalf("%s: bad pattern: %v", where, err)
					}
					if re.MatchString(got) == neg {
						want := "no match"
						if !neg {
							want = "a match"
						}
						t.Fatalf("%s: %s %q: want %s in:\n%s", where, verb, arg, want, got)
					}
				default:
					t.Fatalf("%s: unknown verb %q", where, verb)
				}
			}
		})
	}
}

func writeArchive(t *testing.T, dir, archive string) {
	t.Helper()
	parts := strings.Split(archive, "\n-- ")
	parts[0] = strings.TrimPrefix(parts[0], "-- ")
	for _, p := range parts {
		name, body, _ := strings.Cut(p, " --\n")
		file := filepath.Join(dir, strings.TrimSpace(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
