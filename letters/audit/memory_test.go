package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters/internal/lettertest"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

// TestMemoryFlat: the audit's peak heap does not grow with the number of
// letters. An output of n and of 4n letters (generated as they are read:
// the test holds none of them; each letter's PDF is not a PDF, a finding
// per letter) is audited and its reports written, while a sampler records
// the peak heap in use. audit.xlsx is measured apart: its sheets are
// written by excelize's stream writer, which holds up to 16 MB of each
// sheet's XML in memory before it moves it to a temporary file, a bound
// that does not grow past 16 MB a sheet but grows until then.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("audits about 73,000 letters")
	}
	env := lettertest.Load(t, "../../testdata/incident.toml")
	incident, err := os.ReadFile("../../testdata/incident.toml")
	if err != nil {
		t.Fatal(err)
	}
	const n = 2500
	peak := func(letters int, xlsx bool) uint64 {
		cfg := Config{Rules: env.Rules, RulesFS: jurisdictions.FS, Catalogs: env.Catalogs, Now: time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC),
			SentAt: time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC), TempDir: t.TempDir(),
			Outputs: []Output{{Name: "out", FS: synthOutput(letters, incident)}}}
		return peakHeap(t, func() {
			rep, err := Run(cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer rep.Close()
			if got := rep.FindingCount(); got < letters {
				t.Fatalf("%d findings for %d letters that are not PDFs", got, letters)
			}
			if xlsx {
				if err := rep.WriteXLSX(io.Discard); err != nil {
					t.Fatal(err)
				}
				return
			}
			if err := rep.WriteJSON(io.Discard); err != nil {
				t.Fatal(err)
			}
			if err := rep.WriteText(io.Discard); err != nil {
				t.Fatal(err)
			}
			if err := rep.WriteEvidence(io.Discard, cfg, fstest.MapFS{outbox.AuditJSON: {}, outbox.AuditXLSX: {}}); err != nil {
				t.Fatal(err)
			}
		})
	}
	peak(n/4, false) // warm up: rules, catalogs, regular expressions
	// The least of three peaks each: garbage the collector has not caught
	// up with (on a busy machine) only ever adds to a peak.
	least := func(letters int) uint64 {
		return min(peak(letters, false), peak(letters, false), peak(letters, false))
	}
	// 8n: a busy machine's collector lags by up to 2 MB, so the letters
	// added must hold clearly more than that if kept.
	small, large := least(n), least(8*n)
	t.Logf("peak heap in use: %d letters %.1f MB, %d letters %.1f MB", n, mb(small), 8*n, mb(large))
	// Holding what is learnt of each letter (as the audit did) takes more
	// than 500 bytes a letter: 8.5 MB for the 17,500 more.
	if large > small+4<<20 {
		t.Errorf("peak heap grew from %.1f MB (%d letters) to %.1f MB (%d letters): the audit holds something per letter", mb(small), n, mb(large), 8*n)
	}
	// The sheets' XML, about 900 bytes a letter, is all excelize may hold:
	// 2.6 MB for 3,000 more letters. A workbook held in memory, or streamed
	// sheets read back, takes ten times that.
	const x = 1000
	small, large = peak(x, true), peak(4*x, true)
	t.Logf("peak heap in use writing audit.xlsx: %d letters %.1f MB, %d letters %.1f MB", x, mb(small), 4*x, mb(large))
	if large > small+8<<20 {
		t.Errorf("writing audit.xlsx, the peak heap grew from %.1f MB (%d letters) to %.1f MB (%d letters)", mb(small), x, mb(large), 4*x)
	}
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// peakHeap runs fn and returns the largest heap in use sampled meanwhile,
// with the collector run often, so that the heap in use stays close to
// what is live.
func peakHeap(t *testing.T, fn func()) uint64 {
	t.Helper()
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak.Load()
}

