package audit

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/internal/pdftext"
	"github.com/breachnotice/breachnotice/letters/outbox"
	"github.com/breachnotice/breachnotice/locales"
	"github.com/breachnotice/breachnotice/rules"
)

// placeholders are what an unfilled template leaves in a letter.
var placeholders = []string{"{{", "}}", "<no value>", "%!", "MISSING", "\ufffd\ufffd"}

// letter audits one manifest entry: its PDF, its email, its deadline.
func (a *auditor) letter(l *loaded, e outbox.Entry) {
	before, warnBefore := a.rep.findings.len(), a.rep.warnings.len()
	res := Letter{Output: l.Name, CustomerID: e.CustomerID, Row: e.Row, Language: e.Language, Jurisdictions: e.Jurisdictions, PDF: l.name(e.PDF)}
	if e.EML != "" {
		res.EML = l.name(e.EML)
	}
	pdfFile := l.name(e.PDF)
	a.printedID(l, e)
	content, err := a.content(e)
	if err != nil {
		a.add(l.name(outbox.ManifestFile), CheckIntegrity, "jurisdiction", "row %d: %v", e.Row, err)
	}
	res.MinFontSize = content.MinFontSize
	if a.catalog(e) == nil {
		a.add(pdfFile, CheckPDF, "language", "letter language %q (locale %q) has no catalog", e.Language, e.Locale)
	}
	pdf, _ := a.readFile(l, e.PDF, e.PDFSHA256)
	if pdf != nil {
		if doc, err := pdftext.Parse(pdf); err != nil {
			a.add(pdfFile, CheckPDF, "parse", "does not parse as PDF: %v", err)
		} else {
			a.pdf(pdfFile, e, doc, content, &res)
		}
	}
	if e.EML != "" {
		if eml, _ := a.readFile(l, e.EML, e.EMLSHA256); eml != nil {
			a.email(l.name(e.EML), e, eml, l.sum.AttachPDF)
		}
	}
	a.sentInTime(pdfFile, e, &res)
	res.Findings = a.rep.findings.len() - before
	res.Warnings = a.rep.warnings.len() - warnBefore
	a.rep.letters.add(res)
}

// catalog is the catalog a letter was written from: its locale's (a
// regional variant such as "en-GB"), or its language's for a manifest
// written before locales were recorded.
func (a *auditor) catalog(e outbox.Entry) *locales.Catalog {
	if e.Locale != "" {
		return a.cfg.Catalogs.Locale(e.Locale)
	}
	return a.cfg.Catalogs[e.Language]
}

// content is what the law requires and forbids in the letter, from the
// rules the audit applies (not from the manifest's word).
func (a *auditor) content(e outbox.Entry) (rules.Content, error) {
	from := e.ContentFrom
	if len(from) == 0 {
		if len(e.Jurisdictions) == 0 {
			return rules.Content{}, fmt.Errorf("no jurisdiction recorded")
		}
		from = e.Jurisdictions[:1]
	}
	c, _, err := a.cfg.Rules.ContentOf(from, e.DataCategories, a.in.Facts().Decisions...)
	return c, err
}

