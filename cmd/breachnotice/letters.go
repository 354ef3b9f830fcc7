package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/letters/run"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

const lettersHelp = `Usage: breachnotice letters --incident FILE --customers FILE --out DIR [flags]

Writes one letter per person to be notified: a print-ready PDF (pdf/) and an
email (email/, only for persons with an email address).
Also writes manifest.jsonl (one line per letter, with sha256 of each file),
rejects.csv (rows that could not be used, with the reason), not_notified.csv
(persons the law does not require us to notify, with the reason) and
summary.json. Every row is accounted for: rows = letters + rejects + not
required. DIR is created 0700 and every file 0600.

Letters are in English, Italian, French, Chinese or Russian: the customer's
language when it has a catalog, else the jurisdiction's, else English. A
regional variant of a language (locales/<lang>-<REGION>.toml, such as en-GB)
is used for readers in the countries it lists; the manifest names each
letter's locale. Letters not in the language the customer asked for, because
it has no catalog, are counted per requested and written language
("fallback: de→en 1") and marked in the manifest (requested_language).

The customer file is .xlsx/.xlsm (first sheet, or --sheet; encrypted ones
with --password-file) or delimited text (.csv, .tsv, .txt: the delimiter and
the encoding are detected, or --encoding). Check it first with
"breachnotice import --customers FILE --dry-run". Headers are recognised in
English, Italian, French, Chinese and Russian; --mapping overrides them with
a TOML file:

  [columns]
  customer_id = "Kundennummer"
  email = "Mail"

The file is read three times: a first pass sorts the keys of the duplicate
checks in a hidden directory next to --out (about 32 bytes per row, removed
at the end), a second counts the persons (thresholds such as "more than 500
residents" are decided on the whole file), a third renders the letters on
--workers cores while the manifest is appended in file order. Memory does
not grow with the file. On a terminal a progress bar shows rows, letters per
second and the time left; elsewhere (kubectl logs, a batch job, CI) a line
every 5 seconds says the rows done, letters, rejects, rows per second and the
time left, on stderr, after a line per pass over the file before it ("pass 1
of 3 (duplicate checks): 40% of the customer file read"); "--log-format
json" makes them one JSON object per line (time, rows, total_rows,
letters, rejects, rate, eta_seconds; while the first two passes read:
time, pass, stage, read_bytes, size_bytes, percent). Nothing with --quiet.

A run that is killed (power cut, SIGKILL, a pod evicted) is resumed by
running it again with the same arguments: letters already written whose
files still hash to what the manifest recorded are kept, the rest are
written; however often it is killed, each restart keeps the letters of all
the runs before. With a pinned --now the result is byte for byte the same
as an uninterrupted run. Without --now, a resumed run keeps the first run's clock.

DIR is the tool's own: a run holds a lock there (.breachnotice.lock, with
its pid and host), and a second run or an audit of the same DIR meanwhile is
refused, naming them; a lock left by a killed run does not block the next.
A finished run in DIR is kept: the same command again says it is already
finished, writes nothing and exits as that run did (its summary printed
again); another incident, rule set, customer file, --now, --as-of, --shard
or --attach-pdf is refused. --replace replaces the run in DIR, finished or
not, made with any arguments: it deletes the files that run wrote (those of
manifest.jsonl and run.json, its letters, audit.json and audit.xlsx) once
the new run has read the customer file, then writes the new one. Files
breachnotice did not write are never deleted: a DIR holding any (or no
run.json of ours) is refused, naming them.

--shard K/N writes only the persons whose customer id hashes to shard K of
N (1 <= K <= N): N machines running shards 1/N ... N/N with the same
arguments and --now write together exactly one full run; check them with
"breachnotice audit DIR1 ... DIRN" (see docs/kubernetes.md).

The email is the letter as text and HTML, and follows the letter's own
advice against phishing: it has no links (the reader types our address, as
the letter asks), no attachment unless --attach-pdf is given (then the PDF,
named in the letter's language, and a sentence saying it is the same letter
to keep), and a preheader, the line an inbox shows next to the subject, that
says who writes and why. Its Date header is the letter's date (--now), by
design: the email is the letter, written before it is sent; a later sending
step may reset it to the time of sending. Header lines are folded within 78
characters, and "Auto-Submitted: auto-generated" keeps automatic replies
away.

` + csvHelp + `

To review the wording before the run, render sample letters without a
customer file: "breachnotice letters --preview --incident FILE --out DIR"
(see "breachnotice preview --help").

Example (the shipped sample):

  breachnotice letters --incident testdata/incident.toml \
    --customers testdata/customers.xlsx --out out --now 2026-11-22T10:00:00+01:00
`

