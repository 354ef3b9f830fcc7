package customers

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// ErrUnknownEncoding: Options.Encoding names an encoding that is not
// supported; the message lists the supported names.
var ErrUnknownEncoding = errors.New("unknown encoding")

// textEncoding is one supported CSV text encoding.
type textEncoding struct {
	// name is the canonical name, reported in Stats.Encoding.
	name string
	// enc decodes the text; nil for UTF-8, which is read as is.
	enc encoding.Encoding
	// bom is the byte order mark of the encoding, skipped at the start of
	// the file; nil if it has none.
	bom []byte
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// textEncodings are the supported encodings, in the order listed in
// messages. "gbk" is decoded as GB18030, its superset: a file labelled GBK
// that contains GB18030 four-byte sequences is read correctly.
var textEncodings = []textEncoding{
	{name: "utf-8", bom: bomUTF8},
	{name: "utf-16le", enc: xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), bom: bomUTF16LE},
	{name: "utf-16be", enc: xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), bom: bomUTF16BE},
	{name: "windows-1252", enc: charmap.Windows1252},
	{name: "iso-8859-1", enc: charmap.ISO8859_1},
	{name: "iso-8859-15", enc: charmap.ISO8859_15},
	{name: "windows-1251", enc: charmap.Windows1251},
	{name: "koi8-r", enc: charmap.KOI8R},
	{name: "gbk", enc: simplifiedchinese.GB18030},
	{name: "gb18030", enc: simplifiedchinese.GB18030},
}

// encodingAliases maps names, lower-cased and without "-", "_", " " and
// ".", to canonical names. "utf-16" is resolved by the byte order mark.
// Other names are looked up in the WHATWG (htmlindex) and IANA (ianaindex)
// registries.
var encodingAliases = map[string]string{
	"utf8":  "utf-8",
	"utf16": "utf-16", "unicode": "utf-16", "ucs2": "utf-16",
	"utf16le": "utf-16le", "ucs2le": "utf-16le",
	"utf16be": "utf-16be", "ucs2be": "utf-16be",
	"windows1252": "windows-1252", "cp1252": "windows-1252", "win1252": "windows-1252",
	"iso88591": "iso-8859-1", "latin1": "iso-8859-1", "l1": "iso-8859-1", "cp819": "iso-8859-1",
	"iso885915": "iso-8859-15", "latin9": "iso-8859-15", "l9": "iso-8859-15", "latin0": "iso-8859-15",
	"windows1251": "windows-1251", "cp1251": "windows-1251", "win1251": "windows-1251",
	"koi8r": "koi8-r", "koi8": "koi8-r",
	"gbk": "gbk", "cp936": "gbk", "ms936": "gbk", "windows936": "gbk", "gb2312": "gbk", "euccn": "gbk",
	"gb18030": "gb18030",
}

// encodingByName returns the supported encoding with canonical name name.
func encodingByName(name string) textEncoding {
	for _, e := range textEncodings {
		if e.name == name {
			return e
		}
	}
	panic("customers: no encoding " + name)
}

// supportedEncodings lists the canonical names for messages.
func supportedEncodings() string {
	names := make([]string, 0, len(textEncodings)+1)
	for _, e := range textEncodings {
		names = append(names, e.name)
		if e.name == "utf-8" {
			names = append(names, "utf-16")
		}
	}
	return strings.Join(names, ", ") + ` (and aliases such as "cp1252", "latin1", "cp1251", "gb2312")`
}

// lookupEncoding resolves an Options.Encoding name (case-insensitive, with
// common aliases) to a canonical name; "utf-16" is returned as is, to be
// resolved by the byte order mark.
func lookupEncoding(name string) (string, error) {
	key := strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', ' ', '.':
			return -1
		}
		return unicode.ToLower(r)
	}, strings.TrimSpace(name))
	if c, ok := encodingAliases[key]; ok {
		return c, nil
	}
	var found []encoding.Encoding
	if e, err := ianaindex.IANA.Encoding(strings.TrimSpace(name)); err == nil && e != nil {
		found = append(found, e)
	}
	if e, err := htmlindex.Get(strings.TrimSpace(name)); err == nil && e != nil {
		found = append(found, e)
	}
	for _, f := range found {
		switch f {
		case simplifiedchinese.GBK:
			return "gbk", nil
		case xunicode.UTF8, xunicode.UTF8BOM:
			return "utf-8", nil
		case xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM):
			return "utf-16le", nil
		case xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM):
			return "utf-16be", nil
		case xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM):
			return "utf-16", nil
		}
		for _, e := range textEncodings {
			if e.enc != nil && e.enc == f && e.name != "gbk" {
				return e.name, nil
			}
		}
	}
	return "", fmt.Errorf("%w %q; the supported encodings are %s", ErrUnknownEncoding, name, supportedEncodings())
}

