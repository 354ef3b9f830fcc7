package pdftext

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// cmap is a parsed CMap. ToUnicode CMaps use bfchar/bfrange mappings from
// character codes to Unicode text; embedded encoding CMaps of Type0 fonts
// use codespace ranges and cidchar/cidrange mappings from codes to CIDs.
type cmap struct {
	spaces []codespace
	chars  map[uint32]string
	ranges []bfRange // sorted by lo
	maxHi  []uint32  // maxHi[i] is the largest hi among ranges[:i+1]

	cidChars  map[uint32]uint32
	cidRanges []cidRange // sorted by lo
}

// codespace is a codespace range; lo and hi have the same length (1-4).
type codespace struct {
	lo, hi []byte
}

// bfRange maps codes lo..hi either to dst incremented by the code offset,
// or (array form) to arr[code-lo].
type bfRange struct {
	lo, hi uint32
	dst    []byte // UTF-16BE
	arr    []string
	isArr  bool
}

// cidRange maps codes lo..hi to CIDs cid, cid+1, ...
type cidRange struct {
	lo, hi, cid uint32
}

const (
	maxDstLen      = 512 // longest destination string in a bfchar/bfrange
	maxRangeProbes = 64  // overlapping ranges examined per lookup
)

// parseCMap parses a CMap stream. Malformed entries are skipped; malformed
// syntax (unterminated strings, unbalanced arrays, truncated sections) is an
// error.
func parseCMap(data []byte) (*cmap, error) {
	c := &cmap{chars: map[uint32]string{}, cidChars: map[uint32]uint32{}}
	p := parser{lex: lexer{b: data}}
	for {
		o, err := p.parse(0)
		if errors.Is(err, errEOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("cmap: %w", err)
		}
		kw, ok := o.(keyword)
		if !ok {
			continue
		}
		switch kw {
		case "begincodespacerange":
			err = readSection(&p, "endcodespacerange", 2, c.addCodespace)
		case "beginbfchar":
			err = readSection(&p, "endbfchar", 2, c.addBFChar)
		case "beginbfrange":
			err = readSection(&p, "endbfrange", 3, c.addBFRange)
		case "begincidchar":
			err = readSection(&p, "endcidchar", 2, c.addCIDChar)
		case "begincidrange":
			err = readSection(&p, "endcidrange", 3, c.addCIDRange)
		}
		if err != nil {
			return nil, fmt.Errorf("cmap: %s: %w", kw, err)
		}
	}
	slices.SortStableFunc(c.ranges, func(a, b bfRange) int { return cmp.Compare(a.lo, b.lo) })
	c.maxHi = make([]uint32, len(c.ranges))
	var m uint32
	for i, rg := range c.ranges {
		m = max(m, rg.hi)
		c.maxHi[i] = m
	}
	slices.SortStableFunc(c.cidRanges, func(a, b cidRange) int { return cmp.Compare(a.lo, b.lo) })
	return c, nil
}

// readSection reads groups of n operands until the end keyword.
func readSection(p *parser, end keyword, n int, add func([]object)) error {
	vals := make([]object, 0, n)
	for {
		o, err := p.parse(0)
		if err != nil {
			return err
		}
		if kw, ok := o.(keyword); ok {
			if kw == end && len(vals) == 0 {
				return nil
			}
			return fmt.Errorf("unexpected %q", string(kw))
		}
		vals = append(vals, o)
		if len(vals) == n {
			add(vals)
			vals = vals[:0]
		}
	}
}

// codeOf converts a 1-4 byte source code string to its numeric value.
func codeOf(o object) (uint32, int, bool) {
	s, ok := o.(pdfString)
	if !ok || len(s) == 0 || len(s) > 4 {
		return 0, 0, false
	}
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v, len(s), true
}

