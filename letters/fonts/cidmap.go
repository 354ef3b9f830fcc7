package fonts

import "encoding/binary"

// A cut's CIDToGIDMap is two bytes per character code up to the highest
// one the letter prints: 130 KB for a letter with a full-width comma
// (U+FF0C), 40 KB for one with a few hundred ideographs, nearly all
// zeros. Deflating it with a general compressor cost a Chinese letter
// more than its fonts' own glyphs (allocating and clearing the map, an
// Adler-32 pass and a compressor pass over it, for each face). So the map
// is written here directly as a zlib stream of one deflate block: each
// byte of a glyph number that is not a zero as a literal, each run of
// zeros as a literal zero and copies of distance 1 (258 bytes each), in
// a Huffman code made for such maps (mapLengths). Its cost is in the
// characters printed, not in the size of the map, and it is smaller than
// the general compressor's (1.3 KB instead of 1.6 for a Chinese letter's
// regular face; a little larger for the Latin faces' short maps).

// bitWriter writes deflate's bit stream, least significant bit first.
type bitWriter struct {
	out   []byte
	bits  uint64
	nbits uint
}

// write writes the n low bits of v.
func (w *bitWriter) write(v uint64, n uint) {
	w.bits |= v << w.nbits
	w.nbits += n
	for w.nbits >= 8 {
		w.out = append(w.out, byte(w.bits))
		w.bits >>= 8
		w.nbits -= 8
	}
}

// code writes a Huffman code of n bits, most significant bit first.
func (w *bitWriter) code(c uint32, n uint) {
	var rev uint32
	for range n {
		rev = rev<<1 | c&1
		c >>= 1
	}
	w.write(uint64(rev), n)
}

// The maps' Huffman code, the same for every map: its code lengths
// suit a map's symbols (a zero, a glyph number's byte, a copy for a gap
// between characters), so the block's header is written once per map
// instead of a code computed from each map's counts. A zero takes 2
// bits, another byte or the end of the block 9, copies of 131-258 bytes
// 6 and the other copies 7.
var (
	mapLengths = func() (l [286]uint8) {
		l[0] = 2
		for s := 1; s <= 256; s++ {
			l[s] = 9
		}
		for s := 257; s <= 285; s++ {
			l[s] = 7
		}
		l[283], l[284], l[285] = 6, 6, 6
		return l
	}()
	mapCodes = canonical(mapLengths[:])
)

// canonical returns the canonical Huffman codes of the code lengths
// (RFC 1951, 3.2.2).
func canonical(lengths []uint8) []uint16 {
	var count, next [16]int
	for _, l := range lengths {
		if l > 0 {
			count[l]++
		}
	}
	code := 0
	for bits := 1; bits < 16; bits++ {
		code = (code + count[bits-1]) << 1
		next[bits] = code
	}
	codes := make([]uint16, len(lengths))
	for s, l := range lengths {
		if l > 0 {
			codes[s] = uint16(next[l])
			next[l]++
		}
	}
	return codes
}

// literal writes literal/length symbol s (0-285) of the maps' code.
func (w *bitWriter) literal(s int) {
	w.code(uint32(mapCodes[s]), uint(mapLengths[s]))
}

// header writes the header of the map's one block: final, with the
// maps' code and one distance code (distance 1), whose code lengths are
// written run-length coded (RFC 1951, 3.2.7).
func (w *bitWriter) header() {
	w.write(1|2<<1, 3) // the final block, dynamic Huffman codes
	w.write(286-257, 5)
	w.write(1-1, 5)
	order := [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
	var clLen [19]uint8 // the code of the code lengths
	clLen[16], clLen[7], clLen[6], clLen[9], clLen[1], clLen[2] = 1, 3, 3, 3, 4, 4
	n := len(order)
	for clLen[order[n-1]] == 0 {
		n--
	}
	w.write(uint64(n-4), 4)
	for _, s := range order[:n] {
		w.write(uint64(clLen[s]), 3)
	}
	clCode := canonical(clLen[:])
	put := func(s uint8) { w.code(uint32(clCode[s]), uint(clLen[s])) }
	lens := append(mapLengths[:], 1) // and the distance code's
	for i := 0; i < len(lens); {
		put(lens[i])
		run := 0
		for i+1+run < len(lens) && lens[i+1+run] == lens[i] {
			run++
		}
		i++
		for ; run >= 3; run -= min(run, 6) {
			put(16) // the previous length, 3-6 times
			w.write(uint64(min(run, 6)-3), 2)
			i += min(run, 6)
		}
		for ; run > 0; run-- {
			put(lens[i])
			i++
		}
	}
}

// lengthBase and lengthExtra are the first length of each length symbol
// 257-285, and its extra bits.
var (
	lengthBase  = [29]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
)

// copy1 writes a copy of n bytes (3-258) from distance 1: the last byte
// repeated.
func (w *bitWriter) copy1(n int) {
	i := len(lengthBase) - 1
	for lengthBase[i] > n {
		i--
	}
	w.literal(257 + i)
	w.write(uint64(n-lengthBase[i]), lengthExtra[i])
	w.code(0, 1) // the one distance code: distance 1
}

// zeros writes n (at least 1) zero bytes after a byte that is not a
// zero (or at the start): a literal zero, then copies of it.
func (w *bitWriter) zeros(n int) {
	w.literal(0)
	n--
	for n >= 3 {
		c := min(n, 258)
		if r := n - c; r == 1 || r == 2 {
			c = n - 3 // leaves a copy of 3
		}
		w.copy1(c)
		n -= c
	}
	for range n {
		w.literal(0)
	}
}

// adlerBase is the modulus of Adler-32.
const adlerBase = 65521

// adler is a running Adler-32 (RFC 1950).
type adler struct{ s1, s2 uint32 }

func (a *adler) byte(b byte) {
	a.s1 = (a.s1 + uint32(b)) % adlerBase
	a.s2 = (a.s2 + a.s1) % adlerBase
}

func (a *adler) zeros(n int) {
	a.s2 = uint32((uint64(a.s2) + uint64(n)%adlerBase*uint64(a.s1)) % adlerBase)
}

// cidToGIDMap returns, zlib-compressed, the CIDToGIDMap that maps each
// character code runes[i] (sorted, increasing, at least 1) to glyph
// gids[i], and every other code up to the last to glyph 0.
func cidToGIDMap(runes []rune, gids []uint16) []byte {
	m := mapWriter{bitWriter: bitWriter{out: make([]byte, 0, 16+5*len(runes))}, sum: adler{s1: 1}}
	m.out = append(m.out, 0x78, 0x01)
	m.header()
	pos := 0
	for i, r := range runes {
		m.zeros += 2*int(r) - pos
		m.byte(byte(gids[i] >> 8))
		m.byte(byte(gids[i]))
		pos = 2*int(r) + 2
	}
	m.flush()
	m.literal(256) // end of block
	m.write(0, (8-m.nbits)%8)
	return binary.BigEndian.AppendUint32(m.out, m.sum.s2<<16|m.sum.s1)
}

// mapWriter writes a map's bytes: runs of zeros, other bytes as
// literals.
type mapWriter struct {
	bitWriter
	sum   adler
	zeros int // zeros not written yet
}

func (m *mapWriter) byte(b byte) {
	if b == 0 {
		m.zeros++
		return
	}
	m.flush()
	m.literal(int(b))
	m.sum.byte(b)
}

// flush writes the zeros not written yet.
func (m *mapWriter) flush() {
	if m.zeros > 0 {
		m.bitWriter.zeros(m.zeros)
		m.sum.zeros(m.zeros)
		m.zeros = 0
	}
}