// pdf checks one letter's PDF as read back from its bytes.
func (a *auditor) pdf(file string, e outbox.Entry, doc *pdftext.Document, content rules.Content, res *Letter) {
	res.Pages = len(doc.Pages)
	if len(doc.Pages) == 0 {
		a.add(file, CheckPDF, "no_pages", "has no pages")
		return
	}
	for _, f := range doc.Fonts {
		switch {
		case !f.Embedded:
			a.add(file, CheckPDF, "font_not_embedded", "font %q is not embedded: the printer may substitute another", f.Name)
		case !f.GlyphsChecked:
			a.add(file, CheckPDF, "glyphs_unverifiable", "font %q: cannot verify that it has a glyph for every character drawn (%s font)", f.Name, f.Subtype)
		}
	}
	for _, m := range doc.MissingGlyphs {
		a.add(file, CheckPDF, "missing_glyph", "page %d: font %q has no glyph for %q (U+%04X, drawn %d times): it prints as a blank box", m.Page, m.Font, m.Text, firstRune(m.Text), m.Count)
	}
	a.pages(file, e, doc)
	smallest := 0.0
	for _, p := range doc.Pages {
		for _, s := range p.Spans {
			if strings.TrimSpace(s.Text) == "" {
				continue
			}
			if smallest == 0 || s.Size < smallest {
				smallest = s.Size
			}
		}
	}
	res.SmallestText = round(smallest)
	if content.MinFontSize > 0 && smallest > 0 && smallest < content.MinFontSize-0.01 {
		a.add(file, CheckPDF, "type_size", "smallest text is %.1f pt; %s requires at least %g pt", smallest, strings.Join(e.ContentFrom, "+"), content.MinFontSize)
	}
	text := doc.Text()
	// Page labels ("Page 1 of 2") sit between the pages' text: content
	// that runs on to the next page is compared without them.
	squeezed := a.withoutPageLabels(e, letters.Squeeze(text))
	a.reference(file, e, doc, squeezed)
	for _, bad := range placeholders {
		if strings.Contains(text, bad) {
			a.add(file, CheckPDF, "placeholder", "text contains an unresolved placeholder %q", bad)
		}
	}
	if legal := a.in.Organization.LegalName; !strings.Contains(squeezed, letters.Squeeze(legal)) {
		a.add(file, CheckPDF, "legal_name", "the organization's legal name %q is not in the letter", legal)
	}
	if want, share, ok := scriptMatches(e.Language, text); !ok {
		a.add(file, CheckPDF, "script", "only %.0f%% of the letters are %s script, for a letter in %q", share*100, want, e.Language)
	}
	a.contentBlocks(file, e, squeezed, content)
	for _, u := range a.foreignLinks(e, text) {
		a.add(file, CheckPDF, "link", "link to %q, which is not an official domain of %s nor an authority the letter must name", u, a.in.Organization.Brand)
	}
	a.readability(file, e.Language, text, res)
	a.tagged(file, doc)
}

// contentBlocks checks required content is there, by its localized
// heading or wording, and forbidden content is not.
func (a *auditor) contentBlocks(file string, e outbox.Entry, squeezed string, content rules.Content) {
	cat := a.catalog(e)
	if cat == nil {
		return
	}
	var j *rules.Jurisdiction
	if len(e.Jurisdictions) > 0 {
		j, _ = a.cfg.Rules.Get(e.Jurisdictions[0])
	}
	in := letters.Input{Incident: a.in, Rules: a.cfg.Rules, Decision: rules.Decision{Jurisdiction: j}, Affected: a.rep.outputs[0].sum.Import.Persons}
	for _, k := range content.Required {
		if slices.Contains(content.Forbidden, k) {
			continue
		}
		if !slices.Contains(e.ContentKeys, k) {
			if !letters.Omittable(k, in) && k != content.Title {
				a.add(file, CheckPDF, "required_content", "required content %q is not in the letter (%s)", k, strings.Join(e.ContentFrom, "+"))
			}
			continue
		}
	}
	for _, k := range e.ContentKeys {
		m := letters.Markers(cat, a.in, k)
		if m == nil {
			continue
		}
		if !letters.HasMarkers(squeezed, m) {
			a.add(file, CheckPDF, "required_content", "content %q is missing: its heading or wording %q is not in the text", k, m[0][0])
		}
	}
	if content.Title != "" {
		if m := letters.Markers(cat, a.in, "title"); m != nil && !letters.HasMarkers(squeezed, m) {
			a.add(file, CheckPDF, "required_content", "the required title %q is not in the text", m[0][0])
		}
	}
	for _, k := range content.Forbidden {
		if slices.Contains(e.ContentKeys, k) {
			a.add(file, CheckPDF, "forbidden_content", "the manifest lists content %q, which %s forbids", k, strings.Join(e.ContentFrom, "+"))
		}
		if m := letters.Markers(cat, a.in, k); m != nil && letters.HasMarkers(squeezed, m) {
			a.add(file, CheckPDF, "forbidden_content", "content %q, which %s forbids, is in the text", k, strings.Join(e.ContentFrom, "+"))
		}
	}
}

// withoutPageLabels removes the language's page labels from squeezed text.
func (a *auditor) withoutPageLabels(e outbox.Entry, squeezed string) string {
	lang := e.Locale + "/" + e.Language
	re, ok := a.pageLabels[lang]
	if !ok {
		if cat := a.catalog(e); cat != nil {
			if label, err := cat.Text("page", map[string]any{"Page": "\x00", "Pages": "\x01"}); err == nil {
				pat := regexp.QuoteMeta(letters.Squeeze(label))
				pat = strings.NewReplacer("\x00", `\d+`, "\x01", `\d+`).Replace(pat)
				re = regexp.MustCompile(pat)
			}
		}
		a.pageLabels[lang] = re
	}
	if re == nil {
		return squeezed
	}
	return re.ReplaceAllString(squeezed, "")
}

