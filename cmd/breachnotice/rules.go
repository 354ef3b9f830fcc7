package main

import (
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

const rulesHelp = `Usage: breachnotice rules list [--rules DIR]
       breachnotice rules show ID [--rules DIR] [--as-of DATE]
       breachnotice rules check [DIR] [--cases DIR]
       breachnotice rules explain --incident FILE --customers FILE --row N [--as-of DATE]

list:    every jurisdiction with its status, confidence, review date and citation.
show:    one jurisdiction resolved with its parents: triggers, obligations with
         their clocks and citations, required and forbidden content.
check:   validate the rule files in DIR (default: the embedded rules), check
         that every content key they use has text in every letter language,
         then run the case files (DIR/cases/*.toml, or --cases DIR):
         PASS or FAIL per case and a "PASS: n/m" summary. Exit 1 on any failure.
explain: why each obligation applies, or not, to the person of one row: the
         trigger that matched, the residents counted from the rows, the clock's
         start and arithmetic, and the citation.
`

func runRules(args []string, stdout, stderr io.Writer) int {
	subs := []string{"list", "show", "check", "explain"}
	if len(args) == 0 || !slices.Contains(subs, args[0]) {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprint(stdout, rulesHelp)
			return exitOK
		}
		if len(args) > 0 {
			fmt.Fprintf(stderr, "breachnotice: rules: unknown subcommand %q\n\n", args[0])
		}
		fmt.Fprint(stderr, rulesHelp)
		return exitUsage
	}
	switch args[0] {
	case "check":
		return runRulesCheck(args[1:], stdout, stderr)
	case "explain":
		return runRulesExplain(args[1:], stdout, stderr)
	}
	fs := newFlags("rules "+args[0], rulesHelp, stderr)
	dir := fs.String("rules", "", "jurisdiction rules `DIR` (default: the embedded rules)")
	asOf := fs.String("as-of", "", "show the obligations in force on `DATE` (YYYY-MM-DD; default: all, with their dates)")
	sub := args[0]
	pos, done, st := parseMixed(fs, args[1:])
	if done {
		return st
	}
	set, err := loadRules(*dir)
	if err != nil {
		return errorf(stderr, "rules: %v", err)
	}
	day, err := parseAsOf(*asOf)
	if err != nil {
		return errorf(stderr, "rules: %v", err)
	}
	if sub == "list" {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tCONFIDENCE\tREVIEWED\tCITATION\tSOURCE")
		for _, j := range set.All() {
			src := ""
			if len(j.SourceURLs) > 0 {
				src = j.SourceURLs[0]
			}
			status := j.Status
			if j.Profile != "" {
				status += " (profile " + j.Profile + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", j.ID, j.Name, status, j.Confidence, j.Reviewed.Format("2006-01-02"), j.Citation, src)
		}
		tw.Flush()
		return exitOK
	}
	if len(pos) != 1 {
		return errorf(stderr, "rules show: want one jurisdiction id, e.g. rules show US-CA")
	}
	j, ok := set.Get(pos[0])
	if !ok {
		return errorf(stderr, "rules show: unknown jurisdiction %q (see rules list)", pos[0])
	}
	showRule(stdout, set, j, day)
	return exitOK
}

func runRulesCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("rules check", rulesHelp, stderr)
	casesDir := fs.String("cases", "", "case files `DIR` (default: DIR/cases, or the embedded cases)")
	pos, done, st := parseMixed(fs, args)
	if done {
		return st
	}
	if len(pos) > 1 {
		return errorf(stderr, "rules check: want at most one rules DIR")
	}
	dir := ""
	if len(pos) == 1 {
		dir = pos[0]
	}
	set, err := loadRules(dir)
	if err != nil {
		var verr *rules.ValidationError
		if errors.As(err, &verr) {
			fmt.Fprintln(stdout, err)
			fmt.Fprintf(stdout, "FAIL: %d problems in the rule files\n", len(verr.Problems))
			return exitFindings
		}
		return errorf(stderr, "rules check: %v", err)
	}
	fmt.Fprintf(stdout, "rules: %d files valid\n", len(set.All()))
	cats, err := locales.Load(locales.FS())
	if err != nil {
		return errorf(stderr, "rules check: %v", err)
	}
	failed := 0
	for _, p := range letters.MissingContentText(set, cats) {
		fmt.Fprintf(stdout, "FAIL  content text: %s\n", p)
		failed++
	}
	var cfs iofs.FS
	cname := ""
	switch {
	case *casesDir != "":
		cfs, cname = os.DirFS(*casesDir), filepath.Clean(*casesDir)
	case dir != "":
		cname = filepath.Join(filepath.Clean(dir), "cases")
		cfs = os.DirFS(cname)
	default:
		cfs, cname = jurisdictions.Cases(), "jurisdictions/cases"
	}
	cases, err := rules.LoadCases(cfs, cname)
	if err != nil {
		fmt.Fprintln(stdout, err)
		fmt.Fprintln(stdout, "FAIL: the case files are invalid")
		return exitFindings
	}
	if len(cases) == 0 {
		fmt.Fprintf(stdout, "FAIL: no case files in %s\n", cname)
		return exitFindings
	}
	pass := 0
	for _, c := range cases {
		fails := c.Run(set)
		base := filepath.Base(c.File)
		if len(fails) == 0 {
			pass++
			fmt.Fprintf(stdout, "PASS  %s  %s\n", base, c.Name)
		} else {
			fmt.Fprintf(stdout, "FAIL  %s  %s\n", base, c.Name)
			for _, f := range fails {
				fmt.Fprintf(stdout, "        %s\n", f)
			}
		}
	}
	uncovered := rules.Uncovered(set, cases)
	if len(uncovered) > 0 {
		fmt.Fprintf(stdout, "FAIL  coverage: no case reaches %s\n", strings.Join(uncovered, ", "))
		failed++
	}
	fmt.Fprintf(stdout, "PASS: %d/%d\n", pass, len(cases))
	if pass != len(cases) || failed > 0 {
		return exitFindings
	}
	return exitOK
}

