package pdftext

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// xrefEntry locates an object: either at a byte offset, or as the idx-th
// object of the object stream stm.
type xrefEntry struct {
	off int64
	stm int
	idx int
}

// reader gives access to the objects of a PDF file and keeps the per-document
// budgets. Errors found while loading objects are recorded in err (the first
// one wins) and the object reads as null.
type reader struct {
	data []byte
	base int64 // offset of the %PDF header (offsets may be relative to it)

	xref    map[int]xrefEntry
	trailer dict

	scanned  bool
	scan     map[int]int64 // object offsets found by scanning
	stmIndex bool          // object streams have been indexed into scanStm
	scanStm  map[int]xrefEntry

	objs    map[int]object
	loading map[int]bool
	decoded map[int][]byte
	stmObjs map[int][]object // parsed contents of object streams

	fonts     map[int]*pfont        // fonts given by reference
	fontDicts map[uintptr]*pfont    // fonts given as direct dictionaries
	cmaps     map[int]*cmap         // parsed CMap streams
	ttFonts   map[int]*fonts.Glyphs // parsed TrueType font programs (nil: unusable)

	missing []MissingGlyph
	missIdx map[missKey]int // index of each entry in missing

	inflated  int64 // bytes produced by stream filters
	work      int64 // content-stream bytes interpreted
	spans     int
	textBytes int
	ops       int
	formRuns  int

	zlib, flate io.ReadCloser // decompressors, reused from stream to stream
	hinted      int64         // bytes allocated for inflate's output ahead of decoding

	lim limits
	err error
}

// limits are the per-document safety limits (see the Max constants).
type limits struct {
	inflated, content                   int64
	spans, text, ops, formRuns, missing int
}

var defaultLimits = limits{
	inflated: MaxInflated,
	content:  MaxContent,
	spans:    MaxSpans,
	text:     MaxText,
	ops:      MaxOperators,
	formRuns: MaxFormRuns,
	missing:  MaxMissingGlyphs,
}

func newReader(data []byte, base int64, lim limits) *reader {
	return &reader{
		lim:       lim,
		data:      data,
		base:      base,
		xref:      map[int]xrefEntry{},
		objs:      map[int]object{},
		loading:   map[int]bool{},
		decoded:   map[int][]byte{},
		stmObjs:   map[int][]object{},
		fonts:     map[int]*pfont{},
		fontDicts: map[uintptr]*pfont{},
		cmaps:     map[int]*cmap{},
		ttFonts:   map[int]*fonts.Glyphs{},
	}
}

// fail records the first error.
func (r *reader) fail(err error) {
	if r.err == nil && err != nil {
		r.err = err
	}
}

// corrupt records an ErrCorrupt error with the given detail.
func (r *reader) corrupt(format string, args ...any) {
	r.fail(fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...))
}

// loadXref reads the cross-reference tables starting at startxref and
// following /Prev links. It returns false if the table is unusable.
func (r *reader) loadXref() bool {
	i := bytes.LastIndex(r.data, []byte("startxref"))
	if i < 0 {
		return false
	}
	l := lexer{b: r.data, pos: i + len("startxref")}
	t := l.next()
	if t.kind != tokInt || t.i < 0 {
		return false
	}
	off := t.i
	seen := map[int64]bool{}
	for n := 0; n < 256; n++ {
		pos, ok := r.findXref(off)
		if !ok || seen[pos] {
			return r.trailer != nil
		}
		seen[pos] = true
		trailer, ok := r.readXrefSection(int(pos))
		if !ok {
			return r.trailer != nil
		}
		if r.trailer == nil {
			r.trailer = trailer
		}
		prev, ok := toInt(trailer["Prev"])
		if !ok || prev < 0 {
			return true
		}
		off = prev
	}
	return r.trailer != nil
}

// findXref returns the position of an "xref" keyword at off (trying offsets
// relative to the file and to the header).
func (r *reader) findXref(off int64) (int64, bool) {
	for _, p := range []int64{off, off + r.base} {
		if p < 0 || p >= int64(len(r.data)) {
			continue
		}
		l := lexer{b: r.data, pos: int(p)}
		l.skipSpace()
		if bytes.HasPrefix(r.data[l.pos:], []byte("xref")) {
			return int64(l.pos), true
		}
	}
	return 0, false
}

