package letters

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/locales"
)

// The kinds of CategoryWarning.
const (
	// WarnPasswordHashed: the row lists "password", the incident
	// "password_hash": the letter says the password was hashed, the more
	// precise fact (it is known how it was stored).
	WarnPasswordHashed = "password_hashed"
	// WarnRowSaysHash: the row lists "password_hash", the incident
	// "password": the letter follows the row's hash.
	WarnRowSaysHash = "row_says_hash"
	// WarnNotInIncident: the row lists a category the incident's
	// data_categories do not; the letter keeps the row's.
	WarnNotInIncident = "not_in_incident"
	// WarnRowOmits: the row lists categories but not the name or email,
	// which the incident's data_categories name (a letter that leaves out
	// the name the customer list holds); the letter follows the row, and
	// the author should know.
	WarnRowOmits = "row_omits"
)

// CategoryWarning is a disagreement between a row's data categories and
// the incident's: it names the row and the customer id only.
type CategoryWarning struct {
	Kind       string
	Category   string // the category concerned, as the letter writes it
	Row        int
	CustomerID string
}

// Categories returns the data categories of a person whose row lists
// listed, as the letter writes them (Reconcile).
func (in *Incident) Categories(listed []string) []string {
	cats, _ := in.reconcile(listed)
	return cats
}

// Reconcile returns the data categories of person p, as the letter writes
// them, and the disagreements between p's row and the incident. A row that
// names no category takes the incident's. Where one says "password" and
// the other "password_hash", the letter says "password_hash": it is known
// how the password was stored. A category the row lists and the incident
// does not stays (the row knows this person's data).
func (in *Incident) Reconcile(p customers.Person) ([]string, []CategoryWarning) {
	cats, kinds := in.reconcile(p.DataCategories)
	var ws []CategoryWarning
	for _, k := range kinds {
		ws = append(ws, CategoryWarning{Kind: k[0], Category: k[1], Row: p.Row, CustomerID: p.CustomerID})
	}
	return cats, ws
}

func (in *Incident) reconcile(listed []string) ([]string, [][2]string) {
	inc := in.Incident.DataCategories
	if len(listed) == 0 {
		return inc, nil
	}
	var out []string
	var kinds [][2]string
	for _, c := range listed {
		switch {
		case c == "password" && slices.Contains(inc, "password_hash") && !slices.Contains(inc, "password"):
			kinds = append(kinds, [2]string{WarnPasswordHashed, "password_hash"})
			c = "password_hash"
		case c == "password_hash" && slices.Contains(inc, "password") && !slices.Contains(inc, "password_hash"):
			kinds = append(kinds, [2]string{WarnRowSaysHash, "password_hash"})
		case !slices.Contains(inc, c):
			kinds = append(kinds, [2]string{WarnNotInIncident, c})
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	// Most rows name a part of what the incident lists (only some
	// customers had a card on file); but the name and email are what the
	// customer list itself holds: a row without them is worth a look.
	for _, c := range []string{"name", "email"} {
		if slices.Contains(inc, c) && !slices.Contains(out, c) {
			kinds = append(kinds, [2]string{WarnRowOmits, c})
		}
	}
	return out, kinds
}

// MaxWarningRows bounds the rows a WarningCount lists.
const MaxWarningRows = 10

// WarningCount is the CategoryWarnings of one kind and category over a
// file: how many, and the first rows with their customer ids.
type WarningCount struct {
	Kind        string
	Category    string
	Count       int
	Rows        []int
	CustomerIDs []string
}

// String says what the warning means, naming rows and customer ids only.
func (w WarningCount) String() string {
	var what string
	switch w.Kind {
	case WarnPasswordHashed:
		what = "the row lists password, the incident password_hash: the letter says the password was stored hashed"
	case WarnRowSaysHash:
		what = "the row lists password_hash, the incident password: the letter follows the row (hashed)"
	case WarnRowOmits:
		what = fmt.Sprintf("the row does not list %s, which the incident's data_categories do: the letter follows the row and does not name it", w.Category)
	default:
		what = fmt.Sprintf("the row lists %s, which the incident's data_categories do not: the letter keeps it", w.Category)
	}
	var at []string
	for i, r := range w.Rows {
		at = append(at, fmt.Sprintf("row %d (%s)", r, w.CustomerIDs[i]))
	}
	more := ""
	if w.Count > len(w.Rows) {
		more = fmt.Sprintf(" and %d more", w.Count-len(w.Rows))
	}
	return fmt.Sprintf("%s; %d %s: %s%s", what, w.Count, plural(w.Count, "row", "rows"), strings.Join(at, ", "), more)
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// CategoryTally counts CategoryWarnings by kind and category. The zero
// value is ready to use.
type CategoryTally struct {
	m map[[2]string]*WarningCount
}

// Add counts ws.
func (t *CategoryTally) Add(ws ...CategoryWarning) {
	for _, w := range ws {
		if t.m == nil {
			t.m = map[[2]string]*WarningCount{}
		}
		k := [2]string{w.Kind, w.Category}
		c := t.m[k]
		if c == nil {
			c = &WarningCount{Kind: w.Kind, Category: w.Category}
			t.m[k] = c
		}
		c.Count++
		if len(c.Rows) < MaxWarningRows {
			c.Rows = append(c.Rows, w.Row)
			c.CustomerIDs = append(c.CustomerIDs, w.CustomerID)
		}
	}
}

// List returns the counts by kind, then category.
func (t *CategoryTally) List() []WarningCount {
	var out []WarningCount
	for _, c := range t.m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Category < out[j].Category
	})
	return out
}

// AccountDates reports whether the incident's account in text (what
// happened and what is not yet known), read with cat's date layouts, names
// the period of the breach (occurred_from and occurred_to) and the day of
// its discovery.
func (in *Incident) AccountDates(cat *locales.Catalog, text IncidentText) (period, discovery bool) {
	f := in.Incident
	named := in.accountDays(cat, text)
	return named[dayOf(f.OccurredFrom)] && named[dayOf(f.OccurredTo)], named[dayOf(f.DiscoveredAt)]
}

// accountDays are the days (YYYY-MM-DD) the account names.
func (in *Incident) accountDays(cat *locales.Catalog, text IncidentText) map[string]bool {
	named := map[string]bool{}
	for _, s := range []string{text.WhatHappened, text.NotYetKnown} {
		for _, d := range cat.FindDates(s) {
			named[in.dayOfFound(d)] = true
		}
	}
	return named
}
