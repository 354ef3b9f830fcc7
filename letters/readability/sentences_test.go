package readability

import (
	"slices"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string
	}{
		// English: abbreviations, initials, URLs, email addresses, decimals.
		{"en", "Mr. Smith went to Washington. He arrived at 5 p.m. on Monday.",
			[]string{"Mr. Smith went to Washington.", "He arrived at 5 p.m. on Monday."}},
		{"en", "Ask e.g. Google for help. Then call us.",
			[]string{"Ask e.g. Google for help.", "Then call us."}},
		{"en", "Visit https://www.acme.example. It is safe.",
			[]string{"Visit https://www.acme.example.", "It is safe."}},
		{"en", "Write to privacy@acme.example or call +39 02 1234 5678. We answer.",
			[]string{"Write to privacy@acme.example or call +39 02 1234 5678.", "We answer."}},
		{"en", "The rate is 3.5 percent. That is low.",
			[]string{"The rate is 3.5 percent.", "That is low."}},
		{"en", "We are sorry! Are you safe? Yes.",
			[]string{"We are sorry!", "Are you safe?", "Yes."}},
		{"en", "Call the U.S. Embassy or J. R. Smith today.",
			[]string{"Call the U.S. Embassy or J. R. Smith today."}},
		{"en", "He said “Stop.” Then he left.",
			[]string{"He said “Stop.”", "Then he left."}},
		{"en", "Write to P.O. Box 9554, Allen, TX 75013. See No. 5 below.",
			[]string{"Write to P.O. Box 9554, Allen, TX 75013.", "See No. 5 below."}},
		{"en", "Was it misused? The answer is no. We checked.",
			[]string{"Was it misused?", "The answer is no.", "We checked."}},
		{"en", "It ended in 2026. 19 people were affected.",
			[]string{"It ended in 2026.", "19 people were affected."}},
		{"en", "Our messages only link to acme.example; if in doubt, type it yourself",
			[]string{"Our messages only link to acme.example; if in doubt, type it yourself"}},
		// Italian.
		{"it", "Il sig. Rossi è arrivato. Grazie.",
			[]string{"Il sig. Rossi è arrivato.", "Grazie."}},
		{"it", "Lo prevede l'art. 33 del GDPR. Ci scusiamo.",
			[]string{"Lo prevede l'art. 33 del GDPR.", "Ci scusiamo."}},
		{"it", "Usi un servizio, ad es. Google Authenticator. Poi accedi.",
			[]string{"Usi un servizio, ad es. Google Authenticator.", "Poi accedi."}},
		{"it", "Vedi p. es. Mario. Poi firmi.",
			[]string{"Vedi p. es. Mario.", "Poi firmi."}},
		// French: spaced punctuation, guillemets, abbreviations.
		{"fr", "M. Dupont est arrivé. Il est reparti.",
			[]string{"M. Dupont est arrivé.", "Il est reparti."}},
		{"fr", "Utilisez p. ex. Google. Merci !",
			[]string{"Utilisez p. ex. Google.", "Merci !"}},
		{"fr", "Il a dit : « Attention. » Ensuite, appelez-nous.",
			[]string{"Il a dit : « Attention. »", "Ensuite, appelez-nous."}},
		{"fr", "Pourquoi ? Parce que vos données ont été exposées.",
			[]string{"Pourquoi ?", "Parce que vos données ont été exposées."}},
		{"fr", "Nos messages renvoient vers acme.example ; en cas de doute, appelez.",
			[]string{"Nos messages renvoient vers acme.example ; en cas de doute, appelez."}},
		// Russian: т. е., ст., п., and the year "г." that ends sentences.
		{"ru", "Т. е. Москва — столица. Это важно.",
			[]string{"Т. е. Москва — столица.", "Это важно."}},
		{"ru", "Согласно ст. 14 закона мы сообщили об утечке. Спасибо.",
			[]string{"Согласно ст. 14 закона мы сообщили об утечке.", "Спасибо."}},
		{"ru", "См. п. 5 договора. Всё.",
			[]string{"См. п. 5 договора.", "Всё."}},
		{"ru", "Доступ продолжался до 19 ноября 2026 г. Мы узнали об этом позже.",
			[]string{"Доступ продолжался до 19 ноября 2026 г.", "Мы узнали об этом позже."}},
		{"ru", "Доступ продолжался с 2 ноября 2026 г. по 19 ноября 2026 г., а обнаружили мы его позже.",
			[]string{"Доступ продолжался с 2 ноября 2026 г. по 19 ноября 2026 г., а обнаружили мы его позже."}},
		{"ru", "Откройте «Госуслуги». «Госуслуги» покажут бюро.",
			[]string{"Откройте «Госуслуги».", "«Госуслуги» покажут бюро."}},
		// Chinese: 。！？； end sentences, with closing quotes.
		{"zh", "我们很抱歉。请修改密码！我们的消息只会链接到acme.example；如有疑问，请致电。",
			[]string{"我们很抱歉。", "请修改密码！", "我们的消息只会链接到acme.example；", "如有疑问，请致电。"}},
		{"zh", "他说：“请注意。”然后离开了。",
			[]string{"他说：“请注意。”", "然后离开了。"}},
		{"zh", "请访问https://www.acme.example/protect并输入激活码",
			[]string{"请访问https://www.acme.example/protect并输入激活码"}},
	}
	for _, tt := range tests {
		got := splitSentences(profiles[tt.lang], tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: splitSentences(%q)\n got %q\nwant %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestMeasureWords(t *testing.T) {
	tests := []struct {
		lang, text      string
		words, letters  int
		characters, syl int
	}{
		// Hyphenated words, contractions, URLs and a spaced phone number
		// are one word each.
		{"en", "Don't use two-step codes from https://www.acme.example or +39 02 1234 5678.", 8, 44, 0, 9},
		// Elisions are two words in French and Italian.
		{"fr", "L'accès aujourd'hui", 3, 16, 0, 5},
		{"it", "dell'azienda", 2, 11, 0, 0},
		// Chinese: Han characters count one each, a Latin run one.
		{"zh", "请在https://www.acme.example修改您的Acme密码。", 0, 0, 10, 0},
	}
	for _, tt := range tests {
		c := measure(profiles[tt.lang], tt.text)
		if c.words != tt.words || (tt.letters != 0 && c.letters != tt.letters) || (tt.characters != 0 && c.characters != tt.characters) || (tt.syl != 0 && c.syllables != tt.syl) {
			t.Errorf("%s: measure(%q) = %+v, want words %d letters %d characters %d syllables %d", tt.lang, tt.text, c, tt.words, tt.letters, tt.characters, tt.syl)
		}
	}
}
