package rules

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadLimits: a rule or case file over a limit of tomllimit, or not a
// regular file, is a problem with its file and line, among the others;
// the decoder never sees it.
func TestLoadLimits(t *testing.T) {
	fsys := fstest.MapFS{
		"deep.toml":   {Data: []byte("id = \"XX\"\n[" + strings.Repeat("k.", 100_000) + "k]\n")},
		"inline.toml": {Data: []byte("a = " + strings.Repeat("{b = ", 500_000) + "\n")},
		"big.toml":    {Data: []byte(strings.Repeat("# padding\n", 500_000))},
		"pipe.toml":   {Mode: fs.ModeNamedPipe},
	}
	want := []string{
		"jur/big.toml:419431: rules: the file is larger than 4 MiB",
		"jur/deep.toml:2: rules: nesting deeper than 16",
		"jur/inline.toml:1: rules: nesting deeper than 16",
		"jur/pipe.toml: rules: not a regular file (a directory, device or pipe)",
	}
	for _, load := range []func() error{
		func() error { _, err := Load(fsys, "jur"); return err },
		func() error { _, err := LoadCases(fsys, "jur"); return err },
	} {
		err := load()
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("err = %v, want ErrInvalid", err)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("err does not say %q:\n%v", w, err)
			}
		}
	}
}