func (c *cmap) addCodespace(v []object) {
	lo, ok1 := v[0].(pdfString)
	hi, ok2 := v[1].(pdfString)
	if ok1 && ok2 && len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 && len(c.spaces) < 256 {
		c.spaces = append(c.spaces, codespace{lo: []byte(lo), hi: []byte(hi)})
	}
}

func (c *cmap) addBFChar(v []object) {
	code, _, ok := codeOf(v[0])
	if !ok {
		return
	}
	switch d := v[1].(type) {
	case pdfString:
		c.chars[code] = utf16Text([]byte(truncate(string(d))))
	case name:
		if s, ok := glyphText(string(d)); ok {
			c.chars[code] = s
		}
	}
}

func (c *cmap) addBFRange(v []object) {
	lo, n1, ok1 := codeOf(v[0])
	hi, n2, ok2 := codeOf(v[1])
	if !ok1 || !ok2 || n1 != n2 || lo > hi {
		return
	}
	rg := bfRange{lo: lo, hi: hi}
	switch d := v[2].(type) {
	case pdfString:
		rg.dst = []byte(truncate(string(d)))
	case array:
		rg.isArr = true
		for i, e := range d {
			if uint64(i) > uint64(hi-lo) {
				break
			}
			s, _ := e.(pdfString)
			rg.arr = append(rg.arr, utf16Text([]byte(truncate(string(s)))))
		}
	default:
		return
	}
	c.ranges = append(c.ranges, rg)
}

func (c *cmap) addCIDChar(v []object) {
	code, _, ok := codeOf(v[0])
	cid, ok2 := toInt(v[1])
	if ok && ok2 && cid >= 0 && cid <= 0xFFFFFFFF {
		c.cidChars[code] = uint32(cid)
	}
}

func (c *cmap) addCIDRange(v []object) {
	lo, n1, ok1 := codeOf(v[0])
	hi, n2, ok2 := codeOf(v[1])
	cid, ok3 := toInt(v[2])
	if ok1 && ok2 && ok3 && n1 == n2 && lo <= hi && cid >= 0 && cid <= 0xFFFFFFFF {
		c.cidRanges = append(c.cidRanges, cidRange{lo: lo, hi: hi, cid: uint32(cid)})
	}
}

func truncate(s string) string {
	if len(s) > maxDstLen {
		return s[:maxDstLen]
	}
	return s
}

// lookup returns the Unicode text of a character code.
func (c *cmap) lookup(code uint32) (string, bool) {
	if c == nil {
		return "", false
	}
	if s, ok := c.chars[code]; ok {
		return s, true
	}
	i := sort.Search(len(c.ranges), func(i int) bool { return c.ranges[i].lo > code }) - 1
	for j, probes := i, 0; j >= 0 && c.maxHi[j] >= code && probes < maxRangeProbes; j, probes = j-1, probes+1 {
		rg := &c.ranges[j]
		if code > rg.hi {
			continue
		}
		k := code - rg.lo
		if rg.isArr {
			if uint64(k) < uint64(len(rg.arr)) {
				return rg.arr[k], true
			}
			return "", false
		}
		return utf16Text(addBE(rg.dst, k)), true
	}
	return "", false
}

// cid maps a character code to a CID; ok is false if the CMap has no
// mapping for it.
func (c *cmap) cid(code uint32) (uint32, bool) {
	if c == nil {
		return 0, false
	}
	if v, ok := c.cidChars[code]; ok {
		return v, true
	}
	i := sort.Search(len(c.cidRanges), func(i int) bool { return c.cidRanges[i].lo > code }) - 1
	for j := i; j >= 0 && i-j < maxRangeProbes; j-- {
		if rg := c.cidRanges[j]; code <= rg.hi {
			return rg.cid + (code - rg.lo), true
		}
	}
	return 0, false
}

