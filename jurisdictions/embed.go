// Package jurisdictions embeds the default breach-notification rule files.
// See README.md in this directory for the schema.
package jurisdictions

import "embed"

// FS holds the rule files (*.toml) at its root.
//
//go:embed *.toml
var FS embed.FS
