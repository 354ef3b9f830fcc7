// Package audit re-reads finished output directories and proves, file by
// file, that each letter is complete, lawful and intact: the manifest and
// the files agree hash for hash and every row is accounted for; each PDF,
// read back from its bytes, has every font embedded, a glyph for every
// character it draws, type no smaller than the law allows, the content the
// law requires (found by its localized heading or wording) and none it
// forbids, no unfilled placeholder, the organization's legal name, the
// script of its language and links only to official domains; each email,
// parsed back, has its headers and parts, the PDF attached unchanged, no
// remote content and only official links; each letter was sent before its
// deadline. Readability and tone are measured per language and reported as
// warnings.
//
// Findings name the file. A finding fails the audit; a warning does not.
package audit

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// ErrCannotAudit is wrapped when an output cannot be audited at all (no
// manifest, no summary, no incident file, outputs of different incidents).
var ErrCannotAudit = errors.New("audit: cannot audit")

// CodeOtherRules is the Code of the finding that the letters were made with
// other rules than those the audit applies.
const CodeOtherRules = "rules"

// Output is one output directory to audit.
type Output struct {
	Name string // how findings name it, e.g. the directory path
	FS   fs.FS
}

// Config is one audit.
type Config struct {
	Outputs  []Output
	Rules    *rules.Set
	RulesFS  fs.FS // the rule files, for the evidence pack
	Catalogs locales.Catalogs
	// RulesFingerprint identifies Rules (rules.Fingerprint); an output
	// made with other rules is a finding, since its content cannot be
	// checked against the law it applied.
	RulesFingerprint string
	// SentAt is when the letters were (or will be) sent: a letter sent
	// after its individual deadline is a finding.
	SentAt time.Time
	// Now is the audit's clock: the status of open obligations.
	Now time.Time
	// TempDir is where the audit keeps the findings, warnings and
	// per-letter results it has not written yet, in files that no one
	// else can read and that are unlinked as soon as they are created
	// (so that the memory the audit takes does not grow with the
	// letters); "" is the system's (os.TempDir, $TMPDIR).
	TempDir string
}

// The checks findings belong to.
const (
	CheckIntegrity   = "integrity"
	CheckPDF         = "pdf"
	CheckEmail       = "email"
	CheckDeadline    = "deadline"
	CheckReadability = "readability"
)

