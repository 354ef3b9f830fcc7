package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/breachnotice/breachnotice/letters"
)

// renderLines renders l and returns the lines drawn.
func renderLines(t *testing.T, l *letters.Letter) ([]drawnLine, []byte, error) {
	t.Helper()
	var drawn []drawnLine
	var buf bytes.Buffer
	err := renderRecorded(&buf, l, loadEnv(t).fonts, Options{Created: testNow}, func(d drawnLine) { drawn = append(drawn, d) })
	return drawn, buf.Bytes(), err
}

// windowLetter is a short letter to address.
func windowLetter(paper string, address ...string) *letters.Letter {
	return &letters.Letter{
		Lang: "it", Paper: paper, Brand: "Acme", LegalName: "Acme Retail S.p.A.",
		Letterhead: []string{"Acme Retail S.p.A.", "Via Roma 1, 20121 Milano, Italia", "www.acme.example"},
		Address:    address, Date: "22 novembre 2026", RefLabel: "Riferimento", Reference: "INC-2026-0042 / C-1002",
		Title: "Comunicazione di violazione dei dati personali", Salutation: "Gentile cliente,",
		Opening: "Le scriviamo per informarLa di un incidente.", PageLabel: "Pagina {{.Page}} di {{.Pages}}",
	}
}

// checkWindow asserts that every address and return-address line lies in
// the window, in its own zone, and returns the address lines.
func checkWindow(t *testing.T, l *letters.Letter, drawn []drawnLine) []drawnLine {
	t.Helper()
	win := windowFor(l.Paper)
	const eps = 1e-6
	var addr []drawnLine
	for _, d := range drawn {
		if d.kind != "address" && d.kind != "return" {
			continue
		}
		if d.page != 0 {
			t.Errorf("%s line on page %d", d.kind, d.page+1)
		}
		if d.x0 < win.x-eps || d.x1 > win.x+win.w+eps || d.top < win.y-eps || d.bottom > win.y+win.h+eps {
			t.Errorf("%s line %.2f..%.2f x %.2f..%.2f mm is outside the window %.2f..%.2f x %.2f..%.2f",
				d.kind, d.x0, d.x1, d.top, d.bottom, win.x, win.x+win.w, win.y, win.y+win.h)
		}
		if d.x0 < win.textX-eps || d.x1 > win.textX+win.textW+eps {
			t.Errorf("%s line %.2f..%.2f mm is wider than the text area %.2f..%.2f", d.kind, d.x0, d.x1, win.textX, win.textX+win.textW)
		}
		top, bottom := win.addrTop, win.addrBottom
		if d.kind == "return" {
			top, bottom = win.returnTop, win.returnBottom
		} else {
			addr = append(addr, d)
			if d.size < max(addrMinSize, l.MinFont)-eps {
				t.Errorf("address set in %v pt, below %v", d.size, max(addrMinSize, l.MinFont))
			}
		}
		if d.top < top-eps || d.bottom > bottom+eps {
			t.Errorf("%s line %.2f..%.2f mm is outside its zone %.2f..%.2f", d.kind, d.top, d.bottom, top, bottom)
		}
	}
	for i := 1; i < len(addr); i++ {
		if addr[i].top < addr[i-1].bottom-eps {
			t.Errorf("address lines %d and %d overlap", i, i+1)
		}
	}
	if len(addr) > win.maxLines {
		t.Errorf("%d address lines, at most %d allowed", len(addr), win.maxLines)
	}
	return addr
}

func TestAddressFitsTheWindow(t *testing.T) {
	longStreet := "Via dei Cavalieri di Vittorio Veneto e della Repubblica Partenopea 1234, scala B, interno 7, presso Studio Associato Rossi"
	tests := []struct {
		name     string
		paper    string
		minFont  float64
		address  []string
		wrapped  bool    // more lines drawn than given
		wantSize float64 // type size of the address, 0: any
	}{
		{"normal A4", "A4", 0, []string{"Francesca Esposito", "Corso Umberto I 45", "80138 Napoli NA", "ITALIA"}, false, addrSize},
		{"normal Letter", "Letter", 10, []string{"Jessica Nguyen", "88 Santa Clara St", "San Jose, CA 95113", "UNITED STATES"}, false, addrSize},
		{"long street A4", "A4", 0, []string{"Francesca Esposito", longStreet, "80138 Napoli NA", "ITALIA"}, true, 0},
		{"long street Letter", "Letter", 0, []string{"Jessica Nguyen", "1234 North Very Long Boulevard Name Extension Apartment 5678 Building C", "San Jose, CA 95113", "UNITED STATES"}, true, 0},
		{"long street, minimum 10 pt", "Letter", 10, []string{"Jessica Nguyen", "1234 North Very Long Boulevard Name Extension Apartment 5678", "San Jose, CA 95113", "UNITED STATES"}, true, 0},
		{"six lines step down", "A4", 0, []string{"Studio Rossi", "c/o Francesca Esposito", "Scala B", "Corso Umberto I 45", "80138 Napoli NA", "ITALIA"}, false, 10.5},
		{"Chinese", "A4", 0, []string{"200120", "中国上海市", "浦东新区世纪大道100号浦东新区世纪大道100号浦东新区世纪大道100号", "王芳", "CHINA"}, true, 0},
		{"one word wider than the window", "A4", 0, []string{"Xavier", strings.Repeat("Lunghissimo", 12), "ITALIA"}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := windowLetter(tt.paper, tt.address...)
			l.MinFont = tt.minFont
			drawn, _, err := renderLines(t, l)
			if err != nil {
				t.Fatal(err)
			}
			addr := checkWindow(t, l, drawn)
			if tt.wrapped && len(addr) <= len(tt.address) {
				t.Errorf("%d lines drawn for %d given: not wrapped", len(addr), len(tt.address))
			}
			if !tt.wrapped && len(addr) != len(tt.address) {
				t.Errorf("%d lines drawn for %d given", len(addr), len(tt.address))
			}
			if tt.wantSize != 0 && len(addr) > 0 && addr[0].size != max(tt.wantSize, tt.minFont) {
				t.Errorf("address set in %v pt, want %v", addr[0].size, max(tt.wantSize, tt.minFont))
			}
			var got []string
			for _, d := range addr {
				got = append(got, d.text)
			}
			if want := strings.Join(tt.address, ""); strings.ReplaceAll(strings.Join(got, ""), " ", "") != strings.ReplaceAll(want, " ", "") {
				t.Errorf("address drawn as %q, want the text of %q", got, tt.address)
			}
			if tt.paper == "A4" {
				var ret []string
				for _, d := range drawn {
					if d.kind == "return" {
						ret = append(ret, d.text)
					}
				}
				// No-break spaces inside the parts: it wraps only between them.
				if want := "Acme Retail S.p.A. · Via Roma 1 · 20121 Milano · Italia"; len(ret) != 1 || strings.ReplaceAll(ret[0], "\u00a0", " ") != want {
					t.Errorf("return address = %q, want one line %q", ret, want)
				}
			}
		})
	}
}

