package run

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/email"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/pdf"
)

// The kinds of row the third pass meets.
const (
	kindReject = iota
	kindNotNotified
	kindLetter
)

// item is one row of the third pass, in file order.
type item struct {
	seq     int
	kind    int
	row     []string // reject or not-notified row for the CSV reports
	nn      outbox.NotNotified
	decided Decided
	prev    *outbox.Entry // the interrupted run's letter for this person
}

// result is an item done.
type result struct {
	*item
	entry outbox.Entry
	// unprintable: the address does not fit the window; the person
	// becomes a reject.
	unprintable bool
	// script: a line of the address is in a script breachnotice cannot
	// print; the person becomes a reject.
	script *letters.ScriptError
	kept   bool
	err    error
}

// errStopped ends the reading when the run has failed elsewhere.
var errStopped = errors.New("run: stopped")

// manifestBatch is how many manifest lines are appended between syncs: each
// sync makes the letters written so far durable, then the manifest
// (outbox.ManifestWriter.StartSync: in the background, while the workers
// go on).
const manifestBatch = 256

// stream is the third pass: rows in file order through the workers, the
// results written back in file order.
func (j *job) stream(r io.Reader, sum *outbox.Summary, c counted) error {
	prev, err := j.out.Previous()
	if err != nil {
		return err
	}
	if prev != nil {
		defer prev.Close()
	}
	rep, err := openReports(j.out)
	if err != nil {
		return err
	}
	defer rep.abort()

	p := newPipeline(j.workers)
	var readErr error
	go func() {
		defer close(p.jobs)
		readErr = j.feed(r, p, newPrevious(prev))
	}()
	j.start(p)
	wb := &writeBack{sum: sum, rep: rep}
	progress := func(rows int) {
		if j.cfg.Progress != nil {
			j.cfg.Progress(Progress{Pass: 3, Rows: rows, TotalRows: c.rows, Letters: sum.Letters, Rejects: sum.Rejects, Kept: wb.kept})
		}
	}
	if err := p.collect(wb.emit, progress); err != nil {
		return err
	}
	if readErr != nil {
		return readErr
	}
	return rep.commit()
}

// pipeline carries the rows of the third pass: read in file order,
// rendered and stored by workers, handed back in file order.
type pipeline struct {
	// slots bounds the rows in flight (read, not yet written back), so
	// memory does not grow with the file whatever a slow letter holds up,
	// nor the letters on disk that a killed run has not recorded.
	slots    chan struct{}
	jobs     chan *item
	results  chan result
	stop     chan struct{}
	stopOnce sync.Once
	seq      int // the next item's, for the reader
}

func newPipeline(workers int) *pipeline {
	return &pipeline{
		slots:   make(chan struct{}, 8*workers+16),
		jobs:    make(chan *item, 2*workers),
		results: make(chan result, 2*workers),
		stop:    make(chan struct{}),
	}
}

// halt stops the reading.
func (p *pipeline) halt() { p.stopOnce.Do(func() { close(p.stop) }) }

// send hands the next row to the workers, once a slot is free.
func (p *pipeline) send(it *item) error {
	select {
	case <-p.stop:
		return errStopped
	default:
	}
	select {
	case p.slots <- struct{}{}:
	case <-p.stop:
		return errStopped
	}
	it.seq = p.seq
	p.seq++
	p.jobs <- it
	return nil
}

