package board

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Record is one obligation in JSON ("deadlines --format json"). Times are
// RFC 3339; where the law sets no fixed deadline the due times are null.
type Record struct {
	Jurisdiction string  `json:"jurisdiction"`
	Scope        string  `json:"scope,omitempty"`
	Obligation   string  `json:"obligation"` // the recipient: individuals, regulator, ...
	Stage        string  `json:"stage"`
	Authority    string  `json:"authority"`
	Contact      string  `json:"contact,omitempty"`
	TimeZone     string  `json:"time_zone"` // the jurisdiction's zone
	Anchor       *string `json:"clock_start"`
	Due          *string `json:"due"` // in the jurisdiction's zone
	DueUTC       *string `json:"due_utc"`
	Rule         string  `json:"rule"`
	Words        string  `json:"statutory_words"`
	Affected     int     `json:"affected"`
	// Threshold is the smallest number of persons for which the
	// obligation applies; 0 means none.
	Threshold    int    `json:"threshold"`
	ThresholdMet bool   `json:"threshold_met"`
	Status       string `json:"status"`
	// PolicyDue is the company policy target: "<RFC 3339> (company policy, not law)".
	PolicyDue *string  `json:"policy_due,omitempty"`
	Citation  string   `json:"citation"`
	Sources   []string `json:"source_urls"`

	// Number is the obligation's place in due order, as in the table.
	Number int `json:"number"`
	// UserTimeZone is the reader's zone (--tz) and DueUser the due time in it.
	UserTimeZone string  `json:"user_time_zone"`
	DueUser      *string `json:"due_user"`
	// TimeLeft is the time from now to the due time in words ("2d 7h",
	// "overdue by 13h"), SecondsLeft the same in seconds (negative when
	// overdue); both null where there is no due time or nothing is owed.
	TimeLeft    *string `json:"time_left"`
	SecondsLeft *int64  `json:"seconds_left"`
	// ThresholdWords says the threshold and whether it is met.
	ThresholdWords string `json:"threshold_words"`
	// AsOf is the clock the statuses and times left are relative to.
	AsOf string `json:"as_of"`
	// Why says why the obligation is owed: how its law reaches the persons
	// counted, with citations.
	Why []string `json:"why,omitempty"`
	// Conflicts between laws reaching the persons of an individuals row.
	Conflicts []string `json:"conflicts,omitempty"`
	// Findings: letters of an individuals row not in a language its law
	// requires.
	Findings []string `json:"findings,omitempty"`
	// Fallbacks: letters of an individuals row not in the customer's
	// language, which has no catalog ("pl→en 1").
	Fallbacks []string `json:"language_fallbacks,omitempty"`
}

// Records returns the board's obligations as JSON records, in due order.
func (b *Board) Records() []Record {
	rows := b.Rows()
	out := make([]Record, 0, len(rows))
	for _, r := range rows {
		out = append(out, b.record(r))
	}
	return out
}

func (b *Board) record(r Row) Record {
	d := r.Deadline
	j := Record{
		Jurisdiction: d.Jurisdiction, Scope: d.Scope, Obligation: string(d.Obligation.Recipient), Stage: d.Stage,
		Authority: r.Authority, Contact: d.Obligation.Contact, TimeZone: zoneName(r.Zone),
		Rule: d.Rule, Words: d.Clock().Words, Affected: d.Affected, Threshold: d.Obligation.MinAffected,
		ThresholdMet: d.ThresholdMet, Status: d.Status, Citation: d.Obligation.Citation, Sources: d.Obligation.SourceURLs,
		Number: r.N, UserTimeZone: zoneName(b.userZone()), ThresholdWords: r.Threshold(),
		AsOf: b.Now.In(b.userZone()).Format(time.RFC3339), Why: d.Why, Conflicts: r.Conflicts, Findings: r.Findings, Fallbacks: r.Fallbacks,
	}
	if j.Sources == nil {
		j.Sources = []string{}
	}
	if r.Local != nil {
		j.Due = rfc3339(*r.Local)
		j.DueUTC = rfc3339(r.Local.UTC())
		j.DueUser = rfc3339(*r.User)
	}
	if d.Anchor != nil {
		j.Anchor = rfc3339(d.Anchor.In(r.Zone))
	}
	if d.Policy != nil {
		s := d.Policy.In(r.Zone).Format(time.RFC3339) + " (company policy, not law)"
		j.PolicyDue = &s
	}
	if r.Left != nil {
		s := r.TimeLeft()
		sec := int64(*r.Left / time.Second)
		j.TimeLeft, j.SecondsLeft = &s, &sec
	}
	return j
}

func rfc3339(t time.Time) *string {
	s := t.Format(time.RFC3339)
	return &s
}

// WriteJSON writes the board as an indented JSON array of Records, in due
// order.
func (b *Board) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b.Records()); err != nil {
		return fmt.Errorf("board: writing json: %w", err)
	}
	return nil
}
