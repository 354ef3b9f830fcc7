// Package batch runs the whole job: read the customer file, decide for
// each person under the rules, compose and render the letters, and write
// the output directory with its manifest, rejects and summary.
package batch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/recipients"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// Config is one run.
type Config struct {
	Incident  *letters.Incident
	Rules     *rules.Set
	Catalogs  locales.Catalogs
	Fonts     *letters.Fonts
	Customers io.Reader
	Import    recipients.Options
	// OutPath is the output directory. Run creates it only after every
	// row is read and decided and every letter language has its text, so
	// a run that cannot start leaves a previous output untouched.
	OutPath string
	Now     time.Time // the run's clock: letter dates, PDF dates, email Date
	// AsOf evaluates the rules in force on that day; zero means the
	// incident's discovery date.
	AsOf time.Time
	// Progress, if set, is called after each row.
	Progress func(done int)
	// IncidentSource is the incident file as read, copied into the output
	// (outbox.IncidentFile); RulesFingerprint identifies the rule files
	// (rules.Fingerprint). Both are recorded in the summary.
	IncidentSource   []byte
	RulesFingerprint string
}

// Person is a read row with the rules' decision for it.
type Person struct {
	P        recipients.Person
	Decision rules.Decision
}

// Decide reads every row and decides for each person; it returns the
// persons, the rejects and the import statistics. It writes nothing.
func Decide(cfg Config) ([]Person, []recipients.Reject, recipients.Stats, error) {
	var persons []Person
	var rejects []recipients.Reject
	facts := cfg.Incident.Facts()
	facts.AsOf = cfg.AsOf
	if err := cfg.Incident.CheckProfiles(cfg.Rules); err != nil {
		return nil, nil, recipients.Stats{}, err
	}
	stats, err := recipients.Read(cfg.Customers, cfg.Import, func(p *recipients.Person, rej *recipients.Reject) error {
		if rej != nil {
			rejects = append(rejects, *rej)
			return nil
		}
		cats := p.DataCategories
		if len(cats) == 0 {
			cats = cfg.Incident.Incident.DataCategories
		}
		d := cfg.Rules.Decide(facts, rules.Person{Country: p.Country, Region: p.Region, Categories: cats})
		persons = append(persons, Person{P: *p, Decision: d})
		return nil
	})
	if err != nil {
		return nil, nil, stats, err
	}
	return persons, rejects, stats, nil
}

// Counts returns the persons for whom the breach is notifiable, per
// jurisdiction (the thresholds of the rules count these).
func Counts(persons []Person) rules.Counts {
	c := rules.Counts{}
	for _, p := range persons {
		c.Add(p.Decision)
	}
	return c
}

// Run does the whole job and returns the summary it wrote.
func Run(cfg Config) (outbox.Summary, error) {
	persons, rejects, stats, err := Decide(cfg)
	if err != nil {
		return outbox.Summary{}, err
	}
	for _, p := range persons {
		if !p.Decision.Notify && !cfg.Incident.Voluntary(p.Decision.Jurisdiction.ID) {
			continue
		}
		lang := letters.ChooseLanguage(p.P.Language, p.Decision.Jurisdiction)
		if _, err := cfg.Incident.TextFor(lang); err != nil {
			return outbox.Summary{}, fmt.Errorf("batch: %w (first needed for row %d)", err, p.P.Row)
		}
	}
	out, err := outbox.Create(cfg.OutPath)
	if err != nil {
		return outbox.Summary{}, err
	}
	sum := outbox.Summary{
		Incident:        cfg.Incident.Incident.ID,
		GeneratedAt:     cfg.Now.Format(time.RFC3339),
		Customers:       path.Base(cfg.Import.Name),
		Rows:            stats.Rows,
		Rejects:         len(rejects),
		ByJurisdiction:  map[string]int{},
		ByLanguage:      map[string]int{},
		ByBasis:         map[string]int{},
		RejectedReasons: map[string]int{},
		NotRequiredWhy:  []outbox.NotNotified{},
		Import: outbox.Import{Format: stats.Format, Sheet: stats.Sheet, Encoding: stats.Encoding, Delimiter: stats.Delimiter,
			HeaderRow: stats.HeaderRow, SkippedAbove: append([]int{}, stats.SkippedAbove...),
			Rows: stats.Rows, Persons: stats.Persons, Rejects: stats.Rejects},
		RulesSHA256: cfg.RulesFingerprint,
		Notifiable:  Counts(persons),
	}
	if cfg.IncidentSource != nil {
		if sum.IncidentSHA256, err = out.Write(outbox.IncidentFile, cfg.IncidentSource); err != nil {
			return sum, err
		}
	}
	var rejectRows [][]string
	for _, r := range rejects {
		rejectRows = append(rejectRows, []string{strconv.Itoa(r.Row), r.CustomerID, r.Column, r.Reason})
		sum.RejectedReasons[reasonClass(r.Reason)]++
	}
	var entries []outbox.Entry
	var notRows [][]string
	for i, p := range persons {
		if cfg.Progress != nil {
			cfg.Progress(i + 1)
		}
		d := p.Decision
		basis := d.Basis
		if !d.Notify {
			if !cfg.Incident.Voluntary(d.Jurisdiction.ID) {
				nn := outbox.NotNotified{Row: p.P.Row, CustomerID: p.P.CustomerID, Jurisdiction: d.Jurisdiction.ID, Reason: d.Reason}
				sum.NotRequiredWhy = append(sum.NotRequiredWhy, nn)
				notRows = append(notRows, []string{strconv.Itoa(nn.Row), nn.CustomerID, nn.Jurisdiction, nn.Reason})
				continue
			}
			basis = "voluntary"
		}
		e, err := writeLetter(cfg, out, p, basis, len(persons))
		if errors.Is(err, letters.ErrAddressTooLong) {
			// One unprintable address must not stop the run: the person
			// becomes a reject, with the reason, like a bad row.
			rejectRows = append(rejectRows, []string{strconv.Itoa(p.P.Row), p.P.CustomerID, "address",
				"the postal address does not fit the envelope window even at the smallest type size: shorten it at the source (no letter written)"})
			sum.RejectedReasons["address too long for the envelope window"]++
			sum.Rejects++
			sum.Unprintable++
			continue
		}
		if err != nil {
			return sum, fmt.Errorf("batch: row %d, customer %q: %w", p.P.Row, p.P.CustomerID, err)
		}
		entries = append(entries, e)
		sum.ByJurisdiction[d.Jurisdiction.ID]++
		sum.ByLanguage[e.Language]++
		sum.ByBasis[basis]++
		sum.Replaced += e.Replaced
		if e.EML != "" {
			sum.Emails++
		}
	}
	sum.Letters = len(entries)
	sum.NotRequired = len(sum.NotRequiredWhy)
	if !sum.Balanced() {
		return sum, fmt.Errorf("batch: rows %d != letters %d + rejects %d + not required %d", sum.Rows, sum.Letters, sum.Rejects, sum.NotRequired)
	}
	sort.SliceStable(rejectRows, func(i, j int) bool {
		a, _ := strconv.Atoi(rejectRows[i][0])
		b, _ := strconv.Atoi(rejectRows[j][0])
		return a < b
	})
	if err := out.WriteCSV(outbox.RejectsFile, []string{"row", "customer_id", "column", "reason"}, rejectRows); err != nil {
		return sum, err
	}
	if err := out.WriteCSV(outbox.NotNotifiedFile, []string{"row", "customer_id", "jurisdiction", "reason"}, notRows); err != nil {
		return sum, err
	}
	if err := out.WriteJSONLines(outbox.ManifestFile, entries); err != nil {
		return sum, err
	}
	// The summary is written last: its presence marks a finished run.
	if err := out.WriteJSON(outbox.SummaryFile, sum); err != nil {
		return sum, err
	}
	return sum, nil
}

