package pdf

import "github.com/breachnotice/breachnotice/letters/pdffile"

// How a letter is tagged (see letters/pdffile for the mechanism). The
// rule under the letterhead, the fold and hole marks and the page labels
// are artifacts. The structure tree holds the elements in the order the
// letter is drawn in: a Document with the letterhead (a Div: the brand and
// each line of the letterhead as a P), the address block (a Div: the
// return address and the recipient's address as a P each), the date and
// the reference (P), the title (H1), the body's paragraphs (P) and section
// headings (H2), its numbered steps and bullets (an L of LI, each an Lbl
// with the number or bullet and an LBody with the text), and the closing,
// sign-off and signature (P). The lines of a paragraph split by a page
// break are marked content of the same element.

// blockTag is what a block of the body is in the structure tree: its role
// (a paragraph when unset) and, for a list item (pdffile.RoleLI), the list's
// numbering (PDF 32000-1, table 347: Decimal, Disc) and whether it
// starts a new list.
type blockTag struct {
	role      pdffile.Role
	numbering string
	newList   bool
}

// tagBody adds the body's blocks to the tree after what it holds, and
// gives their lines (and list markers) the elements they are drawn in.
func tagBody(s *pdffile.Structure, blocks []block) {
	list := int32(-1)
	for i := range blocks {
		b := &blocks[i]
		if b.tag.role != pdffile.RoleLI {
			role := b.tag.role
			if role == "" {
				role = pdffile.RoleP
			}
			list = -1
			setElem(b.lines, s.Add(0, role), -1)
			continue
		}
		if list < 0 || b.tag.newList {
			list = s.Add(0, pdffile.RoleL)
			if b.tag.numbering != "" {
				s.SetListNumbering(list, b.tag.numbering)
			}
		}
		li := s.Add(list, pdffile.RoleLI)
		lbl := s.Add(li, pdffile.RoleLbl)
		setElem(b.lines, s.Add(li, pdffile.RoleLBody), lbl)
	}
}

// setElem puts lines in element e, and the marker drawn beside the first
// line in element lbl.
func setElem(lines []line, e, lbl int32) {
	for k := range lines {
		lines[k].elem, lines[k].lbl = e, -1
	}
	if len(lines) > 0 {
		lines[0].lbl = lbl
	}
}

// beginContent opens the marked-content sequence a line of kind is drawn
// in: the line's element's, or an artifact's (page labels, and text that
// belongs to no element). It reports whether it opened one.
func (c *compositor) beginContent(ln line, kind string) bool {
	if ln.Empty() {
		return false
	}
	doc := c.Doc()
	switch {
	case kind == "footer":
		doc.RawWriteStr(pdffile.PaginationBDC)
	case ln.elem <= 0:
		doc.RawWriteStr(pdffile.ArtifactBMC)
	default:
		doc.RawWriteStr(c.tags.Begin(c.page, ln.elem))
	}
	return true
}

// tagAddress puts the address block in a Div of the tree: the return
// address and the recipient's address, a paragraph each.
func (c *compositor) tagAddress(addr []placed) []placed {
	div := c.tags.Add(0, pdffile.RoleDiv)
	elems := map[string]int32{}
	for i := range addr {
		e, ok := elems[addr[i].kind]
		if !ok {
			e = c.tags.Add(div, pdffile.RoleP)
			elems[addr[i].kind] = e
		}
		addr[i].l.elem = e
	}
	return addr
}
