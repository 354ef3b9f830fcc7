package locales_test

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/breachnotice/breachnotice/locales"
)

func TestTexts(t *testing.T) {
	fsys := fstest.MapFS{"xx.toml": {Data: []byte("language = \"xx\"\n[messages.greet]\ntext = \"Grüß\"\n[[dates.months]]\nname = \"月\"\nlist = [\"α\", 3]\n")}}
	got, err := locales.Texts(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"language", "xx", "messages", "greet", "text", "Grüß", "dates", "months", "name", "月", "list", "α"} {
		if !slices.Contains(got, want) {
			t.Errorf("Texts lacks %q: %q", want, got)
		}
	}
	if _, err := locales.Texts(fstest.MapFS{"bad.toml": {Data: []byte("= x")}}); err == nil {
		t.Error("a broken catalog gave no error")
	}
	texts, err := locales.Texts(locales.FS())
	if err != nil || len(texts) < 100 {
		t.Fatalf("embedded catalogs: %d texts, %v", len(texts), err)
	}
}
