package outbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// ErrFinished is wrapped when an output directory holds a finished run
// that a run was not told to replace.
var ErrFinished = errors.New("outbox: the directory holds a finished run")

// FinishedError is returned by Admit when the directory holds a finished
// run. It wraps ErrFinished.
type FinishedError struct {
	Dir string
	// Same is true when the finished run was made from the same Run:
	// there is nothing to do.
	Same bool
	// Was is the finished run's; Now the one that was refused.
	Was, Now Run
}

func (e *FinishedError) Error() string {
	if e.Same {
		return fmt.Sprintf("outbox: %q already holds this run, finished", e.Dir)
	}
	return fmt.Sprintf("%v: %q was made with %s", ErrFinished, e.Dir, differences(e.Was, e.Now))
}

func (e *FinishedError) Unwrap() error { return ErrFinished }

// ErrForeign is wrapped when a directory holds files this package did not
// write: it never writes into such a directory nor deletes them.
var ErrForeign = errors.New("outbox: the directory holds files breachnotice did not write")

// ForeignError names the first of the files (slash paths) a directory
// holds that this package did not write. It wraps ErrForeign.
type ForeignError struct {
	Dir   string
	Files []string
	More  int // files found besides Files
	// NoRun is true when the directory holds no run at all (no run.json,
	// or one this package did not write).
	NoRun bool
}

// MaxForeign is how many files a ForeignError names.
const MaxForeign = 5

func (e *ForeignError) Error() string {
	list := strings.Join(e.Files, ", ")
	if e.More > 0 {
		list += fmt.Sprintf(" and %d more", e.More)
	}
	if e.NoRun {
		return fmt.Sprintf("outbox: %q is not empty and holds no run of breachnotice (no %s): %s: refusing to write into it", e.Dir, RunFile, list)
	}
	return fmt.Sprintf("%v: %q holds %s besides a run's files: refusing to write into it or delete anything", ErrForeign, e.Dir, list)
}

func (e *ForeignError) Unwrap() error { return ErrForeign }

// Found is what an output directory holds.
type Found struct {
	// Run is the run.json found; nil for an empty or new directory.
	Run *Run
	// Finished: summary.json is there.
	Finished bool
}

// Inspect says what the directory at path holds, changing nothing. A
// directory that is neither empty nor a run's (no run.json of ours) is a
// *ForeignError naming what is there.
func Inspect(path string) (Found, error) {
	entries, err := os.ReadDir(path)
	if os.IsNotExist(err) {
		return Found{}, nil
	}
	if err != nil {
		return Found{}, fmt.Errorf("outbox: %w", err)
	}
	entries = withoutLock(entries)
	if len(entries) == 0 || onlyEmptyDirs(path, entries) {
		return Found{}, nil
	}
	run, err := readRun(path)
	if err != nil {
		fe := &ForeignError{Dir: path, NoRun: true}
		for _, e := range entries {
			fe.add(e.Name())
		}
		return Found{}, fe
	}
	return Found{Run: run, Finished: exists(filepath.Join(path, SummaryFile))}, nil
}

// foreign returns a *ForeignError naming the files of the run's directory
// at path that the run did not write, or nil when there are none.
func foreign(path string) error {
	fe := &ForeignError{Dir: path}
	o := &ownership{dir: path}
	if err := o.walk(fe.add, nil); err != nil {
		return err
	}
	if len(fe.Files) == 0 {
		return nil
	}
	return fe
}

func (e *ForeignError) add(name string) {
	if len(e.Files) < MaxForeign {
		e.Files = append(e.Files, name)
	} else {
		e.More++
	}
}

