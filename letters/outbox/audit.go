package outbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/breachnotice/breachnotice/letters/pdftext"
)

// Finding is one problem the audit found, naming the file.
type Finding struct {
	File string
	Msg  string
}

func (f Finding) String() string { return f.File + ": " + f.Msg }

// Audit checks an output directory: every manifest entry's files exist,
// hash to the recorded sha256 and parse (PDF with every font embedded and a
// text layer that names the letter's reference; email with the required
// headers, a text and an HTML part, and the PDF attached unchanged); no file
// is outside the manifest; and rows = letters + rejects + not required.
// It returns the findings sorted; an error means the directory cannot be
// audited at all.
func Audit(dir string) ([]Finding, error) {
	var fs []Finding
	add := func(file, format string, args ...any) {
		fs = append(fs, Finding{File: filepath.Join(dir, filepath.FromSlash(file)), Msg: fmt.Sprintf(format, args...)})
	}
	mf, err := os.Open(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("outbox: cannot audit %q: %w", dir, err)
	}
	entries, err := ReadManifest(mf)
	mf.Close()
	if err != nil {
		return nil, fmt.Errorf("outbox: cannot audit %q: %w", dir, err)
	}
	var sum Summary
	data, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if err != nil {
		return nil, fmt.Errorf("outbox: cannot audit %q: %w", dir, err)
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		return nil, fmt.Errorf("outbox: cannot audit %q: %s: %w", dir, SummaryFile, err)
	}
	if !sum.Balanced() {
		add(SummaryFile, "rows %d != letters %d + rejects %d + not required %d (import: rows %d = persons %d + rejects %d)",
			sum.Rows, sum.Letters, sum.Rejects, sum.NotRequired, sum.Import.Rows, sum.Import.Persons, sum.Import.Rejects)
	}
	if sum.Letters != len(entries) {
		add(ManifestFile, "has %d letters, %s says %d", len(entries), SummaryFile, sum.Letters)
	}
	if n, err := countCSV(filepath.Join(dir, RejectsFile)); err != nil {
		add(RejectsFile, "%v", err)
	} else if n != sum.Rejects {
		add(RejectsFile, "has %d rows, %s says %d rejects", n, SummaryFile, sum.Rejects)
	}

	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.PDF] = true
		pdfData, ok := checkFile(dir, e.PDF, e.PDFSHA256, add)
		if ok {
			auditPDF(e, pdfData, add)
		}
		if e.EML == "" {
			continue
		}
		listed[e.EML] = true
		if emlData, ok := checkFile(dir, e.EML, e.EMLSHA256, add); ok {
			auditEmail(e, emlData, add)
		}
	}
	for _, sub := range []string{PDFDir, EmailDir} {
		des, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			add(sub, "cannot list: %v", err)
			continue
		}
		for _, de := range des {
			rel := sub + "/" + de.Name()
			if !listed[rel] {
				add(rel, "file is not in %s", ManifestFile)
			}
		}
	}
	sort.Slice(fs, func(a, b int) bool { return fs[a].String() < fs[b].String() })
	return fs, nil
}

func checkFile(dir, rel, want string, add func(string, string, ...any)) ([]byte, bool) {
	if rel == "" || strings.Contains(rel, "..") || filepath.IsAbs(rel) {
		add(ManifestFile, "bad file path %q", rel)
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		add(rel, "missing or unreadable: %v", err)
		return nil, false
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != want {
		add(rel, "sha256 %s does not match the manifest's %s", got, want)
		return data, false
	}
	return data, true
}

func auditPDF(e Entry, data []byte, add func(string, string, ...any)) {
	doc, err := pdftext.Parse(data)
	if err != nil {
		add(e.PDF, "does not parse as PDF: %v", err)
		return
	}
	if len(doc.Pages) == 0 {
		add(e.PDF, "has no pages")
	}
	for _, f := range doc.Fonts {
		if !f.Embedded {
			add(e.PDF, "font %q is not embedded", f.Name)
		}
	}
	text := doc.Text()
	if !strings.Contains(text, e.CustomerID) {
		add(e.PDF, "text layer does not contain the customer reference %q", e.CustomerID)
	}
	for _, bad := range []string{"{{", "<no value>", "%!", "MISSING"} {
		if strings.Contains(text, bad) {
			add(e.PDF, "text contains an unresolved placeholder %q", bad)
		}
	}
}

func auditEmail(e Entry, data []byte, add func(string, string, ...any)) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		add(e.EML, "does not parse as email: %v", err)
		return
	}
	for _, h := range []string{"From", "To", "Subject", "Date", "Message-Id", "Mime-Version", "Content-Language"} {
		if msg.Header.Get(h) == "" {
			add(e.EML, "header %s is missing", h)
		}
	}
	if _, err := msg.Header.Date(); err != nil {
		add(e.EML, "bad Date header: %v", err)
	}
	parts, err := EmailParts(msg)
	if err != nil {
		add(e.EML, "bad MIME structure: %v", err)
		return
	}
	var haveText, haveHTML, havePDF bool
	for _, p := range parts {
		switch {
		case p.Type == "text/plain":
			haveText = true
		case p.Type == "text/html":
			haveHTML = true
		case p.Type == "application/pdf":
			havePDF = true
			sum := sha256.Sum256(p.Body)
			if got := hex.EncodeToString(sum[:]); got != e.PDFSHA256 {
				add(e.EML, "attached PDF sha256 %s differs from the manifest's %s", got, e.PDFSHA256)
			}
		}
	}
	if !haveText {
		add(e.EML, "no text/plain part")
	}
	if !haveHTML {
		add(e.EML, "no text/html part")
	}
	if !havePDF {
		add(e.EML, "no PDF attached")
	}
}

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

func countCSV(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, fmt.Errorf("no header row")
	}
	return len(recs) - 1, nil
}
