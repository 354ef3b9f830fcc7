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

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/pdftext"
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

Writes DIR/<profile>-<lang>.pdf and DIR/<profile>-<lang>.eml (DIR created
0700, files 0600) and prints one line per letter: the rule that applies,
the basis (law, precaution, voluntary, or "not required" when the law does
not require this letter and it is rendered for review only), and the pages.

Example:

  breachnotice preview --incident testdata/incident.toml --out preview \
    --categories name,email,password,payment_card
`

var previewFile = regexp.MustCompile(`^(EU|US-CA|US-MA|RU|CN)-(en|it|fr|zh|ru)\.(pdf|eml)$`)

func runPreview(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("preview", previewHelp, stderr)
	incident := fs.String("incident", "", "incident `FILE` (TOML)")
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
	day, err := parseAsOf(*asOf)
	if err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	clock, err := parseNow(*now)
	if err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	in, err := loadIncident(*incident)
	if err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	set, err := loadRules(*rulesDir)
	if err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	if err := in.CheckProfiles(set); err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	cats := in.Incident.DataCategories
	if *categories != "" {
		cats = splitList(*categories)
		for _, c := range cats {
			if !slices.Contains(rules.DataCategories, c) {
				return errorf(stderr, "preview: unknown data category %q (known: %s)", c, strings.Join(rules.DataCategories, ", "))
			}
		}
	}
	profileList, langList := splitList(*profiles), splitList(*langs)
	for _, p := range profileList {
		if !slices.Contains(letters.PreviewProfiles, p) {
			return errorf(stderr, "preview: unknown profile %q (known: %s)", p, strings.Join(letters.PreviewProfiles, ", "))
		}
	}
	catalogs, err := locales.Load(locales.FS())
	if err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	for _, l := range langList {
		if catalogs[l] == nil {
			return errorf(stderr, "preview: unknown language %q (known: en, it, fr, zh, ru)", l)
		}
		if _, err := in.TextFor(l); err != nil {
			return errorf(stderr, "preview: %v", err)
		}
	}
	fonts, err := loadFonts()
	if err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	if err := previewDir(*out); err != nil {
		return errorf(stderr, "preview: %v", err)
	}
	facts := in.Facts()
	facts.AsOf = day
	notRequired := 0
	for _, profile := range profileList {
		for _, lang := range langList {
			r, err := letters.PreviewRecipient(lang, profile, cats)
			if err != nil {
				return errorf(stderr, "preview: %v", err)
			}
			d := set.Decide(facts, rules.Person{Country: r.Country, Region: r.Region, Categories: r.Categories})
			basis := d.Basis
			if !d.Notify {
				basis = "voluntary"
				if !in.Voluntary(d.Jurisdiction.ID) {
					basis = "not required"
					notRequired++
				}
			}
			l, err := letters.Compose(letters.Input{Incident: in, Rules: set, Decision: d, Catalogs: catalogs, Recipient: r,
				Date: clock.In(d.Jurisdiction.Location()), Affected: *affected})
			if err != nil {
				return errorf(stderr, "preview: %s %s: %v", profile, lang, err)
			}
			var pdf, eml bytes.Buffer
			if err := letters.RenderPDF(&pdf, l, fonts, letters.PDFOptions{Created: clock}); err != nil {
				return errorf(stderr, "preview: %s %s: %v", profile, lang, err)
			}
			if err := letters.RenderEmail(&eml, l, pdf.Bytes(), letters.EmailOptions{Date: clock, AttachmentName: in.AttachmentName()}); err != nil {
				return errorf(stderr, "preview: %s %s: %v", profile, lang, err)
			}
			stem := filepath.Join(*out, profile+"-"+lang)
			if err := outbox.WriteAtomic(stem+".pdf", bytes.NewReader(pdf.Bytes())); err != nil {
				return errorf(stderr, "preview: %v", err)
			}
			if err := outbox.WriteAtomic(stem+".eml", &eml); err != nil {
				return errorf(stderr, "preview: %v", err)
			}
			doc, err := pdftext.Parse(pdf.Bytes())
			if err != nil {
				return errorf(stderr, "preview: %s %s: re-reading the PDF: %v", profile, lang, err)
			}
			pages := len(doc.Pages)
			fmt.Fprintf(stdout, "%-6s %s  %-10s %-13s %d %s  %s.pdf\n", profile, lang, d.Jurisdiction.ID, basis, pages, plural(pages, "page", "pages"), stem)
		}
	}
	fmt.Fprintf(stdout, "wrote %d sample letters to %s (invented readers; data: %s)\n", len(profileList)*len(langList), *out, strings.Join(cats, ", "))
	if notRequired > 0 {
		fmt.Fprintf(stdout, "%d of them would not be sent: the law does not require them and the incident does not volunteer them\n", notRequired)
	}
	return exitOK
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
