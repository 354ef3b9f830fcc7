package readability

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestIndexFormulas checks each formula against hand-computed values.
func TestIndexFormulas(t *testing.T) {
	// 2 sentences, 9 words, 10 syllables:
	// 206.835 - 1.015*4.5 - 84.6*10/9 = 206.835 - 4.5675 - 94 = 108.2675
	if got := FleschReadingEase(2, 9, 10); !near(got, 108.2675) {
		t.Errorf("FleschReadingEase(2, 9, 10) = %v, want 108.2675", got)
	}
	// 207 - 1.015*3 - 73.6*7/6 = 207 - 3.045 - 85.8666... = 118.0883...
	if got := KandelMoles(2, 6, 7); !near(got, 207-3.045-73.6*7/6) || math.Abs(got-118.0883) > 1e-4 {
		t.Errorf("KandelMoles(2, 6, 7) = %v, want 118.0883", got)
	}
	// 206.835 - 1.3*2.5 - 60.1*1.6 = 206.835 - 3.25 - 96.16 = 107.425
	if got := Oborneva(2, 5, 8); !near(got, 107.425) {
		t.Errorf("Oborneva(2, 5, 8) = %v, want 107.425", got)
	}
	// 89 + (300*2 - 10*25)/7 = 89 + 350/7 = 139
	if got := Gulpease(2, 7, 25); !near(got, 139) {
		t.Errorf("Gulpease(2, 7, 25) = %v, want 139", got)
	}
}

