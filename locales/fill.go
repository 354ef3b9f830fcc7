package locales

import (
	"strings"
	"text/template"
	tparse "text/template/parse"
)

// form names one compiled text of a catalog: a message's key and its form
// ("text", or a CLDR plural form).
type form struct{ key, form string }

// compiled is a message's text as a template and, where the template is
// only text and fields of its data ("Dear {{.Name}},"), as those parts:
// a letter asks for dozens of messages, and filling the parts in is
// much cheaper than executing the template, for the same text.
type compiled struct {
	t *template.Template
	// parts are the template's text and fields in order, nil where it
	// has anything else (a function, a condition...).
	parts []part
}

// part is a text, or the field of the data written there.
type part struct{ text, field string }

func compile(name, text string) (*compiled, error) {
	t, err := template.New(name).Option("missingkey=error").Funcs(funcs).Parse(text)
	if err != nil {
		return nil, err
	}
	return &compiled{t: t, parts: partsOf(t)}, nil
}

// partsOf returns the parts of a template of text and single fields
// ({{.Name}}), nil for any other template.
func partsOf(t *template.Template) []part {
	if t.Tree == nil || t.Root == nil {
		return nil
	}
	parts := []part{}
	for _, n := range t.Root.Nodes {
		switch n := n.(type) {
		case *tparse.TextNode:
			parts = append(parts, part{text: string(n.Text)})
		case *tparse.ActionNode:
			f := fieldOf(n)
			if f == "" {
				return nil
			}
			parts = append(parts, part{field: f})
		default:
			return nil
		}
	}
	return parts
}

// fieldOf returns the field an action writes when it is only that
// ({{.Name}}), else "".
func fieldOf(a *tparse.ActionNode) string {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return ""
	}
	f, ok := p.Cmds[0].Args[0].(*tparse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return ""
	}
	return f.Ident[0]
}

// execute writes the message with data.
func (c *compiled) execute(data any) (string, error) {
	if s, ok := c.fill(data); ok {
		return s, nil
	}
	return execute(c.t, data)
}

// fill writes the message from its parts, as the template writes it,
// when the data is a map that gives each field a string; ok is false
// otherwise (then the template says what it writes, or what is wrong).
func (c *compiled) fill(data any) (s string, ok bool) {
	if c.parts == nil {
		return "", false
	}
	if len(c.parts) == 1 && c.parts[0].field == "" {
		return c.parts[0].text, true
	}
	d, _ := data.(map[string]any)
	n := 0
	for _, p := range c.parts {
		if p.field == "" {
			n += len(p.text)
			continue
		}
		v, ok := d[p.field].(string)
		if !ok {
			return "", false
		}
		n += len(v)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range c.parts {
		if p.field == "" {
			b.WriteString(p.text)
		} else {
			b.WriteString(d[p.field].(string))
		}
	}
	return b.String(), true
}
