// Package batch runs the whole job: read the customer file, decide for
// each person under the rules, compose and render the letters, and write
// the output directory with its manifest, rejects and summary.
package run

import (
	"bytes"
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
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/outbox"
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
	Import    customers.Options
	// OutPath is the output directory. Run creates it only after every
	// row is read and decided and every letter language has its text, so
	// a run that cannot start leaves a previous output untouched.
	OutPath string
	Now     time.Time // the run's clock: letter dates, PDF dates, email Date
	// AsOf evaluates the rules in force on that day; zero means the
	// incident's discovery date.
	AsOf time.Time
	// Progress, if set, is called after each row of the second pass.
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
	// TempDir holds the sorted keys of the duplicate checks while the run
	// reads the file (customers.FindDuplicates); "" is a hidden directory
	// next to OutPath (".NAME.duplicates"), removed at the end.
	TempDir string
}

// Person is a read row with the rules' decision for it.
type Person struct {
	P        customers.Person
	Decision rules.Decision
}

// Decide reads every row and decides for each person; it returns the
// persons, the rejects and the import statistics. It writes nothing.
func Decide(cfg Config) ([]Person, []customers.Reject, customers.Stats, error) {
	var persons []Person
	var rejects []customers.Reject
	facts := cfg.Incident.Facts()
	facts.AsOf = cfg.AsOf
	if err := cfg.Incident.CheckProfiles(cfg.Rules); err != nil {
		return nil, nil, customers.Stats{}, err
	}
	stats, err := customers.Read(cfg.Customers, cfg.Import, func(p *customers.Person, rej *customers.Reject) error {
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

// Progress is reported while letters are written.
type Progress struct {
	Rows      int // rows of this run (its shard) done
	TotalRows int // rows of this run (its shard), known from the first pass
	Letters   int // letters written or kept
	Kept      int // letters kept from an interrupted run
}

// counted is what the first pass learns of the whole file.
type counted struct {
	// fonts collects the characters the shard's letters print, to cut
	// the fonts once for the run (nil without fonts).
	fonts    *letters.SubsetBuilder
	stats    customers.Stats
	counts   rules.Counts
	rows     int // rows of the shard
	firstRow map[string]int
}

// count reads the whole customer file once: the persons notifiable per
// jurisdiction (thresholds count the whole file, in every shard), the
// letter languages needed, and the rows of the shard. It keeps no person.
func count(cfg Config, r io.Reader) (counted, error) {
	c := counted{counts: rules.Counts{}, firstRow: map[string]int{}}
	if cfg.Fonts != nil {
		c.fonts = cfg.Fonts.NewSubsetBuilder()
		c.fonts.AddIncident(cfg.Incident)
		c.fonts.AddRules(cfg.Rules)
	}
	facts := cfg.Incident.Facts()
	facts.AsOf = cfg.AsOf
	var err error
	c.stats, err = customers.Read(r, cfg.Import, func(p *customers.Person, rej *customers.Reject) error {
		if rej != nil {
			if cfg.Shard.Holds(rej.CustomerID, rej.Row) {
				c.rows++
			}
			return nil
		}
		d := cfg.Rules.Decide(facts, rules.Person{Country: p.Country, Region: p.Region, Categories: categories(cfg, p)})
		c.counts.Add(d)
		letter := d.Notify || cfg.Incident.Voluntary(d.Jurisdiction.ID)
		if letter && c.fonts != nil {
			// Every person of the file, not only the shard's: the fonts,
			// and so the PDF bytes, must be the same in every shard.
			c.fonts.Add(p.CustomerID, p.FullName, p.Street, p.PostalCode, p.City, p.Region, p.Country, p.ActivationCode)
		}
		if !cfg.Shard.Holds(p.CustomerID, p.Row) {
			return nil
		}
		c.rows++
		if letter {
			lang := letters.ChooseLanguage(p.Language, d.Jurisdiction)
			if _, seen := c.firstRow[lang]; !seen {
				c.firstRow[lang] = p.Row
			}
		}
		return nil
	})
	return c, err
}

func categories(cfg Config, p *customers.Person) []string {
	if len(p.DataCategories) == 0 {
		return cfg.Incident.Incident.DataCategories
	}
	return p.DataCategories
}

// The kinds of row the second pass meets.
const (
	kindReject = iota
	kindNotNotified
	kindLetter
)

// item is one row of the second pass, in file order.
type item struct {
	seq    int
	kind   int
	row    []string // reject or not-notified row for the CSV reports
	nn     outbox.NotNotified
	person Person
	basis  string
	prev   *outbox.Entry // the interrupted run's letter for this person
}

// result is an item done.
type result struct {
	*item
	entry outbox.Entry
	// unprintable: the address does not fit the window; the person
	// becomes a reject.
	unprintable bool
	kept        bool
	err         error
}

// errStopped ends the reading when the run has failed elsewhere.
var errStopped = errors.New("batch: stopped")

// Run does the whole job and returns the summary it wrote. It reads the
// customer file three times, keeping no person and no key per row in
// memory: a first pass decides the duplicate checks on disk
// (customers.FindDuplicates), a second counts (thresholds are decided on
// the whole file), a third streams the rows through a bounded pool of
// workers that compose and render the letters and writers that store
// them, while the manifest is appended in file order and made durable in
// batches. Every file is written to a temporary name and renamed.
//
// A run killed at any point and run again with the same arguments resumes:
// letters already written whose files still have their recorded hash are
// kept, the rest are written, and the output is the same, byte for byte,
// as a run never interrupted (with a pinned clock).
func Run(cfg Config) (outbox.Summary, error) {
	if err := cfg.Incident.CheckProfiles(cfg.Rules); err != nil {
		return outbox.Summary{}, err
	}
	rs, ok := cfg.Customers.(io.ReadSeeker)
	if !ok {
		data, err := io.ReadAll(cfg.Customers)
		if err != nil {
			return outbox.Summary{}, fmt.Errorf("batch: %w", err)
		}
		rs = bytes.NewReader(data)
	}
	h := sha256.New()
	if _, err := io.Copy(h, rs); err != nil {
		return outbox.Summary{}, fmt.Errorf("batch: %w", err)
	}
	rewind := func() error {
		_, err := rs.Seek(0, io.SeekStart)
		return err
	}
	if err := rewind(); err != nil {
		return outbox.Summary{}, fmt.Errorf("batch: %w", err)
	}
	// The duplicate checks are decided first, on disk, so that neither
	// pass keeps a key per row in memory.
	tmp := cfg.TempDir
	if tmp == "" {
		// Next to the output, where there is room and the right to write
		// (a container's root may be read-only); one killed run's files go
		// with the next run of the same output.
		out := filepath.Clean(cfg.OutPath)
		tmp = filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".duplicates")
		if err := os.RemoveAll(tmp); err != nil {
			return outbox.Summary{}, fmt.Errorf("batch: %w", err)
		}
		if err := os.MkdirAll(tmp, 0o700); err != nil {
			return outbox.Summary{}, fmt.Errorf("batch: %w", err)
		}
		defer os.RemoveAll(tmp)
	}
	dups, err := customers.FindDuplicates(rs, cfg.Import, tmp)
	if err != nil {
		return outbox.Summary{}, err
	}
	defer dups.Remove()
	cfg.Import.Duplicates = dups
	if err := rewind(); err != nil {
		return outbox.Summary{}, fmt.Errorf("batch: %w", err)
	}
	c, err := count(cfg, rs)
	if err != nil {
		return outbox.Summary{}, err
	}
	if c.stats.Rows == 0 {
		// Probably the wrong file or sheet; a previous output stays.
		return outbox.Summary{}, fmt.Errorf("batch: %s: %w", cfg.Import.Name, ErrNoRows)
	}
	if c.fonts != nil {
		// Fonts cut to the characters of this run: each worker's fpdf
		// canvas parses and keeps small fonts instead of the whole ones.
		if cfg.Fonts, err = c.fonts.Build(); err != nil {
			return outbox.Summary{}, err
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(c.firstRow)) {
		if _, err := cfg.Incident.TextFor(lang); err != nil {
			return outbox.Summary{}, fmt.Errorf("batch: %w (first needed for row %d)", err, c.firstRow[lang])
		}
	}
	if err := rewind(); err != nil {
		return outbox.Summary{}, fmt.Errorf("batch: %w", err)
	}
	incidentSum := sha256.Sum256(cfg.IncidentSource)
	run := outbox.Run{
		IncidentSHA256: hex.EncodeToString(incidentSum[:]), RulesSHA256: cfg.RulesFingerprint,
		CustomersSHA256: hex.EncodeToString(h.Sum(nil)), Customers: path.Base(cfg.Import.Name), Sheet: cfg.Import.Sheet,
		Mapping: mappingKey(cfg.Import.Mapping), Now: cfg.Now.Format(time.RFC3339), Shard: cfg.Shard.String(),
	}
	if !cfg.AsOf.IsZero() {
		run.AsOf = cfg.AsOf.Format(time.DateOnly)
	}
	out, err := outbox.Prepare(cfg.OutPath, run, !cfg.ClockUnpinned)
	if err != nil {
		return outbox.Summary{}, err
	}
	if out.Resumed {
		// The interrupted run's clock, so its letters stay valid.
		if cfg.Now, err = time.Parse(time.RFC3339, out.Run.Now); err != nil {
			return outbox.Summary{}, fmt.Errorf("batch: %s: bad now %q", outbox.RunFile, out.Run.Now)
		}
	}
	stats := c.stats
	sum := outbox.Summary{
		Incident:        cfg.Incident.Incident.ID,
		GeneratedAt:     cfg.Now.Format(time.RFC3339),
		Customers:       path.Base(cfg.Import.Name),
		Rows:            c.rows,
		ByJurisdiction:  map[string]int{},
		ByLanguage:      map[string]int{},
		ByBasis:         map[string]int{},
		RejectedReasons: map[string]int{},
		NotRequiredWhy:  []outbox.NotNotified{},
		NotRequiredBy:   map[string]int{},
		Import: outbox.Import{Format: stats.Format, Sheet: stats.Sheet, Encoding: stats.Encoding, Delimiter: stats.Delimiter,
			HeaderRow: stats.HeaderRow, SkippedAbove: append([]int{}, stats.SkippedAbove...), Rows: c.rows},
		RulesSHA256: cfg.RulesFingerprint,
		Notifiable:  c.counts,
		Shard:       cfg.Shard.String(),
		FileRows:    stats.Rows,
	}
	if cfg.IncidentSource != nil {
		if sum.IncidentSHA256, err = out.Write(outbox.IncidentFile, cfg.IncidentSource); err != nil {
			return sum, err
		}
	}
	if err := stream(cfg, rs, out, &sum, c, stats.Persons); err != nil {
		return sum, err
	}
	if !sum.Balanced() {
		return sum, fmt.Errorf("batch: rows %d != letters %d + rejects %d + not required %d", sum.Rows, sum.Letters, sum.Rejects, sum.NotRequired)
	}
	if err := out.Finish(); err != nil {
		return sum, err
	}
	// The summary is written last: its presence marks a finished run.
	if err := out.WriteJSON(outbox.SummaryFile, sum); err != nil {
		return sum, err
	}
	return sum, nil
}

// mappingKey writes a column mapping canonically, for run.json.
func mappingKey(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+m[k])
	}
	return strings.Join(parts, ";")
}

// manifestBatch is how many manifest lines are appended between fsyncs.
const manifestBatch = 256

// stream is the second pass: rows in file order through the workers, the
// results written back in file order.
func stream(cfg Config, r io.Reader, out *outbox.Prepared, sum *outbox.Summary, c counted, affected int) error {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	prev, err := out.Previous()
	if err != nil {
		return err
	}
	if prev != nil {
		defer prev.Close()
	}
	manifest, err := out.AppendManifest()
	if err != nil {
		return err
	}
	rejects, err := out.CreateCSV(outbox.RejectsFile, []string{"row", "customer_id", "column", "reason"})
	if err != nil {
		manifest.Close()
		return err
	}
	notNotified, err := out.CreateCSV(outbox.NotNotifiedFile, []string{"row", "customer_id", "jurisdiction", "reason"})
	if err != nil {
		manifest.Close()
		rejects.Abort()
		return err
	}
	committed := false
	defer func() {
		if !committed {
			manifest.Close()
			rejects.Abort()
			notNotified.Abort()
		}
	}()

	// slots bounds the rows in flight (read, not yet written back), so
	// memory does not grow with the file whatever a slow letter holds up.
	slots := make(chan struct{}, 8*workers+16)
	jobs := make(chan *item, 2*workers)
	results := make(chan result, 2*workers)
	stop := make(chan struct{})
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }

	facts := cfg.Incident.Facts()
	facts.AsOf = cfg.AsOf
	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		var pending *outbox.Entry
		if prev != nil {
			if e, ok := prev.Next(); ok {
				pending = &e
			}
		}
		send := func(it *item) error {
			select {
			case <-stop:
				return errStopped
			default:
			}
			select {
			case slots <- struct{}{}:
			case <-stop:
				return errStopped
			}
			it.seq = seq
			seq++
			jobs <- it
			return nil
		}
		_, readErr = customers.Read(r, cfg.Import, func(p *customers.Person, rej *customers.Reject) error {
			if rej != nil {
				if !cfg.Shard.Holds(rej.CustomerID, rej.Row) {
					return nil
				}
				return send(&item{kind: kindReject, row: []string{strconv.Itoa(rej.Row), rej.CustomerID, rej.Column, rej.Reason}})
			}
			if !cfg.Shard.Holds(p.CustomerID, p.Row) {
				return nil
			}
			d := cfg.Rules.Decide(facts, rules.Person{Country: p.Country, Region: p.Region, Categories: categories(cfg, p)})
			it := &item{person: Person{P: *p, Decision: d}, basis: d.Basis}
			if !d.Notify {
				if !cfg.Incident.Voluntary(d.Jurisdiction.ID) {
					it.kind = kindNotNotified
					it.nn = outbox.NotNotified{Row: p.Row, CustomerID: p.CustomerID, Jurisdiction: d.Jurisdiction.ID, Reason: d.Reason}
					it.row = []string{strconv.Itoa(p.Row), p.CustomerID, d.Jurisdiction.ID, d.Reason}
					return send(it)
				}
				it.basis = "voluntary"
			}
			it.kind = kindLetter
			for pending != nil && pending.Row < p.Row {
				pending = nil
				if e, ok := prev.Next(); ok {
					pending = &e
				}
			}
			if pending != nil && pending.Row == p.Row && pending.CustomerID == p.CustomerID {
				it.prev = pending
			}
			return send(it)
		})
	}()

	// Rendering is CPU work, writing a file mostly waiting for its fsync:
	// workers render and hand the files to writers, so that the CPUs keep
	// rendering while files are flushed to disk.
	type written struct {
		res      result
		pdf, eml []byte
	}
	writes := make(chan written, 2*workers)
	var wg, wwg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				res := result{item: it}
				if it.kind == kindLetter {
					if it.prev != nil && out.Unchanged(*it.prev) {
						res.entry, res.kept = *it.prev, true
					} else {
						var pdf, eml []byte
						res.entry, pdf, eml, res.err = renderLetter(cfg, it.person, it.basis, affected)
						if errors.Is(res.err, letters.ErrAddressTooLong) {
							res.unprintable, res.err = true, nil
						}
						if res.err == nil && !res.unprintable {
							writes <- written{res, pdf, eml}
							continue
						}
					}
				}
				results <- res
			}
		}()
	}
	for range 2 * workers {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for w := range writes {
				w.res.err = storeLetter(out.Dir, &w.res.entry, w.pdf, w.eml)
				results <- w.res
			}
		}()
	}
	go func() {
		wg.Wait()
		close(writes)
		wwg.Wait()
		close(results)
	}()

	var firstErr error
	waiting := map[int]result{}
	next, kept, sinceSync := 0, 0, 0
	emit := func(res result) error {
		if res.err != nil {
			p := res.person.P
			return fmt.Errorf("batch: row %d, customer %q: %w", p.Row, p.CustomerID, res.err)
		}
		switch {
		case res.kind == kindReject:
			sum.Rejects++
			sum.Import.Rejects++
			sum.RejectedReasons[reasonClass(res.row[3])]++
			return rejects.Write(res.row)
		case res.kind == kindNotNotified:
			sum.Import.Persons++
			sum.NotRequired++
			sum.NotRequiredBy[res.nn.Jurisdiction]++
			if len(sum.NotRequiredWhy) < outbox.MaxListedNotRequired {
				sum.NotRequiredWhy = append(sum.NotRequiredWhy, res.nn)
			}
			return notNotified.Write(res.row)
		case res.unprintable:
			// One unprintable address must not stop the run: the person
			// becomes a reject, with the reason, like a bad row.
			p := res.person.P
			sum.Import.Persons++
			sum.Rejects++
			sum.Unprintable++
			sum.RejectedReasons["address too long for the envelope window"]++
			return rejects.Write([]string{strconv.Itoa(p.Row), p.CustomerID, "address",
				"the postal address does not fit the envelope window even at the smallest type size: shorten it at the source (no letter written)"})
		}
		e := res.entry
		sum.Import.Persons++
		sum.Letters++
		sum.ByJurisdiction[res.person.Decision.Jurisdiction.ID]++
		sum.ByLanguage[e.Language]++
		sum.ByBasis[res.basis]++
		sum.Replaced += e.Replaced
		if e.EML != "" {
			sum.Emails++
		}
		if res.kept {
			kept++
		}
		if err := manifest.Append(e); err != nil {
			return err
		}
		if sinceSync++; sinceSync == manifestBatch {
			sinceSync = 0
			return manifest.Sync()
		}
		return nil
	}
	for res := range results {
		waiting[res.seq] = res
		for {
			r, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			<-slots
			if firstErr == nil {
				if err := emit(r); err != nil {
					firstErr = err
					halt()
				}
			}
			if cfg.Progress != nil && firstErr == nil {
				cfg.Progress(Progress{Rows: next, TotalRows: c.rows, Letters: sum.Letters, Kept: kept})
			}
		}
	}
	if firstErr != nil {
		return firstErr
	}
	if readErr != nil {
		return readErr
	}
	if err := manifest.Close(); err != nil {
		return err
	}
	committed = true
	if err := rejects.Commit(); err != nil {
		notNotified.Abort()
		return err
	}
	return notNotified.Commit()
}