// feed reads the rows, decided, and sends those of the shard to the
// workers in file order; a letter goes with the interrupted run's letter
// for the same person, if there is one.
func (j *job) feed(r io.Reader, p *pipeline, prev *previous) error {
	shard := j.cfg.Shard
	_, err := j.decider.each(r, j.opts, func(x *Decided, rej *customers.Reject) error {
		if rej != nil {
			if !shard.Holds(rej.CustomerID, rej.Row) {
				return nil
			}
			return p.send(&item{kind: kindReject, row: []string{strconv.Itoa(rej.Row), rej.CustomerID, rej.Column, rej.Reason}})
		}
		pp, d := &x.Person, &x.Decision
		if !shard.Holds(pp.CustomerID, pp.Row) {
			return nil
		}
		it := &item{decided: *x}
		if !x.Letter() {
			it.kind = kindNotNotified
			it.nn = outbox.NotNotified{Row: pp.Row, CustomerID: pp.CustomerID, Jurisdiction: d.Jurisdiction.ID, Reason: d.Reason}
			it.row = []string{strconv.Itoa(pp.Row), pp.CustomerID, d.Jurisdiction.ID, d.Reason}
			return p.send(it)
		}
		it.kind = kindLetter
		it.prev = prev.letter(pp.Row, pp.CustomerID)
		return p.send(it)
	})
	return err
}

// previous walks the interrupted run's manifest (in file order) alongside
// the rows.
type previous struct {
	r       *outbox.ManifestReader // nil: no interrupted run
	pending *outbox.Entry
}

func newPrevious(r *outbox.ManifestReader) *previous {
	p := &previous{r: r}
	p.advance()
	return p
}

func (p *previous) advance() {
	p.pending = nil
	if p.r == nil {
		return
	}
	if e, ok := p.r.Next(); ok {
		p.pending = &e
	}
}

// letter returns the interrupted run's letter to the customer of row, or
// nil; rows come in file order.
func (p *previous) letter(row int, customerID string) *outbox.Entry {
	for p.pending != nil && p.pending.Row < row {
		p.advance()
	}
	if p.pending != nil && p.pending.Row == row && p.pending.CustomerID == customerID {
		return p.pending
	}
	return nil
}

// start starts the workers of the pipeline, and closes its results when
// they are done. A worker renders a letter and writes its files itself:
// writing is copying to the system's cache (the files are synced by
// batch, in the write-back).
func (j *job) start(p *pipeline) {
	var wg sync.WaitGroup
	for range j.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range p.jobs {
				p.results <- j.work(it)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(p.results)
	}()
}

// work does one item: a letter kept from the interrupted run, or rendered
// and stored, or an address that does not fit.
func (j *job) work(it *item) result {
	res := result{item: it}
	if it.kind != kindLetter {
		return res
	}
	if it.prev != nil && j.out.Keep(*it.prev) {
		res.entry, res.kept = *it.prev, true
		return res
	}
	var pdfData, eml []byte
	var pdfSum [sha256.Size]byte
	res.entry, pdfData, pdfSum, eml, res.err = j.renderLetter(&it.decided)
	if errors.Is(res.err, pdf.ErrAddressTooLong) {
		res.unprintable, res.err = true, nil
	}
	if errors.As(res.err, &res.script) {
		res.err = nil
	}
	if res.err != nil || res.unprintable || res.script != nil {
		return res
	}
	res.err = storeLetter(j.out.Dir, &res.entry, pdfData, pdfSum, eml)
	return res
}

// collect hands the results to emit in file order until the pipeline is
// done, and the row count to progress after each one while nothing
// failed. After emit's first error it halts the reading, drains the rest
// and returns that error.
func (p *pipeline) collect(emit func(result) error, progress func(rows int)) error {
	var firstErr error
	waiting := map[int]result{}
	next := 0
	for res := range p.results {
		waiting[res.seq] = res
		for {
			r, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			<-p.slots
			if firstErr == nil {
				if err := emit(r); err != nil {
					firstErr = err
					p.halt()
				}
			}
			if firstErr == nil {
				progress(next)
			}
		}
	}
	return firstErr
}

// reports are the files the third pass appends to in file order: the
// manifest, the rejects and the persons not notified.
type reports struct {
	manifest             *outbox.ManifestWriter
	rejects, notNotified *outbox.CSVWriter
	committed            bool
}