// readXrefSection parses one classic xref section and its trailer.
// Entries already known (from newer sections) are kept.
func (r *reader) readXrefSection(pos int) (dict, bool) {
	l := lexer{b: r.data, pos: pos + len("xref")}
	for {
		t := l.next()
		if t.kind == tokKeyword && t.s == "trailer" {
			p := parser{lex: l, refs: true}
			o, err := p.parse(0)
			d, ok := o.(dict)
			return d, err == nil && ok
		}
		if t.kind != tokInt {
			return nil, false
		}
		first := t.i
		t = l.next()
		if t.kind != tokInt || first < 0 || t.i < 0 {
			return nil, false
		}
		count := t.i
		for k := int64(0); k < count; k++ {
			to, tg, tk := l.next(), l.next(), l.next()
			if to.kind != tokInt || tg.kind != tokInt || tk.kind != tokKeyword {
				return nil, false
			}
			num := first + k
			if num > 1<<24 {
				continue
			}
			if _, dup := r.xref[int(num)]; dup || tk.s != "n" || to.i <= 0 {
				continue
			}
			r.xref[int(num)] = xrefEntry{off: to.i}
		}
	}
}

// scanObjects indexes every "N G obj" in the file, and the last trailer
// dictionary if no trailer is known yet. Later definitions win.
func (r *reader) scanObjects() {
	if r.scanned {
		return
	}
	r.scanned = true
	r.scan = map[int]int64{}
	d := r.data
	for i := 0; ; {
		j := bytes.Index(d[i:], []byte("obj"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		if at+3 < len(d) && isRegular(d[at+3]) {
			continue
		}
		if num, start, ok := objHeaderBefore(d, at); ok {
			r.scan[num] = int64(start)
		}
	}
	if r.trailer == nil || r.trailer["Root"] == nil {
		var last dict
		for i := 0; ; {
			j := bytes.Index(d[i:], []byte("trailer"))
			if j < 0 {
				break
			}
			i += j + len("trailer")
			p := parser{lex: lexer{b: d, pos: i}, refs: true}
			if o, err := p.parse(0); err == nil {
				if t, ok := o.(dict); ok && t["Root"] != nil {
					last = t
				}
			}
		}
		if last != nil {
			r.trailer = last
		}
	}
}

// objHeaderBefore checks that "obj" at position at is preceded by
// "N G " and returns N and the position of N.
func objHeaderBefore(d []byte, at int) (num, start int, ok bool) {
	i := at - 1
	skipWhite := func() bool {
		n := 0
		for i >= 0 && isWhite(d[i]) {
			i--
			n++
		}
		return n > 0
	}
	digits := func() (int, bool) {
		end := i
		for i >= 0 && d[i] >= '0' && d[i] <= '9' && end-i < 10 {
			i--
		}
		if i == end {
			return 0, false
		}
		v, err := strconv.Atoi(string(d[i+1 : end+1]))
		return v, err == nil
	}
	if !skipWhite() {
		return 0, 0, false
	}
	if _, ok := digits(); !ok || !skipWhite() {
		return 0, 0, false
	}
	num, ok = digits()
	if !ok || (i >= 0 && isRegular(d[i])) {
		return 0, 0, false
	}
	return num, i + 1, true
}

// findCatalog looks for a /Type /Catalog object among scanned objects.
func (r *reader) findCatalog() objRef {
	r.scanObjects()
	nums := make([]int, 0, len(r.scan))
	for n := range r.scan {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		// Parse directly: damaged objects that are never used must not
		// make the whole document fail.
		if o, err := r.parseAt(r.scan[n], n); err == nil {
			if d, ok := o.(dict); ok && d["Type"] == name("Catalog") {
				return objRef{num: n}
			}
		}
	}
	return objRef{}
}

// resolve follows indirect references.
func (r *reader) resolve(o object) object {
	for range maxRefChain {
		ref, ok := o.(objRef)
		if !ok {
			return o
		}
		o = r.get(ref.num)
	}
	return nil
}

// resolveDict resolves o and returns it as a dictionary (nil otherwise). The
// dictionary of a stream is returned for streams.
func (r *reader) resolveDict(o object) dict {
	switch v := r.resolve(o).(type) {
	case dict:
		return v
	case *stream:
		return v.hdr
	}
	return nil
}

// get returns object number num, or nil if it does not exist or is damaged.
func (r *reader) get(num int) object {
	if o, ok := r.objs[num]; ok {
		return o
	}
	if r.loading[num] {
		return nil // reference cycle
	}
	if len(r.loading) >= maxDepth {
		// Loading an object needs others (stream lengths, object
		// streams); a long chain of such dependencies is not legitimate.
		r.corrupt("object %d: references nested too deeply", num)
		return nil
	}
	r.loading[num] = true
	defer delete(r.loading, num)
	o, err := r.load(num)
	if err != nil {
		r.corrupt("object %d: %v", num, err)
	}
	r.objs[num] = o
	return o
}

// load finds and parses object num, trying the xref table, then a scan of
// the file, then object streams.
func (r *reader) load(num int) (object, error) {
	var firstErr error
	if e, ok := r.xref[num]; ok {
		if e.stm == 0 {
			for _, off := range []int64{e.off, e.off + r.base} {
				o, err := r.parseAt(off, num)
				if err == nil {
					return o, nil
				}
				if firstErr == nil {
					firstErr = err
				}
			}
		}
	}
	r.scanObjects()
	if off, ok := r.scan[num]; ok {
		o, err := r.parseAt(off, num)
		if err == nil {
			return o, nil
		}
		return nil, err
	}
	if e, ok := r.xref[num]; ok && e.stm != 0 {
		return r.fromObjStm(e)
	}
	r.indexObjStms()
	if e, ok := r.scanStm[num]; ok {
		return r.fromObjStm(e)
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, nil // missing objects are null
}

// parseAt parses the indirect object "num G obj ... endobj" at off.
func (r *reader) parseAt(off int64, num int) (object, error) {
	if off < 0 || off >= int64(len(r.data)) {
		return nil, errors.New("offset out of range")
	}
	p := parser{lex: lexer{b: r.data, pos: int(off)}, refs: true}
	t1, t2, t3 := p.lex.next(), p.lex.next(), p.lex.next()
	if t1.kind != tokInt || t1.i != int64(num) || t2.kind != tokInt || t3.kind != tokKeyword || t3.s != "obj" {
		return nil, errors.New("object header not found")
	}
	o, err := p.parse(0)
	if err != nil {
		return nil, err
	}
	if kw, ok := o.(keyword); ok {
		if kw == "endobj" {
			return nil, nil
		}
		return nil, errSyntax
	}
	save := p.lex.pos
	t := p.lex.next()
	if t.kind != tokKeyword || t.s != "stream" {
		p.lex.pos = save
		return o, nil
	}
	hdr, ok := o.(dict)
	if !ok {
		return nil, errors.New("stream without dictionary")
	}
	raw, err := r.streamData(p.lex.pos, hdr)
	if err != nil {
		return nil, err
	}
	return &stream{hdr: hdr, raw: raw, num: num}, nil
}

// streamData returns the data of a stream whose "stream" keyword ends at
// pos, using /Length if it is consistent and searching for endstream
// otherwise.
func (r *reader) streamData(pos int, hdr dict) ([]byte, error) {
	d := r.data
	if pos < len(d) && d[pos] == '\r' {
		pos++
	}
	if pos < len(d) && d[pos] == '\n' {
		pos++
	}
	if n, ok := toInt(r.resolve(hdr["Length"])); ok && n >= 0 && n <= int64(len(d)-pos) {
		end := pos + int(n)
		l := lexer{b: d, pos: end}
		l.skipSpace()
		if bytes.HasPrefix(d[l.pos:], []byte("endstream")) {
			return d[pos:end:end], nil
		}
	}
	i := bytes.Index(d[pos:], []byte("endstream"))
	if i < 0 {
		return nil, errors.New("stream not terminated by endstream")
	}
	end := pos + i
	if end > pos && d[end-1] == '\n' {
		end--
	}
	if end > pos && d[end-1] == '\r' {
		end--
	}
	return d[pos:end:end], nil
}

// indexObjStms records the objects stored in the object streams found by
// scanning the file.
func (r *reader) indexObjStms() {
	if r.stmIndex {
		return
	}
	r.stmIndex = true
	r.scanStm = map[int]xrefEntry{}
	nums := make([]int, 0)
	for n := range r.scan {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		o, err := r.parseAt(r.scan[n], n)
		if err != nil {
			continue
		}
		s, ok := o.(*stream)
		if !ok || s.hdr["Type"] != name("ObjStm") {
			continue
		}
		hdr, _, err := r.objStmHeader(s)
		if err != nil {
			continue
		}
		for idx, num := range hdr {
			_, known := r.scanStm[num]
			if _, top := r.scan[num]; !known && !top {
				r.scanStm[num] = xrefEntry{stm: n, idx: idx}
			}
		}
	}
}

// objStmHeader decodes an object stream and returns the object numbers it
// contains, in order, with the decoded data.
func (r *reader) objStmHeader(s *stream) ([]int, []int, error) {
	data, err := r.decode(s)
	if err != nil {
		return nil, nil, err
	}
	n, _ := toInt(s.hdr["N"])
	first, _ := toInt(s.hdr["First"])
	if n < 0 || n > int64(len(data)) || first < 0 || first > int64(len(data)) {
		return nil, nil, errors.New("bad object stream header")
	}
	l := lexer{b: data[:first]}
	nums := make([]int, 0, min(n, 1024))
	offs := make([]int, 0, min(n, 1024))
	for range n {
		a, b := l.next(), l.next()
		if a.kind != tokInt || b.kind != tokInt || a.i < 0 || a.i > 1<<24 || b.i < 0 || b.i > int64(len(data))-first {
			return nil, nil, errors.New("bad object stream header")
		}
		nums = append(nums, int(a.i))
		offs = append(offs, int(first+b.i))
	}
	return nums, offs, nil
}

// fromObjStm loads an object stored in an object stream.
func (r *reader) fromObjStm(e xrefEntry) (object, error) {
	if objs, ok := r.stmObjs[e.stm]; ok {
		if e.idx < len(objs) {
			return objs[e.idx], nil
		}
		return nil, nil
	}
	s, ok := r.get(e.stm).(*stream)
	if !ok {
		return nil, errors.New("object stream not found")
	}
	data, err := r.decode(s)
	if err != nil {
		return nil, err
	}
	_, offs, err := r.objStmHeader(s)
	if err != nil {
		return nil, err
	}
	objs := make([]object, len(offs))
	for i, off := range offs {
		p := parser{lex: lexer{b: data, pos: off}, refs: true}
		if o, err := p.parse(0); err == nil {
			if _, kw := o.(keyword); !kw {
				objs[i] = o
			}
		}
	}
	r.stmObjs[e.stm] = objs
	if e.idx < len(objs) {
		return objs[e.idx], nil
	}
	return nil, nil
}

// decode applies the stream's filters and returns the decoded data.
func (r *reader) decode(s *stream) ([]byte, error) {
	return r.decodeHint(s, 0)
}

// decodeHint is decode with the expected size of the decoded data (0 if
// unknown), which spares the FlateDecode filter growing its output.
func (r *reader) decodeHint(s *stream, hint int64) ([]byte, error) {
	if s.num > 0 {
		if b, ok := r.decoded[s.num]; ok {
			return b, nil
		}
	}
	var filters []object
	switch f := r.resolve(s.hdr["Filter"]).(type) {
	case name:
		filters = []object{f}
	case array:
		filters = f
	}
	var parms []object
	switch p := r.resolve(s.hdr["DecodeParms"]).(type) {
	case dict:
		parms = []object{p}
	case array:
		parms = p
	}
	data := s.raw
	for i, f := range filters {
		fn, _ := r.resolve(f).(name)
		var parm dict
		if i < len(parms) {
			parm = r.resolveDict(parms[i])
		}
		if pred, ok := toInt(r.resolve(parm["Predictor"])); ok && pred > 1 {
			return nil, fmt.Errorf("%w: unsupported predictor %d", ErrCorrupt, pred)
		}
		var err error
		switch fn {
		case "FlateDecode", "Fl":
			h := int64(0)
			if i == len(filters)-1 {
				h = hint
			}
			data, err = r.inflate(data, h)
		case "ASCIIHexDecode", "AHx":
			data, err = asciiHexDecode(data)
		case "ASCII85Decode", "A85":
			data, err = ascii85Decode(data)
		case "RunLengthDecode", "RL":
			data, err = runLengthDecode(data, r.lim.inflated-r.inflated)
		default:
			return nil, fmt.Errorf("%w: unsupported filter %q", ErrCorrupt, string(fn))
		}
		if err != nil {
			return nil, err
		}
		if fn != "FlateDecode" && fn != "Fl" {
			if err := r.charge(int64(len(data))); err != nil {
				return nil, err
			}
		}
	}
	if s.num > 0 {
		r.decoded[s.num] = data
	}
	return data, nil
}

// chargeWork accounts n bytes of content stream about to be interpreted.
func (r *reader) chargeWork(n int) error {
	r.work += int64(n)
	if r.work > r.lim.content {
		return fmt.Errorf("%w: more than %d bytes of content streams", ErrTooLarge, r.lim.content)
	}
	return nil
}

// charge accounts n decoded bytes against the document budget.
func (r *reader) charge(n int64) error {
	r.inflated += n
	if r.inflated > r.lim.inflated {
		return fmt.Errorf("%w: more than %d bytes of decompressed data", ErrTooLarge, r.lim.inflated)
	}
	return nil
}

// inflate decompresses zlib (or raw deflate) data within the budget. The
// output starts with room for hint bytes, bounded by the budget, by what
// deflate can expand len(b) bytes to, and by a per-document allowance, so
// that hints in the file cannot make it allocate much more than it decodes.
func (r *reader) inflate(b []byte, hint int64) ([]byte, error) {
	src := bytes.NewReader(b)
	var rc io.Reader
	if r.zlib == nil {
		if zr, err := zlib.NewReader(src); err == nil {
			r.zlib, rc = zr, zr
		}
	} else if err := r.zlib.(zlib.Resetter).Reset(src, nil); err == nil {
		rc = r.zlib
	}
	if rc == nil {
		src.Reset(b)
		if r.flate == nil {
			r.flate = flate.NewReader(src)
		} else {
			r.flate.(flate.Resetter).Reset(src, nil)
		}
		rc = r.flate
	}
	remaining := r.lim.inflated - r.inflated
	hint = min(hint, remaining, 1032*int64(len(b))+64, maxHinted-r.hinted)
	hint = max(hint, 0)
	r.hinted += hint
	size := max(512, 1+int(hint))
	out := make([]byte, 0, size)
	limit := remaining + 1 // one byte more than allowed tells that it is too much
	var err error
	for int64(len(out)) < limit {
		if len(out) == cap(out) {
			out = slices.Grow(out, 1)
		}
		room := out[len(out):cap(out)]
		if m := limit - int64(len(out)); int64(len(room)) > m {
			room = room[:m]
		}
		var n int
		n, err = rc.Read(room)
		out = out[:len(out)+n]
		if err != nil {
			break
		}
	}
	if cerr := r.charge(int64(len(out))); cerr != nil {
		return nil, cerr
	}
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("%w: flate: %w", ErrCorrupt, err)
	}
	if hint > int64(len(out))+4096 { // do not keep a wrong hint's room
		out = slices.Clone(out)
	}
	return out, nil
}

// maxHinted bounds the memory one document may have allocated ahead of
// decoding (see inflate).
const maxHinted = MaxInflated

func asciiHexDecode(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b)/2)
	var hi byte
	half := false
	for _, c := range b {
		if c == '>' {
			break
		}
		if isWhite(c) {
			continue
		}
		v, ok := unhex(c)
		if !ok {
			return nil, fmt.Errorf("%w: ASCIIHexDecode: invalid character", ErrCorrupt)
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out, nil
}

func ascii85Decode(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	var v uint64
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case isWhite(c):
			continue
		case c == '~':
			i = len(b)
			continue
		case c == 'z' && n == 0:
			out = append(out, 0, 0, 0, 0)
			continue
		case c < '!' || c > 'u':
			return nil, fmt.Errorf("%w: ASCII85Decode: invalid character", ErrCorrupt)
		}
		v = v*85 + uint64(c-'!')
		n++
		if n == 5 {
			if v > 0xFFFFFFFF {
				return nil, fmt.Errorf("%w: ASCII85Decode: value out of range", ErrCorrupt)
			}
			out = append(out, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
			v, n = 0, 0
		}
	}
	if n == 1 {
		return nil, fmt.Errorf("%w: ASCII85Decode: truncated group", ErrCorrupt)
	}
	if n > 1 {
		for k := n; k < 5; k++ {
			v = v*85 + 84
		}
		if v > 0xFFFFFFFF {
			return nil, fmt.Errorf("%w: ASCII85Decode: value out of range", ErrCorrupt)
		}
		out = append(out, []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}[:n-1]...)
	}
	return out, nil
}

// runLengthDecode decodes RunLengthDecode data, failing with ErrTooLarge
// once the output exceeds limit bytes.
func runLengthDecode(b []byte, limit int64) ([]byte, error) {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		n := int(b[i])
		i++
		switch {
		case n == 128:
			return out, nil
		case n < 128:
			if i+n+1 > len(b) {
				return nil, fmt.Errorf("%w: RunLengthDecode: truncated data", ErrCorrupt)
			}
			out = append(out, b[i:i+n+1]...)
			i += n + 1
		default:
			if i >= len(b) {
				return nil, fmt.Errorf("%w: RunLengthDecode: truncated data", ErrCorrupt)
			}
			for range 257 - n {
				out = append(out, b[i])
			}
			i++
		}
		if int64(len(out)) > limit {
			return nil, fmt.Errorf("%w: more than %d bytes of decompressed data", ErrTooLarge, limit)
		}
	}
	return out, nil
}
