package outbox

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrOtherRun is wrapped when an output directory holds an unfinished run
// made with other arguments: it can be resumed only with the same ones.
var ErrOtherRun = errors.New("outbox: the directory holds an unfinished run made with other arguments")

// OtherRunError is returned by Admit (and so Prepare) when the directory
// holds an unfinished run made from another Run. It wraps ErrOtherRun.
type OtherRunError struct {
	Dir string
	// Was is the unfinished run's; Now the one that was refused.
	Was, Now Run
}

func (e *OtherRunError) Error() string {
	return fmt.Sprintf("%v: %q was started with %s", ErrOtherRun, e.Dir, differences(e.Was, e.Now))
}

func (e *OtherRunError) Unwrap() error { return ErrOtherRun }

// Run records what a run was made from (run.json). A run killed before it
// finished is resumed by a run with the same Run.
type Run struct {
	IncidentSHA256  string `json:"incident_sha256"`
	RulesSHA256     string `json:"rules_sha256"`
	CustomersSHA256 string `json:"customers_sha256"`
	Customers       string `json:"customers"` // the file's base name
	Sheet           string `json:"sheet,omitempty"`
	Mapping         string `json:"mapping,omitempty"` // the column mapping, canonical
	Now             string `json:"now"`               // RFC 3339
	AsOf            string `json:"as_of,omitempty"`
	Shard           string `json:"shard,omitempty"`
	AttachPDF       bool   `json:"attach_pdf,omitempty"` // the emails carry the PDFs
}

// Prepared is an output directory ready for a run.
type Prepared struct {
	*Dir
	// Resumed is true when the directory held an unfinished run with the
	// same Run: its letters stay, and Previous reads its manifest.
	Resumed bool
	// Run is what the directory's run is made from: the caller's, except
	// that a resumed run keeps the interrupted run's clock when the
	// caller's was not pinned.
	Run Run
}

