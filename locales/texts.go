package locales

import (
	"fmt"
	"io/fs"

	"github.com/breachnotice/breachnotice/rules/tomllimit"
)

// Texts returns every string of every catalog file in fsys: message texts
// and plural forms, month names, date layouts, language names, and the
// keys. It reads the files themselves rather than the parsed catalogs, so
// that nothing a letter may print is missed (the font subsetter keeps the
// glyphs of these characters).
func Texts(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, fmt.Errorf("locales: catalogs: %w", err)
	}
	var out []string
	for _, name := range names {
		data, err := tomllimit.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("locales: catalogs: %w", err)
		}
		var v any
		if _, err := tomllimit.Decode(data, &v); err != nil {
			return nil, fmt.Errorf("locales: catalogs: %s: %w", name, err)
		}
		out = appendStrings(out, v)
	}
	return out, nil
}

// appendStrings appends every string of a decoded TOML value to out: the
// strings, and the keys and values of its tables and arrays.
func appendStrings(out []string, v any) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case map[string]any:
		for k, x := range v {
			out = appendStrings(append(out, k), x)
		}
	case []map[string]any:
		for _, x := range v {
			out = appendStrings(out, x)
		}
	case []any:
		for _, x := range v {
			out = appendStrings(out, x)
		}
	}
	return out
}
