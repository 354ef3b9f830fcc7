package pdftext

// StructElem is an element of the document's logical structure (PDF
// 32000-1, 14.7.2), or the structure tree root (Type "StructTreeRoot").
type StructElem struct {
	Type string // the structure type (/S): Document, P, H1, L, LI, Lbl, LBody, ...
	Alt  string // alternative text (/Alt), if any
	Lang string // language (/Lang), if any
	// Kids are the element's children in reading order: structure
	// elements and marked-content sequences.
	Kids []StructKid
}

// StructKid is a child of a structure element: an element (Elem set) or
// a marked-content sequence, by its page (1-based) and MCID.
type StructKid struct {
	Elem *StructElem
	Page int
	MCID int
}

// maxStructElems bounds the structure elements read from one document.
const maxStructElems = 1 << 18

// structReader reads a structure tree; elements are read once each, by
// object number, so that the tree and the parent tree share them.
type structReader struct {
	r     *reader
	pages map[int]int // page object number to page number
	elems map[int]*StructElem
	work  int // kids and number-tree nodes visited
}

// readStructure reads the catalog's /MarkInfo and structure tree into
// doc, and each page's entry of the parent tree.
func (r *reader) readStructure(catalog dict, leaves []pageLeaf, doc *Document) {
	if mi := r.resolveDict(catalog["MarkInfo"]); mi != nil {
		doc.Marked, _ = r.resolve(mi["Marked"]).(bool)
	}
	root := r.resolveDict(catalog["StructTreeRoot"])
	if root == nil {
		return
	}
	sr := &structReader{r: r, pages: map[int]int{}, elems: map[int]*StructElem{}}
	for i, l := range leaves {
		if l.num > 0 {
			sr.pages[l.num] = i + 1
		}
	}
	doc.Structure = &StructElem{Type: "StructTreeRoot"}
	sr.kids(doc.Structure, root["K"], 0, 0)
	parents := map[int64]array{}
	sr.numberTree(root["ParentTree"], parents, 0)
	for i, l := range leaves {
		key, ok := toInt(r.resolve(l.d["StructParents"]))
		if !ok {
			continue
		}
		for _, o := range parents[key] {
			doc.Pages[i].StructParents = append(doc.Pages[i].StructParents, sr.elem(o, 0))
		}
	}
}

// elem returns the structure element o refers to, nil if it is none.
func (sr *structReader) elem(o object, depth int) *StructElem {
	ref, isRef := o.(objRef)
	if isRef {
		if e, ok := sr.elems[ref.num]; ok {
			return e
		}
	}
	d := sr.r.resolveDict(o)
	if d == nil || depth > maxDepth || len(sr.elems) >= maxStructElems {
		return nil
	}
	e := &StructElem{}
	if isRef {
		sr.elems[ref.num] = e // before its kids: a cycle ends here
	}
	s, _ := sr.r.resolve(d["S"]).(name)
	e.Type = string(s)
	if alt, ok := sr.r.resolve(d["Alt"]).(pdfString); ok {
		e.Alt = decodeTextString(string(alt))
	}
	if lang, ok := sr.r.resolve(d["Lang"]).(pdfString); ok {
		e.Lang = decodeTextString(string(lang))
	}
	sr.kids(e, d["K"], sr.page(d["Pg"], 0), depth)
	return e
}

// page returns the page number of the page object o refers to, or def.
func (sr *structReader) page(o object, def int) int {
	if ref, ok := o.(objRef); ok {
		if n, ok := sr.pages[ref.num]; ok {
			return n
		}
	}
	return def
}

// kids appends to e the children in k (an array or a single kid): MCIDs
// on page pg, marked-content references and elements; object references
// (OBJR) are left out.
func (sr *structReader) kids(e *StructElem, k object, pg, depth int) {
	if sr.work++; sr.work > 4*maxStructElems {
		return
	}
	if a, ok := sr.r.resolve(k).(array); ok && depth < maxDepth {
		for _, o := range a {
			sr.kids(e, o, pg, depth+1)
		}
		return
	}
	if id, ok := toInt(sr.r.resolve(k)); ok {
		e.Kids = append(e.Kids, StructKid{Page: pg, MCID: int(id)})
		return
	}
	d := sr.r.resolveDict(k)
	if d == nil {
		return
	}
	switch t, _ := sr.r.resolve(d["Type"]).(name); t {
	case "MCR":
		if id, ok := toInt(sr.r.resolve(d["MCID"])); ok {
			e.Kids = append(e.Kids, StructKid{Page: sr.page(d["Pg"], pg), MCID: int(id)})
		}
	case "OBJR":
	default:
		if c := sr.elem(k, depth+1); c != nil {
			e.Kids = append(e.Kids, StructKid{Elem: c})
		}
	}
}

// numberTree collects the entries of the number tree at o into out.
func (sr *structReader) numberTree(o object, out map[int64]array, depth int) {
	d := sr.r.resolveDict(o)
	if sr.work++; d == nil || depth > maxDepth || sr.work > 4*maxStructElems {
		return
	}
	nums, _ := sr.r.resolve(d["Nums"]).(array)
	for i := 0; i+1 < len(nums); i += 2 {
		if key, ok := toInt(sr.r.resolve(nums[i])); ok {
			if a, ok := sr.r.resolve(nums[i+1]).(array); ok {
				out[key] = a
			}
		}
	}
	kids, _ := sr.r.resolve(d["Kids"]).(array)
	for _, k := range kids {
		sr.numberTree(k, out, depth+1)
	}
}
