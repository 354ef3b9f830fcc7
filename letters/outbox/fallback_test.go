package outbox_test

import (
	"testing"

	"github.com/breachnotice/breachnotice/letters/outbox"
)

func TestAddFallback(t *testing.T) {
	var fs []outbox.LanguageFallback
	for _, x := range [][2]string{{"pt-BR", "en"}, {"es", "en"}, {"de", "it"}, {"es-MX", "en"}, {"de", "en"}, {"pt", "en"}} {
		fs = outbox.AddFallback(fs, x[0], x[1])
	}
	if got, want := outbox.FallbacksText(fs), "de→en 1, de→it 1, es→en 2, pt→en 2"; got != want {
		t.Errorf("FallbacksText = %q, want %q", got, want)
	}
	if n := outbox.FallbackLetters(fs); n != 6 {
		t.Errorf("FallbackLetters = %d, want 6", n)
	}
	if outbox.FallbacksText(nil) != "" {
		t.Error("no fallbacks print something")
	}
}