// synthOutput is an output directory of n letters made up as they are
// read: the manifest line by line, the pdf folder's entries in batches.
func synthOutput(n int, incident []byte) fs.FS {
	sum, _ := json.Marshal(outbox.Summary{Rows: n, Letters: n})
	return synthFS{n: n, small: fstest.MapFS{
		outbox.SummaryFile:     {Data: sum},
		outbox.IncidentFile:    {Data: incident},
		outbox.RejectsFile:     {Data: []byte("row,reason\n")},
		outbox.NotNotifiedFile: {Data: []byte("row,reason\n")},
	}}
}

type synthFS struct {
	n     int
	small fstest.MapFS
}

// notPDF is every synthetic letter's file.
var notPDF = []byte("%PDF-1.7\nnot a PDF\n")

func (s synthFS) Open(name string) (fs.File, error) {
	switch {
	case name == ".":
		top := []fs.FileInfo{info{name: outbox.PDFDir, dir: true}, info{name: outbox.ManifestFile}}
		for k := range s.small {
			top = append(top, info{name: k})
		}
		return &synthDir{info: info{name: ".", dir: true}, n: len(top), entry: func(i int) fs.FileInfo { return top[i] }}, nil
	case name == outbox.ManifestFile:
		return &synthManifest{info: info{name: name}, n: s.n}, nil
	case name == outbox.PDFDir:
		return &synthDir{info: info{name: name, dir: true}, n: s.n, entry: func(i int) fs.FileInfo { return info{name: synthPDF(i)[4:]} }}, nil
	case len(name) > 4 && name[:4] == outbox.PDFDir+"/":
		return &synthFile{info: info{name: name[4:]}, Reader: bytes.NewReader(notPDF)}, nil
	}
	return s.small.Open(name)
}

func synthPDF(i int) string { return fmt.Sprintf("pdf/%07d.pdf", i) }

type info struct {
	name string
	dir  bool
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return 0 }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o700
	}
	return 0o600
}
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }

type synthFile struct {
	info
	*bytes.Reader
}

func (f *synthFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *synthFile) Close() error               { return nil }

// synthManifest writes manifest lines as they are read.
type synthManifest struct {
	info
	n, i int
	buf  []byte
}

var notPDFSum = func() string { s := sha256.Sum256(notPDF); return hex.EncodeToString(s[:]) }()

func (m *synthManifest) Read(p []byte) (int, error) {
	for len(m.buf) == 0 {
		if m.i == m.n {
			return 0, io.EOF
		}
		e := outbox.Entry{CustomerID: fmt.Sprintf("S-%07d", m.i), Row: m.i + 2, Jurisdictions: []string{"IT"}, Language: "it", Locale: "it",
			PDF: synthPDF(m.i), PDFSHA256: notPDFSum, ContentFrom: []string{"IT"}}
		m.buf, _ = json.Marshal(e)
		m.buf = append(m.buf, '\n')
		m.i++
	}
	k := copy(p, m.buf)
	m.buf = m.buf[k:]
	return k, nil
}
func (m *synthManifest) Stat() (fs.FileInfo, error) { return m.info, nil }
func (m *synthManifest) Close() error               { return nil }

// synthDir lists its entries in the batches asked for.
type synthDir struct {
	info
	n, i  int
	entry func(int) fs.FileInfo
}

func (d *synthDir) ReadDir(count int) ([]fs.DirEntry, error) {
	if d.i == d.n && count > 0 {
		return nil, io.EOF
	}
	k := d.n - d.i
	if count > 0 {
		k = min(k, count)
	}
	out := make([]fs.DirEntry, k)
	for j := range out {
		out[j] = fs.FileInfoToDirEntry(d.entry(d.i + j))
	}
	d.i += k
	return out, nil
}
func (d *synthDir) Read([]byte) (int, error)   { return 0, fmt.Errorf("%s: is a directory", d.name) }
func (d *synthDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *synthDir) Close() error               { return nil }
