package readability

import (
	"fmt"
	"strings"
	"testing"
)

// kinds renders blocks compactly for comparison: "P:text", "H:text",
// "L1:text" (a numbered item), "L:text" (a bulleted item).
func kinds(bs []block) []string {
	var out []string
	for _, b := range bs {
		switch b.kind {
		case heading:
			out = append(out, "H:"+b.text)
		case listItem:
			if b.step > 0 {
				out = append(out, fmt.Sprintf("L%d:%s", b.step, b.text))
			} else {
				out = append(out, "L:"+b.text)
			}
		default:
			out = append(out, "P:"+b.text)
		}
	}
	return out
}

func layout(lang, text string) (body []string, salutation, signOff bool) {
	p := profiles[lang]
	lines, sal, sign := frame(p, splitLines(normalize(text)))
	return kinds(blocks(lines)), sal, sign
}

func TestBlocksFromWrappedPDFText(t *testing.T) {
	// A letter as pdftext extracts it: letterhead, address block, wrapped
	// paragraphs, headings, a bulleted and a numbered list, page footers
	// ("1/2" then a form feed) and a signature.
	text := "Acme\nAcme Retail S.p.A.\nVia Roma 1, 20121 Milano, Italia\nAlex Morgan 22 November 2026\nNotice of Data Breach\n" +
		"Dear Alex Morgan,\n" +
		"We are writing because some of your personal information was exposed in a data\n" +
		"breach at Acme. We are sorry.\n" +
		"What Happened\n" +
		"On 19 November our security team found that an old copy of our online shop was\n" +
		"still reachable from the internet. Someone used a flaw in that old system to copy\n" +
		"part of our customer list. Since then, some customers got fake emails pretending to come from\n" +
		"1/2\fAcme.\n" +
		"The breach involved this information about you:\n" +
		"• your name\n" +
		"• your email address\n" +
		"What You Can Do\n" +
		"1. Change your Acme password at https://www.acme.example. If you used the\n" +
		"same password anywhere else, change it there too.\n" +
		"2. Turn on two-step verification.\n" +
		"We have arranged 24 months of identity protection. To enroll, go to our website by\n" +
		"2027 and enter your activation code: SAMPLE-CODE-0000\n" +
		"For More Information\n" +
		"If you have any questions, please write to us at privacy@acme.example or call +39 02\n" +
		"1234 5678. We are sorry again.\n" +
		"Sincerely,\nMarco Rossi\nChief Executive Officer\n2/2"
	got, sal, sign := layout("en", text)
	want := []string{
		"P:We are writing because some of your personal information was exposed in a data breach at Acme. We are sorry.",
		"H:What Happened",
		"P:On 19 November our security team found that an old copy of our online shop was still reachable from the internet. Someone used a flaw in that old system to copy part of our customer list. Since then, some customers got fake emails pretending to come from Acme. The breach involved this information about you:",
		"L:your name",
		"L:your email address",
		"H:What You Can Do",
		"L1:Change your Acme password at https://www.acme.example. If you used the same password anywhere else, change it there too.",
		"L2:Turn on two-step verification. We have arranged 24 months of identity protection. To enroll, go to our website by 2027 and enter your activation code: SAMPLE-CODE-0000",
		"H:For More Information",
		"P:If you have any questions, please write to us at privacy@acme.example or call +39 02 1234 5678. We are sorry again.",
	}
	if !sal || !sign {
		t.Errorf("salutation %v, sign-off %v, want both found", sal, sign)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n got %q\nwant %q", got, want)
	}
}

func TestBlocksFromPlainText(t *testing.T) {
	// The email's text part: one paragraph per line, blank lines between,
	// hyphen bullets. Short lines are not taken for wrapped ones.
	text := "Dear Ann,\n\nWe are sorry.\n\nWhat happened\n\nSomeone copied our list.\n\nYou can:\n\n- change your password\n- call us\n\n1. Do this.\n2. Then this.\n\nSincerely,\nAcme"
	got, _, _ := layout("en", text)
	want := []string{"P:We are sorry.", "H:What happened", "P:Someone copied our list.", "P:You can:", "L:change your password", "L:call us", "L1:Do this.", "L2:Then this."}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n got %q\nwant %q", got, want)
	}
}

