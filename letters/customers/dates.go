package customers

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

var (
	reISODate    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$`)
	reHanDate    = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
	reDottedDate = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?$`)
	reSlashDate  = regexp.MustCompile(`^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$`)
)

// parseDate reads a date cell: ISO 8601 (2026-12-31, also with a time,
// which is dropped; a date cell of a workbook arrives in this form),
// Chinese 2026年12月31日, day-first dotted 31.12.2026 (Russian, German),
// and slashed 31/12/2026 or 12/31/2026 only when the order is unambiguous
// (one part above 12, or both parts equal): 01/02/2026 is rejected rather
// than guessed, since exports write it in both orders. It returns the date
// (midnight UTC), or a problem for the reject reason.
func parseDate(s string) (time.Time, string) {
	var y, m, d int
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	switch {
	case reISODate.MatchString(s):
		p := reISODate.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reHanDate.MatchString(s):
		p := reHanDate.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reDottedDate.MatchString(s):
		p := reDottedDate.FindStringSubmatch(s)
		d, m, y = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reSlashDate.MatchString(s):
		p := reSlashDate.FindStringSubmatch(s)
		a, b := atoi(p[1]), atoi(p[2])
		y = atoi(p[3])
		switch {
		case a > 12 && b <= 12:
			d, m = a, b
		case b > 12 && a <= 12:
			m, d = a, b
		case a == b:
			d, m = a, b
		default:
			return time.Time{}, "ambiguous date (day and month could be either way round); write it as YYYY-MM-DD"
		}
	default:
		return time.Time{}, "not a date; write it as YYYY-MM-DD"
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 1900 {
		return time.Time{}, fmt.Sprintf("no such date %04d-%02d-%02d", y, m, d)
	}
	return t, ""
}
