package pdftext

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Document is the content of a parsed PDF file.
type Document struct {
	// Info holds the document information dictionary (Title, Author,
	// Subject, Keywords, Creator, Producer, CreationDate, ModDate, ...)
	// decoded to UTF-8. Dates are returned as written (D:YYYYMMDDHHmmSS...).
	Info map[string]string
	// Lang is the natural language from the catalog's /Lang, if present.
	Lang string
	// Pages lists the pages in document order.
	Pages []Page
	// Fonts lists every font resource referenced by any page (or by a Form
	// XObject drawn on a page), deduplicated by object, in page order and,
	// within a resource dictionary, by resource name.
	Fonts []Font
	// MissingGlyphs lists the characters drawn with a font whose embedded
	// program has no glyph for them (see Font.GlyphsChecked): the code
	// selects glyph 0 (.notdef) or a glyph id beyond the program's glyphs,
	// or, for a character that is not white space (or another invisible
	// character), a glyph without an outline. Entries are deduplicated by
	// page, font and code, in page order and, within a page, by first
	// occurrence; at most MaxMissingGlyphs are listed. Nil when every
	// checked character has a glyph.
	MissingGlyphs []MissingGlyph
	// Marked is the catalog's /MarkInfo /Marked: the document says it is
	// a tagged PDF.
	Marked bool
	// Structure is the structure tree root with the tree in reading order
	// (nil if the document has none).
	Structure *StructElem
}

// Page is one page of a document.
type Page struct {
	Number        int     // 1-based page number
	Width, Height float64 // size of the MediaBox in points
	Spans         []Span  // text drawn on the page, in content-stream order
	// StructParents is the page's entry in the structure tree's parent
	// tree: the element each MCID on the page belongs to, by MCID.
	StructParents []*StructElem
}

// Span is the text drawn by one text-showing operator (Tj, TJ, ' or ").
type Span struct {
	Font  string  // BaseFont name of the font in use
	Size  float64 // font size in points: Tf size times the text and current transformation matrices' vertical scale
	X, Y  float64 // origin of the first glyph in default user space (PDF points, origin bottom left)
	Width float64 // advance width of the whole span in points (estimated when the font has no widths)
	Text  string  // the decoded text, in UTF-8
	// MCID is the marked-content identifier of the innermost
	// marked-content sequence with one that the span is drawn in (the
	// structure tree's reference to it), -1 for none. Artifact reports
	// that it is drawn in an /Artifact sequence.
	MCID     int
	Artifact bool
}

// Parse reads a whole PDF file. It returns ErrNotPDF if data has no %PDF
// header (within its first 1024 bytes), and an error wrapping ErrCorrupt,
// ErrEncrypted or ErrTooLarge for files it cannot read completely: a
// document is either read entirely or rejected, never returned partially.
func Parse(data []byte) (*Document, error) {
	return parse(data, defaultLimits, true)
}

// parse is Parse with explicit limits. catch makes it convert an
// unexpected panic into an error: a last line of defence only; the tests
// pass false so that fuzzing finds bugs.
func parse(data []byte, lim limits, catch bool) (doc *Document, err error) {
	defer func() {
		if !catch {
			return
		}
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("%w: internal error: %v", ErrCorrupt, v)
		}
	}()
	hdr := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if hdr < 0 {
		return nil, ErrNotPDF
	}
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return nil, fmt.Errorf("%w: no %%%%EOF marker at end of file", ErrCorrupt)
	}
	r := newReader(data, int64(hdr), lim)
	if !r.loadXref() || r.trailer["Root"] == nil {
		r.scanObjects()
	}
	if r.trailer["Encrypt"] != nil {
		return nil, ErrEncrypted
	}
	catalog := r.resolveDict(r.trailer["Root"])
	if catalog["Pages"] == nil {
		catalog = r.resolveDict(r.findCatalog())
	}
	if catalog == nil {
		if r.err != nil {
			return nil, r.err
		}
		return nil, fmt.Errorf("%w: document catalog not found", ErrCorrupt)
	}

	doc = &Document{Info: map[string]string{}}
	for k, v := range r.resolveDict(r.trailer["Info"]) {
		switch x := r.resolve(v).(type) {
		case pdfString:
			doc.Info[string(k)] = decodeTextString(string(x))
		case name:
			doc.Info[string(k)] = string(x)
		}
	}
	if s, ok := r.resolve(catalog["Lang"]).(pdfString); ok {
		doc.Lang = decodeTextString(string(s))
	}

	var leaves []pageLeaf
	r.walkPages(catalog["Pages"], inherited{}, 0, map[int]bool{}, &leaves)
	if r.err != nil {
		return nil, r.err
	}
	if len(leaves) == 0 {
		return nil, fmt.Errorf("%w: document has no pages", ErrCorrupt)
	}
	fonts := &fontSet{seen: map[any]bool{}, done: map[uintptr]bool{}}
	for i, leaf := range leaves {
		p, err := r.readPage(leaf, i+1, fonts)
		if err == nil {
			err = r.err
		}
		if err != nil {
			return nil, &contextError{ctx: fmt.Sprintf("page %d", i+1), err: err}
		}
		doc.Pages = append(doc.Pages, p)
	}
	if r.err != nil {
		return nil, r.err
	}
	doc.Fonts = fonts.list
	doc.MissingGlyphs = r.missing
	r.readStructure(catalog, leaves, doc)
	if r.err != nil {
		return nil, r.err
	}
	return doc, nil
}

