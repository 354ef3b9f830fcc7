package audit

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// load reads an output's small top-level files and reads its manifest
// through once; it fails only when the output cannot be audited at all.
func load(o Output) (*loaded, error) {
	l := &loaded{Output: o, files: map[string][]byte{}, has: map[string]bool{}}
	for _, name := range outbox.TopLevelFiles() {
		var err error
		if streamed(name) {
			_, err = fs.Stat(o.FS, name)
		} else {
			l.files[name], err = fs.ReadFile(o.FS, name)
		}
		if errors.Is(err, fs.ErrNotExist) {
			delete(l.files, name)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%w %q: %w", ErrCannotAudit, o.Name, err)
		}
		l.present++
		l.has[name] = true
	}
	if !l.has[outbox.ManifestFile] {
		return nil, fmt.Errorf("%w %q: no %s: not an output directory of breachnotice letters, or an unfinished run", ErrCannotAudit, o.Name, outbox.ManifestFile)
	}
	if _, ok := l.files[outbox.SummaryFile]; !ok {
		return nil, fmt.Errorf("%w %q: no %s: not an output directory of breachnotice letters, or an unfinished run", ErrCannotAudit, o.Name, outbox.SummaryFile)
	}
	if err := l.each(func(outbox.Entry) error { l.letters++; return nil }); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(l.files[outbox.SummaryFile], &l.sum); err != nil {
		return nil, fmt.Errorf("%w %q: %s: %w", ErrCannotAudit, o.Name, outbox.SummaryFile, err)
	}
	return l, nil
}

// streamed are the top-level files the audit reads as streams, never
// whole: the manifest (a line per letter), the lists of rejects and
// persons not notified (a line per row) and an earlier audit's reports.
func streamed(name string) bool {
	switch name {
	case outbox.ManifestFile, outbox.RejectsFile, outbox.NotNotifiedFile, outbox.AuditJSON, outbox.AuditXLSX:
		return true
	}
	return false
}

// each reads the manifest through and calls fn for each entry; an output
// whose manifest cannot be read cannot be audited.
func (l *loaded) each(fn func(outbox.Entry) error) error {
	f, err := l.FS.Open(outbox.ManifestFile)
	if err != nil {
		return fmt.Errorf("%w %q: %w", ErrCannotAudit, l.Name, err)
	}
	defer f.Close()
	if err := outbox.ScanManifest(bufio.NewReader(f), fn); err != nil {
		return fmt.Errorf("%w %q: %w", ErrCannotAudit, l.Name, err)
	}
	return nil
}

// integrity checks an output as a whole: the counts balance, every row is
// accounted for exactly once, the manifest and the files agree one to one,
// and the output was made with the rules this audit applies.
func (a *auditor) integrity(l *loaded) error {
	s := l.sum
	a.rep.Rows += s.Rows
	a.rep.Letters += l.letters
	a.rep.Rejects += s.Rejects
	a.rep.NotRequired += s.NotRequired
	a.rep.Emails += s.Emails
	sumFile := l.name(outbox.SummaryFile)
	if !s.Balanced() {
		a.add(sumFile, CheckIntegrity, "unbalanced", "rows %d != letters %d + rejects %d + not required %d (import: rows %d = persons %d + rejects %d)",
			s.Rows, s.Letters, s.Rejects, s.NotRequired, s.Import.Rows, s.Import.Persons, s.Import.Rejects)
	}
	if s.Letters != l.letters {
		a.add(l.name(outbox.ManifestFile), CheckIntegrity, "count", "has %d letters, %s says %d", l.letters, outbox.SummaryFile, s.Letters)
	}
	if a.cfg.RulesFingerprint != "" && s.RulesSHA256 != a.cfg.RulesFingerprint {
		a.add(sumFile, CheckIntegrity, CodeOtherRules, "the letters were made with rules %s, this audit applies rules %s: audit with the rule files of the run",
			short(s.RulesSHA256), short(a.cfg.RulesFingerprint))
	}
	for _, f := range []struct {
		name string
		want int
	}{{outbox.RejectsFile, s.Rejects}, {outbox.NotNotifiedFile, s.NotRequired}} {
		file := l.name(f.name)
		// Read through once to check it, then again to account its rows:
		// a file that does not read accounts for none.
		n, err := csvRows(l.FS, f.name, nil)
		if err == nil {
			if n != f.want {
				a.add(file, CheckIntegrity, "count", "has %d rows, %s says %d", n, outbox.SummaryFile, f.want)
			}
			_, err = csvRows(l.FS, f.name, func(row int) { a.account(file, row) })
		}
		if err != nil {
			a.add(file, CheckIntegrity, "unreadable", "%v", err)
		}
	}
	a.rep.Files += l.present
	ids := newSpool(a.cfg.TempDir, strings.Compare)
	listed := newSpool(a.cfg.TempDir, strings.Compare)
	defer ids.close()
	defer listed.close()
	err := l.each(func(e outbox.Entry) error {
		a.account(l.name(e.PDF), e.Row)
		ids.add(e.CustomerID)
		listed.add(e.PDF)
		if e.EML != "" {
			listed.add(e.EML)
		}
		return nil
	})
	if err == nil {
		err = a.duplicates(l, ids)
	}
	if err == nil {
		err = a.walk(l, listed)
	}
	return err
}