// Prepare makes path ready for a run described by run. An empty or new
// directory is created (0700, with pdf/ and email/). An unfinished run
// (run.json but no summary.json) is resumed when its run.json equals run
// (Now is compared only when pinned is true; otherwise the interrupted
// run's clock is kept); with other arguments Prepare fails with
// ErrOtherRun. A finished run is never replaced (ErrFinished: Clear it
// first), and a directory holding anything else is refused (see Admit).
func Prepare(path string, run Run, pinned bool) (*Prepared, error) {
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	// Admit refuses all but a new or empty directory and an unfinished
	// run of the same arguments among its own files; the latter resumes.
	found, err := Admit(path, run, pinned, false)
	if err != nil {
		return nil, err
	}
	p := &Prepared{Dir: &Dir{Path: path}, Run: run}
	if found.Run != nil {
		p.Run, p.Resumed = *found.Run, true
		if err := p.keepPrevious(); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(path, 0o700); err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	// run.json first: from then on, a killed run can be resumed.
	if err := p.WriteJSON(RunFile, p.Run); err != nil {
		return nil, err
	}
	for _, sub := range []string{PDFDir, EmailDir} {
		if err := os.MkdirAll(filepath.Join(path, sub), 0o700); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
	}
	return p, nil
}

// onlyEmptyDirs reports whether the entries are only an empty pdf/ and
// email/ directory.
func onlyEmptyDirs(path string, entries []os.DirEntry) bool {
	for _, e := range entries {
		if !e.IsDir() || (e.Name() != PDFDir && e.Name() != EmailDir) {
			return false
		}
		if sub, err := os.ReadDir(filepath.Join(path, e.Name())); err != nil || len(sub) > 0 {
			return false
		}
	}
	return true
}

// differences names the arguments that differ between two runs.
func differences(a, b Run) string {
	var d []string
	add := func(what, x, y string) {
		if x != y {
			d = append(d, fmt.Sprintf("another %s (%q, now %q)", what, x, y))
		}
	}
	add("incident file", short(a.IncidentSHA256), short(b.IncidentSHA256))
	add("set of rules", short(a.RulesSHA256), short(b.RulesSHA256))
	add("customer file", a.Customers+" "+short(a.CustomersSHA256), b.Customers+" "+short(b.CustomersSHA256))
	add("sheet", a.Sheet, b.Sheet)
	add("column mapping", a.Mapping, b.Mapping)
	add("clock (now)", a.Now, b.Now)
	add("as-of date", a.AsOf, b.AsOf)
	add("shard", a.Shard, b.Shard)
	add("choice of PDF attachments", attached(a.AttachPDF), attached(b.AttachPDF))
	return strings.Join(d, ", ")
}

// attached names a run's choice of PDF attachments, for differences.
func attached(attach bool) string {
	if attach {
		return "PDF attached"
	}
	return "no attachment"
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// keepPrevious sets the interrupted run's manifest aside as the previous
// manifest (when a resumed run was itself interrupted, its partial
// manifest is merged into the previous one, so the letters of every
// interrupted run stay: see mergeManifests) and removes half-written
// temporary files.
func (p *Prepared) keepPrevious() error {
	prev := filepath.Join(p.Path, PreviousManifest)
	cur := filepath.Join(p.Path, ManifestFile)
	if _, err := os.Stat(prev); os.IsNotExist(err) {
		if err := os.Rename(cur, prev); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("outbox: %w", err)
		}
	} else if err := mergeManifests(prev, cur); err != nil {
		return err
	}
	for _, dir := range []string{p.Path, filepath.Join(p.Path, PDFDir), filepath.Join(p.Path, EmailDir)} {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
		for _, t := range tmps {
			if err := os.Remove(t); err != nil {
				return fmt.Errorf("outbox: %w", err)
			}
		}
	}
	return nil
}

// Previous opens the interrupted run's manifest, or returns nil when there
// is none.
func (p *Prepared) Previous() (*ManifestReader, error) {
	if !p.Resumed {
		return nil, nil
	}
	return openManifest(filepath.Join(p.Path, PreviousManifest))
}

// Finish removes what only a resumed run needed.
func (p *Prepared) Finish() error {
	if err := os.Remove(filepath.Join(p.Path, PreviousManifest)); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// ManifestReader reads a manifest line by line. A last line cut short (a
// run killed while appending) ends the manifest.
type ManifestReader struct {
	f *os.File
	r *bufio.Reader
}

// Next returns the next entry; ok is false at the end.
func (m *ManifestReader) Next() (e Entry, ok bool) {
	for {
		line, err := m.r.ReadBytes('\n')
		if err != nil {
			return Entry{}, false // EOF, or a cut-short last line
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if dec.Decode(&e) != nil {
			return Entry{}, false
		}
		return e, true
	}
}

// Close closes the manifest.
func (m *ManifestReader) Close() error { return m.f.Close() }

// ManifestWriter appends entries to manifest.jsonl; Sync makes what was
// appended durable, after the letters it names.
type ManifestWriter struct {
	dir *Dir
	f   *os.File
	enc *json.Encoder
	// held are the entries appended and not yet handed to the system
	// (heldN of them): only while a sync started by StartSync is under
	// way.
	held  bytes.Buffer
	heldN int
	// syncing gets the result of the sync under way, or is nil.
	syncing chan error
}

// maxHeld is how many entries Append holds back while a sync is under way
// before it waits for the sync: it bounds the letters on disk that a
// killed run has not recorded.
const maxHeld = 32

// AppendManifest opens a new, empty manifest.jsonl (0600) for appending.
func (d *Dir) AppendManifest() (*ManifestWriter, error) {
	f, err := os.OpenFile(filepath.Join(d.Path, ManifestFile), os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	if d.barrierDir, err = os.Open(d.Path); err != nil {
		f.Close()
		return nil, fmt.Errorf("outbox: %w", err)
	}
	m := &ManifestWriter{dir: d, f: f}
	m.enc = json.NewEncoder(&m.held)
	m.enc.SetEscapeHTML(false)
	return m, nil
}

// Append adds one entry and hands it to the system at once, so that a
// killed process loses none (the letter's files are written before its
// entry), except while a sync started by StartSync is under way: the
// entries appended meanwhile (at most maxHeld, then Append waits for the
// sync) are handed over when it is done, so that a sync makes durable no
// entry whose letters it may not have. Sync makes the entries durable
// across a power loss.
func (m *ManifestWriter) Append(e Entry) error {
	if err := m.enc.Encode(e); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	m.heldN++
	if m.syncing != nil {
		select {
		case err := <-m.syncing:
			m.syncing = nil
			if err != nil {
				return err
			}
		default:
			if m.heldN < maxHeld {
				return nil
			}
			if err := m.wait(); err != nil {
				return err
			}
		}
	}
	return m.flush()
}

// wait waits for the sync under way, if any, and returns its error.
func (m *ManifestWriter) wait() error {
	if m.syncing == nil {
		return nil
	}
	err := <-m.syncing
	m.syncing = nil
	return err
}

// flush hands the held entries to the system.
func (m *ManifestWriter) flush() error {
	_, err := m.f.Write(m.held.Bytes())
	m.held.Reset()
	m.heldN = 0
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// Sync makes the letters written so far durable (Dir.SyncLetters: those
// the entries name among them) and then the entries appended. (The system
// may write entries back earlier, before their letters: a resume hashes
// the letters it keeps.)
func (m *ManifestWriter) Sync() error {
	if err := m.wait(); err != nil {
		return err
	}
	if err := m.flush(); err != nil {
		return err
	}
	return m.sync()
}

// StartSync starts a Sync of the entries appended so far and returns
// without waiting for it: the next Append, Sync or Close returns its
// error. The CPUs go on with the next letters while the disk writes.
func (m *ManifestWriter) StartSync() error {
	if err := m.wait(); err != nil {
		return err
	}
	if err := m.flush(); err != nil {
		return err
	}
	done := make(chan error, 1)
	m.syncing = done
	go func() { done <- m.sync() }()
	return nil
}

// sync is the barrier, then the manifest's fsync.
func (m *ManifestWriter) sync() error {
	if err := m.dir.SyncLetters(); err != nil {
		return err
	}
	if err := fsyncFile(m.f); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// fsyncFile is (*os.File).Sync: a test records with it when the manifest
// is made durable.
var fsyncFile = (*os.File).Sync

// Close syncs (Sync) and closes the manifest.
func (m *ManifestWriter) Close() error {
	err := m.Sync()
	if cerr := m.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("outbox: %w", cerr)
	}
	if m.dir.barrierDir != nil {
		m.dir.barrierDir.Close()
		m.dir.barrierDir = nil
	}
	return err
}

// CSVWriter streams a report CSV to a temporary file that Commit renames
// to its final name, so a killed run never leaves a partial report.
type CSVWriter struct {
	a  *atomicFile
	w  *bufio.Writer
	cw *CSV
}

// CreateCSV starts the report rel with its header row, written through
// CSV with the directory's delimiter (Dir.Comma).
func (d *Dir) CreateCSV(rel string, header []string) (*CSVWriter, error) {
	full, err := d.resolve(rel)
	if err != nil {
		return nil, err
	}
	a, err := createAtomic(full)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(a.f, 1<<16)
	cw, err := NewCSV(w, d.Comma)
	if err != nil {
		a.abort()
		return nil, err
	}
	c := &CSVWriter{a: a, w: w, cw: cw}
	return c, c.Write(header)
}

// Write adds a row, neutralising cells a spreadsheet would run as a formula.
func (c *CSVWriter) Write(row []string) error {
	return c.cw.Write(row)
}

// Commit flushes, fsyncs and renames the report to its final name.
func (c *CSVWriter) Commit() error {
	err := c.cw.Flush()
	if ferr := c.w.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("outbox: %w", ferr)
	}
	if err != nil {
		c.a.abort()
		return err
	}
	return c.a.commit()
}

// Abort discards the report.
func (c *CSVWriter) Abort() { c.a.abort() }

// Unchanged reports whether the files of an entry are in the directory with
// the hashes the entry records.
func (d *Dir) Unchanged(e Entry) bool {
	check := func(rel, want string) bool {
		full, err := d.resolve(rel)
		if err != nil {
			return false
		}
		data, err := os.ReadFile(full)
		if err != nil {
			return false
		}
		sum := sha256.Sum256(data)
		return hex.EncodeToString(sum[:]) == want
	}
	if !check(e.PDF, e.PDFSHA256) {
		return false
	}
	return e.EML == "" || check(e.EML, e.EMLSHA256)
}