// bomEncoding returns the canonical name of the encoding whose byte order
// mark starts data, or "".
func bomEncoding(data []byte) string {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return "utf-8"
	case bytes.HasPrefix(data, bomUTF16LE):
		return "utf-16le"
	case bytes.HasPrefix(data, bomUTF16BE):
		return "utf-16be"
	}
	return ""
}

// minPlausibility is the lowest score (0 to 1) of the best legacy encoding
// that detection accepts; below it Read asks for Options.Encoding.
const minPlausibility = 0.5

// detection is the result of detectEncoding.
type detection struct {
	// name is the canonical name of the detected encoding, "" if none is
	// plausible.
	name string
	// line is the line of the first byte that is not UTF-8 (for the
	// message when nothing is plausible).
	line int
}

// detectEncoding guesses the encoding of a CSV file from sample, its first
// bytes; truncated says the file continues after sample (so a character
// may be cut at its end). The steps are, in order:
//
//  1. a byte order mark: UTF-8, UTF-16LE or UTF-16BE;
//  2. UTF-16 without a BOM: NUL bytes in at least 1/8 of the 16-bit units,
//     at odd offsets (little-endian) or even offsets (big-endian) at least
//     four times as often as at the other;
//  3. UTF-8: the sample is valid UTF-8, or has at least twice as many valid
//     multi-byte UTF-8 sequences as invalid bytes (a UTF-8 file with a few
//     stray bytes: the lines with them are then reported as not UTF-8);
//  4. otherwise every legacy candidate gets a plausibility score from 0 to
//     1 (see gbkScore, cyrillicScore and latinScore; a Chinese export
//     with European names, "王伟" next to "Zoé" and "Müller", is GBK) and the highest wins,
//     ties in the order gbk/gb18030, windows-1251, koi8-r, windows-1252; a
//     best score below minPlausibility detects nothing.
//
// The Latin candidate is windows-1252, or iso-8859-15 when the sample has
// no byte in 0x80–0x9F (C1 controls in the ISO encodings, printable in
// windows-1252) and has the byte 0xA4 (€ in ISO-8859-15, the currency sign
// ¤ in windows-1252 and ISO-8859-1). iso-8859-1 is never reported: for
// text it is windows-1252 without the characters in 0x80–0x9F.
// The Chinese candidate is reported as gb18030 when the sample has a
// four-byte GB18030 sequence, gbk otherwise; both are decoded as GB18030.
func detectEncoding(sample []byte, truncated bool) detection {
	if name := bomEncoding(sample); name != "" {
		return detection{name: name}
	}
	if name := utf16Pattern(sample); name != "" {
		return detection{name: name}
	}
	valid, invalid, firstBad, inUTF8 := utf8Stats(sample, truncated)
	if invalid == 0 || valid >= 2*invalid {
		return detection{name: "utf-8"}
	}
	line := 1 + bytes.Count(sample[:firstBad], []byte{'\n'})

	type candidate struct {
		name  string
		score float64
	}
	gbk, four := gbkScore(sample, truncated)
	gbkName := "gbk"
	if four {
		gbkName = "gb18030"
	}
	latin, latinMap := "windows-1252", charmap.Windows1252
	if bytes.IndexByte(sample, 0xA4) >= 0 && !hasC1(sample) {
		latin, latinMap = "iso-8859-15", charmap.ISO8859_15
	}
	cands := []candidate{
		{gbkName, gbk},
		{"windows-1251", cyrillicScore(sample, charmap.Windows1251)},
		{"koi8-r", cyrillicScore(sample, charmap.KOI8R)},
		{latin, latinScore(sample, latinMap, inUTF8)},
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if c.score > best.score {
			best = c
		}
	}
	if best.score < minPlausibility {
		return detection{line: line}
	}
	return detection{name: best.name, line: line}
}

