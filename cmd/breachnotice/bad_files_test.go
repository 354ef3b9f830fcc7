package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The hostile customer files of testdata/bad (see its README.md, and
// make.go, which writes them), each run through "letters" and "import" in
// process: the exit status, one clear line on stderr naming the file and
// saying what is wrong, no panic, no customer data in the message, and
// nothing written to --out (a previous finished run there is left as it
// was). The few files that are read (a header without rows, a cell longer
// than a spreadsheet allows) must give a finished, balanced run instead.
var badFiles = []struct {
	file string // in testdata/bad, or made by the test (see badGenerated)
	exit int
	// phrase is what stderr must say when exit is 2 (both commands), else
	// what the stdout of letters must say.
	phrase string
	// importOut is what the stdout of import must say when exit is not 2
	// or importOK is set.
	importOut string
	// importOK: import reads the file cleanly (exit 0) although letters
	// refuses it (a header and no rows: nothing to write).
	importOK bool
	// maxStderr bounds the message (0: 1,000 bytes).
	maxStderr int
	// leaks names a known bug: the message quotes customer data. The test
	// logs it, and fails once the bug is fixed so that the note goes.
	leaks string
	// fresh also runs letters with an --out that does not exist (which it
	// must not leave with files). Every file is run with an --out holding
	// a previous finished run, which must stay as it was, file for file;
	// fresh is set on one file per stage at which a read fails (opening,
	// format, header, a row, the end of the sheet, past the first 1,024
	// rows), as each letters run costs about 0.25 s of CPU.
	fresh bool
}{
	// Not a workbook, or not the format the name says.
	{file: "empty.xlsx", exit: 2, phrase: "unsupported format: not an .xlsx workbook (not a zip archive); if it is CSV text, name it .csv"},
	{file: "empty.csv", exit: 2, phrase: "no header row: the sheet is empty: missing required columns"},
	{file: "garbage.xlsx", fresh: true, exit: 2, phrase: "unsupported format: not an .xlsx workbook (not a zip archive)"},
	{file: "garbage.csv", fresh: true, exit: 2, phrase: `line 1: malformed file: the text is not UTF-8 and its encoding could not be detected; the supported encodings are utf-8, utf-16, utf-16le, utf-16be, windows-1252, iso-8859-1, iso-8859-15, windows-1251, koi8-r, gbk, gb18030 (and aliases such as "cp1252", "latin1", "cp1251", "gb2312"); pass the encoding (--encoding) or save the file as "CSV UTF-8"`},
	{file: "csv-named.xlsx", exit: 2, phrase: "not an .xlsx workbook (not a zip archive); if it is CSV text, name it .csv"},
	{file: "xlsx-named.csv", exit: 2, phrase: "unsupported format: the file is a zip archive (probably an .xlsx workbook), not CSV text; name it .xlsx"},
	{file: "no-extension", exit: 2, phrase: "unsupported format: the file name has no extension, so its format is unknown"},
	{file: "legacy.xls", exit: 2, phrase: "unsupported format: Excel 97-2003 workbooks (.xls) are not supported; save the file as .xlsx or .csv (UTF-8)"},
	{file: "legacy-named.xlsx", exit: 2, phrase: "unsupported format: the file is an old Excel 97-2003 (.xls) workbook, not .xlsx"},
	{file: "legacy-named.csv", exit: 2, phrase: "unsupported format: the file is an old Excel (.xls) workbook, not CSV text"},
	{file: "opendocument-named.xlsx", exit: 2, phrase: "unsupported format: the file is an OpenDocument spreadsheet (.ods), not .xlsx"},
	{file: "encrypted.xlsx", fresh: true, exit: 2, phrase: "password-protected workbook: the workbook is encrypted with a password; pass it with --password-file"},
	{file: "directory.csv", exit: 2, phrase: "is not a regular file (a directory, device or pipe): save it to a file"},
	{file: "missing.csv", fresh: true, exit: 2, phrase: "no such file or directory"},

	// Damaged workbooks.
	{file: "truncated.xlsx", exit: 2, phrase: "malformed file: not a valid .xlsx workbook (corrupt zip archive)"},
	{file: "truncated-sheet.xlsx", fresh: true, exit: 2, phrase: `sheet "Customers" row 3: malformed file: the sheet ends inside a cell`},
	{file: "bad-crc.xlsx", fresh: true, exit: 2, phrase: `malformed file: the sheet is damaged: zip: checksum error`},
	{file: "sheet-not-well-formed.xlsx", exit: 2, phrase: `sheet "Customers" row 2: malformed file: invalid XML: missing tag name`},
	{file: "billion-laughs.xlsx", exit: 2, phrase: `malformed file: invalid XML: document type declarations are not allowed`},
	{file: "no-sheets.xlsx", exit: 2, phrase: "malformed file: the workbook has no sheets"},
	{file: "bad-shared-string.xlsx", exit: 2, phrase: `sheet "Customers" row 2: malformed file: a cell refers to a shared string that does not exist`},
	{file: "rows-out-of-order.xlsx", exit: 2, phrase: `sheet "Customers" row 3: malformed file: row 3 comes after row 5`},

	// Bombs.
	{file: "zip-bomb.xlsx", fresh: true, exit: 2, phrase: `malformed file: sheet "Customers" is larger than 4 GiB uncompressed (a zip bomb?)`},
	{file: "zip-bomb-strings.xlsx", exit: 2, phrase: "malformed file: the shared string table: part xl/sharedStrings.xml is larger than 1 GiB uncompressed (a zip bomb?)"},
	{file: "zip-bomb-lying.xlsx", exit: 2, phrase: "malformed file: the sheet holds more data than its zip entry declares (a zip bomb?)"},

	// Sizes no spreadsheet has.
	{file: "columns-16384.xlsx", exit: 2, phrase: "no recognized column header in the first non-empty row (16384 cells); is the header row missing?"},
	{file: "columns-16384-one-known.xlsx", exit: 2, phrase: `missing required columns: customer_id, full_name (or first_name and last_name), country (recognized: "Email" as email; 16383 other cells not recognized and not quoted, since they may be customer data); name the columns with --mapping`},
	{file: "columns-16385.xlsx", exit: 2, phrase: `sheet "Customers" row 2: malformed file: more than 16384 columns`},
	{file: "cell-1mb.xlsx", exit: 2, phrase: `sheet "Customers" row 2: malformed file: a cell is longer than 256 KiB, far more than a spreadsheet cell holds`},
	{file: "cell-1mb-shared.xlsx", exit: 2, phrase: "malformed file: the shared string table is corrupt: string 1 is longer than 256 KiB"},
	{file: "cell-1mb.csv", exit: 1, phrase: "1 rows = 0 letters + 1 rejects + 0 not required",
		importOut: "cell is longer than 32,767 characters, the most a spreadsheet cell holds"},
	{file: "record-2mib.csv", fresh: true, exit: 2, phrase: "record 2: malformed file: the record is longer than 1 MiB, the limit for one CSV record"},
	{file: "header-cell-40k.csv", exit: 2, phrase: `missing required columns: full_name (or first_name and last_name), country (recognized: "Customer ID" as customer_id, "Email" as email) (no row among the first 2 non-blank rows has the required columns); name the columns with --mapping`},
	{file: "cell-40k.csv", exit: 1, phrase: "1 rows = 0 letters + 1 rejects + 0 not required",
		importOut: "cell is longer than 32,767 characters, the most a spreadsheet cell holds"},

	// Text that is not what it seems.
	{file: "header-only.csv", exit: 2, phrase: "no customer rows below the header: nothing to write", importOK: true, importOut: "0 rows = 0 persons + 0 rejects"},
	{file: "header-only.xlsx", exit: 2, phrase: "no customer rows below the header: nothing to write", importOK: true, importOut: "0 rows = 0 persons + 0 rejects"},
	{file: "blank-lines.csv", exit: 2, phrase: "no header row: the sheet is empty"},
	{file: "bom-only.csv", exit: 2, phrase: "no header row: the sheet is empty"},
	{file: "no-header.csv", fresh: true, exit: 2, phrase: "row 1: no recognized column header in the first non-empty row (7 cells); is the header row missing?"},
	{file: "no-header-leak.csv", exit: 2, phrase: `row 1: missing required columns: customer_id, full_name (or first_name and last_name), country (recognized: "email" as email; 7 other cells not recognized and not quoted, since they may be customer data) (no row among the first 2 non-blank rows has the required columns); name the columns with --mapping`},
	{file: "duplicate-columns.csv", exit: 2, phrase: `columns "Email" and "E-mail" are both recognized as email; remove one or map the field explicitly: duplicate column`},
	{file: "nul-bytes.csv", exit: 0, phrase: "1 rows = 1 letters + 0 rejects + 0 not required", importOut: "name M•••• R•••• |"},
	{file: "unbalanced-quote.csv", exit: 2, phrase: `line 3, column 49: malformed file: extraneous or missing " in quoted-field`},
	{file: "bare-quote.csv", exit: 2, phrase: `line 2, column 11: malformed file: bare " in non-quoted-field`},
	{file: "late-error.csv", fresh: true, exit: 2, phrase: `line 1502, column 15: malformed file: bare " in non-quoted-field`},
	{file: "invalid-utf8.csv", exit: 2, phrase: "line 901: malformed file: the text is not valid UTF-8 (encoding detected)"},
	{file: "utf16le-no-bom.csv", exit: 0, phrase: "2 rows = 2 letters + 0 rejects + 0 not required", importOut: "encoding utf-16le (detected)"},
	{file: "utf16le-no-bom-odd.csv", exit: 2, phrase: "line 4: malformed file: the text is not valid utf-16le (encoding detected)"},
	{file: "binary-in-text.csv", exit: 2, phrase: "line 2: malformed file: the text is not UTF-8 and its encoding could not be detected"},
}

// badPersonal is customer data in the corpus (and in the fixtures copied
// into it), which no message may quote.
var badPersonal = []string{"Mario", "Rossi", "Giulia", "Giulio", "Bianchi", "mario.rossi", "example.it", "Via Roma", "Via Po", "Torino",
	"Niccol", "Grace", "Hopper", "Turing", "Lovelace", "example.com", "example.org", "C-1,", "lol"}

const badNow = "2026-11-22T10:00:00+01:00"

// badPath returns the path of a corpus file; the files too big to keep
// in the repository, or not files, are made in dir.
func badPath(t *testing.T, name, dir string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	switch name {
	case "cell-1mb.csv", "record-2mib.csv":
		// A name of 1,000,000 bytes: longer than a spreadsheet cell, the
		// row is rejected. A name of 2 MiB: over the limit for one CSV
		// record (1 MiB), the file is refused.
		n := 1_000_000
		if name == "record-2mib.csv" {
			n = 2 << 20
		}
		data := "Customer ID,Full Name,Email,Country\r\nC-1," + strings.Repeat("Rossi ", n/6) + strings.Repeat("R", n%6) + ",mario.rossi@example.it,IT\r\n"
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	case "no-header-leak.csv":
		data := "C-1,Mario Rossi,mario.rossi@example.it,Via Roma 1,Roma,IT,it,email\r\nC-2,Giulia Bianchi,giulia.bianchi@example.it,Via Po 2,Torino,IT,it,phone\r\n"
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	case "directory.csv":
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
	case "missing.csv":
	default:
		return filepath.Join("..", "..", "testdata", "bad", name)
	}
	return p
}

func TestBadFiles(t *testing.T) {
	incident := filepath.Join("..", "..", "testdata", "incident.toml")
	gen := t.TempDir()

	// A previous finished run, copied into --out before each bad run.
	previous := filepath.Join(t.TempDir(), "previous")
	good := filepath.Join(gen, "good.csv")
	if err := os.WriteFile(good, []byte("Customer ID,Full Name,Email,Country\r\nP-1,Anna Verdi,anna.verdi@example.net,IT\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if st := badRun(t, []string{"letters", "--incident", incident, "--customers", good, "--out", previous, "--now", badNow, "--quiet"}, &stdout, &stderr); st != 0 {
		t.Fatalf("previous run: exit %d\n%s", st, stderr.String())
	}

	seen := map[string]bool{}
	for _, tt := range badFiles {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel() // each run loads the fonts, rules and catalogs anew: about 0.2 s
			if os.Getenv("BREACHNOTICE_PASSWORD") != "" {
				t.Skip("$BREACHNOTICE_PASSWORD is set: the workbooks are opened with it")
			}
			var stdout, stderr bytes.Buffer
			path := badPath(t, tt.file, gen)
			work := t.TempDir()
			fresh := filepath.Join(work, "fresh")
			again := filepath.Join(work, "again")
			badCopyDir(t, previous, again)
			before := badSnapshot(t, again)

			outs := []string{again}
			if tt.fresh {
				outs = append(outs, fresh)
			}
			for _, out := range outs {
				stdout.Reset()
				stderr.Reset()
				args := []string{"letters", "--incident", incident, "--customers", path, "--out", out, "--now", badNow}
				if out == again {
					// The previous run is replaced only once the file is read.
					args = append(args, "--replace")
				}
				st := badRun(t, args, &stdout, &stderr)
				if st != tt.exit {
					t.Fatalf("letters --out %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", filepath.Base(out), st, tt.exit, stdout.String(), stderr.String())
				}
				if tt.exit == 2 {
					badCheckMessage(t, "letters", tt.file, tt.phrase, tt.maxStderr, tt.leaks, stdout.String(), stderr.String())
					if out == fresh {
						badCheckNothingWritten(t, fresh)
					} else if after := badSnapshot(t, again); !badSameSnapshot(before, after) {
						t.Errorf("the previous run in --out was changed:\nbefore %v\nafter  %v", before, after)
					}
					continue
				}
				if !strings.Contains(stdout.String(), tt.phrase) || stderr.Len() > 0 {
					t.Errorf("letters: stdout does not say %q (or stderr is not empty)\nstdout:\n%s\nstderr:\n%s", tt.phrase, stdout.String(), stderr.String())
				}
				badCheckFinished(t, out)
			}

			stdout.Reset()
			stderr.Reset()
			st := badRun(t, []string{"import", "--customers", path, "--dry-run"}, &stdout, &stderr)
			wantImport := tt.exit
			if tt.importOK {
				wantImport = 0
			}
			if st != wantImport {
				t.Fatalf("import: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", st, wantImport, stdout.String(), stderr.String())
			}
			if wantImport == 2 {
				badCheckMessage(t, "import", tt.file, tt.phrase, tt.maxStderr, tt.leaks, stdout.String(), stderr.String())
			} else if !strings.Contains(stdout.String(), tt.importOut) || stderr.Len() > 0 {
				t.Errorf("import: stdout does not say %q (or stderr is not empty)\nstdout:\n%s\nstderr:\n%s", tt.importOut, stdout.String(), stderr.String())
			}
		})
	}

	// Every file of the corpus is in the table.
	entries, err := os.ReadDir(filepath.Join("..", "..", "testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); n != "make.go" && n != "README.md" && !seen[n] {
			t.Errorf("testdata/bad/%s is not in the badFiles table", n)
		}
	}
}

