package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// buildPDF assembles a PDF with a correct xref table from object bodies:
// objs[i] becomes object i+1. Object 1 must be the catalog. trailerExtra is
// added to the trailer dictionary.
func buildPDF(trailerExtra string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

// streamObj formats a stream object with the given extra dictionary entries.
func streamObj(extra, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", extra, len(data), data)
}

// onePage builds a one-page document whose page tree node carries the
// resources and MediaBox (so the page must inherit them). Objects: 1
// catalog, 2 pages, 3 page, 4 content, 5 Helvetica, then extra objects
// from 6 on.
func onePage(content, fonts string, extra ...string) []byte {
	if fonts == "" {
		fonts = "/F1 5 0 R"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] /Resources << /Font << " + fonts + " >> /XObject << /X1 6 0 R /X2 7 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		streamObj("", content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	return buildPDF("", append(objs, extra...)...)
}

func TestTextOperators(t *testing.T) {
	content := `
BT /F1 10 Tf 14 TL 72 700 Td (Line one)Tj T* (Line two)Tj (Line three)' 2 1 (Line four)" ET
BT 2 0 0 2 72 600 Tm /F1 10 Tf [(Big)-300(gap) -50 (s) 120 (!)] TJ ET
BT /F1 10 Tf 72 500 Td <48656C6C6F> Tj 30 0 Td (world) Tj ET
q 1 0 0 1 100 0 cm BT /F1 10 Tf 0 400 Td (Shifted) Tj ET Q
BT /F1 10 Tf 72 350 TD (after TD) Tj ET
BI /W 1 /H 1 /BPC 8 /CS /G ID ` + "\x00)(\xff" + ` EI
BT /F1 9 Tf 72 340 Td (after image) Tj ET
/X1 Do
`
	form := streamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 -100]",
		"BT /F1 12 Tf 72 300 Td (From form) Tj ET /X1 Do /X2 Do")
	// X2 draws X1 again: nested forms run, cycles are cut.
	form2 := streamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", "/X2 Do BT /F1 12 Tf 72 250 Td (Nested) Tj ET")
	doc := mustParse(t, onePage(content, "", form, form2))

	p := doc.Pages[0]
	if p.Width != 612 || p.Height != 792 {
		t.Errorf("size %v x %v, want inherited 612 x 792", p.Width, p.Height)
	}
	if doc.Lang != "en-GB" {
		t.Errorf("Lang = %q", doc.Lang)
	}
	type want struct {
		text       string
		x, y, size float64
	}
	wants := []want{
		{"Line one", 72, 700, 10},
		{"Line two", 72, 686, 10},
		{"Line three", 72, 672, 10},
		{"Line four", 72, 658, 10},
		{"Big gaps!", 72, 600, 20},
		{"Hello", 72, 500, 10},
		{"world", 102, 500, 10},
		{"Shifted", 100, 400, 10},
		{"after TD", 72, 350, 10},
		{"after image", 72, 340, 9},
		{"From form", 72, 200, 12},
		{"Nested", 72, 150, 12}, // X2 inside X1: the form's matrix still applies
	}
	if len(p.Spans) != len(wants) {
		t.Fatalf("got %d spans, want %d:\n%+v", len(p.Spans), len(wants), p.Spans)
	}
	for i, w := range wants {
		s := p.Spans[i]
		if s.Text != w.text || s.X != w.x || s.Y != w.y || s.Size != w.size || s.Font != "Helvetica" {
			t.Errorf("span %d = %+v, want %+v", i, s, w)
		}
	}
	// Helvetica widths: "Hello" is 2.278 em wide, 22.78pt at 10pt, plus
	// 5 x 1pt of character spacing still in effect from the " operator.
	if w := p.Spans[5].Width; w != 27.78 {
		t.Errorf("width of Hello = %v, want 27.78", w)
	}
	wantText := "Line one\nLine two\nLine three\nLine four\nBig gaps!\nHello world\nShifted\nafter TD\nafter image\nFrom form\nNested"
	if got := doc.Text(); got != wantText {
		t.Errorf("Text() = %q\nwant %q", got, wantText)
	}
}