func withoutLock(entries []os.DirEntry) []os.DirEntry {
	out := entries[:0:0]
	for _, e := range entries {
		if e.Name() != LockFile {
			out = append(out, e)
		}
	}
	return out
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

// readRun reads run.json strictly: a file of that name with other fields,
// or without the hashes every run records, is not ours.
func readRun(dir string) (*Run, error) {
	data, err := os.ReadFile(filepath.Join(dir, RunFile))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Run
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	if r.CustomersSHA256 == "" || r.Now == "" {
		return nil, errors.New("not a run's")
	}
	return &r, nil
}

// Admit decides whether a run described by run may use the directory at
// path (pinned: run.Now is the caller's pinned clock, compared; otherwise
// a previous run's clock stands), changing nothing: an empty or new
// directory, or an unfinished run of the same Run (resumed) whose
// directory holds only its own files, is admitted;
// with replace, any run of ours whose directory holds only its own files.
// Otherwise it fails with a *FinishedError, an *OtherRunError or a
// *ForeignError.
func Admit(path string, run Run, pinned, replace bool) (Found, error) {
	f, err := Inspect(path)
	if err != nil || f.Run == nil {
		return f, err
	}
	if replace {
		return f, foreign(path)
	}
	cmp := run
	if !pinned {
		cmp.Now = f.Run.Now
	}
	switch {
	case f.Finished:
		return f, &FinishedError{Dir: path, Same: cmp == *f.Run, Was: *f.Run, Now: cmp}
	case cmp != *f.Run:
		return f, &OtherRunError{Dir: path, Was: *f.Run, Now: cmp}
	}
	// An unfinished run is resumed only among its own files: resuming
	// rewrites and removes files of the run, never another's.
	return f, foreign(path)
}

// Clear deletes the run in the directory at path, finished or not: the
// files it wrote, and nothing else. A directory holding any file it did
// not write is refused (*ForeignError) and left as it is. The summary
// goes first (the run is then unfinished) and run.json last, so a Clear
// that is killed can be done again.
func Clear(path string) error {
	f, err := Inspect(path)
	if err != nil || f.Run == nil {
		return err
	}
	if err := foreign(path); err != nil {
		return err
	}
	o := &ownership{dir: path}
	o.inManifest("") // read before the manifest goes
	for _, name := range []string{SummaryFile, ManifestFile, PreviousManifest} {
		if err := removeFile(filepath.Join(path, name)); err != nil {
			return err
		}
	}
	var rmErr error
	err = o.walk(func(string) {}, func(rel string) {
		if rel != RunFile && rmErr == nil {
			rmErr = removeFile(filepath.Join(path, filepath.FromSlash(rel)))
		}
	})
	if err = errors.Join(err, rmErr); err != nil {
		return err
	}
	if err := removeFile(filepath.Join(path, RunFile)); err != nil {
		return err
	}
	for _, sub := range []string{PDFDir, EmailDir} {
		if err := os.Remove(filepath.Join(path, sub)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("outbox: %w", err)
		}
	}
	return nil
}

func removeFile(p string) error {
	if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// ReadSummary reads the summary.json of a finished run.
func ReadSummary(dir string) (Summary, error) {
	var s Summary
	data, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if err == nil {
		err = json.Unmarshal(data, &s)
	}
	if err != nil {
		return s, fmt.Errorf("outbox: %s: %w", SummaryFile, err)
	}
	return s, nil
}

// letterName is the name of a letter's file (FileStem and extension).
var letterName = regexp.MustCompile(`^row[0-9]{6,}-[0-9a-f]{12}\.(pdf|eml)$`)

// ownership tells a run's own files from others: the top-level files of
// a run (TopLevelFiles, the previous manifest, the lock), the letters in
// pdf/ and email/ (named by FileStem, or listed in the manifest) and the
// temporary files of the atomic writer and of the reports.
type ownership struct {
	dir    string
	listed map[string]bool // the manifest's files, read when first needed
}

// walk calls foreign for each file (or directory) the run did not write,
// and own, if not nil, for each it did.
func (o *ownership) walk(foreign, own func(rel string)) error {
	return filepath.WalkDir(o.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		rel, _ := filepath.Rel(o.dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case d.IsDir() && (rel == PDFDir || rel == EmailDir):
			return nil
		case d.IsDir():
			foreign(rel + "/")
			return fs.SkipDir
		case o.owns(rel, d):
			if own != nil {
				own(rel)
			}
		default:
			foreign(rel)
		}
		return nil
	})
}

// owns reports whether the run wrote the file rel.
func (o *ownership) owns(rel string, d fs.DirEntry) bool {
	if !d.Type().IsRegular() {
		return false
	}
	dir, name := path.Split(rel)
	switch dir {
	case "":
		return name == PreviousManifest || name == LockFile || strings.HasPrefix(name, ".tmp-") ||
			isReportTemp(name) || slices.Contains(topLevelFiles, name)
	case PDFDir + "/", EmailDir + "/":
		return strings.HasPrefix(name, ".tmp-") || letterName.MatchString(name) || o.inManifest(rel)
	}
	return false
}

// inManifest reports whether the manifest (or the previous one) lists rel.
func (o *ownership) inManifest(rel string) bool {
	if o.listed == nil {
		o.listed = map[string]bool{}
		for _, name := range []string{ManifestFile, PreviousManifest} {
			m, err := openManifest(filepath.Join(o.dir, name))
			if err != nil || m == nil {
				continue
			}
			for e, ok := m.Next(); ok; e, ok = m.Next() {
				o.listed[e.PDF], o.listed[e.EML] = true, e.EML != ""
			}
			m.Close()
		}
	}
	return o.listed[rel]
}
