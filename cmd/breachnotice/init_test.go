package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// initFills are the values a user gives for the template's placeholders.
var initFills = map[string]string{
	"legal_name":          `"Acme Retail S.p.A."`,
	"brand":               `"Acme"`,
	"country":             `"IT"`,
	"website":             `"https://www.acme.example"`,
	"official_domains":    `["acme.example"]`,
	"postal_address":      `"Via Roma 1, 20121 Milano, Italia"`,
	"contact_email":       `"privacy@acme.example"`,
	"contact_phone":       `"+39 02 1234 5678"`,
	"signatory_name":      `"Marco Rossi"`,
	"signatory_title":     `"Chief Executive Officer"`,
	"id":                  `"INC-2026-0042"`,
	"discovered_at":       `2026-11-19T19:30:00+01:00`,
	"data_categories":     `["name", "email"]`,
	"risk_to_individuals": `"high"`,
	"what_happened":       `"On November 19 we found that someone had copied part of our customer list."`,
	"what_we_are_doing":   `"We closed the hole the same day and are checking all our systems."`,
}

// TestInit writes the template (0600, never over an existing file); the
// template as written is refused with every placeholder named, and, filled
// in, it renders a preview.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "incident.toml")
	var stdout, stderr bytes.Buffer
	if st := cli([]string{"init", path}, nil, &stdout, &stderr); st != exitOK {
		t.Fatalf("init: exit %d: %s", st, stderr.String())
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("init wrote %v (%v), want a 0600 file", fi, err)
	}
	stderr.Reset()
	if st := cli([]string{"init", path}, nil, &stdout, &stderr); st != exitUsage || !strings.Contains(stderr.String(), "exists already") {
		t.Errorf("init over an existing file: exit %d, %q; want 2 and \"exists already\"", st, stderr.String())
	}
	preview := []string{"letters", "--preview", "--incident", path, "--out", filepath.Join(dir, "preview"),
		"--languages", "en", "--profiles", "EU", "--now", "2026-11-22T10:00:00+01:00"}
	stderr.Reset()
	if st := cli(preview, nil, &stdout, &stderr); st != exitUsage {
		t.Fatalf("preview of the unfilled template: exit %d, want 2", st)
	}
	for key := range initFills {
		if !regexp.MustCompile(`\.` + key + ` is still a placeholder`).MatchString(stderr.String()) {
			t.Errorf("preview of the unfilled template does not name %s:\n%s", key, stderr.String())
		}
	}
	if err := os.WriteFile(path, fillTemplate(t, incidentTemplate), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if st := cli(preview, nil, &stdout, &stderr); st != exitOK {
		t.Fatalf("preview of the filled template: exit %d:\n%s", st, stderr.String())
	}
	if !strings.Contains(stdout.String(), "wrote 1 sample letter to") {
		t.Errorf("preview of the filled template:\n%s", stdout.String())
	}
}

// fillTemplate replaces each placeholder of the template by its initFills
// value; a placeholder without one fails the test.
func fillTemplate(t *testing.T, tmpl []byte) []byte {
	t.Helper()
	line := regexp.MustCompile(`^(\s*([a-z_]+)\s*=\s*)(\[?"TODO.*)$`)
	lines := strings.Split(string(tmpl), "\n")
	for i, l := range lines {
		m := line.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		v, ok := initFills[m[2]]
		if !ok {
			t.Fatalf("template line %d: no value for the placeholder of %s", i+1, m[2])
		}
		lines[i] = m[1] + v
	}
	return []byte(strings.Join(lines, "\n"))
}
