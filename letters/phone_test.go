package letters_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
)

func TestFormatPhone(t *testing.T) {
	tests := []struct {
		phone, region, reader, want string
	}{
		{"+39 02 1234 5678", "IT", "IT", "02 1234 5678"},
		{"+39 02 1234 5678", "IT", "FR", "+39 02 1234 5678"},
		{"02 1234 5678", "IT", "US", "+39 02 1234 5678"},
		{"+1 800 555 0100", "US", "US", "(800) 555-0100"},
		{"+1 800 555 0100", "US", "CA", "1 (800) 555-0100"}, // same numbering plan: dialled with the trunk prefix
		{"+33 1 23 45 67 89", "FR", "FR", "01 23 45 67 89"},
		{"+7 495 123-45-67", "RU", "RU", "8 (495) 123-45-67"},
		{"+86 21 5555 1234", "CN", "CN", "021 5555 1234"},
		{"+44 20 7946 0958", "GB", "GB", "020 7946 0958"},
		{"not a number", "IT", "IT", "not a number"},
	}
	// Twice: the second answers are the remembered ones.
	for range 2 {
		for _, tt := range tests {
			// The groups are joined by no-break spaces.
			if got := letters.FormatPhone(tt.phone, tt.region, tt.reader); got != strings.ReplaceAll(tt.want, " ", "\u00a0") {
				t.Errorf("FormatPhone(%q, %s, reader %s) = %q, want %q", tt.phone, tt.region, tt.reader, got, tt.want)
			}
		}
	}
}

func TestParsePhoneRejects(t *testing.T) {
	for _, s := range []string{"", "12", "+39 abc", "+999 1234"} {
		if _, err := letters.ParsePhone(s, "IT"); !errors.Is(err, letters.ErrPhone) {
			t.Errorf("ParsePhone(%q) error = %v, want ErrPhone", s, err)
		}
	}
}

// A number is written as the reader dials it.
func ExampleFormatPhone() {
	fmt.Printf("%q\n", letters.FormatPhone("+39 02 1234 5678", "IT", "IT"))
	fmt.Printf("%q\n", letters.FormatPhone("+39 02 1234 5678", "IT", "GB"))
	// Output:
	// "02\u00a01234\u00a05678"
	// "+39\u00a002\u00a01234\u00a05678"
}
