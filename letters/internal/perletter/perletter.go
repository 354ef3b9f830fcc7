// Package perletter measures benchmarks per letter: letters/s of wall
// time and, where the platform tells it, the process's CPU time per
// letter, for the benchmarks of every package (README, "Performance").
package perletter

import (
	"testing"
	"time"
)

// EachLetter runs f in b.Loop, one letter per call, and reports its
// allocations, letters/s of wall time and, where the platform tells it,
// the process's CPU time per letter (CPUTime: every thread, the garbage
// collector's included), steadier than ns/op on a shared machine.
func EachLetter(b *testing.B, f func()) {
	b.Helper()
	b.ReportAllocs()
	cpu0 := CPUTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	PerLetter(b, n, cpu0)
}

// PerLetter reports letters/s and cpu-ms/letter for n letters made since
// CPUTime returned cpu0.
func PerLetter(b *testing.B, n int, cpu0 time.Duration) {
	if n == 0 {
		return
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "letters/s")
	if cpu := CPUTime(); cpu > 0 && cpu0 > 0 {
		b.ReportMetric(float64(cpu-cpu0)/float64(n)/1e6, "cpu-ms/letter")
	}
}
