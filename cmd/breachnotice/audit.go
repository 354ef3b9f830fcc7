package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/breachnotice/breachnotice/letters/audit"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

const auditHelp = `Usage: breachnotice audit [flags] DIR...

Re-reads finished output directories (one run, or the shards of one run,
audited together) and proves each letter complete, lawful and intact:

  integrity  the manifest and the files agree one to one, sha256 for sha256;
             rows = letters + rejects + not required, every row once; no
             file outside the manifest; the rules are those of the run
  PDF        read back from the file: every font embedded; a glyph for every
             character drawn (blank boxes are caught); no text smaller than
             the jurisdiction's minimum; each required content block found by
             its localized heading or wording and no forbidden one; no
             unfilled placeholder; the legal name; the script of the letter's
             language; links only to official domains (or the authorities
             the rules and catalog name)
  email      parsed back: required headers, sender on an official domain,
             text and HTML parts, the attached PDF identical to the
             manifest's, no remote images, only official links, the reader's
             name escaped
  deadlines  a letter sent (--sent-at) after its person's deadline is a
             finding; obligations to regulators, attorneys general, credit
             bureaus and media are listed with their due times
  tone       readability per language (Flesch for en, Gulpease for it,
             Kandel-Moles for fr, Oborneva for ru, characters per sentence
             for zh), long sentences, hedging phrases, apology, ownership and
             numbered steps: warnings, which do not fail the audit

Prints a summary with one line per finding, naming the file, and writes
audit.json and audit.xlsx (Summary, Findings, Letters, Obligations) into
--report DIR (default: the output directory, when there is one).
--evidence FILE.zip also writes the evidence pack: manifests, summaries,
the incident file, the audit, the rule files applied and resolved (with
citations and reviewed dates) and a SHA256SUMS list. It holds customer ids:
it is created 0600.

Before the audit starts, the report directory and the evidence pack's folder
must exist (the report directory is created) and be writable: a read-only
output is audited with --report DIR elsewhere. The audit locks the report
directory (.breachnotice.lock), so no letters run or other audit writes there
meanwhile, and removes the half-written reports a killed audit left
(.audit.json.tmp-*, .FILE.zip.tmp-*).
`

func runAudit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("audit", auditHelp, stderr)
	rulesDir := fs.String("rules", "", "jurisdiction rules `DIR` the run used (default: the embedded rules)")
	sentAt := fs.String("sent-at", "", "when the letters are sent (RFC 3339; default: now)")
	now := fs.String("now", "", "pin the audit's clock (RFC 3339)")
	report := fs.String("report", "", "write audit.json and audit.xlsx into `DIR` (default: the output directory when auditing one)")
	evidence := fs.String("evidence", "", "also write the evidence pack to `FILE.zip`")
	dirs, done, st := parseMixed(fs, args)
	if done {
		return st
	}
	if len(dirs) == 0 {
		return errorf(stderr, "audit: want one or more output directories (see --help)")
	}
	if *report == "" {
		if len(dirs) > 1 {
			return errorf(stderr, "audit: with several output directories, say where the report goes with --report DIR")
		}
		*report = dirs[0]
	}
	clock, err := parseNow(*now)
	if err != nil {
		return errorf(stderr, "audit: %v", err)
	}
	sent := clock
	if *sentAt != "" {
		if sent, err = parseTime("--sent-at", *sentAt); err != nil {
			return errorf(stderr, "audit: %v", err)
		}
	}
	set, err := loadRules(*rulesDir)
	if err != nil {
		return errorf(stderr, "audit: %v", err)
	}
	rfs, _ := rulesSource(*rulesDir)
	fingerprint, err := rules.Fingerprint(rfs)
	if err != nil {
		return errorf(stderr, "audit: %v", err)
	}
	cats, err := locales.Load(locales.FS())
	if err != nil {
		return errorf(stderr, "audit: %v", err)
	}
	cfg := audit.Config{Rules: set, RulesFS: rfs, Catalogs: cats, RulesFingerprint: fingerprint, SentAt: sent, Now: clock}
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil || !st.IsDir() {
			return errorf(stderr, "audit: cannot audit %q: not a directory", d)
		}
		cfg.Outputs = append(cfg.Outputs, audit.Output{Name: d, FS: os.DirFS(d)})
	}
	locks, err := readyReports(*report, *evidence, dirs)
	if err != nil {
		return errorf(stderr, "audit: %v", err)
	}
	defer releaseAll(locks)
	rep, err := audit.Run(cfg)
	if err != nil {
		return errorf(stderr, "%v", err)
	}
	rep.Tool = toolVersion()
	defer rep.Close()
	// The reports are written as streams, never held whole.
	for name, write := range map[string]outbox.WriterFunc{outbox.AuditJSON: rep.WriteJSON, outbox.AuditXLSX: rep.WriteXLSX} {
		if err := outbox.WriteReport(filepath.Join(*report, name), write); err != nil {
			return errorf(stderr, "audit: %v", err)
		}
	}
	// The report is printed before the evidence pack, which may fail.
	if err := rep.WriteText(stdout); err != nil {
		return errorf(stderr, "audit: %v", err)
	}
	if rep.Codes(false)[audit.CodeOtherRules] > 0 {
		fmt.Fprintln(stdout, "other rules: audit with --rules set to the rule files of the run")
	}
	if *evidence != "" {
		pack := func(w io.Writer) error { return rep.WriteEvidence(w, cfg, os.DirFS(*report)) }
		if err := outbox.WriteReport(*evidence, outbox.WriterFunc(pack)); err != nil {
			return errorf(stderr, "audit: %v", err)
		}
		fmt.Fprintf(stdout, "evidence pack: %s\n", *evidence)
	}
	if !rep.Clean() {
		return exitFindings
	}
	return exitOK
}

