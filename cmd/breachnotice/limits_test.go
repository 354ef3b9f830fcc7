package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestHostileInputs: the hostile TOML files and non-regular files of
// issue 19, given to letters: exit 2 with one line naming the file (and
// the line and the limit), in bounded memory and without hanging, and
// nothing written to --out. Before, the deep TOML files took 10 to 17 GB
// or overflowed the stack, and a FIFO blocked for ever.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	incident := filepath.Join("..", "..", "testdata", "incident.toml")
	customers := filepath.Join("..", "..", "testdata", "customers.xlsx")
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := func(name string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := mkfifo(p); err != nil {
			t.Skip(err)
		}
		return p
	}
	rulesWith := func(sub, name, data string) string {
		entries, _ := filepath.Glob(filepath.Join("..", "..", "jurisdictions", "*.toml"))
		for _, e := range entries {
			b, _ := os.ReadFile(e)
			write(filepath.Join(sub, filepath.Base(e)), string(b))
		}
		p := filepath.Join(dir, sub, name)
		os.Remove(p)
		if data == "" {
			fifo(filepath.Join(sub, name))
		} else {
			write(filepath.Join(sub, name), data)
		}
		return filepath.Join(dir, sub)
	}
	deepArrays := "[organization]\nlegal_name = " + strings.Repeat("[", 2_000_000) + strings.Repeat("]", 2_000_000) + "\n"
	for _, tt := range []struct {
		name   string
		args   func() []string
		phrase string
	}{
		{"arrays 5,000,000 deep", func() []string {
			return []string{"--incident", write("deep5m.toml", "a = "+strings.Repeat("[", 5_000_000)+strings.Repeat("]", 5_000_000)+"\n")}
		}, "deep5m.toml:1: the file is larger than 4 MiB"},
		{"arrays 2,000,000 deep", func() []string {
			return []string{"--incident", write("deep.toml", deepArrays)}
		}, "deep.toml:2: nesting deeper than 16"},
		{"inline tables", func() []string {
			return []string{"--incident", write("inline.toml", "[organization]\n\nx = "+strings.Repeat("{ y = ", 500_000)+"\n")}
		}, "inline.toml:3: nesting deeper than 16"},
		{"100,000 nested table keys in the rules", func() []string {
			return []string{"--incident", incident, "--rules", rulesWith("rules-keys", "zz.toml", "# 206 KB\n["+strings.Repeat("k.", 100_000)+"k]\n")}
		}, "zz.toml:2: rules: nesting deeper than 16"},
		{"incident FIFO", func() []string {
			return []string{"--incident", fifo("fifo.toml")}
		}, `incident file "` + filepath.Join(dir, "fifo.toml") + `" is not a regular file`},
		{"incident /dev/zero", func() []string {
			p := filepath.Join(dir, "zero.toml")
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Skip(err)
			}
			return []string{"--incident", p}
		}, `zero.toml" is not a regular file`},
		{"rules FIFO", func() []string {
			return []string{"--incident", incident, "--rules", rulesWith("rules-fifo", "it.toml", "")}
		}, "it.toml: rules: not a regular file (a directory, device or pipe)"},
		{"mapping /dev/zero", func() []string {
			p := filepath.Join(dir, "mapping.toml")
			os.Symlink("/dev/zero", p)
			return []string{"--incident", incident, "--mapping", p}
		}, `mapping file "` + filepath.Join(dir, "mapping.toml") + `" is not a regular file`},
		{"password FIFO", func() []string {
			return []string{"--incident", incident, "--password-file", fifo("password")}
		}, `password file "` + filepath.Join(dir, "password") + `" is not a regular file`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"letters", "--customers", customers, "--out", out, "--now", badNow}, tt.args()...)
			var stdout, stderr bytes.Buffer
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			done := make(chan int, 1)
			go func() { done <- badRun(t, args, &stdout, &stderr) }()
			var st int
			select {
			case st = <-done:
			case <-time.After(60 * time.Second):
				t.Fatalf("letters %q hangs", args)
			}
			runtime.ReadMemStats(&after)
			if st != 2 || !strings.Contains(stderr.String(), tt.phrase) || strings.Count(stderr.String(), "\n") != 1 {
				t.Fatalf("exit %d, want 2 with one line saying %q\nstderr:\n%.2000s", st, tt.phrase, stderr.String())
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("allocated %d MiB, want under 256 MiB", alloc>>20)
			}
			badCheckNothingWritten(t, out)
		})
	}
}

// TestHostileWorkbooks: the xlsx bombs of issue 19 (at a tenth of their
// size), through import and letters: refused at once, naming the file and
// the part, nothing written.
func TestHostileWorkbooks(t *testing.T) {
	dir := t.TempDir()
	incident := filepath.Join("..", "..", "testdata", "incident.toml")
	for _, tt := range []struct {
		name, part, head, repeat string
		n                        int
		phrase                   string
	}{
		{"strings.xlsx", "xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, "<si/>", 20 << 20,
			"strings.xlsx: malformed file: the shared string table: part xl/sharedStrings.xml inflates"},
		{"elements.xlsx", "xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`, "<x/>", 20 << 20,
			"elements.xlsx: malformed file: sheet \"Affected\" cannot be read: part xl/worksheets/sheet1.xml inflates"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			limitsBomb(t, filepath.Join("..", "..", "testdata", "customers.xlsx"), p, tt.part, tt.head, tt.repeat, tt.n)
			out := filepath.Join(t.TempDir(), "out")
			for _, args := range [][]string{
				{"letters", "--incident", incident, "--customers", p, "--out", out, "--now", badNow},
				{"import", "--customers", p, "--dry-run"},
			} {
				var stdout, stderr bytes.Buffer
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				st := badRun(t, args, &stdout, &stderr)
				runtime.ReadMemStats(&after)
				if st != 2 || !strings.Contains(stderr.String(), tt.phrase) {
					t.Fatalf("%s: exit %d, want 2 saying %q\nstderr:\n%s", args[0], st, tt.phrase, stderr.String())
				}
				if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
					t.Errorf("%s: allocated %d MiB, want under 64 MiB", args[0], alloc>>20)
				}
			}
			badCheckNothingWritten(t, out)
		})
	}
}

// limitsBomb copies the workbook src to dst with part replaced by head
// and n times repeat (not closed: the reader must stop before the end).
func limitsBomb(t *testing.T, src, dst, part, head, repeat string, n int) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, zf := range zr.File {
		if zf.Name != part {
			if err := zw.Copy(zf); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.Create(part)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, head)
		chunk := strings.Repeat(repeat, (64<<10)/len(repeat))
		for written := 0; written < n*len(repeat); written += len(chunk) {
			io.WriteString(w, chunk)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