// renderLetter composes and renders one person's letter: its manifest
// entry (without the files' hashes), its PDF and, if the person has an
// e-mail address, its email. affected is the number of persons the
// incident affected (for laws that require it).
func renderLetter(cfg Config, p Person, basis string, affected int) (e outbox.Entry, pdf, eml []byte, err error) {
	d := p.Decision
	r := letters.Recipient{
		Row: p.P.Row, CustomerID: p.P.CustomerID, Name: p.P.FullName, Email: p.P.Email,
		Street: p.P.Street, PostalCode: p.P.PostalCode, City: p.P.City, Region: p.P.Region,
		Country: p.P.Country, Language: p.P.Language, Categories: p.P.DataCategories,
		ActivationCode: p.P.ActivationCode,
	}
	if p.P.EnrollBy != "" {
		// customers.Read guarantees YYYY-MM-DD.
		if t, err := time.Parse(time.DateOnly, p.P.EnrollBy); err == nil {
			r.EnrollBy = t
		}
	}
	date := cfg.Now.In(d.Jurisdiction.Location())
	l, err := letters.Compose(letters.Input{Incident: cfg.Incident, Rules: cfg.Rules, Decision: d, Catalogs: cfg.Catalogs, Recipient: r, Date: date, Affected: affected})
	if err != nil {
		return e, nil, nil, err
	}
	var pdfBuf bytes.Buffer
	if err := letters.RenderPDF(&pdfBuf, l, cfg.Fonts, letters.PDFOptions{Created: cfg.Now}); err != nil {
		return e, nil, nil, err
	}
	stem := outbox.FileStem(p.P.Row, p.P.CustomerID)
	e = outbox.Entry{
		CustomerID: p.P.CustomerID, Row: p.P.Row, Jurisdictions: d.IDs(), Language: l.Lang, Basis: basis,
		PDF: outbox.PDFDir + "/" + stem + ".pdf", Replaced: l.Replaced, ContentKeys: slices.Clone(l.ContentKeys), MinFontSize: l.MinFont,
		ContentFrom: d.ContentFrom(),
	}
	sort.Strings(e.ContentKeys)
	if r.Email == "" {
		return e, pdfBuf.Bytes(), nil, nil
	}
	var emlBuf bytes.Buffer
	if err := letters.RenderEmail(&emlBuf, l, pdfBuf.Bytes(), letters.EmailOptions{Date: cfg.Now, AttachmentName: cfg.Incident.AttachmentName()}); err != nil {
		return e, nil, nil, err
	}
	e.EML = outbox.EmailDir + "/" + stem + ".eml"
	return e, pdfBuf.Bytes(), emlBuf.Bytes(), nil
}

// storeLetter writes a rendered letter's files (each to a temporary name,
// synced, then renamed) and records their hashes in e.
func storeLetter(out *outbox.Dir, e *outbox.Entry, pdf, eml []byte) error {
	var err error
	if e.PDFSHA256, err = out.Write(e.PDF, pdf); err != nil {
		return err
	}
	if e.EML == "" {
		return nil
	}
	e.EMLSHA256, err = out.Write(e.EML, eml)
	return err
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