func TestFontDecoding(t *testing.T) {
	toUni := streamObj("", "1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <01> <00660069> endbfchar")
	fonts := "/F1 5 0 R /T0 6 0 R /D1 7 0 R /U1 8 0 R /T3 10 0 R /TT 11 0 R /M1 13 0 R"
	content := `BT 12 TL 10 700 Td
/T0 10 Tf <00480069D83DDE00> Tj T*
/D1 10 Tf (ABC) Tj T*
/U1 10 Tf <0141> Tj T*
/T3 10 Tf (a) Tj T*
/TT 10 Tf (\200) Tj T*
/M1 10 Tf (\216) Tj T*
/Missing 10 Tf (\351t\351) Tj
ET`
	doc := mustParse(t, onePage(content, fonts,
		// 6: Type0 without ToUnicode: codes read as UTF-16BE.
		"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [9 0 R] >>",
		// 7: Differences over WinAnsiEncoding.
		"<< /Type /Font /Subtype /Type1 /BaseFont /Diff /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /Euro /uni0416 /eacute] >> >>",
		// 8: simple font with ToUnicode (ligature), text "fiA".
		"<< /Type /Font /Subtype /Type1 /BaseFont /Lig /ToUnicode 12 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /FontDescriptor 14 0 R /W [72 [500 600] 100 200 700] >>",
		"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FirstChar 97 /LastChar 97 /Widths [500] /CharProcs << >> /Encoding << /Differences [97 /a] >> >>",
		"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Embedded /FirstChar 128 /LastChar 128 /Widths [1000] /FontDescriptor 15 0 R >>",
		toUni,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Mac /Encoding /MacRomanEncoding >>",
		"<< /Type /FontDescriptor /FontName /NoMap >>",
		"<< /Type /FontDescriptor /FontName /ABCDEF+Embedded /FontFile2 16 0 R >>",
		streamObj("", "not really a font"),
	))
	want := "Hi😀\n€Жé\nfiA\na\n€\né\nété"
	if got := doc.Text(); got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
	// /W gives 500 for code 0x48 and 700 for 0x69; the surrogates use /DW.
	if w := doc.Pages[0].Spans[0].Width; w != 5+7+2*10 {
		t.Errorf("Type0 span width = %v, want 32 (from /W and /DW)", w)
	}
	wantFonts := map[string]Font{
		"Helvetica":       {"Helvetica", "Type1", false, false},
		"NoMap":           {"NoMap", "Type0", false, false},
		"Diff":            {"Diff", "Type1", false, false},
		"Lig":             {"Lig", "Type1", false, false},
		"T3":              {"T3", "Type3", true, false},
		"ABCDEF+Embedded": {"ABCDEF+Embedded", "TrueType", true, false},
		"Mac":             {"Mac", "Type1", false, false},
	}
	if len(doc.Fonts) != len(wantFonts) {
		t.Errorf("fonts %+v, want %d", doc.Fonts, len(wantFonts))
	}
	for _, f := range doc.Fonts {
		if wantFonts[f.Name] != f {
			t.Errorf("font %+v, want %+v", f, wantFonts[f.Name])
		}
	}
}

