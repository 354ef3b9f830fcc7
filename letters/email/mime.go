package outbox

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Part is one leaf of a MIME message, decoded.
type Part struct {
	Type string // media type, e.g. "text/plain"
	Body []byte // after quoted-printable or base64 decoding
}

// EmailParts returns the leaf parts of a message, depth first.
func EmailParts(msg *mail.Message) ([]Part, error) {
	return walk(msg.Header.Get("Content-Type"), msg.Body, msg.Header.Get("Content-Transfer-Encoding"))
}

func walk(ctype string, body io.Reader, cte string) ([]Part, error) {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(mt, "multipart/") {
		raw, err := io.ReadAll(io.LimitReader(body, 64<<20))
		if err != nil {
			return nil, err
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
		return []Part{{Type: mt, Body: raw}}, nil
	}
	mr := multipart.NewReader(body, params["boundary"])
	var out []Part
	for depth := 0; depth < 64; depth++ {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		sub, err := walk(p.Header.Get("Content-Type"), p, p.Header.Get("Content-Transfer-Encoding"))
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
}