// badRun runs the CLI in process; a panic fails the test with the
// arguments that caused it.
func badRun(t *testing.T, args []string, stdout, stderr *bytes.Buffer) (status int) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			buf := make([]byte, 64<<10)
			t.Fatalf("panic: %v\nargs: %q\n%s", r, args, buf[:runtime.Stack(buf, false)])
		}
	}()
	return cli(args, strings.NewReader(""), stdout, stderr)
}

// badCheckMessage checks the error of a run that read nothing: one line,
// printable, "breachnotice: CMD: ", naming the file, saying phrase,
// quoting no customer data, and nothing on stdout.
func badCheckMessage(t *testing.T, cmd, file, phrase string, maxLen int, leaks, stdout, stderr string) {
	t.Helper()
	if maxLen == 0 {
		maxLen = 1000
	}
	if stdout != "" {
		t.Errorf("%s: stdout is not empty:\n%s", cmd, stdout)
	}
	if !strings.HasPrefix(stderr, "breachnotice: "+cmd+": ") || !strings.HasSuffix(stderr, "\n") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("%s: stderr is not one line starting %q:\n%s", cmd, "breachnotice: "+cmd+": ", stderr)
	}
	if !strings.Contains(stderr, file) {
		t.Errorf("%s: stderr does not name the file %s:\n%s", cmd, file, stderr)
	}
	if !strings.Contains(stderr, phrase) {
		t.Errorf("%s: stderr does not say %q:\n%s", cmd, phrase, stderr)
	}
	if len(stderr) > maxLen {
		t.Errorf("%s: stderr is %d bytes, more than %d:\n%.2000s", cmd, len(stderr), maxLen, stderr)
	}
	if !utf8.ValidString(stderr) || strings.IndexFunc(strings.TrimSuffix(stderr, "\n"), func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) >= 0 {
		t.Errorf("%s: stderr has unprintable characters: %q", cmd, stderr)
	}
	for _, bad := range []string{"panic", "goroutine", "runtime error"} {
		if strings.Contains(stderr, bad) {
			t.Errorf("%s: stderr says %q:\n%s", cmd, bad, stderr)
		}
	}
	var leaked []string
	for _, p := range badPersonal {
		if strings.Contains(stderr, p) {
			leaked = append(leaked, p)
		}
	}
	switch {
	case leaks != "" && len(leaked) > 0:
		t.Logf("%s: known bug, the message quotes customer data (%s): %s", cmd, leaks, stderr)
	case leaks != "":
		t.Errorf("%s: the message no longer quotes customer data: remove the known-bug note (%s)", cmd, leaks)
	case len(leaked) > 0:
		t.Errorf("%s: stderr quotes customer data %q:\n%s", cmd, leaked, stderr)
	}
}

