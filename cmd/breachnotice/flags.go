package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// exitStatusesTop are the exit statuses of the top-level usage.
const exitStatusesTop = `  0  done and clean
  1  done, with findings: rows rejected, an obligation overdue, an audit
     finding, a failed rule case (see each command's --help)
  2  usage error, unreadable input, or the command could not finish`

// exitStatuses are the exit statuses of each command, printed at the end
// of its --help; "" is the top-level usage.
var exitStatuses = map[string]string{
	"": exitStatusesTop,
	"init": `  0  incident file written
  2  usage error, or the file exists already (it is never overwritten)`,
	"import": `  0  every row is usable
  1  done, with rejected rows (listed; --rejects FILE writes them)
  2  usage error or unreadable customer file`,
	"letters": `  0  every row is a letter or "not required"
  1  done, with rejected rows (see rejects.csv)
  2  usage error, unreadable input, or the run could not finish (run it
     again with the same arguments to resume)`,
	"preview": `  0  sample letters written
  2  usage error or unreadable input`,
	"deadlines": `  0  board written, every row used and nothing overdue
  1  board written, but rows were rejected or an obligation is overdue
  2  usage error or unreadable input`,
	"audit": `  0  the output is clean
  1  done, with findings (listed; --evidence packs them)
  2  usage error, or the directory cannot be audited`,
	"rules list": `  0  listed
  2  usage error or unreadable rules`,
	"rules show": `  0  shown
  2  usage error, unknown jurisdiction or unreadable rules`,
	"rules check": `  0  PASS: the rules load and every case passes
  1  FAIL: a rule problem or a failed case
  2  usage error or unreadable rules`,
	"rules explain": `  0  explained
  1  the row was rejected on import: no rule applies to it
  2  usage error, unreadable input or no such row`,
	"sample": `  0  sample written
  2  usage error or the file cannot be written`,
}

// exitStatusText is the "EXIT STATUS" block of a command's --help.
func exitStatusText(command string) string {
	text, ok := exitStatuses[command]
	if !ok {
		text = exitStatuses[""]
	}
	return "\nEXIT STATUS\n" + text + "\n"
}

// newFlags makes a flag set whose --help prints the command's text, its
// flags and the command's exit statuses.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), synopsis)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprint(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
		fmt.Fprint(fs.Output(), exitStatusText(name))
	}
	return fs
}

// parse parses flags; it returns (done, status): done when the caller
// should return status at once (help or a usage error). A bad flag is
// reported in three lines, not the whole help: the error, the flag it
// may be a typo of, and where the help is.
func parse(fs *flag.FlagSet, args []string) (bool, int) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case err == nil:
		return false, 0
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return true, exitOK
	}
	fmt.Fprintf(out, "breachnotice %s: %v\n", fs.Name(), err)
	if name, ok := unknownFlag(err); ok {
		if near := nearestFlag(fs, name); near != "" {
			fmt.Fprintf(out, "did you mean --%s?\n", near)
		}
	}
	fmt.Fprintf(out, "see breachnotice %s --help\n", fs.Name())
	return true, exitUsage
}

// unknownFlag is the flag an error of flag.FlagSet.Parse says is not
// defined.
func unknownFlag(err error) (string, bool) {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	return strings.TrimLeft(name, "-"), ok
}

// nearestFlag is the flag of fs closest to name in edit distance, if it
// is close enough to be a typo: at most a third of its length away (and
// at least 1), or name is a prefix of it.
func nearestFlag(fs *flag.FlagSet, name string) string {
	name = strings.ToLower(name)
	best, bestD := "", max(1, len(name)/3)+1
	fs.VisitAll(func(f *flag.Flag) {
		d := editDistance(name, f.Name)
		if len(name) >= 3 && strings.HasPrefix(f.Name, name) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = f.Name, d
		}
	})
	return best
}

// editDistance is the Damerau-Levenshtein distance (optimal string
// alignment) between a and b, in bytes: a swapped pair of letters, the
// commonest typo, counts one.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