func openReports(out *outbox.Prepared) (*reports, error) {
	manifest, err := out.AppendManifest()
	if err != nil {
		return nil, err
	}
	rejects, err := out.CreateCSV(outbox.RejectsFile, []string{"row", "customer_id", "column", "reason"})
	if err != nil {
		manifest.Close()
		return nil, err
	}
	notNotified, err := out.CreateCSV(outbox.NotNotifiedFile, []string{"row", "customer_id", "jurisdiction", "reason"})
	if err != nil {
		manifest.Close()
		rejects.Abort()
		return nil, err
	}
	return &reports{manifest: manifest, rejects: rejects, notNotified: notNotified}, nil
}

// abort drops the reports unless they were committed.
func (r *reports) abort() {
	if !r.committed {
		r.manifest.Close()
		r.rejects.Abort()
		r.notNotified.Abort()
	}
}

// commit closes the manifest and puts the two CSV reports in place.
func (r *reports) commit() error {
	if err := r.manifest.Close(); err != nil {
		return err
	}
	r.committed = true
	if err := r.rejects.Commit(); err != nil {
		r.notNotified.Abort()
		return err
	}
	return r.notNotified.Commit()
}

// writeBack records the results of the third pass, in file order, in the
// summary and the reports.
type writeBack struct {
	sum       *outbox.Summary
	rep       *reports
	kept      int // letters kept from an interrupted run
	sinceSync int // manifest lines appended since the last sync started
}

func (w *writeBack) emit(res result) error {
	sum := w.sum
	if res.err != nil {
		p := res.decided.Person
		return fmt.Errorf("run: row %d, customer %q: %w", p.Row, p.CustomerID, res.err)
	}
	switch {
	case res.kind == kindReject:
		sum.Rejects++
		sum.Import.Rejects++
		sum.RejectedReasons[reasonClass(res.row[3])]++
		return w.rep.rejects.Write(res.row)
	case res.kind == kindNotNotified:
		sum.Import.Persons++
		sum.NotRequired++
		sum.NotRequiredBy[res.nn.Jurisdiction]++
		if len(sum.NotRequiredWhy) < outbox.MaxListedNotRequired {
			sum.NotRequiredWhy = append(sum.NotRequiredWhy, res.nn)
		}
		return w.rep.notNotified.Write(res.row)
	case res.unprintable:
		// One unprintable address must not stop the run: the person
		// becomes a reject, with the reason, like a bad row.
		p := res.decided.Person
		sum.Import.Persons++
		sum.Rejects++
		sum.Unprintable++
		sum.RejectedReasons["address too long for the envelope window"]++
		return w.rep.rejects.Write([]string{strconv.Itoa(p.Row), p.CustomerID, "address",
			"the postal address does not fit the envelope window even at the smallest type size: shorten it at the source (no letter written)"})
	case res.script != nil:
		return w.rejectScript(res)
	}
	return w.letter(res)
}

// rejectScript records a person whose address is in a script
// breachnotice cannot print: a letter without it could not be delivered.
func (w *writeBack) rejectScript(res result) error {
	sum, p := w.sum, res.decided.Person
	sum.Import.Persons++
	sum.Rejects++
	sum.Unprintable++
	sum.RejectedReasons["name/address in a script breachnotice cannot print"]++
	return w.rep.rejects.Write([]string{strconv.Itoa(p.Row), p.CustomerID, res.script.Field,
		fmt.Sprintf("name/address in a script breachnotice cannot print (%s): the %s column would lose its letters on paper and the letter could not be delivered; give the address in Latin letters (no letter written)", strings.Join(res.script.Scripts, ", "), res.script.Field)})
}

// letter records a letter written or kept.
func (w *writeBack) letter(res result) error {
	sum, e := w.sum, res.entry
	sum.Import.Persons++
	sum.Letters++
	sum.ByJurisdiction[res.decided.Decision.Jurisdiction.ID]++
	sum.ByLanguage[e.Language]++
	if e.RequestedLanguage != "" {
		sum.LanguageFallbacks = outbox.AddFallback(sum.LanguageFallbacks, e.RequestedLanguage, e.Language)
	}
	sum.ByBasis[res.decided.Basis]++
	sum.Replaced += e.Replaced
	sum.AddLetterWarnings(e.Row, e.Warnings)
	if e.EML != "" {
		sum.Emails++
	}
	if res.kept {
		w.kept++
	}
	if err := w.rep.manifest.Append(e); err != nil {
		return err
	}
	if w.sinceSync++; w.sinceSync == manifestBatch {
		w.sinceSync = 0
		return w.rep.manifest.StartSync()
	}
	return nil
}

