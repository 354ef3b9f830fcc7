package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"
	_ "time/tzdata" // deadlines are computed in each jurisdiction's zone on any machine

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// Exit statuses.
const (
	exitOK       = 0 // done and clean
	exitFindings = 1 // done, with findings or rejected rows
	exitUsage    = 2 // usage error or unreadable input
)

const usage = `breachnotice: tell every affected person, and the right regulators, correctly and on time.

Usage:
  breachnotice <command> [flags]

Commands:
  init        write a commented incident.toml to start from (docs/incident.md)
  import      read and check a customer file, show the mapping (writes no letters)
  letters     write the letters (PDF + email) for an incident and a customer file
  preview     render sample letters per language and jurisdiction, for review before the run
  deadlines   show who must be notified, by when, under which rule
  audit       check a finished output directory
  rules       the jurisdiction rules: list, show ID, check [DIR], explain
  sample      write a synthetic customer sheet for rehearsals and benchmarks

Run "breachnotice <command> --help" for a command's flags and exit statuses,
"breachnotice --version" for the version. Start with "breachnotice init".
` + "\nEXIT STATUS\n" + exitStatusesTop + "\n"

func cli(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	setGC(args[0])
	switch args[0] {
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		return runVersion(stdout)
	case "import":
		return runImport(args[1:], stdout, stderr)
	case "letters":
		return runLetters(args[1:], stdout, stderr)
	case "preview":
		return runPreview(args[1:], stdout, stderr)
	case "deadlines":
		return runDeadlines(args[1:], stdout, stderr)
	case "audit":
		return runAudit(args[1:], stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "sample":
		return runSample(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "breachnotice: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// setGC sets the garbage collector for the command, the one place this
// process-wide setting is made; GOGC (or, for letters, GOMEMLIMIT) in the
// environment overrides it (README, "Performance").
//
// letters renders: each letter allocates 13-22 MB of short-lived memory
// and the run keeps little (the duplicate checks are sorted on disk), so
// collecting at 200% heap growth is a third faster, and a 400 MiB soft
// limit keeps the peak under 500 MB. The other commands keep what they
// read in memory (import its duplicate-check tables, about 85 bytes per
// row; an xlsx's shared-string table; deadlines and rules explain the
// decided persons): collecting when the heap has grown by half, not Go's
// default doubling, keeps peak memory near 1.5 times the live heap.
func setGC(command string) {
	if os.Getenv("GOGC") != "" {
		return
	}
	if command == "letters" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(200)
		debug.SetMemoryLimit(400 << 20)
		return
	}
	debug.SetGCPercent(50)
}

// parseMixed is parse for commands with positional arguments, which may
// come before or after the flags ("rules show US-CA --as-of D"). It
// returns the positional arguments.
func parseMixed(fs *flag.FlagSet, args []string) (pos []string, done bool, status int) {
	for {
		if done, st := parse(fs, args); done {
			return nil, true, st
		}
		if fs.NArg() == 0 {
			return pos, false, 0
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// loadFonts loads the embedded fonts, once per process: they are
// immutable and safe for concurrent use (fonts.Fonts), and loading them
// (inflating the CJK faces) takes a fifth of a second, which the tests,
// running the CLI in process a hundred times, would otherwise pay each
// time.
var loadFonts = sync.OnceValues(fonts.LoadFonts)

// loadRules loads the embedded rules, or those in dir when given.
func loadRules(dir string) (*rules.Set, error) {
	fsys, name := rulesSource(dir)
	return rules.Load(fsys, name)
}

// rulesSource is the rule files --rules names, or the embedded ones.
func rulesSource(dir string) (fs.FS, string) {
	if dir != "" {
		return os.DirFS(dir), filepath.Clean(dir)
	}
	return jurisdictions.FS, "jurisdictions"
}

func loadIncident(path string) (*letters.Incident, error) {
	in, _, err := loadIncidentSource(path)
	return in, err
}

// loadIncidentSource loads the incident file and returns its bytes too.
func loadIncidentSource(path string) (*letters.Incident, []byte, error) {
	if path == "" {
		return nil, nil, errors.New("--incident is required")
	}
	f, err := openInput("incident file", path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var data bytes.Buffer
	in, err := letters.LoadIncident(path, io.TeeReader(f, &data))
	return in, data.Bytes(), err
}

// warnIncident prints the incident's contradictions (letters.Incident.Check)
// to w, prefixed with the command's name.
func warnIncident(w io.Writer, cmd string, in *letters.Incident) {
	cats, err := locales.Load(locales.FS())
	if err != nil {
		return
	}
	for _, x := range in.Check(cats) {
		fmt.Fprintf(w, "%s: warning %s: %s\n", cmd, x.Kind, x)
	}
}

// parseTime reads an RFC 3339 time given to flag.
func parseTime(flag, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, fmt.Errorf("%s %q is not a date and time with its zone offset, such as 2026-11-22T10:00:00+01:00 (RFC 3339)", flag, s)
	}
	return t, nil
}

// parseNow reads --now (RFC 3339); empty means the machine's clock.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Now().Truncate(time.Second), nil
	}
	return parseTime("--now", s)
}

// decided is an incident, its rules and a customer file decided under
// them, for the commands that report on obligations.
type decided struct {
	in  *letters.Incident
	set *rules.Set
	run.Tally
}

// decideRows loads the incident, the rules and the customer file and
// decides every row with the rules in force on asOf (zero: the discovery
// date), calling fn (if not nil) for each row as run.Decide does. It keeps
// nothing per row: the duplicate checks are sorted in a temporary
// directory, removed before it returns.
func decideRows(incident string, cust *customerFlags, rulesDir string, asOf time.Time, fn func(*run.Decided, *customers.Reject) error) (*decided, error) {
	in, err := loadIncident(incident)
	if err != nil {
		return nil, err
	}
	set, err := loadRules(rulesDir)
	if err != nil {
		return nil, err
	}
	opts, err := cust.options()
	if err != nil {
		return nil, err
	}
	cf, err := cust.open()
	if err != nil {
		return nil, err
	}
	defer cf.Close()
	tmp, err := os.MkdirTemp("", "breachnotice-duplicates-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	t, err := run.Decide(run.Config{Incident: in, Rules: set, Customers: cf, Import: opts, AsOf: asOf, TempDir: tmp}, fn)
	if err != nil {
		return nil, err
	}
	return &decided{in: in, set: set, Tally: t}, nil
}

// parseAsOf reads --as-of (YYYY-MM-DD); empty means the discovery date.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("--as-of %q is not a date such as 2025-06-01", s)
	}
	return t, nil
}

const asOfUsage = "evaluate the rules in force on `DATE` (YYYY-MM-DD; default: the incident's discovery date)"
