package letters

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/locales"
)

// TestFormatAddress: per destination, a domestic letter (sender in the same
// country) has no country line; any other ends with the country in the
// sender's language, in Latin capitals. Names come from the catalogs.
func TestFormatAddress(t *testing.T) {
	cats, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	// The sender's country and the language its post reads.
	origin := map[string]string{"IT": "it", "FR": "fr", "GB": "en", "US": "en", "CA": "en", "DE": "en", "RU": "ru", "CN": "zh", "IN": "en", "BR": "en", "JP": "en", "": "en"}
	tests := []struct {
		name string
		from string
		r    customers.Person
		want []string
	}{
		// Italy: no "ITALIA" on a letter from Italy.
		{"IT domestic", "IT", customers.Person{FullName: "Francesca Esposito", Street: "Corso Umberto I 45", PostalCode: "80138", City: "Napoli", Region: "NA", Country: "IT"},
			[]string{"Francesca Esposito", "Corso Umberto I 45", "80138 Napoli NA"}},
		{"IT from France", "FR", customers.Person{FullName: "Francesca Esposito", Street: "Corso Umberto I 45", PostalCode: "80138", City: "Napoli", Region: "na", Country: "IT"},
			[]string{"Francesca Esposito", "Corso Umberto I 45", "80138 Napoli NA", "ITALIE"}},
		{"IT region name not printed", "IT", customers.Person{FullName: "Anna Bianchi", Street: "Via Roma 1", PostalCode: "20121", City: "Milano", Region: "Lombardia", Country: "IT"},
			[]string{"Anna Bianchi", "Via Roma 1", "20121 Milano"}},
		// France: the last line in capitals, no accents or hyphens.
		{"FR domestic", "FR", customers.Person{FullName: "Chloé Laurent", Street: "25 cours Mirabeau", PostalCode: "13100", City: "Aix-en-Provence", Country: "FR"},
			[]string{"Chloé Laurent", "25 cours Mirabeau", "13100 AIX EN PROVENCE"}},
		{"FR from Italy", "IT", customers.Person{FullName: "Élodie Fournier", Street: "11 rue des Carmes", PostalCode: "45000", City: "Orléans", Country: "FR"},
			[]string{"Élodie Fournier", "11 rue des Carmes", "45000 ORLEANS", "FRANCIA"}},
		// Germany: "PLZ Ort", no state.
		{"DE from Italy", "IT", customers.Person{FullName: "Jürgen Müller", Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin", Region: "BE", Country: "DE"},
			[]string{"Jürgen Müller", "Hauptstraße 5", "10115 Berlin", "GERMANIA"}},
		{"DE domestic", "DE", customers.Person{FullName: "Jürgen Müller", Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin", Region: "Berlin", Country: "DE"},
			[]string{"Jürgen Müller", "Hauptstraße 5", "10115 Berlin"}},
		// United Kingdom.
		{"GB from Italy", "IT", customers.Person{FullName: "Oliver Smith", Street: "10 Downing Street", PostalCode: "sw1a2aa", City: "London", Country: "GB"},
			[]string{"Oliver Smith", "10 Downing Street", "LONDON", "SW1A 2AA", "REGNO UNITO"}},
		{"GB domestic", "GB", customers.Person{FullName: "Oliver Smith", Street: "10 Downing Street", PostalCode: "SW1A 2AA", City: "London", Country: "GB"},
			[]string{"Oliver Smith", "10 Downing Street", "LONDON", "SW1A 2AA"}},
		// United States.
		{"US from Italy", "IT", customers.Person{FullName: "Jessica Nguyen", Street: "88 Santa Clara St", PostalCode: "95113", City: "San Jose", Region: "CA", Country: "US"},
			[]string{"Jessica Nguyen", "88 Santa Clara St", "San Jose, CA 95113", "STATI UNITI"}},
		{"US domestic", "US", customers.Person{FullName: "王伟", Street: "1 Main St", PostalCode: "10001", City: "New York", Region: "NY", Country: "US"},
			[]string{"王伟", "1 Main St", "New York, NY 10001"}},
		{"US from China: English, not 美国", "CN", customers.Person{FullName: "王伟", Street: "1 Main St", PostalCode: "10001", City: "New York", Region: "NY", Country: "US"},
			[]string{"王伟", "1 Main St", "New York, NY 10001", "UNITED STATES"}},
		// Canada, Québec too: "CITY PROVINCE  POSTAL CODE".
		{"CA Québec from Italy", "IT", customers.Person{FullName: "Émilie Tremblay", Street: "10-123 rue Sainte-Catherine O", PostalCode: "h3z2y7", City: "Montréal", Region: "qc", Country: "CA"},
			[]string{"Émilie Tremblay", "10-123 rue Sainte-Catherine O", "MONTRÉAL QC\u00a0 H3Z\u00a02Y7", "CANADA"}},
		{"CA domestic", "CA", customers.Person{FullName: "Liam Wilson", Street: "111 Wellington St", PostalCode: "K1A 0A9", City: "Ottawa", Region: "ON", Country: "CA"},
			[]string{"Liam Wilson", "111 Wellington St", "OTTAWA ON\u00a0 K1A\u00a00A9"}},
		// Russia: from abroad the country is the last line, below the postcode.
		{"RU from Italy", "IT", customers.Person{FullName: "Jürgen Müller", Street: "ул. Баумана, д. 44", PostalCode: "420111", City: "Казань", Region: "Республика Татарстан", Country: "RU"},
			[]string{"Jürgen Müller", "ул. Баумана, д. 44", "Казань", "Республика Татарстан", "420111", "RUSSIA"}},
		{"RU from China", "CN", customers.Person{FullName: "Иван Петров", Street: "ул. Тверская, д. 7, кв. 12", PostalCode: "125009", City: "Москва", Country: "RU"},
			[]string{"Иван Петров", "ул. Тверская, д. 7, кв. 12", "Москва", "125009", "RUSSIA"}},
		{"RU domestic", "RU", customers.Person{FullName: "Иван Петров", Street: "ул. Тверская, д. 7, кв. 12", PostalCode: "125009", City: "Москва", Country: "RU"},
			[]string{"Иван Петров", "ул. Тверская, д. 7, кв. 12", "Москва", "125009"}},
		// China.
		{"CN from Italy", "IT", customers.Person{FullName: "王芳", Street: "浦东新区世纪大道100号", PostalCode: "200120", City: "上海市", Country: "CN"},
			[]string{"200120", "中国上海市", "浦东新区世纪大道100号", "王芳", "CINA"}},
		{"CN municipality named twice", "IT", customers.Person{FullName: "刘洋", Street: "朝阳区建国路88号", PostalCode: "100022", City: "北京", Region: "北京市", Country: "CN"},
			[]string{"100022", "中国北京市", "朝阳区建国路88号", "刘洋", "CINA"}},
		{"CN city in the street too", "GB", customers.Person{FullName: "刘洋", Street: "北京市朝阳区建国路88号", PostalCode: "100022", City: "北京市", Region: "北京", Country: "CN"},
			[]string{"100022", "中国北京市", "朝阳区建国路88号", "刘洋", "CHINA"}},
		{"CN domestic", "CN", customers.Person{FullName: "李娜", Street: "天河区体育西路1号", PostalCode: "510620", City: "广州市", Region: "广东省", Country: "CN"},
			[]string{"510620", "广东省广州市", "天河区体育西路1号", "李娜"}},
		{"CN in Latin script", "US", customers.Person{FullName: "Li Zhimin", Street: "63 Renmin Lu", PostalCode: "266033", City: "Qingdao", Region: "Shandong", Country: "CN"},
			[]string{"Li Zhimin", "63 Renmin Lu", "Qingdao, Shandong 266033", "CHINA"}},
		// India: "City PIN", then the state's name.
		{"IN from Italy", "IT", customers.Person{FullName: "Priya Sharma", Street: "12 MG Road\nShivajinagar", PostalCode: "560001", City: "Bengaluru", Region: "KA", Country: "IN"},
			[]string{"Priya Sharma", "12 MG Road\nShivajinagar", "Bengaluru 560001", "Karnataka", "INDIA"}},
		{"IN domestic, state by name", "IN", customers.Person{FullName: "Rahul Mehta", Street: "5 Marine Drive", PostalCode: "400020", City: "Mumbai", Region: "Maharashtra", Country: "IN"},
			[]string{"Rahul Mehta", "5 Marine Drive", "Mumbai 400020", "Maharashtra"}},
		// Brazil: street, number; bairro; "CEP Cidade-UF".
		{"BR from Italy", "IT", customers.Person{FullName: "Ana Souza", Street: "Av. Paulista, 1578\nBela Vista", PostalCode: "01310200", City: "São Paulo", Region: "sp", Country: "BR"},
			[]string{"Ana Souza", "Av. Paulista, 1578\nBela Vista", "01310-200 São Paulo-SP", "BRASILE"}},
		{"BR domestic", "BR", customers.Person{FullName: "Ana Souza", Street: "Rua Augusta, 1500, apto 12\nConsolação", PostalCode: "01304-001", City: "São Paulo", Region: "SP", Country: "BR"},
			[]string{"Ana Souza", "Rua Augusta, 1500, apto 12\nConsolação", "01304-001 São Paulo-SP"}},
		// Japan: by the script of the data.
		{"JP in Japanese script from Italy", "IT", customers.Person{FullName: "山田太郎", Street: "銀座5-2-1", PostalCode: "104-0061", City: "中央区", Region: "東京都", Country: "JP"},
			[]string{"〒104-0061", "東京都中央区", "銀座5-2-1", "山田太郎", "GIAPPONE"}},
		{"JP in Japanese script, domestic", "JP", customers.Person{FullName: "山田太郎", Street: "銀座5-2-1", PostalCode: "104-0061", City: "中央区", Region: "東京都", Country: "JP"},
			[]string{"〒104-0061", "東京都中央区", "銀座5-2-1", "山田太郎"}},
		{"JP prefecture not taken for its city's prefix", "JP", customers.Person{FullName: "山田花子", Street: "網野町1-2", PostalCode: "629-3101", City: "京丹後市", Region: "京都府", Country: "JP"},
			[]string{"〒629-3101", "京都府京丹後市", "網野町1-2", "山田花子"}},
		{"JP in Latin script", "US", customers.Person{FullName: "Taro Yamada", Street: "1-10-10 Shinjuku", PostalCode: "160-0023", City: "Shinjuku-ku", Region: "Tokyo", Country: "JP"},
			[]string{"Taro Yamada", "1-10-10 Shinjuku", "Shinjuku-ku, Tokyo 160-0023", "JAPAN"}},
		// Others.
		{"AU", "GB", customers.Person{FullName: "Charlotte Brown", Street: "Level 7 17 Jones St", PostalCode: "2060", City: "North Sydney", Region: "NSW", Country: "AU"},
			[]string{"Charlotte Brown", "Level 7 17 Jones St", "NORTH SYDNEY NSW 2060", "AUSTRALIA"}},
		{"country without a name in the catalog", "IT", customers.Person{FullName: "Ana Silva", Street: "Rua Augusta 10", PostalCode: "1100-053", City: "Lisboa", Country: "PT"},
			[]string{"Ana Silva", "Rua Augusta 10", "1100-053 Lisboa", "PORTUGAL"}},
		{"unknown country", "IT", customers.Person{FullName: "X Y", Street: "1 Road", City: "Town", Country: "ZZ"},
			[]string{"X Y", "1 Road", "Town", "ZZ"}},
		{"unknown sender: international", "", customers.Person{FullName: "Anna Bianchi", City: "Roma", Country: "IT"},
			[]string{"Anna Bianchi", "Roma", "ITALY"}},
		{"empty fields are left out", "IT", customers.Person{FullName: " Anna Bianchi ", City: "Roma", Country: "IT"},
			[]string{"Anna Bianchi", "Roma"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat := cats[origin[tt.from]]
			name := func(code string) string {
				if !cat.Has("country." + code) {
					return ""
				}
				s, err := cat.Text("country."+code, map[string]any{})
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			got := FormatAddress(tt.r, tt.from, name)
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
