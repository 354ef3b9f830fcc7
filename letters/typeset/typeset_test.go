package typeset

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// newTestTypesetter returns a typesetter with the embedded fonts, for
// layout (it measures text without drawing it).
func newTestTypesetter(t testing.TB) *Typesetter {
	t.Helper()
	fs, err := testFonts()
	if err != nil {
		t.Fatal(err)
	}
	return New(fs)
}

// testFonts are the embedded fonts, loaded once for the package's tests.
var testFonts = sync.OnceValues(fonts.LoadFonts)

// TestKinsoku typesets Chinese text with every kinsoku mark inserted at
// every offset, at many widths: no line may start with a mark of
// noLineStart or end with one of noLineEnd, no character may be lost, and a
// Latin word is split only when it is wider than the line.
func TestKinsoku(t *testing.T) {
	ts := newTestTypesetter(t)
	const size = 11.0 // the letters' body text
	base := []rune("我们已要求发送虚假邮件所用服务的提供商关闭账户，并与外部专家检查Acme的系统。请访问https://www.acme.example/protect输入激活码ACME-2T9W-6K4B，使用 SecureID Monitoring 提供的服务（24个月）。")
	var marks []string
	for _, r := range noLineStart + noLineEnd {
		marks = append(marks, string(r))
	}
	// Runs of marks: several closing marks, closing then opening, a mark
	// after a space.
	marks = append(marks, "。」", "）。", "」』。", "！？」", "……", "——", "”）", "「（", "（「", "）（", "。「", " ）", "（ ", " ，", "“ ")
	widths := []float64{16, 23, 31, 44, 58, 75, 97, 124, 160}
	isLatinWordRune := func(r rune) bool { return r != ' ' && !fonts.IsCJK(r) }
	checked, forced := 0, 0
	for _, m := range marks {
		for off := 0; off <= len(base); off++ {
			text := string(base[:off]) + m + string(base[off:])
			// The Latin words of the text: runs of non-CJK, non-space
			// characters, each with what may not be parted from it: the
			// text up to the nearest places where a line may break (at a
			// space or next to a CJK character, where kinsoku allows).
			type word struct {
				text string // the word
				unit string // the word and what is glued to it
			}
			rs := []rune(text)
			breakable := func(k int) bool { // between rs[k-1] and rs[k]
				p, n := k-1, k
				space := false
				for p >= 0 && rs[p] == ' ' {
					p, space = p-1, true
				}
				for n < len(rs) && rs[n] == ' ' {
					n, space = n+1, true
				}
				if p < 0 || n >= len(rs) {
					return true
				}
				return (space || fonts.IsCJK(rs[p]) || fonts.IsCJK(rs[n])) && canBreak(rs[p], rs[n])
			}
			var words []word
			for i := 0; i < len(rs); {
				if !isLatinWordRune(rs[i]) {
					i++
					continue
				}
				j := i
				for j < len(rs) && isLatinWordRune(rs[j]) {
					j++
				}
				a, b := i, j
				for a > 0 && !breakable(a) {
					a--
				}
				for b < len(rs) && !breakable(b) {
					b++
				}
				words = append(words, word{string(rs[i:j]), strings.Trim(string(rs[a:b]), " ")})
				i = j
			}
			for _, w := range widths {
				lines := ts.Lines(text, size, false, w, 0)
				var all strings.Builder
				texts := make([]string, len(lines))
				for i, ln := range lines {
					texts[i] = ln.Text()
					all.WriteString(texts[i])
					if texts[i] == "" {
						t.Fatalf("%q at %v mm: empty line %d", text, w, i+1)
					}
					if strings.HasPrefix(texts[i], " ") || strings.HasSuffix(texts[i], " ") {
						t.Errorf("%q at %v mm: line %d %q starts or ends with a space", text, w, i+1, texts[i])
					}
					if lw := ln.WordsWidth() + spaces(ts, ln); lw > w+1e-9 {
						t.Errorf("%q at %v mm: line %d is %.2f mm wide", text, w, i+1, lw)
					} else if math.Abs(lw-ln.Width()) > 1e-9 {
						t.Errorf("%q at %v mm: line %d is %.2f mm wide, Width says %.2f", text, w, i+1, lw, ln.Width())
					}
				}
				if strip(all.String()) != strip(text) {
					t.Fatalf("%q at %v mm: characters lost or changed: %q", text, w, texts)
				}
				// Each line break, as an offset in rs: a break where kinsoku
				// forbids one is allowed only inside a run with no allowed
				// break that is wider than the line.
				k := 0
				for i := range texts {
					for k < len(rs) && rs[k] == ' ' {
						k++
					}
					if i > 0 && !breakable(k) {
						a, b := k, k
						for a > 0 && !breakable(a) {
							a--
						}
						for b < len(rs) && !breakable(b) {
							b++
						}
						if unit := strings.Trim(string(rs[a:b]), " "); ts.atom(unit, size, false).w <= w {
							t.Errorf("%q at %v mm: line %d starts with %q after %q: %q", text, w, i+1, rs[k], rs[k-1], texts[:i+1])
						} else if !canBreak(rs[k-1], rs[k]) {
							forced++
						}
					}
					for n := len([]rune(strip(texts[i]))); n > 0; k++ {
						if rs[k] != ' ' {
							n--
						}
					}
				}
				for _, word := range words {
					if ts.atom(word.unit, size, false).w > w {
						continue // may be split
					}
					found := false
					for _, s := range texts {
						if strings.Contains(s, word.text) {
							found = true
							break
						}
					}
					if !found {
						t.Errorf("%q at %v mm: word %q split across lines: %q", text, w, word.text, texts)
					}
				}
				checked++
			}
			if t.Failed() {
				return
			}
		}
	}
	t.Logf("%d texts typeset; %d kinsoku breaks forced inside a run wider than the line", checked, forced)
}

