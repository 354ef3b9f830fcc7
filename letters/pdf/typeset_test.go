package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// newTestTypesetter returns a typesetter with the embedded fonts, for
// layout (it measures text without drawing it).
func newTestTypesetter(t testing.TB) *Typesetter {
	t.Helper()
	return NewTypesetter(nil, loadEnv(t).fonts)
}

// TestKinsoku typesets Chinese text with every kinsoku mark inserted at
// every offset, at many widths: no line may start with a mark of
// noLineStart or end with one of noLineEnd, no character may be lost, and a
// Latin word is split only when it is wider than the line.
func TestKinsoku(t *testing.T) {
	ts := newTestTypesetter(t)
	const size = bodySize
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
					if lw := ln.wordsWidth() + spaces(ts, ln); lw > w+1e-9 {
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
	ts := NewTypesetter(nil, faces)
	word := strings.Repeat("Rossi", 10000)
	a := ts.atom(word, 10, false)
	b.ResetTimer()
	for range b.N {
		if lines := ts.split(a, 10, false, 150); len(lines) < 100 {
			b.Fatalf("%d lines", len(lines))
		}
	}
}
