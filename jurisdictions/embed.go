// Package jurisdictions embeds the default breach-notification rule files
// and their case files. See README.md in this directory for the schema.
package jurisdictions

import (
	"embed"
	"io/fs"
)

// FS holds the rule files (*.toml) at its root, and the case files under
// cases.
//
//go:embed *.toml cases/*.toml
var FS embed.FS

// Cases returns the embedded case files.
func Cases() fs.FS {
	sub, err := fs.Sub(FS, "cases")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}
