// Package board renders the deadline board of an incident: every obligation
// (to individuals, a regulator, the consumer reporting agencies, the media,
// ...) with its due time in the jurisdiction's own zone and in the reader's,
// the time left, its status, the rule's words and the citation.
//
// A Board is rendered as a terminal table, JSON, CSV, an Excel workbook or a
// one-page PDF for the incident room. Rendering never reads the machine's
// clock or zone: the board's Now and Zone are all it knows of them, so the
// same board renders to the same bytes.
//
// Where the law sets no fixed deadline the board says so and never invents
// a due time; a company target (rules.Deadline.Policy) is always labelled
// "policy, not law". The board holds counts of persons only, never a
// person's data.
package board

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/rules"
)

// Board is what a deadline board shows.
type Board struct {
	IncidentID   string // "INC-2026-0042"
	Organization string // the organization's name, for the title
	// Discovered is when the incident was discovered: where a clock has no
	// start of its own, the timeline starts there.
	Discovered time.Time
	// Now is the clock: each status and time left is relative to it.
	Now time.Time
	// Zone is the reader's zone (--tz); nil means UTC.
	Zone *time.Location
	// ZoneOf returns a jurisdiction's zone. When nil (or it returns nil),
	// the zone of the deadline's due time or clock start is used, else UTC.
	ZoneOf func(jurisdiction string) *time.Location
	// Deadlines are the obligations, as rules.(*Set).Deadlines returns them.
	Deadlines []rules.Deadline
	// Conflicts are the conflicts between laws reaching one person, over
	// the customer file; each is shown on the individuals' rows of the two
	// laws and, in the table, in a section of its own.
	Conflicts []rules.ConflictCount
	// Languages are the letters not in a language a law requires, over
	// the customer file: findings shown on the individuals' rows of the
	// law and, in the table, in a section of their own.
	Languages []rules.LanguageFinding
	// Fallbacks count the letters not in the customer's language, which
	// has no catalog (requested → written), by the letter's jurisdiction:
	// a note on the individuals' rows and, in the table, a section.
	Fallbacks map[string][]outbox.LanguageFallback
	// CSVComma separates the cells of WriteCSV (0: ',').
	CSVComma rune
}

// Row is one obligation of the board, with what every format shows of it.
type Row struct {
	rules.Deadline
	// N is the row's number in due order (1-based), the same in every view.
	N int
	// Where is the jurisdiction, with the scope in brackets when there is one.
	Where string
	// Authority is the body notified; "affected persons" for individuals.
	Authority string
	// Zone is the jurisdiction's zone.
	Zone *time.Location
	// Local and User are the due time in the jurisdiction's zone and in the
	// reader's; nil when the law sets no fixed deadline.
	Local, User *time.Time
	// Left is the time from the board's Now to the due time (negative when
	// overdue); nil when there is no due time or the obligation is not owed.
	Left *time.Duration
	// PolicyLeft is the time to the company policy target, if any.
	PolicyLeft *time.Duration
	// Conflicts are the conflicts touching this row's letters (individuals
	// rows of either law), in words, each saying whether counsel decided it.
	Conflicts []string
	// Findings are the language findings touching this row's letters.
	Findings []string
	// Fallbacks are the letters of an individuals row not in the
	// customer's language, which has no catalog: "pl→en 1".
	Fallbacks []string
}

// Owed reports whether the obligation is owed: its threshold is met and its
// condition holds.
func (r Row) Owed() bool {
	return r.Status != rules.StatusNotNeeded && r.Status != rules.StatusNotRequired
}

// TimeLeft is the time left in words: "2d 7h", "7h 45m", "overdue by 13h",
// or "—" where there is no due time or nothing is owed.
func (r Row) TimeLeft() string {
	if r.Left == nil {
		return "—"
	}
	return leftWords(*r.Left)
}

// Threshold says the obligation's threshold and whether the persons counted
// meet it: "none", "at least 501 persons: met", "at least 501 persons: not met".
func (r Row) Threshold() string {
	if r.Obligation.MinAffected <= 0 {
		return "none"
	}
	met := "not met"
	if r.ThresholdMet {
		met = "met"
	}
	return fmt.Sprintf("at least %d persons: %s", r.Obligation.MinAffected, met)
}

// Recipient is the recipient in words ("consumer reporting agencies").
func (r Row) Recipient() string {
	return strings.ReplaceAll(string(r.Obligation.Recipient), "_", " ")
}

