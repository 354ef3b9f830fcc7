package main

import (
	"flag"
	"fmt"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

// csvHelp is the paragraph of --help of the commands that write CSV files.
const csvHelp = `CSV files start with a UTF-8 byte order mark, so that Excel on Windows
reads them as UTF-8 ("Роскомнадзор", not mojibake). Cells are separated by
commas, or by --csv-delimiter ";" where Excel expects semicolons (where the
decimal separator is a comma: most of Europe, Russia, Brazil) or "tab". A
cell a spreadsheet would run as a formula (beginning with = + - @, a tab or
a carriage return; not a plain number such as -5) is written with a leading
apostrophe: the id -2+3 is written '-2+3, and Excel shows the apostrophe.
The audit reads such cells back without it. The xlsx files need no
apostrophe: they keep every value as written, in text cells that never run.
`

// addCSVDelimiterFlag adds --csv-delimiter to a command that writes CSV.
func addCSVDelimiterFlag(fs *flag.FlagSet) *string {
	return fs.String("csv-delimiter", ",", "cell `DELIMITER` of the CSV files written: \",\", \";\" (Excel where the decimal separator is a comma) or \"tab\"")
}

// csvDelimiter is the delimiter --csv-delimiter names.
func csvDelimiter(name string) (rune, error) {
	comma, err := outbox.ParseDelimiter(name)
	if err != nil {
		return 0, fmt.Errorf("--csv-delimiter %q: want \",\" (the default), \";\" or \"tab\"", name)
	}
	return comma, nil
}
