package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/xuri/excelize/v2"
)

const importHelp = `Usage: breachnotice import --customers FILE [--dry-run] [flags]

Reads the customer file exactly as "letters" would and shows what it found,
without writing any letter, so you can check it before generating 100,000
of them:

  - the format, the sheet, and for CSV the text encoding and delimiter
    (detected, or as given with --encoding);
  - the header row, and the rows above it that were skipped (titles);
  - every column and the field it was mapped to, or "ignored";
  - the first persons as they will be used (--sample N, default 5), with
    personal values masked: Mario Rossi -> M•••• R••••,
    mario.rossi@example.it -> m•••••••••@example.it;
  - the count of rows, persons and rejects, and the reject reasons counted.

Nothing is written unless --rejects FILE is given: a CSV of the rejected
rows (row, customer_id, column, reason; no other personal data), created
0600. --dry-run is accepted and changes nothing: import never writes
letters.

` + csvHelp + `
Headers are recognised in English, Italian, French, Chinese and Russian and
in the names common CRM exports use; --mapping overrides them.

Examples:

  breachnotice import --customers testdata/customers.xlsx --dry-run
  breachnotice import --customers export.csv --encoding windows-1251
  breachnotice import --customers locked.xlsx --password-file pw.txt
`

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", importHelp, stderr)
	cf := addCustomerFlags(fs)
	_ = fs.Bool("dry-run", false, "only read and report (what import always does)")
	sample := fs.Int("sample", 5, "show the first `N` persons, masked")
	rejectsOut := fs.String("rejects", "", "also write the rejected rows to `FILE` (CSV, 0600)")
	delimiter := addCSVDelimiterFlag(fs)
	if done, st := parse(fs, args); done {
		return st
	}
	if fs.NArg() > 0 {
		return errorf(stderr, "import: unexpected argument %q", fs.Arg(0))
	}
	if cf.path == "" {
		return errorf(stderr, "import: --customers is required (see --help)")
	}
	if *sample < 0 {
		return errorf(stderr, "import: --sample must be 0 or more")
	}
	comma, err := csvDelimiter(*delimiter)
	if err != nil {
		return errorf(stderr, "import: %v", err)
	}
	opts, err := cf.options()
	if err != nil {
		return errorf(stderr, "import: %v", err)
	}
	f, err := cf.open()
	if err != nil {
		return errorf(stderr, "import: %v", err)
	}
	defer f.Close()
	// The keys of the duplicate checks are sorted here, on disk past a
	// bound, so that memory does not grow with the file.
	tmp, err := os.MkdirTemp("", "breachnotice-import-*")
	if err != nil {
		return errorf(stderr, "import: %v", err)
	}
	defer os.RemoveAll(tmp)
	opts.TempDir = tmp
	var (
		persons []customers.Person
		rejects []customers.Reject
		reasons = map[string]int{}
	)
	st, err := customers.Read(f, opts, func(p *customers.Person, r *customers.Reject) error {
		if p != nil {
			if len(persons) < *sample {
				persons = append(persons, *p)
			}
			return nil
		}
		reasons[r.Reason]++
		if *rejectsOut != "" {
			rejects = append(rejects, *r)
		}
		return nil
	})
	if err != nil {
		return errorf(stderr, "import: %v", err)
	}
	printPreview(stdout, cf.path, opts, st, persons, reasons)
	if *rejectsOut != "" {
		rows := make([][]string, len(rejects))
		for i, r := range rejects {
			rows[i] = []string{strconv.Itoa(r.Row), r.CustomerID, r.Column, r.Reason}
		}
		if err := outbox.WriteCSVFile(*rejectsOut, comma, []string{"row", "customer_id", "column", "reason"}, rows); err != nil {
			return errorf(stderr, "import: %v", err)
		}
		fmt.Fprintf(stdout, "wrote %s (%d rejected %s)\n", *rejectsOut, len(rejects), plural(len(rejects), "row", "rows"))
	}
	if st.Rejects > 0 {
		return exitFindings
	}
	return exitOK
}

