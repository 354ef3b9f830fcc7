package run_test

import (
	"bytes"
	"testing"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/customers/sample"
	"github.com/breachnotice/breachnotice/letters/run"
)

// BenchmarkDecide is the first two passes of a run over a generated sheet
// of 2,000 persons (the duplicate checks, then every row decided and
// tallied), which a run does before it writes its first letter:
//
//	go test ./letters/run -run XXX -bench Decide -benchmem
//
// Metrics: rows/s, and µs/row.
func BenchmarkDecide(b *testing.B) {
	const rows = 2000
	var buf bytes.Buffer
	if err := sample.Write(&buf, sample.Options{Rows: rows, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfg := config(b, "", "b.xlsx", "")
	cfg.TempDir = b.TempDir()
	for b.Loop() {
		cfg.Customers = bytes.NewReader(buf.Bytes())
		t, err := run.Decide(cfg, func(*run.Decided, *customers.Reject) error { return nil })
		if err != nil || t.Stats.Rows != rows {
			b.Fatalf("Decide: %d rows, %v", t.Stats.Rows, err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(rows*b.N), "µs/row")
}
