package pdftext

// markedContent tracks the marked-content sequences (PDF 32000-1, 14.6)
// open in a content stream: BMC and BDC open one, EMC closes the last.
type markedContent struct {
	open []mark
	skip int // sequences not recorded because too many were open
}

// mark is an open marked-content sequence as the text drawn in it sees
// it: the MCID of the innermost sequence with one (-1 for none), and
// whether it or a sequence around it is an artifact.
type mark struct {
	mcid     int
	artifact bool
}

// op executes BMC, BDC or EMC with its operands.
func (m *markedContent) op(op string, ops []object) {
	if op == "EMC" {
		switch {
		case m.skip > 0:
			m.skip--
		case len(m.open) > 0:
			m.open = m.open[:len(m.open)-1]
		}
		return
	}
	if len(m.open) >= maxGStack {
		m.skip++
		return
	}
	n := 1
	if op == "BDC" {
		n = 2
	}
	k := mark{mcid: -1}
	if len(ops) >= n {
		tag, _ := ops[len(ops)-n].(name)
		k.artifact = tag == "Artifact"
		if props, ok := ops[len(ops)-1].(dict); ok && op == "BDC" {
			if id, ok := toInt(props["MCID"]); ok && id >= 0 && id <= maxElems {
				k.mcid = int(id)
			}
		}
	}
	if outer, ok := m.top(); ok {
		if k.mcid < 0 {
			k.mcid = outer.mcid
		}
		k.artifact = k.artifact || outer.artifact
	}
	m.open = append(m.open, k)
}

// top returns the innermost open sequence.
func (m *markedContent) top() (mark, bool) {
	if len(m.open) == 0 {
		return mark{mcid: -1}, false
	}
	return m.open[len(m.open)-1], true
}

// current returns the MCID text drawn now belongs to (-1 for none) and
// whether it is drawn in an artifact.
func (m *markedContent) current() (mcid int, artifact bool) {
	k, _ := m.top()
	return k.mcid, k.artifact
}