// TestAnalyzeKnownValues runs Analyze on small texts whose counts were
// made by hand.
func TestAnalyzeKnownValues(t *testing.T) {
	tests := []struct {
		lang, text                               string
		sentences, words, syllables, letters, ch int
		value                                    float64
	}{
		// the cat sat on the mat (6 words, 6 syllables); it was hap-py (3, 4).
		{"en", "The cat sat on the mat. It was happy.", 2, 9, 10, 27, 27, 108.2675},
		// le chat dort (3, 3); il est con-tent (3, 4).
		{"fr", "Le chat dort. Il est content.", 2, 6, 7, 22, 22, 207 - 1.015*3 - 73.6*7/6},
		// Il gatto dorme (2+5+5 letters); La casa è grande (2+4+1+6).
		{"it", "Il gatto dorme. La casa è grande.", 2, 7, 0, 25, 25, 139},
		// ма-ма мы-ла ра-му (3 words, 6 syllables); кот спит (2, 2).
		{"ru", "Мама мыла раму. Кот спит.", 2, 5, 8, 19, 19, 107.425},
		// 我们很抱歉 (5); 这是我们的责任 (7): 12 / 2.
		{"zh", "我们很抱歉。这是我们的责任！", 2, 0, 0, 12, 12, 6},
	}
	for _, tt := range tests {
		r, err := Analyze(tt.lang, tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if r.Sentences != tt.sentences || r.Words != tt.words || r.Syllables != tt.syllables || r.Letters != tt.letters || r.Characters != tt.ch {
			t.Errorf("%s: counts = %d sentences, %d words, %d syllables, %d letters, %d characters; want %d, %d, %d, %d, %d",
				tt.lang, r.Sentences, r.Words, r.Syllables, r.Letters, r.Characters, tt.sentences, tt.words, tt.syllables, tt.letters, tt.ch)
		}
		if !r.Index.Measured || !near(r.Index.Value, tt.value) {
			t.Errorf("%s: %s = %v (measured %v), want %v", tt.lang, r.Index.Name, r.Index.Value, r.Index.Measured, tt.value)
		}
	}
}

func TestAnalyzeLanguages(t *testing.T) {
	for _, lang := range []string{"en", "EN", "en-US", "fr-FR", "it-IT", "ru-RU", "zh-Hans-CN", "zh-CN"} {
		if _, err := Analyze(lang, "Hello."); err != nil {
			t.Errorf("Analyze(%q): %v", lang, err)
		}
	}
	for _, lang := range []string{"", "de", "es-ES", "ja", "xx-invalid-tag!"} {
		if _, err := Analyze(lang, "Hallo."); err == nil {
			t.Errorf("Analyze(%q): no error for an unsupported language", lang)
		}
	}
	if r, _ := Analyze("zh-Hans", "你好。"); r.Lang != "zh" {
		t.Errorf("Lang = %q, want zh", r.Lang)
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	for _, lang := range Languages() {
		r, err := Analyze(lang, "")
		if err != nil {
			t.Fatal(err)
		}
		if r.Index.Measured || r.Index.Value != 0 || r.Index.Meets() {
			t.Errorf("%s: empty text measured: %+v", lang, r.Index)
		}
		codes := warningCodes(r)
		for _, c := range []string{CodeReadability, CodeNoApology, CodeNoNumberedSteps} {
			if !slices.Contains(codes, c) {
				t.Errorf("%s: empty text: no %s warning in %v", lang, c, codes)
			}
		}
	}
}

func warningCodes(r Report) []string {
	var codes []string
	for _, w := range r.Warnings() {
		codes = append(codes, w.Code)
	}
	return codes
}

func TestLongSentences(t *testing.T) {
	long := "We have asked the company whose service sent the fake emails to close the sender's account, and we are working with outside security specialists to check all our other systems."
	r, _ := Analyze("en", long+" We are sorry.")
	if len(r.LongSentences) != 1 || r.LongSentences[0].Words != 30 {
		t.Fatalf("long sentences = %+v, want one of 30 words", r.LongSentences)
	}
	if got := warningCodes(r); !slices.Contains(got, CodeLongSentence) {
		t.Errorf("warnings %v lack %s", got, CodeLongSentence)
	}
	// Russian's limit is 20 words, Chinese's 40 characters.
	ru := "Мы попросили компанию, через сервис которой рассылались поддельные письма, закрыть аккаунт отправителя, и вместе с внешними специалистами проверяем все наши остальные системы."
	if r, _ := Analyze("ru", ru); len(r.LongSentences) != 1 {
		t.Errorf("ru: long sentences = %+v, want one (21 words)", r.LongSentences)
	}
	zh := "我们已要求发送虚假邮件所用服务的提供商关闭发件人账户，并正在与外部安全专家一起检查我们的所有其他系统。"
	if r, _ := Analyze("zh", zh); len(r.LongSentences) != 1 || r.LongSentences[0].Characters != 49 {
		t.Errorf("zh: long sentences = %+v, want one of 49 characters", r.LongSentences)
	}
	for lang, want := range map[string]int{"en": 25, "fr": 25, "it": 25, "ru": 20, "zh": 40} {
		if got, err := LongSentenceLimit(lang); err != nil || got != want {
			t.Errorf("LongSentenceLimit(%s) = %d, %v; want %d", lang, got, err, want)
		}
	}
}

// TestTone checks that hedges, apology, ownership and numbered steps are
// found when present and reported when absent, in every language.
func TestTone(t *testing.T) {
	tests := []struct {
		lang      string
		good, bad string // good has apology, ownership and steps; bad has none, and hedges
		hedges    []string
	}{
		{"en",
			"Dear Ann,\nWe are sorry. It was our job to protect your data, and we failed.\n1. Change your password.\n2. Watch your statements.\nSincerely,",
			"Dear Ann,\nYour data may have been accessed in a sophisticated attack. Out of an abundance of caution, we are writing to you. We take your privacy seriously.\n• Change your password.\nSincerely,",
			[]string{"may have been", "sophisticated attack", "out of an abundance of caution", "we take your privacy seriously"}},
		{"it",
			"Gentile Anna,\nLe chiediamo scusa. Proteggere i Suoi dati era compito nostro, e non ci siamo riusciti.\n1) Cambi la password.\n2) Controlli gli estratti conto.\nDistinti saluti",
			"Gentile Anna,\nI Suoi dati potrebbero essere stati esposti. In via del tutto precauzionale Le scriviamo: non abbiamo evidenza di abusi.\nDistinti saluti",
			[]string{"potrebbero essere stati", "in via del tutto precauzionale", "non abbiamo evidenza"}},
		{"fr",
			"Madame, Monsieur,\nNous vous présentons nos excuses. Il nous revenait de protéger vos données, et nous n’y sommes pas parvenus.\n1. Changez votre mot de passe.\n2. Surveillez vos relevés.\nVeuillez agréer, Madame, Monsieur, nos salutations.",
			"Madame, Monsieur,\nVos données pourraient avoir été consultées. Par mesure de précaution, nous vous écrivons : nous prenons très au sérieux la protection de vos données.\nVeuillez agréer, Madame, Monsieur, nos salutations.",
			[]string{"pourraient avoir été", "par mesure de précaution", "nous prenons très au sérieux"}},
		{"ru",
			"Здравствуйте, Анна!\nПриносим Вам свои извинения. Защищать Ваши данные — наша обязанность, и мы с ней не справились.\n1. Смените пароль.\n2. Проверьте выписки.\nС уважением,",
			"Здравствуйте, Анна!\nК сожалению, Ваши данные могли быть скопированы. Мы серьёзно относимся к защите данных, и нет доказательств их использования.\nС уважением,",
			[]string{"могли быть", "мы серьезно относимся", "нет доказательств"}},
		{"zh",
			"尊敬的李明：\n对此，我们深表歉意。保护您的信息是我们的责任，这一次我们没有做到。\n1. 请修改密码。\n2. 请核对账单。\n此致敬礼！",
			"尊敬的李明：\n您的信息可能已被泄露。我们非常重视您的隐私，目前没有证据表明信息被滥用。\n此致敬礼！",
			[]string{"可能已被", "我们非常重视", "没有证据表明"}},
	}
	for _, tt := range tests {
		r, err := Analyze(tt.lang, tt.good)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Apology || !r.Ownership || !r.NumberedSteps || r.Steps != 2 || len(r.Hedges) != 0 {
			t.Errorf("%s good letter: apology %v ownership %v steps %v (%d) hedges %+v; want all found, no hedge",
				tt.lang, r.Apology, r.Ownership, r.NumberedSteps, r.Steps, r.Hedges)
		}
		codes := warningCodes(r)
		for _, c := range []string{CodeNoApology, CodeNoNumberedSteps, CodeHedge} {
			if slices.Contains(codes, c) {
				t.Errorf("%s good letter: warning %s", tt.lang, c)
			}
		}

		r, _ = Analyze(tt.lang, tt.bad)
		if r.Apology || r.Ownership || r.NumberedSteps {
			t.Errorf("%s bad letter: apology %v (%q) ownership %v (%q) steps %v; want none",
				tt.lang, r.Apology, r.ApologySentence, r.Ownership, r.OwnershipSentence, r.NumberedSteps)
		}
		var phrases []string
		for _, h := range r.Hedges {
			phrases = append(phrases, h.Phrase)
		}
		for _, want := range tt.hedges {
			if !slices.Contains(phrases, want) {
				t.Errorf("%s bad letter: hedge %q not found (found %q)", tt.lang, want, phrases)
			}
		}
		codes = warningCodes(r)
		for _, c := range []string{CodeNoApology, CodeNoNumberedSteps, CodeHedge} {
			if !slices.Contains(codes, c) {
				t.Errorf("%s bad letter: no %s warning in %v", tt.lang, c, codes)
			}
		}
	}
}

func TestPhraseMatching(t *testing.T) {
	tests := []struct {
		zh         bool
		text, ph   string
		want       bool
		commentary string
	}{
		{false, "your data may have been read", "may have been", true, "whole words"},
		{false, "to our dismay have been told", "may have been", false, "not inside a word"},
		{false, "we apologise.", "apologi*", true, "stem"},
		{false, "our apologies", "apologi*", true, "stem, other ending"},
		{false, "we are sorrowful", "sorry", false, "different word"},
		{false, "nous n'y sommes pas parvenus", "nous n'y sommes pas parvenus", true, "apostrophe"},
		{false, "к сожалению, данные утекли", "сожаление", false, "'unfortunately' is no apology"},
		{true, "对此，我们深表歉意。", "歉意", true, "Chinese substring"},
	}
	for _, tt := range tests {
		if got := containsPhrase(tt.zh, foldText(tt.text), foldText(tt.ph)); got != tt.want {
			t.Errorf("containsPhrase(%q, %q) = %v, want %v (%s)", tt.text, tt.ph, got, tt.want, tt.commentary)
		}
	}
	// Folding: curly apostrophes, ё, case.
	if got := foldText("Nous N’y Sommes  PAS — Серьёзно"); got != "nous n'y sommes pas — серьезно" {
		t.Errorf("foldText = %q", got)
	}
}

func TestPhrasesFile(t *testing.T) {
	for _, lang := range Languages() {
		hedges, apology, ownership, err := Phrases(lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(hedges) < 10 || len(apology) < 2 || len(ownership) < 5 {
			t.Errorf("%s: %d hedges, %d apology and %d ownership phrases; the list looks truncated", lang, len(hedges), len(apology), len(ownership))
		}
		for _, list := range [][]string{hedges, apology, ownership} {
			for _, p := range list {
				if p == "" || p != foldText(p) || strings.Count(p, "*") > 1 || strings.Contains(strings.TrimSuffix(p, "*"), "*") {
					t.Errorf("%s: phrase %q is not folded or has a misplaced *", lang, p)
				}
			}
		}
	}
	if _, _, _, err := Phrases("de"); err == nil {
		t.Error("Phrases(de): no error")
	}
}

func TestWarningsMessages(t *testing.T) {
	r, _ := Analyze("it", "Gentile Anna,\nI Suoi dati potrebbero essere stati esposti in un attacco informatico estremamente complesso, e la nostra società, pur avendo adottato tutte le misure tecniche e organizzative adeguate previste dalla normativa vigente, non ha potuto impedirlo.\nDistinti saluti")
	ws := r.Warnings()
	if len(ws) == 0 || ws[0].Code != CodeReadability {
		t.Fatalf("warnings = %v, want the readability warning first", ws)
	}
	for _, w := range ws {
		if w.Message == "" || w.String() == "" {
			t.Errorf("empty message in %+v", w)
		}
	}
	if !strings.Contains(ws[0].Message, "Gulpease") || !strings.Contains(ws[0].Message, "60") {
		t.Errorf("readability message %q does not name the index and threshold", ws[0].Message)
	}
}
