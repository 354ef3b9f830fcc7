package letters

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"
)

// MaxPrintedID is the most characters of an identifier (a customer id,
// an incident id) a letter prints in full. A longer one is printed
// shortened (ShortID); the manifest keeps the full id next to the
// printed form.
const MaxPrintedID = 64

// The short form of an identifier: its first shortIDPrefix characters,
// "…", and shortIDHash hexadecimal digits of its SHA-256 (48 bits: ids
// that share their first characters still print apart).
const (
	shortIDPrefix = 12
	shortIDHash   = 12
)

// PrintedID returns id as a letter prints it: the id itself when it has
// at most MaxPrintedID characters, otherwise its short form (ShortID).
// The letter, its email and the audit all take the printed form from
// here.
func PrintedID(id string) string {
	if utf8.RuneCountInString(id) <= MaxPrintedID {
		return id
	}
	return ShortID(id)
}

// ShortID returns the short form of id: its first 12 characters, "…"
// and the first 12 hexadecimal digits of the SHA-256 of the whole id.
// The same id always gives the same short form.
func ShortID(id string) string {
	rs := []rune(id)
	sum := sha256.Sum256([]byte(id))
	return string(rs[:min(len(rs), shortIDPrefix)]) + "…" + hex.EncodeToString(sum[:])[:shortIDHash]
}
