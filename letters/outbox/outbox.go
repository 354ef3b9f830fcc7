// Package outbox writes a run's output directory safely and reads it back:
// every file is created 0600 under directories created 0700. The letters
// are written under their final names and made durable in batches, before
// the manifest lines that record their hashes (see WriteLetter); every
// other file is written to a temporary name, synced and renamed, so it is
// never left half-written under its final name. File names derive from a
// hash of the customer id, never from the id itself.
package outbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Names of the files in an output directory.
const (
	ManifestFile    = "manifest.jsonl"
	SummaryFile     = "summary.json"
	RejectsFile     = "rejects.csv"
	NotNotifiedFile = "not_notified.csv"
	PDFDir          = "pdf"
	EmailDir        = "email"
	// IncidentFile is a byte-for-byte copy of the incident file the run
	// used, so the output says what it was made from.
	IncidentFile = "incident.toml"
	// AuditJSON and AuditXLSX are the audit's reports, written into the
	// directory when it audits one output alone.
	AuditJSON = "audit.json"
	AuditXLSX = "audit.xlsx"
	// RunFile records the arguments of a run, so a run that was killed can
	// be resumed with the same ones.
	RunFile = "run.json"
	// PreviousManifest is the manifest of an interrupted run while a
	// resumed run rewrites manifest.jsonl.
	PreviousManifest = "manifest.prev.jsonl"
)

// TopLevelFiles returns the files a finished output directory may hold
// besides the letters in pdf/ and email/.
func TopLevelFiles() []string { return slices.Clone(topLevelFiles) }

var topLevelFiles = []string{ManifestFile, SummaryFile, RejectsFile, NotNotifiedFile, IncidentFile, RunFile, AuditJSON, AuditXLSX}

// Entry is one line of manifest.jsonl: one letter.
type Entry struct {
	CustomerID    string   `json:"customer_id"`
	Row           int      `json:"row"`
	Jurisdictions []string `json:"jurisdictions"`
	Language      string   `json:"language"`
	// Locale is the catalog the letter was written from: Language, or its
	// regional variant for the reader's country ("en-GB").
	Locale string `json:"locale,omitempty"`
	// RequestedLanguage is the customer's language when the letter could
	// not be written in it (no catalog): a fallback.
	RequestedLanguage string `json:"requested_language,omitempty"`
	// Basis: "law" (a rule requires it), "precaution" (no rule encoded
	// for the person's place) or "voluntary" (the organization's choice).
	Basis     string `json:"basis"`
	PDF       string `json:"pdf"`
	EML       string `json:"eml,omitempty"` // empty when the person has no email address
	PDFSHA256 string `json:"pdf_sha256"`
	EMLSHA256 string `json:"eml_sha256,omitempty"`
	// Replaced counts characters printed as U+FFFD, which no face has: in
	// the activation code or the incident's text (a name or an address
	// loses them instead, with a warning; the audit's replacement_char
	// finding names the page).
	Replaced int `json:"replaced_characters,omitempty"`
	// Warnings are what the letter carries that its author should know of
	// (letters.Warning, as "code: text"): text in another language, a
	// number abroad. They name no person.
	Warnings    []string `json:"warnings,omitempty"`
	ContentKeys []string `json:"content_keys"`
	MinFontSize float64  `json:"min_font_size,omitempty"`
	// ContentFrom are the jurisdictions whose content rules the letter
	// follows: the residence, the laws reaching the organization through its
	// establishment, and any overlay that covered the person.
	ContentFrom []string `json:"content_from"`
	// DataCategories are the kinds of the person's data involved (no
	// values): some content keys are required only for some data.
	DataCategories []string `json:"data_categories,omitempty"`
	// Why says why each law applies to the person, with citations
	// ("IT — GDPR Art. 3(1): organization established in IT").
	Why []string `json:"why,omitempty"`
	// Conflicts between the laws reaching the person, as resolved in the
	// letter (those not decided by counsel say so).
	Conflicts []string `json:"conflicts,omitempty"`
	// CustomerIDPrinted is the customer id as the letter prints it, when
	// that is not the id itself: an id too long for the paper is printed
	// shortened (letters.PrintedID).
	CustomerIDPrinted string `json:"customer_id_printed,omitempty"`
}

// Conflict is a conflict between two laws reaching the same persons, as
// the summary counts it.
type Conflict struct {
	ID      string `json:"id"` // "US-MA:what_happened": how the incident's [[decision]] names it
	Persons int    `json:"persons"`
	// Open: counsel has not decided it; the letters follow the forbidding
	// law's own rule meanwhile.
	Open bool   `json:"needs_counsel_decision"`
	Text string `json:"text"`
}