// accounted is a row accounted for by a file (a letter, rejects.csv,
// not_notified.csv), in the order of accounting.
type accounted struct {
	Row  int    `json:"r"`
	Seq  int    `json:"s"`
	File string `json:"f"`
}

func compareAccounted(x, y accounted) int {
	return cmp.Or(cmp.Compare(x.Row, y.Row), cmp.Compare(x.Seq, y.Seq))
}

func (a *auditor) account(file string, row int) {
	a.accounted.add(accounted{Row: row, Seq: a.accounted.len(), File: file})
}

// checkRows checks, once every output is accounted, that each row is
// accounted for once (a row accounted for again names the file that did
// first), and counts the rows; a single output accounts for all its rows.
func (a *auditor) checkRows() error {
	var first accounted
	n := 0
	err := a.accounted.each(func(x accounted) error {
		if n > 0 && x.Row == first.Row {
			a.add(x.File, CheckIntegrity, "row_twice", "row %d is accounted for twice (also in %s)", x.Row, first.File)
			return nil
		}
		first, n = x, n+1
		return nil
	})
	if err != nil {
		return err
	}
	a.rowCount = n
	if outs := a.rep.outputs; len(outs) == 1 {
		if s := outs[0].sum; s.Balanced() && n != s.Rows {
			a.add(outs[0].name(outbox.SummaryFile), CheckIntegrity, "rows", "%d rows are accounted for by letters, rejects and persons not notified; %s says %d", n, outbox.SummaryFile, s.Rows)
		}
	}
	return nil
}

// duplicates: a customer with more than one letter in an output.
func (a *auditor) duplicates(l *loaded, ids *spool[string]) error {
	prev, n := "", 0
	return ids.each(func(id string) error {
		if n > 0 && id == prev {
			a.add(l.name(outbox.ManifestFile), CheckIntegrity, "duplicate", "customer %q has more than one letter", id)
		}
		prev, n = id, n+1
		return nil
	})
}

// walk checks the output holds its own files and nothing else: no file
// outside the manifest, nothing half-written. The letters' folders are
// read in batches and their files compared in order with the manifest's
// (listed), so that no list of them is held.
func (a *auditor) walk(l *loaded, listed *spool[string]) error {
	top, err := fs.ReadDir(l.FS, ".")
	if err != nil {
		a.add(l.name("."), CheckIntegrity, "unreadable", "cannot list: %v", err)
	}
	found := newSpool(a.cfg.TempDir, strings.Compare)
	defer found.close()
	for _, d := range top {
		p := d.Name()
		switch {
		case d.IsDir() && (p == outbox.PDFDir || p == outbox.EmailDir):
			a.walkLetters(l, p, found)
		case d.IsDir():
			a.add(l.name(p), CheckIntegrity, "extra_file", "directory is not part of the output")
		case slices.Contains(outbox.TopLevelFiles(), p) || p == outbox.LockFile:
			// the lock: of this audit, or left by a killed process
		case strings.HasPrefix(p, ".tmp-"):
			// Beside a summary, which a run writes last: not the run's.
			a.add(l.name(p), CheckIntegrity, "partial_file", "a half-written temporary file, left by a process killed after the run finished (an audit of an older version): remove it")
		default:
			a.stray(l, p)
		}
	}
	return a.unlisted(l, found, listed)
}

// walkLetters lists the files of a letters' folder into found; a folder
// inside is not part of the output.
func (a *auditor) walkLetters(l *loaded, dir string, found *spool[string]) {
	f, err := l.FS.Open(dir)
	if err != nil {
		a.add(l.name(dir), CheckIntegrity, "unreadable", "cannot list: %v", err)
		return
	}
	defer f.Close()
	rd, ok := f.(fs.ReadDirFile)
	if !ok {
		a.add(l.name(dir), CheckIntegrity, "unreadable", "cannot list: not a directory")
		return
	}
	for {
		ds, err := rd.ReadDir(1024)
		for _, d := range ds {
			if p := dir + "/" + d.Name(); d.IsDir() {
				a.add(l.name(p), CheckIntegrity, "extra_file", "directory is not part of the output")
			} else {
				found.add(p)
			}
		}
		if errors.Is(err, io.EOF) || (err == nil && len(ds) == 0) {
			return
		}
		if err != nil {
			a.add(l.name(dir), CheckIntegrity, "unreadable", "cannot list: %v", err)
			return
		}
	}
}

// unlisted: each file found that the manifest does not list is half
// written or foreign. Both lists are read in order, side by side.
func (a *auditor) unlisted(l *loaded, found, listed *spool[string]) error {
	var listErr error
	next, stop := iter.Pull(func(yield func(string) bool) {
		listErr = listed.each(func(p string) error {
			if !yield(p) {
				return errStop
			}
			return nil
		})
	})
	defer stop()
	want, more := next()
	err := found.each(func(p string) error {
		for more && want < p {
			want, more = next()
		}
		if !more || want != p {
			a.stray(l, p)
		}
		return nil
	})
	stop()
	if err == nil && !errors.Is(listErr, errStop) {
		err = listErr
	}
	return err
}