// nextCode splits the next character code off s using the codespace
// ranges. It returns n == 0 if the CMap defines no codespace.
func (c *cmap) nextCode(s []byte) (code uint32, n int) {
	if c == nil || len(c.spaces) == 0 || len(s) == 0 {
		return 0, 0
	}
	shortest := 4
	for n := 1; n <= 4; n++ {
		for _, sp := range c.spaces {
			if len(sp.lo) != n {
				continue
			}
			shortest = min(shortest, n)
			if n > len(s) || !inCodespace(s[:n], sp) {
				continue
			}
			v, _, _ := codeOf(pdfString(s[:n]))
			return v, n
		}
	}
	n = min(shortest, len(s))
	v, _, _ := codeOf(pdfString(s[:n]))
	return v, n
}

func inCodespace(b []byte, sp codespace) bool {
	for i := range b {
		if b[i] < sp.lo[i] || b[i] > sp.hi[i] {
			return false
		}
	}
	return true
}

// addBE returns b plus k, treating b as a big-endian number of fixed width.
func addBE(b []byte, k uint32) []byte {
	out := slices.Clone(b)
	carry := uint64(k)
	for i := len(out) - 1; i >= 0 && carry > 0; i-- {
		sum := uint64(out[i]) + carry
		out[i] = byte(sum)
		carry = sum >> 8
	}
	return out
}

// utf16Text decodes UTF-16BE bytes to UTF-8 (a single byte is taken as a
// Latin-1 character; an odd trailing byte is dropped).
func utf16Text(b []byte) string {
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// utf16LEText decodes UTF-16LE bytes to UTF-8.
func utf16LEText(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
	}
	return string(utf16.Decode(u))
}

// decodeTextString decodes a PDF text string (as used in the document
// information dictionary): UTF-16BE or UTF-16LE with a byte order mark,
// UTF-8 with a byte order mark, or PDFDocEncoding.
func decodeTextString(s string) string {
	switch {
	case strings.HasPrefix(s, "\xFE\xFF"):
		return stripLangEscapes(utf16Text([]byte(s[2:])))
	case strings.HasPrefix(s, "\xFF\xFE"):
		return stripLangEscapes(utf16LEText([]byte(s[2:])))
	case strings.HasPrefix(s, "\xEF\xBB\xBF"):
		return strings.ToValidUTF8(s[3:], "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		b.WriteRune(pdfDocEncoding[s[i]])
	}
	return b.String()
}

// stripLangEscapes removes language tags (ESC ... ESC) from Unicode text
// strings.
func stripLangEscapes(s string) string {
	if !strings.ContainsRune(s, 0x1B) {
		return s
	}
	var b strings.Builder
	in := false
	for _, r := range s {
		if r == 0x1B {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// glyphText returns the text of a glyph name: names from the Adobe Glyph
// List subset in glyphNames, uniXXXX, uXXXX[XX], and single-character names.
func glyphText(g string) (string, bool) {
	if r, ok := glyphNames[g]; ok {
		return string(r), true
	}
	if i := strings.IndexByte(g, '.'); i > 0 { // "a.sc", "one.oldstyle"
		g = g[:i]
		if r, ok := glyphNames[g]; ok {
			return string(r), true
		}
	}
	if strings.HasPrefix(g, "uni") && len(g) >= 7 && (len(g)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i < len(g); i += 4 {
			v, ok := parseHexRune(g[i : i+4])
			if !ok {
				return "", false
			}
			b.WriteRune(v)
		}
		return b.String(), true
	}
	if strings.HasPrefix(g, "u") && len(g) >= 5 && len(g) <= 7 {
		if v, ok := parseHexRune(g[1:]); ok {
			return string(v), true
		}
	}
	if utf8.RuneCountInString(g) == 1 {
		return g, true
	}
	return "", false
}

func parseHexRune(h string) (rune, bool) {
	var v rune
	for i := 0; i < len(h); i++ {
		d, ok := unhex(h[i])
		if !ok {
			return 0, false
		}
		v = v<<4 | rune(d)
	}
	if !utf8.ValidRune(v) {
		return 0, false
	}
	return v, true
}
