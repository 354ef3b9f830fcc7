package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
)

// mcKey is a marked-content sequence: page (from 1) and MCID.
type mcKey struct{ page, mcid int }

// markedText returns the text of each marked-content sequence of doc, and
// fails the test on text that is neither marked content nor an artifact.
func markedText(t *testing.T, doc *pdftext.Document) map[mcKey]string {
	t.Helper()
	text := map[mcKey]string{}
	for _, p := range doc.Pages {
		for _, s := range p.Spans {
			switch {
			case s.Artifact:
			case s.MCID < 0:
				t.Errorf("page %d: %q is neither tagged nor an artifact", p.Number, s.Text)
			default:
				text[mcKey{p.Number, s.MCID}] += s.Text
			}
		}
	}
	return text
}

// readAloud walks the structure tree in reading order as a screen reader
// does and returns what it meets: "Role" on entering an element that
// holds elements, "Role: text" for one that holds text (its marked
// content, squeezed); and each marked-content sequence's element, which
// it fails the test for meeting twice.
func readAloud(t *testing.T, e *pdftext.StructElem, text map[mcKey]string, seen map[mcKey]*pdftext.StructElem) []string {
	var out []string
	var own strings.Builder
	for _, k := range e.Kids {
		if k.Elem != nil {
			out = append(out, readAloud(t, k.Elem, text, seen)...)
			continue
		}
		key := mcKey{k.Page, k.MCID}
		if seen[key] != nil {
			t.Errorf("page %d MCID %d is referenced twice in the structure tree", k.Page, k.MCID)
		}
		seen[key] = e
		own.WriteString(text[key])
	}
	if own.Len() > 0 {
		return append([]string{e.Type + ": " + letters.Squeeze(own.String())}, out...)
	}
	return append([]string{e.Type}, out...)
}

// expectedReading is what readAloud should meet in l, from its texts.
func expectedReading(l *letters.Letter) []string {
	out := []string{"StructTreeRoot", "Document", "Div"}
	p := func(role string, texts ...string) {
		if s := letters.Squeeze(strings.Join(texts, "")); s != "" {
			out = append(out, role+": "+s)
		}
	}
	p("P", l.Brand)
	for _, s := range l.Letterhead {
		p("P", s)
	}
	out = append(out, "Div")
	if l.Paper != "Letter" { // a US window shows no return address
		p("P", l.ReturnAddress())
	}
	p("P", l.Address...)
	p("P", l.Date)
	p("P", l.RefLine)
	p("H1", l.Title)
	p("P", l.Salutation)
	p("P", l.Opening)
	for _, sec := range l.Sections {
		p("H2", sec.Heading)
		for _, para := range sec.Paragraphs {
			items, marker := para.Steps, ""
			if len(items) == 0 {
				items, marker = para.Bullets, "•"
			}
			if len(items) == 0 {
				p("P", para.Text)
				continue
			}
			out = append(out, "L")
			for i, s := range items {
				m := marker
				if m == "" {
					m = fmt.Sprintf("%d.", i+1)
				}
				out = append(out, "LI", "Lbl: "+m, "LBody: "+letters.Squeeze(s))
			}
		}
	}
	p("P", l.Closing)
	p("P", l.SignOff)
	p("P", l.Signature...)
	return out
}

