package main

import (
	"io"
	"os"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/breachnotice/breachnotice/letters/run"
)

// progress draws a progress bar for a letters run on a terminal: rows done,
// letters per second and the time left. It draws nothing when stderr is
// not a terminal or with --quiet, and it never shows customer data.
type progress struct {
	bar  *progressbar.ProgressBar
	last run.Progress
}

func newProgress(stderr io.Writer, quiet bool) *progress {
	p := &progress{}
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return p
	}
	p.bar = progressbar.NewOptions(-1,
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
	return p
}

// update is run.Config.Progress.
func (p *progress) update(pr run.Progress) {
	if p.bar != nil {
		if p.last.TotalRows != pr.TotalRows {
			p.bar.ChangeMax(pr.TotalRows)
		}
		p.bar.Describe("letters " + strconv.Itoa(pr.Letters))
		_ = p.bar.Set(pr.Rows)
	}
	p.last = pr
}

// finish clears the bar and returns how many letters were kept from an
// interrupted run.
func (p *progress) finish() int {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
	return p.last.Kept
}