// readyReports makes sure, before the audit, that its reports can be
// written: the report directory (created 0700) and the evidence pack's
// directory writable, the leftovers of a killed audit there removed. It
// locks the report directory and the outputs (an output that cannot hold
// a lock, read-only, is audited unlocked), so no letters run or other
// audit writes there meanwhile.
func readyReports(report, evidence string, outputs []string) ([]*outbox.Lock, error) {
	if evidence != "" {
		if err := outbox.CheckWritable(evidence); err != nil {
			return nil, fmt.Errorf("--evidence: %w", err)
		}
	}
	if err := os.MkdirAll(report, 0o700); err != nil {
		return nil, fmt.Errorf("%w; write the report elsewhere with --report DIR", err)
	}
	for _, name := range []string{outbox.AuditJSON, outbox.AuditXLSX} {
		if err := outbox.CheckWritable(filepath.Join(report, name)); err != nil {
			return nil, fmt.Errorf("%w; write the report elsewhere with --report DIR", err)
		}
	}
	locks, err := lockAll(report, outputs)
	if err != nil {
		return nil, err
	}
	for _, p := range []string{filepath.Join(report, outbox.AuditJSON), filepath.Join(report, outbox.AuditXLSX), evidence} {
		if p == "" {
			continue
		}
		if err := outbox.RemoveReportTemps(p); err != nil {
			releaseAll(locks)
			return nil, err
		}
	}
	return locks, nil
}

// lockAll locks the report directory, then each output that can hold a
// lock (once each).
func lockAll(report string, outputs []string) ([]*outbox.Lock, error) {
	l, err := outbox.LockDir(report)
	if err != nil {
		return nil, err
	}
	locks := []*outbox.Lock{l}
	seen := map[string]bool{absPath(report): true}
	for _, d := range outputs {
		if seen[absPath(d)] {
			continue
		}
		seen[absPath(d)] = true
		l, err := outbox.LockDir(d)
		if errors.Is(err, outbox.ErrLocked) {
			releaseAll(locks)
			return nil, err
		}
		if err == nil {
			locks = append(locks, l)
		}
	}
	return locks, nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

func releaseAll(locks []*outbox.Lock) {
	for _, l := range locks {
		l.Release()
	}
}
