package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

// TestAdvise: each library error the user fixes with a flag gets the flag,
// however deep it is wrapped; other errors are printed as they are.
func TestAdvise(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("run: %w", err) }
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&customers.EncodingError{File: "a.csv", Line: 2}, `; pass the encoding (--encoding) or save the file as "CSV UTF-8"`},
		{wrap(&customers.EncodingError{File: "a.csv", Line: 2, Encoding: "utf-8"}), `; pass the file's encoding (--encoding) or save the file as "CSV UTF-8"`},
		{fmt.Errorf("customers: a.xlsx: %w: %w", customers.ErrPassword, customers.ErrNoPassword), "; pass it with --password-file or $BREACHNOTICE_PASSWORD (or save an unencrypted copy)"},
		{fmt.Errorf("customers: a.xlsx: %w: the password does not open the workbook", customers.ErrPassword), ": the password does not open the workbook"},
		{fmt.Errorf("customers: a.xlsx: %w: sheet %q is %w", customers.ErrUnsupportedFormat, "Chart1", customers.ErrNotWorksheet), "; choose another with --sheet"},
		{fmt.Errorf("customers: a.xlsx: %w %q; the sheets are %q", customers.ErrUnknownSheet, "Nope", "Affected"), "; choose one with --sheet"},
		{&customers.MissingColumnsError{Where: "a.csv row 1", Missing: []string{"country"}}, "; name the columns with --mapping"},
		{fmt.Errorf("customers: a.csv: no header row: %w", customers.ErrMissingColumns), ": missing required columns"},
		{wrap(&outbox.OtherRunError{Dir: "out", Was: outbox.Run{Now: "a"}, Now: outbox.Run{Now: "b"}}), "; run again with the same incident, rules, customer file, --now, --as-of, --shard and --attach-pdf, or use an empty directory, or --replace to discard it"},
		{wrap(&outbox.FinishedError{Dir: "out", Was: outbox.Run{Now: "a"}, Now: outbox.Run{Now: "b"}}), "; to replace it, run again with --replace (its letters, audit.json and audit.xlsx are deleted), or choose another --out"},
		{wrap(&outbox.ForeignError{Dir: "out", Files: []string{"a"}}), "; choose a new or empty --out"},
		{wrap(&outbox.LockedError{Dir: "out", Lock: "out/.breachnotice.lock"}), "; wait for it to end, or use another directory"},
		{errors.New("plain"), "plain"},
	} {
		got := advise(tt.err)
		if !strings.HasPrefix(got, tt.err.Error()) || !strings.HasSuffix(got, tt.want) {
			t.Errorf("advise(%q) = %q, want it followed by %q", tt.err, got, tt.want)
		}
	}
}
