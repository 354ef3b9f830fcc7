package audit

import (
	"slices"
	"testing"

	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
)

// TestTextOutsideTheTree: in a tagged letter, text that is neither marked
// content nor an artifact is a finding naming its page; tagged text and
// artifacts are not.
func TestTextOutsideTheTree(t *testing.T) {
	span := func(mcid int, artifact bool) pdftext.Span {
		return pdftext.Span{Text: "x", MCID: mcid, Artifact: artifact}
	}
	doc := &pdftext.Document{Marked: true, Structure: &pdftext.StructElem{Type: "StructTreeRoot"}, Pages: []pdftext.Page{
		{Number: 1, Spans: []pdftext.Span{span(0, false), span(-1, true), span(1, false)}},
		{Number: 2, Spans: []pdftext.Span{span(0, false), span(-1, false), span(-1, false), span(-1, true)}},
	}}
	a := &auditor{rep: newReport(Config{})}
	defer a.rep.Close()
	a.tagged("a.pdf", doc)
	if err := a.rep.hold(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range a.rep.Findings {
		got = append(got, f.Code+": "+f.Message)
	}
	want := []string{"untagged: page 2: 2 pieces of text are neither in the structure tree nor artifacts: screen readers skip or guess them"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}
