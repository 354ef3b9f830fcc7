package customers

import (
	"strings"

	"golang.org/x/text/language"
)

// languageNames are language names (English, Italian, French, Russian,
// Chinese and the language's own name) accepted in the language column in
// addition to BCP 47 tags, as CRM exports often contain "Italiano" or
// "French" instead of a tag.
var languageNames = map[string][]string{
	"en":      {"English", "Inglese", "Anglais", "Английский", "英语", "英文"},
	"en-US":   {"American English", "English (US)", "English (United States)"},
	"en-GB":   {"British English", "English (UK)", "English (United Kingdom)"},
	"it":      {"Italian", "Italiano", "Italien", "Итальянский", "意大利语", "意大利文"},
	"fr":      {"French", "Français", "Francese", "Французский", "法语", "法文"},
	"fr-CA":   {"Canadian French", "French (Canada)", "Français (Canada)", "Français canadien"},
	"de":      {"German", "Deutsch", "Tedesco", "Allemand", "Немецкий", "德语", "德文"},
	"es":      {"Spanish", "Español", "Spagnolo", "Espagnol", "Испанский", "西班牙语"},
	"pt":      {"Portuguese", "Português", "Portoghese", "Portugais", "Португальский", "葡萄牙语"},
	"pt-BR":   {"Brazilian Portuguese", "Português (Brasil)", "Portuguese (Brazil)"},
	"nl":      {"Dutch", "Nederlands", "Olandese", "Néerlandais", "Нидерландский", "荷兰语"},
	"pl":      {"Polish", "Polski", "Polacco", "Polonais", "Польский", "波兰语"},
	"sv":      {"Swedish", "Svenska", "Svedese", "Suédois", "Шведский", "瑞典语"},
	"ru":      {"Russian", "Русский", "Russo", "Russe", "俄语", "俄文"},
	"uk":      {"Ukrainian", "Українська", "Ucraino", "Ukrainien", "Украинский", "乌克兰语"},
	"zh":      {"Chinese", "中文", "汉语", "漢語", "Cinese", "Chinois", "Китайский"},
	"zh-Hans": {"Simplified Chinese", "Chinese (Simplified)", "简体中文", "中文（简体）", "中文(简体)"},
	"zh-Hant": {"Traditional Chinese", "Chinese (Traditional)", "繁體中文", "繁体中文", "中文（繁體）", "中文(繁體)"},
	"ja":      {"Japanese", "日本語", "Giapponese", "Japonais", "Японский", "日语"},
	"ko":      {"Korean", "한국어", "Coreano", "Coréen", "Корейский", "韩语"},
}

var languageNameIndex = func() map[string]string {
	idx := make(map[string]string)
	for tag, names := range languageNames {
		for _, n := range names {
			k := normKey(n)
			if old, ok := idx[k]; ok && old != tag {
				panic("customers: language name " + n + " is listed for " + old + " and " + tag)
			}
			idx[k] = tag
		}
	}
	return idx
}()

// NormalizeLanguage returns the canonical BCP 47 form of a language tag
// ("fr_ca" -> "fr-CA", "zh-hans-cn" -> "zh-Hans-CN"), as produced by
// golang.org/x/text/language, or the tag for a common language name
// ("Italiano" -> "it"). An empty value gives "", true; "und" gives "", true.
// ok is false for anything else.
func NormalizeLanguage(s string) (tag string, ok bool) {
	s = oneLine(s)
	if s == "" {
		return "", true
	}
	t, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err == nil {
		if t == language.Und {
			return "", true
		}
		return t.String(), true
	}
	if tag, ok := languageNameIndex[normKey(s)]; ok {
		return tag, true
	}
	return "", false
}
