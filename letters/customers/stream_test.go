package customers

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Past syncRows rows, a reader goroutine feeds the converter: rows must
// still arrive exactly once and in order, an early stop must stop it, and
// a read error must come after every row before it.
func TestStreamedRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,country,email\n")
	const n = 3000
	for i := 1; i <= n; i++ {
		if i == 2500 {
			b.WriteString("x,\"broken,IT,a@example.com\n") // unterminated quote: a CSV syntax error
			continue
		}
		fmt.Fprintf(&b, "%d,Person %d,IT,p%d@example.com\n", i, i, i)
		if i%700 == 0 {
			b.WriteString(",,,\n") // blank rows are skipped
		}
	}
	data := []byte(b.String())

	for _, stopAt := range []int{1, syncRows, syncRows + 1, 2000} {
		t.Run(fmt.Sprint("stop at ", stopAt), func(t *testing.T) {
			stop := errors.New("stop")
			seen := 0
			_, err := Read(bytes.NewReader(data), Options{Name: "s.csv"}, func(p *Person, rej *Reject) error {
				seen++
				if p == nil || p.CustomerID != fmt.Sprint(seen) {
					t.Fatalf("call %d: %+v %+v", seen, p, rej)
				}
				if seen == stopAt {
					return stop
				}
				return nil
			})
			if err != stop || seen != stopAt {
				t.Errorf("err = %v after %d rows, want stop after %d", err, seen, stopAt)
			}
		})
	}

	res, err := read(t, data, Options{Name: "s.csv"})
	if !errors.Is(err, ErrMalformed) {
		t.Fatalf("err = %v, want the syntax error", err)
	}
	if len(res.persons) != 2499 || res.persons[2498].CustomerID != "2499" {
		t.Errorf("%d persons before the error, want 2499 in order", len(res.persons))
	}
	for i, p := range res.persons {
		if p.CustomerID != fmt.Sprint(i+1) {
			t.Fatalf("person %d is %s", i+1, p.CustomerID)
		}
	}
}
