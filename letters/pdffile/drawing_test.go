package pdffile

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachnotice/breachnotice/letters/fonts"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/typeset"
)

// TestDrawingEmbedsTheFacesDrawn draws a line through WriteDrawing (as
// the board does): only the faces of the text drawn are embedded, each
// with its subset tag, the line advances by its Width, and the text reads
// back with every glyph present.
func TestDrawingEmbedsTheFacesDrawn(t *testing.T) {
	fs, err := fonts.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text  string
		bold  bool
		fonts []string // the fonts of the file, without their subset tags
	}{
		{"Roskomnadzor · Роскомнадзор", false, []string{"utf8dejavu"}},
		{"Deadlines · 北京数据科技有限公司", true, []string{"utf8dejavuB", "utf8notoscB"}},
	} {
		var buf bytes.Buffer
		err := WriteDrawing(&buf, fs, Drawing{Width: 841.89, Height: 595.28, Title: "t", Lang: "en"}, func(doc *fpdf.Fpdf, ts *typeset.Typesetter) error {
			ln := ts.Line(tt.text, 9, tt.bold)
			if end := ts.Draw(ln, 10, 20); math.Abs(end-10-ln.Width()) > 1e-9 || ln.Width() != ts.Width(tt.text, 9, tt.bold) {
				t.Errorf("%q: drawn to x %.3f, Width %.3f", tt.text, end, ln.Width())
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := pdftext.Parse(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range got.Fonts {
			tag, name, ok := strings.Cut(f.Name, "+")
			if !ok || len(tag) != 6 {
				t.Errorf("font %q has no subset tag", f.Name)
			}
			names = append(names, name)
		}
		slices.Sort(names)
		if !slices.Equal(names, tt.fonts) {
			t.Errorf("%q: fonts %q, want %q", tt.text, names, tt.fonts)
		}
		if text := strings.TrimSpace(got.Text()); text != tt.text {
			t.Errorf("text %q reads back as %q", tt.text, text)
		}
		if missing := got.MissingGlyphs; len(missing) > 0 {
			t.Errorf("%q: missing glyphs %v", tt.text, missing)
		}
	}
}
