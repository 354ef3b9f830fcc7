package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// incidentTemplate is the incident file init writes: every key, commented,
// the required values "TODO ..." placeholders (letters.Placeholder).
//
//go:embed init/incident.toml
var incidentTemplate []byte

const initHelp = `Usage: breachnotice init [FILE]

Writes a commented incident file to start from (FILE, default incident.toml;
0600): every key of an incident file, with what it means and an example.
The values you must give start with "TODO"; the other commands refuse the
file while one is left, and name them. An existing file is never
overwritten. docs/incident.md explains every key and data category.

Then:
  breachnotice letters --preview --incident incident.toml --out preview
  breachnotice deadlines --incident incident.toml --customers customers.xlsx
  breachnotice letters --incident incident.toml --customers customers.xlsx --out out
`

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", initHelp, stderr)
	pos, done, st := parseMixed(fs, args)
	if done {
		return st
	}
	if len(pos) > 1 {
		return errorf(stderr, "init: unexpected argument %q", pos[1])
	}
	path := "incident.toml"
	if len(pos) == 1 {
		path = pos[0]
	}
	if err := writeNew(path, incidentTemplate); err != nil {
		return errorf(stderr, "init: %v", err)
	}
	fmt.Fprintf(stdout, "wrote %s: replace the values that start with TODO (see docs/incident.md), then run\n  breachnotice letters --preview --incident %s --out preview\n", path, path)
	return exitOK
}

// writeNew writes data to a new file at path, 0600; it refuses a path that
// exists.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists already: it is not overwritten (remove it, or give another file name)", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// incidentUsage is the --incident flag's help, in every command.
const incidentUsage = "incident `FILE` (TOML; every key is explained in docs/incident.md; \"breachnotice init\" writes one to start from)"
