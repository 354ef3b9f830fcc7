package readability

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenLetters analyses the text layer of every golden letter
// (../testdata/golden/PROFILE-LANG.pdf.txt, the real rendered letters):
// each must apologise, own the failure and give numbered steps, and its
// email text must measure as its PDF text does. The index values and
// warnings are logged (go test -v) for the record, not checked:
// readability findings are warnings.
func TestGoldenLetters(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.pdf.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Fatalf("found %d golden letters, want 25 (5 languages x 5 profiles)", len(files))
	}
	for _, f := range files {
		stem := strings.TrimSuffix(filepath.Base(f), ".pdf.txt")
		lang := stem[strings.LastIndexByte(stem, '-')+1:]
		t.Run(stem, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Analyze(lang, string(data))
			if err != nil {
				t.Fatal(err)
			}
			if !r.SalutationFound || !r.SignOffFound {
				t.Errorf("salutation found %v, sign-off found %v: the body was not framed", r.SalutationFound, r.SignOffFound)
			}
			if !r.Apology {
				t.Errorf("no apology found")
			}
			if !r.NumberedSteps {
				t.Errorf("no numbered steps found (%d numbered items)", r.Steps)
			}
			if !r.Index.Measured {
				t.Fatalf("index not measured")
			}
			unit, total := "words", r.Words
			if lang == "zh" {
				unit, total = "characters", r.Characters
			}
			t.Logf("%s: %s = %.1f (threshold %s %g, meets: %v); %d sentences, %d %s, %d syllables, %d letters; %d steps",
				stem, r.Index.Name, r.Index.Value, map[string]string{"higher": ">=", "lower": "<="}[r.Index.Better], r.Index.Threshold,
				r.Index.Meets(), r.Sentences, total, unit, r.Syllables, r.Letters, r.Steps)
			for _, w := range r.Warnings() {
				t.Logf("  %s", w)
			}

			// The email's text part has the same body as the PDF, one
			// paragraph per line: measuring both the same way shows the
			// wrapped, paginated PDF text was put back together right.
			email, err := os.ReadFile(strings.TrimSuffix(f, ".pdf.txt") + ".email.txt")
			if err != nil {
				return // no email golden for this letter
			}
			e, err := Analyze(lang, string(email))
			if err != nil {
				t.Fatal(err)
			}
			if !e.Apology || !e.NumberedSteps {
				t.Errorf("email text: apology %v, numbered steps %v", e.Apology, e.NumberedSteps)
			}
			if d := e.Index.Value - r.Index.Value; math.Abs(d) > 2 || abs(e.Sentences-r.Sentences) > 2 {
				t.Errorf("email text measures %s = %.1f over %d sentences, PDF text %.1f over %d: the PDF's layout was misread",
					r.Index.Name, e.Index.Value, e.Sentences, r.Index.Value, r.Sentences)
			}
		})
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
