package run

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/memo"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// BasisVoluntary is the basis of a letter that the law does not require
// and the incident's voluntary_notice asks for.
const BasisVoluntary = "voluntary"

// Decided is a person of the customer file with the rules' decision for
// them: who is owed what.
type Decided struct {
	Person   customers.Person
	Decision rules.Decision
	// Basis is why a letter goes to the person: rules.BasisLaw,
	// rules.BasisPrecaution or BasisVoluntary; "" when none goes (the
	// person is listed as not notified).
	Basis string
}

// Letter reports whether a letter goes to the person.
func (d *Decided) Letter() bool { return d.Basis != "" }

// Tally is what deciding a whole customer file tells.
type Tally struct {
	// Facts are the facts the rules were applied to: the incident's, with
	// the rules in force on Config.AsOf.
	Facts rules.Facts
	// Counts are the persons notifiable per jurisdiction (the thresholds
	// of the rules count these).
	Counts rules.Counts
	// Conflicts are the conflicts between laws reaching one person, with
	// the persons each concerns (those open need counsel's decision).
	Conflicts rules.ConflictTally
	// Languages are the letters not in a language a law requires (no
	// catalog for it, or the person's own language chosen), per law.
	Languages rules.LanguageTally
	// Fallbacks count the letters not in the customer's language, which
	// has no catalog (requested → written), by the letter's jurisdiction.
	Fallbacks map[string][]outbox.LanguageFallback

	// Categories are the disagreements between the rows' data categories
	// and the incident's (letters.Incident.Reconcile), over the whole file.
	Categories letters.CategoryTally
	Stats      customers.Stats
}

// hasCatalog reports whether letters can be written in lang.
func hasCatalog(lang string) bool { return locales.Match(lang) == lang }

// ErrNoTempDir is returned by Decide without a Config.TempDir.
var ErrNoTempDir = errors.New("run: no directory for the duplicate checks (Config.TempDir)")

// Decide reads the customer file and decides for every person, calling
// fn (if not nil) once per row in file order with exactly one of the
// decided person or the row's reject non-nil; fn's arguments are valid
// only during the call. Like Run, it keeps nothing per row in memory: the
// duplicate checks are found first (customers.FindDuplicates, whose
// temporary files go in Config.TempDir, which is required and which Decide
// leaves as it found it). Decide uses the Incident, Rules, Customers, Import, AsOf and TempDir
// of cfg, and writes nothing else.
func Decide(cfg Config, fn func(*Decided, *customers.Reject) error) (Tally, error) {
	if cfg.TempDir == "" {
		return Tally{}, ErrNoTempDir
	}
	d, err := NewDecider(cfg.Incident, cfg.Rules, cfg.AsOf)
	if err != nil {
		return Tally{}, err
	}
	rs, err := seekable(cfg.Customers)
	if err != nil {
		return Tally{}, err
	}
	opts, dups, err := findDuplicates(rs, cfg.Import, cfg.TempDir)
	if err != nil {
		return Tally{}, err
	}
	defer dups.Remove()
	return d.tally(rs, opts, fn)
}

// Decider decides who is owed what: the rules in force on one day applied
// to each person of an incident. It is the one decide step of every pass
// over a customer file, and of the previews.
type Decider struct {
	incident *letters.Incident
	rules    *rules.Set
	facts    rules.Facts
	// decisions remembers the rules' decision per subject (place and
	// data categories): a customer file has few of them, and each row is
	// decided twice, in the count and as its letter is written.
	decisions *memo.Map[string, rules.Decision]
}

// NewDecider checks the incident's profiles against the rules and sets up
// the facts: the incident's, with the rules in force on asOf (zero: the
// discovery date).
func NewDecider(in *letters.Incident, set *rules.Set, asOf time.Time) (*Decider, error) {
	if err := in.CheckProfiles(set); err != nil {
		return nil, err
	}
	if err := in.CheckAuthorities(set); err != nil {
		return nil, err
	}
	facts := in.Facts()
	facts.AsOf = asOf
	return &Decider{incident: in, rules: set, facts: facts, decisions: &memo.Map[string, rules.Decision]{Max: 1024}}, nil
}