// renderLetter composes and renders one person's letter: its manifest
// entry (without the files' hashes), its PDF and the PDF's sha256 and,
// if the person has an e-mail address, its email.
func (j *job) renderLetter(x *Decided) (e outbox.Entry, pdfData []byte, pdfSum [sha256.Size]byte, eml []byte, err error) {
	cfg, p, d := j.cfg, &x.Person, x.Decision
	date := j.now.In(d.Jurisdiction.Location())
	l, err := letters.Compose(letters.Input{Incident: cfg.Incident, Rules: cfg.Rules, Decision: d, Catalogs: cfg.Catalogs, Person: *p, Date: date, Affected: j.affected, Drawable: drawable(cfg.Fonts)})
	if err != nil {
		return e, nil, pdfSum, nil, err
	}
	var pdfBuf bytes.Buffer
	rendered, err := j.renderer.Render(&pdfBuf, l, pdf.Options{Created: j.now})
	if err != nil {
		return e, nil, pdfSum, nil, err
	}
	pdfSum = rendered.SHA256
	stem := outbox.FileStem(p.Row, p.CustomerID)
	e = outbox.Entry{
		CustomerID: p.CustomerID, Row: p.Row, Jurisdictions: d.IDs(), Language: l.Lang, Locale: l.Locale, Basis: x.Basis,
		PDF: outbox.PDFDir + "/" + stem + ".pdf", Replaced: l.Replaced, ContentKeys: slices.Clone(l.ContentKeys), MinFontSize: l.MinFont,
		ContentFrom: d.ContentFrom(), Why: d.Whys(), DataCategories: slices.Clone(cfg.Incident.Categories(p.DataCategories)),
	}
	e.RequestedLanguage = letters.FallbackFrom(p.Language)
	if l.PrintedID != p.CustomerID {
		e.CustomerIDPrinted = l.PrintedID
	}
	for _, c := range d.Conflicts {
		e.Conflicts = append(e.Conflicts, c.String())
	}
	for _, w := range l.Warnings {
		e.Warnings = append(e.Warnings, w.String())
	}
	sort.Strings(e.ContentKeys)
	if p.Email == "" {
		return e, pdfBuf.Bytes(), pdfSum, nil, nil
	}
	var emlBuf bytes.Buffer
	if err := email.Render(&emlBuf, l, pdfBuf.Bytes(), email.Options{Date: j.now, AttachPDF: cfg.AttachPDF, PDFSHA256: pdfSum}); err != nil {
		return e, nil, pdfSum, nil, err
	}
	e.EML = outbox.EmailDir + "/" + stem + ".eml"
	return e, pdfBuf.Bytes(), pdfSum, emlBuf.Bytes(), nil
}

// storeLetter writes a rendered letter's files under their final names
// (synced later, by batch: outbox.Dir.WriteLetter) and records their
// hashes in e (the PDF's, pdfSum, as the PDF writer computed it).
func storeLetter(out *outbox.Dir, e *outbox.Entry, pdfData []byte, pdfSum [sha256.Size]byte, eml []byte) error {
	var err error
	if e.PDFSHA256, err = out.WriteLetterHashed(e.PDF, pdfData, pdfSum); err != nil {
		return err
	}
	if e.EML == "" {
		return nil
	}
	e.EMLSHA256, err = out.WriteLetter(e.EML, eml)
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

// drawable reports whether fs draw a character in the regular weight the
// address block and greeting are set in (nil without fonts). fs are the
// whole fonts: the run's cut keeps every character they draw of a person.
func drawable(fs *fonts.Fonts) func(rune) bool {
	if fs == nil {
		return nil
	}
	return func(r rune) bool { return fs.FaceFor(r, false) != nil }
}