// contextError prefixes an error message with context, keeping the
// "pdftext: " prefix in front.
type contextError struct {
	ctx string
	err error
}

func (e *contextError) Error() string {
	msg, _ := strings.CutPrefix(e.err.Error(), "pdftext: ")
	return "pdftext: " + e.ctx + ": " + msg
}

func (e *contextError) Unwrap() error { return e.err }

// inherited holds the inheritable page attributes.
type inherited struct {
	res      dict
	mediaBox object
}

// pageLeaf is a page object with its inherited attributes.
type pageLeaf struct {
	d   dict
	inh inherited
	num int // object number, 0 for a direct object
}

// walkPages collects the leaves of the page tree. Every object is visited
// at most once, so cycles and shared nodes cannot cause repeated work.
func (r *reader) walkPages(node object, inh inherited, depth int, visited map[int]bool, out *[]pageLeaf) {
	if depth > maxDepth {
		r.corrupt("page tree too deep")
		return
	}
	if ref, ok := node.(objRef); ok {
		if visited[ref.num] {
			return
		}
		visited[ref.num] = true
	}
	d := r.resolveDict(node)
	if d == nil {
		return
	}
	if res := r.resolveDict(d["Resources"]); res != nil {
		inh.res = res
	}
	if mb, ok := d["MediaBox"]; ok {
		inh.mediaBox = mb
	}
	kids, hasKids := r.resolve(d["Kids"]).(array)
	typ, _ := r.resolve(d["Type"]).(name)
	if typ == "Pages" || (typ != "Page" && hasKids) {
		for _, k := range kids {
			r.walkPages(k, inh, depth+1, visited, out)
		}
		return
	}
	leaf := pageLeaf{d: d, inh: inh}
	if ref, ok := node.(objRef); ok {
		leaf.num = ref.num
	}
	*out = append(*out, leaf)
}

// readPage extracts the size and text of one page.
func (r *reader) readPage(leaf pageLeaf, num int, fonts *fontSet) (Page, error) {
	p := Page{Number: num}
	if box, ok := r.resolve(leaf.inh.mediaBox).(array); ok && len(box) == 4 {
		var v [4]float64
		valid := true
		for i, o := range box {
			f, ok := toFloat(r.resolve(o))
			valid = valid && ok
			v[i] = f
		}
		if valid {
			p.Width = clean(math.Abs(v[2] - v[0]))
			p.Height = clean(math.Abs(v[3] - v[1]))
		}
	}
	res := leaf.inh.res
	fonts.addResources(r, res)

	var streams []*stream
	switch c := r.resolve(leaf.d["Contents"]).(type) {
	case *stream:
		streams = append(streams, c)
	case array:
		for _, o := range c {
			if s, ok := r.resolve(o).(*stream); ok {
				streams = append(streams, s)
			}
		}
	}
	in := &interp{
		r:     r,
		page:  &p,
		fonts: fonts,
		gs:    gstate{ctm: identity, ts: textState{hscale: 1}},
		tm:    identity,
		tlm:   identity,
		forms: map[int]bool{},
	}
	// The streams of a /Contents array form one content stream; they may
	// only be split between tokens, so each can be lexed on its own.
	for _, s := range streams {
		data, err := r.decode(s)
		if err != nil {
			return p, err
		}
		if err := r.chargeWork(len(data)); err != nil {
			return p, err
		}
		if err := in.run(data, res); err != nil {
			return p, err
		}
	}
	return p, nil
}

// fontSet collects the document's fonts, deduplicated by object number
// (or by description for fonts given as direct dictionaries).
type fontSet struct {
	seen map[any]bool
	done map[uintptr]bool // font resource dictionaries already added
	list []Font
}

func (fs *fontSet) add(o object, f *pfont) {
	var key any = f.info
	if ref, ok := o.(objRef); ok {
		key = ref.num
	}
	if !fs.seen[key] {
		fs.seen[key] = true
		fs.list = append(fs.list, f.info)
	}
}

// addResources adds every font of a resource dictionary, in name order.
func (fs *fontSet) addResources(r *reader, res dict) {
	fonts := r.resolveDict(res["Font"])
	id := mapID(fonts)
	if id == 0 || fs.done[id] {
		return
	}
	fs.done[id] = true
	names := make([]name, 0, len(fonts))
	for k := range fonts {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if r.resolveDict(fonts[k]) != nil {
			fs.add(fonts[k], r.font(fonts[k], string(k)))
		}
	}
}
