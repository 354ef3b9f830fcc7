package email

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"testing"
)

// stdQP is data as mime/quotedprintable writes it.
func stdQP(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var qpSeeds = []string{
	"", " ", "\t", "=", "a \r\nb", "a\rb\nc\r\n\r\nd\n\re", "trailing space \nand tab\t\r\n",
	"\r\x80\n", "Hé, 中文 and русский", string(bytes.Repeat([]byte("x"), 200)),
	string(bytes.Repeat([]byte("é"), 100)), string(bytes.Repeat([]byte("ab "), 60)) + "\n",
	string(bytes.Repeat([]byte("a"), 73)) + "==\n" + string(bytes.Repeat([]byte("b"), 74)) + " \n" + string(bytes.Repeat([]byte("c"), 75)) + "\t",
}

// appendQP writes what mime/quotedprintable writes, for the odd texts
// and for random bytes weighted to the edges (line ends, spaces, "=",
// bytes to encode) at every line length.
func TestAppendQPIsQuotedPrintable(t *testing.T) {
	check := func(data []byte) {
		t.Helper()
		want := stdQP(t, data)
		if got := appendQP([]byte("head"), data); !bytes.Equal(got[4:], want) || string(got[:4]) != "head" {
			t.Fatalf("appendQP(%q) = %q, want %q", data, got, want)
		}
	}
	for _, s := range qpSeeds {
		check([]byte(s))
	}
	alphabet := []byte("ab \t=\r\n\x00\x80\xff.")
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		data := make([]byte, r.IntN(300))
		for i := range data {
			data[i] = alphabet[r.IntN(len(alphabet))]
			if r.IntN(3) > 0 {
				data[i] = 'x'
			}
		}
		check(data)
	}
}

func FuzzAppendQP(f *testing.F) {
	for _, s := range qpSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := appendQP(nil, data), stdQP(t, data); !bytes.Equal(got, want) {
			t.Fatalf("appendQP(%q) = %q, want %q", data, got, want)
		}
	})
}

// appendCRLF makes every line end CRLF: a CRLF stays one, a bare line feed
// becomes one, a bare carriage return stays as it is.
func TestCRLF(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "a": "a", "a\n": "a\r\n", "a\r\nb\nc": "a\r\nb\r\nc", "\r\r\n": "\r\r\n", "\n\r": "\r\n\r",
		"\r": "\r", "\n\n": "\r\n\r\n", "\r\n\r\n": "\r\n\r\n", "a\r\x80\n": "a\r\x80\r\n",
	} {
		if got := string(appendCRLF(nil, []byte(in))); got != want {
			t.Errorf("appendCRLF(%q) = %q, want %q", in, got, want)
		}
	}
}

// appendBase64Lines writes base64 in lines of 76 characters, each ending
// in CRLF, the last too.
func TestAppendBase64Lines(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 56, 57, 58, 114, 170, 171, 1000} {
		data := bytes.Repeat([]byte{0xfb, 'a', 0}, n)[:n]
		enc := base64.StdEncoding.EncodeToString(data)
		var want []byte
		for len(enc) > 76 {
			want = append(append(want, enc[:76]...), '\r', '\n')
			enc = enc[76:]
		}
		want = append(append(want, enc...), '\r', '\n')
		if got := appendBase64Lines([]byte("x"), data); string(got) != "x"+string(want) {
			t.Errorf("%d bytes: %q, want %q", n, got, want)
		}
	}
}

// multipartWriter writes what mime/multipart's Writer writes with the
// same boundary and header fields.
func TestMultipartWriterIsMultipart(t *testing.T) {
	parts := [][]string{
		{"Content-Transfer-Encoding", "quoted-printable", "Content-Type", "text/plain; charset=utf-8"},
		{"Content-Type", "text/html"},
		{"Content-Disposition", "attachment; filename=\"a.pdf\"", "Content-Transfer-Encoding", "base64", "Content-Type", "application/pdf"},
	}
	for n := range len(parts) + 1 {
		var got, want bytes.Buffer
		mw := multipart.NewWriter(&want)
		if err := mw.SetBoundary("alt-0123456789abcdef"); err != nil {
			t.Fatal(err)
		}
		w := multipartWriter{b: &got, boundary: "alt-0123456789abcdef"}
		for i, fields := range parts[:n] {
			h := textproto.MIMEHeader{}
			for j := 0; j < len(fields); j += 2 {
				h[fields[j]] = []string{fields[j+1]}
			}
			p, err := mw.CreatePart(h)
			if err != nil {
				t.Fatal(err)
			}
			w.part(fields...)
			body := bytes.Repeat([]byte("body\r\n"), i)
			p.Write(body)
			got.Write(body)
		}
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		w.close()
		if got.String() != want.String() {
			t.Errorf("%d parts: %q, want %q", n, got.String(), want.String())
		}
	}
}