func printPreview(w io.Writer, path string, opts customers.Options, st customers.Stats, persons []customers.Person, reasons map[string]int) {
	switch st.Format {
	case "xlsx":
		fmt.Fprintf(w, "%s: Excel workbook, sheet %q\n", path, st.Sheet)
	default:
		how := "detected"
		if opts.Encoding != "" {
			how = "as given"
		}
		fmt.Fprintf(w, "%s: delimited text, encoding %s (%s), delimiter %s\n", path, st.Encoding, how, delimiterName(st.Delimiter))
	}
	fmt.Fprintf(w, "header row %d", st.HeaderRow)
	if len(st.SkippedAbove) > 0 {
		fmt.Fprintf(w, "; rows above it skipped (title or notes, not customers): %s", joinInts(st.SkippedAbove))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "\ncolumns:")
	width := 0
	for _, c := range st.Columns {
		width = max(width, utf8.RuneCountInString(c.Header))
	}
	for i, c := range st.Columns {
		field := c.Field
		if field == "" {
			field = "(ignored)"
		}
		if c.Header == "" {
			continue
		}
		pad := strings.Repeat(" ", width-utf8.RuneCountInString(c.Header))
		col, _ := excelize.ColumnNumberToName(i + 1)
		fmt.Fprintf(w, "  %-3s %s%s  -> %s\n", col, c.Header, pad, field)
	}

	if len(persons) > 0 {
		fmt.Fprintf(w, "\nfirst %d persons, as they will be used (personal values masked):\n", len(persons))
		for _, p := range persons {
			fmt.Fprintf(w, "  row %d  %s\n", p.Row, maskedPerson(p))
		}
	}

	fmt.Fprintf(w, "\n%d rows = %d persons + %d rejects\n", st.Rows, st.Persons, st.Rejects)
	if s := ignoredColumns(st.IgnoredColumns()); s != "" {
		fmt.Fprintln(w, s)
	}
	if len(reasons) > 0 {
		fmt.Fprintln(w, "reject reasons:")
		type kv struct {
			reason string
			n      int
		}
		var list []kv
		for r, n := range reasons {
			list = append(list, kv{r, n})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].n != list[j].n {
				return list[i].n > list[j].n
			}
			return list[i].reason < list[j].reason
		})
		const shown = 20
		for i, x := range list {
			if i == shown {
				fmt.Fprintf(w, "  ... and %d other reasons\n", len(list)-shown)
				break
			}
			fmt.Fprintf(w, "  %6d  %s\n", x.n, x.reason)
		}
	}
}

// maskedPerson renders a person with personal values masked: what is not
// personal (customer_id, country, region, language, data categories,
// enroll-by date) is shown as is.
func maskedPerson(p customers.Person) string {
	parts := []string{"customer_id " + p.CustomerID, "name " + maskWords(p.FullName)}
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+" "+v)
		}
	}
	add("email", maskEmail(p.Email))
	add("phone", maskTail(p.Phone, 2))
	add("street", maskWords(strings.ReplaceAll(p.Street, "\n", " / ")))
	add("postal_code", maskTail(p.PostalCode, 0))
	add("city", maskWords(p.City))
	add("region", p.Region)
	parts = append(parts, "country "+p.Country)
	add("language", p.Language)
	if p.DataCategories != nil {
		parts = append(parts, "data "+strings.Join(p.DataCategories, ","))
	}
	add("activation_code", maskTail(p.ActivationCode, 2))
	if !p.EnrollBy.IsZero() {
		add("enroll_by", p.EnrollBy.Format(time.DateOnly))
	}
	return strings.Join(parts, " | ")
}

const maskRune = '•'

// maskWords keeps the first letter of each word and masks the others;
// digits are kept (a house number is not personal on its own).
func maskWords(s string) string {
	var b strings.Builder
	first := true
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			first = true
		case first:
			b.WriteRune(r)
			first = false
		default:
			b.WriteRune(maskRune)
		}
	}
	return b.String()
}

// maskEmail keeps the first character of the local part and the domain.
func maskEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at < 1 {
		return maskTail(s, 0)
	}
	local := []rune(s[:at])
	return string(local[0]) + strings.Repeat(string(maskRune), len(local)-1) + s[at:]
}

// maskTail masks every letter and digit but the last keep.
func maskTail(s string, keep int) string {
	rs := []rune(s)
	n := 0
	for i := len(rs) - 1; i >= 0; i-- {
		if unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]) {
			if n >= keep {
				rs[i] = maskRune
			}
			n++
		}
	}
	return string(rs)
}

func delimiterName(d string) string {
	switch d {
	case "\t":
		return "tab"
	case "":
		return "(none)"
	}
	return strconv.Quote(d)
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
