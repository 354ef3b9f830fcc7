package pdffile

import (
	"testing"
	"time"
)

// TestPDFStrings: dates with their offset from UTC, and text strings as
// literals when ASCII, else UTF-16BE with a byte order mark.
func TestPDFStrings(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "(D:20260102030405Z)"},
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600)), "(D:20260102030405+01'00')"},
	} {
		if got := pdfDate(tc.t); got != tc.want {
			t.Errorf("pdfDate(%v) = %s, want %s", tc.t, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"Acme":       "(Acme)",
		`a(b)\c`:     `(a\(b\)\\c)`,
		"é":          "<FEFF00E9>",
		"a\nb":       "<FEFF0061000A0062>",
		"\U0001F600": "<FEFFD83DDE00>",
	} {
		if got := pdfText(in); got != want {
			t.Errorf("pdfText(%q) = %s, want %s", in, got, want)
		}
	}
}
