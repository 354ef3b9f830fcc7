package letters

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/customers"
)

func TestFormatAddress(t *testing.T) {
	// The country's name as a catalog gives it, in the letter's language.
	names := map[string]map[string]string{
		"it": {"IT": "Italia", "FR": "Francia", "DE": "Germania", "GB": "Regno Unito", "US": "Stati Uniti", "CN": "Cina", "RU": "Russia"},
		"en": {"US": "United States", "GB": "United Kingdom", "CA": "Canada", "AU": "Australia", "CN": "China", "JP": "Japan"},
		"fr": {"FR": "France", "CA": "Canada"},
		"zh": {"CN": "中国", "US": "美国"},
		"ru": {"RU": "Россия"},
	}
	tests := []struct {
		name string
		lang string
		r    customers.Person
		want []string
	}{
		{"IT", "it", customers.Person{FullName: "Francesca Esposito", Street: "Corso Umberto I 45", PostalCode: "80138", City: "Napoli", Region: "NA", Country: "IT"},
			[]string{"Francesca Esposito", "Corso Umberto I 45", "80138 Napoli NA", "ITALIA"}},
		{"FR", "fr", customers.Person{FullName: "Hugo Lefèvre", Street: "3 quai des Chartrons", PostalCode: "33000", City: "Bordeaux", Country: "FR"},
			[]string{"Hugo Lefèvre", "3 quai des Chartrons", "33000 Bordeaux", "FRANCE"}},
		{"DE", "it", customers.Person{FullName: "Jürgen Müller", Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin", Country: "DE"},
			[]string{"Jürgen Müller", "Hauptstraße 5", "10115 Berlin", "GERMANIA"}},
		{"GB", "en", customers.Person{FullName: "Oliver Smith", Street: "10 Downing Street", PostalCode: "sw1a2aa", City: "London", Country: "GB"},
			[]string{"Oliver Smith", "10 Downing Street", "LONDON", "SW1A 2AA", "UNITED KINGDOM"}},
		{"US", "en", customers.Person{FullName: "Jessica Nguyen", Street: "88 Santa Clara St", PostalCode: "95113", City: "San Jose", Region: "CA", Country: "US"},
			[]string{"Jessica Nguyen", "88 Santa Clara St", "San Jose, CA 95113", "UNITED STATES"}},
		{"US in Chinese", "zh", customers.Person{FullName: "王伟", Street: "1 Main St", PostalCode: "10001", City: "New York", Region: "NY", Country: "US"},
			[]string{"王伟", "1 Main St", "New York, NY 10001", "UNITED STATES"}},
		{"CA", "en", customers.Person{FullName: "Émilie Tremblay", Street: "10-123 Main St NW", PostalCode: "h3z2y7", City: "Montreal", Region: "qc", Country: "CA"},
			[]string{"Émilie Tremblay", "10-123 Main St NW", "Montreal QC  H3Z 2Y7", "CANADA"}},
		{"RU", "ru", customers.Person{FullName: "Jürgen Müller", Street: "ул. Баумана, д. 44", PostalCode: "420111", City: "Казань", Region: "Республика Татарстан", Country: "RU"},
			[]string{"Jürgen Müller", "ул. Баумана, д. 44", "Казань", "Республика Татарстан", "420111", "RUSSIA"}},
		{"RU in Italian", "it", customers.Person{FullName: "Ivan Petrov", Street: "ul. Tverskaya 1", PostalCode: "125009", City: "Moskva", Country: "RU"},
			[]string{"Ivan Petrov", "ul. Tverskaya 1", "Moskva", "125009", "RUSSIA"}},
		{"CN", "zh", customers.Person{FullName: "王芳", Street: "浦东新区世纪大道100号", PostalCode: "200120", City: "上海市", Country: "CN"},
			[]string{"200120", "中国上海市", "浦东新区世纪大道100号", "王芳", "CHINA"}},
		{"CN municipality named twice", "zh", customers.Person{FullName: "刘洋", Street: "朝阳区建国路88号", PostalCode: "100022", City: "北京市", Region: "北京", Country: "CN"},
			[]string{"100022", "中国北京市", "朝阳区建国路88号", "刘洋", "CHINA"}},
		{"CN with province, letter in Italian", "it", customers.Person{FullName: "李娜", Street: "天河区体育西路1号", PostalCode: "510620", City: "广州市", Region: "广东省", Country: "CN"},
			[]string{"510620", "广东省广州市", "天河区体育西路1号", "李娜", "CINA"}},
		{"CN in Latin script", "en", customers.Person{FullName: "Li Zhimin", Street: "63 Renmin Lu", PostalCode: "266033", City: "Qingdao", Region: "Shandong", Country: "CN"},
			[]string{"Li Zhimin", "63 Renmin Lu", "Qingdao, Shandong 266033", "CHINA"}},
		{"AU", "en", customers.Person{FullName: "Charlotte Brown", Street: "Level 7 17 Jones St", PostalCode: "2060", City: "North Sydney", Region: "NSW", Country: "AU"},
			[]string{"Charlotte Brown", "Level 7 17 Jones St", "NORTH SYDNEY NSW 2060", "AUSTRALIA"}},
		{"JP in Japanese script", "en", customers.Person{FullName: "山田太郎", Street: "銀座5-2-1", PostalCode: "104-0061", City: "中央区", Region: "東京都", Country: "JP"},
			[]string{"〒104-0061", "東京都中央区", "銀座5-2-1", "山田太郎", "JAPAN"}},
		{"JP in Latin script", "en", customers.Person{FullName: "Taro Yamada", Street: "1-10-10 Shinjuku", PostalCode: "160-0023", City: "Shinjuku-ku", Region: "Tokyo", Country: "JP"},
			[]string{"Taro Yamada", "1-10-10 Shinjuku", "Shinjuku-ku, Tokyo 160-0023", "JAPAN"}},
		{"country without a name in the catalog", "it", customers.Person{FullName: "Ana Silva", Street: "Rua Augusta 10", PostalCode: "1100-053", City: "Lisboa", Country: "PT"},
			[]string{"Ana Silva", "Rua Augusta 10", "1100-053 Lisboa", "PORTUGAL"}},
		{"unknown country", "it", customers.Person{FullName: "X Y", Street: "1 Road", City: "Town", Country: "ZZ"},
			[]string{"X Y", "1 Road", "Town", "ZZ"}},
		{"empty fields are left out", "it", customers.Person{FullName: " Anna Bianchi ", City: "Roma", Country: "IT"},
			[]string{"Anna Bianchi", "Roma", "ITALIA"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FormatAddress(tt.r, func(code string) string { return names[tt.lang][code] })
			if !slices.Equal(got, tt.want) {
				t.Errorf("FormatAddress =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestReturnAddressWrapsOnlyBetweenParts: the return line may break only
// after a separating dot (its parts' own spaces are no-break), so a long
// sender never leaves "Italia" alone on a line.
func TestReturnAddressWrapsOnlyBetweenParts(t *testing.T) {
	l := &Letter{LegalName: "Nordvento Viaggi S.r.l.", Letterhead: []string{"Nordvento Viaggi S.r.l.", "Corso Vittorio Emanuele II 74, 10121 Torino, Italia", "www.nordvento.example"}}
	got := l.ReturnAddress()
	for i, part := range strings.Split(got, " ") {
		if i > 0 && strings.HasPrefix(part, "·") {
			t.Errorf("a break is allowed before a dot in %q", got)
		}
	}
	if n := strings.Count(got, " "); n != 3 {
		t.Errorf("%q: %d breakable spaces, want 3 (one after each dot)", got, n)
	}
	if want := "Nordvento Viaggi S.r.l. · Corso Vittorio Emanuele II 74 · 10121 Torino · Italia"; strings.ReplaceAll(got, "\u00a0", " ") != want {
		t.Errorf("ReturnAddress = %q, want %q", got, want)
	}
}
