package pdf

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
)

// TestFillInfo breaks texts of the info column, measured one unit a
// character: the label's words first, then between the incident and the
// customer id, then after an id's "-_./:" or at its spaces, and only then
// wherever the line is full.
func TestFillInfo(t *testing.T) {
	const nb = "\u00a0"
	uuid := "cd613e30-d8f1-6adf-91b7-584a2265b1f5"
	mono := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	tests := []struct {
		name, text, ref string
		width           float64
		want            []string
	}{
		{"fits", "Riferimento: INC-1" + nb + "/" + nb + "C-1", "INC-1" + nb + "/" + nb + "C-1", 40,
			[]string{"Riferimento: INC-1" + nb + "/" + nb + "C-1"}},
		{"reference whole on the next line", "Riferimento: INC-2026-0042" + nb + "/" + nb + "C-1001", "INC-2026-0042" + nb + "/" + nb + "C-1001", 25,
			[]string{"Riferimento:", "INC-2026-0042" + nb + "/" + nb + "C-1001"}},
		{"label words", "Номер уведомления: X" + nb + "/" + nb + "Y", "X" + nb + "/" + nb + "Y", 12,
			[]string{"Номер", "уведомления:", "X" + nb + "/" + nb + "Y"}},
		{"label without a space", "编号：INC-2026-0042" + nb + "/" + nb + "C-1", "INC-2026-0042" + nb + "/" + nb + "C-1", 20,
			[]string{"编号：", "INC-2026-0042" + nb + "/" + nb + "C-1"}},
		{"uuid", "Riferimento: INC-2026-0042" + nb + "/" + nb + uuid, "INC-2026-0042" + nb + "/" + nb + uuid, 30,
			[]string{"Riferimento:", "INC-2026-0042" + nb + "/", "cd613e30-d8f1-6adf-91b7-", "584a2265b1f5"}},
		{"no break points", "Ref: X" + nb + "/" + nb + strings.Repeat("A", 40), "X" + nb + "/" + nb + strings.Repeat("A", 40), 16,
			[]string{"Ref:", "X" + nb + "/", strings.Repeat("A", 16), strings.Repeat("A", 16), strings.Repeat("A", 8)}},
		{"cjk id", "Ref: X" + nb + "/" + nb + strings.Repeat("客户", 10), "X" + nb + "/" + nb + strings.Repeat("客户", 10), 8,
			[]string{"Ref:", "X" + nb + "/", "客户客户客户客户", "客户客户客户客户", "客户客户"}},
		{"spaces in an id", "Ref: X" + nb + "/" + nb + "ACME" + nb + "1234" + nb + "5678", "X" + nb + "/" + nb + "ACME" + nb + "1234" + nb + "5678", 10,
			[]string{"Ref:", "X" + nb + "/", "ACME" + nb + "1234", "5678"}},
		{"the incident id breaks too", "Ref: INC-2026-11-22-0042" + nb + "/" + nb + "C-1", "INC-2026-11-22-0042" + nb + "/" + nb + "C-1", 12,
			[]string{"Ref:", "INC-2026-11-", "22-0042" + nb + "/", "C-1"}},
		{"a date", "22 novembre 2026", "", 30, []string{"22 novembre 2026"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fillInfo(tt.text, tt.ref, tt.width, mono, 0)
			if !slices.Equal(got, tt.want) {
				t.Errorf("fillInfo(%q) =\n%q\nwant\n%q", tt.text, got, tt.want)
			}
			for _, s := range got {
				if mono(s) > tt.width {
					t.Errorf("line %q is wider than %v", s, tt.width)
				}
			}
		})
	}
}

// idCases are customer ids of every realistic length and kind; breaks
// says the id has break points, where alone its lines may end.
var idCases = []struct {
	name, id string
	breaks   bool
}{
	{"short", "C-1001", true},
	{"uuid", "cd613e30-d8f1-6adf-91b7-584a2265b1f5", true},
	{"64", strings.Repeat("ACME-", 12) + "1234", true},
	{"64 no breaks", strings.Repeat("0123456789abcdef", 4), false},
	{"200", strings.Repeat("urn:acme:customer:", 11) + "00", true},
	{"5000", strings.Repeat("0123456789", 500), false},
	{"cjk 64", strings.Repeat("客户编号", 16), false},
	{"cyrillic", "Клиент-" + strings.Repeat("Иванов-", 7) + "Петров", true},
	{"wide 64", strings.Repeat("Ｗ", 64), false},
}

