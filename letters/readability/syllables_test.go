package readability

import "testing"

func TestSyllablesEN(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"a", 1}, {"the", 1}, {"cat", 1}, {"make", 1}, {"makes", 1}, {"these", 1}, {"there", 1},
		{"table", 2}, {"tables", 2}, {"little", 2}, {"people", 2}, {"simple", 2}, {"smile", 1},
		{"used", 1}, {"asked", 1}, {"switched", 1}, {"wanted", 2}, {"needed", 2}, {"received", 2},
		{"exposed", 2}, {"involved", 2}, {"deleted", 3}, {"uses", 2}, {"pages", 2}, {"changes", 2},
		{"watches", 2}, {"types", 1}, {"services", 3}, {"messages", 3},
		{"safely", 2}, {"completely", 3}, {"statement", 2}, {"statements", 2}, {"management", 3},
		{"enforcement", 3}, {"careful", 2}, {"useful", 2}, {"agreement", 3},
		{"trial", 2}, {"media", 3}, {"social", 2}, {"financial", 3}, {"specialists", 3},
		{"period", 3}, {"radio", 3}, {"nation", 2}, {"million", 2}, {"violation", 4},
		{"various", 3}, {"precious", 2}, {"actual", 3}, {"usually", 4}, {"language", 2},
		{"quality", 3}, {"easier", 3}, {"being", 2}, {"seeing", 2}, {"going", 2}, {"paying", 2},
		{"you", 1}, {"your", 1}, {"yourself", 2}, {"beyond", 2}, {"day", 1}, {"type", 1},
		{"value", 2}, {"issue", 2}, {"true", 1},
		{"information", 4}, {"unauthorized", 4}, {"identity", 4}, {"activation", 4},
		{"verification", 5}, {"notification", 5}, {"protection", 3}, {"security", 4},
		{"password", 2}, {"breach", 1}, {"email", 2}, {"account", 2}, {"anything", 3},
		{"recognize", 3}, {"careful", 2}, {"example", 3}, {"already", 3}, {"whose", 1},
		{"someone", 2}, {"every", 2}, {"business", 2}, {"February", 4},
		{"two-step", 2}, {"driver's", 2}, {"don't", 1},
	}
	for _, tt := range tests {
		if got := wordSyllables(profiles["en"], tt.word); got != tt.want {
			t.Errorf("syllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestSyllablesFR(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"le", 1}, {"de", 1}, {"une", 1}, {"vous", 1}, {"que", 1}, {"quelque", 1}, {"banque", 1},
		{"personne", 2}, {"personnes", 2}, {"données", 2}, {"donnée", 2}, {"été", 2}, {"être", 1},
		{"équipe", 2}, {"sécurité", 4}, {"information", 4}, {"ancienne", 2}, {"système", 2},
		{"courriels", 2}, {"nouveau", 2}, {"utilisent", 3}, {"peuvent", 1}, {"contiennent", 2},
		{"client", 1}, {"souvent", 2}, {"incident", 3}, {"vraiment", 2}, {"moment", 2},
		{"aiment", 1}, {"naïf", 2}, {"aujourd'hui", 3}, {"guerre", 1}, {"y", 1}, {"l", 0}, {"qu", 0},
		{"SMS", 1}, {"2026", 1}, {"acme.example", 1},
	}
	for _, tt := range tests {
		if got := wordSyllables(profiles["fr"], tt.word); got != tt.want {
			t.Errorf("syllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestSyllablesRU(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"в", 0}, {"и", 1}, {"мы", 1}, {"данные", 3}, {"Ваши", 2}, {"ещё", 2}, {"её", 2},
		{"утечка", 3}, {"персональных", 4}, {"интернет-магазина", 7}, {"Несанкционированный", 8},
		{"подъезд", 2}, {"SMS", 1}, {"МФЦ", 1}, {"2026", 1}, {"Marco", 2}, {"Rossi", 2},
	}
	for _, tt := range tests {
		if got := wordSyllables(profiles["ru"], tt.word); got != tt.want {
			t.Errorf("syllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}
