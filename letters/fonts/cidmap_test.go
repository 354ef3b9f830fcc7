package fonts

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestCIDToGIDMap: the map written directly as a zlib stream inflates to
// the map written out in full, for sets of characters with every kind of
// gap between them (none, one or two codes, runs of zeros just under and
// over a copy's 258 bytes) and glyph numbers with a zero byte.
func TestCIDToGIDMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	cases := [][]rune{
		{1},
		{1, 2, 3},
		{0xFFFF},
		{0x20, 0x21, 0x7E, 0xA0, 0x4E00, 0x9FA5, 0xFF0C},
	}
	for gap := 1; gap < 270; gap++ {
		cases = append(cases, []rune{5, rune(5 + gap), rune(5 + 2*gap), rune(5 + 2*gap + 1)})
	}
	for range 50 {
		var rs []rune
		for range 1 + rng.IntN(400) {
			rs = append(rs, rune(1+rng.IntN(0xFFFF)))
		}
		slices.Sort(rs)
		cases = append(cases, slices.Compact(rs))
	}
	for _, rs := range cases {
		gids := make([]uint16, len(rs))
		for i := range gids {
			switch rng.IntN(4) {
			case 0:
				gids[i] = uint16(256 * (1 + rng.IntN(255))) // low byte zero
			case 1:
				gids[i] = uint16(1 + rng.IntN(0xFFFF))
			default:
				gids[i] = uint16(1 + rng.IntN(255)) // high byte zero
			}
		}
		want := make([]byte, 2*int(rs[len(rs)-1]+1))
		for i, r := range rs {
			binary.BigEndian.PutUint16(want[2*r:], gids[i])
		}
		z := cidToGIDMap(rs, gids)
		if got := inflate(t, z); !bytes.Equal(got, want) {
			t.Fatalf("%d characters from %U: inflated map differs", len(rs), rs[0])
		}
		if len(rs) > 100 && len(z) > 8*len(rs)+len(want)/200 {
			t.Errorf("%d characters: %d bytes compressed", len(rs), len(z))
		}
	}
}
