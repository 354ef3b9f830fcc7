package customers

import (
	"bufio"
	"cmp"
	"container/heap"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"slices"
)

// Duplicates records which rows of a customer file repeat an earlier
// row's customer_id or its email and name, found by FindDuplicates with
// memory that does not grow with the file: the keys are sorted in memory
// up to a bound and past it in temporary files. Read answers its
// duplicate checks from it, read in step with the rows.
type Duplicates struct {
	path string   // the records, by row, in a temporary file
	mem  []record // or in memory, for a small file (path "")
	// IDs and Persons count the rows rejected as a repeated customer_id
	// and as the same email and name.
	IDs, Persons int
}

// Remove deletes the temporary file, if there is one.
func (d *Duplicates) Remove() error {
	if d == nil {
		return nil
	}
	d.mem = nil
	if d.path == "" {
		return nil
	}
	err := os.Remove(d.path)
	d.path = ""
	return err
}

// duplicateRunRecords is how many keys are sorted in memory at once (16
// bytes each) before a sorted run goes to a temporary file.
const duplicateRunRecords = 1 << 20

// duplicateSpoolRecords is how many records a list kept in row order (the
// person keys, the result) holds in memory before it goes to a temporary
// file: a file of up to about 65,000 rows needs no file.
const duplicateSpoolRecords = 1 << 16

// kinds of duplicate, in the records of a Duplicates file.
const (
	dupID     = 0
	dupPerson = 1
)

