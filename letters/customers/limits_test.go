package customers

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// bombPart returns the workbook data with part replaced by head, n times
// repeat, and tail, written as a stream (method zip.Deflate or zip.Store)
// so that a part of hundreds of MiB costs the test no more than its
// compressed size.
func bombPart(t testing.TB, data []byte, part, head, repeat string, n int, tail string, method uint16) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != part {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, head)
		if repeat != "" {
			chunk := strings.Repeat(repeat, max(1, (64<<10)/len(repeat)))
			for per := len(chunk) / len(repeat); n >= per; n -= per {
				io.WriteString(w, chunk)
			}
		}
		io.WriteString(w, strings.Repeat(repeat, n)+tail)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	sstHead   = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
	sheetHead = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// readAlloc reads data from a file, as the command does (in place), and
// returns the error and the bytes allocated.
func readAlloc(t *testing.T, data []byte) (error, uint64) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "bomb.xlsx")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = Read(f, Options{Name: "bomb.xlsx"}, func(*Person, *Reject) error { return nil })
	runtime.ReadMemStats(&after)
	return err, after.TotalAlloc - before.TotalAlloc
}

// grown is what a slice of n bytes costs in all, grown by append: each
// growth by a quarter allocates anew, five times n in all; and as much
// again for the rest.
func grown(n uint64) uint64 { return 6 * n }

// TestXLSXLimits: the hostile workbooks of issue 19 and their kin, each
// refused with an error naming the file, the part or sheet and the limit,
// in bounded memory (the string table of <si/> took 2.6 GiB before).
func TestXLSXLimits(t *testing.T) {
	good := workbook{strings: []string{"x"}, sheet: headerRow("1") + `<row r="2">` + is("A2", "C-1") + is("B2", "Ann") + is("C2", "a@example.com") + is("D2", "IT") + `</row>`}.bytes(t)
	const sheet, sst = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
	rows := sheetHead + headerRow("1")
	for _, tt := range []struct {
		name     string
		data     func() []byte
		want     string
		maxAlloc uint64
		long     bool
	}{
		{"shared strings <si/> past the count", func() []byte {
			// Stored: compressed, it inflates past the ratio (next cases).
			return bombPart(t, good, sst, sstHead, "<si/>", maxSharedStrings+1, "</sst>", zip.Store)
		}, "the shared string table: part xl/sharedStrings.xml holds more than 16777216 strings", grown(4 * maxSharedStrings), true},
		{"shared strings past the text", func() []byte {
			return bombPart(t, good, sst, sstHead, "<si><t>"+strings.Repeat("a", 30000)+"</t></si>", maxStringsText/30000+2, "</sst>", zip.Store)
		}, "part xl/sharedStrings.xml holds more than 256 MiB of text", grown(maxStringsText), true},
		{"sheet inflating 1,000 to 1", func() []byte {
			return bombPart(t, good, sheet, rows, "<x/>", 20<<20, sheetTail, zip.Deflate)
		}, "part xl/worksheets/sheet1.xml inflates", 1 << 20, false},
		{"shared strings inflating 1,000 to 1", func() []byte {
			return bombPart(t, good, sst, sstHead, "<si/>", 16<<20, "</sst>", zip.Deflate)
		}, "part xl/sharedStrings.xml inflates", 1 << 20, false},
		{"elements in a row", func() []byte {
			return bombPart(t, good, sheet, rows+`<row r="2">`, "<x/>", maxRowElements+1, "</row>"+sheetTail, zip.Deflate)
		}, `sheet "Export" row 2: malformed file: the row holds more than 262144 XML elements`, 16 << 20, false},
		{"elements between rows", func() []byte {
			return bombPart(t, good, sheet, rows, "<x/>", maxOutsideElements+1, sheetTail, zip.Deflate)
		}, `sheet "Export" row 2: malformed file: the sheet holds more than 65536 XML elements outside its rows`, 16 << 20, false},
		{"rows past Excel's", func() []byte {
			return bombPart(t, good, sheet, rows, `<row r="1048576"></row><row></row>`, 1, sheetTail, zip.Deflate)
		}, `row 1048577: malformed file: more than 1048576 rows`, 1 << 20, false},
		{"after the data", func() []byte {
			data := bombPart(t, good, sheet, rows+sheetTail[:len("</sheetData>")], "", 0, "", zip.Store)
			return withTrailer(t, data, sheet, maxTrailer+64<<10) // the scanner reads ahead
		}, `malformed file: the sheet holds more than 64 MiB after its data`, 32 << 20, true},
		{"small part nested deep", func() []byte {
			return bombPart(t, good, "xl/styles.xml", "", "<a>", maxPartDepth+1, "", zip.Deflate)
		}, `part "xl/styles.xml": more than 1048576 XML elements, or elements nested deeper than 64`, 1 << 20, false},
		{"small part of many elements", func() []byte {
			return bombPart(t, good, "xl/styles.xml", "<styleSheet>", "<x/>", maxPartElements+1, "</styleSheet>", zip.Deflate)
		}, `part "xl/styles.xml": more than 1048576 XML elements`, 64 << 20, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.long && testing.Short() {
				t.Skip("builds a part of hundreds of MiB")
			}
			data := tt.data()
			err, alloc := readAlloc(t, data)
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "customers: bomb.xlsx: ") {
				t.Fatalf("err = %v, want ErrMalformed naming bomb.xlsx with %q", err, tt.want)
			}
			if alloc > tt.maxAlloc {
				t.Errorf("allocated %d MiB reading a %d KiB file, want at most %d MiB", alloc>>20, len(data)>>10, tt.maxAlloc>>20)
			}
			t.Logf("%d KiB file: %v; allocated %d MiB", len(data)>>10, err, alloc>>20)
		})
	}
}

