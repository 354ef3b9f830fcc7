package pdffile

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"
)

// TestWriteReturnsTheFilesHash: the sha256 Write returns is the file's,
// and the /ID is the first half of the sha256 of the file before its
// trailer, tagged or not.
func TestWriteReturnsTheFilesHash(t *testing.T) {
	for _, tags := range []*Structure{nil, NewStructure()} {
		f := File{Width: 595.28, Height: 841.89, Pages: [][]byte{[]byte("BT ET")}, Title: "t", Lang: "en",
			Created: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC), Tags: tags}
		var buf bytes.Buffer
		sum, err := f.Write(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if sum != sha256.Sum256(buf.Bytes()) {
			t.Errorf("tagged %t: Write returned %x, the file's sha256 is %x", tags != nil, sum, sha256.Sum256(buf.Bytes()))
		}
		at := bytes.LastIndex(buf.Bytes(), []byte("trailer\n"))
		id := sha256.Sum256(buf.Bytes()[:at])
		if want := fmt.Sprintf("/ID [<%x> <%x>]", id[:16], id[:16]); !bytes.Contains(buf.Bytes()[at:], []byte(want)) {
			t.Errorf("tagged %t: trailer %q lacks %s", tags != nil, buf.Bytes()[at:], want)
		}
	}
}

// TestPDFStrings: dates with their offset from UTC, and text strings as
// literals when ASCII, else UTF-16BE with a byte order mark.
func TestPDFStrings(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "(D:20260102030405Z)"},
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600)), "(D:20260102030405+01'00')"},
	} {
		if got := pdfDate(tc.t); got != tc.want {
			t.Errorf("pdfDate(%v) = %s, want %s", tc.t, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"Acme":       "(Acme)",
		`a(b)\c`:     `(a\(b\)\\c)`,
		"é":          "<FEFF00E9>",
		"a\nb":       "<FEFF0061000A0062>",
		"\U0001F600": "<FEFFD83DDE00>",
	} {
		if got := pdfText(in); got != want {
			t.Errorf("pdfText(%q) = %s, want %s", in, got, want)
		}
	}
}