// errStop stops a spool's each early.
var errStop = errors.New("audit: stop")

// stray is a file the output should not hold: half written (a run was
// interrupted) or foreign.
func (a *auditor) stray(l *loaded, p string) {
	if strings.HasPrefix(path.Base(p), ".tmp-") {
		a.add(l.name(p), CheckIntegrity, "partial_file", "a half-written temporary file: the run was interrupted")
		return
	}
	a.add(l.name(p), CheckIntegrity, "extra_file", "file is not in %s", outbox.ManifestFile)
}

// csvRows reads the row numbers listed in a report CSV (first column),
// read by outbox.ScanCSV: with or without a BOM, with whichever delimiter
// the run was given (the header line says which). It calls fn for each
// (unless fn is nil) and returns how many there are.
func csvRows(fsys fs.FS, name string, fn func(row int)) (int, error) {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("missing")
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, line := 0, 0
	err = outbox.ScanCSV(f, func(rec []string) error {
		line++
		if line == 1 {
			if len(rec) == 0 || rec[0] != "row" {
				return fmt.Errorf("no header row")
			}
			return nil
		}
		row, err := strconv.Atoi(rec[0])
		if err != nil {
			return fmt.Errorf("line %d: row %q is not a number", line, rec[0])
		}
		n++
		if fn != nil {
			fn(row)
		}
		return nil
	})
	if err == nil && line == 0 {
		err = fmt.Errorf("no header row")
	}
	return n, err
}

// readFile reads a letter file named by the manifest and checks its hash.
// ok is false when the content cannot be trusted as the run's.
func (a *auditor) readFile(l *loaded, rel, want string) ([]byte, bool) {
	if rel == "" || !fs.ValidPath(rel) {
		a.add(l.name(outbox.ManifestFile), CheckIntegrity, "bad_path", "bad file path %q", rel)
		return nil, false
	}
	data, err := fs.ReadFile(l.FS, rel)
	if err != nil {
		a.add(l.name(rel), CheckIntegrity, "missing", "missing or unreadable: %v", errors.Unwrap(err))
		return nil, false
	}
	a.rep.Files++
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != want {
		a.add(l.name(rel), CheckIntegrity, "sha256", "sha256 %s does not match the manifest's %s: the file was changed after the run", short(got), short(want))
		return data, false
	}
	return data, true
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	if h == "" {
		return "(none)"
	}
	return h
}

// shards checks that outputs written as shards (letters --shard K/N) are
// all the shards of one file, each once, and together account for every
// row of it.
func (a *auditor) shards() {
	outs := a.rep.outputs
	sharded := 0
	for _, l := range outs {
		if l.sum.Shard != "" {
			sharded++
		}
	}
	if sharded == 0 {
		return
	}
	first := outs[0]
	n := 0
	seen := map[int]string{}
	for _, l := range outs {
		var k, nn int
		if _, err := fmt.Sscanf(l.sum.Shard, "%d/%d", &k, &nn); err != nil || k < 1 || k > nn {
			a.add(l.name(outbox.SummaryFile), CheckIntegrity, "shard", "shard %q is not K/N", l.sum.Shard)
			continue
		}
		if n == 0 {
			n = nn
		}
		if nn != n {
			a.add(l.name(outbox.SummaryFile), CheckIntegrity, "shard", "shard %s does not belong with %s's shards of %d", l.sum.Shard, first.Name, n)
			continue
		}
		if prev, dup := seen[k]; dup {
			a.add(l.name(outbox.SummaryFile), CheckIntegrity, "shard", "shard %d/%d is also in %s", k, n, prev)
		}
		seen[k] = l.Name
		if l.sum.FileRows != first.sum.FileRows {
			a.add(l.name(outbox.SummaryFile), CheckIntegrity, "shard", "made from a file of %d rows, %s from one of %d", l.sum.FileRows, first.Name, first.sum.FileRows)
		}
		if l.sum.AttachPDF != first.sum.AttachPDF {
			a.add(l.name(outbox.SummaryFile), CheckIntegrity, "shard", "attach_pdf %v, but %s's is %v: the shards' emails differ in shape", l.sum.AttachPDF, first.Name, first.sum.AttachPDF)
		}
	}
	var missing []string
	for k := 1; k <= n; k++ {
		if _, ok := seen[k]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", k, n))
		}
	}
	if len(missing) > 0 {
		a.add(first.name(outbox.SummaryFile), CheckIntegrity, "shard", "shards %s are missing: audit every shard together", strings.Join(missing, ", "))
		return
	}
	if got := a.rowCount; got != first.sum.FileRows {
		a.add(first.name(outbox.SummaryFile), CheckIntegrity, "rows", "the shards account for %d rows; the customer file has %d", got, first.sum.FileRows)
	}
}
