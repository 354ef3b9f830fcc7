package main

import (
	"fmt"
	"io"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

const auditHelp = `Usage: breachnotice audit DIR

Re-reads a finished output directory and checks it: every file in the
manifest exists and has the recorded sha256; every PDF parses, has every font
embedded and carries the letter's reference; every email parses, has the
required headers, a text and an HTML part and the PDF attached unchanged; no
file is outside the manifest; rows = letters + rejects + not required.
Prints one line per finding, naming the file.
`

func runAudit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("audit", auditHelp, stderr)
	if done, st := parse(fs, args); done {
		return st
	}
	if fs.NArg() != 1 {
		return errorf(stderr, "audit: want exactly one output directory (see --help)")
	}
	dir := fs.Arg(0)
	findings, err := outbox.Audit(dir)
	if err != nil {
		return errorf(stderr, "audit: %v", err)
	}
	for _, f := range findings {
		fmt.Fprintln(stdout, f.String())
	}
	if len(findings) > 0 {
		fmt.Fprintf(stdout, "audit: %s: %d findings\n", dir, len(findings))
		return exitFindings
	}
	fmt.Fprintf(stdout, "audit: %s: clean\n", dir)
	return exitOK
}