// Finding is one problem, naming the file.
type Finding struct {
	File    string `json:"file"`
	Check   string `json:"check"`
	Code    string `json:"code"` // stable identifier, e.g. "sha256", "missing_glyph"
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

func (f Finding) String() string {
	if f.Warning {
		return f.File + ": warning: " + f.Message
	}
	return f.File + ": " + f.Message
}

// Letter is what the audit learned of one letter.
type Letter struct {
	Output        string   `json:"output"`
	CustomerID    string   `json:"customer_id"`
	Row           int      `json:"row"`
	Language      string   `json:"language"`
	Jurisdictions []string `json:"jurisdictions"`
	PDF           string   `json:"pdf"`
	EML           string   `json:"eml,omitempty"`
	Pages         int      `json:"pages"`
	SmallestText  float64  `json:"smallest_text_pt"`
	MinFontSize   float64  `json:"min_font_size_pt,omitempty"`
	// Due is the deadline for notifying this person (RFC 3339), empty
	// when the law sets no fixed one.
	Due              string  `json:"due,omitempty"`
	ReadabilityIndex string  `json:"readability_index,omitempty"`
	Readability      float64 `json:"readability"`
	Findings         int     `json:"findings"`
	Warnings         int     `json:"warnings"`
}

// Obligation is an obligation to someone other than the persons (a
// regulator, an attorney general, the credit bureaus, the media), listed
// with its due time so nothing is forgotten once the letters are out.
type Obligation struct {
	Jurisdiction string   `json:"jurisdiction"`
	Scope        string   `json:"scope,omitempty"`
	Recipient    string   `json:"recipient"`
	Authority    string   `json:"authority"`
	Stage        string   `json:"stage"`
	Affected     int      `json:"affected"`
	Due          string   `json:"due,omitempty"` // RFC 3339 in the jurisdiction's zone; empty: no fixed deadline
	Rule         string   `json:"rule"`
	Status       string   `json:"status"`
	Citation     string   `json:"citation"`
	Sources      []string `json:"source_urls"`
}

// Report is the audit's result.
type Report struct {
	// Tool is the version of the program that audited (set by the caller).
	Tool        string   `json:"tool,omitempty"`
	AuditedAt   string   `json:"audited_at"`
	SentAt      string   `json:"sent_at"`
	Outputs     []string `json:"outputs"`
	Incident    string   `json:"incident"`
	IncidentSHA string   `json:"incident_sha256"`
	RulesSHA    string   `json:"rules_sha256"`
	Rows        int      `json:"rows"`
	Letters     int      `json:"letters"`
	Rejects     int      `json:"rejects"`
	NotRequired int      `json:"not_required"`
	Emails      int      `json:"emails"`
	Files       int      `json:"files_checked"`
	// Findings, Warnings and Letter hold the first Held of each, in the
	// report's order; the report's writers write them all (a report that
	// Run did not make writes these slices). FindingCount, WarningCount
	// and Codes count them all.
	Findings    []Finding    `json:"findings"`
	Warnings    []Finding    `json:"warnings"`
	Letter      []Letter     `json:"per_letter"`
	Obligations []Obligation `json:"open_obligations"`
	Thresholds  []Threshold  `json:"readability_thresholds"`
	// LanguageFallbacks count the letters written in another language
	// than the customer asked for, which has no catalog (from the
	// manifests): a note, not a finding.
	LanguageFallbacks []outbox.LanguageFallback `json:"language_fallbacks,omitempty"`
	findings          *spool[Finding]           // every finding (nil: a report not made by Run)
	warnings          *spool[Finding]
	letters           *spool[Letter]
	codes             map[string]int // findings per code, warnings per "warning:"+code
	tempDir           string         // Config.TempDir, also for audit.xlsx's stream writer
	outputs           []*loaded      // for the evidence pack
	incident          *letters.Incident
	incidentSrc       []byte
	deadlines         []rules.Deadline
}

// fallbacks counts the output's letters not in the customer's language
// into the report, and checks the summary counted the same.
func (a *auditor) fallbacks(l *loaded) error {
	var fs []outbox.LanguageFallback
	err := l.each(func(e outbox.Entry) error {
		if e.RequestedLanguage == "" {
			return nil
		}
		fs = outbox.AddFallback(fs, e.RequestedLanguage, e.Language)
		a.rep.LanguageFallbacks = outbox.AddFallback(a.rep.LanguageFallbacks, e.RequestedLanguage, e.Language)
		if letters.FallbackFrom(e.RequestedLanguage) == "" {
			a.add(l.name(outbox.ManifestFile), CheckIntegrity, "language_fallback", "row %d: letter in %q, but the customer's language %q has a catalog", e.Row, e.Language, e.RequestedLanguage)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if got, want := outbox.FallbacksText(l.sum.LanguageFallbacks), outbox.FallbacksText(fs); got != want {
		a.add(l.name(outbox.SummaryFile), CheckIntegrity, "language_fallbacks", "language_fallbacks %q, but the manifest has %q", got, want)
	}
	return nil
}

// Clean reports whether the audit found nothing (warnings aside).
func (r *Report) Clean() bool { return r.FindingCount() == 0 }

// loaded is one output directory's records. Its manifest is read again
// for each pass (each), never held.
type loaded struct {
	Output
	letters int // the manifest's entries
	sum     outbox.Summary
	files   map[string][]byte // the small top-level files, by name
	present int               // top-level files there, read or not
	has     map[string]bool   // the top-level files there, by name
}

// auditor carries one audit's state.
type auditor struct {
	cfg Config
	rep *Report
	in  *letters.Incident
	// accounted are the rows accounted for, by letters, rejects and
	// persons not notified (checkRows); rowCount counts them, once each.
	accounted *spool[accounted]
	rowCount  int
	// pageLabels match each language's squeezed page label.
	pageLabels map[string]*regexp.Regexp
}

func (a *auditor) add(file, check, code, format string, args ...any) {
	a.rep.findings.add(Finding{File: file, Check: check, Code: code, Message: fmt.Sprintf(format, args...)})
	a.rep.codes[code]++
}

func (a *auditor) warn(file, check, code, format string, args ...any) {
	a.rep.warnings.add(Finding{File: file, Check: check, Code: code, Message: fmt.Sprintf(format, args...), Warning: true})
	a.rep.codes[warningCode+code]++
}

// Run audits the outputs together (e.g. the shards of one run). It returns
// an error wrapping ErrCannotAudit when they cannot be audited at all;
// otherwise every problem is a finding in the report.
func Run(cfg Config) (*Report, error) {
	if len(cfg.Outputs) == 0 {
		return nil, fmt.Errorf("%w: no output directory given", ErrCannotAudit)
	}
	if cfg.Rules == nil || cfg.Catalogs == nil {
		return nil, fmt.Errorf("%w: no rules or catalogs", ErrCannotAudit)
	}
	rep := newReport(cfg)
	if err := rep.run(cfg); err != nil {
		rep.Close()
		return nil, err
	}
	return rep, nil
}

func newReport(cfg Config) *Report {
	return &Report{AuditedAt: cfg.Now.Format(time.RFC3339), SentAt: cfg.SentAt.Format(time.RFC3339), Obligations: []Obligation{},
		findings: newSpool(cfg.TempDir, compareFindings), warnings: newSpool(cfg.TempDir, compareFindings),
		letters: newSpool(cfg.TempDir, compareLetters), codes: map[string]int{}, tempDir: cfg.TempDir}
}

// run makes the report: loads the outputs, checks them as wholes, then
// each letter, as the manifests list them.
func (rep *Report) run(cfg Config) error {
	a := &auditor{cfg: cfg, rep: rep, accounted: newSpool(cfg.TempDir, compareAccounted), pageLabels: map[string]*regexp.Regexp{}}
	defer a.accounted.close()
	for _, o := range cfg.Outputs {
		l, err := load(o)
		if err != nil {
			return err
		}
		rep.outputs = append(rep.outputs, l)
		rep.Outputs = append(rep.Outputs, o.Name)
	}
	if err := a.incident(); err != nil {
		return err
	}
	rep.RulesSHA = cfg.RulesFingerprint
	for _, l := range rep.outputs {
		if err := a.integrity(l); err != nil {
			return err
		}
	}
	if err := a.checkRows(); err != nil {
		return err
	}
	a.shards()
	a.deadlines()
	for _, l := range rep.outputs {
		if err := l.each(func(e outbox.Entry) error { a.letter(l, e); return nil }); err != nil {
			return err
		}
	}
	for _, l := range rep.outputs {
		if err := a.fallbacks(l); err != nil {
			return err
		}
	}
	rep.Thresholds = thresholds()
	return rep.hold()
}

// Held is how many findings, warnings and per-letter results a Report
// keeps in memory (its Findings, Warnings and Letter).
const Held = 100

// hold keeps the first Held of each list in the report.
func (r *Report) hold() error {
	var err error
	if r.Findings, err = r.findings.first(Held); err != nil {
		return err
	}
	if r.Warnings, err = r.warnings.first(Held); err != nil {
		return err
	}
	r.Letter, err = r.letters.first(Held)
	return err
}

// Close removes the temporary files that hold the report's findings,
// warnings and per-letter results; the report cannot be written after.
func (r *Report) Close() {
	for _, s := range []interface{ close() }{r.findings, r.warnings, r.letters} {
		if s != nil {
			s.close()
		}
	}
}

// warningCode prefixes the warnings' codes in Report.codes.
const warningCode = "warning:"

// FindingCount is the number of findings.
func (r *Report) FindingCount() int {
	if r.findings != nil {
		return r.findings.len()
	}
	return len(r.Findings)
}

// WarningCount is the number of warnings.
func (r *Report) WarningCount() int {
	if r.warnings != nil {
		return r.warnings.len()
	}
	return len(r.Warnings)
}

// Codes counts the findings (warning false) or warnings by code.
func (r *Report) Codes(warning bool) map[string]int {
	out := map[string]int{}
	if r.codes == nil {
		for _, f := range r.Findings {
			if !warning {
				out[f.Code]++
			}
		}
		for _, f := range r.Warnings {
			if warning {
				out[f.Code]++
			}
		}
		return out
	}
	for k, n := range r.codes {
		if c, ok := strings.CutPrefix(k, warningCode); ok == warning {
			out[c] += n
		}
	}
	return out
}

// eachFinding calls fn for every finding (warnings false) or every
// warning, in order.
func (r *Report) eachFinding(warnings bool, fn func(Finding) error) error {
	sp, held := r.findings, r.Findings
	if warnings {
		sp, held = r.warnings, r.Warnings
	}
	if sp == nil {
		for _, f := range held {
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	}
	return sp.each(fn)
}

// eachLetter calls fn for every per-letter result, in order.
func (r *Report) eachLetter(fn func(Letter) error) error {
	if r.letters == nil {
		for _, l := range r.Letter {
			if err := fn(l); err != nil {
				return err
			}
		}
		return nil
	}
	return r.letters.each(fn)
}

func compareFindings(x, y Finding) int {
	return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Check, y.Check), cmp.Compare(x.Message, y.Message))
}

func compareLetters(x, y Letter) int {
	return cmp.Or(cmp.Compare(x.Output, y.Output), cmp.Compare(x.Row, y.Row))
}

// name is how findings name a file of an output.
func (l *loaded) name(rel string) string {
	if rel == "" {
		return l.Name
	}
	return path.Join(l.Name, rel)
}

// incident loads the incident every output was made from; all must be the
// same file.
func (a *auditor) incident() error {
	var first *loaded
	for _, l := range a.rep.outputs {
		src, ok := l.files[outbox.IncidentFile]
		if !ok {
			return fmt.Errorf("%w %q: no %s (outputs written before breachnotice recorded the incident cannot be audited; run letters again)", ErrCannotAudit, l.Name, outbox.IncidentFile)
		}
		sum := sha256.Sum256(src)
		got := hex.EncodeToString(sum[:])
		if first == nil {
			first = l
			in, err := letters.LoadIncident(l.name(outbox.IncidentFile), bytes.NewReader(src))
			if err != nil {
				return fmt.Errorf("%w: %w", ErrCannotAudit, err)
			}
			a.in, a.rep.incident, a.rep.incidentSrc = in, in, src
			a.rep.Incident, a.rep.IncidentSHA = in.Incident.ID, got
		} else if got != a.rep.IncidentSHA {
			return fmt.Errorf("%w: %q and %q were made from different incident files", ErrCannotAudit, first.Name, l.Name)
		}
		if l.sum.IncidentSHA256 != got {
			a.add(l.name(outbox.IncidentFile), CheckIntegrity, "sha256", "sha256 %s does not match %s's incident_sha256 %s", got, outbox.SummaryFile, l.sum.IncidentSHA256)
		}
	}
	return nil
}
