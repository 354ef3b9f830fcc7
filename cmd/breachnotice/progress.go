package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/breachnotice/breachnotice/letters/run"
)

// Log formats of --log-format: the progress of a run outside a terminal.
const (
	logText = "text"
	logJSON = "json"
)

// logEvery is how often a run outside a terminal logs its progress.
const logEvery = 5 * time.Second

// progress shows how a letters run is going, and never customer data: on
// a terminal, a bar (rows done, letters per second, the time left);
// elsewhere (kubectl logs, a batch job, CI) or with --log-format json, a
// line every logEvery with the rows, letters, rejects, rate and time
// left. Nothing with --quiet, and nothing in text to a writer that is not
// a file (the CLI run in process by the tests).
type progress struct {
	bar  *progressbar.ProgressBar
	log  *progressLog
	last run.Progress
}

func newProgress(stderr io.Writer, quiet bool, format string) *progress {
	p := &progress{}
	f, isFile := stderr.(*os.File)
	switch {
	case quiet:
	case format == logJSON || isFile && !term.IsTerminal(int(f.Fd())):
		p.log = &progressLog{w: stderr, json: format == logJSON, now: time.Now, every: logEvery}
	case isFile:
		p.bar = newBar(stderr)
	}
	return p
}

func newBar(stderr io.Writer) *progressbar.ProgressBar {
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("letters"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionFullWidth(),
	)
}

// update is run.Config.Progress.
func (p *progress) update(pr run.Progress) {
	if pr.Pass == 1 || pr.Pass == 2 {
		p.reading(pr)
		return
	}
	if p.bar != nil {
		if p.last.TotalRows != pr.TotalRows {
			p.bar.ChangeMax(pr.TotalRows)
		}
		p.bar.Describe("letters " + strconv.Itoa(pr.Letters))
		_ = p.bar.Set(pr.Rows)
	}
	if p.log != nil {
		p.log.update(pr)
	}
	p.last = pr
}

// passNames says what each of the first two passes over the customer
// file does.
var passNames = map[int]string{1: "duplicate checks", 2: "counting"}

// readPercent is how much of the file a pass has read, or -1 when the
// file's size is unknown.
func readPercent(pr run.Progress) int {
	if pr.Size <= 0 {
		return -1
	}
	return int(pr.Read * 100 / pr.Size)
}

// reading shows the first two passes: how much of the customer file each
// has read (the rows, and so the time left, are known from the third).
func (p *progress) reading(pr run.Progress) {
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("reading %d/3 (%s)", pr.Pass, passNames[pr.Pass]))
	}
	if p.log != nil {
		p.log.reading(pr)
	}
}

// finish clears the bar or logs the last line, and returns how many
// letters were kept from an interrupted run.
func (p *progress) finish() int {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
	if p.log != nil {
		p.log.finish()
	}
	return p.last.Kept
}

// progressLog writes a progress line every so often: on the first row,
// then when every has passed since the last line, and at the end. now is
// the clock (a fake one in the tests).
type progressLog struct {
	w     io.Writer
	json  bool
	now   func() time.Time
	every time.Duration

	start     time.Time    // when the first row was done
	startRows int          // rows done then
	logged    time.Time    // when the last line was written
	last      run.Progress // the last update
	pending   bool         // last has not been logged
	pass      int          // the pass over the customer file last logged
}

// progressLine is one line of the log; in JSON, one object per line.
type progressLine struct {
	Time      string   `json:"time"`
	Rows      int      `json:"rows"`
	TotalRows int      `json:"total_rows"`
	Letters   int      `json:"letters"`
	Rejects   int      `json:"rejects"`
	Kept      int      `json:"kept,omitempty"`
	Rate      float64  `json:"rate"`        // rows per second
	ETA       *float64 `json:"eta_seconds"` // null until a rate is known
}

func (l *progressLog) update(pr run.Progress) {
	t := l.now()
	l.last, l.pending = pr, true
	if l.start.IsZero() {
		l.start, l.startRows = t, pr.Rows
		l.write(t)
		return
	}
	if t.Sub(l.logged) >= l.every {
		l.write(t)
	}
}

// passLine is a line of the log while a pass reads the customer file.
type passLine struct {
	Time    string `json:"time"`
	Pass    int    `json:"pass"`
	Stage   string `json:"stage"`
	Read    int64  `json:"read_bytes"`
	Size    int64  `json:"size_bytes"`
	Percent *int   `json:"percent"` // null when the size is unknown
}

// reading logs a pass over the customer file: its first report, then one
// every so often.
func (l *progressLog) reading(pr run.Progress) {
	t := l.now()
	if pr.Pass == l.pass && t.Sub(l.logged) < l.every {
		return
	}
	l.pass, l.logged = pr.Pass, t
	line := passLine{Time: t.UTC().Format(time.RFC3339), Pass: pr.Pass, Stage: passNames[pr.Pass], Read: pr.Read, Size: pr.Size}
	if pc := readPercent(pr); pc >= 0 {
		line.Percent = &pc
	}
	if l.json {
		b, _ := json.Marshal(line)
		fmt.Fprintf(l.w, "%s\n", b)
		return
	}
	done := fmt.Sprintf("%d MB read", pr.Read>>20)
	if line.Percent != nil {
		done = fmt.Sprintf("%d%% of the customer file read", *line.Percent)
	}
	fmt.Fprintf(l.w, "%s letters: pass %d of 3 (%s): %s\n", line.Time, pr.Pass, line.Stage, done)
}

func (l *progressLog) finish() {
	if l.pending {
		l.write(l.now())
	}
}

func (l *progressLog) write(t time.Time) {
	l.logged, l.pending = t, false
	line := l.line(t)
	if l.json {
		b, _ := json.Marshal(line)
		fmt.Fprintf(l.w, "%s\n", b)
		return
	}
	eta := "unknown"
	if line.ETA != nil {
		eta = (time.Duration(*line.ETA) * time.Second).String()
	}
	fmt.Fprintf(l.w, "%s letters: %d/%d rows, %d %s, %d %s, %.1f rows/s, %s left\n",
		line.Time, line.Rows, line.TotalRows, line.Letters, plural(line.Letters, "letter", "letters"),
		line.Rejects, plural(line.Rejects, "reject", "rejects"), line.Rate, eta)
}

// line is the progress at t: the rate since the first row, and the time
// left at that rate.
func (l *progressLog) line(t time.Time) progressLine {
	pr := l.last
	line := progressLine{Time: t.UTC().Format(time.RFC3339), Rows: pr.Rows, TotalRows: pr.TotalRows,
		Letters: pr.Letters, Rejects: pr.Rejects, Kept: pr.Kept}
	if secs := t.Sub(l.start).Seconds(); secs > 0 {
		line.Rate = math.Round(float64(pr.Rows-l.startRows)/secs*10) / 10
	}
	if line.Rate > 0 {
		eta := math.Ceil(float64(pr.TotalRows-pr.Rows) / line.Rate)
		line.ETA = &eta
	}
	return line
}