// webAddress finds URLs and e-mail domains in extracted text.
var webAddress = regexp.MustCompile(`(?i)(?:https?://|www\.)[!#-'*-;=?-~]+|@[a-z0-9-]+(?:\.[a-z0-9-]+)+`)

// foreignLinks returns the web addresses in text whose host is neither an
// official domain of the organization nor named by the letter's catalog or
// rules (an authority, the credit bureaus, the FTC).
func (a *auditor) foreignLinks(e outbox.Entry, text string) []string {
	allowed := a.allowedHosts(e)
	var out []string
	for _, m := range webAddress.FindAllString(text, -1) {
		host := hostOf(m)
		if host == "" || a.in.OfficialHost(host) || onHosts(host, allowed) {
			continue
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// allowedHosts are the third-party hosts a letter may name: those in its
// language's catalog and in the rules of its jurisdictions (reviewed text,
// never customer data).
func (a *auditor) allowedHosts(e outbox.Entry) []string {
	var hosts []string
	addFrom := func(s string) {
		for _, m := range webAddress.FindAllString(s, -1) {
			if h := hostOf(m); h != "" {
				hosts = append(hosts, h)
			}
		}
		// Rule files also write bare domains ("www.ftc.gov", "identitytheft.gov").
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;()<>\"", r) }) {
			f = strings.TrimRight(f, ".")
			if strings.Count(f, ".") >= 1 && !strings.ContainsAny(f, "@/") && isHostname(f) {
				hosts = append(hosts, strings.ToLower(f))
			}
		}
	}
	if cat := a.catalog(e); cat != nil {
		for _, k := range cat.Keys() {
			if m, ok := cat.Message(k); ok {
				for _, f := range m.Forms() {
					addFrom(f)
				}
			}
		}
	}
	for _, id := range slices.Concat(e.Jurisdictions, e.ContentFrom) {
		j, ok := a.cfg.Rules.Get(id)
		if !ok {
			continue
		}
		for _, p := range a.cfg.Rules.Chain(j) {
			for _, ag := range p.Agencies {
				addFrom(ag.Website)
				addFrom(ag.Address)
			}
			for _, o := range p.Obligations {
				addFrom(o.Contact)
			}
			if c := p.Complaints; c != nil {
				addFrom(c.Website)
			}
		}
	}
	// The lead supervisory authority (the main establishment's), which
	// letters name to readers its GDPR reaches.
	if est := a.in.Organization.Establishments; len(est) > 0 {
		if j, ok := a.cfg.Rules.Get(est[0]); ok && j.Complaints != nil {
			addFrom(j.Complaints.Website)
		}
	}
	if o := a.in.Offer; o != nil {
		addFrom(o.EnrollURL)
		for _, u := range o.EnrollURLs {
			addFrom(u)
		}
	}
	return hosts
}

var hostname = regexp.MustCompile(`^(?i)[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$`)

func isHostname(s string) bool { return hostname.MatchString(s) }

// hostOf returns the host of a URL, "www." address or "@domain".
func hostOf(m string) string {
	if strings.HasPrefix(m, "@") {
		return strings.ToLower(strings.TrimRight(m[1:], "."))
	}
	if strings.HasPrefix(strings.ToLower(m), "www.") {
		m = "http://" + m
	}
	u, err := url.Parse(strings.TrimRight(m, ".,;:!?"))
	if err != nil || u.User != nil {
		return "(unparseable)"
	}
	return strings.ToLower(u.Hostname())
}

func onHosts(host string, hosts []string) bool {
	for _, h := range hosts {
		h = strings.TrimPrefix(h, "www.")
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// scriptMatches reports whether most of the letters of text are in the
// script of lang.
func scriptMatches(lang, text string) (string, float64, bool) {
	want := map[string]*unicode.RangeTable{"zh": unicode.Han, "ru": unicode.Cyrillic}[lang]
	name := map[string]string{"zh": "Han", "ru": "Cyrillic"}[lang]
	if want == nil {
		want, name = unicode.Latin, "Latin"
	}
	var n, in int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if unicode.Is(want, r) {
			in++
		}
	}
	if n == 0 {
		return name, 0, false
	}
	share := float64(in) / float64(n)
	return name, share, share >= 0.5
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func round(v float64) float64 { return float64(int(v*10+0.5)) / 10 }
