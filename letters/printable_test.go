package letters

import (
	"slices"
	"sync"
	"testing"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

var loadFonts = sync.OnceValues(fonts.LoadFonts)

func TestPrintable(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	drawable := func(r rune) bool { return fs.FaceFor(r, false) != nil }
	tests := []struct {
		name, in, want string
		dropped        bool
	}{
		{"plain", "Jürgen Müller", "Jürgen Müller", false},
		{"CJK and Cyrillic", "王芳 Иван", "王芳 Иван", false},
		{"emoji between words", "Sofia 😀 Rossi", "Sofia Rossi", true},
		{"emoji last", "Zoé Martin 🙂", "Zoé Martin", true},
		{"BMP emoji with U+FE0F", "❤️ Anna", "Anna", true},
		{"BMP symbol a font draws", "Anna ☺ Neri", "Anna Neri", true},
		{"ZWJ sequence with skin tone", "Zoé 👩🏽‍💻 Martin", "Zoé Martin", true},
		{"flag", "Luca 🇮🇹 Ferrari", "Luca Ferrari", true},
		{"keycap", "Piano 1️⃣ B", "Piano B", true},
		{"copyright as emoji", "©️ Acme", "Acme", true},
		{"U+FFFD", "Jo\uFFFDo Silva", "Joo Silva", true},
		{"apostrophe, hyphen, degree, numero", "Marco D'Angelo-Bruno 3° № 5", "Marco D'Angelo-Bruno 3° № 5", false},
		{"Devanagari (no face)", "राहुल शर्मा", "", true},
		{"Hangul", "김민준", "김민준", false},
		{"Ethiopic (no face)", "አበበ በቀለ", "", true},
		{"Greek", "Γιώργος Παπαδόπουλος", "Γιώργος Παπαδόπουλος", false},
		{"Cyrillic", "Ђорђе Јовановић", "Ђорђе Јовановић", false},
		{"Hiragana and Katakana", "さくら タナカ", "さくら タナカ", false},
		{"Kanji with kana", "田中 さくら", "田中 さくら", false},
		{"Latin with diacritics", "Łukasz Dąbrowski Ærø", "Łukasz Dąbrowski Ærø", false},
		{"Hebrew (a face draws it, needs right to left)", "דוד כהן", "", true},
		{"Arabic (a face draws it, needs shaping)", "محمد علي", "", true},
		{"Thai (needs shaping)", "สมชาย", "", true},
		{"Bengali (needs shaping)", "রবি", "", true},
		{"mixed scripts keep what prints", "Rahul राहुल Sharma", "Rahul Sharma", true},
		{"street lines stay apart", "Via Roma 1 🏠\nScala B", "Via Roma 1\nScala B", true},
		{"a line that empties goes", "Via Roma 1\n🏠", "Via Roma 1", true},
		{"white space is a space, not a loss", "Anna\tNeri\u00a0Bianchi\r\nScala B", "Anna Neri Bianchi\nScala B", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dropped := printable(tt.in, drawable)
			if got != tt.want || dropped != tt.dropped {
				t.Errorf("printable(%q) = %q, %v; want %q, %v", tt.in, got, dropped, tt.want, tt.dropped)
			}
		})
	}
}

// TestPrintableWithoutFonts: without fonts only the Basic Multilingual
// Plane prints, and the emoji rule holds.
func TestPrintableWithoutFonts(t *testing.T) {
	for in, want := range map[string]string{"Zoé 🙂 Martin": "Zoé Martin", "❤️ Anna": "Anna", "王芳": "王芳", "a\u200db": "ab"} {
		if got, _ := printable(in, nil); got != want {
			t.Errorf("printable(%q, nil) = %q, want %q", in, got, want)
		}
	}
}

// TestLostScripts: the scripts named when letters are left out, one row
// per script; emoji and symbols are not letters lost.
func TestLostScripts(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	drawable := func(r rune) bool { return fs.FaceFor(r, false) != nil }
	tests := []struct {
		in   string
		want []string
	}{
		{"Via Roma 1", nil},
		{"Οδός Ερμού 12", nil},
		{"ул. Баумана, д. 44", nil},
		{"東京都 渋谷区 さくら タワー", nil},
		{"浦东新区世纪大道100号", nil},
		{"Via Roma 1 🏠", nil},
		{"서울특별시 강남구", nil},
		{"አዲስ አበባ", []string{"Ethiopic"}},
		{"नई दिल्ली", []string{"Devanagari"}},
		{"תל אביב", []string{"Hebrew"}},
		{"القاهرة", []string{"Arabic"}},
		{"กรุงเทพ", []string{"Thai"}},
		{"Rd ৫ ঢাকা", []string{"Bengali"}},
		{"አዲስ नई", []string{"Devanagari", "Ethiopic"}},
	}
	for _, tt := range tests {
		if got := lostScripts(tt.in, drawable); !slices.Equal(got, tt.want) {
			t.Errorf("lostScripts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
