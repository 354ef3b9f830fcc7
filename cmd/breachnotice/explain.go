package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/rules"
)

// runRulesExplain prints why each obligation applies, or not, to one row.
// It prints no personal data: the row number, the customer id, the place
// and the data categories only.
func runRulesExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("rules explain", rulesHelp, stderr)
	incident := fs.String("incident", "", incidentUsage)
	cf := addCustomerFlags(fs)
	row := fs.Int("row", 0, "the spreadsheet row `N` to explain (as the spreadsheet shows it; the header is row 1)")
	rulesDir := fs.String("rules", "", "jurisdiction rules `DIR` (default: the embedded rules)")
	asOf := fs.String("as-of", "", asOfUsage)
	now := fs.String("now", "", "pin the clock (RFC 3339) for the status of each deadline")
	if done, st := parse(fs, args); done {
		return st
	}
	if *incident == "" || cf.path == "" || *row <= 0 {
		return errorf(stderr, "rules explain: --incident, --customers and --row N are required (see --help)")
	}
	day, err := parseAsOf(*asOf)
	if err != nil {
		return errorf(stderr, "rules explain: %v", err)
	}
	clock, err := parseNow(*now)
	if err != nil {
		return errorf(stderr, "rules explain: %v", err)
	}
	// Only the row asked for is kept, with the counts of the whole file.
	var (
		x   *run.Decided
		rej *customers.Reject
	)
	dr, err := decideRows(*incident, cf, *rulesDir, day, func(d *run.Decided, r *customers.Reject) error {
		switch {
		case r != nil && r.Row == *row:
			rej = new(*r)
		case d != nil && d.Person.Row == *row:
			x = new(*d)
		}
		return nil
	})
	if err != nil {
		return errorf(stderr, "rules explain: %v", err)
	}
	if s := ignoredColumns(dr.Stats.IgnoredColumns()); s != "" {
		fmt.Fprintf(stdout, "Warning: %s\n", s)
	}
	if rej != nil {
		fmt.Fprintf(stdout, "Row %d was rejected on import, so no rule applies to it: %s\n", rej.Row, rej.Error())
		return exitFindings
	}
	if x == nil {
		return errorf(stderr, "rules explain: %s has no row %d (data rows are 2 to %d)", cf.path, *row, dr.Stats.Rows+1)
	}
	explainDecision(stdout, dr, x, !day.IsZero())
	explainObligations(stdout, dr, x.Decision, clock)
	return exitOK
}

// explainDecision prints the row's place and data, the rules in force and
// the decision with the content it requires. asOf says whether --as-of
// was given.
func explainDecision(w io.Writer, dr *decided, x *run.Decided, asOf bool) {
	in, facts, p, d := dr.in, dr.Facts, &x.Person, x.Decision
	cats := in.Categories(p.DataCategories)
	from := "as listed in this row"
	if len(p.DataCategories) == 0 {
		from = "the row names none, so the incident's list applies"
	}
	place := p.Country
	if p.Region != "" {
		place += ", region " + p.Region
	}
	switch {
	case p.RegionFrom == customers.RegionFromPostalCode:
		place += " (the file gives none: taken from the postal code)"
	case p.PostalCodeRegion != "":
		place += fmt.Sprintf(" (as the file gives it; the postal code points to %s)", p.PostalCodeRegion)
	}
	fmt.Fprintf(w, "Row %d, customer %q: %s\n", p.Row, p.CustomerID, place)
	fmt.Fprintf(w, "Data involved: %s (%s)\n", strings.Join(cats, ", "), from)
	_, ws := in.Reconcile(*p)
	var tally letters.CategoryTally
	tally.Add(ws...)
	for _, c := range tally.List() {
		fmt.Fprintf(w, "  warning %s: %s\n", c.Kind, c)
	}
	asOfWords := "the discovery date"
	if asOf {
		asOfWords = "--as-of"
	}
	fmt.Fprintf(w, "Rules in force on %s (%s)\n", facts.Day().Format(time.DateOnly), asOfWords)
	if len(facts.Profiles) > 0 {
		fmt.Fprintf(w, "Overlay profiles selected by the incident: %s\n", strings.Join(facts.Profiles, ", "))
	}
	fmt.Fprintf(w, "\nJurisdiction: %s (%s), chain %s\n", d.Jurisdiction.ID, d.Jurisdiction.Name, strings.Join(d.IDs(), " → "))
	if d.Jurisdiction.Fallback {
		fmt.Fprintln(w, "  No rule file matches this country: the fallback is not law, and the person is notified as a precaution.")
	}
	if ests := facts.EstablishmentList(); len(ests) > 0 {
		fmt.Fprintf(w, "Organization: %s, established in %s (main first)\n", strings.ReplaceAll(facts.OrgType(), "_", " "), strings.Join(ests, ", "))
	}
	fmt.Fprintln(w, "Laws reaching this person (residence, establishment, targeting, overlays):")
	for _, a := range d.Applied {
		kind := a.Kind
		if kind == rules.KindOverlay {
			kind += " " + a.Jurisdiction.Profile
		}
		verdict := "not triggered"
		if a.Triggered {
			verdict = "triggered by " + a.Trigger
		}
		fmt.Fprintf(w, "  %s (%s): %s\n", a.Jurisdiction.ID, kind, verdict)
		for _, why := range a.Why {
			fmt.Fprintf(w, "    applies: %s\n", why)
		}
		if len(a.Why) == 0 {
			fmt.Fprintln(w, "    does not apply:")
		}
		fmt.Fprintf(w, "    %s\n", a.Reason)
	}
	switch {
	case x.Basis == run.BasisVoluntary:
		fmt.Fprintf(w, "\nDecision: the law does not require a letter, but the incident's voluntary_notice includes %s: a letter goes (basis: voluntary).\n", d.Jurisdiction.ID)
	case x.Letter():
		fmt.Fprintf(w, "\nDecision: a letter goes to this person (basis: %s).\n", x.Basis)
	default:
		fmt.Fprintln(w, "\nDecision: no letter to this person (listed in not_notified.csv with the reason above).")
	}
	c := d.Content
	fmt.Fprintf(w, "Letter content required: %s\n", strings.Join(c.Required, ", "))
	for _, u := range c.Unmet {
		fmt.Fprintf(w, "Letter content not required for this person's data: %s\n", u)
	}
	if len(c.Forbidden) > 0 {
		fmt.Fprintf(w, "Letter content forbidden: %s\n", strings.Join(c.Forbidden, ", "))
	}
	if len(c.Advised) > 0 {
		fmt.Fprintf(w, "Letter content advised (good practice, not law): %s\n", strings.Join(c.Advised, ", "))
	}
	if c.MinFontSize > 0 {
		fmt.Fprintf(w, "Minimum type size: %v pt\n", c.MinFontSize)
	}
	for _, cf := range d.Conflicts {
		fmt.Fprintf(w, "Conflict: %s\n", cf)
		if cf.Open() {
			fmt.Fprintf(w, "  record counsel's decision in the incident file: [[decision]] conflict = %q resolve = \"omit\" or \"include\" by = \"...\"\n", cf.ID())
		}
	}

}

