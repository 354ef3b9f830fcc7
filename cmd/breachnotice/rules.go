package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/breachnotice/breachnotice/rules"
)

const rulesHelp = `Usage: breachnotice rules list [--rules DIR]
       breachnotice rules show ID [--rules DIR]

list: every jurisdiction with its status, confidence, review date and citation.
show: one jurisdiction resolved with its parents: triggers, obligations with
their clocks and citations, required and forbidden content.
`

func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "list" && args[0] != "show") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprint(stdout, rulesHelp)
			return exitOK
		}
		fmt.Fprint(stderr, rulesHelp)
		return exitUsage
	}
	fs := newFlags("rules "+args[0], rulesHelp, stderr)
	dir := fs.String("rules", "", "jurisdiction rules `DIR` (default: the embedded rules)")
	sub := args[0]
	if done, st := parse(fs, args[1:]); done {
		return st
	}
	set, err := loadRules(*dir)
	if err != nil {
		return errorf(stderr, "rules: %v", err)
	}
	if sub == "list" {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tCONFIDENCE\tREVIEWED\tCITATION")
		for _, j := range set.All() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", j.ID, j.Name, j.Status, j.Confidence, j.Reviewed.Format("2006-01-02"), j.Citation)
		}
		tw.Flush()
		return exitOK
	}
	if fs.NArg() != 1 {
		return errorf(stderr, "rules show: want one jurisdiction id, e.g. rules show US-CA")
	}
	j, ok := set.Get(fs.Arg(0))
	if !ok {
		return errorf(stderr, "rules show: unknown jurisdiction %q (see rules list)", fs.Arg(0))
	}
	showRule(stdout, set, j)
	return exitOK
}

func showRule(w io.Writer, set *rules.Set, j *rules.Jurisdiction) {
	var chain []string
	for _, p := range set.Chain(j) {
		chain = append(chain, p.ID)
	}
	fmt.Fprintf(w, "%s — %s\n", j.ID, j.Name)
	fmt.Fprintf(w, "  chain:      %s\n", strings.Join(chain, " → "))
	fmt.Fprintf(w, "  citation:   %s\n", j.Citation)
	for _, u := range j.SourceURLs {
		fmt.Fprintf(w, "  source:     %s\n", u)
	}
	fmt.Fprintf(w, "  reviewed:   %s   status: %s   confidence: %s   time zone: %s\n", j.Reviewed.Format("2006-01-02"), j.Status, j.Confidence, j.Timezone)
	if t, owner := set.Triggers(j); t != nil {
		fmt.Fprintf(w, "  triggers (%s, %s):", owner.ID, t.Citation)
		if t.AnyPersonalData {
			fmt.Fprint(w, " any personal data")
		}
		for _, c := range t.Combinations {
			fmt.Fprintf(w, " [%s]", strings.Join(c, "+"))
		}
		if t.EncryptionSafeHarbor {
			fmt.Fprint(w, "; encryption safe harbour unless the key was compromised")
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "  triggers:   none encoded (persons here are notified as a precaution)")
	}
	c := set.Content(j)
	fmt.Fprintf(w, "  required:   %s\n", strings.Join(c.Required, ", "))
	if len(c.Forbidden) > 0 {
		fmt.Fprintf(w, "  forbidden:  %s\n", strings.Join(c.Forbidden, ", "))
	}
	if c.MinFontSize > 0 {
		fmt.Fprintf(w, "  min type:   %v pt\n", c.MinFontSize)
	}
	fmt.Fprintln(w, "  obligations:")
	for _, o := range set.Obligations(j) {
		ob := o.Obligation
		auth := ob.Authority
		if auth == "" {
			auth = "affected persons"
		}
		clock := "no fixed deadline"
		if ob.Clock.Fixed() {
			clock = fmt.Sprintf("%d %s from %s", ob.Clock.Amount, ob.Clock.Unit, ob.Clock.Anchor)
		}
		fmt.Fprintf(w, "    - %s: %s (from %s)\n", ob.Recipient, auth, o.Jurisdiction.ID)
		fmt.Fprintf(w, "      when:  %s — %q\n", clock, ob.Clock.Words)
		if ob.MinAffected > 0 {
			fmt.Fprintf(w, "      only if at least %d persons are affected\n", ob.MinAffected)
		}
		if ob.Condition != "" {
			fmt.Fprintf(w, "      condition: %s\n", ob.Condition)
		}
		fmt.Fprintf(w, "      law:   %s\n", ob.Citation)
	}
	if j.Notes != "" {
		fmt.Fprintf(w, "  notes:\n    %s\n", strings.ReplaceAll(strings.TrimSpace(j.Notes), "\n", "\n    "))
	}
}