// clockStart is the instant the obligation's clock counts from: its
// anchor, else the discovery.
func (r Row) clockStart(discovered time.Time) time.Time {
	if r.Anchor != nil {
		return *r.Anchor
	}
	return discovered
}

// group orders rows: owed and dated first, then those the law leaves open,
// then those not owed (threshold not met, condition not holding).
func (r Row) group() int {
	switch {
	case !r.Owed():
		return 2
	case r.Due == nil:
		return 1
	}
	return 0
}

// Rows returns the board's obligations sorted by due time: the owed ones
// with a due time first (earliest first), then those with no fixed deadline
// (by policy target, then jurisdiction), then those not owed (threshold not
// met or not required), each numbered from 1.
func (b *Board) Rows() []Row {
	user := b.userZone()
	rows := make([]Row, 0, len(b.Deadlines))
	for _, d := range b.Deadlines {
		r := Row{Deadline: d, Where: d.Jurisdiction, Authority: d.Obligation.Authority}
		if d.Scope != "" {
			r.Where += " (" + d.Scope + ")"
		}
		if r.Authority == "" {
			r.Authority = "affected persons"
		}
		r.Zone = b.zoneOf(d)
		if d.Due != nil {
			l, u := d.Due.In(r.Zone), d.Due.In(user)
			r.Local, r.User = &l, &u
			if r.Owed() {
				left := d.Due.Sub(b.Now)
				r.Left = &left
			}
		}
		if d.Policy != nil {
			left := d.Policy.Sub(b.Now)
			r.PolicyLeft = &left
		}
		r.Conflicts = b.conflictsOf(d)
		r.Findings = b.findingsOf(d)
		r.Fallbacks = b.fallbacksOf(d)
		rows = append(rows, r)
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		if c := cmp.Compare(a.group(), b.group()); c != 0 {
			return c
		}
		if c := compareTimes(a.Due, b.Due); c != 0 {
			return c
		}
		if c := compareTimes(a.Policy, b.Policy); c != 0 {
			return c
		}
		return compareWhere(a, b)
	})
	for i := range rows {
		rows[i].N = i + 1
	}
	return rows
}

// conflictsOf returns the conflicts concerning the letters of an
// individuals row: those where its jurisdiction requires or forbids.
func (b *Board) conflictsOf(d rules.Deadline) []string {
	if d.Obligation.Recipient != rules.Individuals {
		return nil
	}
	var out []string
	for _, c := range b.Conflicts {
		if c.RequiredBy == d.Jurisdiction || c.ForbiddenBy == d.Jurisdiction || c.RequiredBy == d.Defined || c.ForbiddenBy == d.Defined {
			out = append(out, fmt.Sprintf("%s (%s)", c.Conflict.String(), persons(c.Persons)))
		}
	}
	return out
}

// counsel returns what of the row needs counsel: its conflicts, then its
// language findings ("finding: ...").
func (r Row) counsel() []string {
	out := slices.Clone(r.Conflicts)
	for _, f := range r.Findings {
		out = append(out, "finding: "+f)
	}
	return out
}

// findingsOf returns the language findings concerning the letters of an
// individuals row: those of its jurisdiction's law.
func (b *Board) findingsOf(d rules.Deadline) []string {
	if d.Obligation.Recipient != rules.Individuals {
		return nil
	}
	var out []string
	for _, f := range b.Languages {
		if f.Jurisdiction == d.Jurisdiction || f.Jurisdiction == d.Defined {
			out = append(out, f.String())
		}
	}
	return out
}

// fallbacksOf returns the fallback languages of an individuals row's
// letters: those of its jurisdiction.
func (b *Board) fallbacksOf(d rules.Deadline) []string {
	if d.Obligation.Recipient != rules.Individuals {
		return nil
	}
	var out []string
	for _, id := range []string{d.Jurisdiction, d.Defined} {
		for _, f := range b.Fallbacks[id] {
			if s := f.String(); !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		if d.Defined == d.Jurisdiction {
			break
		}
	}
	return out
}

// byJurisdiction returns rows (numbered as in due order) sorted by
// jurisdiction, scope, recipient order as given, then due time.
func byJurisdiction(rows []Row) []Row {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b Row) int {
		if c := cmp.Compare(a.Jurisdiction, b.Jurisdiction); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Scope, b.Scope); c != 0 {
			return c
		}
		return cmp.Compare(a.N, b.N)
	})
	return out
}

// compareTimes orders instants, nil last.
func compareTimes(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}

