package typeset

import (
	"fmt"
	"slices"
	"testing"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// sameLines reports whether a and b are the same lines: the same text,
// widths, breaks and size, drawn the same way.
func sameLines(ts *Typesetter, a, b []Line) bool {
	return slices.EqualFunc(a, b, func(x, y Line) bool {
		if x.size != y.size || x.bold != y.bold || x.w != y.w || x.brk != y.brk ||
			x.Text() != y.Text() || x.WordsWidth() != y.WordsWidth() || x.Empty() != y.Empty() {
			return false
		}
		dx, dy := x.drawn, y.drawn
		if dx == nil {
			dx = ts.drawing(x)
		}
		if dy == nil {
			dy = ts.drawing(y)
		}
		return slices.Equal(dx.adv, dy.adv) && slices.Equal(dx.segs, dy.segs) && dx.wordsW == dy.wordsW
	})
}

// TestCacheGivesWhatIsSet sets texts with a cache, several times, and
// without: the lines, single lines, widths and counts of missing
// characters must be the same; a text is kept from its second setting on.
func TestCacheGivesWhatIsSet(t *testing.T) {
	plain := newTestTypesetter(t)
	cached := newTestTypesetter(t)
	cache := NewCache(1 << 20)
	cached.SetCache(cache)
	texts := append(slices.Clone(drawTexts), "a\nb  c\n\nd", "", "  ", "\u0378x\u0379")
	for pass := range 3 {
		for _, text := range texts {
			for _, bold := range []bool{false, true} {
				for _, width := range []float64{12, 80} {
					want, got := plain.Lines(text, 10, bold, width, 0), cached.Lines(text, 10, bold, width, 0)
					if !sameLines(plain, got, want) {
						t.Errorf("pass %d: Lines(%q, bold %v, %v mm) from the cache differ", pass, text, bold, width)
					}
					if got, want := cached.Lines(text, 10, bold, width, 2), plain.Lines(text, 10, bold, width, 2); !sameLines(plain, got, want) || cap(got) != len(got) {
						t.Errorf("pass %d: Lines(%q, bold %v, %v mm, 2 lines) from the cache differ or can grow into it", pass, text, bold, width)
					}
				}
				if got, want := cached.LinesEllipsis(text, 10, bold, 12, 2), plain.LinesEllipsis(text, 10, bold, 12, 2); !sameLines(plain, got, want) {
					t.Errorf("pass %d: LinesEllipsis(%q, bold %v) with the cache differ", pass, text, bold)
				}
				if got, want := cached.Line(text, 10, bold), plain.Line(text, 10, bold); !sameLines(plain, []Line{got}, []Line{want}) {
					t.Errorf("pass %d: Line(%q, bold %v) from the cache differs", pass, text, bold)
				}
				if got, want := cached.Missing(text, bold), plain.Missing(text, bold); got != want {
					t.Errorf("pass %d: Missing(%q, %v) = %d from the cache, %d set anew", pass, text, bold, got, want)
				}
			}
		}
	}
	if n := plain.Missing("\u0378x\u0379", false); n != 2 {
		t.Errorf("Missing counts %d characters no face has, want 2", n)
	}
}

// TestCacheKeepsRepeated: a text set once is not kept, a text set twice
// is, and is then given from the cache, which cannot be changed through
// what it gives.
func TestCacheKeepsRepeated(t *testing.T) {
	ts := newTestTypesetter(t)
	cache := NewCache(1 << 20)
	ts.SetCache(cache)
	text := drawTexts[len(drawTexts)-1]
	ts.Lines(text, 10, false, 40, 0)
	if n := len(cache.cur); n != 0 {
		t.Fatalf("a text set once: the cache keeps %d", n)
	}
	second := ts.Lines(text, 10, false, 40, 0)
	if n := len(cache.cur); n != 1 || second[0].drawn == nil {
		t.Fatalf("a text set twice: the cache keeps %d, drawn %v", n, second[0].drawn != nil)
	}
	third := ts.Lines(text, 10, false, 40, 0)
	if &third[0] != &second[0] {
		t.Error("a kept text is set again")
	}
	if cap(third) != len(third) {
		t.Error("kept lines can be appended to in place: two workers appending would write the same element")
	}
}

// TestCacheSharedByFonts: a Renderer gives one cache to the typesetters of
// a letter's subset fonts and of the full fonts they fall back to; each
// must get its own fonts' lines, at each size, whatever the other kept.
func TestCacheSharedByFonts(t *testing.T) {
	full, err := testFonts()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := full.SubsetFor(drawTexts...)
	if err != nil {
		t.Fatal(err)
	}
	cache := NewCache(1 << 20)
	var pairs [2][2]*Typesetter // [fonts][plain, cached]
	for i, fs := range []*fonts.Fonts{full, sub} {
		pairs[i] = [2]*Typesetter{New(fs), New(fs)}
		pairs[i][1].SetCache(cache)
	}
	for pass := range 3 {
		for _, p := range pairs {
			for _, text := range drawTexts {
				for _, size := range []float64{8, 10} {
					want, got := p[0].Lines(text, size, false, 80, 0), p[1].Lines(text, size, false, 80, 0)
					if !sameLines(p[0], got, want) {
						t.Errorf("pass %d, %v fonts: Lines(%q, %v pt) from the shared cache differ", pass, p[0].Fonts().IsSubset(), text, size)
					}
					for _, ln := range got {
						if ln.drawn == nil {
							continue
						}
						for _, seg := range ln.drawn.segs {
							if !slices.Contains(p[0].Fonts().Faces(), seg.face) {
								t.Errorf("pass %d: a line of %q is drawn in another set of fonts' face %s", pass, text, seg.face.Family)
							}
						}
					}
				}
			}
		}
	}
}

// TestCacheBounded fills a small cache with more texts than it holds: it
// keeps no more than its budget (and a text), and what it keeps is right.
func TestCacheBounded(t *testing.T) {
	ts := newTestTypesetter(t)
	const budget = 32 << 10
	cache := NewCache(budget)
	ts.SetCache(cache)
	plain := newTestTypesetter(t)
	for i := range 400 {
		text := fmt.Sprintf("Paragraph %d: the same words in every letter, set %d times.", i%150, i)
		for range 2 {
			ts.Lines(text, 10, false, 60, 0)
		}
		total := cache.curBytes
		for k, e := range cache.old {
			total += e.bytes() + len(k.text)
		}
		if total > budget+2<<10 {
			t.Fatalf("after %d texts the cache holds %d bytes, more than its %d", i+1, total, budget)
		}
		for k, e := range cache.cur {
			if !sameLines(plain, e.lines, plain.Lines(k.text, k.size, k.bold, k.width, 0)) {
				t.Fatalf("the cache keeps other lines for %q", k.text)
			}
		}
	}
	if len(cache.old) == 0 {
		t.Error("the cache never forgot a text")
	}
}
