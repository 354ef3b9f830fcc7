package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/breachnotice/breachnotice/letters/customers"
)

// customerFlags are the flags that say how to read the customer file; every
// command that reads one has them.
type customerFlags struct {
	path, sheet, mapping, encoding, password, passwordFile string
}

func addCustomerFlags(fs *flag.FlagSet) *customerFlags {
	c := &customerFlags{}
	fs.StringVar(&c.path, "customers", "", "customer `FILE`: .xlsx/.xlsm, or .csv/.tsv/.txt text")
	fs.StringVar(&c.sheet, "sheet", "", "xlsx sheet `NAME` (default: the first sheet)")
	fs.StringVar(&c.mapping, "mapping", "", "header mapping `FILE` (TOML [columns] canonical = \"header\"), overriding recognition")
	fs.StringVar(&c.encoding, "encoding", "", "text encoding of a CSV `NAME` (utf-8, utf-16le, windows-1252, windows-1251, koi8-r, gbk, gb18030, iso-8859-15...; default: detected)")
	fs.StringVar(&c.passwordFile, "password-file", "", "read the password of an encrypted xlsx from the first line of `FILE`")
	fs.StringVar(&c.password, "password", "", "`PASSWORD` of an encrypted xlsx (visible to other users in the process list: prefer --password-file or $BREACHNOTICE_PASSWORD)")
	return c
}

// options builds the import options: the mapping file is read and checked,
// the password taken from the flag, the file or the environment.
func (c *customerFlags) options() (customers.Options, error) {
	opts := customers.Options{Name: filepath.Base(c.path), Sheet: c.sheet, Encoding: c.encoding}
	switch {
	case c.password != "" && c.passwordFile != "":
		return opts, errors.New("--password and --password-file are mutually exclusive")
	case c.password != "":
		opts.Password = c.password
	case c.passwordFile != "":
		f, err := openInput("password file", c.passwordFile)
		if err != nil {
			return opts, err
		}
		line, err := bufio.NewReader(io.LimitReader(f, maxPasswordFile)).ReadString('\n')
		f.Close()
		if err != nil && err != io.EOF {
			return opts, fmt.Errorf("--password-file %s: %w", c.passwordFile, err)
		}
		if line = strings.TrimRight(line, "\r\n"); line == "" {
			return opts, fmt.Errorf("--password-file %s: the first line is empty", c.passwordFile)
		}
		opts.Password = line
	default:
		opts.Password = os.Getenv("BREACHNOTICE_PASSWORD")
	}
	if c.mapping != "" {
		mf, err := openInput("mapping file", c.mapping)
		if err != nil {
			return opts, err
		}
		defer mf.Close()
		if opts.Mapping, err = customers.LoadMapping(c.mapping, mf); err != nil {
			return opts, err
		}
	}
	return opts, nil
}

// maxPasswordFile is the most read of a password file: its first line is
// the password.
const maxPasswordFile = 64 << 10

// open opens the customer file. Only a regular file is read: a device or a
// pipe (/dev/zero, a FIFO) could be endless, and the file is read twice.
func (c *customerFlags) open() (*os.File, error) {
	return openInput("customer file", c.path)
}

// maxIgnoredShown is how many ignored column headers a summary names.
const maxIgnoredShown = 20

// ignoredColumns words the columns of the customer file that were not read
// (customers.Stats.IgnoredColumns) for a summary line: their headers
// quoted, the first maxIgnoredShown of them; "" if every column was read.
func ignoredColumns(headers []string) string {
	if len(headers) == 0 {
		return ""
	}
	shown := headers[:min(len(headers), maxIgnoredShown)]
	quoted := make([]string, len(shown))
	for i, h := range shown {
		quoted[i] = fmt.Sprintf("%q", h)
	}
	list := strings.Join(quoted, ", ")
	if more := len(headers) - len(shown); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	return fmt.Sprintf("%d %s ignored, no field read from %s: %s (a --mapping file can name the column of a field)",
		len(headers), plural(len(headers), "column", "columns"), plural(len(headers), "it", "them"), list)
}
