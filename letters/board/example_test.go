package board_test

import (
	"log"
	"os"
	"time"

	"github.com/breachnotice/breachnotice/letters/board"
	"github.com/breachnotice/breachnotice/rules"
)

// A board of two obligations, read in New York: the Italian regulator's
// 72 hours, and the notice to individuals, for which the GDPR sets no
// fixed period.
func ExampleBoard_WriteTable() {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		log.Fatal(err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		log.Fatal(err)
	}
	discovered := time.Date(2026, 11, 20, 18, 45, 0, 0, rome)
	due := discovered.Add(72 * time.Hour)
	b := &board.Board{
		IncidentID: "INC-2026-0042",
		Discovered: discovered,
		Now:        time.Date(2026, 11, 22, 10, 0, 0, 0, rome),
		Zone:       newYork,
		ZoneOf:     func(string) *time.Location { return rome },
		Deadlines: []rules.Deadline{
			{
				Jurisdiction: "IT", Stage: rules.StageInitial, Affected: 12, ThresholdMet: true,
				Obligation: rules.Obligation{Recipient: rules.Individuals, Citation: "GDPR Art. 34(1)",
					Clock: rules.Clock{Words: "without undue delay"}},
				Anchor: &discovered, Rule: "no fixed deadline: without undue delay", Status: rules.StatusNoFixed,
			},
			{
				Jurisdiction: "IT", Stage: rules.StageInitial, Affected: 22, ThresholdMet: true,
				Obligation: rules.Obligation{Recipient: rules.Regulator, Authority: "Garante per la protezione dei dati personali",
					Citation: "GDPR Art. 33(1)", Clock: rules.Clock{Words: "where feasible, not later than 72 hours"}},
				Anchor: &discovered, Due: &due, Rule: "72 hours after discovery", Status: rules.StatusOnTrack,
			},
		},
	}
	if err := b.WriteTable(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Deadlines · INC-2026-0042
	// as of Sun 22 Nov 2026 04:00 EST (America/New_York); times in America/New_York unless marked local
	// 1 on track · 1 no fixed deadline
	//
	// #  DUE (America/New_York)  TIME LEFT  STATUS             WHERE  NOTIFY       PERSONS  DUE (LOCAL)
	// 1  Mon 23 Nov 12:45        1d 8h      on track           IT     regulator    22       Mon 23 Nov 18:45 CET
	// 2  —                       —          no fixed deadline  IT     individuals  12       —
	//
	// NOTES: who is notified, the rule and the law
	//  1. IT · regulator (initial) · Garante per la protezione dei dati personali
	//     due: 2026-11-23 18:45 CET (Europe/Rome), 2026-11-23 12:45 EST where you are
	//     clock started: 2026-11-20 18:45 CET
	//     rule: 72 hours after discovery
	//     statute: where feasible, not later than 72 hours
	//     persons: 22; threshold: none
	//     law: GDPR Art. 33(1)
	//  2. IT · individuals (initial) · affected persons
	//     due: no fixed deadline set by law (Europe/Rome)
	//     rule: no fixed deadline: without undue delay
	//     persons: 12; threshold: none
	//     law: GDPR Art. 34(1)
}
