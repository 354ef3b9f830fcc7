package board

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// csvHeader is the header row of the CSV view.
var csvHeader = []string{
	"number", "jurisdiction", "scope", "recipient", "stage", "authority", "contact",
	"affected", "threshold", "threshold_met", "status",
	"due_user", "user_time_zone", "due_local", "time_zone", "due_utc", "time_left", "as_of",
	"clock_start", "policy_due_not_law", "rule", "statutory_words", "citation", "source_urls",
	"why", "conflicts", "language_fallbacks",
}

// WriteCSV writes one row per obligation, in due order, under csvHeader,
// through outbox.CSV (a BOM, b.CSVComma between cells, every value a
// spreadsheet would run as a formula prefixed with an apostrophe): times in
// RFC 3339 (empty where the law sets no fixed deadline).
func (b *Board) WriteCSV(w io.Writer) error {
	cw, err := outbox.NewCSV(w, b.CSVComma)
	if err != nil {
		return fmt.Errorf("board: writing csv: %w", err)
	}
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("board: writing csv: %w", err)
	}
	user := b.userZone()
	for _, r := range b.Rows() {
		d := r.Deadline
		var due, dueUTC, dueUser, left, anchor, policy string
		if r.Local != nil {
			due, dueUTC, dueUser = r.Local.Format(time.RFC3339), r.Local.UTC().Format(time.RFC3339), r.User.Format(time.RFC3339)
		}
		if r.Left != nil {
			left = r.TimeLeft()
		}
		if d.Anchor != nil {
			anchor = d.Anchor.In(r.Zone).Format(time.RFC3339)
		}
		if d.Policy != nil {
			policy = d.Policy.In(r.Zone).Format(time.RFC3339)
		}
		threshold := ""
		if d.Obligation.MinAffected > 0 {
			threshold = strconv.Itoa(d.Obligation.MinAffected)
		}
		rec := []string{
			strconv.Itoa(r.N), d.Jurisdiction, d.Scope, string(d.Obligation.Recipient), d.Stage, r.Authority, d.Obligation.Contact,
			strconv.Itoa(d.Affected), threshold, strconv.FormatBool(d.ThresholdMet), d.Status,
			dueUser, zoneName(user), due, zoneName(r.Zone), dueUTC, left, b.Now.In(user).Format(time.RFC3339),
			anchor, policy, d.Rule, d.Clock().Words, d.Obligation.Citation, strings.Join(d.Obligation.SourceURLs, " "),
			strings.Join(d.Why, " | "), strings.Join(r.counsel(), " | "), strings.Join(r.Fallbacks, " | "),
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("board: writing csv: %w", err)
		}
	}
	if err := cw.Flush(); err != nil {
		return fmt.Errorf("board: writing csv: %w", err)
	}
	return nil
}