func compareWhere(a, b Row) int {
	if c := cmp.Compare(a.Jurisdiction, b.Jurisdiction); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Scope, b.Scope); c != 0 {
		return c
	}
	if c := cmp.Compare(string(a.Obligation.Recipient), string(b.Obligation.Recipient)); c != 0 {
		return c
	}
	return cmp.Compare(stageOrder(a.Stage), stageOrder(b.Stage))
}

func stageOrder(s string) int {
	if s == rules.StageFollowup {
		return 1
	}
	return 0
}

func (b *Board) userZone() *time.Location {
	if b.Zone == nil {
		return time.UTC
	}
	return b.Zone
}

func (b *Board) zoneOf(d rules.Deadline) *time.Location {
	if b.ZoneOf != nil {
		if z := b.ZoneOf(d.Jurisdiction); z != nil {
			return z
		}
	}
	switch {
	case d.Due != nil:
		return d.Due.Location()
	case d.Anchor != nil:
		return d.Anchor.Location()
	case d.Policy != nil:
		return d.Policy.Location()
	}
	return time.UTC
}

// Counts returns how many rows have each status.
func Counts(rows []Row) map[string]int {
	n := map[string]int{}
	for _, r := range rows {
		n[r.Status]++
	}
	return n
}

// statuses are the statuses a deadline can have, most urgent first.
var statuses = []string{
	rules.StatusOverdue, rules.StatusDueSoon, rules.StatusOnTrack, rules.StatusNoFixed,
	rules.StatusNotNeeded, rules.StatusNotRequired,
}

// summary is "3 overdue · 1 due within 24h · ...", statuses with no row left out.
func summary(rows []Row) string {
	n := Counts(rows)
	var parts []string
	for _, s := range statuses {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[s], s))
		}
	}
	if len(parts) == 0 {
		return "no obligations"
	}
	return strings.Join(parts, " · ")
}

// leftWords writes a duration as the time left: "2d 7h", "7h 45m", "40m",
// "overdue by 13h". Durations are truncated to the minute.
func leftWords(d time.Duration) string {
	if d < 0 {
		return "overdue by " + span(-d)
	}
	return span(d)
}

func span(d time.Duration) string {
	m := int64(d / time.Minute)
	days, hours, mins := m/(24*60), m/60%24, m%60
	switch {
	case days > 0:
		return fmt.Sprintf("%dd %dh", days, hours)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%dh %dm", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%dh", hours)
	}
	return fmt.Sprintf("%dm", mins)
}

// zoneName is a zone's IANA name ("Europe/Rome"); for a zone without one
// (time.Local, a fixed offset) it is the zone's name as Go knows it.
func zoneName(z *time.Location) string {
	if z == nil {
		return "UTC"
	}
	return z.String()
}

// glance is the time format of the terminal table and the PDF:
// "Mon 23 Nov 18:45".
const glance = "Mon 2 Jan 15:04"

// glanceTime formats t for reading at a glance, with the year when it is
// not now's year.
func glanceTime(t, now time.Time) string {
	if t.Year() != now.In(t.Location()).Year() {
		return t.Format("Mon 2 Jan 2006 15:04")
	}
	return t.Format(glance)
}

// zoneAbbr is t's zone abbreviation, or its UTC offset where the zone has
// no abbreviation ("+03" is shown as "UTC+3").
func zoneAbbr(t time.Time) string {
	a := t.Format("MST")
	if a == "" || a[0] == '+' || a[0] == '-' {
		_, off := t.Zone()
		a = "UTC" + offsetWords(off)
	}
	return a
}

func offsetWords(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, off%3600/60
	if m != 0 {
		return fmt.Sprintf("%s%d:%02d", sign, h, m)
	}
	return fmt.Sprintf("%s%d", sign, h)
}

// stampTime is t in the precise human format, "2026-11-23 18:45 CET",
// the zone's abbreviation made readable.
func stampTime(t time.Time) string {
	return t.Format("2006-01-02 15:04") + " " + zoneAbbr(t)
}

// The formats a board can be written in.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatCSV   = "csv"
	FormatXLSX  = "xlsx"
	FormatPDF   = "pdf"
)

// Formats returns the formats in the order the help shows them.
func Formats() []string { return slices.Clone(formats) }

var formats = []string{FormatTable, FormatJSON, FormatCSV, FormatXLSX, FormatPDF}

// Binary reports whether a format is binary (not for a terminal).
func Binary(format string) bool { return format == FormatXLSX || format == FormatPDF }

// persons writes a count of persons.
func persons(n int) string {
	if n == 1 {
		return "1 person"
	}
	return fmt.Sprintf("%d persons", n)
}
