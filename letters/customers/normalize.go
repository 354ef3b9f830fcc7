package customers

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// cleanCell prepares any cell value: it replaces no-break spaces with
// spaces, removes zero-width characters, the byte order mark and other
// control and format characters (tabs become spaces, line breaks are kept),
// applies Unicode NFC and trims surrounding white space. Invalid UTF-8 is
// replaced by U+FFFD.
func cleanCell(s string) string {
	if s == "" {
		return ""
	}
	if isPlainASCII(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\u00a0' || r == '\u202f' || r == '\u2007' || r == '\t':
			b.WriteByte(' ')
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060' || r == '\u00ad':
			// zero-width characters, BOM, word joiner, soft hyphen: dropped
		case r == '\r':
			// CR of CRLF: dropped, the LF stays
		case r == '\n' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case unicode.IsControl(r):
			// other C0/C1 controls: dropped
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(norm.NFC.String(b.String()))
}

// isPlainASCII reports whether s is printable ASCII only (the fast path of
// cleanCell).
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// oneLine collapses every run of white space (line breaks included) of a
// cleaned value into a single space.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// multiLine collapses white space inside each line of a cleaned value,
// drops empty lines and joins the remaining lines with "\n".
func multiLine(s string) string {
	if !strings.Contains(s, "\n") {
		return oneLine(s)
	}
	var lines []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = oneLine(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// normKey is the matching key of headers, country names, US states and
// data categories: lower case, accents removed (NFD then all non-spacing
// marks dropped), and everything that is neither a letter nor a digit
// (spaces, underscores, hyphens, dots, slashes, apostrophes, other
// punctuation and symbols) removed.
func normKey(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	// ß has no NFD decomposition; fold it like "ss" so "Straße" == "strasse".
	return strings.ReplaceAll(b.String(), "ß", "ss")
}

// hiddenInEmail returns the first character of an email cell that
// cleanCell would drop from inside it (a NUL or another control character,
// a zero-width or other format character), white space around or in the
// address apart: an address with it removed may be another person's.
func hiddenInEmail(s string) (rune, bool) {
	for _, r := range strings.TrimSpace(s) {
		if (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) && !unicode.IsSpace(r) {
			return r, true
		}
	}
	return 0, false
}

// validEmail reports whether s is a bare RFC 5322 addr-spec accepted by
// net/mail (no display name, no angle brackets, no comments) whose domain
// has at least two labels. Internationalized (UTF-8) domains and local
// parts are accepted.
func validEmail(s string) bool {
	if s == "" || len(s) > 254 || strings.ContainsAny(s, " <>()\n") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return false
	}
	domain := s[at+1:]
	if strings.HasPrefix(domain, "[") { // address literal: not deliverable in practice
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
	}
	// An internationalized domain must have an ASCII form (punycode, the
	// form the email's To header carries: letters/email).
	if !isASCII(domain) {
		if _, err := idna.Lookup.ToASCII(domain); err != nil {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// truncateForMessage shortens a non-personal value (country, language,
// category) quoted in a reject reason so that a wrongly mapped column
// cannot flood messages.
func truncateForMessage(s string) string {
	const maxRunes = 40
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	r := []rune(s)
	return string(r[:maxRunes]) + "…"
}

// isHan reports whether s is non-empty and made of Han characters only.
func isHan(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// joinName builds a full name from first and last name (both cleaned and
// collapsed). When both are written in Han characters only, the Chinese
// order "family name + given name" without a space is used; otherwise
// "first last". A single non-empty part is used alone.
func joinName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	case isHan(first) && isHan(last):
		return last + first
	default:
		return first + " " + last
	}
}

// spreadsheetErrors are the error values a formula cell may cache.
var spreadsheetErrors = map[string]bool{
	"#N/A": true, "#VALUE!": true, "#REF!": true, "#DIV/0!": true, "#NUM!": true,
	"#NAME?": true, "#NULL!": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true,
	"#FIELD!": true, "#BLOCKED!": true, "#UNKNOWN!": true, "#CONNECT!": true, "#BUSY!": true,
}
