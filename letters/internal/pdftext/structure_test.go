package pdftext

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestMarkedContentAndStructure reads a two-page tagged document by hand:
// marked content (nested, an artifact, an MCID through a BMC), the
// structure tree with MCIDs on the element's page, a marked-content
// reference to the other page, a cycle in the tree, and a parent tree
// split into kids.
func TestMarkedContentAndStructure(t *testing.T) {
	doc, err := parseStrict(taggedPDF())
	if err != nil {
		t.Fatal(err)
	}
	var spans []string
	for _, p := range doc.Pages {
		for _, s := range p.Spans {
			spans = append(spans, fmt.Sprintf("%d:%s:%d:%v", p.Number, s.Text, s.MCID, s.Artifact))
		}
	}
	if want := []string{"1:Title:0:false", "1:first:1:false", "1:Page 1:-1:true", "1:loose:-1:false", "2:second:0:false"}; !slices.Equal(spans, want) {
		t.Errorf("spans %q, want %q", spans, want)
	}
	if !doc.Marked || doc.Structure == nil {
		t.Fatalf("Marked %v, structure %v", doc.Marked, doc.Structure)
	}
	if got, want := describe(doc.Structure, map[*StructElem]bool{}), "StructTreeRoot[Document[H1(A title)[1:0] P(fr)[1:1 2:0 Document]]]"; got != want {
		t.Errorf("tree %s, want %s", got, want)
	}
	docElem := doc.Structure.Kids[0].Elem
	h1, p := docElem.Kids[0].Elem, docElem.Kids[1].Elem
	if pp := doc.Pages[0].StructParents; len(pp) != 2 || pp[0] != h1 || pp[1] != p {
		t.Errorf("page 1's parents %v, want the H1 and the P of the tree", pp)
	}
	if pp := doc.Pages[1].StructParents; len(pp) != 1 || pp[0] != p {
		t.Errorf("page 2's parents %v, want the P of the tree", pp)
	}
}

// describe writes e's tree on one line, an element met again by name only.
func describe(e *StructElem, seen map[*StructElem]bool) string {
	s := e.Type
	if seen[e] {
		return s
	}
	seen[e] = true
	if e.Alt != "" || e.Lang != "" {
		s += "(" + e.Alt + e.Lang + ")"
	}
	var kids []string
	for _, k := range e.Kids {
		if k.Elem != nil {
			kids = append(kids, describe(k.Elem, seen))
		} else {
			kids = append(kids, fmt.Sprintf("%d:%d", k.Page, k.MCID))
		}
	}
	return s + "[" + strings.Join(kids, " ") + "]"
}

// taggedPDF is a two-page tagged document, made by hand.
func taggedPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> /StructTreeRoot 7 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 612 792] /Resources << /Font << /F1 6 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /Contents 5 0 R /StructParents 0 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 13 0 R /StructParents 1 >>",
		streamObj("", "/H1 <</MCID 0>> BDC BT /F1 10 Tf 72 700 Td (Title) Tj ET EMC\n"+
			"/P <</MCID 1>> BDC /Span BMC BT /F1 10 Tf 72 680 Td (first) Tj ET EMC EMC\n"+
			"/Artifact BMC BT /F1 10 Tf 72 20 Td (Page 1) Tj ET EMC\n"+
			"BT /F1 10 Tf 72 600 Td (loose) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /StructTreeRoot /K 8 0 R /ParentTree 11 0 R >>",
		"<< /S /Document /P 7 0 R /K [9 0 R 10 0 R] >>",
		"<< /S /H1 /P 8 0 R /Pg 3 0 R /K 0 /Alt (A title) >>",
		"<< /S /P /P 8 0 R /Pg 3 0 R /K [1 << /Type /MCR /Pg 4 0 R /MCID 0 >> 8 0 R] /Lang (fr) >>",
		"<< /Kids [12 0 R] >>",
		"<< /Nums [0 [9 0 R 10 0 R] 1 [10 0 R]] >>",
		streamObj("", "/P <</MCID 0>> BDC BT /F1 10 Tf 72 700 Td (second) Tj ET EMC EMC EMC"),
	}
	return buildPDF("", objs...)
}
