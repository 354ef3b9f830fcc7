package outbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