// LanguageFinding is a law's language requirement that letters in another
// language do not meet: a finding for counsel, never silent.
type LanguageFinding struct {
	ID           string   `json:"id"` // "BR:pt:en"
	Jurisdiction string   `json:"jurisdiction"`
	Required     []string `json:"required_languages"`
	Language     string   `json:"letter_language"`
	// NoCatalog: no catalog exists for a required language (the letters
	// fell back); otherwise the person's own language was chosen.
	NoCatalog bool   `json:"no_catalog"`
	Persons   int    `json:"persons"`
	Citation  string `json:"citation"`
	Text      string `json:"text"`
}

// LetterWarning is one warning of the letters (letters.Warning), counted
// over the run: how many letters carry it and the rows of the first few.
type LetterWarning struct {
	Warning string `json:"warning"` // "code: text"
	Letters int    `json:"letters"`
	Rows    []int  `json:"first_rows"`
}

// MaxWarningRows is how many rows a LetterWarning lists.
const MaxWarningRows = 5

// AddLetterWarnings counts the warnings of the letter of row.
func (s *Summary) AddLetterWarnings(row int, warnings []string) {
	for _, w := range warnings {
		i := slices.IndexFunc(s.LetterWarnings, func(x LetterWarning) bool { return x.Warning == w })
		if i < 0 {
			s.LetterWarnings = append(s.LetterWarnings, LetterWarning{Warning: w})
			i = len(s.LetterWarnings) - 1
		}
		lw := &s.LetterWarnings[i]
		lw.Letters++
		if len(lw.Rows) < MaxWarningRows {
			lw.Rows = append(lw.Rows, row)
		}
	}
}

// Reject is a row that could not be used.
type Reject struct {
	Row        int    `json:"row"`
	CustomerID string `json:"customer_id"`
	Column     string `json:"column,omitempty"`
	Reason     string `json:"reason"`
}

// NotNotified is a person the law does not require us to notify.
type NotNotified struct {
	Row          int    `json:"row"`
	CustomerID   string `json:"customer_id"`
	Jurisdiction string `json:"jurisdiction"`
	Reason       string `json:"reason"`
}

// MaxListedNotRequired bounds Summary.NotRequiredWhy, so that a summary
// (and the memory of a run) does not grow with the file.
const MaxListedNotRequired = 1000

// Summary is summary.json. Rows == Letters + Rejects + NotRequired always.
type Summary struct {
	Incident    string `json:"incident"`
	GeneratedAt string `json:"generated_at"`
	Customers   string `json:"customers"`
	Rows        int    `json:"rows"`
	Letters     int    `json:"letters"`
	Rejects     int    `json:"rejects"`
	// Unprintable counts the persons read from the file whose letter could
	// not be printed (an address too long for the envelope window, or in a
	// script breachnotice cannot print); they are among Rejects, with the
	// reason in rejects.csv.
	Unprintable    int            `json:"rejected_at_printing"`
	NotRequired    int            `json:"not_required"`
	Emails         int            `json:"emails"`
	ByJurisdiction map[string]int `json:"by_jurisdiction"`
	ByLanguage     map[string]int `json:"by_language"`
	ByBasis        map[string]int `json:"by_basis"`
	Replaced       int            `json:"replaced_characters"`
	// NotRequiredWhy lists the first MaxListedNotRequired persons not
	// notified, with the law's reason (not_notified.csv has them all);
	// NotRequiredBy counts them all by jurisdiction.
	NotRequiredWhy  []NotNotified  `json:"not_required_reasons"`
	NotRequiredBy   map[string]int `json:"not_required_by_jurisdiction"`
	RejectedReasons map[string]int `json:"reject_reasons"`
	Import          Import         `json:"import"`
	// IncidentSHA256 is the hash of the incident file (copied to
	// incident.toml); RulesSHA256 the fingerprint of the rule files
	// applied (rules.Fingerprint).
	IncidentSHA256 string `json:"incident_sha256"`
	RulesSHA256    string `json:"rules_sha256"`
	// Notifiable counts, per jurisdiction, the persons of the whole
	// customer file for whom the breach is notifiable (rules.Counts): the
	// numbers thresholds such as "more than 500 residents" are decided on.
	Notifiable map[string]int `json:"notifiable"`
	// Conflicts between laws reaching one person, counted over the file.
	Conflicts []Conflict `json:"conflicts,omitempty"`
	// LanguageFindings are the letters not in a language a law requires
	// (Brazil: Portuguese), per law and language, counted over the file.
	LanguageFindings []LanguageFinding `json:"language_findings,omitempty"`
	// LanguageFallbacks count the letters written in another language
	// than the customer's, which has no catalog (requested → written).
	LanguageFallbacks []LanguageFallback `json:"language_fallbacks,omitempty"`

	// LetterWarnings are the letters' warnings (Entry.Warnings), counted.
	LetterWarnings []LetterWarning `json:"letter_warnings,omitempty"`

	// Warnings are facts the letters were written despite: the incident's
	// own inconsistencies (letters.IncidentWarning) and rows whose data
	// categories disagree with the incident's (letters.CategoryWarning),
	// counted by kind with the first rows.
	Warnings []Warning `json:"warnings,omitempty"`
	// Shard is "K/N" when the run wrote one shard of the persons (see
	// run.Shard); FileRows counts the rows of the whole customer file,
	// which the shards' rows add up to.
	Shard    string `json:"shard,omitempty"`
	FileRows int    `json:"file_rows"`
	// AttachPDF says the emails carry the letter's PDF; without it they
	// carry no attachment.
	AttachPDF bool `json:"attach_pdf,omitempty"`
	// Tool is the version of the program that wrote the run (run.Config.Tool).
	Tool string `json:"tool,omitempty"`
}

