// Package run runs the whole job: read the customer file, decide for
// each person under the rules, compose and render the letters, and write
// the output directory with its manifest, rejects and summary.
package run

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/pdf"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// Config is one run.
type Config struct {
	Incident  *letters.Incident
	Rules     *rules.Set
	Catalogs  locales.Catalogs
	Fonts     *fonts.Fonts
	Customers io.Reader
	Import    customers.Options
	// OutPath is the output directory. Run locks it first (creating it
	// if need be: removed again if the run cannot start) and changes what
	// it holds only after every row is read and decided and every letter
	// language has its text, so a run that cannot start leaves a previous
	// output untouched. A finished run there is refused
	// (outbox.ErrFinished) unless Replace is set.
	OutPath string
	// Replace deletes the run in OutPath, finished or not and made with
	// any arguments, before writing (outbox.Clear): only the files it
	// wrote; a directory with others is refused.
	Replace bool
	Now     time.Time // the run's clock: letter dates, PDF dates, email Date
	// AsOf evaluates the rules in force on that day; zero means the
	// incident's discovery date.
	AsOf time.Time
	// Progress, if set, is called as the first two passes read the
	// customer file and after each row of the third pass.
	Progress func(Progress)
	// Workers is the number of letters rendered at once (default: the
	// number of CPUs).
	Workers int
	// Shard limits the run to one shard of the persons (zero: all).
	Shard Shard
	// ClockUnpinned says Now is the machine's clock, not a pinned time: a
	// resumed run then keeps the interrupted run's clock.
	ClockUnpinned bool
	// IncidentSource is the incident file as read, copied into the output
	// (outbox.IncidentFile); RulesFingerprint identifies the rule files
	// (rules.Fingerprint). Both are recorded in the summary.
	IncidentSource   []byte
	RulesFingerprint string
	// AttachPDF attaches each letter's PDF to its email (recorded in
	// run.json and the summary: a run resumes only with the same choice).
	AttachPDF bool
	// TempDir holds the sorted keys of the duplicate checks while the run
	// reads the file (customers.FindDuplicates); "" is a hidden directory
	// next to OutPath (".NAME.duplicates"), removed at the end. Decide,
	// which has no output, needs it.
	TempDir string
	// CSVDelimiter separates the cells of rejects.csv and not_notified.csv
	// (0: ','; outbox.ParseDelimiter). It is not part of outbox.Run: a
	// resumed run writes both files anew, so it may change on resuming.
	CSVDelimiter rune
	// Tool is the version of the program, recorded in the summary (not in
	// run.json: a rebuilt program resumes the run).
	Tool string
}

// ErrNoRows is returned for a customer file with a header and no rows
// below it: there is nothing to write, and a previous output is left as it
// was.
var ErrNoRows = errors.New("no customer rows below the header: nothing to write (wrong file or sheet?)")

// Shard selects one of N parts of the persons: those whose customer id
// hashes to K-1 modulo N (1 ≤ K ≤ N), by the first 8 bytes of its SHA-256,
// so every machine computes the same split. A row rejected without a
// customer id is placed by its row number. The zero Shard is the whole
// file.
type Shard struct{ K, N int }

// ParseShard reads "K/N".
func ParseShard(s string) (Shard, error) {
	var sh Shard
	k, n, ok := strings.Cut(s, "/")
	var err1, err2 error
	sh.K, err1 = strconv.Atoi(strings.TrimSpace(k))
	sh.N, err2 = strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || sh.N < 1 || sh.K < 1 || sh.K > sh.N {
		return Shard{}, fmt.Errorf("run: shard %q: want K/N with 1 <= K <= N, such as 2/8", s)
	}
	return sh, nil
}

