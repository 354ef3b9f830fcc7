package outbox

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// mergeManifests folds the manifest of a resumed run that was itself
// interrupted (cur) into the previous manifest (prev), so that a letter any
// of the interrupted runs recorded stays a candidate to keep, however many
// times the run was killed. Both are in file order; the merge is too, with
// cur's entry for a row both hold (cur's run wrote last). The merge
// replaces prev atomically before cur is removed: a kill in between leaves
// both, and the next resume merges them again to the same result.
func mergeManifests(prev, cur string) error {
	older, err := openManifest(prev)
	if err != nil || older == nil {
		return err
	}
	newer, err := openManifest(cur)
	if err != nil || newer == nil {
		older.Close()
		return err
	}
	err = WriteAtomic(prev, WriterFunc(func(w io.Writer) error {
		defer older.Close()
		defer newer.Close()
		return mergeEntries(w, older, newer)
	}))
	if err != nil {
		return err
	}
	if err := os.Remove(cur); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// openManifest opens the manifest at path for reading, or returns nil when
// there is none.
func openManifest(path string) (*ManifestReader, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return &ManifestReader{f: f, r: bufio.NewReaderSize(f, 1<<16)}, nil
}

// mergeEntries writes to w, by row, the entries of older and newer (newer's
// for a row both hold), one JSON line each.
func mergeEntries(w io.Writer, older, newer *ManifestReader) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	o, oOK := older.Next()
	n, nOK := newer.Next()
	for oOK || nOK {
		var e Entry
		switch {
		case !nOK || (oOK && o.Row < n.Row):
			e = o
			o, oOK = older.Next()
		default:
			if oOK && o.Row == n.Row {
				o, oOK = older.Next()
			}
			e = n
			n, nOK = newer.Next()
		}
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}
