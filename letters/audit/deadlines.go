package audit

import (
	"slices"
	"time"

	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/rules"
)

// deadlines computes the incident's obligations from the rules, with the
// persons counted over the whole customer file (summary.json's
// notifiable counts: thresholds are decided on the whole file, in every
// shard), and lists those owed to others than the persons.
func (a *auditor) deadlines() {
	first := a.rep.outputs[0]
	counts := rules.Counts{}
	for k, v := range first.sum.Notifiable {
		counts[k] = v
	}
	for _, l := range a.rep.outputs[1:] {
		if !equalCounts(l.sum.Notifiable, first.sum.Notifiable) {
			a.add(l.name(outbox.SummaryFile), CheckIntegrity, "counts", "its notifiable persons per jurisdiction differ from %s's: the outputs are not parts of one run", first.Name)
		}
	}
	facts := a.in.Facts()
	a.rep.deadlines = a.cfg.Rules.Deadlines(facts, counts, a.cfg.Now, 0)
	for _, d := range a.rep.deadlines {
		if d.Obligation.Recipient == rules.Individuals {
			continue
		}
		o := Obligation{Jurisdiction: d.Jurisdiction, Scope: d.Scope, Recipient: string(d.Obligation.Recipient), Authority: d.Obligation.Authority,
			Stage: d.Stage, Affected: d.Affected, Rule: d.Rule, Status: d.Status, Citation: d.Obligation.Citation, Sources: d.Obligation.SourceURLs}
		if d.Due != nil {
			o.Due = d.Due.Format(time.RFC3339)
		}
		a.rep.Obligations = append(a.rep.Obligations, o)
	}
}

func equalCounts(x, y map[string]int) bool {
	if len(x) != len(y) {
		return false
	}
	for k, v := range x {
		if y[k] != v {
			return false
		}
	}
	return true
}

// due is the earliest fixed deadline for notifying the person of entry e:
// the individuals' notice under their residence (or a parent) and under
// any overlay that covered them. nil when no law fixes one.
func (a *auditor) due(e outbox.Entry) (*time.Time, *rules.Deadline) {
	var best *time.Time
	var which *rules.Deadline
	for i, d := range a.rep.deadlines {
		if d.Obligation.Recipient != rules.Individuals || d.Stage != rules.StageInitial || d.Due == nil {
			continue
		}
		if d.Status == rules.StatusNotRequired || d.Status == rules.StatusNotNeeded {
			continue
		}
		// The residence's deadlines hold when its law requires the notice
		// (it is among the laws the content follows), or when no law does.
		residenceLaw := len(e.ContentFrom) == 0 || len(e.Jurisdictions) == 0 || slices.Contains(e.ContentFrom, e.Jurisdictions[0])
		mine := (residenceLaw && slices.Contains(e.Jurisdictions, d.Jurisdiction)) ||
			(d.Scope == "" && slices.Contains(e.ContentFrom, d.Jurisdiction)) ||
			(d.Scope != "" && slices.Contains(e.ContentFrom, d.Jurisdiction) && slices.Contains(e.Jurisdictions, d.Scope))
		if mine && (best == nil || d.Due.Before(*best)) {
			best, which = d.Due, &a.rep.deadlines[i]
		}
	}
	return best, which
}

// sentInTime: a letter sent after its person's deadline is a finding.
func (a *auditor) sentInTime(file string, e outbox.Entry, res *Letter) {
	due, d := a.due(e)
	if due == nil {
		return
	}
	res.Due = due.Format(time.RFC3339)
	if a.cfg.SentAt.After(*due) {
		a.add(file, CheckDeadline, "late", "sent %s, after the deadline for notifying this person, %s (%s, %s)",
			a.cfg.SentAt.In(due.Location()).Format("2006-01-02 15:04 MST"), due.Format("2006-01-02 15:04 MST"), d.Rule, d.Obligation.Citation)
	}
}
