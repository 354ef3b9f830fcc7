package customers

import (
	"errors"
	"maps"
	"strings"
	"testing"
)

func TestLoadMapping(t *testing.T) {
	src := `# column mapping for the ACME export
[columns]
customer_id = "Codice"
full_name   = "Intestatario"
"email"     = "Recapito"
phone       = ""
`
	got, err := LoadMapping("acme.toml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{FieldCustomerID: "Codice", FieldFullName: "Intestatario", FieldEmail: "Recapito", FieldPhone: ""}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	got, err = LoadMapping("empty.toml", strings.NewReader(""))
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty file: %v, %v", got, err)
	}
}

func TestLoadMappingStrict(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // lines of the error, in order
	}{
		{"unknown field", "[columns]\ncustomer_id = \"Codice\"\nemial = \"Mail\"\n",
			[]string{`m.toml:3: customers: unknown key "columns.emial": not a canonical field (fields are customer_id, full_name, first_name, last_name, email, phone, street, postal_code, city, region, country, language, data_categories, activation_code, enroll_by)`}},
		{"unknown top-level key", "sheet = \"Affected\"\n[columns]\ncountry = \"Paese\"\n",
			[]string{`m.toml:1: customers: unknown key "sheet" (the file may only contain a [columns] table)`}},
		{"unknown table", "[columns]\ncountry = \"Paese\"\n\n[colums]\nemail = \"Mail\"\n",
			[]string{`m.toml:4: customers: unknown key "colums" (the file may only contain a [columns] table)`}},
		{"several", "[columns]\nnome = \"Nome\"\nzip = \"CAP\"\n",
			[]string{`m.toml:2: customers: unknown key "columns.nome"`, `m.toml:3: customers: unknown key "columns.zip"`}},
		{"same header twice", "[columns]\nfirst_name = \"Nome\"\nfull_name = \"Nome\"\n",
			[]string{`m.toml:3: customers: fields first_name and full_name are both mapped to column "Nome"`}},
		{"dotted key", "columns.emial = \"Mail\"\n",
			[]string{`m.toml:1: customers: unknown key "columns.emial"`}},
		{"syntax error", "[columns]\ncountry = Paese\n",
			[]string{`m.toml:2: customers: bad column mapping: `}},
		{"wrong type", "[columns]\ncountry = 3\n",
			[]string{`m.toml: customers: bad column mapping: toml: line 2 (last key "columns.country"): incompatible types`}},
	}
	for _, tt := range tests {
		_, err := LoadMapping("m.toml", strings.NewReader(tt.src))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !errors.Is(err, ErrBadMapping) {
			t.Errorf("%s: %v does not wrap ErrBadMapping", tt.name, err)
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(tt.want) {
			t.Errorf("%s: error %q, want %d lines", tt.name, err, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("%s: error line %q, want prefix %q", tt.name, lines[i], w)
			}
		}
	}
}

func TestLoadMappingThenRead(t *testing.T) {
	m, err := LoadMapping("acme.toml", strings.NewReader("[columns]\ncustomer_id = \"Codice\"\nfull_name = \"Intestatario\"\ncountry = \"Residenza\"\nemail = \"Recapito\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	res := mustRead(t, []byte("Codice,Intestatario,Residenza,Recapito\nK1,Ada Byron,Regno Unito,ada@example.co.uk\n"), Options{Name: "acme.csv", Mapping: m})
	comparePersons(t, res.persons, []Person{{Row: 2, CustomerID: "K1", FullName: "Ada Byron", Country: "GB", Email: "ada@example.co.uk"}})
}
