package customers_test

import (
	"bytes"
	"testing"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/customers/sample"
)

// The import benchmarks read a generated 12-column sheet of benchRows
// persons and report rows/s. The end-to-end measurement on a million rows,
// with peak memory, is .ci/bench-import (README, "Performance").
const benchRows = 50000

func benchmarkRead(b *testing.B, name string, opts sample.Options) {
	opts.Rows = benchRows
	opts.Seed = 1
	var buf bytes.Buffer
	if err := sample.Write(&buf, opts); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		st, err := customers.Read(bytes.NewReader(data), customers.Options{Name: name}, func(*customers.Person, *customers.Reject) error { return nil })
		if err != nil || st.Persons != benchRows {
			b.Fatalf("Read: %d persons, %v", st.Persons, err)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadXLSXInline(b *testing.B) { benchmarkRead(b, "b.xlsx", sample.Options{}) }
func BenchmarkReadXLSXShared(b *testing.B) {
	benchmarkRead(b, "b.xlsx", sample.Options{SharedStrings: true})
}
func BenchmarkReadCSV(b *testing.B) { benchmarkRead(b, "b.csv", sample.Options{Format: "csv"}) }
