package tomllimit

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
)

func TestCheckAccepts(t *testing.T) {
	for _, src := range []string{
		"",
		"\xef\xbb\xbfa = 1\n",
		"a = 1\n[b.c]\nd.e = [1, [2, [3]], {f = 4, g.h = 'x'}]\n[[i]]\nj = \"\"\"\n[[[[\n\"\"\"\n",
		"a = '''x]]]'''\nb = \"\\\"[[[\" # [[[[\nc = 1979-05-27 07:32:00Z\n",
		"t = {\n  a = 1, # comment\n  b = 2,\n}\n",
		"s = \"\"\"ab\"\"\"\"\"\nx = [\n 1,\n 2, # two\n]\n",
		"\"quoted.key\" = 1\n'lit'.b = 2\n",
		strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1) + "\n", // no key: a syntax error, not a limit
	} {
		err := Check([]byte(src))
		if errors.Is(err, ErrLimit) {
			t.Errorf("Check(%q) = %v, want no limit error", src, err)
		}
	}
}

// hostile builds the files of issue 19, and their small variants.
func hostile() map[string]struct {
	src  string
	line int
	msg  string
} {
	deep := func(open, close string, n int) string {
		return "a = " + strings.Repeat(open, n) + strings.Repeat(close, n) + "\n"
	}
	return map[string]struct {
		src  string
		line int
		msg  string
	}{
		"arrays 5,000,000 deep": {deep("[", "]", 5_000_000)[:MaxSize], 1, "nesting deeper than 16"},
		"arrays 33 deep":        {"# x\n" + deep("[", "]", 33), 2, "nesting deeper than 16"},
		"inline tables":         {"x = 1\n" + "a = " + strings.Repeat("{b = ", 1_000_000)[:3<<20] + "\n", 2, "nesting deeper than 16"},
		"dotted key 100,000":    {strings.Repeat("a.", 100_000) + "a = 1\n", 1, "nesting deeper than 16"},
		"table header":          {"\n\n[" + strings.Repeat("a.", 20) + "a]\n", 3, "nesting deeper than 16"},
		"header then key":       {"[" + strings.Repeat("a.", 10) + "a]\n" + strings.Repeat("b.", 10) + "b = 1\n", 2, "nesting deeper than 16"},
		"entries":               {strings.Repeat("[[a]]\n", MaxEntries+1), MaxEntries + 1, "more than 20000 keys"},
		"array values":          {"a = [" + strings.Repeat("1,", MaxEntries) + "]\n", 1, "more than 20000 keys"},
		"size":                  {strings.Repeat("# padding\n", MaxSize/10+1), MaxSize/10 + 1, "larger than 4 MiB"},
	}
}

func TestCheckRefuses(t *testing.T) {
	for name, h := range hostile() {
		t.Run(name, func(t *testing.T) {
			data := []byte(h.src)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			var v any
			_, err := Decode(data, &v)
			runtime.ReadMemStats(&after)
			var le *Error
			if !errors.As(err, &le) || !errors.Is(err, ErrLimit) {
				t.Fatalf("Decode = %v, want a limit error", err)
			}
			if le.Line != h.line || !strings.Contains(le.Msg, h.msg) {
				t.Errorf("error %v, want line %d and %q", err, h.line, h.msg)
			}
			var pe toml.ParseError
			if !errors.As(err, &pe) || pe.Position.Line != h.line || pe.Message != le.Msg {
				t.Errorf("as toml.ParseError: %+v", pe)
			}
			// The scanner allocates nothing but its error (the decoder used
			// 10 to 17 GB on the full-size files).
			if got := after.TotalAlloc - before.TotalAlloc; got > 64<<10 {
				t.Errorf("allocated %d bytes, want under 64 KiB", got)
			}
		})
	}
}