func TestBlocksKeepDashesAndNumbersInSentences(t *testing.T) {
	// A dash or a number wrapped to the start of a line is not a list item.
	text := "Защищать Ваши данные, которые Вы нам доверили при регистрации в магазине\n" +
		"— наша обязанность, и мы с ней не справились, о чём искренне сожалеем.\n" +
		"The unauthorized access took place between 2 November 2026 and 19 November\n" +
		"2026. We discovered it on 20 November 2026 and we wrote to you at once.\n"
	got, _, _ := layout("ru", text)
	if len(got) != 1 || !strings.HasPrefix(got[0], "P:") {
		t.Errorf("blocks = %q, want one paragraph", got)
	}
}

func TestBlocksFrenchAndChinese(t *testing.T) {
	// French: narrow no-break spaces before ":" and inside « », a page
	// footer between a sentence's lines.
	fr := "Madame, Monsieur,\n" +
		"Une personne qui détient ces données pourrait s'en servir pour vous envoyer de\n" +
		"faux messages très crédibles\u202f: méfiez-vous des courriels «\u202furgents\u202f». Les\n" +
		"Page 1 sur 3\fdonnées de votre carte pourraient servir à tenter des paiements en votre nom.\n" +
		"Ce que nous faisons\n" +
		"Nous avons arrêté l'ancien système le jour même.\n" +
		"Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n"
	got, sal, sign := layout("fr", fr)
	want := []string{
		"P:Une personne qui détient ces données pourrait s'en servir pour vous envoyer de faux messages très crédibles : méfiez-vous des courriels « urgents ». Les données de votre carte pourraient servir à tenter des paiements en votre nom.",
		"H:Ce que nous faisons",
		"P:Nous avons arrêté l'ancien système le jour même.",
	}
	if !sal || !sign || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fr: salutation %v sign-off %v blocks:\n got %q\nwant %q", sal, sign, got, want)
	}
	// Chinese: lines wrap inside words and are joined without a space.
	zh := "尊敬的李明：\n" +
		"我们特此致函告知：Acme发生了一起数据泄露事件，您的部分个人信息因此泄露。对此，我们\n" +
		"深表歉意。保护您的信息是我们的责任，这一次我们没有做到。本函将说明事件经过、对您的影\n" +
		"响以及您可以采取的措施。\n" +
		"发生了什么\n" +
		"有人复制了我们的部分客户名单。\n" +
		"此致敬礼！\n李明\n第1页，共1页"
	got, sal, sign = layout("zh", zh)
	want = []string{
		"P:我们特此致函告知：Acme发生了一起数据泄露事件，您的部分个人信息因此泄露。对此，我们深表歉意。保护您的信息是我们的责任，这一次我们没有做到。本函将说明事件经过、对您的影响以及您可以采取的措施。",
		"H:发生了什么",
		"P:有人复制了我们的部分客户名单。",
	}
	if !sal || !sign || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("zh: salutation %v sign-off %v blocks:\n got %q\nwant %q", sal, sign, got, want)
	}
}

func TestPageMarkers(t *testing.T) {
	for _, s := range []string{"1/2", "12 / 30", "Page 1 of 2", "Page 1 sur 3", "Pagina 2 di 3", "Страница 1 из 3", "第1页，共2页", "第 2 页", "- 3 -"} {
		if !pageMarker.MatchString(s) {
			t.Errorf("%q is not recognised as a page number", s)
		}
	}
	for _, s := range []string{"1/2 of the customers", "2026", "Page two", "24/7 support"} {
		if pageMarker.MatchString(s) {
			t.Errorf("%q taken for a page number", s)
		}
	}
}

func TestListMarkers(t *testing.T) {
	tests := []struct {
		line   string
		rest   string
		number int
		ok     bool
	}{
		{"1. Change your password", "Change your password", 1, true},
		{"2) Call us", "Call us", 2, true},
		{"(3) Call us", "Call us", 3, true},
		{"（4）请致电", "请致电", 4, true},
		{"1.请修改密码", "请修改密码", 1, true},
		{"2、请致电", "请致电", 2, true},
		{"三、请致电", "请致电", 3, true},
		{"十二、请致电", "请致电", 12, true},
		{"② 请致电", "请致电", 2, true},
		{"• your name", "your name", 0, true},
		{"1.5 million people", "1.5 million people", 0, false},
		{"2026. We discovered it", "2026. We discovered it", 0, false},
		{"acme.example; if in doubt", "acme.example; if in doubt", 0, false},
	}
	for _, tt := range tests {
		rest, n, ok := listMarker(tt.line, false)
		if rest != tt.rest || n != tt.number || ok != tt.ok {
			t.Errorf("listMarker(%q) = %q, %d, %v; want %q, %d, %v", tt.line, rest, n, ok, tt.rest, tt.number, tt.ok)
		}
	}
}