func strip(s string) string { return strings.ReplaceAll(s, " ", "") }

// spaces is the width of the spaces drawn between a line's atoms.
func spaces(ts *Typesetter, ln Line) float64 {
	w := 0.0
	for i, a := range ln.atoms {
		if a.space && i > 0 {
			w += ts.space(ln.size, ln.bold)
		}
	}
	return w
}

// BenchmarkSplitLongWord: an unbroken word of 50,000 characters (a hostile
// name) is split into lines in time linear in its length.
func BenchmarkSplitLongWord(b *testing.B) {
	faces, err := fonts.LoadFonts()
	if err != nil {
		b.Fatal(err)
	}
	ts := New(faces)
	word := strings.Repeat("Rossi", 10000)
	a := ts.atom(word, 10, false)
	b.ResetTimer()
	for range b.N {
		if lines := ts.split(a, 10, false, 150); len(lines) < 100 {
			b.Fatalf("%d lines", len(lines))
		}
	}
}

// TestFit sets texts on one line cut to a width: what fits is kept whole,
// what does not ends in "…" without the separator before the cut, and a
// width too small for "…" leaves nothing.
func TestFit(t *testing.T) {
	ts := newTestTypesetter(t)
	const size = 8.0
	for _, tt := range []struct {
		text  string
		width float64
		want  string // "": the line is empty
	}{
		{"Garante per la protezione dei dati personali", 200, "Garante per la protezione dei dati personali"},
		{"Roskomnadzor, Moscow", 100, "Roskomnadzor, Moscow"},
		{"Roskomnadzor, Moscow", ts.Width("Roskomnadzor,…", size, false) + 0.1, "Roskomnadzor…"},
		{"履行个人信息保护职责的部门", ts.Width("履行个人…", size, false) + 0.1, "履行个人…"},
		{"Garante", 0.5, ""},
	} {
		ln := ts.Fit(tt.text, size, false, tt.width)
		if got := ln.Text(); got != tt.want {
			t.Errorf("Fit(%q, %.1f mm) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
		if ln.Width() > tt.width {
			t.Errorf("Fit(%q, %.1f mm) is %.2f mm wide", tt.text, tt.width, ln.Width())
		}
	}
}

// TestLinesEllipsis: a text longer than its lines keeps the lines Lines
// sets but the last, which holds as much of the rest as fits, then "…";
// a text that fits is set as Lines sets it.
func TestLinesEllipsis(t *testing.T) {
	ts := newTestTypesetter(t)
	const size = 6.3
	for _, tt := range []struct {
		text  string
		width float64
		n     int
	}{
		{"Bars run from each clock's start to its due time. No fixed deadline: the law sets no period, so no due time is computed: act at once.", 60, 2},
		{"履行个人信息保护职责的部门，依照本法和有关法律、行政法规的规定履行职责。", 20, 2},
		{"Супер-длинное-название-органа-без-пробелов-которое-не-помещается", 30, 2},
		{"first paragraph\nsecond paragraph\nthird paragraph", 25, 2},
		{"fits in one line", 60, 2},
		// A break between CJK and Latin: the last line joins them with no space.
		{"部门部门部门ABCDEFGHIJKLMNOP", ts.Width("部门部门部门ABC…", size, false) + 0.1, 1},
	} {
		all := ts.Lines(tt.text, size, false, tt.width, 0)
		got := ts.LinesEllipsis(tt.text, size, false, tt.width, tt.n)
		var texts []string
		for _, ln := range got {
			texts = append(texts, ln.Text())
			if ln.Width() > tt.width+1e-9 {
				t.Errorf("%q: line %q is %.2f mm wide, more than %v", tt.text, ln.Text(), ln.Width(), tt.width)
			}
		}
		if len(all) <= tt.n {
			if len(got) != len(all) || got[len(got)-1].Text() != all[len(all)-1].Text() {
				t.Errorf("%q fits in %d lines, set as %q", tt.text, len(all), texts)
			}
			continue
		}
		if len(got) != tt.n {
			t.Fatalf("%q in %d lines: %q", tt.text, tt.n, texts)
		}
		for i := range tt.n - 1 {
			if got[i].Text() != all[i].Text() {
				t.Errorf("%q: line %d is %q, Lines sets %q", tt.text, i+1, got[i].Text(), all[i].Text())
			}
		}
		last := texts[tt.n-1]
		kept := strings.TrimSuffix(last, "…")
		from := all[tt.n-1].Text() // where the last line starts
		common := min(len(kept), len(from))
		if !strings.HasSuffix(last, "…") || kept[:common] != from[:common] ||
			!strings.Contains(strings.ReplaceAll(tt.text, "\n", " "), kept) {
			t.Errorf("%q: last line %q is not the rest cut with …", tt.text, last)
		}
		if lw := ts.Width(kept+all[tt.n].Text(), size, false); lw <= tt.width {
			t.Errorf("%q: last line %q could hold more", tt.text, last)
		}
	}
}

// TestNoBreakInside: a no-break space keeps its words on one line and is
// as wide as a space; a CJK date is never parted; a line still breaks at
// the spaces and CJK characters around them.
func TestNoBreakInside(t *testing.T) {
	ts := newTestTypesetter(t)
	const size = 10.0
	if a, b := ts.Width("28\u00a0febbraio\u00a02027", size, false), ts.Width("28 febbraio 2027", size, false); math.Abs(a-b) > 1e-9 {
		t.Errorf("no-break spaces: %v mm, spaces: %v mm", a, b)
	}
	for _, tt := range []struct{ text, unit string }{
		{"Chiamateci al numero +39\u00a0011\u00a0555\u00a00199 entro il 28\u00a0febbraio\u00a02027, dalle 9 alle 18.", "+39\u00a0011\u00a0555\u00a00199"},
		{"Chiamateci al numero +39\u00a0011\u00a0555\u00a00199 entro il 28\u00a0febbraio\u00a02027, dalle 9 alle 18.", "28\u00a0febbraio\u00a02027,"},
		{"请在2027年2月28日之前访问我们的网站并输入激活码，服务期限为二十四个月。", "2027年2月28日"},
		{"我们于2026年11月19日发现了这次事件。", "2026年11月19日"},
	} {
		full := ts.Width(tt.text, size, false)
		for w := ts.Width(tt.unit, size, false) + 0.5; w < full; w += 0.7 {
			lines := ts.Lines(tt.text, size, false, w, 0)
			found := false
			for _, ln := range lines {
				found = found || strings.Contains(ln.Text(), tt.unit)
			}
			if !found {
				var got []string
				for _, ln := range lines {
					got = append(got, ln.Text())
				}
				t.Fatalf("width %.1f mm: %q broken: %q", w, tt.unit, got)
			}
			if len(lines) < 2 && w < full-1 {
				t.Fatalf("width %.1f mm: %q not broken at all", w, tt.text)
			}
		}
	}
}

// TestLinesParagraphs: every newline starts a line, an empty paragraph
// (two newlines, a newline at the end) is an empty line, and each line
// records what separated it from the one before.
func TestLinesParagraphs(t *testing.T) {
	ts := newTestTypesetter(t)
	lines := ts.Lines("one two\n\nthree four five\n", 10, false, 20, 0)
	var texts, brks []string
	for _, ln := range lines {
		texts, brks = append(texts, ln.Text()), append(brks, ln.brk)
	}
	wantTexts := []string{"one two", "", "three four", "five", ""}
	wantBrks := []string{"", "\n", "\n", " ", "\n"}
	if !slices.Equal(texts, wantTexts) || !slices.Equal(brks, wantBrks) {
		t.Errorf("lines %q, breaks %q; want %q, %q", texts, brks, wantTexts, wantBrks)
	}
}

// TestReplaced: characters no face has and bytes that are not UTF-8 are
// set as U+FFFD; Missing counts the characters no face has (a byte that
// is not UTF-8 reads as U+FFFD, which a face has).
func TestReplaced(t *testing.T) {
	ts := newTestTypesetter(t)
	text := "a\xffb\u0378c 我\u0379"
	ln := ts.Line(text, 10, false)
	if got, want := ln.Text(), "a\uFFFDb\uFFFDc 我\uFFFD"; got != want {
		t.Errorf("Line(%q).Text() = %q, want %q", text, got, want)
	}
	if got := ts.Missing(text, false); got != 2 {
		t.Errorf("Missing(%q) = %d, want 2", text, got)
	}
	if w, want := ln.Width(), ts.Line("a\uFFFDb\uFFFDc 我\uFFFD", 10, false).Width(); w != want {
		t.Errorf("Line(%q) is %v mm wide, its replacement %v mm", text, w, want)
	}
}

// BenchmarkLines sets texts in English, Russian and Chinese into lines
// and on one line, as a letter's own text is set: without a cache.
func BenchmarkLines(b *testing.B) {
	ts := newTestTypesetter(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range drawTexts {
			ts.Lines(text, 10, false, 80, 0)
			ts.Line(text, 10, true)
		}
	}
}
