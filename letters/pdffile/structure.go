package pdffile

import "strconv"

// How a file is tagged (ISO 32000-1, 14.7 and 14.8; PDF/UA-1).
//
// Every line of text drawn is a marked-content sequence with an MCID,
// numbered from 0 on each page (Begin ... EndMC), tagged with the role of
// the structure element it belongs to; what is not content is an artifact
// (ArtifactBMC, PaginationBDC). The structure tree holds the elements in
// reading order; an element's marked content may lie on several pages,
// one reference per page. The parent tree maps each page's MCIDs back to
// their elements. What a letter's tree holds: letters/pdf, tagged.go.

// Role is a standard structure type.
type Role string

const (
	RoleDocument Role = "Document"
	RoleDiv      Role = "Div"
	RoleP        Role = "P"
	RoleH1       Role = "H1"
	RoleH2       Role = "H2"
	RoleL        Role = "L"
	RoleLI       Role = "LI"
	RoleLbl      Role = "Lbl"
	RoleLBody    Role = "LBody"
)

// mcRef is a marked-content sequence: its page (from 0) and MCID.
type mcRef struct{ page, mcid int32 }

// element is a structure element. Children always come after their
// parent in structure.elems.
type element struct {
	role   Role
	attrs  string  // further entries of its dictionary
	parent int32   // index of the parent; the Document has none
	kids   []int32 // child elements in reading order
	marked []mcRef // its marked content in reading order
}

// Structure is a file's structure tree as it is built: elements are
// added in reading order, marked content as it is drawn.
type Structure struct {
	elems []element // elems[0] is the Document
	pages [][]int32 // by page and MCID: the element the content belongs to
}

// NewStructure returns a tree holding only the Document.
func NewStructure() *Structure {
	return &Structure{elems: []element{{role: RoleDocument, parent: -1}}}
}

// Add appends an element of role as the last child of parent.
func (s *Structure) Add(parent int32, role Role) int32 {
	n := int32(len(s.elems))
	s.elems = append(s.elems, element{role: role, parent: parent})
	s.elems[parent].kids = append(s.elems[parent].kids, n)
	return n
}

// Mark gives element e the next marked-content sequence of page and
// returns its MCID.
func (s *Structure) Mark(page int, e int32) int {
	for len(s.pages) <= page {
		s.pages = append(s.pages, nil)
	}
	mcid := len(s.pages[page])
	s.pages[page] = append(s.pages[page], e)
	s.elems[e].marked = append(s.elems[e].marked, mcRef{int32(page), int32(mcid)})
	return mcid
}

// SetListNumbering gives list element e its numbering (PDF 32000-1,
// table 347: "Decimal", "Disc").
func (s *Structure) SetListNumbering(e int32, numbering string) {
	s.elems[e].attrs = "/A<</O/List/ListNumbering/" + numbering + ">>"
}

// Begin gives element e the next marked-content sequence of page and
// returns the operator that opens it; EndMC closes it.
func (s *Structure) Begin(page int, e int32) string {
	mcid := s.Mark(page, e)
	return "/" + string(s.elems[e].role) + " <</MCID " + strconv.Itoa(mcid) + ">> BDC"
}

// Marked-content operators.
const (
	ArtifactBMC   = "/Artifact BMC"
	PaginationBDC = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
	EndMC         = "EMC"
)

// keptElems reports which elements the file holds: those with marked
// content or with such an element among their descendants (an empty
// paragraph, or a list label with nothing drawn, is left out), and the
// Document.
func (s *Structure) keptElems() []bool {
	keep := make([]bool, len(s.elems))
	for e := len(s.elems) - 1; e > 0; e-- {
		if len(s.elems[e].marked) > 0 {
			keep[e] = true
		}
		if keep[e] {
			keep[s.elems[e].parent] = true
		}
	}
	keep[0] = true
	return keep
}

// structObjects numbers the tree's objects from first: the structure tree
// root, the parent tree, one parent array per page, then each element
// kept. It returns the element objects' numbers (0 for those left out)
// and the next free number.
func (s *Structure) structObjects(first int, pages int) (nums []int, next int) {
	keep := s.keptElems()
	nums = make([]int, len(s.elems))
	next = first + 2 + pages
	for e, k := range keep {
		if k {
			nums[e] = next
			next++
		}
	}
	return nums, next
}

// writeStructure writes the structure tree's objects, numbered from
// first, for pages whose page objects are pageObj(i).
func (w *pdfWriter) writeStructure(s *Structure, first, pages int, pageObj func(int) int) {
	nums, _ := s.structObjects(first, pages)
	root, parents := first, first+1
	w.begin(root)
	w.buf.WriteString("<</Type/StructTreeRoot/K ")
	w.ref(nums[0])
	w.buf.WriteString("/ParentTree ")
	w.ref(parents)
	w.buf.WriteString("/ParentTreeNextKey ")
	w.int(pages)
	w.end(">>")
	w.begin(parents)
	w.buf.WriteString("<</Nums[")
	for i := range pages {
		w.int(i)
		w.buf.WriteByte(' ')
		w.ref(parents + 1 + i)
		w.buf.WriteByte(' ')
	}
	w.end("]>>")
	for i := range pages {
		w.begin(parents + 1 + i)
		w.buf.WriteByte('[')
		if i < len(s.pages) {
			for _, e := range s.pages[i] {
				w.ref(nums[e])
				w.buf.WriteByte(' ')
			}
		}
		w.end("]")
	}
	for e := range s.elems {
		if nums[e] != 0 {
			w.begin(nums[e])
			w.elemDict(&s.elems[e], nums, root, pageObj)
			w.end("")
		}
	}
}

// elemDict writes element el's dictionary: its parent, role, attributes,
// page (that of its first marked content) and kids: child elements, or
// MCIDs on its page and marked-content references to other pages.
func (w *pdfWriter) elemDict(el *element, nums []int, root int, pageObj func(int) int) {
	parent := root
	if el.parent >= 0 {
		parent = nums[el.parent]
	}
	w.buf.WriteString("<</S/")
	w.buf.WriteString(string(el.role))
	w.buf.WriteString("/P ")
	w.ref(parent)
	w.buf.WriteString(el.attrs)
	if len(el.marked) > 0 {
		pg := el.marked[0].page
		w.buf.WriteString("/Pg ")
		w.ref(pageObj(int(pg)))
		w.buf.WriteString("/K[")
		for i, m := range el.marked {
			if i > 0 {
				w.buf.WriteByte(' ')
			}
			if m.page == pg {
				w.int(int(m.mcid))
				continue
			}
			w.buf.WriteString("<</Type/MCR/Pg ")
			w.ref(pageObj(int(m.page)))
			w.buf.WriteString("/MCID ")
			w.int(int(m.mcid))
			w.buf.WriteString(">>")
		}
	} else {
		w.buf.WriteString("/K[")
		for _, k := range el.kids {
			if nums[k] != 0 {
				w.ref(nums[k])
				w.buf.WriteByte(' ')
			}
		}
	}
	w.buf.WriteString("]>>")
}

// int writes n in decimal.
func (w *pdfWriter) int(n int) {
	var b [20]byte
	w.buf.Write(strconv.AppendInt(b[:0], int64(n), 10))
}

// ref writes a reference to object n.
func (w *pdfWriter) ref(n int) {
	w.int(n)
	w.buf.WriteString(" 0 R")
}

// end ends the object begun, after tail.
func (w *pdfWriter) end(tail string) {
	w.buf.WriteString(tail)
	w.buf.WriteString("\nendobj\n")
}
