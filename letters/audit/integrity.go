package audit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// load reads an output's small top-level files and reads its manifest
// through once; it fails only when the output cannot be audited at all.
func load(o Output) (*loaded, error) {
	l := &loaded{Output: o, files: map[string][]byte{}}
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
		if name == outbox.ManifestFile {
			l.hasManifest = true
		}
	}
	if !l.hasManifest {
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
// whole: the manifest (a line per letter) and an earlier audit's reports.
func streamed(name string) bool {
	return name == outbox.ManifestFile || name == outbox.AuditJSON || name == outbox.AuditXLSX
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
	account := func(file string, row int) {
		if prev, dup := a.rows[row]; dup {
			a.add(file, CheckIntegrity, "row_twice", "row %d is accounted for twice (also in %s)", row, prev)
			return
		}
		a.rows[row] = file
	}
	for _, f := range []struct {
		name string
		want int
	}{{outbox.RejectsFile, s.Rejects}, {outbox.NotNotifiedFile, s.NotRequired}} {
		file := l.name(f.name)
		rows, err := csvRows(l.files, f.name)
		if err != nil {
			a.add(file, CheckIntegrity, "unreadable", "%v", err)
			continue
		}
		if len(rows) != f.want {
			a.add(file, CheckIntegrity, "count", "has %d rows, %s says %d", len(rows), outbox.SummaryFile, f.want)
		}
		for _, r := range rows {
			account(file, r)
		}
	}
	ids := map[string]bool{}
	listed := map[string]bool{}
	err := l.each(func(e outbox.Entry) error {
		account(l.name(e.PDF), e.Row)
		if ids[e.CustomerID] {
			a.add(l.name(outbox.ManifestFile), CheckIntegrity, "duplicate", "customer %q has more than one letter", e.CustomerID)
		}
		ids[e.CustomerID] = true
		listed[e.PDF] = true
		if e.EML != "" {
			listed[e.EML] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	if n := len(a.rows); s.Balanced() && len(a.rep.outputs) == 1 && n != s.Rows {
		a.add(sumFile, CheckIntegrity, "rows", "%d rows are accounted for by letters, rejects and persons not notified; %s says %d", n, outbox.SummaryFile, s.Rows)
	}
	a.rep.Files += l.present
	// No file outside the manifest, and nothing half-written.
	_ = fs.WalkDir(l.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			a.add(l.name(p), CheckIntegrity, "unreadable", "cannot list: %v", err)
			return nil
		}
		if p == "." {
			return nil
		}
		top, _, nested := strings.Cut(p, "/")
		switch {
		case d.IsDir() && (p == outbox.PDFDir || p == outbox.EmailDir):
			return nil
		case d.IsDir():
			a.add(l.name(p), CheckIntegrity, "extra_file", "directory is not part of the output")
			return fs.SkipDir
		case !nested && slices.Contains(outbox.TopLevelFiles(), p):
			return nil
		case nested && (top == outbox.PDFDir || top == outbox.EmailDir) && listed[p]:
			return nil
		case strings.HasPrefix(path.Base(p), ".tmp-"):
			a.add(l.name(p), CheckIntegrity, "partial_file", "a half-written temporary file: the run was interrupted")
		default:
			a.add(l.name(p), CheckIntegrity, "extra_file", "file is not in %s", outbox.ManifestFile)
		}
		return nil
	})
	return nil
}

// csvRows returns the row numbers listed in a report CSV (first column),
// read by outbox.ReadCSV: with or without a BOM, with whichever delimiter
// the run was given (the header line says which).
func csvRows(files map[string][]byte, name string) ([]int, error) {
	data, ok := files[name]
	if !ok {
		return nil, fmt.Errorf("missing")
	}
	recs, err := outbox.ReadCSV(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || len(recs[0]) == 0 || recs[0][0] != "row" {
		return nil, fmt.Errorf("no header row")
	}
	var rows []int
	for i, r := range recs[1:] {
		n, err := strconv.Atoi(r[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: row %q is not a number", i+2, r[0])
		}
		rows = append(rows, n)
	}
	return rows, nil
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
	if got := len(a.rows); got != first.sum.FileRows {
		a.add(first.name(outbox.SummaryFile), CheckIntegrity, "rows", "the shards account for %d rows; the customer file has %d", got, first.sum.FileRows)
	}
}
