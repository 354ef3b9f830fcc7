//go:build !race

package pdftext

// raceEnabled reports whether the race detector is on; expensive tests
// that only exercise sequential code are skipped under it.
const raceEnabled = false
