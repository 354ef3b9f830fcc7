package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters/board"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/rules"
)

const deadlinesHelp = `Usage: breachnotice deadlines --incident FILE --customers FILE [flags]

Shows the deadline board: per jurisdiction and obligation, who must be
notified (individuals, a regulator, the consumer reporting agencies, the
media, the police...), by when and under which rule. Persons are counted from
the customer file, so thresholds such as "more than 500 residents" are
decided from the rows themselves; only counts are shown, never a person.

Each due time is computed in the jurisdiction's own time zone and shown there
and in yours (--tz), with the time left until it from --now. Where the law
sets no fixed period ("without undue delay", "immediately") no due time is
computed: the board says "no fixed deadline" and quotes the statute. A
company target (--policy-days) is shown as "policy, not law".

Formats (--format):
  table  for the terminal (default): a compact table, then numbered notes
         with each authority, rule, statute, threshold and citation
  json   an array of objects, one per obligation (due times in RFC 3339, the
         jurisdiction's zone, UTC and yours; null where there is none)
  csv    one row per obligation with a header row, for a spreadsheet (see
         "CSV files" below)
  xlsx   an Excel workbook: sheets "By due time" and "By jurisdiction"; due
         times, clock starts and policy targets as real date cells, all
         in your zone (named in the column titles, "Due (Europe/Rome)"),
         so they sort right; the due time in the jurisdiction's zone
         beside them as text; values kept as written (no apostrophe);
         prints fit to one landscape A4 page wide, the header on every
         page, the columns up to the policy target
  pdf    one A4 landscape page for the incident room: a timeline of every
         obligation with a "now" line, and the table under it (beyond about
         20 obligations the table sits beside the timeline; beyond about 45
         the rest is counted on the page and left to the xlsx)
Every format lists the obligations in the same numbered order: those owed
with a due time, earliest first; then those with no fixed deadline; then
those not owed (threshold not met, not required).
table, json and csv go to stdout unless --out FILE is given; xlsx and pdf
need --out FILE (--out - writes them to stdout). Files are written 0600.

` + csvHelp + `
Statuses, relative to --now:
  overdue            the due time has passed
  due within 24h     due in the next 24 hours
  on track           due later than that
  no fixed deadline  the law sets no period: act without delay
  threshold not met  fewer persons than the rule's threshold: not owed
  not required       the rule's condition (e.g. high risk) does not hold

The board is written even when rows are rejected or an obligation is
overdue; the exit status is then 1, with a line on stderr saying why.

Example (the shipped sample, from a clone of the repository; exits 1: it has
6 rejected rows on purpose):
  breachnotice deadlines --incident testdata/incident.toml \
    --customers testdata/customers.xlsx --tz Europe/Rome --format pdf --out board.pdf
`

