package audit

import (
	"bufio"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// spoolChunk is how many records a spool holds in memory before it writes
// them, sorted, to a temporary file (a variable for the tests).
var spoolChunk = 4096

// spool keeps records in a stable sorted order without holding them all:
// up to spoolChunk are kept in memory, each full chunk is sorted and
// written to a temporary file (created 0600 and unlinked at once where the
// system allows it, so that even a killed audit leaves nothing behind),
// and each reads them back, merged. The memory it takes does not grow with
// the number of records, whatever their order.
type spool[T any] struct {
	dir  string // where the temporary files go; "" is os.TempDir()
	cmp  func(x, y T) int
	buf  []T
	runs []*os.File
	kept []string // files not unlinked at once, removed by close
	n    int
	err  error
}

func newSpool[T any](dir string, cmp func(x, y T) int) *spool[T] {
	return &spool[T]{dir: dir, cmp: cmp}
}

// add appends a record; a failure to write is kept and returned by each.
func (s *spool[T]) add(v T) {
	s.n++
	if s.err != nil {
		return
	}
	s.buf = append(s.buf, v)
	if len(s.buf) >= spoolChunk {
		s.err = s.flush()
	}
}

// len is the number of records added.
func (s *spool[T]) len() int { return s.n }

// flush writes the records in memory, sorted, as one more run.
func (s *spool[T]) flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	slices.SortStableFunc(s.buf, s.cmp)
	f, err := os.CreateTemp(s.dir, ".breachnotice-audit-*")
	if err != nil {
		return fmt.Errorf("audit: temporary file: %w", err)
	}
	if os.Remove(f.Name()) != nil {
		s.kept = append(s.kept, f.Name())
	}
	s.runs = append(s.runs, f)
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, v := range s.buf {
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("audit: temporary file: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("audit: temporary file: %w", err)
	}
	clear(s.buf)
	s.buf = s.buf[:0]
	return nil
}

// each calls fn for every record, in order, and stops at fn's first error.
func (s *spool[T]) each(fn func(T) error) error {
	if s.err != nil {
		return s.err
	}
	if len(s.runs) == 0 {
		slices.SortStableFunc(s.buf, s.cmp)
		for _, v := range s.buf {
			if err := fn(v); err != nil {
				return err
			}
		}
		return nil
	}
	if s.err = s.flush(); s.err != nil {
		return s.err
	}
	return s.merge(fn)
}

// first returns up to n records from the start of the order.
func (s *spool[T]) first(n int) ([]T, error) {
	out := make([]T, 0, min(n, s.n))
	stop := errors.New("enough")
	err := s.each(func(v T) error {
		if len(out) == n {
			return stop
		}
		out = append(out, v)
		return nil
	})
	if errors.Is(err, stop) {
		err = nil
	}
	return out, err
}

// merge reads the runs back in order: the smallest head first, and of
// equal heads the earlier run's (which keeps the order stable).
func (s *spool[T]) merge(fn func(T) error) error {
	h := &cursors[T]{cmp: s.cmp}
	for i, f := range s.runs {
		c := &cursor[T]{run: i, dec: json.NewDecoder(bufio.NewReader(io.NewSectionReader(f, 0, 1<<62)))}
		ok, err := c.next()
		if err != nil {
			return err
		}
		if ok {
			h.items = append(h.items, c)
		}
	}
	heap.Init(h)
	for h.Len() > 0 {
		c := h.items[0]
		if err := fn(c.head); err != nil {
			return err
		}
		ok, err := c.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return nil
}

// close releases the temporary files.
func (s *spool[T]) close() {
	for _, f := range s.runs {
		f.Close()
	}
	for _, name := range s.kept {
		os.Remove(name)
	}
	s.runs, s.kept, s.buf = nil, nil, nil
}

// cursor reads one run.
type cursor[T any] struct {
	run  int
	dec  *json.Decoder
	head T
}

func (c *cursor[T]) next() (bool, error) {
	var v T
	if err := c.dec.Decode(&v); errors.Is(err, io.EOF) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("audit: temporary file: %w", err)
	}
	c.head = v
	return true, nil
}

// cursors is a heap of the runs' heads.
type cursors[T any] struct {
	cmp   func(x, y T) int
	items []*cursor[T]
}

func (h *cursors[T]) Len() int { return len(h.items) }
func (h *cursors[T]) Less(i, j int) bool {
	if c := h.cmp(h.items[i].head, h.items[j].head); c != 0 {
		return c < 0
	}
	return h.items[i].run < h.items[j].run
}
func (h *cursors[T]) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *cursors[T]) Push(x any)    { h.items = append(h.items, x.(*cursor[T])) }
func (h *cursors[T]) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