// withTrailer appends n random bytes after the sheet's </sheetData>, stored.
func withTrailer(t *testing.T, data []byte, part string, n int) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := zr.Open(part)
	body, _ := io.ReadAll(f)
	r := rand.NewChaCha8([32]byte{})
	noise := make([]byte, n)
	r.Read(noise)
	return bombPart(t, data, part, string(body), "", 0, string(noise), zip.Store)
}

// TestCappedPart: reading a part counts its bytes and stops past the limit,
// whatever the archive declared.
func TestCappedPart(t *testing.T) {
	p := &cappedPart{ReadCloser: io.NopCloser(zeros{}), name: "xl/x.xml", limit: 1 << 20}
	n, err := io.Copy(io.Discard, p)
	if !errors.Is(err, errPartLimit) || n > 1<<20+1 || !strings.Contains(err.Error(), "part xl/x.xml holds more than 1 MiB") {
		t.Errorf("read %d bytes, err %v", n, err)
	}
}

type zeros struct{}

func (zeros) Read(b []byte) (int, error) { clear(b); return len(b), nil }

// TestXLSXSheetElements: a sheet over the limit of elements in all stops
// at the next element.
func TestXLSXSheetElements(t *testing.T) {
	good := workbook{sheet: headerRow("1") + `<row r="2">` + is("A2", "C-1") + `</row>`}.bytes(t)
	s, err := openXLSX(bytes.NewReader(good), "c.xlsx", "", "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	s.sc.starts = maxSheetElements
	if _, _, err := s.next(); err == nil || !strings.Contains(err.Error(), "the sheet holds more than 134217728 XML elements") {
		t.Errorf("err = %v", err)
	}
}

// TestStringTableElements: a shared string table over the limit of
// elements (other than strings) stops.
func TestStringTableElements(t *testing.T) {
	err := (&stringTable{}).checkLimits("xl/sharedStrings.xml", &xmlScanner{starts: maxStringsElements + 1})
	if !errors.Is(err, errPartLimit) || !strings.Contains(err.Error(), "part xl/sharedStrings.xml holds more than 67108864 XML elements") {
		t.Errorf("err = %v", err)
	}
}

// TestXLSXEncryptedSize: an encrypted workbook is decrypted in memory, so
// its size is bounded before it is read.
func TestXLSXEncryptedSize(t *testing.T) {
	ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	_, _, err := openContainer(bytes.NewReader(ole), maxEncryptedSize+1, "big.xlsx", "pw")
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "larger than 256 MiB") {
		t.Errorf("err = %v", err)
	}
}

// FuzzSharedStrings fuzzes the shared string table part: it never panics,
// and a table it reads is whole (its strings end in order, within its
// text, and within the limits).
func FuzzSharedStrings(f *testing.F) {
	f.Add(sstHead + `<si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si><si/><si><t>_x000D_</t></si></sst>`)
	f.Add(sstHead + strings.Repeat("<si/>", 100) + "<x><y/></x></sst>")
	f.Add(sstHead + `<si><t>` + strings.Repeat("é", 40000) + `</t></si></sst>`)
	f.Fuzz(func(t *testing.T, body string) {
		data := zipFiles(t, []struct{ name, body string }{{"xl/sharedStrings.xml", body}})
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		st, err := readSharedStrings(zr.File[0])
		if err != nil {
			return
		}
		if st.len() > maxSharedStrings || len(st.data) > maxStringsText {
			t.Fatalf("%d strings, %d bytes: over the limits", st.len(), len(st.data))
		}
		prev := uint32(0)
		for i, end := range st.ends {
			if end < prev || int(end) > len(st.data) {
				t.Fatalf("string %d ends at %d after %d (text %d bytes)", i, end, prev, len(st.data))
			}
			prev = end
			_ = st.get(i)
		}
		for i := range st.long {
			if i >= st.len() {
				t.Fatalf("long string %d of %d", i, st.len())
			}
		}
	})
}

func TestByteSize(t *testing.T) {
	for n, want := range map[uint64]string{
		1 << 30: "1 GiB", 3_200_000_000: "3.0 GiB", 64 << 20: "64 MiB", 1_500_000: "1.4 MiB", 2048: "2 KiB", 100: "100 bytes",
	} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
