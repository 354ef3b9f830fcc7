package customers

import "hash/maphash"

// rowIndex remembers, for the duplicate checks, which row first had each
// key (a customer_id, or an email and name), in 16 bytes per key whatever
// the key's length: the key is kept as a 96-bit hash (two independent
// maphash values), so memory stays small for millions of rows. Two
// different keys share a hash with a probability below n²/2⁹⁷ (10⁻¹³ for
// 100 million rows).
//
// It is an open-addressing table with linear probing, grown by doubling
// at three-quarters full.
type rowIndex struct {
	slots []rowSlot
	n     int
}

// The hash seeds are random per process (no one can craft colliding keys
// in advance) but the same for every table of the process, so the work
// done for a given file is the same on every read: coverage-guided
// fuzzing needs that.
var indexSeed1, indexSeed2 = maphash.MakeSeed(), maphash.MakeSeed()

type rowSlot struct {
	hi  uint64
	lo  uint32
	row int32 // 0: empty (rows start at 1)
}

// keyHash is key's 96-bit hash, for rowIndex and FindDuplicates.
func keyHash(key string) (uint64, uint32) {
	return maphash.String(indexSeed1, key), uint32(maphash.String(indexSeed2, key))
}

func newRowIndex() *rowIndex {
	return &rowIndex{slots: make([]rowSlot, 1024)}
}

// firstRow returns the row that first had key, or records row for it and
// returns ok false.
func (x *rowIndex) firstRow(key string, row int) (first int, ok bool) {
	hi, lo := keyHash(key)
	if r, found := x.find(hi, lo); found {
		return int(r), true
	}
	if (x.n+1)*4 > len(x.slots)*3 {
		x.grow()
	}
	x.insert(rowSlot{hi, lo, int32(row)})
	x.n++
	return 0, false
}

func (x *rowIndex) find(hi uint64, lo uint32) (int32, bool) {
	mask := uint64(len(x.slots) - 1)
	for i := hi & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.row == 0 {
			return 0, false
		}
		if s.hi == hi && s.lo == lo {
			return s.row, true
		}
	}
}

func (x *rowIndex) insert(s rowSlot) {
	mask := uint64(len(x.slots) - 1)
	i := s.hi & mask
	for x.slots[i].row != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = s
}

func (x *rowIndex) grow() {
	old := x.slots
	x.slots = make([]rowSlot, 2*len(old))
	for _, s := range old {
		if s.row != 0 {
			x.insert(s)
		}
	}
}
