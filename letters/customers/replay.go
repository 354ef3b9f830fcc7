package customers

import (
	"bufio"
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// readWithDuplicates is Read without Options.Duplicates. It reads the
// file once: the rows as converted go to a spool while the keys of the
// duplicate checks are recorded (the checks find nothing yet); the keys
// are sorted (FindDuplicates' way), then the rows are delivered from the
// spool with the duplicates rejected, as Read given the duplicates would
// convert them. A read error comes after the rows before it.
//
// Replaying is exact because a row's conversion depends on the checks
// only at two points: the customer_id check comes first (a repeated id
// rejects the row, whatever else it holds), and the email and name check
// comes last (it rejects a row that would be a person with an email).
func readWithDuplicates(r io.Reader, opts Options, fn func(p *Person, rej *Reject) error) (Stats, error) {
	dir := opts.TempDir
	if dir == "" {
		dir = os.TempDir()
	}
	ids := &sorter{dir: dir, max: duplicateRunRecords}
	defer ids.remove()
	persons := newRecordFile(dir, duplicateSpoolRecords)
	defer persons.remove()
	keys := &dupKeys{ids: ids, persons: persons}
	rows := &rowSpool{dir: dir, max: rowSpoolMemory}
	defer rows.remove()
	opts.keys = keys
	st, readErr := Read(r, opts, func(p *Person, rej *Reject) error {
		if keys.err != nil {
			return keys.err
		}
		return rows.add(p, rej)
	})
	switch {
	case keys.err != nil:
		return Stats{}, keys.err
	case rows.err != nil:
		return Stats{}, rows.err
	}
	d, err := sortDuplicates(ids, persons, dir, duplicateRunRecords, duplicateSpoolRecords)
	if err != nil {
		return Stats{}, err
	}
	defer d.Remove()
	if err := replay(rows, d, opts.Name, &st, fn); err != nil {
		return st, err
	}
	return st, readErr
}

// replay delivers the spooled rows to fn, rejecting the duplicates d
// records, and counts them in st.
func replay(rows *rowSpool, d *Duplicates, file string, st *Stats, fn func(*Person, *Reject) error) (err error) {
	o, err := openOracle(d)
	if err != nil {
		return err
	}
	defer o.close()
	defer func() {
		if o.err != nil && err == nil {
			err = o.err
		}
	}()
	it, err := rows.iter()
	if err != nil {
		return err
	}
	st.Rows, st.Persons, st.Rejects = 0, 0, 0
	idHeader, emailHeader := "", ""
	for _, c := range st.Columns {
		switch {
		case c.Field == FieldCustomerID && idHeader == "":
			idHeader = c.Header
		case c.Field == FieldEmail && emailHeader == "":
			emailHeader = c.Header
		}
	}
	for {
		p, rej, err := it.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		row, id := 0, ""
		if p != nil {
			row, id = p.Row, p.CustomerID
		} else {
			row, id = rej.Row, rej.CustomerID
		}
		if first, dup := o.lookup(row, dupID); dup {
			p, rej = nil, &Reject{File: file, Sheet: st.Sheet, Row: row, CustomerID: id, Column: idHeader,
				Reason: fmt.Sprintf("duplicate customer_id (first seen on row %d)", first)}
		} else if p != nil && p.Email != "" {
			if first, dup := o.lookup(row, dupPerson); dup {
				p, rej = nil, &Reject{File: file, Sheet: st.Sheet, Row: row, CustomerID: id, Column: emailHeader,
					Reason: fmt.Sprintf("same person as row %d: same email and name; one letter goes to row %d, so merge this row's data categories into it if they differ", first, first)}
			}
		}
		st.Rows++
		if rej != nil {
			st.Rejects++
		} else {
			st.Persons++
		}
		if err := fn(p, rej); err != nil {
			return err
		}
	}
}

// rowSpoolMemory is how many bytes of encoded rows a spool keeps in
// memory before it moves them to a temporary file.
const rowSpoolMemory = 8 << 20

// rowSpool keeps converted rows (persons and rejects) in order, encoded:
// in memory up to max bytes, past them in a temporary file in dir (mode
// 0600, removed at the end of the read). The file holds customer data, so
// it is encrypted (AES-CTR) with a key that lives only in memory: a file
// left by a killed process cannot be read.
type rowSpool struct {
	dir   string
	max   int // bytes kept in memory
	buf   []byte
	f     *os.File
	w     *bufio.Writer
	block cipher.Block
	iv    []byte
	err   error
}

func (s *rowSpool) add(p *Person, rej *Reject) error {
	if s.err != nil {
		return s.err
	}
	s.buf = appendRow(s.buf, p, rej)
	if len(s.buf) < s.max {
		return nil
	}
	if s.f == nil {
		if err := s.create(); err != nil {
			s.err = err
			return err
		}
	}
	if _, err := s.w.Write(s.buf); err != nil {
		s.err = fmt.Errorf("customers: duplicates: %w", err)
		return s.err
	}
	s.buf = s.buf[:0]
	return nil
}

// create creates the spool's file, encrypted with a new key.
func (s *rowSpool) create() error {
	key := make([]byte, 32)
	s.iv = make([]byte, aes.BlockSize)
	rand.Read(key)
	rand.Read(s.iv)
	var err error
	if s.block, err = aes.NewCipher(key); err != nil {
		return fmt.Errorf("customers: duplicates: %w", err)
	}
	f, err := createTemp(s.dir)
	if err != nil {
		return err
	}
	s.f = f
	s.w = bufio.NewWriterSize(cipher.StreamWriter{S: cipher.NewCTR(s.block, s.iv), W: f}, 64<<10)
	return nil
}

// iter returns a reader of the rows in order. The spool takes no more
// rows.
func (s *rowSpool) iter() (*spoolReader, error) {
	if s.f == nil {
		return &spoolReader{r: bufio.NewReader(bytes.NewReader(s.buf))}, nil
	}
	if _, err := s.w.Write(s.buf); err != nil {
		return nil, fmt.Errorf("customers: duplicates: %w", err)
	}
	s.buf = nil
	if err := s.w.Flush(); err != nil {
		return nil, fmt.Errorf("customers: duplicates: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("customers: duplicates: %w", err)
	}
	return &spoolReader{r: bufio.NewReaderSize(cipher.StreamReader{S: cipher.NewCTR(s.block, s.iv), R: s.f}, 64<<10)}, nil
}

func (s *rowSpool) remove() {
	s.buf = nil
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
		s.f = nil
	}
}

// The encoding of a spooled row: a kind byte, then the row number and
// the fields, numbers as uvarints and strings as a uvarint length and the
// bytes. DataCategories is a count plus one (0: nil), then the strings.
const (
	spoolPerson = 'P'
	spoolReject = 'R'
)

func appendRow(b []byte, p *Person, rej *Reject) []byte {
	if p == nil {
		b = append(b, spoolReject)
		b = binary.AppendUvarint(b, uint64(rej.Row))
		for _, s := range [...]string{rej.File, rej.Sheet, rej.CustomerID, rej.Column, rej.Reason} {
			b = appendString(b, s)
		}
		return b
	}
	b = append(b, spoolPerson)
	b = binary.AppendUvarint(b, uint64(p.Row))
	for _, s := range [...]string{p.CustomerID, p.FullName, p.Email, p.Phone, p.Street, p.PostalCode, p.City, p.Region, p.Country, p.Language, p.ActivationCode, spoolDate(p.EnrollBy),
		p.RegionFrom, p.PostalCodeRegion} {
		b = appendString(b, s)
	}
	if p.DataCategories == nil {
		return binary.AppendUvarint(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(p.DataCategories))+1)
	for _, c := range p.DataCategories {
		b = appendString(b, c)
	}
	return b
}

// spoolDate writes a date of a spooled row: YYYY-MM-DD, or "" for none.
func spoolDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// spoolReader decodes spooled rows.
type spoolReader struct {
	r *bufio.Reader
}

var errSpool = errors.New("customers: duplicates: the row spool is damaged")

// next returns the next row, or io.EOF.
func (rr *spoolReader) next() (*Person, *Reject, error) {
	kind, err := rr.r.ReadByte()
	if err != nil {
		return nil, nil, err // io.EOF at the end
	}
	row, err := binary.ReadUvarint(rr.r)
	if err != nil {
		return nil, nil, errSpool
	}
	var strs [14]string
	n := 5
	if kind == spoolPerson {
		n = len(strs)
	} else if kind != spoolReject {
		return nil, nil, errSpool
	}
	for i := range n {
		if strs[i], err = rr.string(); err != nil {
			return nil, nil, err
		}
	}
	if kind == spoolReject {
		return nil, &Reject{File: strs[0], Sheet: strs[1], Row: int(row), CustomerID: strs[2], Column: strs[3], Reason: strs[4]}, nil
	}
	p := &Person{Row: int(row), CustomerID: strs[0], FullName: strs[1], Email: strs[2], Phone: strs[3], Street: strs[4], PostalCode: strs[5],
		City: strs[6], Region: strs[7], Country: strs[8], Language: strs[9], ActivationCode: strs[10],
		RegionFrom: strs[12], PostalCodeRegion: strs[13]}
	if strs[11] != "" {
		if p.EnrollBy, err = time.Parse(time.DateOnly, strs[11]); err != nil {
			return nil, nil, errSpool
		}
	}
	cats, err := binary.ReadUvarint(rr.r)
	if err != nil || cats > 1<<20 {
		return nil, nil, errSpool
	}
	if cats > 0 {
		p.DataCategories = make([]string, cats-1)
		for i := range p.DataCategories {
			if p.DataCategories[i], err = rr.string(); err != nil {
				return nil, nil, err
			}
		}
	}
	return p, nil, nil
}

func (rr *spoolReader) string() (string, error) {
	n, err := binary.ReadUvarint(rr.r)
	if err != nil || n > 1<<30 {
		return "", errSpool
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(rr.r, b); err != nil {
		return "", errSpool
	}
	return string(b), nil
}