func TestAddressTooLong(t *testing.T) {
	for _, paper := range []string{"A4", "Letter"} {
		t.Run(paper, func(t *testing.T) {
			var address []string
			for i := 1; i <= 12; i++ {
				address = append(address, fmt.Sprintf("Riga segreta numero %d", i))
			}
			l := windowLetter(paper, address...)
			drawn, pdf, err := renderLines(t, l)
			if !errors.Is(err, ErrAddressTooLong) {
				t.Fatalf("error = %v, want ErrAddressTooLong", err)
			}
			t.Log(err)
			if !strings.Contains(err.Error(), l.Reference) {
				t.Errorf("error %q does not name the reference %q", err, l.Reference)
			}
			if strings.Contains(err.Error(), "segreta") {
				t.Errorf("error %q shows the address", err)
			}
			if len(drawn) > 0 || len(pdf) > 0 {
				t.Errorf("a PDF was written (%d bytes, %d lines)", len(pdf), len(drawn))
			}
		})
	}
	// Seven short lines fit the A4 zone's height at 9 pt, but DIN 5008 allows six.
	l := windowLetter("A4", "1", "2", "3", "4", "5", "6", "7")
	if _, _, err := renderLines(t, l); !errors.Is(err, ErrAddressTooLong) {
		t.Errorf("seven lines: error = %v, want ErrAddressTooLong", err)
	}
	// A minimum type size of 12 pt leaves room for five lines only.
	l = windowLetter("A4", "1", "2", "3", "4", "5", "6")
	l.MinFont = 12
	if _, _, err := renderLines(t, l); !errors.Is(err, ErrAddressTooLong) {
		t.Errorf("six lines at 12 pt: error = %v, want ErrAddressTooLong", err)
	}
}

// The window geometry follows the sources cited at dinFormB and us10.
func TestWindowGeometry(t *testing.T) {
	near := func(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }
	d := dinFormB
	if !near(d.returnBottom-d.returnTop, 17.7) || !near(d.addrBottom-d.addrTop, 27.3) || !near(d.y+d.h, 90) || !near(d.x+d.w, 105) {
		t.Errorf("DIN 5008 form B field: %+v", d)
	}
	u := us10
	in := func(mm float64) float64 { return mm / 25.4 }
	if !near(in(u.y), 2.0417) || !near(in(u.y+u.h), 3.1667) || !near(in(u.x), 0.875) || !near(in(u.w), 3.5) {
		t.Errorf("#10 window: %+v", u)
	}
	if !near(in(u.addrTop-u.y), 0.125) || !near(in(u.textX-u.x), 0.125) || !near(in(u.x+u.w-u.textX-u.textW), 0.125) {
		t.Errorf("#10 window: the address does not keep 1/8 in clear: %+v", u)
	}
}

// TestReturnAddressBalanced: a sender too long for one line is split at a
// separator into two lines of similar length, never leaving its last part
// ("Italia") alone.
func TestReturnAddressBalanced(t *testing.T) {
	l := windowLetter("A4", "Giulia Ferraro", "Via Nizza 44", "10126 Torino TO")
	l.LegalName = "Nordvento Viaggi S.r.l."
	l.Letterhead = []string{l.LegalName, "Corso Vittorio Emanuele II 74, 10121 Torino, Italia", "www.nordvento.example"}
	drawn, _, err := renderLines(t, l)
	if err != nil {
		t.Fatal(err)
	}
	checkWindow(t, l, drawn)
	var ret []string
	for _, d := range drawn {
		if d.kind == "return" {
			ret = append(ret, strings.ReplaceAll(d.text, "\u00a0", " "))
		}
	}
	if len(ret) != 2 {
		t.Fatalf("return address in %d lines %q, want 2", len(ret), ret)
	}
	if !strings.HasSuffix(ret[0], " ·") || strings.TrimSpace(ret[1]) == "Italia" {
		t.Errorf("return address split as %q", ret)
	}
}
