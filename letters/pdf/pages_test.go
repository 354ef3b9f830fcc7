package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
)

// sweepLetter is a letter whose first section is words words long, so
// that what follows falls at every height of the page: a heading before a
// long paragraph, before numbered steps, before a list introduced by a
// colon, and the closing.
func sweepLetter(paper string, words int) *letters.Letter {
	l := windowLetter(paper, "Francesca Esposito", "Corso Umberto I 45", "80138 Napoli NA", "ITALIA")
	filler := strings.TrimSpace(strings.Repeat("parola ", words)) + "."
	long := strings.TrimSpace(strings.Repeat("Un paragrafo lungo che continua a lungo. ", 16))
	step := "Un passo che occupa circa due righe di testo, con qualche parola in più per andare a capo almeno una volta."
	l.Sections = []letters.Section{
		{Heading: "Che cosa è successo", Paragraphs: []letters.Paragraph{{Text: filler}}},
		{Heading: "Quali dati sono coinvolti", Paragraphs: []letters.Paragraph{{Text: "La violazione riguarda questi Suoi dati:"}, {Bullets: []string{"nome e cognome", "indirizzo e-mail", "password"}}}},
		{Heading: "Che cosa stiamo facendo", Paragraphs: []letters.Paragraph{{Text: long}}},
		{Heading: "Che cosa può fare", Paragraphs: []letters.Paragraph{{Steps: []string{step, step, step}}}},
		{Heading: "Per ulteriori informazioni", Paragraphs: []letters.Paragraph{{Text: long}, {Text: "Una riga."}}},
	}
	l.Closing = "Ci scusiamo ancora per l'accaduto e per la preoccupazione che può causarLe."
	l.SignOff = "Cordiali saluti"
	l.Signature = []string{"Marco Rossi", "Amministratore delegato", "Acme Retail S.p.A."}
	return l
}

// placedBlock is the block each line of pages belongs to, in order.
func placedBlocks(blocks []block, pages [][]pageLine) [][]int {
	var owner []int
	for i, b := range blocks {
		for range b.lines {
			owner = append(owner, i)
		}
	}
	out := make([][]int, len(pages))
	n := 0
	for p, pls := range pages {
		for range pls {
			out[p] = append(out[p], owner[n])
			n++
		}
	}
	return out
}

// checkPages asserts the pagination rules on one laid-out letter.
func checkPages(t *testing.T, blocks []block, pages [][]pageLine, ph float64) {
	t.Helper()
	owners := placedBlocks(blocks, pages)
	closing := closingGroup(blocks)
	perPage := map[[2]int]int{} // lines of block b on page p
	for p, os := range owners {
		if len(os) == 0 {
			t.Fatalf("page %d is empty", p+1)
		}
		for k, b := range os {
			perPage[[2]int{b, p}]++
			if y := pages[p][k].y; y > ph-bodyBottom {
				t.Errorf("page %d: a baseline at %.1f mm, below the text area", p+1, y)
			}
		}
		if last := os[len(os)-1]; blocks[last].keepNext && p < len(owners)-1 {
			t.Errorf("page %d ends with a kept-with-next block (%q)", p+1, blocks[last].lines[0].Text())
		}
	}
	for key, n := range perPage {
		b := blocks[key[0]]
		if n == len(b.lines) {
			continue
		}
		if len(b.lines) <= 3 {
			t.Errorf("block %q (%d lines) split across pages", b.lines[0].Text(), len(b.lines))
		} else if n < 2 {
			t.Errorf("page %d holds %d line of a %d-line paragraph (widow or orphan)", key[1]+1, n, len(b.lines))
		}
	}
	if last := owners[len(owners)-1]; len(owners) > 1 && last[0] >= closing {
		t.Errorf("the last page (%d) holds only the closing and the signature", len(owners))
	}
}

// TestPagination sweeps the body of a letter down the page, on A4 and on
// US Letter at the 10 pt minimum: no heading ends a page, no paragraph
// leaves a single line at a page's foot or head, short blocks are not
// split, and the closing never stands alone on the last page.
func TestPagination(t *testing.T) {
	fs := loadEnv(t).fonts
	for _, tc := range []struct {
		paper   string
		minFont float64
	}{{"A4", 0}, {"Letter", 10}} {
		pw, ph := pageSize(tc.paper)
		pw, ph = pw/ptPerMM, ph/ptPerMM
		pageCounts := map[int]int{}
		for words := 0; words <= 900; words += 3 {
			t.Run(fmt.Sprintf("%s/%d", tc.paper, words), func(t *testing.T) {
				l := sweepLetter(tc.paper, words)
				c := newCompositor(fs, nil, nil, tc.minFont)
				blocks := c.body(l, pw-marginLeft-marginRight)
				pages := paginate(blocks, l.Paper, ph)
				pageCounts[len(pages)]++
				checkPages(t, blocks, pages, ph)
			})
		}
		if len(pageCounts) < 2 {
			t.Errorf("%s: the sweep made only %v pages: it does not cross a page break", tc.paper, pageCounts)
		}
	}
}

// TestLettersKeepHeadingsWithText lays out the test readers' letters:
// the same rules hold for real letters in every language.
func TestLettersKeepHeadingsWithText(t *testing.T) {
	e := loadEnv(t)
	for _, lang := range testLangs {
		l := e.compose(t, testPeople[lang])
		pw, ph := pageSize(l.Paper)
		c := newCompositor(e.fonts, nil, nil, l.MinFont)
		blocks := c.body(l, pw/ptPerMM-marginLeft-marginRight)
		pages := paginate(blocks, l.Paper, ph/ptPerMM)
		t.Run(lang, func(t *testing.T) { checkPages(t, blocks, pages, ph/ptPerMM) })
	}
}
