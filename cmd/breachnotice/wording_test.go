package main

import "testing"

func TestTidyPrefixes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"letters: letters: invalid incident file", "letters: invalid incident file"},
		{"letters: batch: letters: x: y", "letters: batch: x: y"},
		{"letters: outbox: the directory", "letters: outbox: the directory"},
		{"letters: incident.toml:3: letters: x", "letters: incident.toml:3: letters: x"},
		{"audit: cannot audit \"a: b\"", "audit: cannot audit \"a: b\""},
		{"no prefix", "no prefix"},
	} {
		if got := tidyPrefixes(tc.in); got != tc.want {
			t.Errorf("tidyPrefixes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