func runLetters(args []string, stdout, stderr io.Writer) int {
	for i, a := range args {
		if a == "--preview" || a == "-preview" {
			return runPreview(slices.Delete(slices.Clone(args), i, i+1), stdout, stderr)
		}
	}
	fs := newFlags("letters", lettersHelp, stderr)
	incident := fs.String("incident", "", incidentUsage)
	cf := addCustomerFlags(fs)
	out := fs.String("out", "", "output `DIR` (created 0700; must be new, empty, or a run of the same arguments to resume; see --replace)")
	rulesDir := fs.String("rules", "", "jurisdiction rules `DIR` (default: the embedded rules)")
	asOf := fs.String("as-of", "", asOfUsage)
	now := fs.String("now", "", "pin the clock (RFC 3339): letter dates, PDF and email dates derive from it (the email's Date is the letter's)")
	quiet := fs.Bool("quiet", false, "print nothing but errors (no progress bar or log)")
	logFormat := fs.String("log-format", logText, "progress log `FORMAT` on stderr: text, or json (one object per line; also on a terminal)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "render `N` letters at once (default: the CPUs this process may use, container limits included)")
	shardFlag := fs.String("shard", "", "write only shard `K/N` of the persons (1 <= K <= N)")
	delimiter := addCSVDelimiterFlag(fs)
	attachPDF := fs.Bool("attach-pdf", false, "attach the letter's PDF to each email (default: no attachment)")
	replace := fs.Bool("replace", false, "replace the run already in --out (finished or not, any arguments): delete the files it wrote, never others")
	cpuProfile := addCPUProfileFlag(fs)
	if done, st := parse(fs, args); done {
		return st
	}
	if fs.NArg() > 0 {
		return errorf(stderr, "letters: unexpected argument %q", fs.Arg(0))
	}
	if cf.path == "" || *out == "" {
		return errorf(stderr, "letters: --incident, --customers and --out are required (see --help)")
	}
	var shard run.Shard
	if *shardFlag != "" {
		var err error
		if shard, err = run.ParseShard(*shardFlag); err != nil {
			return errorf(stderr, "letters: --shard: %v", err)
		}
	}
	comma, err := csvDelimiter(*delimiter)
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	if *logFormat != logText && *logFormat != logJSON {
		return errorf(stderr, "letters: --log-format %q: want text or json", *logFormat)
	}
	if *workers < 1 {
		return errorf(stderr, "letters: --workers %d: want at least 1", *workers)
	}
	day, err := parseAsOf(*asOf)
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	clock, err := parseNow(*now)
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	in, source, err := loadIncidentSource(*incident)
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	set, err := loadRules(*rulesDir)
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	rfs, _ := rulesSource(*rulesDir)
	fingerprint, err := rules.Fingerprint(rfs)
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	cats, err := locales.Load(locales.FS())
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	faces, err := loadFonts()
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	opts, err := cf.options()
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	sheet, err := cf.open()
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	defer sheet.Close()
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	bar := newProgress(stderr, *quiet, *logFormat)
	sum, err := run.Run(run.Config{Incident: in, Rules: set, Catalogs: cats, Fonts: faces, Customers: sheet, Import: opts, OutPath: *out, Now: clock, AsOf: day,
		IncidentSource: source, RulesFingerprint: fingerprint, Workers: *workers, Shard: shard, ClockUnpinned: *now == "", Progress: bar.update,
		CSVDelimiter: comma, AttachPDF: *attachPDF, Tool: toolVersion(), Replace: *replace})
	kept := bar.finish()
	if perr := stopProfile(); perr != nil && err == nil {
		err = perr
	}
	if st, ok := alreadyFinished(err, *out, *quiet, cf.path, stdout, stderr); ok {
		return st
	}
	if err != nil {
		return errorf(stderr, "letters: %v", err)
	}
	if !*quiet {
		printLetters(stdout, cf.path, *out, sum, kept)
	}
	if sum.Rejects > 0 {
		return exitFindings
	}
	return exitOK
}

// alreadyFinished handles a run refused because --out holds the same
// run, finished: it says so, prints that run's summary (unless quiet) and
// returns the status that run had; ok is false for any other outcome.
func alreadyFinished(err error, out string, quiet bool, file string, stdout, stderr io.Writer) (status int, ok bool) {
	var fe *outbox.FinishedError
	if !errors.As(err, &fe) || !fe.Same {
		return 0, false
	}
	sum, err := outbox.ReadSummary(out)
	if err != nil {
		return errorf(stderr, "letters: %v", err), true
	}
	if !quiet {
		fmt.Fprintf(stdout, "%s already holds this run, finished at %s: nothing written (--replace writes it again)\n", out, sum.GeneratedAt)
		printLetters(stdout, file, out, sum, 0)
	}
	if sum.Rejects > 0 {
		return exitFindings, true
	}
	return exitOK, true
}

// printLetters prints what a letters run did: the balance of rows, the
// counts by language, jurisdiction and basis, and where the files are.
func printLetters(stdout io.Writer, file, out string, sum outbox.Summary, kept int) {
	fmt.Fprintf(stdout, "%s: %d rows = %d letters + %d rejects + %d not required\n", file, sum.Rows, sum.Letters, sum.Rejects, sum.NotRequired)
	if im := sum.Import; len(im.SkippedAbove) > 0 {
		fmt.Fprintf(stdout, "  header on row %d; rows above it skipped (title or notes, not customers): %s\n", im.HeaderRow, joinInts(im.SkippedAbove))
	}
	if s := ignoredColumns(sum.Import.IgnoredColumns); s != "" {
		fmt.Fprintf(stdout, "  %s\n", s)
	}
	fmt.Fprintf(stdout, "  by language:     %s\n", counts(sum.ByLanguage))
	fmt.Fprintf(stdout, "  by jurisdiction: %s\n", counts(sum.ByJurisdiction))
	fmt.Fprintf(stdout, "  by basis:        %s\n", counts(sum.ByBasis))
	if fb := sum.LanguageFallbacks; len(fb) > 0 {
		n := outbox.FallbackLetters(fb)
		fmt.Fprintf(stdout, "  fallback:        %s\n", outbox.FallbacksText(fb))
		fmt.Fprintf(stdout, "  %d %s not in the language the customer asked for, which has no catalog (manifest.jsonl: requested_language)\n", n, plural(n, "letter", "letters"))
	}
	for _, c := range sum.Conflicts {
		fmt.Fprintf(stdout, "  conflict %s (%d %s): %s\n", c.ID, c.Persons, plural(c.Persons, "person", "persons"), c.Text)
	}
	for _, w := range sum.LetterWarnings {
		rows := plural(len(w.Rows), "row ", "rows ") + joinInts(w.Rows)
		if w.Letters > len(w.Rows) {
			rows += ", …"
		}
		fmt.Fprintf(stdout, "  warning (%d %s, %s): %s\n", w.Letters, plural(w.Letters, "letter", "letters"), rows, w.Warning)
	}
	for _, f := range sum.LanguageFindings {
		fmt.Fprintf(stdout, "  finding %s: %s\n", f.ID, f.Text)
	}
	for _, w := range sum.Warnings {
		fmt.Fprintf(stdout, "  warning %s: %s\n", w.Kind, w.Text)
	}
	if sum.Replaced > 0 {
		fmt.Fprintf(stdout, "  %d %s could not be printed and replaced by \uFFFD (see manifest.jsonl)\n", sum.Replaced, plural(sum.Replaced, "character", "characters"))
	}
	if sum.Shard != "" {
		fmt.Fprintf(stdout, "  shard %s of a file of %d rows\n", sum.Shard, sum.FileRows)
	}
	if kept > 0 {
		fmt.Fprintf(stdout, "  resumed: %d %s of the interrupted run kept, %d written\n", kept, plural(kept, "letter", "letters"), sum.Letters-kept)
	}
	fmt.Fprintf(stdout, "wrote %s (emails: %d)\n", out, sum.Emails)
	if sum.Rejects > 0 {
		fmt.Fprintf(stdout, "%d %s rejected: see %s\n", sum.Rejects, plural(sum.Rejects, "row", "rows"), filepath.Join(out, outbox.RejectsFile))
	}
}

func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
