package outbox

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/breachnotice/breachnotice/letters/customers"
)

// ScanManifest reads manifest.jsonl one entry at a time, as ReadManifest
// does, and calls fn for each: the memory it takes does not grow with the
// letters. It stops at fn's first error and returns it.
func ScanManifest(r io.Reader, fn func(Entry) error) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	for n := 1; ; n++ {
		var e Entry
		if err := dec.Decode(&e); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("outbox: %s entry %d: %w", ManifestFile, n, err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
}

// ScanCSV reads back a CSV this tool wrote as ReadCSV does (a BOM skipped,
// the delimiter of the header line, every cell unneutralised), one record
// at a time: fn's record is reused by the next call. It stops at fn's
// first error and returns it.
func ScanCSV(r io.Reader, fn func([]string) error) error {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(BOM)); err == nil && string(b) == BOM {
		br.Discard(len(BOM))
	}
	first, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(br)
	cr.Comma = customers.DetectDelimiter(first)
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		for i, s := range rec {
			rec[i] = UnneutraliseCell(s)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}
