package pdftext

import (
	"errors"
	"math"
)

// PDF object model. A PDF object is represented by one of:
//
//	nil        null
//	bool       boolean
//	int64      integer
//	float64    real
//	name       name
//	pdfString  string (raw bytes)
//	array      array
//	dict       dictionary
//	objRef     indirect reference (N G R)
//	keyword    bare keyword (only produced where keywords are legal)
//	*stream    stream (dictionary plus raw, undecoded data)
type (
	object    = any
	name      string
	pdfString string
	array     []object
	dict      map[name]object
	keyword   string
)

// objRef is an indirect reference.
type objRef struct {
	num, gen int
}

// stream is a stream object; raw holds the data as stored in the file.
type stream struct {
	hdr dict
	raw []byte
	num int // object number, 0 if unknown
}

var (
	errEOF    = errors.New("unexpected end of data")
	errSyntax = errors.New("syntax error")
	errDepth  = errors.New("objects nested too deeply")
	errSize   = errors.New("array or dictionary too large")
)

// maxElems bounds the number of elements of one array or dictionary.
const maxElems = 1 << 20

// parser builds objects from tokens. With refs set, "N G R" sequences are
// turned into references (file objects); content streams leave it unset.
type parser struct {
	lex  lexer
	refs bool
}

// parse reads one object.
func (p *parser) parse(depth int) (object, error) {
	return p.parseFrom(p.lex.next(), depth)
}

// parseFrom builds an object that starts with the already-read token t.
// Keywords other than true, false and null are returned as keyword values.
func (p *parser) parseFrom(t token, depth int) (object, error) {
	if depth > maxDepth {
		return nil, errDepth
	}
	switch t.kind {
	case tokEOF:
		return nil, errEOF
	case tokBad:
		return nil, errors.New(t.s)
	case tokInt:
		if p.refs && t.i >= 0 && t.i <= math.MaxInt32 {
			save := p.lex.pos
			if t2 := p.lex.next(); t2.kind == tokInt && t2.i >= 0 && t2.i <= 65535 {
				if t3 := p.lex.next(); t3.kind == tokKeyword && t3.s == "R" {
					return objRef{num: int(t.i), gen: int(t2.i)}, nil
				}
			}
			p.lex.pos = save
		}
		return t.i, nil
	case tokReal:
		return t.f, nil
	case tokName:
		return name(t.s), nil
	case tokString:
		return pdfString(t.s), nil
	case tokKeyword:
		switch t.s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return keyword(t.s), nil
	case tokArrayStart:
		a := array{}
		for {
			t := p.lex.next()
			if t.kind == tokArrayEnd {
				return a, nil
			}
			v, err := p.parseFrom(t, depth+1)
			if err != nil {
				return nil, err
			}
			if _, ok := v.(keyword); ok {
				return nil, errSyntax
			}
			if len(a) >= maxElems {
				return nil, errSize
			}
			a = append(a, v)
		}
	case tokDictStart:
		d := dict{}
		for {
			t := p.lex.next()
			if t.kind == tokDictEnd {
				return d, nil
			}
			if t.kind != tokName {
				if t.kind == tokEOF {
					return nil, errEOF
				}
				return nil, errSyntax
			}
			vt := p.lex.next()
			if vt.kind == tokDictEnd { // key without value
				return d, nil
			}
			v, err := p.parseFrom(vt, depth+1)
			if err != nil {
				return nil, err
			}
			if _, ok := v.(keyword); ok {
				return nil, errSyntax
			}
			if len(d) >= maxElems {
				return nil, errSize
			}
			if v != nil {
				d[name(t.s)] = v
			}
		}
	}
	return nil, errSyntax
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// toFloat returns the numeric value of an int64 or float64 object.
func toFloat(o object) (float64, bool) {
	switch v := o.(type) {
	case int64:
		return float64(v), true
	case float64:
		if finite(v) {
			return v, true
		}
	}
	return 0, false
}

// toInt returns the value of an integer object (reals are truncated).
func toInt(o object) (int64, bool) {
	switch v := o.(type) {
	case int64:
		return v, true
	case float64:
		if finite(v) && math.Abs(v) < 1<<53 {
			return int64(v), true
		}
	}
	return 0, false
}
