package pdf

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/pdffile"
	"github.com/breachnotice/breachnotice/letters/typeset"
)

// cacheTestLetters composes letters to testPeople in every language and
// to others like them (other names, streets, ids, data), so that letters
// share most of their text and differ in the recipient's.
func cacheTestLetters(t *testing.T) []*letters.Letter {
	e := loadEnv(t)
	var out []*letters.Letter
	for _, lang := range testLangs {
		for i := range 4 {
			p := testPeople[lang]
			if i > 0 {
				p.FullName = fmt.Sprintf("%s %c.", p.FullName, 'A'+i)
				p.Street = fmt.Sprintf("%s %d", p.Street, i*17)
				p.CustomerID = fmt.Sprintf("%s-%d", p.CustomerID, i)
				p.DataCategories = p.DataCategories[:max(0, len(p.DataCategories)-i%2)]
			}
			out = append(out, e.compose(t, p))
		}
	}
	return out
}

// renderWith renders l with r; it fails the test on an error.
func renderWith(t *testing.T, r *Renderer, l *letters.Letter) []byte {
	var buf bytes.Buffer
	lc := *l // Render adds to Replaced
	if _, err := r.Render(&buf, &lc, Options{Created: testNow}); err != nil {
		t.Error(err)
	}
	return buf.Bytes()
}

// TestLayoutCacheSameBytes renders letters with a renderer that sets no
// text from a cache, then with renderers whose cache (large, and so small
// it forgets) letters fill in different orders and from several
// goroutines at once: every letter must be the same bytes every time.
func TestLayoutCacheSameBytes(t *testing.T) {
	ls := cacheTestLetters(t)
	for _, kind := range []string{"subset", "full"} {
		fs := fontsFor(t, kind)
		uncached := &Renderer{fonts: fs, pools: map[*fonts.Fonts]pdffile.CanvasPool{}}
		want := make([][]byte, len(ls))
		for i, l := range ls {
			want[i] = renderWith(t, uncached, l)
		}
		for _, budget := range []int{layoutBytes, 16 << 10} {
			r := &Renderer{fonts: fs, layout: typeset.NewCache(budget), pools: map[*fonts.Fonts]pdffile.CanvasPool{}}
			order := make([]int, len(ls))
			for i := range order {
				order[i] = (i * 7) % len(ls) // every language in turn
			}
			check := func(what string, i int) {
				if got := renderWith(t, r, ls[i]); !bytes.Equal(got, want[i]) {
					t.Errorf("%s, cache of %d bytes, %s: letter %d (%s) differs from the letter set without a cache", kind, budget, what, i, ls[i].LanguageTag())
				}
			}
			for _, i := range order {
				check("in turn", i)
			}
			for i := len(ls) - 1; i >= 0; i-- {
				check("backwards", i)
			}
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Go(func() {
					for k := range ls {
						check("concurrently", (k*3+g*5)%len(ls))
					}
				})
			}
			wg.Wait()
		}
	}
}