// TestReferenceFitsTheInfoColumn renders letters in four languages on A4
// and Letter (California: 10 pt at least) to customers with ids of every
// length, and asserts that the info column (date and reference) stays in
// its column, above the body, says all of the date and the reference, and
// breaks an id only after its "-_./:" when it has them; that the PDF's
// text in the column holds the printed id; and, with a label so long that
// the column would reach the body, that the body moves down.
func TestReferenceFitsTheInfoColumn(t *testing.T) {
	e := loadEnv(t)
	for _, lang := range []string{"it", "zh", "ru", "en"} {
		for _, tc := range idCases {
			for _, longLabel := range []bool{false, true} {
				r := testPeople[lang]
				r.CustomerID = tc.id
				l := e.compose(t, r)
				if longLabel {
					l.RefLine = strings.Repeat("Numero di riferimento della presente comunicazione: ", 6) + strings.ReplaceAll(l.Reference, " ", "\u00a0")
				}
				t.Run(lang+"/"+tc.name+"/"+l.Paper+map[bool]string{true: "/long-label"}[longLabel], func(t *testing.T) {
					drawn, data, err := renderLines(t, l)
					if err != nil {
						t.Fatal(err)
					}
					info := checkInfoColumn(t, l, drawn)
					if tc.breaks {
						checkIDBreaks(t, l.PrintedID, info)
					}
					checkColumnText(t, data, l.PrintedID)
					if top := firstBodyTop(drawn); longLabel && top <= bodyTop(l.Paper)+1 {
						t.Errorf("a long label: the body starts at %.1f mm, not moved down from %v", top, bodyTop(l.Paper))
					}
				})
			}
		}
	}
}

// checkInfoColumn asserts the geometry and text of the info column and
// returns its lines.
func checkInfoColumn(t *testing.T, l *letters.Letter, drawn []drawnLine) []drawnLine {
	t.Helper()
	const eps = 1e-6
	pw := 210.0
	if l.Paper == "Letter" {
		pw = 215.9
	}
	var info []drawnLine
	var text strings.Builder
	for _, d := range drawn {
		if d.page == 0 && d.kind == "info" {
			if d.x0 < 125-eps || d.x1 > pw-marginRight+eps {
				t.Errorf("info line %q at %.1f..%.1f mm, outside the column 125..%v", d.text, d.x0, d.x1, pw-marginRight)
			}
			if n := len(info); n > 0 && d.top < info[n-1].bottom-eps {
				t.Errorf("info line %q overlaps the line above it", d.text)
			}
			info = append(info, d)
			text.WriteString(d.text)
		}
	}
	firstBody := firstBodyTop(drawn)
	if len(info) == 0 || firstBody < 0 {
		t.Fatalf("no info column (%d lines) or no body", len(info))
	}
	if bottom := info[len(info)-1].bottom; bottom+infoGap > firstBody+eps {
		t.Errorf("the info column ends at %.1f mm, the body starts at %.1f mm: less than %v mm apart", bottom, firstBody, infoGap)
	}
	if got, want := letters.Squeeze(text.String()), letters.Squeeze(l.Date+l.RefLine); got != want {
		t.Errorf("the info column says %q, want %q", got, want)
	}
	return info
}

// firstBodyTop is the top of the body's first line on the first page, in
// mm from the top; -1 if it has none.
func firstBodyTop(drawn []drawnLine) float64 {
	for _, d := range drawn {
		if d.page == 0 && d.kind == "body" {
			return d.top
		}
	}
	return -1
}

// checkIDBreaks asserts that the lines holding id end only after one of
// idBreakAfter or before the id.
func checkIDBreaks(t *testing.T, id string, info []drawnLine) {
	t.Helper()
	var joined strings.Builder
	var ends []int
	for _, d := range info {
		joined.WriteString(letters.Squeeze(d.text))
		ends = append(ends, joined.Len())
	}
	s := joined.String()
	at := strings.LastIndex(s, letters.Squeeze(id))
	if at < 0 {
		t.Fatalf("id %q not in the column %q", id, s)
	}
	for _, end := range ends[:len(ends)-1] {
		if end > at && end < at+len(letters.Squeeze(id)) && !strings.ContainsRune(idBreakAfter, rune(s[end-1])) {
			t.Errorf("the id breaks after %q", s[at:end])
		}
	}
}

// checkColumnText asserts that the text the PDF draws right of the
// address window on its first page, read top to bottom, holds id.
func checkColumnText(t *testing.T, data []byte, id string) {
	t.Helper()
	doc, err := pdftext.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var col strings.Builder
	for _, ln := range doc.Pages[0].TextLines() {
		for _, s := range ln.Spans {
			if s.X >= 125*ptPerMM-0.5 {
				col.WriteString(s.Text)
			}
		}
	}
	if !strings.Contains(letters.Squeeze(col.String()), letters.Squeeze(id)) {
		t.Errorf("the column's text %q does not hold the id %q", col.String(), id)
	}
}
