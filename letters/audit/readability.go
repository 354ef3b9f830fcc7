package audit

import (
	"github.com/breachnotice/breachnotice/letters/readability"
)

// Threshold documents one language's readability check, for the report.
type Threshold struct {
	Language  string  `json:"language"`
	Index     string  `json:"index"`
	Threshold float64 `json:"threshold"`
	Better    string  `json:"better"`
	Source    string  `json:"source"`
}

// readability measures a letter's text and reports its warnings.
func (a *auditor) readability(file, lang, text string, res *Letter) {
	r, err := readability.Analyze(lang, text)
	if err != nil {
		a.warn(file, CheckReadability, "unmeasured", "%v", err)
		return
	}
	res.ReadabilityIndex = r.Index.Name
	if r.Index.Measured {
		res.Readability = round(r.Index.Value)
	}
	for _, w := range r.Warnings() {
		a.warn(file, CheckReadability, w.Code, "%s", w.Message)
	}
}

// thresholds lists the readability checks per language.
func thresholds() []Threshold {
	var out []Threshold
	for _, lang := range []string{"en", "fr", "it", "ru", "zh"} {
		r, err := readability.Analyze(lang, "")
		if err != nil {
			continue
		}
		out = append(out, Threshold{Language: lang, Index: r.Index.Name, Threshold: r.Index.Threshold, Better: r.Index.Better, Source: r.Index.Source})
	}
	return out
}