func TestInfoAndStructure(t *testing.T) {
	data := buildPDF("/Info 5 0 R",
		"<< /Type /Catalog /Pages 2 0 R >>",
		// Nested page tree, a page listed twice and a cycle back to the root.
		"<< /Type /Pages /Kids [3 0 R 6 0 R 3 0 R 2 0 R] /Count 2 /MediaBox [0 0 100 200] >>",
		"<< /Type /Page /Parent 2 0 R /Contents [4 0 R 4 0 R] /Resources << /Font << /F 7 0 R >> >> >>",
		streamObj("/Filter /ASCIIHexDecode", hexOf("BT /F 10 Tf 1 2 Td (x) Tj ET")+">"),
		"<< /Title <FEFF00E900E0> /Author (Jos\\351) /Keywords /NameValue /Count 3 /Producer 8 0 R >>",
		"<< /Type /Pages /Kids [9 0 R] /Count 1 /MediaBox [10 10 -90 510] >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
		"(indirect producer)",
		"<< /Type /Page /Contents 10 0 R /Resources << /Font << /F 7 0 R >> >> >>",
		streamObj("/Filter [/ASCII85Decode /FlateDecode]", a85Flate("BT /F 10 Tf 5 5 Td (y) Tj ET")),
	)
	doc := mustParse(t, data)
	if len(doc.Pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(doc.Pages))
	}
	if p := doc.Pages[1]; p.Width != 100 || p.Height != 500 {
		t.Errorf("page 2 size %v x %v, want 100 x 500", p.Width, p.Height)
	}
	// The same content stream twice: two overlapping spans, joined without
	// a space.
	if got := doc.Text(); got != "xx\fy" {
		t.Errorf("Text() = %q", got)
	}
	if s := doc.Pages[0].Spans[0]; s.Width != 6 {
		t.Errorf("Courier width %v, want 6", s.Width)
	}
	for k, v := range map[string]string{"Title": "éà", "Author": "José", "Keywords": "NameValue", "Producer": "indirect producer"} {
		if doc.Info[k] != v {
			t.Errorf("Info[%s] = %q, want %q", k, doc.Info[k], v)
		}
	}
	if _, ok := doc.Info["Count"]; ok {
		t.Error("non-text Info entries must be skipped")
	}
	if len(doc.Fonts) != 1 {
		t.Errorf("fonts %+v, want Courier once", doc.Fonts)
	}
}

func hexOf(s string) string { return fmt.Sprintf("%X", s) }

func TestErrors(t *testing.T) {
	page := func(content string) []byte { return onePage(content, "") }
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"unterminated string in content", page("BT /F1 9 Tf (abc Tj ET"), ErrCorrupt, "unterminated string"},
		{"unbalanced array in content", page("BT /F1 9 Tf [(a) Tj ET"), ErrCorrupt, "content stream"},
		{"bad flate", buildPDF("", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] >>",
			"<< /Type /Page /Contents 4 0 R >>", streamObj("/Filter /FlateDecode", "not zlib data")), ErrCorrupt, "flate"},
		{"unknown filter", buildPDF("", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] >>",
			"<< /Type /Page /Contents 4 0 R >>", streamObj("/Filter /JBIG2Decode", "xx")), ErrCorrupt, "unsupported filter"},
		{"no pages", buildPDF("", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] >>"), ErrCorrupt, "no pages"},
		{"no catalog", buildPDF("", "<< /Type /Pages >>"), ErrCorrupt, "catalog"},
		{"no EOF marker", []byte("%PDF-1.4\n1 0 obj << >> endobj\n"), ErrCorrupt, "EOF"},
		{"encrypted", buildPDF("/Encrypt << /Filter /Standard >>", "<< /Type /Catalog /Pages 2 0 R >>"), ErrEncrypted, "encrypted"},
		{"damaged page object", buildPDF("", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] >>",
			"<< /Type /Page /Contents [4 0 R >>"), ErrCorrupt, "object 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseStrict(tt.data)
			if err == nil {
				t.Fatalf("no error; text %q", doc.Text())
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "pdftext: ") {
				t.Errorf("error %q, want it to contain %q", err, tt.msg)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v does not wrap %v", err, tt.want)
			}
		})
	}
}

func TestDefaultLimits(t *testing.T) {
	want := limits{MaxInflated, MaxContent, MaxSpans, MaxText, MaxOperators, MaxFormRuns, MaxMissingGlyphs}
	if defaultLimits != want {
		t.Errorf("defaultLimits = %+v, want %+v", defaultLimits, want)
	}
}

