package customers

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/breachnotice/breachnotice/rules/tomllimit"
)

// LoadMapping decodes a column mapping file: a TOML document with a single
// [columns] table of canonical field = "header as written in the file":
//
//	[columns]
//	customer_id = "Codice"
//	full_name   = "Intestatario"
//	email       = ""   # do not read the email column at all
//
// Decoding is strict: an unknown top-level key or table, or a key of
// [columns] that is not a canonical field, is an error of the form
// `name:LINE: customers: unknown key "x"` (without ":LINE" if the line
// cannot be found); all unknown keys are reported, joined. Two fields
// mapped to the same header are an error too. Errors wrap ErrBadMapping.
func LoadMapping(name string, r io.Reader) (map[string]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<20+1))
	if err != nil {
		return nil, fmt.Errorf("customers: %s: %w", name, err)
	}
	if len(data) > 1<<20 {
		return nil, fmt.Errorf("customers: %s: %w: mapping file larger than 1 MiB", name, ErrBadMapping)
	}
	var doc struct {
		Columns map[string]string `toml:"columns"`
	}
	md, err := tomllimit.Decode(data, &doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: customers: %w: %s", name, pe.Position.Line, ErrBadMapping, pe.Message)
		}
		return nil, fmt.Errorf("%s: customers: %w: %w", name, ErrBadMapping, err)
	}
	var errs []error
	locate := keyLocator(string(data))
	undecoded := md.Undecoded()
	for _, k := range undecoded {
		if slices.ContainsFunc(undecoded, func(p toml.Key) bool { return len(p) < len(k) && slices.Equal(p, k[:len(p)]) }) {
			continue // reported with its table
		}
		errs = append(errs, keyError(name, locate(k), fmt.Sprintf("unknown key %q (the file may only contain a [columns] table)", k.String())))
	}
	fields := make([]string, 0, len(doc.Columns))
	for f := range doc.Columns {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	byHeader := map[string]string{}
	for _, f := range fields {
		if !isField(f) {
			errs = append(errs, keyError(name, locate(toml.Key{"columns", f}),
				fmt.Sprintf("unknown key %q: not a canonical field (fields are %s)", "columns."+f, strings.Join(fieldNames, ", "))))
			continue
		}
		h := cleanCell(doc.Columns[f])
		if h == "" {
			continue
		}
		if other, ok := byHeader[h]; ok {
			errs = append(errs, keyError(name, locate(toml.Key{"columns", f}),
				fmt.Sprintf("fields %s and %s are both mapped to column %q", other, f, h)))
			continue
		}
		byHeader[h] = f
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b error) int {
			return a.(*mappingKeyError).line - b.(*mappingKeyError).line
		})
		return nil, errors.Join(errs...)
	}
	if doc.Columns == nil {
		doc.Columns = map[string]string{}
	}
	return doc.Columns, nil
}

// mappingKeyError is one problem of a mapping file at a line (0 = unknown).
type mappingKeyError struct {
	name string
	line int
	msg  string
}

func (e *mappingKeyError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d: customers: %s", e.name, e.line, e.msg)
	}
	return fmt.Sprintf("%s: customers: %s", e.name, e.msg)
}

func (e *mappingKeyError) Unwrap() error { return ErrBadMapping }

func keyError(name string, line int, msg string) error {
	return &mappingKeyError{name: name, line: line, msg: msg}
}

// keyLocator returns a function finding the line (1-based, 0 if not found)
// where a key is defined in a TOML document: as "key = ..." inside its
// table, as a dotted key, or as a [table] header. It understands the
// subset of TOML used by mapping files; it only serves error messages.
func keyLocator(doc string) func(toml.Key) int {
	type def struct {
		key  string // full dotted key, quotes and spaces removed
		line int
	}
	var defs []def
	table := ""
	sc := bufio.NewScanner(strings.NewReader(doc))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "["):
			h := strings.Trim(l, "[]")
			if i := strings.Index(h, "]"); i >= 0 {
				h = h[:i]
			}
			table = cleanKey(h)
			defs = append(defs, def{table, n})
		default:
			if i := strings.Index(l, "="); i > 0 {
				k := cleanKey(l[:i])
				if table != "" {
					k = table + "." + k
				}
				defs = append(defs, def{k, n})
			}
		}
	}
	return func(k toml.Key) int {
		want := cleanKey(strings.Join(k, "."))
		for _, d := range defs {
			if d.key == want {
				return d.line
			}
		}
		// A key inside an unknown table: point at the first definition
		// below it.
		for _, d := range defs {
			if strings.HasPrefix(want, d.key+".") {
				return d.line
			}
		}
		return 0
	}
}

// cleanKey removes quotes and spaces around the parts of a dotted key.
func cleanKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}
