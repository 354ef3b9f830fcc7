package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/breachnotice/breachnotice/letters/batch"
	"github.com/breachnotice/breachnotice/rules"
)

const deadlinesHelp = `Usage: breachnotice deadlines --incident FILE --customers FILE [flags]

Shows, per jurisdiction and obligation, who must be notified, by when and
under which rule. Persons are counted from the customer file, so thresholds
such as "more than 500 residents" are decided from the rows themselves. Due
times are in each jurisdiction's own time zone; where the law sets no fixed
period the due time is empty (null in JSON) and the statute's words are shown.
A company target (--policy-days) is shown as policy, never as law.
`

// deadlineJSON is one element of "deadlines --format json".
type deadlineJSON struct {
	Jurisdiction string   `json:"jurisdiction"`
	Scope        string   `json:"scope,omitempty"`
	Obligation   string   `json:"obligation"`
	Stage        string   `json:"stage"`
	Authority    string   `json:"authority"`
	Contact      string   `json:"contact,omitempty"`
	TimeZone     string   `json:"time_zone"`
	Anchor       *string  `json:"clock_start"`
	Due          *string  `json:"due"`
	DueUTC       *string  `json:"due_utc"`
	Rule         string   `json:"rule"`
	Words        string   `json:"statutory_words"`
	Affected     int      `json:"affected"`
	Threshold    int      `json:"threshold,omitempty"`
	ThresholdMet bool     `json:"threshold_met"`
	Status       string   `json:"status"`
	PolicyDue    *string  `json:"policy_due,omitempty"`
	Citation     string   `json:"citation"`
	Sources      []string `json:"source_urls"`
}

func runDeadlines(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("deadlines", deadlinesHelp, stderr)
	incident := fs.String("incident", "", "incident `FILE` (TOML)")
	cf := addCustomerFlags(fs)
	rulesDir := fs.String("rules", "", "jurisdiction rules `DIR` (default: the embedded rules)")
	asOf := fs.String("as-of", "", asOfUsage)
	now := fs.String("now", "", "pin the clock (RFC 3339) for the status of each deadline")
	format := fs.String("format", "table", "output `FORMAT`: table or json")
	policy := fs.Int("policy-days", 0, "company policy target: `N` calendar days after discovery, shown where the law sets no fixed deadline")
	if done, st := parse(fs, args); done {
		return st
	}
	if *format != "table" && *format != "json" {
		return errorf(stderr, "deadlines: --format %q: want table or json", *format)
	}
	if cf.path == "" {
		return errorf(stderr, "deadlines: --incident and --customers are required (see --help)")
	}
	day, err := parseAsOf(*asOf)
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	clock, err := parseNow(*now)
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	run, err := decideRows(*incident, cf, *rulesDir, day)
	if err != nil {
		return errorf(stderr, "deadlines: %v", err)
	}
	set := run.set
	ds := set.Deadlines(run.facts, batch.Counts(run.persons), clock, *policy)
	if *format == "json" {
		out := make([]deadlineJSON, 0, len(ds))
		for _, d := range ds {
			out = append(out, toJSON(set, d))
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return errorf(stderr, "deadlines: %v", err)
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "JURISDICTION\tNOTIFY\tSTAGE\tAUTHORITY\tPERSONS\tDUE (LOCAL)\tSTATUS\tRULE\tCITATION")
	for _, d := range ds {
		due := "—"
		if d.Due != nil {
			due = d.Due.Format("2006-01-02 15:04 MST")
		} else if d.Policy != nil {
			due = "policy: " + d.Policy.Format("2006-01-02")
		}
		auth := d.Obligation.Authority
		if auth == "" {
			auth = "affected persons"
		}
		where := d.Jurisdiction
		if d.Scope != "" {
			where += " (" + d.Scope + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", where, d.Obligation.Recipient, d.Stage, auth, d.Affected, due, d.Status, d.Rule, d.Obligation.Citation)
	}
	tw.Flush()
	return exitOK
}

func toJSON(set *rules.Set, d rules.Deadline) deadlineJSON {
	j := deadlineJSON{
		Jurisdiction: d.Jurisdiction, Obligation: string(d.Obligation.Recipient), Authority: d.Obligation.Authority,
		Scope: d.Scope, Stage: d.Stage, Contact: d.Obligation.Contact,
		Rule: d.Rule, Words: d.Clock().Words, Affected: d.Affected, Threshold: d.Obligation.MinAffected,
		ThresholdMet: d.ThresholdMet, Status: d.Status, Citation: d.Obligation.Citation, Sources: d.Obligation.SourceURLs,
	}
	if j.Authority == "" {
		j.Authority = "affected persons"
	}
	if where, ok := set.Get(d.Jurisdiction); ok {
		j.TimeZone = where.Location().String()
	}
	if d.Due != nil {
		s, u := d.Due.Format(time.RFC3339), d.Due.UTC().Format(time.RFC3339)
		j.Due, j.DueUTC = &s, &u
	}
	if d.Anchor != nil {
		s := d.Anchor.Format(time.RFC3339)
		j.Anchor = &s
	}
	if d.Policy != nil {
		s := d.Policy.Format(time.RFC3339) + " (company policy, not law)"
		j.PolicyDue = &s
	}
	return j
}