// Warning is one kind of warning of a run: Rows and CustomerIDs are the
// first rows concerned (none for the incident's), Count all of them.
type Warning struct {
	Kind        string   `json:"kind"`
	Category    string   `json:"category,omitempty"`
	Count       int      `json:"count,omitempty"`
	Rows        []int    `json:"rows,omitempty"`
	CustomerIDs []string `json:"customer_ids,omitempty"`
	Text        string   `json:"text"`
}

// Import is how the customer file was read. Rows == Persons + Rejects
// always: every non-blank row below the header is one or the other; the
// persons are then letters or not required.
type Import struct {
	Format       string `json:"format"`              // "xlsx" or "csv"
	Sheet        string `json:"sheet,omitempty"`     // xlsx
	Encoding     string `json:"encoding,omitempty"`  // csv
	Delimiter    string `json:"delimiter,omitempty"` // csv
	HeaderRow    int    `json:"header_row"`
	SkippedAbove []int  `json:"skipped_above_header"` // title rows above the header
	// IgnoredColumns are the headers of the columns no field was read
	// from (header texts only, no cell), in file order.
	IgnoredColumns []string `json:"ignored_columns"`
	Rows           int      `json:"rows"`
	Persons        int      `json:"persons"`
	Rejects        int      `json:"rejects"`
}

// Balanced reports whether every row is accounted for.
func (s Summary) Balanced() bool {
	return s.Rows == s.Letters+s.Rejects+s.NotRequired &&
		s.Import.Rows == s.Rows && s.Import.Rows == s.Import.Persons+s.Import.Rejects &&
		s.Rejects == s.Import.Rejects+s.Unprintable &&
		s.Import.Persons == s.Letters+s.NotRequired+s.Unprintable
}

// Dir is an output directory being written.
type Dir struct {
	Path string
	// Comma is the delimiter of the CSV reports (rejects.csv,
	// not_notified.csv); 0 is ','.
	Comma rune
	// unsynced are the letters the next SyncLetters makes durable (a
	// sweep needs their list).
	unsynced unsynced
	// barrierDir is the directory, held open by the manifest writer for
	// the run, through which the barrier learns of write-back errors since
	// it was opened (syncfs(2)); nil: the barrier opens it each time.
	barrierDir *os.File
}

// FileStem is the file name (without extension) for a letter: the row and a
// hash of the customer id, so no id (with "../" or worse) reaches a path.
func FileStem(row int, customerID string) string {
	h := sha256.Sum256([]byte(customerID))
	return fmt.Sprintf("row%06d-%s", row, hex.EncodeToString(h[:])[:12])
}

// Write stores data at rel (a slash path inside the directory) atomically
// and returns its sha256.
func (d *Dir) Write(rel string, data []byte) (string, error) {
	full, err := d.resolve(rel)
	if err != nil {
		return "", err
	}
	if err := WriteAtomic(full, bytes.NewReader(data)); err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

func (d *Dir) resolve(rel string) (string, error) {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("outbox: path %q escapes the output directory", rel)
	}
	return filepath.Join(d.Path, clean), nil
}

// WriteJSON writes v as indented JSON to rel.
func (d *Dir) WriteJSON(rel string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	_, err = d.Write(rel, append(data, '\n'))
	return err
}

// WriteCSVFile writes rows to path atomically, mode 0600, through CSV:
// a BOM, comma (0: ',') between cells, and cells a spreadsheet would run
// as a formula neutralised.
func WriteCSVFile(path string, comma rune, header []string, rows [][]string) error {
	var b bytes.Buffer
	w, err := NewCSV(&b, comma)
	if err != nil {
		return err
	}
	for _, r := range append([][]string{header}, rows...) {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return WriteAtomic(path, &b)
}

// ReadManifest reads manifest.jsonl.
func ReadManifest(r io.Reader) ([]Entry, error) {
	var out []Entry
	err := ScanManifest(r, func(e Entry) error {
		out = append(out, e)
		return nil
	})
	return out, err
}
