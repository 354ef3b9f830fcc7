package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/pdf"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

const previewHelp = `Usage: breachnotice preview --incident FILE --out DIR [flags]
       breachnotice letters --preview --incident FILE --out DIR [flags]

Renders sample letters from the incident file alone, no customer file: one
per language (en, it, fr, zh, ru) and jurisdiction profile, so that counsel
can review the wording, the required statements and the layout before the
run. The readers are invented (names, addresses, activation code
SAMPLE-CODE-0000); the text, the rules and the layout are the real ones.

Profiles:
  EU     a GDPR country where the language is at home (an English reader
         in Ireland, an Italian one in Italy, a Chinese one in Italy...)
  US-CA  California: fixed title and five headings, in that order
  US-MA  Massachusetts: no description of the breach; police report and
         security freeze rights
  RU     Russia
  CN     China

A regional variant of a language (locales/<lang>-<REGION>.toml, such as
en-GB for readers in the United Kingdom and Ireland) is used for a reader
in one of the countries it lists: the line printed names the locale the
letter was written from (the EU profile's English reader lives in Ireland).

Writes DIR/<profile>-<lang>.pdf and DIR/<profile>-<lang>.eml (the email as
letters writes it by default, with no attachment; DIR created 0700, files
0600) and prints one line per letter: the rule that applies,
the basis (law, precaution, voluntary, or "not required" when the law does
not require this letter and it is rendered for review only), and the pages.

Example:

  breachnotice preview --incident testdata/incident.toml --out preview \
    --categories name,email,password,payment_card
`

var previewFile = regexp.MustCompile(`^(EU|US-CA|US-MA|RU|CN)-(en|it|fr|zh|ru)\.(pdf|eml)$`)

