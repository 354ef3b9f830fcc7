package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"

	"github.com/breachnotice/breachnotice/rules/tomllimit"
)

// Fingerprint identifies a set of rule files: the SHA-256 of every *.toml
// file at the top of fsys (the files Load reads), by name. Two directories
// with the same files byte for byte have the same fingerprint, so a run can
// record which rules it applied and an audit can tell whether it checks
// against the same ones.
func Fingerprint(fsys fs.FS) (string, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return "", fmt.Errorf("rules: fingerprint: %w", err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		data, err := tomllimit.ReadFile(fsys, name)
		if err != nil {
			return "", fmt.Errorf("rules: fingerprint: %w", err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s %s\n", hex.EncodeToString(sum[:]), name)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
