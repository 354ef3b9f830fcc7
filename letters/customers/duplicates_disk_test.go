package customers

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// duplicateHeavyCSV returns a CSV of n rows drawn from small pools of ids,
// names and emails, so that many rows repeat an id or an email and name,
// with rows rejected for other reasons (unknown country, bad email, no
// address) in between, and rows without an id.
func duplicateHeavyCSV(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	b.WriteString("Customer ID,Full Name,Email,Country,Street,City\n")
	names := []string{"Ann Lee", "ANN  LEE", "Bob Roy", "Carl Lee", "Dee", "Zoë Zhu", "王芳"}
	for range n {
		id := fmt.Sprint(rng.IntN(n))
		if rng.IntN(10) == 0 {
			id = ""
		}
		email := fmt.Sprintf("p%d@example.com", rng.IntN(n/10+1))
		switch rng.IntN(10) {
		case 0:
			email = ""
		case 1:
			email = "not-an-email"
		}
		country := []string{"US", "FR", "IT", "XX"}[rng.IntN(4)]
		street, city := "", ""
		if rng.IntN(2) == 0 {
			street, city = "1 Main St", "Springfield"
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s\n", id, names[rng.IntN(len(names))], email, country, street, city)
	}
	return []byte(b.String())
}

// TestDuplicatesSpilled: the duplicate rows found with runs and lists of
// a few records, so that every sort spills to temporary files and merges,
// give exactly the persons and rejects of a read whose keys are sorted in
// memory (which writes no file), and leave no temporary file behind.
func TestDuplicatesSpilled(t *testing.T) {
	for _, tc := range []struct {
		rows, run int
	}{{10, 3}, {3000, 7}, {3000, 1 << 20}} {
		t.Run(fmt.Sprint(tc.rows, "/", tc.run), func(t *testing.T) {
			data := duplicateHeavyCSV(tc.rows, uint64(tc.rows))
			memDir := t.TempDir()
			opts := Options{Name: "d.csv", TempDir: memDir}
			want := mustRead(t, data, opts)
			if left, _ := os.ReadDir(memDir); len(left) != 0 {
				t.Errorf("a small file's read left %d temporary files", len(left))
			}
			dir := t.TempDir()
			d, readErr, err := findDuplicates(bytes.NewReader(data), opts, dir, tc.run, tc.run)
			if err != nil || readErr != nil {
				t.Fatal(err, readErr)
			}
			if (d.path != "") != (tc.run < tc.rows) {
				t.Errorf("result in a file: %v, want %v", d.path != "", tc.run < tc.rows)
			}
			opts.Duplicates = d
			got := mustRead(t, data, opts)
			if !reflect.DeepEqual(got.persons, want.persons) {
				t.Errorf("persons differ: %d, sorted in memory %d", len(got.persons), len(want.persons))
			}
			if !reflect.DeepEqual(got.rejects, want.rejects) {
				t.Errorf("rejects differ: %d, sorted in memory %d", len(got.rejects), len(want.rejects))
				for i := range min(len(got.rejects), len(want.rejects)) {
					if got.rejects[i] != want.rejects[i] {
						t.Errorf("first difference: %+v, sorted in memory %+v", got.rejects[i], want.rejects[i])
						break
					}
				}
			}
			ids, persons := 0, 0
			for _, r := range want.rejects {
				switch {
				case strings.HasPrefix(r.Reason, "duplicate customer_id"):
					ids++
				case strings.HasPrefix(r.Reason, "same person as row"):
					persons++
				}
			}
			if d.IDs != ids || d.Persons != persons {
				t.Errorf("found %d repeated ids and %d repeated persons, Read rejects %d and %d", d.IDs, d.Persons, ids, persons)
			}
			if tc.rows >= 3000 && (ids < 50 || persons < 50) {
				t.Errorf("test premise: only %d repeated ids and %d repeated persons", ids, persons)
			}
			if err := d.Remove(); err != nil {
				t.Fatal(err)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("%d temporary files left", len(left))
			}
		})
	}
}

// TestReadNotSeekable: Read without Options.Duplicates reads its input
// once, so a reader that cannot seek gives the rows of one that can, and
// no temporary file is left in Options.TempDir.
func TestReadNotSeekable(t *testing.T) {
	data := duplicateHeavyCSV(300, 1)
	want := mustRead(t, data, Options{Name: "d.csv"})
	dir := t.TempDir()
	var got result
	st, err := Read(io.MultiReader(bytes.NewReader(data)), Options{Name: "d.csv", TempDir: dir}, func(p *Person, rej *Reject) error {
		if p != nil {
			got.persons = append(got.persons, *p)
		} else {
			got.rejects = append(got.rejects, *rej)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st, want.st) || !reflect.DeepEqual(got.persons, want.persons) || !reflect.DeepEqual(got.rejects, want.rejects) {
		t.Errorf("read from a stream: %d persons, %d rejects; from a seeker %d, %d", len(got.persons), len(got.rejects), len(want.persons), len(want.rejects))
	}
	if len(want.rejects) == 0 {
		t.Error("test premise: no rejects")
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("%d temporary files left", len(left))
	}
}

// TestRowSpool: every field of a person and a reject comes back from the
// spool as it went in (nil categories stay nil), in memory and from its
// temporary file, which is removed. The fields are set by reflection, so a
// field added to Person or Reject and not spooled fails here.
func TestRowSpool(t *testing.T) {
	fill := func(v reflect.Value, n int) {
		for i := range v.NumField() {
			f := v.Field(i)
			switch f.Kind() {
			case reflect.String:
				f.SetString(fmt.Sprintf("%s %d é\n", v.Type().Field(i).Name, n))
			case reflect.Int:
				f.SetInt(int64(n*100 + i))
			case reflect.Slice:
				f.Set(reflect.ValueOf([]string{"email", fmt.Sprint(n)}))
			case reflect.Struct:
				if f.Type() != reflect.TypeFor[time.Time]() {
					t.Fatalf("field %s of type %s is not spooled", v.Type().Field(i).Name, f.Type())
				}
				f.Set(reflect.ValueOf(time.Date(2026, 12, n%28+1, 0, 0, 0, 0, time.UTC)))
			default:
				t.Fatalf("field %s of kind %s is not spooled", v.Type().Field(i).Name, f.Kind())
			}
		}
	}
	var want []any
	for _, max := range []int{1 << 20, 100} {
		dir := t.TempDir()
		s := &rowSpool{dir: dir, max: max}
		want = want[:0]
		for n := range 50 {
			var q Person
			var rej Reject
			fill(reflect.ValueOf(&q).Elem(), n)
			fill(reflect.ValueOf(&rej).Elem(), n)
			switch n % 3 {
			case 0:
				q.DataCategories, q.EnrollBy = nil, time.Time{}
				fallthrough
			case 1:
				if err := s.add(&q, nil); err != nil {
					t.Fatal(err)
				}
				want = append(want, q)
			case 2:
				if err := s.add(nil, &rej); err != nil {
					t.Fatal(err)
				}
				want = append(want, rej)
			}
		}
		left, _ := os.ReadDir(dir)
		if (len(left) == 1) != (max == 100) {
			t.Errorf("max %d: %d files", max, len(left))
		}
		if len(left) == 1 {
			s.w.Flush()
			data, err := os.ReadFile(filepath.Join(dir, left[0].Name()))
			if err != nil || len(data) < 1000 || bytes.Contains(data, []byte("FullName")) {
				t.Errorf("the spool file (%d bytes, %v) is not encrypted", len(data), err)
			}
		}
		it, err := s.iter()
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range want {
			p, rej, err := it.next()
			if err != nil {
				t.Fatalf("row %d: %v", i, err)
			}
			var got any = p
			if p != nil {
				got = *p
			} else {
				got = *rej
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("row %d: %+v, want %+v", i, got, w)
			}
		}
		if _, _, err := it.next(); err != io.EOF {
			t.Errorf("after the rows: %v, want io.EOF", err)
		}
		s.remove()
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%d files left", len(left))
		}
	}
}