func runPreview(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("preview", previewHelp, stderr)
	incident := fs.String("incident", "", incidentUsage)
	out := fs.String("out", "", "output `DIR` (created 0700; must be empty or hold an earlier preview)")
	profiles := fs.String("profiles", strings.Join(letters.PreviewProfiles, ","), "comma-separated `LIST` of profiles")
	langs := fs.String("languages", "en,it,fr,zh,ru", "comma-separated `LIST` of letter languages")
	categories := fs.String("categories", "", "comma-separated data categories of the sample reader (default: the incident's data_categories)")
	affected := fs.Int("affected", 0, "number of persons affected, for laws that require the letter to state it (0: not stated)")
	rulesDir := fs.String("rules", "", "jurisdiction rules `DIR` (default: the embedded rules)")
	asOf := fs.String("as-of", "", asOfUsage)
	now := fs.String("now", "", "pin the clock (RFC 3339): the letter date and the PDF and email dates")
	if done, st := parse(fs, args); done {
		return st
	}
	if fs.NArg() > 0 {
		return errorf(stderr, "preview: unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return errorf(stderr, "preview: --incident and --out are required (see --help)")
	}
	pv := &previewRun{out: *out, affected: *affected}
	if err := pv.load(*incident, *rulesDir, *asOf, *now); err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	if err := pv.choose(*categories, *profiles, *langs); err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	if err := previewDir(pv.out); err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	notRequired := 0
	for _, profile := range pv.profiles {
		for _, lang := range pv.langs {
			line, sent, err := pv.write(profile, lang)
			if err != nil {
				return errorf(stderr, "preview: %v", err)
			}
			if !sent {
				notRequired++
			}
			fmt.Fprintln(stdout, line)
		}
	}
	n := len(pv.profiles) * len(pv.langs)
	fmt.Fprintf(stdout, "wrote %d sample %s to %s (invented readers; data: %s)\n", n, plural(n, "letter", "letters"), pv.out, strings.Join(pv.cats, ", "))
	if notRequired > 0 {
		fmt.Fprintf(stdout, "%d of them would not be sent: the law does not require them and the incident does not volunteer them\n", notRequired)
	}
	for _, w := range pv.in.Check(pv.catalogs) {
		fmt.Fprintf(stdout, "warning %s: %s\n", w.Kind, w)
	}
	return exitOK
}

// previewRun is what a preview writes its sample letters with.
type previewRun struct {
	out      string
	affected int
	clock    time.Time
	decider  *run.Decider // the rules on the as-of day
	in       *letters.Incident
	set      *rules.Set
	catalogs locales.Catalogs
	pdf      *pdf.Renderer
	cats     []string // the sample reader's data categories
	profiles []string
	langs    []string
}

// load reads the clock, the incident, the rules, the catalogs and the
// fonts.
func (pv *previewRun) load(incident, rulesDir, asOf, now string) error {
	day, err := parseAsOf(asOf)
	if err != nil {
		return err
	}
	if pv.clock, err = parseNow(now); err != nil {
		return err
	}
	if pv.in, err = loadIncident(incident); err != nil {
		return err
	}
	if pv.set, err = loadRules(rulesDir); err != nil {
		return err
	}
	pv.decider, err = run.NewDecider(pv.in, pv.set, day)
	return err
}

// choose checks the data categories, profiles and languages asked for,
// and loads the catalogs and fonts.
func (pv *previewRun) choose(categories, profiles, langs string) error {
	pv.cats = pv.in.Incident.DataCategories
	if categories != "" {
		pv.cats = splitList(categories)
		for _, c := range pv.cats {
			if !slices.Contains(rules.DataCategories, c) {
				return fmt.Errorf("unknown data category %q (known: %s)", c, strings.Join(rules.DataCategories, ", "))
			}
		}
	}
	pv.profiles, pv.langs = splitList(profiles), splitList(langs)
	for _, p := range pv.profiles {
		if !slices.Contains(letters.PreviewProfiles, p) {
			return fmt.Errorf("unknown profile %q (known: %s)", p, strings.Join(letters.PreviewProfiles, ", "))
		}
	}
	var err error
	if pv.catalogs, err = locales.Load(locales.FS()); err != nil {
		return err
	}
	for _, l := range pv.langs {
		if pv.catalogs[l] == nil {
			return fmt.Errorf("unknown language %q (known: en, it, fr, zh, ru)", l)
		}
		if _, err := pv.in.TextFor(l); err != nil {
			return err
		}
	}
	faces, err := loadFonts()
	if err != nil {
		return err
	}
	pv.pdf = pdf.NewRenderer(faces)
	return nil
}

// write composes, renders and writes the sample letter of one profile in
// one language; it returns the line to print, and whether such a letter
// would be sent.
func (pv *previewRun) write(profile, lang string) (line string, sent bool, err error) {
	r, err := letters.PreviewPerson(lang, profile, pv.cats)
	if err != nil {
		return "", false, err
	}
	x := pv.decider.Decide(r)
	d, basis, sent := x.Decision, x.Basis, x.Letter()
	if !sent {
		basis = "not required"
	}
	l, err := letters.Compose(letters.Input{Incident: pv.in, Rules: pv.set, Decision: d, Catalogs: pv.catalogs, Person: r,
		Date: pv.clock.In(d.Jurisdiction.Location()), Affected: pv.affected})
	if err != nil {
		return "", false, fmt.Errorf("%s %s: %w", profile, lang, err)
	}
	var doc, eml bytes.Buffer
	rendered, err := pv.pdf.Render(&doc, l, pdf.Options{Created: pv.clock})
	if err != nil {
		return "", false, fmt.Errorf("%s %s: %w", profile, lang, err)
	}
	if err := email.Render(&eml, l, doc.Bytes(), email.Options{Date: pv.clock}); err != nil {
		return "", false, fmt.Errorf("%s %s: %w", profile, lang, err)
	}
	stem := filepath.Join(pv.out, profile+"-"+lang)
	if err := outbox.WriteAtomic(stem+".pdf", bytes.NewReader(doc.Bytes())); err != nil {
		return "", false, err
	}
	if err := outbox.WriteAtomic(stem+".eml", &eml); err != nil {
		return "", false, err
	}
	line = fmt.Sprintf("%-6s %s  %-10s %-13s %d %s  %s.pdf", profile, l.Locale, d.Jurisdiction.ID, basis, rendered.Pages, plural(rendered.Pages, "page", "pages"), stem)
	return line, sent, nil
}

// previewDir creates dir (0700) or checks that it holds only an earlier
// preview's files, which are then overwritten.
func previewDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !previewFile.MatchString(e.Name()) {
			return fmt.Errorf("%q holds %q, which is not a preview file: refusing to write into it", dir, e.Name())
		}
	}
	return os.Chmod(dir, 0o700)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
