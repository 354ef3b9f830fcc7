package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}}
	dirty := append(rev[:1:1], debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	clean := append(rev[:1:1], debug.BuildSetting{Key: "vcs.modified", Value: "false"})
	for _, tc := range []struct {
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"", nil, "devel"},
		{"(devel)", nil, "devel"},
		{"v1.4.0", nil, "v1.4.0"},
		{"(devel)", clean, "devel 0123456789ab"},
		{"(devel)", dirty, "devel 0123456789ab+modified"},
		{"v0.0.0-20261206152800-0123456789ab", clean, "v0.0.0-20261206152800-0123456789ab"},
		{"v0.0.0-20261206152800-0123456789ab+dirty", dirty, "v0.0.0-20261206152800-0123456789ab+dirty"},
		{"v1.4.0", dirty, "v1.4.0 0123456789ab+modified"},
	} {
		bi := &debug.BuildInfo{Main: debug.Module{Version: tc.version}, Settings: tc.settings}
		if got := versionOf(bi); got != tc.want {
			t.Errorf("versionOf(%q, %v) = %q, want %q", tc.version, tc.settings, got, tc.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"incident", "incident", 0},
		{"incidnet", "incident", 1},
		{"incdeint", "incident", 2},
		{"incdient", "incident", 1},
		{"custmers", "customers", 1},
		{"out", "now", 3},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
