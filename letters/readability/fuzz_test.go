package readability

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze checks that no text makes Analyze or Warnings panic, in any
// language, and that the report stays consistent.
func FuzzAnalyze(f *testing.F) {
	seeds := []string{
		"",
		"\f\f\n\n",
		"Dear Ann,\nWe are sorry.\n1. Change your password.\n2. Call us.\nSincerely,",
		"1/2\f1. x\n2.\n(3)\n四、\n①",
		"Page 1 sur 3\fdonnées « urgentes ». M. p. ex. т. е. ст. 5 г. S.p.A. e.g. U.S.",
		"尊敬的李明：\n我们深表歉意。请修改密码！acme.example；\n此致敬礼！",
		"...!!!???…… . . .",
		"a.\u202f»\u00a0«b\xff\xfe\u00ad\u200b",
		strings.Repeat("word ", 200) + "\n" + strings.Repeat("x", 300),
		"- \n– \n•\n• \n*",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range Languages() {
			r, err := Analyze(lang, text)
			if err != nil {
				t.Fatalf("%s: %v", lang, err)
			}
			if r.Sentences < 0 || r.Words < 0 || r.Syllables < 0 || r.Letters < 0 || r.Characters < 0 || r.Steps < 0 {
				t.Fatalf("%s: negative count in %+v", lang, r)
			}
			if r.Index.Measured && (math.IsNaN(r.Index.Value) || math.IsInf(r.Index.Value, 0)) {
				t.Fatalf("%s: measured index is %v", lang, r.Index.Value)
			}
			if r.Index.Measured != (r.Sentences > 0) {
				t.Fatalf("%s: measured %v with %d sentences", lang, r.Index.Measured, r.Sentences)
			}
			for _, s := range r.LongSentences {
				if !utf8.ValidString(s.Text) {
					t.Fatalf("%s: invalid UTF-8 in sentence %q", lang, s.Text)
				}
			}
			for _, w := range r.Warnings() {
				if w.Code == "" || w.Message == "" {
					t.Fatalf("%s: empty warning %+v", lang, w)
				}
			}
		}
	})
}
