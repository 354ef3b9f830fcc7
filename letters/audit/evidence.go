package audit

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/rules"
)

// EvidenceSums is the name of the evidence pack's checksum list, in the
// format of sha256sum(1), so "sha256sum -c SHA256SUMS" verifies it.
const EvidenceSums = "SHA256SUMS"

// WriteEvidence writes the evidence pack, a zip file that shows later how
// the decision was made: each output's manifest, summary, rejects and
// persons not notified; the incident file; the audit's results (audit.json
// and audit.xlsx as written, read from reports); the rules applied, both
// as the rule files themselves and resolved (every jurisdiction involved
// with its parents, citations, source URLs and reviewed dates) with the
// obligations computed from them; and SHA256SUMS listing every other file.
// The pack holds customer ids and reject reasons, not the letters: treat
// it as personal data. The large files are copied as streams, never held.
func (r *Report) WriteEvidence(w io.Writer, cfg Config, reports fs.FS) error {
	files, err := r.evidenceFiles(cfg, reports)
	if err != nil {
		return err
	}
	names := slices.Sorted(maps.Keys(files))
	var sums strings.Builder
	for _, n := range names {
		sum, err := files[n].sha256()
		if err != nil {
			return fmt.Errorf("audit: evidence: %s: %w", n, err)
		}
		fmt.Fprintf(&sums, "%s  %s\n", sum, n)
	}
	files[EvidenceSums] = evidenceFile{data: []byte(sums.String())}
	modified, err := time.Parse(time.RFC3339, r.AuditedAt)
	if err != nil {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	for _, n := range append([]string{EvidenceSums}, names...) {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: modified.UTC()})
		if err != nil {
			return fmt.Errorf("audit: evidence: %w", err)
		}
		if err := files[n].copyTo(fw); err != nil {
			return fmt.Errorf("audit: evidence: %s: %w", n, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("audit: evidence: %w", err)
	}
	return nil
}

// evidenceFile is a file of the pack: bytes in memory, or a file of an
// fs.FS read when it is copied.
type evidenceFile struct {
	data []byte
	fsys fs.FS
	name string
}

func (e evidenceFile) copyTo(w io.Writer) error {
	if e.fsys == nil {
		_, err := w.Write(e.data)
		return err
	}
	f, err := e.fsys.Open(e.name)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

func (e evidenceFile) sha256() (string, error) {
	h := sha256.New()
	if err := e.copyTo(h); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// evidenceFiles are the pack's files but SHA256SUMS, by name.
func (r *Report) evidenceFiles(cfg Config, reports fs.FS) (map[string]evidenceFile, error) {
	files := map[string]evidenceFile{
		outbox.IncidentFile: {data: r.incidentSrc},
		outbox.AuditJSON:    {fsys: reports, name: outbox.AuditJSON},
		outbox.AuditXLSX:    {fsys: reports, name: outbox.AuditXLSX},
	}
	for i, l := range r.outputs {
		dir := fmt.Sprintf("outputs/%d-%s", i+1, safeName(path.Base(strings.TrimRight(strings.ReplaceAll(l.Name, "\\", "/"), "/"))))
		for _, name := range []string{outbox.ManifestFile, outbox.SummaryFile, outbox.RejectsFile, outbox.NotNotifiedFile} {
			if l.has[name] {
				files[dir+"/"+name] = evidenceFile{fsys: l.FS, name: name}
			}
		}
	}
	involved, err := r.involved(cfg.Rules)
	if err != nil {
		return nil, err
	}
	for _, j := range involved {
		if cfg.RulesFS == nil || j.File == "" {
			continue
		}
		data, err := fs.ReadFile(cfg.RulesFS, path.Base(j.File))
		if err != nil {
			return nil, fmt.Errorf("audit: evidence: rule file of %s: %w", j.ID, err)
		}
		files["rules/"+path.Base(j.File)] = evidenceFile{data: data}
	}
	for name, v := range map[string]any{"rules/resolved.json": involved, "rules/obligations.json": r.deadlines} {
		data, err := marshal(v)
		if err != nil {
			return nil, err
		}
		files[name] = evidenceFile{data: data}
	}
	files["README.txt"] = evidenceFile{data: []byte(evidenceReadme(r))}
	return files, nil
}

// involved are the jurisdictions the outputs touched (letters, persons not
// notified, obligations), with their parents, sorted by id.
func (r *Report) involved(set *rules.Set) ([]*rules.Jurisdiction, error) {
	seen := map[string]*rules.Jurisdiction{}
	addID := func(id string) {
		j, ok := set.Get(id)
		if !ok {
			return
		}
		for _, p := range set.Chain(j) {
			seen[p.ID] = p
		}
	}
	for _, l := range r.outputs {
		err := l.each(func(e outbox.Entry) error {
			for _, id := range slices.Concat(e.Jurisdictions, e.ContentFrom) {
				addID(id)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, n := range l.sum.NotRequiredWhy {
			addID(n.Jurisdiction)
		}
		for id := range l.sum.NotRequiredBy {
			addID(id)
		}
	}
	for _, d := range r.deadlines {
		addID(d.Jurisdiction)
		addID(d.Defined)
	}
	out := make([]*rules.Jurisdiction, 0, len(seen))
	for _, j := range seen {
		out = append(out, j)
	}
	slices.SortFunc(out, func(a, b *rules.Jurisdiction) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("audit: evidence: %w", err)
	}
	return b.Bytes(), nil
}

// safeName keeps letters, digits, dot, dash and underscore.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
	if s == "" || s == "." || s == ".." {
		return "output"
	}
	return s
}

func evidenceReadme(r *Report) string {
	result := "clean"
	if !r.Clean() {
		result = fmt.Sprintf("%d findings", r.FindingCount())
	}
	return fmt.Sprintf(`breachnotice evidence pack
incident %s, audited %s (letters sent %s): %s

SHA256SUMS             sha256 of every other file (sha256sum -c SHA256SUMS)
incident.toml          the incident file the letters were made from (sha256 %s)
audit.json, audit.xlsx the audit: findings, warnings, every letter, open obligations
outputs/N-NAME/        each output directory's manifest.jsonl (one line per letter
                       with its files' sha256), summary.json (rows = letters +
                       rejects + not required), rejects.csv, not_notified.csv
rules/*.toml           the rule files of every jurisdiction involved, as applied
                       (rules fingerprint %s)
rules/resolved.json    the same rules decoded: citations, source URLs, reviewed dates
rules/obligations.json every obligation computed for the incident, with due times

This pack holds customer ids and reasons, not the letters. Treat it as personal data.
`, r.Incident, r.AuditedAt, r.SentAt, result, r.IncidentSHA, r.RulesSHA)
}
