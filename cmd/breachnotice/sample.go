package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/breachnotice/breachnotice/letters/customers/sample"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

const sampleHelp = `Usage: breachnotice sample --rows N --out FILE [flags]

Writes a synthetic customer sheet: invented people, laid out like a CRM
export, to rehearse a notification run or to measure the import without
touching real personal data. The 12 columns are "Customer ID", "Full Name",
"E-mail", "Phone", "Street", "ZIP", "City", "State/Province", "Country",
"Language", "Data Categories" and "Activation Code". People live in IT, FR,
GB, DE, US (CA, NY, MA, TX, FL and other states), CA (QC, ON), RU, CN, BR,
JP and AU, with names written natively (Han, Cyrillic, kana, accents) and
languages spread about 20% each over it, fr, en, zh and ru (plus en-US,
fr-CA, pt-BR, de, ja...). E-mails are all at example.com, example.org or
example.net; ids are S-0000001, S-0000002, ...

The extension of FILE chooses the format:
  .xlsx  one sheet "Customers" with inline strings, as streaming exporters
         write it; --shared-strings writes a shared strings table instead,
         as Excel itself does (at most 1,048,575 rows);
  .csv   UTF-8 with a byte order mark, comma-separated.

--bad-rows makes one row in 1000 deliberately bad (rows 10, 1010, 2010...:
unknown country "Atlantis", invalid e-mail, missing id, duplicate id, no
e-mail and no address, in turn), so that rejects can be rehearsed; without
it every row is a valid person. The same --seed gives the same file.

FILE is written to a temporary file next to it, created 0600, and renamed
when complete; an existing FILE is replaced only with --force.

Example: measure the import of a million rows

  breachnotice sample --rows 1000000 --out /tmp/1m.xlsx
  /usr/bin/time -v breachnotice import --customers /tmp/1m.xlsx --sample 0
`

// sampleWrite writes the sheet; tests replace it to simulate a failure.
var sampleWrite = sample.Write

func runSample(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sample", sampleHelp, stderr)
	rows := fs.Int("rows", 0, "write `N` data rows (required, > 0)")
	out := fs.String("out", "", "output `FILE`: .xlsx or .csv (required)")
	shared := fs.Bool("shared-strings", false, "xlsx: write a shared strings table instead of inline strings")
	seed := fs.Int64("seed", 1, "random seed `N`: the same seed gives the same file")
	bad := fs.Bool("bad-rows", false, "make one row in 1000 deliberately bad, to rehearse rejects")
	force := fs.Bool("force", false, "replace FILE if it exists")
	if done, st := parse(fs, args); done {
		return st
	}
	if fs.NArg() > 0 {
		return errorf(stderr, "sample: unexpected argument %q", fs.Arg(0))
	}
	if *rows <= 0 {
		return errorf(stderr, "sample: --rows is required and must be greater than 0 (see --help)")
	}
	if *out == "" {
		return errorf(stderr, "sample: --out is required (see --help)")
	}
	opts := sample.Options{Rows: *rows, Seed: *seed, SharedStrings: *shared, BadRows: *bad}
	kind := "inline strings"
	switch strings.ToLower(filepath.Ext(*out)) {
	case ".xlsx":
		opts.Format = "xlsx"
		if *shared {
			kind = "shared strings"
		}
		if *rows > sample.MaxXLSXRows {
			return errorf(stderr, "sample: an xlsx sheet holds at most %d data rows; use a .csv file for %d", sample.MaxXLSXRows, *rows)
		}
	case ".csv":
		opts.Format, kind = "csv", "CSV"
		if *shared {
			return errorf(stderr, "sample: --shared-strings applies to .xlsx files only")
		}
	default:
		return errorf(stderr, "sample: --out %q: the file name must end in .xlsx or .csv", *out)
	}
	if fi, err := os.Stat(*out); err == nil {
		if fi.IsDir() {
			return errorf(stderr, "sample: %s is a directory", *out)
		}
		if !*force {
			return errorf(stderr, "sample: refusing to overwrite %s (use --force to replace it)", *out)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return errorf(stderr, "sample: %v", err)
	}

	// Ctrl-C stops the writing and removes the temporary file.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := outbox.WriteAtomic(*out, outbox.WriterFunc(func(w io.Writer) error {
		bw := bufio.NewWriterSize(ctxWriter{ctx, w}, 1<<20)
		if err := sampleWrite(bw, opts); err != nil {
			return err
		}
		return bw.Flush()
	}))
	if err != nil {
		return errorf(stderr, "sample: %v", err)
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return errorf(stderr, "sample: %v", err)
	}
	size := fi.Size()
	if *bad {
		kind += fmt.Sprintf(", %d bad rows", sample.BadRowCount(*rows))
	}
	fmt.Fprintf(stdout, "wrote %s: %d rows (%s), %.1f MB\n", *out, *rows, kind, float64(size)/1e6)
	return exitOK
}

// ctxWriter fails once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, errors.New("interrupted")
	}
	return c.w.Write(p)
}