func TestTooLarge(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("slow; TestWorkLimits checks the same with smaller limits")
	}
	// A flate stream inflating to more than MaxInflated bytes: the real
	// limit, to show the bomb is stopped without using much memory.
	big := flateRepeat("q Q ", MaxInflated/4+1024)
	data := buildPDF("", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] >>",
		"<< /Type /Page /Contents 4 0 R >>", streamObj("/Filter /FlateDecode", big))
	if len(data) > MaxInflated/100 {
		t.Fatalf("test file unexpectedly large: %d bytes", len(data))
	}
	_, err := parseStrict(data)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func TestObjectStreamsRecovered(t *testing.T) {
	// Objects 2-4 live in an object stream (object 5) that no xref
	// describes: the scan must find them.
	inner := "<< /Type /Pages /Kids [3 0 R] /MediaBox [0 0 50 50] >> << /Type /Page /Contents 6 0 R /Resources << /Font << /F 4 0 R >> >> >> << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
	o3 := strings.Index(inner, "<< /Type /Page ")
	o4 := strings.Index(inner, "<< /Type /Font")
	header := fmt.Sprintf("2 0 3 %d 4 %d ", o3, o4)
	data := buildPDF("", "<< /Type /Catalog /Pages 2 0 R >>",
		"null", "null", "null", // placeholders, removed from the xref below
		streamObj(fmt.Sprintf("/Type /ObjStm /N 3 /First %d /Filter /FlateDecode", len(header)), flateOf(header+inner)),
		streamObj("", "BT /F 10 Tf 1 1 Td (inside) Tj ET"))
	// Drop objects 2-4 from the file: replace their bodies by comments.
	for _, n := range []string{"2", "3", "4"} {
		data = bytes.Replace(data, []byte(n+" 0 obj\nnull\nendobj"), []byte("% removed   removed"), 1)
	}
	doc := mustParse(t, data)
	if got := doc.Text(); got != "inside" {
		t.Errorf("Text() = %q", got)
	}
	if doc.Pages[0].Width != 50 {
		t.Errorf("width %v", doc.Pages[0].Width)
	}
}

func TestWorkLimits(t *testing.T) {
	catalog := "<< /Type /Catalog /Pages 2 0 R >>"
	pages := "<< /Type /Pages /Kids [3 0 R] >>"
	page := func(content string) []byte {
		return buildPDF("", catalog, pages, "<< /Type /Page /Contents 4 0 R >>", streamObj("", content))
	}
	small := limits{inflated: 1 << 20, content: 1 << 20, spans: 100, text: 1000, ops: 10000, formRuns: 100}

	// One 64 KiB content stream listed 20 times.
	repeated := buildPDF("", catalog, pages,
		"<< /Type /Page /Contents ["+strings.Repeat("4 0 R ", 20)+"] >>",
		streamObj("/Filter /FlateDecode", flateRepeat(" ", 64<<10)))

	// Form XObjects nested as deep as allowed, each drawing the next 64
	// times: without limits this would run 64^8 forms.
	bomb := []string{catalog, pages, "<< /Type /Page /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>",
		streamObj("", "/X Do")}
	for k := 5; k < 5+maxFormDepth; k++ {
		bomb = append(bomb, streamObj(fmt.Sprintf("/Subtype /Form /Resources << /XObject << /X %d 0 R >> >>", k+1),
			strings.Repeat("/X Do ", 64)))
	}
	bomb = append(bomb, streamObj("/Subtype /Form", "BT ET"))

	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"inflated", buildPDF("", catalog, pages, "<< /Type /Page /Contents 4 0 R >>",
			streamObj("/Filter /FlateDecode", flateRepeat(" ", 2<<20))), "decompressed"},
		{"run length", buildPDF("", catalog, pages, "<< /Type /Page /Contents 4 0 R >>",
			streamObj("/Filter /RunLengthDecode", strings.Repeat("\x81 ", 20000))), "decompressed"},
		{"repeated contents", repeated, "content streams"},
		{"form bomb", buildPDF("", bomb...), "Form XObject"},
		{"operators", page(strings.Repeat("q Q ", 6000)), "operators"},
		{"spans", page("BT /F 1 Tf " + strings.Repeat("(a) Tj ", 101) + "ET"), "spans"},
		{"text", page("BT /F 1 Tf " + strings.Repeat("(aaaaaaaaaaaaaaaaaaaa) Tj ", 60) + "ET"), "text"},
		{"text in one span", page("BT /F 1 Tf [" + strings.Repeat("(aaaaaaaaaaaaaaaaaaaa) ", 60) + "] TJ ET"), "text"},
		{"text in one string", page("BT /F 1 Tf (" + strings.Repeat("a", 1200) + ") Tj ET"), "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name != "form bomb" { // the bomb exceeds the default limits too
				if _, err := parse(tt.data, defaultLimits, false); err != nil {
					t.Fatalf("with default limits: %v", err)
				}
			}
			_, err := parse(tt.data, small, false)
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want ErrTooLarge about %s", err, tt.msg)
			}
		})
	}
}