// FindDuplicates reads the customer file (as Read does, with the same
// options) and returns its duplicate rows. A file too large to sort its
// keys in memory has them sorted in temporary files, created in dir
// (os.TempDir() if empty), mode 0600, and removed before it returns,
// except the result's (Duplicates.Remove). They hold 96-bit hashes of the
// keys under seeds that live only as long as the process, never the keys
// themselves.
func FindDuplicates(r io.Reader, opts Options, dir string) (*Duplicates, error) {
	d, readErr, err := findDuplicates(r, opts, dir, duplicateRunRecords, duplicateSpoolRecords)
	if err == nil && readErr != nil {
		d.Remove()
		err = readErr
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// findDuplicates finds the duplicate rows among the rows Read delivers.
// readErr is Read's error, if the file could not be read to its end: the
// result then covers the rows before it. err is an error of the temporary
// files. runRecords bounds the sorter's memory, spoolRecords that of the
// lists kept in row order.
func findDuplicates(r io.Reader, opts Options, dir string, runRecords, spoolRecords int) (d *Duplicates, readErr, err error) {
	if dir == "" {
		dir = os.TempDir()
	}
	ids := &sorter{dir: dir, max: runRecords}
	defer ids.remove()
	persons := newRecordFile(dir, spoolRecords)
	defer persons.remove()
	keys := &dupKeys{ids: ids, persons: persons}
	opts.Duplicates = nil
	opts.keys = keys
	_, readErr = Read(r, opts, func(*Person, *Reject) error { return keys.err })
	if keys.err != nil {
		return nil, nil, keys.err
	}
	d, err = sortDuplicates(ids, persons, dir, runRecords, spoolRecords)
	return d, readErr, err
}

// sortDuplicates sorts the keys recorded while reading: the customer_ids,
// and the email and name keys in row order.
func sortDuplicates(ids *sorter, persons *recordFile, dir string, runRecords, spoolRecords int) (d *Duplicates, err error) {
	d = &Duplicates{}

	// Repeated customer_ids: in each run of equal keys (sorted by key,
	// then row), every row after the first.
	idDups := &sorter{dir: dir, max: runRecords}
	defer idDups.remove()
	if err := groups(ids, func(first, row int32) error {
		d.IDs++
		return idDups.add(record{uint64(row), dupID, first})
	}); err != nil {
		return nil, err
	}
	ids.remove() // its memory and files are no longer needed

	// Same email and name: among the rows that reached that check and
	// were not rejected as a repeated customer_id.
	pkeys := &sorter{dir: dir, max: runRecords}
	defer pkeys.remove()
	skip, err := idDups.iter()
	if err != nil {
		return nil, err
	}
	next, ok, err := skip.next()
	if err != nil {
		return nil, err
	}
	if err := persons.each(func(p record) error {
		for ok && int32(next.a) < p.c {
			if next, ok, err = skip.next(); err != nil {
				return err
			}
		}
		if ok && int32(next.a) == p.c {
			return nil
		}
		return pkeys.add(p)
	}); err != nil {
		return nil, err
	}
	personDups := &sorter{dir: dir, max: runRecords}
	defer personDups.remove()
	if err := groups(pkeys, func(first, row int32) error {
		d.Persons++
		return personDups.add(record{uint64(row), dupPerson, first})
	}); err != nil {
		return nil, err
	}
	pkeys.remove()
	persons.remove()

	// The result: both kinds, by row.
	out := newRecordFile(dir, spoolRecords)
	defer func() {
		if err != nil {
			out.remove()
		}
	}()
	a, err := idDups.iter()
	if err != nil {
		return nil, err
	}
	b, err := personDups.iter()
	if err != nil {
		return nil, err
	}
	if err := mergeInto(out, a, b); err != nil {
		return nil, err
	}
	if err := out.finish(); err != nil {
		return nil, err
	}
	if out.f == nil {
		d.mem, out.mem = out.mem, nil
	} else {
		d.path = out.f.Name()
		out.f = nil
	}
	return d, nil
}

// mergeInto writes the records of sorted iterators, in order.
func mergeInto(out *recordFile, its ...*iterator) error {
	it, err := merged(its)
	if err != nil {
		return err
	}
	for {
		r, ok, err := it.next()
		if err != nil || !ok {
			return err
		}
		if err := out.write(r); err != nil {
			return err
		}
	}
}

// merged returns an iterator over the records of sorted iterators, in
// order.
func merged(its []*iterator) (*iterator, error) {
	h := &mergeHeap{}
	for _, it := range its {
		r, ok, err := it.next()
		if err != nil {
			return nil, err
		}
		if ok {
			heap.Push(h, mergeItem{r, it})
		}
	}
	return &iterator{merge: h}, nil
}

// groups calls dup for every record of s after the first of its key
// (records sorted by key, then row), with the key's first row.
func groups(s *sorter, dup func(first, row int32) error) error {
	it, err := s.iter()
	if err != nil {
		return err
	}
	var prev record
	have := false
	for {
		r, ok, err := it.next()
		if err != nil || !ok {
			return err
		}
		if have && r.a == prev.a && r.b == prev.b {
			if err := dup(prev.c, r.c); err != nil {
				return err
			}
			continue
		}
		prev, have = r, true
	}
}

// dupKeys records the keys of the duplicate checks during FindDuplicates'
// reading, for sorting afterwards; the checks themselves find nothing.
type dupKeys struct {
	ids     *sorter
	persons *recordFile // in row order as read
	err     error
}

type keyRecorder struct {
	k      *dupKeys
	person bool
}

func (kr keyRecorder) firstRow(key string, row int) (int, bool) {
	if kr.k.err != nil {
		return 0, false
	}
	hi, lo := keyHash(key)
	rec := record{hi, lo, int32(row)}
	if kr.person {
		kr.k.err = kr.k.persons.write(rec)
	} else {
		kr.k.err = kr.k.ids.add(rec)
	}
	return 0, false
}

// dupOracle answers the duplicate checks from a Duplicates file, read in
// step with the rows (which come in increasing order).
type dupOracle struct {
	it   *iterator
	next record
	have bool
	err  error
}

func openOracle(d *Duplicates) (*dupOracle, error) {
	it := &iterator{mem: d.mem, inMem: true}
	if d.path != "" {
		var err error
		if it, err = openIterator(d.path); err != nil {
			return nil, err
		}
	}
	o := &dupOracle{it: it}
	o.advance()
	return o, o.err
}

func (o *dupOracle) advance() {
	o.next, o.have, o.err = o.it.next()
}

func (o *dupOracle) lookup(row int, kind uint32) (int, bool) {
	for o.have && int64(o.next.a) < int64(row) {
		o.advance()
	}
	if o.have && int64(o.next.a) == int64(row) && o.next.b == kind {
		first := int(o.next.c)
		o.advance()
		return first, true
	}
	return 0, false
}

func (o *dupOracle) close() { o.it.close() }

type oracleView struct {
	o    *dupOracle
	kind uint32
}

func (v oracleView) firstRow(_ string, row int) (int, bool) { return v.o.lookup(row, v.kind) }

// The keys of the duplicate checks are sorted as 96-bit hashes (two
// independent maphash values), 16 bytes with the row whatever the key's
// length. Two different keys share a hash with a probability below
// n²/2⁹⁷ (10⁻¹³ for 100 million rows).
//
// The hash seeds are random per process (no one can craft colliding keys
// in advance) but the same for every read of the process, so the work done
// for a given file is the same on every read: coverage-guided fuzzing
// needs that.
var indexSeed1, indexSeed2 = maphash.MakeSeed(), maphash.MakeSeed()

// keyHash is key's 96-bit hash.
func keyHash(key string) (uint64, uint32) {
	return maphash.String(indexSeed1, key), uint32(maphash.String(indexSeed2, key))
}

// record is a 96-bit key hash (or a row and a kind) and a row: 16 bytes,
// ordered by a, b, then c.
type record struct {
	a uint64
	b uint32
	c int32
}

const recordSize = 16

func (r record) encode(b []byte) {
	binary.BigEndian.PutUint64(b, r.a)
	binary.BigEndian.PutUint32(b[8:], r.b)
	binary.BigEndian.PutUint32(b[12:], uint32(r.c))
}

func decodeRecord(b []byte) record {
	return record{binary.BigEndian.Uint64(b), binary.BigEndian.Uint32(b[8:]), int32(binary.BigEndian.Uint32(b[12:]))}
}

func (r record) cmp(s record) int {
	if c := cmp.Compare(r.a, s.a); c != 0 {
		return c
	}
	if c := cmp.Compare(r.b, s.b); c != 0 {
		return c
	}
	return cmp.Compare(uint32(r.c), uint32(s.c))
}

// recordFile is a list of records, written then read in order: in memory
// up to max records, past them in a temporary file in dir.
type recordFile struct {
	dir string
	max int
	mem []record
	f   *os.File
	w   *bufio.Writer
}

func newRecordFile(dir string, max int) *recordFile {
	return &recordFile{dir: dir, max: max}
}

// createTemp creates a temporary file of records in dir, mode 0600.
func createTemp(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".tmp-duplicates-*")
	if err != nil {
		return nil, fmt.Errorf("customers: duplicates: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("customers: duplicates: %w", err)
	}
	return f, nil
}

func (rf *recordFile) write(r record) error {
	if rf.f == nil {
		if len(rf.mem) < rf.max {
			rf.mem = append(rf.mem, r)
			return nil
		}
		if err := rf.spill(); err != nil {
			return err
		}
	}
	return rf.writeFile(r)
}

// spill moves the records in memory to a temporary file.
func (rf *recordFile) spill() error {
	f, err := createTemp(rf.dir)
	if err != nil {
		return err
	}
	rf.f, rf.w = f, bufio.NewWriterSize(f, 64<<10)
	for _, r := range rf.mem {
		if err := rf.writeFile(r); err != nil {
			return err
		}
	}
	rf.mem = nil
	return nil
}

func (rf *recordFile) writeFile(r record) error {
	var b [recordSize]byte
	r.encode(b[:])
	if _, err := rf.w.Write(b[:]); err != nil {
		return fmt.Errorf("customers: duplicates: %w", err)
	}
	return nil
}

// finish flushes and closes the file for writing.
func (rf *recordFile) finish() error {
	if rf.f == nil {
		return nil
	}
	if err := rf.w.Flush(); err != nil {
		return fmt.Errorf("customers: duplicates: %w", err)
	}
	if err := rf.f.Close(); err != nil {
		return fmt.Errorf("customers: duplicates: %w", err)
	}
	return nil
}

// each finishes the file and calls fn for its records in order.
func (rf *recordFile) each(fn func(record) error) error {
	if err := rf.finish(); err != nil {
		return err
	}
	it := &iterator{mem: rf.mem, inMem: true}
	if rf.f != nil {
		var err error
		if it, err = openIterator(rf.f.Name()); err != nil {
			return err
		}
	}
	defer it.close()
	for {
		r, ok, err := it.next()
		if err != nil || !ok {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
}

func (rf *recordFile) remove() {
	if rf == nil {
		return
	}
	rf.mem = nil
	if rf.f != nil {
		rf.f.Close()
		os.Remove(rf.f.Name())
		rf.f = nil
	}
}

// sorter sorts records, in memory up to max of them and else in sorted
// runs on disk merged when read.
type sorter struct {
	dir  string
	max  int
	buf  []record
	runs []string
	its  []*iterator
}

func (s *sorter) add(r record) error {
	if s.buf == nil && len(s.runs) == 0 {
		s.buf = make([]record, 0, min(s.max, 4096))
	}
	s.buf = append(s.buf, r)
	if len(s.buf) >= s.max {
		return s.spill()
	}
	return nil
}

func (s *sorter) spill() error {
	slices.SortFunc(s.buf, record.cmp)
	f, err := createTemp(s.dir)
	if err != nil {
		return err
	}
	rf := &recordFile{f: f, w: bufio.NewWriterSize(f, 64<<10)}
	s.runs = append(s.runs, rf.f.Name())
	for _, r := range s.buf {
		if err := rf.writeFile(r); err != nil {
			return err
		}
	}
	s.buf = s.buf[:0]
	return rf.finish()
}

// iter returns the records in order. The sorter takes no more records.
func (s *sorter) iter() (*iterator, error) {
	if len(s.runs) == 0 {
		slices.SortFunc(s.buf, record.cmp)
		return &iterator{mem: s.buf, inMem: true}, nil
	}
	if len(s.buf) > 0 {
		if err := s.spill(); err != nil {
			return nil, err
		}
	}
	for _, path := range s.runs {
		it, err := openIterator(path)
		if err != nil {
			return nil, err
		}
		s.its = append(s.its, it)
	}
	return merged(s.its)
}

func (s *sorter) remove() {
	for _, it := range s.its {
		it.close()
	}
	for _, path := range s.runs {
		os.Remove(path)
	}
	s.runs, s.its, s.buf = nil, nil, nil
}

// iterator yields records in order: from memory, from a file, or merged
// from several iterators.
type iterator struct {
	mem   []record
	pos   int
	inMem bool
	f     *os.File
	r     *bufio.Reader
	merge *mergeHeap
}

func openIterator(path string) (*iterator, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("customers: duplicates: %w", err)
	}
	return &iterator{f: f, r: bufio.NewReaderSize(f, 64<<10)}, nil
}

func (it *iterator) next() (record, bool, error) {
	switch {
	case it.merge != nil:
		h := it.merge
		if h.Len() == 0 {
			return record{}, false, nil
		}
		top := (*h)[0]
		r, ok, err := top.it.next()
		if err != nil {
			return record{}, false, err
		}
		if ok {
			(*h)[0].r = r
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
		return top.r, true, nil
	case it.r != nil:
		var b [recordSize]byte
		if _, err := io.ReadFull(it.r, b[:]); err != nil {
			if err == io.EOF {
				return record{}, false, nil
			}
			return record{}, false, fmt.Errorf("customers: duplicates: %w", err)
		}
		return decodeRecord(b[:]), true, nil
	case it.inMem:
		if it.pos >= len(it.mem) {
			return record{}, false, nil
		}
		it.pos++
		return it.mem[it.pos-1], true, nil
	}
	return record{}, false, nil
}

func (it *iterator) close() {
	if it.f != nil {
		it.f.Close()
	}
}

type mergeItem struct {
	r  record
	it *iterator
}

type mergeHeap []mergeItem

func (h mergeHeap) Len() int           { return len(h) }
func (h mergeHeap) Less(i, j int) bool { return h[i].r.cmp(h[j].r) < 0 }
func (h mergeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)        { *h = append(*h, x.(mergeItem)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
