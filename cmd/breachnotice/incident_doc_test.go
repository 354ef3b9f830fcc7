package main

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/rules"
)

// TestIncidentDoc checks that docs/incident.md names every key of the
// incident file and every data category, in backquotes (a table: in brackets), so the reference
// cannot fall behind the code.
func TestIncidentDoc(t *testing.T) {
	doc, err := os.ReadFile("../../docs/incident.md")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	tomlKeys(reflect.TypeFor[letters.Incident](), "", &keys)
	if len(keys) < 50 {
		t.Fatalf("found %d keys in letters.Incident; the walk is broken", len(keys))
	}
	for _, k := range keys {
		name := k[strings.LastIndex(k, ".")+1:]
		if !strings.Contains(string(doc), "`"+name+"`") && !strings.Contains(string(doc), "["+name+"]") {
			t.Errorf("docs/incident.md does not explain %s (`%s`)", k, name)
		}
	}
	for _, c := range rules.DataCategories {
		if !strings.Contains(string(doc), "| `"+c+"` |") {
			t.Errorf("docs/incident.md does not list the data category %q", c)
		}
	}
}

// tomlKeys appends to keys the TOML key of every field of t, and of the
// structs it holds (through pointers, slices and maps), prefixed.
func tomlKeys(t reflect.Type, prefix string, keys *[]string) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t.PkgPath() == "time" {
		return
	}
	for f := range t.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		*keys = append(*keys, prefix+tag)
		tomlKeys(f.Type, prefix+tag+".", keys)
	}
}