func runDeadlines(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("deadlines", deadlinesHelp, stderr)
	incident := fs.String("incident", "", incidentUsage)
	cf := addCustomerFlags(fs)
	rulesDir := fs.String("rules", "", "jurisdiction rules `DIR` (default: the embedded rules)")
	asOf := fs.String("as-of", "", asOfUsage)
	now := fs.String("now", "", "pin the clock to `TIME` (RFC 3339) for the status and time left of each deadline (default: the machine's clock)")
	format := fs.String("format", "table", "output `FORMAT`: table, json, csv, xlsx or pdf")
	out := fs.String("out", "", "write to `FILE` (0600) instead of stdout; needed for xlsx and pdf (\"-\": stdout)")
	tz := fs.String("tz", "", "your time `ZONE` (IANA name such as Europe/Rome) for due times and the clock (default: the machine's zone)")
	delimiter := addCSVDelimiterFlag(fs)
	policy := fs.Int("policy-days", 0, "company policy target: `N` calendar days after discovery, shown where the law sets no fixed deadline (labelled policy, not law)")
	if done, st := parse(fs, args); done {
		return st
	}
	if !slices.Contains(board.Formats(), *format) {
		return errorf(stderr, "deadlines: unknown --format %q: want table or json, or a file format: csv, xlsx or pdf", *format)
	}
	if board.Binary(*format) && *out == "" {
		return errorf(stderr, "deadlines: --format %s is a binary file: give --out FILE (or --out - for stdout)", *format)
	}
	if cf.path == "" {
		return errorf(stderr, "deadlines: --incident and --customers are required (see --help)")
	}
	zone, err := userZone(*tz)
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	day, err := parseAsOf(*asOf)
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	clock, err := parseNow(*now)
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	comma, err := csvDelimiter(*delimiter)
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	if *policy < 0 {
		return errorf(stderr, "deadlines: --policy-days %d: want a number of days, 1 or more", *policy)
	}
	dr, err := decideRows(*incident, cf, *rulesDir, day, nil)
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	// The clocks start at the incident's dates: a contradiction in them
	// is worth seeing next to the board.
	warnIncident(stderr, "deadlines", dr.in)
	if s := ignoredColumns(dr.Stats.IgnoredColumns()); s != "" {
		fmt.Fprintf(stderr, "deadlines: warning: %s\n", s)
	}
	set := dr.set
	b := &board.Board{
		IncidentID:   dr.in.Incident.ID,
		Organization: dr.in.Organization.LegalName,
		Discovered:   dr.Facts.DiscoveredAt,
		Now:          clock,
		Zone:         zone,
		ZoneOf: func(id string) *time.Location {
			if j, ok := set.Get(id); ok {
				return j.Location()
			}
			return nil
		},
		Deadlines: set.Deadlines(dr.Facts, dr.Counts, clock, *policy),
		Conflicts: dr.Conflicts.List(),
		Languages: dr.Languages.List(),
		Fallbacks: dr.Fallbacks,
		CSVComma:  comma,
	}

	var buf bytes.Buffer
	switch *format {
	case board.FormatTable:
		err = b.WriteTable(&buf)
	case board.FormatJSON:
		err = b.WriteJSON(&buf)
	case board.FormatCSV:
		err = b.WriteCSV(&buf)
	case board.FormatXLSX:
		err = b.WriteXLSX(&buf)
	case board.FormatPDF:
		var faces *fonts.Fonts
		if faces, err = loadFonts(); err == nil {
			hint := "see the xlsx (deadlines --format xlsx)"
			err = b.WritePDF(&buf, faces, board.PDFOptions{MoreHint: hint})
		}
	}
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	if *out == "" || *out == "-" {
		if _, err := stdout.Write(buf.Bytes()); err != nil {
			return errorf(stderr, "deadlines: %v", err)
		}
		return deadlinesStatus(stderr, cf.path, dr.Stats.Rejects, b.Deadlines)
	}
	if err := outbox.WriteAtomic(*out, &buf); err != nil {
		return errorf(stderr, "deadlines: writing %q: %v", *out, err)
	}
	fmt.Fprintf(stdout, "wrote %s (%s, %d obligations)\n", *out, *format, len(b.Deadlines))
	return deadlinesStatus(stderr, cf.path, dr.Stats.Rejects, b.Deadlines)
}

// deadlinesStatus is the exit status of a board: exitFindings, with a
// line on stderr for each reason, when rows were rejected (the persons
// counted may be too few) or an obligation is overdue.
func deadlinesStatus(stderr io.Writer, file string, rejects int, ds []rules.Deadline) int {
	status := exitOK
	if rejects > 0 {
		fmt.Fprintf(stderr, "deadlines: %d %s of %s rejected and not counted (see breachnotice import --customers %s --dry-run)\n",
			rejects, plural(rejects, "row", "rows"), file, file)
		status = exitFindings
	}
	overdue := 0
	for _, d := range ds {
		if d.Status == rules.StatusOverdue {
			overdue++
		}
	}
	if overdue > 0 {
		fmt.Fprintf(stderr, "deadlines: %d %s overdue\n", overdue, plural(overdue, "obligation", "obligations"))
		status = exitFindings
	}
	return status
}

// userZone is the zone --tz names, or the machine's zone by its IANA name
// when it can be found ($TZ, /etc/localtime), else time.Local.
func userZone(name string) (*time.Location, error) {
	if name != "" {
		z, err := time.LoadLocation(name)
		if err != nil {
			return nil, fmt.Errorf("--tz %q is not a time zone name such as Europe/Rome or America/New_York", name)
		}
		return z, nil
	}
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		if z, err := time.LoadLocation(tz); err == nil {
			return z, nil
		}
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, after, ok := strings.Cut(filepath.ToSlash(target), "zoneinfo/"); ok {
			if z, err := time.LoadLocation(after); err == nil {
				return z, nil
			}
		}
	}
	return time.Local, nil
}
