package pdffile

import (
	"bytes"
	"encoding/xml"
	"time"
)

// xmp is the file's XMP metadata packet (ISO 16684-1; PDF 32000-1,
// 14.3.2): the information dictionary's title, author, subject, language
// and dates, and for a tagged file the PDF/UA-1 identification (ISO
// 14289-1, 5). Its values are the letter's, its dates the pinned clock's,
// so the packet is the same each time the letter is written.
func (f *File) xmp() []byte {
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
		"<dc:format>application/pdf</dc:format>\n")
	xmpElem(&b, "dc:title", "<rdf:Alt><rdf:li xml:lang=\"x-default\">", f.Title, "</rdf:li></rdf:Alt>")
	xmpElem(&b, "dc:creator", "<rdf:Seq><rdf:li>", f.Author, "</rdf:li></rdf:Seq>")
	xmpElem(&b, "dc:description", "<rdf:Alt><rdf:li xml:lang=\"x-default\">", f.Subject, "</rdf:li></rdf:Alt>")
	if f.Lang != "" {
		xmpElem(&b, "dc:language", "<rdf:Bag><rdf:li>", f.Lang, "</rdf:li></rdf:Bag>")
	}
	date := f.Created.Format(time.RFC3339)
	xmpElem(&b, "xmp:CreateDate", "", date, "")
	xmpElem(&b, "xmp:ModifyDate", "", date, "")
	xmpElem(&b, "xmp:CreatorTool", "", "breachnotice", "")
	xmpElem(&b, "pdf:Producer", "", "breachnotice", "")
	if f.Tags != nil {
		xmpElem(&b, "pdfuaid:part", "", "1", "")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.Bytes()
}

// xmpElem writes the property tag holding value, escaped, between open
// and close.
func xmpElem(b *bytes.Buffer, tag, open, value, close string) {
	b.WriteString("<" + tag + ">" + open)
	xml.EscapeText(b, []byte(value)) // a bytes.Buffer does not fail
	b.WriteString(close + "</" + tag + ">\n")
}