func TestStreamLengthRecovery(t *testing.T) {
	const content = "BT /F1 10 Tf 72 700 Td (length ok) Tj ET"
	for name, hdr := range map[string]string{
		"correct":         fmt.Sprintf("<< /Length %d >>", len(content)),
		"too long":        fmt.Sprintf("<< /Length %d >>", len(content)+500),
		"too short":       "<< /Length 3 >>",
		"negative":        "<< /Length -7 >>",
		"missing":         "<< >>",
		"indirect":        "<< /Length 6 0 R >>",
		"self-referenced": "<< /Length 4 0 R >>",
	} {
		t.Run(name, func(t *testing.T) {
			// Fonts given as a direct dictionary in the resources.
			data := buildPDF("",
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /MediaBox [0 0 200 200] >>",
				"<< /Type /Page /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Times-Bold >> >> >> >>",
				hdr+"\nstream\r\n"+content+"\r\nendstream",
				"null",
				fmt.Sprint(len(content)),
			)
			doc := mustParse(t, data)
			if got := doc.Text(); got != "length ok" {
				t.Errorf("Text() = %q", got)
			}
			if len(doc.Fonts) != 1 || doc.Fonts[0] != (Font{"Times-Bold", "Type1", false, false}) {
				t.Errorf("fonts %+v", doc.Fonts)
			}
		})
	}
}

func TestFilters(t *testing.T) {
	tests := []struct {
		name    string
		decode  func([]byte) ([]byte, error)
		in, out string
		ok      bool
	}{
		{"hex", asciiHexDecode, "41 42\n4>", "AB@", true},
		{"hex invalid", asciiHexDecode, "4X>", "", false},
		{"a85", ascii85Decode, "87cURD]i,\"Ebo80~>", "Hello World!", true},
		{"a85 z", ascii85Decode, "z~>", "\x00\x00\x00\x00", true},
		{"a85 partial", ascii85Decode, "9jqo^~>", "Man ", true},
		{"a85 truncated group", ascii85Decode, "9~>", "", false},
		{"a85 invalid", ascii85Decode, "9jqo{~>", "", false},
		{"a85 overflow", ascii85Decode, "uuuuu~>", "", false},
		{"rle", func(b []byte) ([]byte, error) { return runLengthDecode(b, 100) }, "\x02abc\xfeX\x80junk", "abcXXX", true},
		{"rle truncated", func(b []byte) ([]byte, error) { return runLengthDecode(b, 100) }, "\x05ab", "", false},
		{"rle limit", func(b []byte) ([]byte, error) { return runLengthDecode(b, 100) }, "\x81X\x81X", "", false},
	}
	for _, tt := range tests {
		got, err := tt.decode([]byte(tt.in))
		if (err == nil) != tt.ok || (tt.ok && string(got) != tt.out) {
			t.Errorf("%s: got %q, %v; want %q (ok=%v)", tt.name, got, err, tt.out, tt.ok)
		}
	}
}