// utf16Pattern recognizes UTF-16 without a byte order mark by its NUL
// bytes (ASCII characters have a zero high byte); "" if the pattern is not
// there.
func utf16Pattern(sample []byte) string {
	n := len(sample) / 2
	if n < 2 {
		return ""
	}
	var even, odd int
	for i := 0; i < 2*n; i++ {
		if sample[i] == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	if 8*(even+odd) < n {
		return ""
	}
	switch {
	case odd >= 4*even:
		return "utf-16le"
	case even >= 4*odd:
		return "utf-16be"
	}
	return ""
}

// utf8Stats counts the valid multi-byte UTF-8 sequences and the invalid
// bytes of sample (a sequence cut at the end of a truncated sample is
// neither), the offset of the first invalid byte, and marks the bytes that
// belong to valid multi-byte sequences.
func utf8Stats(sample []byte, truncated bool) (valid, invalid, firstBad int, inUTF8 []bool) {
	inUTF8 = make([]bool, len(sample))
	firstBad = len(sample)
	for i := 0; i < len(sample); {
		if sample[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size <= 1 {
			if truncated && !utf8.FullRune(sample[i:]) {
				break
			}
			if invalid == 0 {
				firstBad = i
			}
			invalid++
			i++
			continue
		}
		valid++
		for k := i; k < i+size; k++ {
			inUTF8[k] = true
		}
		i += size
	}
	return valid, invalid, firstBad, inUTF8
}

// hasC1 reports whether sample has a byte in 0x80–0x9F.
func hasC1(sample []byte) bool {
	for _, b := range sample {
		if b >= 0x80 && b <= 0x9F {
			return true
		}
	}
	return false
}

// gbkScore parses sample as GB18030 (a superset of GBK): 0 if any byte
// sequence is invalid, else the fraction of two- and four-byte characters
// that are plausible (see gbkChar). Chinese text is nearly all level-1 Han
// characters and punctuation; Cyrillic or Latin bytes that happen to pair
// up are spread over the whole code space. four reports a four-byte
// sequence (a character outside GBK). A lone 0x80 is the euro sign of
// Windows code page 936 and is neutral.
func gbkScore(s []byte, truncated bool) (score float64, four bool) {
	var chars, common int
	for i := 0; i < len(s); {
		size, plausible, ok := gbkChar(s, i, truncated)
		if !ok {
			return 0, false
		}
		if size == 0 {
			break // a character cut at the end of the sample
		}
		if size > 1 {
			chars++
			if plausible {
				common++
			}
		}
		four = four || size == 4
		i += size
	}
	if chars == 0 {
		return 0, false
	}
	return float64(common) / float64(chars), four
}

// gbkChar reads the GB18030 character at s[i]: its size (1 for ASCII and
// the lone 0x80, 2, 4; 0 if it is cut at the end of a truncated sample)
// and whether it is plausible in a Chinese export: a common character,
// from the GB2312 rows of punctuation, symbols and full-width forms (lead
// byte 0xA1–0xA3) and of the 3,755 level-1 Han characters (lead byte
// 0xB0–0xD7), both with a trail byte 0xA1–0xFE; or an accented Latin
// letter next to an ASCII letter, as in the names "Zoé" and "Müller" of a
// Chinese company's European customers (GBK has the pinyin letters
// à á è é ê ì í ò ó ù ú ü in row 0xA8; GB18030 has the others in four
// bytes). ok is false for an invalid sequence.
func gbkChar(s []byte, i int, truncated bool) (size int, plausible, ok bool) {
	b := s[i]
	switch {
	case b <= 0x80:
		return 1, false, true
	case b == 0xFF:
		return 0, false, false
	case i+1 >= len(s):
		return 0, false, truncated
	}
	t := s[i+1]
	switch {
	case t >= 0x40 && t <= 0xFE && t != 0x7F:
		common := ((b >= 0xA1 && b <= 0xA3) || (b >= 0xB0 && b <= 0xD7)) && t >= 0xA1
		return 2, common || gbLatinLetter(s, i, i+2), true
	case t < 0x30 || t > 0x39:
		return 0, false, false
	case i+3 >= len(s):
		return 0, false, truncated
	case s[i+2] < 0x81 || s[i+2] == 0xFF || s[i+3] < 0x30 || s[i+3] > 0x39:
		return 0, false, false
	}
	return 4, gbLatinLetter(s, i, i+4), true
}

// gbLatinLetter reports whether the GB18030 character s[i:j] is a Latin
// letter outside ASCII next to an ASCII letter.
func gbLatinLetter(s []byte, i, j int) bool {
	if !touchesLatin(s, i, j) {
		return false
	}
	d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(s[i:j])
	if err != nil {
		return false
	}
	r, _ := utf8.DecodeRune(d)
	return r >= 0xC0 && unicode.IsLetter(r) && unicode.Is(unicode.Latin, r)
}

// frequentRussian are the ten most frequent letters of Russian text, about
// two thirds of all letters.
const frequentRussian = "оеаинтсрвл"

// cyrillicPunct are non-letters that occur in Russian text.
const cyrillicPunct = "\u00a0№«»–—‘’‚“”„…•·°"

// cyrillicScore scores sample as Russian text in the single-byte encoding
// cm. A run of consecutive non-ASCII bytes is plausible when every byte
// decodes to a Russian letter (А–я, Ё, ё) or to common punctuation and the
// run does not touch an ASCII letter (Cyrillic and Latin letters are not
// mixed within a word). The score is the fraction of non-ASCII bytes in
// plausible runs, times 0.5 + 0.25·c + 0.25·f, where c is the fraction of
// their letters in words with a plausible case pattern (all lower case,
// all upper case or capitalized) and f the fraction of their letters among
// the ten most frequent Russian letters. Text in the other Cyrillic
// encoding decodes to letters too, but with the case swapped (KOI8-R lower
// case is Windows-1251 upper case and vice versa: "Иванов" becomes
// "иВАНОВ") and a different letter distribution, so it scores lower; for
// text in capitals only, the letter distribution decides.
func cyrillicScore(s []byte, cm *charmap.Charmap) float64 {
	var high, good, letters, cased, frequent int
	word := make([]rune, 0, 32)
	for i, j := range highByteRuns(s) {
		high += j - i
		ok := !touchesLatin(s, i, j)
		var l, c, fr int
		word = word[:0]
		for k := i; k <= j && ok; k++ {
			r := ' '
			if k < j {
				r = cm.DecodeByte(s[k])
			}
			if (r >= 'А' && r <= 'я') || r == 'Ё' || r == 'ё' {
				word = append(word, r)
				l++
				if strings.ContainsRune(frequentRussian, unicode.ToLower(r)) {
					fr++
				}
				continue
			}
			if plausibleCase(word) {
				c += len(word)
			}
			word = word[:0]
			if k < j && !strings.ContainsRune(cyrillicPunct, r) {
				ok = false
			}
		}
		if ok {
			good += j - i
			letters += l
			cased += c
			frequent += fr
		}
	}
	if high == 0 || letters == 0 {
		return 0
	}
	return float64(good) / float64(high) * (0.5 + 0.25*float64(cased)/float64(letters) + 0.25*float64(frequent)/float64(letters))
}

// highByteRuns yields the start and end of each run of consecutive bytes
// of s at or above 0x80.
func highByteRuns(s []byte) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for i := 0; i < len(s); {
			if s[i] < 0x80 {
				i++
				continue
			}
			j := i
			for j < len(s) && s[j] >= 0x80 {
				j++
			}
			if !yield(i, j) {
				return
			}
			i = j
		}
	}
}

