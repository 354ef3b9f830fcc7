package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestScripts runs testdata/script/*.txt with testscript
// (github.com/rogpeppe/go-internal/testscript): each file is a script
// followed by a txtar archive of files written to $WORK, the script's
// fresh working directory. Besides testscript's own commands (stdout,
// stderr, cmp, exists, rm, ...; `! stdout RE` for no match), a script has:
//
//	bn ARGS...               run the CLI in process (cli), which must exit 0
//	! bn exit=N ARGS...      run it; it must exit with status N (1 or 2)
//
// The status is always exact: `! bn` without exit=N, or exit=N without
// `!`, is an error in the script. The CLI runs in this process, whose
// working directory is not $WORK: paths are $WORK/... for the script's
// files and $REPO/... for the repository's (testdata/, jurisdictions/).
// Patterns are Go regular expressions in multi-line mode; quote them with
// single quotes (inside them, two single quotes stand for one).
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"bn": scriptBN,
		},
	})
}

// scriptBN is the bn command of the scripts (see TestScripts).
func scriptBN(ts *testscript.TestScript, neg bool, args []string) {
	want := 0
	if len(args) > 0 && strings.HasPrefix(args[0], "exit=") {
		n, err := strconv.Atoi(strings.TrimPrefix(args[0], "exit="))
		if err != nil || n < 1 || n > 255 {
			ts.Fatalf("bn: bad %q: want exit=N with N from 1 to 255", args[0])
		}
		want, args = n, args[1:]
	}
	switch {
	case neg && want == 0:
		ts.Fatalf("bn: say which status the command must exit with: ! bn exit=N ...")
	case !neg && want != 0:
		ts.Fatalf("bn: a command that must exit %d is written ! bn exit=%d ...", want, want)
	}
	if got := cli(args, strings.NewReader(""), ts.Stdout(), ts.Stderr()); got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}
