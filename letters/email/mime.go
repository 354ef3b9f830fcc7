package email

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Limits of the MIME reader. A message past one is an error, never read
// in part: every part of a message Parts accepts is returned.
const (
	// MaxDepth is the deepest nesting of multipart bodies Parts reads: the
	// message's own body is at depth 1 (a letter's email has 2).
	MaxDepth = 32
	// MaxPartSize is the largest body of one leaf part, before decoding.
	MaxPartSize = 64 << 20
)

var (
	// ErrTooDeep is wrapped by Parts when multipart bodies nest deeper
	// than MaxDepth.
	ErrTooDeep = errors.New("email: multipart bodies nested too deep")
	// ErrTooLarge is wrapped by Parts when a leaf part's body is larger
	// than MaxPartSize.
	ErrTooLarge = errors.New("email: part too large")
)

// Part is one leaf of a MIME message, decoded.
type Part struct {
	Type string // media type, e.g. "text/plain"
	Body []byte // after quoted-printable or base64 decoding
}

// Parts returns the leaf parts of a message, depth first: all of them, or
// an error.
func Parts(msg *mail.Message) ([]Part, error) {
	return walk(msg.Header.Get("Content-Type"), msg.Body, msg.Header.Get("Content-Transfer-Encoding"), 0)
}

// walk returns the leaf parts of one body; depth is the number of
// multipart bodies it is nested in.
func walk(ctype string, body io.Reader, cte string, depth int) ([]Part, error) {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(mt, "multipart/") {
		raw, err := leaf(body, cte)
		if err != nil {
			return nil, err
		}
		return []Part{{Type: mt, Body: raw}}, nil
	}
	if depth >= MaxDepth {
		return nil, fmt.Errorf("%w: more than %d levels", ErrTooDeep, MaxDepth)
	}
	mr := multipart.NewReader(body, params["boundary"])
	var out []Part
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		sub, err := walk(p.Header.Get("Content-Type"), p, p.Header.Get("Content-Transfer-Encoding"), depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
}

// leaf reads and decodes a leaf part's body.
func leaf(body io.Reader, cte string) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(body, MaxPartSize+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxPartSize {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxPartSize)
	}
	switch strings.ToLower(cte) {
	case "base64":
		raw, err = base64.StdEncoding.DecodeString(strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' {
				return -1
			}
			return r
		}, string(raw)))
	case "quoted-printable":
		raw, err = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
	}
	if err != nil {
		return nil, err
	}
	return raw, nil
}