// touchesLatin reports whether the run s[i:j] has an ASCII letter just
// before or just after it.
func touchesLatin(s []byte, i, j int) bool {
	return i > 0 && isASCIILetter(s[i-1]) || j < len(s) && isASCIILetter(s[j])
}

// plausibleCase reports whether word is all lower case, all upper case or
// capitalized.
func plausibleCase(word []rune) bool {
	lowerRest, upper := true, true
	for i, r := range word {
		if unicode.IsLower(r) {
			upper = false
		} else if i > 0 {
			lowerRest = false
		}
	}
	return lowerRest || upper
}

// latinPunct are non-letters that occur in Western European text.
const latinPunct = "\u00a0€£¥¢©®™°§«»‹›‘’‚“”„–—…•·²³¹µ×÷½¼¾¿¡±"

// latinScore scores sample as Western European text in cm: the fraction of
// non-ASCII bytes in plausible runs. A run of consecutive non-ASCII bytes
// is plausible when it is at most 3 bytes long, no byte is part of a valid
// UTF-8 sequence (that would be UTF-8 misread: "Ã©" for "é"), and every
// byte decodes to common punctuation or to a Latin letter, letters only in
// a run that touches an ASCII letter (accented letters sit inside words
// such as "Hélène"). Cyrillic and Chinese text has long runs of non-ASCII
// bytes that do not touch ASCII letters.
func latinScore(s []byte, cm *charmap.Charmap, inUTF8 []bool) float64 {
	var high, good int
	for i, j := range highByteRuns(s) {
		touches := touchesLatin(s, i, j)
		ok := j-i <= 3
		for k := i; k < j && ok; k++ {
			r := cm.DecodeByte(s[k])
			switch {
			case inUTF8[k]:
				ok = false
			case unicode.IsLetter(r) && unicode.Is(unicode.Latin, r):
				ok = touches
			case strings.ContainsRune(latinPunct, r):
			default:
				ok = false
			}
		}
		high += j - i
		if ok {
			good += j - i
		}
	}
	if high == 0 {
		return 0
	}
	return float64(good) / float64(high)
}

func isASCIILetter(b byte) bool {
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
}
