package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/outbox"
)

// The library packages say what is wrong and where, in typed or sentinel
// errors; only this command knows its flags. advise adds to an error's
// message the flag (or variable) that fixes it.
func advise(err error) string {
	msg := err.Error()
	var (
		enc      *customers.EncodingError
		columns  *customers.MissingColumnsError
		otherRun *outbox.OtherRunError
		finished *outbox.FinishedError
		foreign  *outbox.ForeignError
	)
	switch {
	case errors.As(err, &enc) && enc.Encoding == "":
		return msg + `; pass the encoding (--encoding) or save the file as "CSV UTF-8"`
	case errors.As(err, &enc):
		return msg + `; pass the file's encoding (--encoding) or save the file as "CSV UTF-8"`
	case errors.Is(err, customers.ErrNoPassword):
		return msg + "; pass it with --password-file or $BREACHNOTICE_PASSWORD (or save an unencrypted copy)"
	case errors.Is(err, customers.ErrNotWorksheet):
		return msg + "; choose another with --sheet"
	case errors.Is(err, customers.ErrUnknownSheet):
		return msg + "; choose one with --sheet"
	case errors.As(err, &columns):
		return msg + "; name the columns with --mapping"
	case errors.As(err, &otherRun):
		return msg + "; run again with the same incident, rules, customer file, --now, --as-of, --shard and --attach-pdf, or use an empty directory, or --replace to discard it"
	case errors.As(err, &finished):
		return msg + "; to replace it, run again with --replace (its letters, audit.json and audit.xlsx are deleted), or choose another --out"
	case errors.As(err, &foreign):
		return msg + "; choose a new or empty --out"
	case errors.Is(err, outbox.ErrLocked):
		return msg + "; wait for it to end, or use another directory"
	}
	return msg
}

// errorf prints "breachnotice: " and the message (without a repeated
// prefix: tidyPrefixes) to stderr and returns
// exitUsage. An error among args is printed with its advice (see advise).
func errorf(stderr io.Writer, format string, args ...any) int {
	for i, a := range args {
		if err, ok := a.(error); ok {
			args[i] = advise(err)
		}
	}
	msg := tidyPrefixes(fmt.Sprintf(format, args...))
	fmt.Fprintln(stderr, "breachnotice: "+strings.TrimRight(msg, "\n"))
	return exitUsage
}
