package locales_test

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/breachnotice/breachnotice/locales"
)

const (
	nnbsp = '\u202F' // NARROW NO-BREAK SPACE
	held  = '\uFFFC' // stands in for a placeholder, URL or e-mail address
)

var (
	action = regexp.MustCompile(`\{\{.*?\}\}`)
	// E-mail addresses, then URLs and bare domain names (www.example.com,
	// reportfraud.police.uk, Cybermalveillance.gouv.fr): their ASCII dots,
	// colons and slashes are not punctuation.
	email  = regexp.MustCompile(`[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}`)
	domain = regexp.MustCompile(`(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[!-~]*[A-Za-z0-9/])?`)
	// The formal second person in Russian is capitalized: these words must
	// not appear in lower case.
	ruInformal = regexp.MustCompile(`^(?:вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|вашими|вашем|вашу|ваших|вашею)$`)
)

// prose returns text with template actions, e-mail addresses and domains
// replaced by U+FFFC, so only the words and punctuation around them are
// checked.
func prose(text string) []rune {
	s := action.ReplaceAllString(text, string(held))
	s = email.ReplaceAllString(s, string(held))
	s = domain.ReplaceAllString(s, string(held))
	return []rune(s)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// typography returns what breaks the language's punctuation rules in text.
func typography(lang, text string) []string {
	rs := prose(text)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	var probs []string
	bad := func(i int, format string, args ...any) {
		lo, hi := max(0, i-12), min(len(rs), i+12)
		probs = append(probs, fmt.Sprintf(format, args...)+fmt.Sprintf(" in %q", string(rs[lo:hi])))
	}
	s := string(rs)
	if strings.TrimSpace(s) != s {
		probs = append(probs, "leading or trailing space")
	}
	if i := strings.Index(s, "  "); i >= 0 {
		bad(len([]rune(s[:i])), "double space")
	}
	if strings.Count(s, "«") != strings.Count(s, "»") {
		probs = append(probs, "unbalanced « »")
	}
	switch lang {
	case "fr":
		for i, r := range rs {
			switch {
			case r == '"':
				bad(i, "ASCII double quote (use « »)")
			case strings.ContainsRune(";:!?»", r) && at(i-1) != nnbsp:
				bad(i, "%q needs U+202F before it", r)
			case r == '«' && at(i+1) != nnbsp:
				bad(i, "« needs U+202F after it")
			}
		}
	case "ru":
		for i, r := range rs {
			if strings.ContainsRune("\"„“”", r) {
				bad(i, "%q: use «ёлочки»", r)
			}
		}
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if ruInformal.MatchString(w) {
				probs = append(probs, fmt.Sprintf("lower-case %q: the formal Вы is capitalized", w))
			}
		}
	case "zh":
		for i, r := range rs {
			switch {
			case r == '"':
				bad(i, "ASCII double quote (use “ ”)")
			case strings.ContainsRune(",.;:?!()", r) && (isHan(at(i-1)) || isHan(at(i+1))):
				bad(i, "ASCII %q next to a Han character (use full-width punctuation)", r)
			case unicode.IsSpace(r) && r != '\n' && isHan(at(i-1)):
				// A line break is layout, not a space: the sign-off puts
				// 此致 and 敬礼！ on two lines.
				j := i
				for unicode.IsSpace(at(j)) {
					j++
				}
				if isHan(at(j)) {
					bad(i, "space between Han characters")
				}
			}
		}
		if strings.Count(s, "“") != strings.Count(s, "”") {
			probs = append(probs, "unbalanced “ ”")
		}
	default: // en, it
		for i, r := range rs {
			if strings.ContainsRune(",.;:!?", r) && unicode.IsSpace(at(i-1)) {
				bad(i, "space before %q", r)
			}
		}
	}
	return probs
}

// TestTypography checks every form of every message against its
// language's punctuation rules: French narrow no-break spaces and « »,
// Russian «ёлочки» and capitalized Вы, Chinese full-width punctuation.
func TestTypography(t *testing.T) {
	cs, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	// Every locale, regional variants included (fr-CA follows French rules).
	for _, loc := range cs.Locales() {
		c := cs.Locale(loc)
		for _, key := range c.Keys() {
			m, _ := c.Message(key)
			forms := m.Forms()
			names := make([]string, 0, len(forms))
			for f := range forms {
				names = append(names, f)
			}
			sort.Strings(names)
			for _, f := range names {
				for _, p := range typography(c.Lang(), forms[f]) {
					t.Errorf("locales/%s.toml: %s (%s): %s", loc, key, f, p)
				}
			}
		}
	}
}

// The checker itself: what it must catch and what it must let through.
func TestTypographyChecker(t *testing.T) {
	tests := []struct {
		lang, text string
		ok         bool
	}{
		{"fr", "{{.Brand}}\u202F: avis", true},
		{"fr", "{{.Brand}} : avis", false},
		{"fr", "Attention\u00A0!", false},
		{"fr", "le «\u202Fhash\u202F»", true},
		{"fr", "le « hash »", false},
		{"fr", `le "hash"`, false},
		{"fr", "sur https://acme.example/x?y=1 ou www.acme.example, ou à dpo@acme.example.", true},
		{"fr", "Cybermalveillance.gouv.fr explique", true},
		{"ru", "«Госуслуги»", true},
		{"ru", `"Госуслуги"`, false},
		{"ru", "„Госуслуги“", false},
		{"ru", "Вы и Ваш пароль", true},
		{"ru", "если вы сменили пароль", false},
		{"ru", "ваши данные", false},
		{"ru", "выписки и выдача", true},
		{"zh", "请访问{{.Website}}。", true},
		{"zh", "请访问www.acme.example修改密码，或联系dpo@acme.example。", true},
		{"zh", "见 www.consumerfinance.gov/learnmore。", true},
		{"zh", "泄露,请", false},
		{"zh", "泄露.", false},
		{"zh", "密码(哈希值)", false},
		{"zh", "密码（哈希值）", true},
		{"zh", "个人 信息", false},
		{"zh", `称为"自我禁贷"`, false},
		{"zh", "称为“自我禁贷”", true},
		{"zh", "0300 123 2040", true},
		{"en", "Dear {{.Name}},", true},
		{"en", "Dear {{.Name}} ,", false},
		{"en", "two  spaces", false},
		{"it", "entro {{il .EnrollBy}}.", true},
	}
	for _, tt := range tests {
		probs := typography(tt.lang, tt.text)
		if ok := len(probs) == 0; ok != tt.ok {
			t.Errorf("%s %q: ok = %v, want %v (%v)", tt.lang, tt.text, ok, tt.ok, probs)
		}
	}
}
