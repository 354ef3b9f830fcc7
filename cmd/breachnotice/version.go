package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// toolVersion is the version of this binary, as recorded in summary.json
// and audit.json: the module version ("v1.4.0", or a pseudo-version such
// as v0.0.0-20261206155714-314b6b3bdd19+dirty, which the go command stamps
// on a build in a clone), then the commit it was built from and
// "+modified" when the working tree had changes, unless the version says
// them already. A
// binary built without that information (go test, -buildvcs=false) is
// "devel".
func toolVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return versionOf(bi)
}

// versionOf is toolVersion for the build information bi.
func versionOf(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+modified"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	// Go 1.24 and later stamp a build in a clone with a pseudo-version
	// that holds the commit already, and "+dirty" for changes.
	if rev == "" || strings.Contains(v, rev) {
		return v
	}
	return v + " " + rev + modified
}

// runVersion prints the version and the Go release that built it.
func runVersion(stdout io.Writer) int {
	goVersion := "unknown Go"
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
	}
	fmt.Fprintf(stdout, "breachnotice %s (%s)\n", toolVersion(), goVersion)
	return exitOK
}