// badCheckNothingWritten checks that a failed run left no output: the
// directory does not exist, or is empty.
func badCheckNothingWritten(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("a failed run left %s with %q", filepath.Base(dir), names)
	}
}

// badCheckFinished checks that dir holds a finished run: summary.json
// (written last) with rows = letters + rejects + not required, and no
// temporary file.
func badCheckFinished(t *testing.T, dir string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatalf("no finished run in %s: %v", filepath.Base(dir), err)
	}
	var sum struct {
		Rows        int `json:"rows"`
		Letters     int `json:"letters"`
		Rejects     int `json:"rejects"`
		NotRequired int `json:"not_required"`
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Rows != sum.Letters+sum.Rejects+sum.NotRequired {
		t.Errorf("summary: rows %d != letters %d + rejects %d + not required %d", sum.Rows, sum.Letters, sum.Rejects, sum.NotRequired)
	}
	for name := range badSnapshot(t, dir) {
		if strings.HasPrefix(filepath.Base(name), ".tmp") {
			t.Errorf("temporary file %s left in a finished run", name)
		}
	}
}

// badSnapshot maps every file and directory under dir to its mode and,
// for files, the time it was last written and the sha256 of its content.
func badSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := info.Mode().String()
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			v += " " + info.ModTime().Format(time.RFC3339Nano) + " " + hex.EncodeToString(sum[:])
		}
		snap[filepath.ToSlash(rel)] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func badSameSnapshot(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// badCopyDir copies the tree src to dst with its modes.
func badCopyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(target, info.Mode().Perm())
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}