// Facts are the facts the rules are applied to.
func (d *Decider) Facts() rules.Facts { return d.facts }

// Decide decides for one person. Persons of the same subject (place and
// data categories) share their decision's slices and pointers: a
// Decision is read, never changed.
func (d *Decider) Decide(p customers.Person) Decided {
	s := d.incident.Subject(p)
	dec := d.decisions.Get(subjectKey(s), func(string) rules.Decision { return d.rules.Decide(d.facts, s) })
	basis := dec.Basis
	if !dec.Notify {
		basis = ""
		if d.incident.Voluntary(dec.Jurisdiction.ID) {
			basis = BasisVoluntary
		}
	}
	return Decided{Person: p, Decision: dec, Basis: basis}
}

// subjectKey identifies a subject: what the rules decide on.
func subjectKey(s rules.Subject) string {
	return s.Country + "\x00" + s.Region + "\x00" + strings.Join(s.Categories, "\x00")
}

// each reads the rows of r and calls fn with each person decided, or with
// the row's reject.
func (d *Decider) each(r io.Reader, opts customers.Options, fn func(*Decided, *customers.Reject) error) (customers.Stats, error) {
	return customers.Read(r, opts, func(p *customers.Person, rej *customers.Reject) error {
		if rej != nil {
			return fn(nil, rej)
		}
		x := d.Decide(*p)
		return fn(&x, nil)
	})
}

// tally is each, counting the persons notifiable per jurisdiction; fn may
// be nil.
func (d *Decider) tally(r io.Reader, opts customers.Options, fn func(*Decided, *customers.Reject) error) (Tally, error) {
	t := Tally{Facts: d.facts, Counts: rules.Counts{}, Conflicts: rules.ConflictTally{}, Languages: rules.LanguageTally{}, Fallbacks: map[string][]outbox.LanguageFallback{}}
	var err error
	t.Stats, err = d.each(r, opts, func(x *Decided, rej *customers.Reject) error {
		if x != nil {
			t.Counts.Add(x.Decision)
			t.Conflicts.Add(x.Decision)
			_, ws := d.incident.Reconcile(x.Person)
			t.Categories.Add(ws...)
			if x.Letter() {
				lang := letters.ChooseLanguage(x.Person.Language, x.Decision.Jurisdiction)
				t.Languages.Add(x.Decision.Content, lang, hasCatalog)
				if req := letters.FallbackFrom(x.Person.Language); req != "" && x.Decision.Jurisdiction != nil {
					id := x.Decision.Jurisdiction.ID
					t.Fallbacks[id] = outbox.AddFallback(t.Fallbacks[id], req, lang)
				}
			}
		}
		if fn == nil {
			return nil
		}
		return fn(x, rej)
	})
	return t, err
}

// findDuplicates is the first pass: it decides the duplicate checks on
// disk, in dir, so that the passes after it keep no key per row in memory,
// and rewinds rs. It returns opts with the duplicate checks; the caller
// removes them.
func findDuplicates(rs io.ReadSeeker, opts customers.Options, dir string) (customers.Options, *customers.Duplicates, error) {
	dups, err := customers.FindDuplicates(rs, opts, dir)
	if err != nil {
		return opts, nil, err
	}
	if err := rewind(rs); err != nil {
		dups.Remove()
		return opts, nil, err
	}
	opts.Duplicates = dups
	return opts, dups, nil
}

// seekable returns r if it can seek, else its content read into memory:
// the passes read the file more than once.
func seekable(r io.Reader) (io.ReadSeeker, error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		return rs, nil
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("run: %w", err)
	}
	return bytes.NewReader(data), nil
}

// rewind seeks rs back to its start, for the next pass.
func rewind(rs io.ReadSeeker) error {
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	return nil
}