func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Holds reports whether the shard holds the row with this customer id (or
// this row number, when the id is empty).
func (s Shard) Holds(customerID string, row int) bool {
	if s.N <= 1 {
		return true
	}
	key := customerID
	if key == "" {
		key = "row:" + strconv.Itoa(row)
	}
	h := sha256.Sum256([]byte(key))
	return binary.BigEndian.Uint64(h[:8])%uint64(s.N) == uint64(s.K-1)
}

// Progress is reported as the run goes: while the first two passes read
// the customer file (Pass 1 and 2: how much of it is read), then while
// letters are written (Pass 3: the rows).
type Progress struct {
	Pass       int   // 1: duplicate checks, 2: count, 3: letters
	Read, Size int64 // passes 1 and 2: bytes of the customer file read, of Size (0: unknown)
	Rows       int   // rows of this run (its shard) done
	TotalRows  int   // rows of this run (its shard), known from the count (second pass)
	Letters    int   // letters written or kept
	Rejects    int   // rows rejected
	Kept       int   // letters kept from an interrupted run
}

// job is one run under way: its Config, which the run never changes, and
// what the run derives from it.
type job struct {
	cfg     Config
	decider *Decider
	// opts are cfg.Import with the duplicate checks found by the first
	// pass.
	opts customers.Options
	// fonts are cfg.Fonts cut to the characters of the run (nil without
	// fonts); renderer writes the letters' PDFs in them.
	fonts    *fonts.Fonts
	renderer *pdf.Renderer
	// now is the run's clock: cfg.Now, or the interrupted run's when it
	// resumes one.
	now     time.Time
	out     *outbox.Prepared
	workers int
	// affected is the number of persons of the whole file, for laws that
	// require the letter to state it.
	affected int
}

// Run does the whole job and returns the summary it wrote. It reads the
// customer file three times, keeping no person and no key per row in
// memory: a first pass decides the duplicate checks on disk
// (customers.FindDuplicates), a second counts (thresholds are decided on
// the whole file), a third streams the rows through a bounded pool of
// workers that compose, render and store the letters, while the manifest
// is appended in file order. The letters are written under their final
// names and made durable by batch, each barrier before the manifest's
// fsync (outbox.ManifestWriter.StartSync, and Close at the end), and all
// of them before the summary; a resume hashes every letter it keeps. Every
// other file is written to a temporary name, synced and renamed.
//
// A run killed at any point and run again with the same arguments resumes:
// letters already written whose files still have their recorded hash are
// kept, the rest are written, and the output is the same, byte for byte,
// as a run never interrupted (with a pinned clock).
func Run(cfg Config) (outbox.Summary, error) {
	d, err := NewDecider(cfg.Incident, cfg.Rules, cfg.AsOf)
	if err != nil {
		return outbox.Summary{}, err
	}
	j := &job{cfg: cfg, decider: d, fonts: cfg.Fonts, now: cfg.Now, workers: cfg.Workers}
	if j.workers <= 0 {
		j.workers = runtime.NumCPU()
	}
	rs, err := seekable(cfg.Customers)
	if err != nil {
		return outbox.Summary{}, err
	}
	customersSHA, err := hashOf(rs)
	if err != nil {
		return outbox.Summary{}, err
	}
	lock, err := j.admit(customersSHA)
	if err != nil {
		return outbox.Summary{}, err
	}
	defer lock.Release()
	dir, cleanup, err := duplicatesDir(cfg)
	if err != nil {
		return outbox.Summary{}, err
	}
	defer cleanup()
	pass := newPassReader(rs, 1, cfg.Progress)
	opts, dups, err := findDuplicates(pass, cfg.Import, dir)
	if err != nil {
		return outbox.Summary{}, err
	}
	pass.finish()
	defer dups.Remove()
	j.opts = opts
	pass = newPassReader(rs, 2, cfg.Progress)
	c, err := j.count(pass)
	if err != nil {
		return outbox.Summary{}, err
	}
	pass.finish()
	if err := j.ready(c); err != nil {
		return outbox.Summary{}, err
	}
	if err := rewind(rs); err != nil {
		return outbox.Summary{}, err
	}
	if err := j.prepare(customersSHA); err != nil {
		return outbox.Summary{}, err
	}
	sum := j.summary(c)
	if cfg.IncidentSource != nil {
		if sum.IncidentSHA256, err = j.out.Write(outbox.IncidentFile, cfg.IncidentSource); err != nil {
			return sum, err
		}
	}
	if err := j.stream(rs, &sum, c); err != nil {
		return sum, err
	}
	if !sum.Balanced() {
		return sum, fmt.Errorf("run: rows %d != letters %d + rejects %d + not required %d", sum.Rows, sum.Letters, sum.Rejects, sum.NotRequired)
	}
	if err := j.out.Finish(); err != nil {
		return sum, err
	}
	// The summary is written last: its presence marks a finished run.
	if err := j.out.WriteJSON(outbox.SummaryFile, sum); err != nil {
		return sum, err
	}
	return sum, nil
}

// hashOf returns the hex SHA-256 of the customer file and rewinds it.
func hashOf(rs io.ReadSeeker) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, rs); err != nil {
		return "", fmt.Errorf("run: %w", err)
	}
	if err := rewind(rs); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// duplicatesDir is the directory for the sorted keys of the duplicate