func TestCheckStopsWhereDecoderDoes(t *testing.T) {
	for _, src := range []string{
		"a = \"unterminated\n" + strings.Repeat("[", 1000),
		"a = 1 2\n",
		"[a\n",
		"= 1\n",
	} {
		var v any
		_, err := Decode([]byte(src), &v)
		var pe toml.ParseError
		if err == nil || errors.Is(err, ErrLimit) || !errors.As(err, &pe) {
			t.Errorf("Check(%.30q) = %v, want the decoder's syntax error", src, err)
		}
		if stop, _ := scan([]byte(src)); src != "a = 1 2\n" && stop < 0 {
			t.Errorf("scan(%.30q) did not stop", src)
		}
	}
}

func TestReadFile(t *testing.T) {
	big := strings.Repeat("a = 1\n", MaxSize/6+1)
	fsys := fstest.MapFS{
		"ok.toml":      {Data: []byte("a = 1\n")},
		"big.toml":     {Data: []byte(big)},
		"dir.toml":     {Mode: fs.ModeDir},
		"fifo.toml":    {Mode: fs.ModeNamedPipe},
		"device.toml":  {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"symlink.toml": {Mode: fs.ModeSymlink},
	}
	if data, err := ReadFile(fsys, "ok.toml"); err != nil || string(data) != "a = 1\n" {
		t.Errorf("ok.toml: %q, %v", data, err)
	}
	if _, err := ReadFile(fsys, "big.toml"); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "big.toml") {
		t.Errorf("big.toml: %v, want a limit error naming the file", err)
	}
	for _, name := range []string{"dir.toml", "fifo.toml", "device.toml", "symlink.toml"} {
		if _, err := ReadFile(fsys, name); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v, want ErrNotRegular naming the file", name, err)
		}
	}
}

// TestReadFileFIFO: a FIFO in a real directory is refused before it is
// opened (opening it would wait for a writer for ever).
func TestReadFileFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := mkfifo(filepath.Join(dir, "x.toml")); err != nil {
		t.Skip(err)
	}
	if _, err := ReadFile(os.DirFS(dir), "x.toml"); !errors.Is(err, ErrNotRegular) {
		t.Errorf("ReadFile(fifo) = %v, want ErrNotRegular", err)
	}
}

func TestReadAllStopsAtLimit(t *testing.T) {
	r := &countingZero{}
	_, err := ReadAll(r)
	if !errors.Is(err, ErrLimit) {
		t.Errorf("ReadAll(zeros) = %v, want a limit error", err)
	}
	if r.n > MaxSize+1 {
		t.Errorf("read %d bytes, want at most %d", r.n, MaxSize+1)
	}
}

// countingZero is /dev/zero, counting what is read.
type countingZero struct{ n int }

func (z *countingZero) Read(p []byte) (int, error) {
	clear(p)
	z.n += len(p)
	return len(p), nil
}

// FuzzDecode: no input crashes the decoder or makes it allocate beyond
// its limits, and where the scanner stops the decoder fails too (the
// scanner never lets through what it did not read).
func FuzzDecode(f *testing.F) {
	f.Add([]byte("a = [1, [2, {b = 3}]]\n[c.d]\ne.f = \"\"\"x\n\"\"\"\n"))
	f.Add([]byte("t = {\n a = 1,\n}\n[[x]]\ny = '''z'''\n"))
	f.Add([]byte(strings.Repeat("[", 40)))
	f.Add([]byte("a = " + strings.Repeat("{b=", 40) + "1" + strings.Repeat("}", 40)))
	for _, name := range []string{"../../testdata/incident.toml", "../../jurisdictions/us-ca.toml", "../../locales/zh.toml"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		_, err := Decode(data, &v)
		stop, serr := scan(data)
		if serr != nil || stop < 0 {
			return
		}
		var m map[string]any
		if _, derr := toml.NewDecoder(bytes.NewReader(data)).Decode(&m); derr == nil {
			t.Errorf("the scanner stops at %d where the decoder reads on; Decode: %v", stop, err)
		}
	})
}
