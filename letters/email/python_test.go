package email_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readBackPy reads the emails named in cases.json with Python's own email
// package (policy.default) and checks what TestReadBackWithGoMessage
// checks: subject, Auto-Submitted, Date, lines within 78, the preheader
// first in the HTML body, no link, and the PDF attached only when asked,
// under its name. It prints one line per fault and "checked N".
const readBackPy = `
import email, html, json, re, sys
from email import policy
from email.utils import parsedate_to_datetime

cases = json.load(open(sys.argv[1], encoding="utf-8"))
faults = 0
def fault(name, what):
    global faults
    faults += 1
    print(name + ": " + what)

for c in cases:
    raw = open(c["file"], "rb").read()
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 78:
            fault(c["name"], "line %d has %d characters" % (n, len(line)))
    m = email.message_from_bytes(raw, policy=policy.default)
    if str(m["subject"]) != c["subject"]:
        fault(c["name"], "subject %r, want %r" % (str(m["subject"]), c["subject"]))
    if m["auto-submitted"] != "auto-generated":
        fault(c["name"], "Auto-Submitted %r" % m["auto-submitted"])
    if parsedate_to_datetime(m["date"]).isoformat() != c["date"]:
        fault(c["name"], "Date %s, want %s" % (m["date"], c["date"]))
    texts, htmls, attachments = [], [], []
    for part in m.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            attachments.append((part.get_filename(), part.get_content_type(), len(part.get_payload(decode=True))))
        elif part.get_content_type() == "text/plain":
            texts.append(part.get_content())
        elif part.get_content_type() == "text/html":
            htmls.append(part.get_content())
        else:
            fault(c["name"], "unexpected part " + part.get_content_type())
    if len(texts) != 1 or len(htmls) != 1:
        fault(c["name"], "%d text and %d HTML parts" % (len(texts), len(htmls)))
        continue
    body = htmls[0].split("<body", 1)[1].split(">", 1)[1].lstrip()
    first = re.match(r'<div style="([^"]*)">([^<]*)', body)
    if not first or "display:none" not in first.group(1) or not html.unescape(first.group(2)).startswith(c["preheader"]):
        fault(c["name"], "the HTML body does not open with the hidden preheader: " + body[:80])
    if re.search(r"<a\b|href", htmls[0], re.I):
        fault(c["name"], "the HTML part has a link")
    want = [(c["attachment"], "application/pdf", c["pdf_size"])] if c["attachment"] else []
    if attachments != want:
        fault(c["name"], "attachments %r, want %r" % (attachments, want))
    if (c["attachment_text"] in texts[0]) != bool(c["attachment"]):
        fault(c["name"], "the text's word on the attachment does not match it")
print("checked %d" % len(cases))
sys.exit(1 if faults else 0)
`

// TestReadBackWithPython reads the sample emails with Python's email
// package, when python3 is on PATH.
func TestReadBackWithPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH")
	}
	dir := t.TempDir()
	type pyCase struct {
		Name           string `json:"name"`
		File           string `json:"file"`
		Subject        string `json:"subject"`
		Date           string `json:"date"`
		Preheader      string `json:"preheader"`
		Attachment     string `json:"attachment"`
		AttachmentText string `json:"attachment_text"`
		PDFSize        int    `json:"pdf_size"`
	}
	var cases []pyCase
	for i, s := range samples(t) {
		file := filepath.Join(dir, fmt.Sprintf("%02d.eml", i))
		if err := os.WriteFile(file, s.eml, 0o600); err != nil {
			t.Fatal(err)
		}
		c := pyCase{Name: s.name, File: file, Subject: s.l.Subject, Date: sampleDate.Format("2006-01-02T15:04:05-07:00"),
			Preheader: s.l.Preheader, AttachmentText: s.l.Attachment}
		if s.attach {
			c.Attachment, c.PDFSize = attachmentName(s.l), len(s.pdf)
		}
		cases = append(cases, c)
	}
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	casesFile, script := filepath.Join(dir, "cases.json"), filepath.Join(dir, "readback.py")
	if err := os.WriteFile(casesFile, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(script, []byte(readBackPy), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, casesFile).CombinedOutput()
	if err != nil || !strings.Contains(string(out), fmt.Sprintf("checked %d", len(cases))) {
		t.Fatalf("python3: %v\n%s", err, out)
	}
}