// checks: Config.TempDir, or a hidden directory next to the output, made
// empty now and removed by cleanup.
func duplicatesDir(cfg Config) (dir string, cleanup func(), err error) {
	if cfg.TempDir != "" {
		return cfg.TempDir, func() {}, nil
	}
	// Next to the output, where there is room and the right to write (a
	// container's root may be read-only); one killed run's files go with
	// the next run of the same output.
	out := filepath.Clean(cfg.OutPath)
	dir = filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".duplicates")
	if err := os.RemoveAll(dir); err != nil {
		return "", nil, fmt.Errorf("run: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", nil, fmt.Errorf("run: %w", err)
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// counted is what the second pass learns of the whole file.
type counted struct {
	Tally
	// fonts collects the characters the shard's letters print, to cut
	// the fonts once for the run (nil without fonts).
	fonts *fonts.SubsetBuilder
	rows  int // rows of the shard
	// firstRow is the first row of the shard with a letter in each
	// language.
	firstRow map[string]int
}

// count is the second pass: it reads the whole customer file once for the
// persons notifiable per jurisdiction (thresholds count the whole file, in
// every shard), the letter languages needed, and the rows of the shard.
// It keeps no person.
func (j *job) count(r io.Reader) (counted, error) {
	c := counted{firstRow: map[string]int{}}
	if j.cfg.Fonts != nil {
		c.fonts = j.cfg.Fonts.NewSubsetBuilder()
		c.fonts.Add(j.cfg.Incident.Texts()...)
		c.fonts.Add(letters.RuleTexts(j.cfg.Rules)...)
	}
	shard := j.cfg.Shard
	var err error
	c.Tally, err = j.decider.tally(r, j.opts, func(x *Decided, rej *customers.Reject) error {
		if rej != nil {
			if shard.Holds(rej.CustomerID, rej.Row) {
				c.rows++
			}
			return nil
		}
		p := &x.Person
		if x.Letter() && c.fonts != nil {
			// Every person of the file, not only the shard's: the fonts,
			// and so the PDF bytes, must be the same in every shard.
			c.fonts.Add(p.CustomerID)
			c.fonts.Add(letters.PersonTexts(*p)...)
		}
		if !shard.Holds(p.CustomerID, p.Row) {
			return nil
		}
		c.rows++
		if x.Letter() {
			lang := letters.ChooseLanguage(p.Language, x.Decision.Jurisdiction)
			if _, seen := c.firstRow[lang]; !seen {
				c.firstRow[lang] = p.Row
			}
		}
		return nil
	})
	return c, err
}

// ready checks what the count found before anything is written: rows to
// write, and the incident's text in every letter language; and cuts the
// fonts to the characters of the run.
func (j *job) ready(c counted) error {
	if c.Stats.Rows == 0 {
		// Probably the wrong file or sheet; a previous output stays.
		return fmt.Errorf("run: %s: %w", j.cfg.Import.Name, ErrNoRows)
	}
	j.affected = c.Stats.Persons
	if c.fonts != nil {
		// Fonts cut to the characters of this run: each worker's fpdf
		// canvas parses and keeps small fonts instead of the whole ones.
		fs, err := c.fonts.Build()
		if err != nil {
			return err
		}
		j.fonts = fs
	}
	if j.fonts != nil {
		j.renderer = pdf.NewRenderer(j.fonts)
	}
	for _, lang := range slices.Sorted(maps.Keys(c.firstRow)) {
		if _, err := j.cfg.Incident.TextFor(lang); err != nil {
			return fmt.Errorf("run: %w (first needed for row %d)", err, c.firstRow[lang])
		}
	}
	return nil
}

// admit locks the output directory and checks, before any long work,
// that the run may write there (outbox.Admit); a finished run of the same
// arguments is an *outbox.FinishedError with Same set.
func (j *job) admit(customersSHA string) (*outbox.Lock, error) {
	lock, err := outbox.LockDir(j.cfg.OutPath)
	if err != nil {
		return nil, err
	}
	if _, err := outbox.Admit(j.cfg.OutPath, j.record(customersSHA), !j.cfg.ClockUnpinned, j.cfg.Replace); err != nil {
		lock.Release()
		return nil, err
	}
	return lock, nil
}

// prepare makes the output directory ready (outbox.Prepare): new, or an
// interrupted run of the same arguments resumed with its clock; with
// Replace, the run it held is cleared first.
func (j *job) prepare(customersSHA string) error {
	cfg := j.cfg
	if cfg.Replace {
		if err := outbox.Clear(cfg.OutPath); err != nil {
			return err
		}
	}
	out, err := outbox.Prepare(cfg.OutPath, j.record(customersSHA), !cfg.ClockUnpinned)
	if err != nil {
		return err
	}
	out.Comma = cfg.CSVDelimiter
	j.out = out
	if out.Resumed {
		// The interrupted run's clock, so its letters stay valid.
		if j.now, err = time.Parse(time.RFC3339, out.Run.Now); err != nil {
			return fmt.Errorf("run: %s: bad now %q", outbox.RunFile, out.Run.Now)
		}
	}
	return nil
}

// record is what the run is made from (run.json).
func (j *job) record(customersSHA string) outbox.Run {
	cfg := j.cfg
	incidentSum := sha256.Sum256(cfg.IncidentSource)
	run := outbox.Run{
		IncidentSHA256: hex.EncodeToString(incidentSum[:]), RulesSHA256: cfg.RulesFingerprint,
		CustomersSHA256: customersSHA, Customers: path.Base(cfg.Import.Name), Sheet: cfg.Import.Sheet,
		Mapping: mappingKey(cfg.Import.Mapping), Now: cfg.Now.Format(time.RFC3339), Shard: cfg.Shard.String(),
		AttachPDF: cfg.AttachPDF,
	}
	if !cfg.AsOf.IsZero() {
		run.AsOf = cfg.AsOf.Format(time.DateOnly)
	}
	return run
}

// summary is the run's summary before the third pass counts its rows.
func (j *job) summary(c counted) outbox.Summary {
	cfg, stats := j.cfg, c.Stats
	return outbox.Summary{
		Incident:        cfg.Incident.Incident.ID,
		GeneratedAt:     j.now.Format(time.RFC3339),
		Customers:       path.Base(cfg.Import.Name),
		Rows:            c.rows,
		ByJurisdiction:  map[string]int{},
		ByLanguage:      map[string]int{},
		ByBasis:         map[string]int{},
		RejectedReasons: map[string]int{},
		NotRequiredWhy:  []outbox.NotNotified{},
		NotRequiredBy:   map[string]int{},
		Import: outbox.Import{Format: stats.Format, Sheet: stats.Sheet, Encoding: stats.Encoding, Delimiter: stats.Delimiter,
			HeaderRow: stats.HeaderRow, SkippedAbove: append([]int{}, stats.SkippedAbove...), IgnoredColumns: append([]string{}, stats.IgnoredColumns()...),
			Rows: c.rows},
		RulesSHA256:      cfg.RulesFingerprint,
		Tool:             cfg.Tool,
		Notifiable:       c.Counts,
		Conflicts:        summaryConflicts(c.Conflicts),
		LanguageFindings: summaryLanguages(c.Languages),
		Warnings:         slices.Concat(summaryIncident(cfg.Incident.Check(cfg.Catalogs)), summaryCategories(c.Categories)),
		Shard:            cfg.Shard.String(),
		FileRows:         stats.Rows,
		AttachPDF:        cfg.AttachPDF,
	}
}

// summaryConflicts lists the conflicts for the summary.
func summaryConflicts(t rules.ConflictTally) []outbox.Conflict {
	var out []outbox.Conflict
	for _, c := range t.List() {
		out = append(out, outbox.Conflict{ID: c.ID(), Persons: c.Persons, Open: c.Open(), Text: c.String()})
	}
	return out
}

// summaryLanguages lists the language findings for the summary.
func summaryLanguages(t rules.LanguageTally) []outbox.LanguageFinding {
	var out []outbox.LanguageFinding
	for _, f := range t.List() {
		out = append(out, outbox.LanguageFinding{ID: f.ID(), Jurisdiction: f.Jurisdiction, Required: f.Required, Language: f.Language,
			NoCatalog: f.NoCatalog, Persons: f.Persons, Citation: f.Citation, Text: f.String()})
	}
	return out
}

// summaryIncident lists the incident's warnings for the summary.
func summaryIncident(ws []letters.IncidentWarning) []outbox.Warning {
	var out []outbox.Warning
	for _, w := range ws {
		out = append(out, outbox.Warning{Kind: w.Kind, Text: w.String()})
	}
	return out
}

// summaryCategories lists the category disagreements for the summary.
func summaryCategories(t letters.CategoryTally) []outbox.Warning {
	var out []outbox.Warning
	for _, w := range t.List() {
		out = append(out, outbox.Warning{Kind: w.Kind, Category: w.Category, Count: w.Count, Rows: w.Rows, CustomerIDs: w.CustomerIDs, Text: w.String()})
	}
	return out
}

// mappingKey writes a column mapping canonically, for run.json.
func mappingKey(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+m[k])
	}
	return strings.Join(parts, ";")
}
