package letters_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
)

// TestIncidentErrorWording: each problem of an incident file at its line
// (or none, never line 0), in the file's words: no Go time layout, no Go
// type names, no repeated "letters:" prefix; and it is ErrIncident.
func TestIncidentErrorWording(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"quoted time": {"[incident]\ndiscovered_at = \"2026-11-19 19:30\"\n",
			`incident.toml:2: incident.discovered_at "2026-11-19 19:30" is not a date and time such as 2026-11-22T10:00:00+01:00 (or a date alone, such as 2026-11-22, without quotes)`},
		"number for text": {"[organization]\nlegal_name = 3\n",
			`incident.toml:2: organization.legal_name: want text in quotes, not a number`},
		"text for list": {"[organization]\n\nestablishments = \"IT\"\n",
			`incident.toml:3: organization.establishments: want a list [...], not text in quotes`},
		"syntax":               {"[organization\n", `incident.toml:1: expected '.' or ']' to end table name, but the line ends`},
		"missing key, no line": {"[organization]\nlegal_name = \"A\"\n", "\nincident.toml: organization.website is missing\n"},
		"placeholder": {"[organization]\nlegal_name = \"TODO your name\"\n[incident]\ndiscovered_at = \"TODO a date\"\n",
			"incident.toml: 2 problems:\nincident.toml:2: organization.legal_name is still a placeholder (\"TODO ...\"): fill it in (docs/incident.md)\nincident.toml:4: incident.discovered_at is still a placeholder"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := letters.LoadIncident("incident.toml", strings.NewReader(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error:\n%v\nwant it to contain:\n%s", err, tc.want)
			}
			if !errors.Is(err, letters.ErrIncident) {
				t.Errorf("error is not ErrIncident")
			}
			for _, bad := range []string{"2006-01-02", "int64", ":0:", "line 0", "letters: letters:", "toml:"} {
				if strings.Contains(err.Error(), bad) && !strings.Contains(tc.want, bad) {
					t.Errorf("error says %q:\n%v", bad, err)
				}
			}
		})
	}
}
