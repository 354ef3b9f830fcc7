package locales

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestFindDates: dates are found in every layout order a catalog has,
// with and without the year, and not inside other numbers or words.
func TestFindDates(t *testing.T) {
	cats, err := Load(FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang, text string
		want       []string // d/m/y, y 0 when not written
	}{
		{"en", "On 19 November our team found it.", []string{"19/11/0"}},
		{"en", "On November 19 our team found it; it began on October 28, 2026.", []string{"19/11/0", "28/10/2026"}},
		{"en", "Between 28 October and 19 November 2026.", []string{"28/10/0", "19/11/2026"}},
		{"en", "On the 19th November, and again on November 3rd.", []string{"19/11/0", "3/11/0"}},
		{"en", "Order 119 November-ish, room 19 Novembers.", nil},
		{"en", "Step 1 may help; on 1 May it began.", []string{"1/5/0"}},
		{"it", "Il 19 novembre e il 1º ottobre 2026.", []string{"19/11/0", "1/10/2026"}},
		{"it", "Dal 2 Novembre al 19 novembre 2026.", []string{"2/11/0", "19/11/2026"}},
		{"fr", "Le 19 novembre, puis le 1er décembre 2026.", []string{"19/11/0", "1/12/2026"}},
		{"fr", "Le 19\u00a0novembre\u00a02026.", []string{"19/11/2026"}},
		{"ru", "19 ноября наша служба обнаружила, что с 2 ноября 2026 г. данные копировались.", []string{"19/11/0", "2/11/2026"}},
		{"ru", "19\u00a0ноября 2026\u00a0г.", []string{"19/11/2026"}},
		{"zh", "11月19日，我们发现，自2026年11月2日起数据被复制。", []string{"19/11/0", "2/11/2026"}},
		{"zh", "第211月19日", nil},
		// Ranges within one month: the first (or last) day alone.
		{"en", "Between 3 and 14 November they copied it.", []string{"3/11/0", "14/11/0"}},
		{"en", "From November 3 to 14, 2026.", []string{"3/11/0", "14/11/0"}},
		{"en", "Between 3–14 November.", []string{"3/11/0", "14/11/0"}},
		{"en", "Step 2 on 19 November.", []string{"19/11/0"}},
		{"it", "Tra il 3 e il 14 novembre ha copiato i dati.", []string{"3/11/0", "14/11/0"}},
		{"it", "Dal 3 al 14 novembre 2026.", []string{"3/11/2026", "14/11/2026"}},
		{"fr", "Entre le 3 et le 14 novembre, puis du 3 au 14 novembre.", []string{"3/11/0", "14/11/0", "3/11/0", "14/11/0"}},
		{"ru", "С 3 по 14 ноября он скопировал часть данных.", []string{"3/11/0", "14/11/0"}},
		{"zh", "11月3日至14日期间，此人复制了资料。", []string{"3/11/0", "14/11/0"}},
	} {
		t.Run(tt.lang+" "+tt.text, func(t *testing.T) {
			var got []string
			for _, d := range cats[tt.lang].FindDates(tt.text) {
				got = append(got, fmt.Sprintf("%d/%d/%d", d.Day, d.Month, d.Year))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindDates = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFindDatesReadsWhatDateWrites: every date the catalog writes, in
// every country layout, is found again.
func TestFindDatesReadsWhatDateWrites(t *testing.T) {
	cats, err := Load(FS())
	if err != nil {
		t.Fatal(err)
	}
	for lang, c := range cats {
		for _, variant := range []string{"", "US", "CA", "GB"} {
			for m := 1; m <= 12; m++ {
				d := date(2026, m, 1+m%28)
				s := c.Date(d, variant)
				found := c.FindDates("x " + s + " x")
				if len(found) != 1 || found[0].Day != d.Day() || found[0].Month != m || found[0].Year != 2026 {
					t.Errorf("%s/%s: %q read as %+v", lang, variant, s, found)
				}
			}
		}
	}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