func showRule(w io.Writer, set *rules.Set, j *rules.Jurisdiction, day time.Time) {
	var chain []string
	for _, p := range set.Chain(j) {
		chain = append(chain, p.ID)
	}
	fmt.Fprintf(w, "%s — %s\n", j.ID, j.Name)
	fmt.Fprintf(w, "  chain:      %s\n", strings.Join(chain, " → "))
	if j.Profile != "" {
		fmt.Fprintf(w, "  profile:    %s (opt-in: applies when the incident lists it in incident.profiles)\n", j.Profile)
	}
	fmt.Fprintf(w, "  citation:   %s\n", j.Citation)
	for _, u := range j.SourceURLs {
		fmt.Fprintf(w, "  source:     %s\n", u)
	}
	fmt.Fprintf(w, "  reviewed:   %s   status: %s   confidence: %s   time zone: %s\n", j.Reviewed.Format("2006-01-02"), j.Status, j.Confidence, j.Timezone)
	if !j.EffectiveFrom.IsZero() || !j.EffectiveTo.IsZero() {
		fmt.Fprintf(w, "  in force:   %s\n", period(j.EffectiveFrom, j.EffectiveTo))
	}
	showTriggers(w, set, j)
	showContent(w, set.Content(j))
	showObligations(w, set, j, day)
	if h := j.Holidays; h != nil {
		fmt.Fprintf(w, "  holidays:   %d dates (%s)\n", len(h.Dates), h.Citation)
	}
	if j.Notes != "" {
		fmt.Fprintf(w, "  notes:\n    %s\n", strings.ReplaceAll(strings.TrimSpace(j.Notes), "\n", "\n    "))
	}
}

// showTriggers prints when a breach is notifiable under j.
func showTriggers(w io.Writer, set *rules.Set, j *rules.Jurisdiction) {
	if t, owner := set.Triggers(j); t != nil {
		fmt.Fprintf(w, "  triggers (%s, %s):", owner.ID, t.Citation)
		if t.AnyPersonalData {
			fmt.Fprint(w, " any personal data")
		}
		for _, c := range t.Combinations {
			fmt.Fprintf(w, " [%s]", strings.Join(c, "+"))
		}
		for _, a := range t.Added {
			fmt.Fprintf(w, "; in force %s (%s):", period(a.EffectiveFrom, a.EffectiveTo), a.Citation)
			for _, c := range a.Combinations {
				fmt.Fprintf(w, " [%s]", strings.Join(c, "+"))
			}
		}
		if t.EncryptionSafeHarbor {
			fmt.Fprint(w, "; encryption safe harbour unless the key was compromised")
		}
		if t.RiskOfHarm {
			fmt.Fprintf(w, "; no notice if no likelihood of harm: %q", t.HarmWords)
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "  triggers:   none encoded (persons here are notified as a precaution)")
	}
}