// explainObligations prints the obligations that concern the decision's
// jurisdictions, with the persons counted from the whole file.
func explainObligations(w io.Writer, dr *decided, d rules.Decision, clock time.Time) {
	counts := dr.Counts
	all := dr.set.Deadlines(dr.Facts, counts, clock, 0)
	mine := dr.set.Concerning(d, all)
	fmt.Fprintf(w, "\nObligations (%d notifiable residents of %s counted from the rows; persons reached through the establishment are counted under the law that reaches them):\n", counts[d.Jurisdiction.ID], d.Jurisdiction.ID)
	if len(mine) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, dl := range mine {
		explainDeadline(w, dl)
	}
}

func explainDeadline(w io.Writer, dl rules.Deadline) {
	ob := dl.Obligation
	who := ob.Authority
	if who == "" {
		who = "the affected persons"
	}
	where := dl.Jurisdiction
	if dl.Scope != "" {
		where += " for residents of " + dl.Scope
	}
	stage := ""
	if ob.Followup != nil {
		stage = ", " + dl.Stage + " stage"
	}
	fmt.Fprintf(w, "  - %s%s: %s (%s)\n", ob.Recipient, stage, who, where)
	if dl.Jurisdiction != dl.Defined {
		fmt.Fprintf(w, "      rule defined in %s\n", dl.Defined)
	}
	for _, why := range dl.Why {
		fmt.Fprintf(w, "      why: %s\n", why)
	}
	if ob.MinAffected > 0 {
		met := "met"
		if !dl.ThresholdMet {
			met = "not met"
		}
		fmt.Fprintf(w, "      threshold: at least %d persons; %d counted: %s\n", ob.MinAffected, dl.Affected, met)
	}
	c := dl.Clock()
	const layout = "Mon 2006-01-02 15:04 MST (-07:00)"
	switch {
	case dl.Status == rules.StatusNotRequired:
		fmt.Fprintf(w, "      not required: %s\n", dl.Rule)
	case dl.Due != nil && dl.Anchor != nil && !dl.Due.Equal(*dl.Anchor):
		fmt.Fprintf(w, "      clock: %s + %d %s = %s\n", dl.Anchor.Format(layout), c.Amount, strings.ReplaceAll(string(c.Unit), "_", " "), dl.Due.Format(layout))
		fmt.Fprintf(w, "      (%s)\n", dl.Rule)
	case dl.Due != nil:
		fmt.Fprintf(w, "      due: %s (%s)\n", dl.Due.Format(layout), dl.Rule)
	default:
		fmt.Fprintf(w, "      %s\n", dl.Rule)
	}
	if dl.Status != rules.StatusNotRequired {
		fmt.Fprintf(w, "      statute's words: %q\n", c.Words)
		fmt.Fprintf(w, "      status: %s\n", dl.Status)
	}
	fmt.Fprintf(w, "      law: %s\n", ob.Citation)
	for _, u := range ob.SourceURLs {
		fmt.Fprintf(w, "      source: %s\n", u)
	}
}
