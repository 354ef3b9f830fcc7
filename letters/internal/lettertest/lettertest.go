// Package lettertest loads what the letters tests share: an incident file,
// the embedded rules, the catalogs, the fonts and a PDF renderer.
package lettertest

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/breachnotice/breachnotice/jurisdictions"
	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/pdf"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// Env is everything a letter needs besides its recipient.
type Env struct {
	Incident *letters.Incident
	Rules    *rules.Set
	Catalogs locales.Catalogs
	Fonts    *fonts.Fonts
	PDF      *pdf.Renderer // renders in Fonts
}

// loadFonts loads the embedded fonts once per test binary: they are
// immutable and safe for concurrent use, and each load (inflating the CJK
// faces) takes a fifth of a second.
var loadFonts = sync.OnceValues(fonts.LoadFonts)

// Load reads the incident file at incidentPath and loads the embedded
// rules, catalogs and fonts; any failure ends the test.
func Load(t testing.TB, incidentPath string) Env {
	t.Helper()
	f, err := os.Open(incidentPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := letters.LoadIncident(filepath.Base(incidentPath), f)
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(jurisdictions.FS, "jurisdictions")
	if err != nil {
		t.Fatal(err)
	}
	cats, err := locales.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	return Env{Incident: in, Rules: set, Catalogs: cats, Fonts: fonts, PDF: pdf.NewRenderer(fonts)}
}