// showContent prints what a letter under a rule must and must not say.
func showContent(w io.Writer, c rules.Content) {
	fmt.Fprintf(w, "  required:   %s\n", strings.Join(c.Required, ", "))
	for _, cond := range c.When {
		fmt.Fprintf(w, "  data-bound: %s\n", cond)
	}
	for _, l := range c.Languages {
		fmt.Fprintf(w, "  language:   letters in %s (%s); a letter in another language is a finding\n", strings.Join(l.Required, " or "), l.Citation)
	}
	if len(c.Forbidden) > 0 {
		fmt.Fprintf(w, "  forbidden:  %s", strings.Join(c.Forbidden, ", "))
		if c.ForbiddenWins {
			fmt.Fprint(w, " (prevails over other laws' requirements)")
		}
		fmt.Fprintln(w)
	}
	if len(c.Advised) > 0 {
		fmt.Fprintf(w, "  advised:    %s (good practice, not law)\n", strings.Join(c.Advised, ", "))
	}
	for _, cond := range c.AdvisedWhen {
		fmt.Fprintf(w, "  advised if: %s\n", cond)
	}
	if len(c.Headings) > 0 {
		fmt.Fprintf(w, "  headings:   %s\n", strings.Join(c.Headings, ", "))
	}
	if c.MinFontSize > 0 {
		fmt.Fprintf(w, "  min type:   %v pt\n", c.MinFontSize)
	}
	if len(c.Channels) > 0 {
		fmt.Fprintf(w, "  channels:   %s\n", strings.Join(c.Channels, ", "))
	}
	if c.SubstituteWords != "" {
		fmt.Fprintf(w, "  substitute: %s\n", c.SubstituteWords)
	}
	if c.Citation != "" {
		fmt.Fprintf(w, "  content law: %s\n", c.Citation)
	}
}

// showObligations prints who must be told under j on day, by when.
func showObligations(w io.Writer, set *rules.Set, j *rules.Jurisdiction, day time.Time) {
	fmt.Fprintln(w, "  obligations:")
	for _, o := range set.ObligationsOn(j, day) {
		ob := o.Obligation
		auth := ob.Authority
		if auth == "" {
			auth = "affected persons"
		}
		fmt.Fprintf(w, "    - %s: %s (from %s)\n", ob.Recipient, auth, o.Jurisdiction.ID)
		if ob.Contact != "" {
			fmt.Fprintf(w, "      contact: %s\n", ob.Contact)
		}
		fmt.Fprintf(w, "      when:  %s — %q\n", clockWords(ob.Clock), ob.Clock.Words)
		if f := ob.Followup; f != nil {
			fmt.Fprintf(w, "      then:  %s — %q\n", clockWords(*f), f.Words)
		}
		if ob.MinAffected > 0 {
			per := ""
			if ob.PerSubdivision {
				per = " in one state"
			}
			switch ob.MinAffectedCounts {
			case rules.CountAllNotified:
				per = " notified in all, wherever they live,"
			case rules.CountAllAffected:
				per = " in all, wherever they live,"
			}
			fmt.Fprintf(w, "      only if at least %d persons%s are affected\n", ob.MinAffected, per)
		}
		if ob.Condition != "" {
			fmt.Fprintf(w, "      condition: %s\n", ob.Condition)
		}
		if !ob.EffectiveFrom.IsZero() || !ob.EffectiveTo.IsZero() {
			fmt.Fprintf(w, "      in force: %s\n", period(ob.EffectiveFrom, ob.EffectiveTo))
		}
		fmt.Fprintf(w, "      law:   %s\n", ob.Citation)
		if ob.Note != "" {
			fmt.Fprintf(w, "      note:  %s\n", ob.Note)
		}
	}
}

func clockWords(c rules.Clock) string {
	if len(c.EarliestOf) > 0 {
		var alts []string
		for _, a := range c.EarliestOf {
			alts = append(alts, clockWords(a)+" ("+a.Words+")")
		}
		return "whichever is first of: " + strings.Join(alts, "; or ")
	}
	if !c.Fixed() && c.Anchor == rules.IndividualsNotified {
		return "at the moment the individuals are notified"
	}
	if !c.Fixed() {
		return fmt.Sprintf("no fixed deadline (counted from %s)", c.Anchor)
	}
	return fmt.Sprintf("%d %s from %s", c.Amount, c.Unit, c.Anchor)
}

func period(from, to time.Time) string {
	f, t := "…", "…"
	if !from.IsZero() {
		f = from.Format(time.DateOnly)
	}
	if !to.IsZero() {
		t = to.Format(time.DateOnly)
	}
	return f + " to " + t
}
