package customers

import (
	"errors"
	"strings"
	"testing"
)

// TestNotUTF8RefusedInEveryFormat: text that is not UTF-8 stops the read
// with ErrMalformed and the same words in a CSV file (the line) and in a
// workbook (the sheet, row and cell), wherever the workbook keeps the text;
// it is never read as U+FFFD ("Mario � Rossi").
func TestNotUTF8RefusedInEveryFormat(t *testing.T) {
	const want = "the text is not valid UTF-8"
	wbRow := func(cells string) string {
		return headerRow("1") + `<row r="2">` + is("A2", "C-1") + cells + is("C2", "m@example.it") + is("D2", "IT") + `</row>`
	}
	tests := []struct {
		name  string
		data  []byte
		where string
	}{
		{"csv", []byte("customer_id,full_name,email,country\nC-1,Mario \xff Rossi,m@example.it,IT\nC-2,Zoé Müller-Łukasz,z@example.it,IT\n"), `customers: m.csv: line 2: malformed file: `},
		{"xlsx shared string", workbook{strings: []string{"Mario \xff Rossi"}, sheet: wbRow(`<c r="B2" t="s"><v>0</v></c>`)}.bytes(t), `customers: m.xlsx: sheet "Export" row 2: malformed file: cell B2: `},
		{"xlsx inline string", workbook{strings: []string{"x"}, sheet: wbRow(is("B2", "Mario \xc3\x28 Rossi"))}.bytes(t), `customers: m.xlsx: sheet "Export" row 2: malformed file: cell B2: `},
		{"xlsx formula text", workbook{strings: []string{"x"}, sheet: wbRow(`<c r="B2" t="str"><f>A1</f><v>Mario &#x41;&#xff;&#x42; Rossi</v></c>`)}.bytes(t), ""},
		{"xlsx lone surrogate escape", workbook{strings: []string{"Mario _xD800_ Rossi"}, sheet: wbRow(`<c r="B2" t="s"><v>0</v></c>`)}.bytes(t), `customers: m.xlsx: sheet "Export" row 2: malformed file: cell B2: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "m.xlsx"
			if tt.name == "csv" {
				name = "m.csv"
			}
			res, err := read(t, tt.data, Options{Name: name})
			if tt.where == "" { // valid XML character references: read as given
				if err != nil || len(res.persons) != 1 || res.persons[0].FullName != "Mario AÿB Rossi" {
					t.Errorf("err %v, persons %+v", err, res.persons)
				}
				return
			}
			if !errors.Is(err, ErrMalformed) || !strings.HasPrefix(err.Error(), tt.where) || !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want ErrMalformed %q ... %q", err, tt.where, want)
			}
			if err != nil && strings.Contains(err.Error(), "Mario") {
				t.Errorf("the error names the person: %v", err)
			}
		})
	}
}

// TestEmailWithHiddenCharacters: a NUL or another invisible character
// inside an email cell rejects the row (row, column, the code point), not
// silently removed into another address; white space around it is not.
func TestEmailWithHiddenCharacters(t *testing.T) {
	for _, tt := range []struct{ email, reason string }{
		{"anna\x00@example.it", "invalid email address: it contains the invisible character U+0000; correct the cell"},
		{"an\u200bna@example.it", "invalid email address: it contains the invisible character U+200B; correct the cell"},
		{"anna@exam\x07ple.it", "invalid email address: it contains the invisible character U+0007; correct the cell"},
		{"  anna@example.it\t", ""},
	} {
		csv := "customer_id,full_name,email,country\nC-1,Anna Neri," + tt.email + ",IT\n"
		res := mustRead(t, []byte(csv), Options{Name: "e.csv"})
		if tt.reason == "" {
			comparePersons(t, res.persons, []Person{{Row: 2, CustomerID: "C-1", FullName: "Anna Neri", Email: "anna@example.it", Country: "IT"}})
			continue
		}
		compareRejects(t, res.rejects, []Reject{{File: "e.csv", Row: 2, CustomerID: "C-1", Column: "email", Reason: tt.reason}})
	}
}

// TestInternationalizedEmailDomains: a domain that is not ASCII must have
// an ASCII form (IDNA2008), the form the email is addressed to; ASCII
// domains are not held to the IDNA rules.
func TestInternationalizedEmailDomains(t *testing.T) {
	for addr, want := range map[string]bool{
		"anna@bücher.de":    true,
		"用户@例子.中国":          true,
		"ivan@пример.рф":    true,
		"anna@exa_mple.com": true,
		"anna@bü_cher.de":   false,
	} {
		if got := validEmail(addr); got != want {
			t.Errorf("validEmail(%q) = %v, want %v", addr, got, want)
		}
	}
}
