package pdftext

import (
	"fmt"
	"math"
	"strings"
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// translate returns the matrix translating by (tx, ty) then applying m.
func (m matrix) translate(tx, ty float64) matrix {
	m[4] += tx*m[0] + ty*m[2]
	m[5] += tx*m[1] + ty*m[3]
	return m
}

// textState holds the text parameters that are part of the graphics state.
type textState struct {
	font     *pfont
	size     float64 // Tf
	charSp   float64 // Tc
	wordSp   float64 // Tw
	hscale   float64 // Tz / 100
	leading  float64 // TL
	fontName string  // resource name, for error messages
}

// gstate is the part of the graphics state the interpreter tracks.
type gstate struct {
	ctm matrix
	ts  textState
}

// interp executes content streams and collects text spans.
type interp struct {
	r     *reader
	page  *Page
	fonts *fontSet
	gs    gstate
	stack []gstate
	skipQ int // q operators ignored because the stack was full
	marks markedContent
	tm    matrix
	tlm   matrix
	forms map[int]bool // Form XObjects being executed (cycle detection)
	depth int
	ops   []object // operand stack; it carries over between the streams of a page
}

// run executes one content stream with the given resources.
func (in *interp) run(data []byte, res dict) error {
	p := parser{lex: lexer{b: data}}
	ops := in.ops
	defer func() { in.ops = ops }()
	for {
		t := p.lex.next()
		switch t.kind {
		case tokEOF:
			return nil
		case tokBad:
			return fmt.Errorf("%w: content stream: %s", ErrCorrupt, t.s)
		case tokKeyword:
			switch t.s {
			case "true", "false", "null":
			default:
				in.r.ops++
				if in.r.ops > in.r.lim.ops {
					return fmt.Errorf("%w: more than %d content operators", ErrTooLarge, in.r.lim.ops)
				}
				if t.s == "BI" {
					skipInlineImage(&p.lex)
					ops = ops[:0]
					continue
				}
				if err := in.op(t.s, ops, res); err != nil {
					return err
				}
				ops = ops[:0]
				continue
			}
		}
		o, err := p.parseFrom(t, 0)
		if err != nil {
			return fmt.Errorf("%w: content stream: %v", ErrCorrupt, err)
		}
		if len(ops) >= 4096 { // no operator takes this many operands
			ops = ops[:0]
		}
		ops = append(ops, o)
	}
}

// skipInlineImage skips "BI <dict> ID <data> EI"; the lexer is just after BI.
func skipInlineImage(l *lexer) {
	for {
		t := l.next()
		if t.kind == tokEOF || t.kind == tokBad {
			return
		}
		if t.kind == tokKeyword && t.s == "ID" {
			l.skipInlineImage()
			return
		}
	}
}

// nums extracts n numeric operands; ok is false if they are missing.
func nums(ops []object, n int) ([]float64, bool) {
	if len(ops) < n {
		return nil, false
	}
	v := make([]float64, n)
	for i, o := range ops[len(ops)-n:] {
		f, ok := toFloat(o)
		if !ok {
			return nil, false
		}
		v[i] = f
	}
	return v, true
}

// lastString returns the last operand as a string.
func lastString(ops []object) (pdfString, bool) {
	if len(ops) == 0 {
		return "", false
	}
	s, ok := ops[len(ops)-1].(pdfString)
	return s, ok
}

// op executes one operator.
func (in *interp) op(op string, ops []object, res dict) error {
	switch op {
	case "q":
		if len(in.stack) >= maxGStack {
			in.skipQ++
			return nil
		}
		in.stack = append(in.stack, in.gs)
	case "Q":
		if in.skipQ > 0 {
			in.skipQ--
			return nil
		}
		if n := len(in.stack); n > 0 {
			in.gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if v, ok := nums(ops, 6); ok {
			in.gs.ctm = matrix(v).mul(in.gs.ctm)
		}
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tj", "'", "\"", "TJ", "Do":
		return in.showOp(op, ops, res)
	case "BMC", "BDC", "EMC":
		in.marks.op(op, ops)
	default:
		in.textOp(op, ops, res)
	}
	return nil
}

// textOp executes a text state or text positioning operator (and ignores
// any other).
func (in *interp) textOp(op string, ops []object, res dict) {
	ts := &in.gs.ts
	switch op {
	case "Tf":
		if len(ops) < 2 {
			return
		}
		fn, _ := ops[len(ops)-2].(name)
		size, ok := toFloat(ops[len(ops)-1])
		if !ok {
			return
		}
		ts.size = size
		ts.fontName = string(fn)
		ts.font = in.lookupFont(res, fn)
	case "Tc":
		if v, ok := nums(ops, 1); ok {
			ts.charSp = v[0]
		}
	case "Tw":
		if v, ok := nums(ops, 1); ok {
			ts.wordSp = v[0]
		}
	case "Tz":
		if v, ok := nums(ops, 1); ok {
			ts.hscale = v[0] / 100
		}
	case "TL":
		if v, ok := nums(ops, 1); ok {
			ts.leading = v[0]
		}
	case "Td":
		if v, ok := nums(ops, 2); ok {
			in.tlm = in.tlm.translate(v[0], v[1])
			in.tm = in.tlm
		}
	case "TD":
		if v, ok := nums(ops, 2); ok {
			ts.leading = -v[1]
			in.tlm = in.tlm.translate(v[0], v[1])
			in.tm = in.tlm
		}
	case "Tm":
		if v, ok := nums(ops, 6); ok {
			in.tlm = matrix(v)
			in.tm = in.tlm
		}
	case "T*":
		in.nextLine()
	}
}

// showOp executes a text-showing operator or Do.
func (in *interp) showOp(op string, ops []object, res dict) error {
	ts := &in.gs.ts
	switch op {
	case "Tj":
		if s, ok := lastString(ops); ok {
			return in.show(array{s})
		}
	case "'":
		if s, ok := lastString(ops); ok {
			in.nextLine()
			return in.show(array{s})
		}
	case "\"":
		if len(ops) >= 3 {
			if v, ok := nums(ops[:len(ops)-1], 2); ok {
				if s, ok := lastString(ops); ok {
					ts.wordSp, ts.charSp = v[0], v[1]
					in.nextLine()
					return in.show(array{s})
				}
			}
		}
	case "TJ":
		if len(ops) > 0 {
			if a, ok := ops[len(ops)-1].(array); ok {
				return in.show(a)
			}
		}
	case "Do":
		if len(ops) > 0 {
			if n, ok := ops[len(ops)-1].(name); ok {
				return in.doXObject(res, n)
			}
		}
	}
	return nil
}

func (in *interp) nextLine() {
	in.tlm = in.tlm.translate(0, -in.gs.ts.leading)
	in.tm = in.tlm
}

// lookupFont finds a font in the resources and registers it with the
// document's font list.
func (in *interp) lookupFont(res dict, fn name) *pfont {
	fonts := in.r.resolveDict(res["Font"])
	o, ok := fonts[fn]
	if !ok {
		return defaultFont
	}
	f := in.r.font(o, string(fn))
	in.fonts.add(o, f)
	return f
}

// TJ kerning gaps wider than this (in thousandths of an em) read as a space.
const tjSpaceGap = 200

// show executes a text-showing operator with the given TJ-style array and
// appends one span to the page.
func (in *interp) show(items array) error {
	ts := &in.gs.ts
	f := ts.font
	if f == nil {
		f = defaultFont
	}
	hscale := ts.hscale
	start := in.tm.mul(in.gs.ctm)
	var b strings.Builder
	pendingSpace, overflow := false, false
	for _, it := range items {
		switch v := it.(type) {
		case pdfString:
			f.decode([]byte(v), func(g glyph) bool {
				if b.Len() > in.r.lim.text {
					overflow = true
					return false
				}
				if f.glyphs != nil {
					in.checkGlyph(f, g.code, g.text)
					if g.pair {
						in.checkGlyph(f, g.code2, g.text)
					}
				}
				if pendingSpace {
					if !strings.HasPrefix(g.text, " ") {
						b.WriteByte(' ')
					}
					pendingSpace = false
				}
				b.WriteString(g.text)
				tx := g.width*ts.size + ts.charSp
				if g.space {
					tx += ts.wordSp
				}
				in.tm = in.tm.translate(tx*hscale, 0)
				return true
			})
		case int64, float64:
			k, _ := toFloat(v)
			in.tm = in.tm.translate(-k/1000*ts.size*hscale, 0)
			if -k > tjSpaceGap && b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
				pendingSpace = true
			}
		}
		if overflow {
			break
		}
	}
	text := b.String()
	if text == "" {
		return nil
	}
	in.r.spans++
	in.r.textBytes += len(text)
	if in.r.spans > in.r.lim.spans {
		return fmt.Errorf("%w: more than %d text spans", ErrTooLarge, in.r.lim.spans)
	}
	if overflow || in.r.textBytes > in.r.lim.text {
		return fmt.Errorf("%w: more than %d bytes of text", ErrTooLarge, in.r.lim.text)
	}
	end := in.tm.mul(in.gs.ctm)
	fontName := ""
	if ts.font != nil {
		fontName = ts.font.info.Name
	}
	mcid, artifact := in.marks.current()
	in.page.Spans = append(in.page.Spans, Span{
		Font:     fontName,
		Size:     clean(ts.size * math.Hypot(start[2], start[3])),
		X:        clean(start[4]),
		Y:        clean(start[5]),
		Width:    clean(math.Hypot(end[4]-start[4], end[5]-start[5])),
		Text:     text,
		MCID:     mcid,
		Artifact: artifact,
	})
	return nil
}

// clean replaces non-finite values by 0 and rounds away floating-point
// noise (to 1/10000 of a point).
func clean(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return math.Round(v*10000) / 10000
}

// doXObject executes a Form XObject.
func (in *interp) doXObject(res dict, n name) error {
	xobjs := in.r.resolveDict(res["XObject"])
	ref, _ := xobjs[n].(objRef)
	s, ok := in.r.resolve(xobjs[n]).(*stream)
	if !ok || s.hdr["Subtype"] != name("Form") {
		return nil
	}
	if in.depth >= maxFormDepth || (ref.num != 0 && in.forms[ref.num]) {
		return nil
	}
	in.r.formRuns++
	if in.r.formRuns > in.r.lim.formRuns {
		return fmt.Errorf("%w: more than %d Form XObject executions", ErrTooLarge, in.r.lim.formRuns)
	}
	data, err := in.r.decode(s)
	if err != nil {
		return err
	}
	if err := in.r.chargeWork(len(data)); err != nil {
		return err
	}
	formRes := in.r.resolveDict(s.hdr["Resources"])
	if formRes == nil {
		formRes = res
	}
	m := identity
	if a, ok := in.r.resolve(s.hdr["Matrix"]).(array); ok && len(a) == 6 {
		var v []float64
		for _, o := range a {
			if f, ok := toFloat(in.r.resolve(o)); ok {
				v = append(v, f)
			}
		}
		if len(v) == 6 {
			m = matrix(v)
		}
	}
	in.fonts.addResources(in.r, formRes)
	saveGS, saveStack, saveQ, saveTm, saveTlm, saveOps := in.gs, in.stack, in.skipQ, in.tm, in.tlm, in.ops
	in.stack, in.skipQ, in.ops = nil, 0, nil
	in.gs.ctm = m.mul(in.gs.ctm)
	if ref.num != 0 {
		in.forms[ref.num] = true
		defer delete(in.forms, ref.num)
	}
	in.depth++
	err = in.run(data, formRes)
	in.depth--
	in.gs, in.stack, in.skipQ, in.tm, in.tlm, in.ops = saveGS, saveStack, saveQ, saveTm, saveTlm, saveOps
	return err
}