// TestStructureTreeReadsTheLetterInOrder reads letters in every language
// back through their structure tree, as a screen reader does: the
// letterhead, the address block, the date and reference, the title (H1),
// the paragraphs, section headings (H2) and lists (L, LI, Lbl, LBody) in
// the letter's order; every MCID drawn on a page is referenced once by the
// tree and maps back to its element through the parent tree; page labels
// are artifacts; and the tree's text is the page's text in the order it
// is drawn.
func TestStructureTreeReadsTheLetterInOrder(t *testing.T) {
	e := loadEnv(t)
	split := 0 // elements whose text runs on to the next page
	for _, name := range append(testLangs, "it-long") {
		t.Run(name, func(t *testing.T) {
			lang, long := strings.CutSuffix(name, "-long")
			l := e.compose(t, testPeople[lang])
			if long { // an opening that runs on to the next page
				l.Opening = strings.Repeat(l.Opening+" ", 12)
			}
			doc, _ := e.renderDoc(t, l)
			if !doc.Marked || doc.Structure == nil {
				t.Fatalf("Marked %v, structure tree %v: not a tagged PDF", doc.Marked, doc.Structure != nil)
			}
			text := markedText(t, doc)
			seen := map[mcKey]*pdftext.StructElem{}
			got := readAloud(t, doc.Structure, text, seen)
			want := expectedReading(l)
			if !slices.Equal(got, want) {
				t.Errorf("read aloud:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			checkParentTree(t, doc, text, seen)
			checkDrawnOrder(t, doc, got)
			split += acrossPages(seen)
		})
	}
	if split < 1 {
		t.Error("no paragraph runs on to the next page, not even the long opening")
	}
}

// acrossPages counts the elements of seen with marked content on more
// than one page.
func acrossPages(seen map[mcKey]*pdftext.StructElem) int {
	first := map[*pdftext.StructElem]int{}
	split := map[*pdftext.StructElem]bool{}
	for k, el := range seen {
		if p, ok := first[el]; ok && p != k.page {
			split[el] = true
		}
		first[el] = k.page
	}
	return len(split)
}

// checkParentTree checks that each MCID on each page is in the tree and
// that the page's parent tree entry names the element holding it.
func checkParentTree(t *testing.T, doc *pdftext.Document, text map[mcKey]string, seen map[mcKey]*pdftext.StructElem) {
	t.Helper()
	for k := range text {
		if seen[k] == nil {
			t.Errorf("page %d MCID %d (%q) is not in the structure tree", k.page, k.mcid, text[k])
		}
	}
	for k, el := range seen {
		parents := doc.Pages[k.page-1].StructParents
		switch {
		case k.mcid >= len(parents):
			t.Errorf("page %d MCID %d: not in the parent tree (%d entries)", k.page, k.mcid, len(parents))
		case parents[k.mcid] != el:
			t.Errorf("page %d MCID %d: the parent tree names another element than the one holding it", k.page, k.mcid)
		}
	}
	for _, p := range doc.Pages {
		if n := len(p.StructParents); n != countPage(text, p.Number) {
			t.Errorf("page %d: %d parent tree entries for %d marked-content sequences", p.Number, n, countPage(text, p.Number))
		}
	}
}

func countPage(text map[mcKey]string, page int) int {
	n := 0
	for k := range text {
		if k.page == page {
			n++
		}
	}
	return n
}

// checkDrawnOrder checks that the tree's text, read aloud, is the text
// drawn, in the order drawn, without the artifacts, and that the
// artifacts are the page labels.
func checkDrawnOrder(t *testing.T, doc *pdftext.Document, read []string) {
	t.Helper()
	var drawn, aloud strings.Builder
	for _, p := range doc.Pages {
		var label strings.Builder
		for _, s := range p.Spans {
			if s.Artifact {
				label.WriteString(s.Text)
			} else {
				drawn.WriteString(s.Text)
			}
		}
		if !strings.Contains(label.String(), strconv.Itoa(p.Number)) {
			t.Errorf("page %d: artifacts %q, want the page label", p.Number, label.String())
		}
	}
	for _, s := range read {
		if _, text, ok := strings.Cut(s, ": "); ok {
			aloud.WriteString(text)
		}
	}
	if d := letters.Squeeze(drawn.String()); aloud.String() != d {
		t.Errorf("the tree reads\n%s\nthe pages draw\n%s", aloud.String(), d)
	}
}

// TestTaggedPDFIndependentReader has .ci/tagged-pdf.py, which reads with
// pikepdf (qpdf), walk the structure tree of a letter in each language;
// skipped without python3 and pikepdf (apt-get install python3-pikepdf).
func TestTaggedPDFIndependentReader(t *testing.T) {
	python := pikepdfPython(t)
	e := loadEnv(t)
	dir := t.TempDir()
	for _, lang := range testLangs {
		_, data := e.renderDoc(t, e.compose(t, testPeople[lang]))
		if err := os.WriteFile(filepath.Join(dir, lang+".pdf"), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(python, "../../.ci/tagged-pdf.py", dir).CombinedOutput()
	if err != nil || !strings.Contains(string(out), fmt.Sprintf("%d tagged PDFs checked, 0 failed", len(testLangs))) {
		t.Errorf("tagged-pdf.py: %v\n%s", err, out)
	}
}

// pikepdfPython returns a python3 that has pikepdf, or skips the test.
func pikepdfPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import pikepdf").Run() == nil {
			return p
		}
	}
	t.Skip("no python3 with pikepdf")
	return ""
}

// TestXMPMetadata reads the letter's XMP packet as XML: the title,
// author, language and dates of the information dictionary, the PDF/UA
// identification, and the Producer.
func TestXMPMetadata(t *testing.T) {
	e := loadEnv(t)
	l := e.compose(t, testPeople["fr"])
	_, data := e.renderDoc(t, l)
	head := []byte("/Type /Metadata /Subtype /XML /Length ")
	i := bytes.Index(data, head)
	if i < 0 {
		t.Fatal("no uncompressed XMP metadata stream")
	}
	var n int
	if _, err := fmt.Sscanf(string(data[i+len(head):]), "%d>>\nstream\n", &n); err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(data[i:], []byte("stream\n")) + i + len("stream\n")
	packet := data[start : start+n]
	if !bytes.Contains(data, []byte(fmt.Sprintf("/Metadata %d 0 R", objectAt(data, i)))) {
		t.Error("the catalog does not name the metadata stream")
	}
	got := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(packet))
	var path []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("XMP is not well-formed XML: %v\n%s", err, packet)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			path = append(path, tok.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				got[strings.Join(path[3:], "/")] = s
			}
		}
	}
	want := map[string]string{
		"format":             "application/pdf",
		"title/Alt/li":       l.Title + " - " + l.Brand,
		"creator/Seq/li":     l.LegalName,
		"description/Alt/li": l.RefLine,
		"language/Bag/li":    l.LanguageTag(),
		"CreateDate":         "2026-11-22T10:00:00+01:00",
		"ModifyDate":         "2026-11-22T10:00:00+01:00",
		"CreatorTool":        "breachnotice",
		"Producer":           "breachnotice",
		"part":               "1",
	}
	if !maps.Equal(got, want) {
		t.Errorf("XMP properties\n%q\nwant\n%q", got, want)
	}
}

// objectAt returns the number of the object whose dictionary is at i.
func objectAt(data []byte, i int) int {
	j := bytes.LastIndex(data[:i], []byte(" 0 obj"))
	k := bytes.LastIndexByte(data[:j], '\n')
	n, _ := strconv.Atoi(string(data[k+1 : j]))
	return n
}