// writeLetter composes, renders and writes one person's letter; affected is
// the number of persons the incident affected (for laws that require it).
func writeLetter(cfg Config, out *outbox.Dir, p Person, basis string, affected int) (outbox.Entry, error) {
	d := p.Decision
	r := letters.Recipient{
		Row: p.P.Row, CustomerID: p.P.CustomerID, Name: p.P.FullName, Email: p.P.Email,
		Street: p.P.Street, PostalCode: p.P.PostalCode, City: p.P.City, Region: p.P.Region,
		Country: p.P.Country, Language: p.P.Language, Categories: p.P.DataCategories,
		ActivationCode: p.P.ActivationCode,
	}
	if p.P.EnrollBy != "" {
		// recipients.Read guarantees YYYY-MM-DD.
		if t, err := time.Parse(time.DateOnly, p.P.EnrollBy); err == nil {
			r.EnrollBy = t
		}
	}
	date := cfg.Now.In(d.Jurisdiction.Location())
	l, err := letters.Compose(letters.Input{Incident: cfg.Incident, Rules: cfg.Rules, Decision: d, Catalogs: cfg.Catalogs, Recipient: r, Date: date, Affected: affected})
	if err != nil {
		return outbox.Entry{}, err
	}
	var pdf bytes.Buffer
	if err := letters.RenderPDF(&pdf, l, cfg.Fonts, letters.PDFOptions{Created: cfg.Now}); err != nil {
		return outbox.Entry{}, err
	}
	stem := outbox.FileStem(p.P.Row, p.P.CustomerID)
	e := outbox.Entry{
		CustomerID: p.P.CustomerID, Row: p.P.Row, Jurisdictions: d.IDs(), Language: l.Lang, Basis: basis,
		PDF: outbox.PDFDir + "/" + stem + ".pdf", Replaced: l.Replaced, ContentKeys: slices.Clone(l.ContentKeys), MinFontSize: l.MinFont,
		ContentFrom: d.ContentFrom(),
	}
	sort.Strings(e.ContentKeys)
	if e.PDFSHA256, err = out.Write(e.PDF, pdf.Bytes()); err != nil {
		return e, err
	}
	if r.Email == "" {
		return e, nil
	}
	var eml bytes.Buffer
	if err := letters.RenderEmail(&eml, l, pdf.Bytes(), letters.EmailOptions{Date: cfg.Now, AttachmentName: cfg.Incident.AttachmentName()}); err != nil {
		return e, err
	}
	e.EML = outbox.EmailDir + "/" + stem + ".eml"
	if e.EMLSHA256, err = out.Write(e.EML, eml.Bytes()); err != nil {
		return e, err
	}
	return e, nil
}

// reasonClass shortens a reject reason to its kind, for counting
// ("unknown country \"Atlantis\"" -> "unknown country").
func reasonClass(reason string) string {
	for i, c := range reason {
		if c == '"' || c == '(' || c == ':' {
			return strings.TrimSpace(reason[:i])
		}
	}
	return reason
}
