package customers_test

import (
	"bytes"
	"testing"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
)

// BenchmarkStageRead reads the per-stage benchmarks' sample sheet (.xlsx,
// lettertest.StageRows rows) as a run's second and third passes read it:
// its duplicate checks already found by the first (FindDuplicates). One
// op is the whole sheet; ns/row is the cost of a row. One of the per-stage
// benchmarks (README, "Performance"):
//
//	go test ./letters/... -run XXX -bench Stage -benchmem
func BenchmarkStageRead(b *testing.B) {
	s := lettertest.LoadStage(b, "../../testdata/incident.toml")
	opts := customers.Options{Name: "sample.xlsx"}
	dups, err := customers.FindDuplicates(bytes.NewReader(s.Sheet), opts, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer dups.Remove()
	opts.Duplicates = dups
	b.SetBytes(int64(len(s.Sheet)))
	b.ReportAllocs()
	for b.Loop() {
		st, err := customers.Read(bytes.NewReader(s.Sheet), opts, func(*customers.Person, *customers.Reject) error { return nil })
		if err != nil || st.Persons != len(s.Persons) {
			b.Fatalf("Read: %d persons, %v", st.Persons, err)
		}
	}
	rows := float64(lettertest.StageRows) * float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/rows, "ns/row")
	b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
}
