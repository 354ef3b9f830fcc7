package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachnotice/breachnotice/letters/run"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// TestProgressLog drives the log with a fake clock: a line on the first
// row, none until 5 s have passed, one then, and one at the end.
func TestProgressLog(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{logText, []string{
			"2026-11-22T09:00:00Z letters: 1/1000 rows, 1 letter, 0 rejects, 0.0 rows/s, unknown left",
			"2026-11-22T09:00:05Z letters: 501/1000 rows, 490 letters, 1 reject, 100.0 rows/s, 5s left",
			"2026-11-22T09:00:11Z letters: 1000/1000 rows, 980 letters, 2 rejects, 90.8 rows/s, 0s left",
		}},
		{logJSON, []string{
			`{"time":"2026-11-22T09:00:00Z","rows":1,"total_rows":1000,"letters":1,"rejects":0,"rate":0,"eta_seconds":null}`,
			`{"time":"2026-11-22T09:00:05Z","rows":501,"total_rows":1000,"letters":490,"rejects":1,"rate":100,"eta_seconds":5}`,
			`{"time":"2026-11-22T09:00:11Z","rows":1000,"total_rows":1000,"letters":980,"rejects":2,"rate":90.8,"eta_seconds":0}`,
		}},
	} {
		var buf bytes.Buffer
		clock := &fakeClock{time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))}
		p := &progress{log: &progressLog{w: &buf, json: tc.format == logJSON, now: clock.now, every: logEvery}}
		p.update(run.Progress{Rows: 1, TotalRows: 1000, Letters: 1})
		clock.t = clock.t.Add(4 * time.Second)
		p.update(run.Progress{Rows: 400, TotalRows: 1000, Letters: 390, Rejects: 1}) // too soon: no line
		clock.t = clock.t.Add(time.Second)
		p.update(run.Progress{Rows: 501, TotalRows: 1000, Letters: 490, Rejects: 1})
		clock.t = clock.t.Add(6 * time.Second)
		p.update(run.Progress{Rows: 1000, TotalRows: 1000, Letters: 980, Rejects: 2, Kept: 0})
		p.finish() // the last update was logged: nothing more
		got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s log:\n%s\nwant:\n%s", tc.format, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
		if tc.format == logJSON {
			for _, l := range got {
				var v map[string]any
				if err := json.Unmarshal([]byte(l), &v); err != nil {
					t.Errorf("line %q is not JSON: %v", l, err)
				}
			}
		}
	}
}

// TestProgressLogFinish logs the last rows at the end even when fewer
// than 5 s have passed since the previous line.
func TestProgressLogFinish(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	l := &progressLog{w: &buf, json: true, now: clock.now, every: logEvery}
	l.update(run.Progress{Rows: 1, TotalRows: 3, Letters: 1})
	clock.t = clock.t.Add(time.Second)
	l.update(run.Progress{Rows: 3, TotalRows: 3, Letters: 2, Rejects: 1})
	l.finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], `"rows":3,`) || !strings.Contains(lines[1], `"rejects":1,`) {
		t.Errorf("log:\n%s\nwant 2 lines, the last with rows 3 and rejects 1", buf.String())
	}
}

// TestNewProgress: a regular file is not a terminal, so a run logs text
// lines to it; --log-format json logs JSON to any writer; --quiet, nothing.
func TestNewProgress(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	for _, tc := range []struct {
		name      string
		w         io.Writer
		quiet     bool
		format    string
		log, json bool
	}{
		{"file", f, false, logText, true, false},
		{"file json", f, false, logJSON, true, true},
		{"buffer", &buf, false, logText, false, false},
		{"buffer json", &buf, false, logJSON, true, true},
		{"quiet", f, true, logJSON, false, false},
	} {
		p := newProgress(tc.w, tc.quiet, tc.format)
		if p.bar != nil || (p.log != nil) != tc.log || (p.log != nil && p.log.json != tc.json) {
			t.Errorf("%s: bar %v, log %v; want no bar, log %v (json %v)", tc.name, p.bar != nil, p.log != nil, tc.log, tc.json)
		}
	}
}

// TestProgressLogPasses: while the first two passes read the customer
// file, the log says which pass and how much of the file it has read: the
// first report of each pass, then one every 5 s; the third pass's lines
// follow as before.
func TestProgressLogPasses(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{logText, []string{
			"2026-11-22T09:00:00Z letters: pass 1 of 3 (duplicate checks): 10% of the customer file read",
			"2026-11-22T09:00:06Z letters: pass 1 of 3 (duplicate checks): 60% of the customer file read",
			"2026-11-22T09:00:07Z letters: pass 2 of 3 (counting): 0 MB read",
			"2026-11-22T09:00:08Z letters: 1/10 rows, 1 letter, 0 rejects, 0.0 rows/s, unknown left",
		}},
		{logJSON, []string{
			`{"time":"2026-11-22T09:00:00Z","pass":1,"stage":"duplicate checks","read_bytes":100,"size_bytes":1000,"percent":10}`,
			`{"time":"2026-11-22T09:00:06Z","pass":1,"stage":"duplicate checks","read_bytes":600,"size_bytes":1000,"percent":60}`,
			`{"time":"2026-11-22T09:00:07Z","pass":2,"stage":"counting","read_bytes":5,"size_bytes":0,"percent":null}`,
			`{"time":"2026-11-22T09:00:08Z","rows":1,"total_rows":10,"letters":1,"rejects":0,"rate":0,"eta_seconds":null}`,
		}},
	} {
		var buf bytes.Buffer
		clock := &fakeClock{time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
		p := &progress{log: &progressLog{w: &buf, json: tc.format == logJSON, now: clock.now, every: logEvery}}
		p.update(run.Progress{Pass: 1, Read: 100, Size: 1000})
		clock.t = clock.t.Add(2 * time.Second)
		p.update(run.Progress{Pass: 1, Read: 300, Size: 1000}) // too soon: no line
		clock.t = clock.t.Add(4 * time.Second)
		p.update(run.Progress{Pass: 1, Read: 600, Size: 1000})
		clock.t = clock.t.Add(time.Second)
		p.update(run.Progress{Pass: 2, Read: 5}) // a new pass: a line at once; size unknown
		clock.t = clock.t.Add(time.Second)
		p.update(run.Progress{Pass: 3, Rows: 1, TotalRows: 10, Letters: 1})
		got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s log:\n%s\nwant:\n%s", tc.format, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}
