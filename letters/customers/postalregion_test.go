package customers

import (
	"slices"
	"strings"
	"testing"
)

func TestPostalCodeRegion(t *testing.T) {
	tests := []struct{ country, postal, want string }{
		{"US", "77002", "TX"}, // Houston
		{"US", "73301", "TX"}, // Austin IRS, inside Oklahoma's 73x
		{"US", "73102", "OK"},
		{"US", "88510", "TX"}, // El Paso, 885
		{"US", "00501", "NY"}, // Holtsville
		{"US", "00901", "PR"},
		{"US", "00802", "VI"},
		{"US", "02108", "MA"},
		{"US", "05501", "MA"}, // Andover, 055 inside Vermont's 05x
		{"US", "05401", "VT"},
		{"US", "06390", "NY"}, // Fishers Island
		{"US", "06320", "CT"},
		{"US", "20001", "DC"},
		{"US", "20101", "VA"}, // Dulles, 201
		{"US", "34001", "AA"},
		{"US", "09001", "AE"},
		{"US", "96201", "AP"},
		{"US", "96813", "HI"},
		{"US", "96799", "AS"}, // American Samoa inside Hawaii's 967
		{"US", "96910", "GU"},
		{"US", "96950", "MP"},
		{"US", "99501", "AK"},
		{"US", "10001-1234", "NY"},
		{"US", "100011234", "NY"},
		{"US", "96999", ""}, // 969 is shared: only known whole codes
		{"US", "00100", ""}, // no such prefix
		{"US", "7700", ""},
		{"US", "ABCDE", ""},
		{"US", "", ""},
		{"CA", "K1A 0B1", "ON"},
		{"CA", "H2X 1Y4", "QC"},
		{"CA", "A1C 5M2", "NL"},
		{"CA", "B3H 4R2", "NS"},
		{"CA", "C1A 4P3", "PE"},
		{"CA", "E1C 4M3", "NB"},
		{"CA", "R3C 4T3", "MB"},
		{"CA", "S4P 3Y2", "SK"},
		{"CA", "T2P 2M5", "AB"},
		{"CA", "V6B 1A1", "BC"},
		{"CA", "Y1A 2C6", "YT"},
		{"CA", "X1A 2L9", "NT"}, // Yellowknife
		{"CA", "X0E 0N0", "NT"},
		{"CA", "X0A 0H0", "NU"}, // Iqaluit
		{"CA", "X0C 0A0", "NU"},
		{"CA", "X9Z 9Z9", ""},
		{"CA", "D1A 1A1", ""}, // D is not used
		{"CA", "K1A", ""},
		{"IT", "00118", ""},
	}
	for _, tt := range tests {
		if got := postalCodeRegion(tt.country, tt.postal); got != tt.want {
			t.Errorf("postalCodeRegion(%q, %q) = %q, want %q", tt.country, tt.postal, got, tt.want)
		}
	}
}

// TestZip3RangesOrdered: the ranges are in order and do not overlap, so
// no prefix is given two states.
func TestZip3RangesOrdered(t *testing.T) {
	for _, rs := range [][]zipRange{zip3Ranges, zip5Ranges} {
		for i, r := range rs {
			if r.lo > r.hi || (i > 0 && r.lo <= rs[i-1].hi) {
				t.Errorf("range %d-%d %s overlaps or is out of order", r.lo, r.hi, r.state)
			}
			if _, ok := NormalizeUSState(r.state); !ok {
				t.Errorf("range %d-%d: %q is not a USPS state code", r.lo, r.hi, r.state)
			}
		}
	}
}

// TestRegionFromPostalCode: a US or Canadian row without a region takes it
// from the postal code (recorded), keeps its own when the two disagree
// (recorded), and is rejected when the postal code gives none.
func TestRegionFromPostalCode(t *testing.T) {
	data := "ID,Name,Email,ZIP,Provincia/Stato,Country,Notes\n" +
		"1,Ann,ann@example.com,77002,,US,x\n" +
		"2,Bob,bob@example.com,77002,NY,US,\n" +
		"3,Cy,cy@example.com,,,US,\n" +
		"4,Di,di@example.com,12,,US,\n" +
		"5,Ed,ed@example.com,h2x1y4,,Canada,\n" +
		"6,Flo,flo@example.com,,,CA,\n" +
		"7,Gus,gus@example.com,,,DE,\n"
	res := mustRead(t, []byte(data), Options{Name: "r.csv"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "1", FullName: "Ann", Email: "ann@example.com", PostalCode: "77002", Region: "TX", RegionFrom: RegionFromPostalCode, Country: "US"},
		{Row: 3, CustomerID: "2", FullName: "Bob", Email: "bob@example.com", PostalCode: "77002", Region: "NY", PostalCodeRegion: "TX", Country: "US"},
		{Row: 6, CustomerID: "5", FullName: "Ed", Email: "ed@example.com", PostalCode: "H2X 1Y4", Region: "QC", RegionFrom: RegionFromPostalCode, Country: "CA"},
		{Row: 8, CustomerID: "7", FullName: "Gus", Email: "gus@example.com", Country: "DE"},
	})
	compareRejects(t, res.rejects, []Reject{
		{File: "r.csv", Row: 4, CustomerID: "3", Column: "Provincia/Stato", Reason: "US address without a state, and no ZIP Code to take it from"},
		{File: "r.csv", Row: 5, CustomerID: "4", Column: "Provincia/Stato", Reason: "US address without a state, and its ZIP Code does not give one"},
		{File: "r.csv", Row: 7, CustomerID: "6", Column: "Provincia/Stato", Reason: "Canadian address without a province or territory, and no postal code to take it from"},
	})
	if got := res.st.IgnoredColumns(); len(got) != 1 || got[0] != "Notes" {
		t.Errorf("IgnoredColumns() = %q, want [Notes]", got)
	}
}

// TestIgnoredColumnsLongHeader: a long or multi-line header is named on
// one line, cut.
func TestIgnoredColumnsLongHeader(t *testing.T) {
	long := strings.Repeat("x", 5000)
	data := "ID,Name,Email,Country,\"Remarks\nline two\"," + long + "\n1,Ann,ann@example.com,IE,a,b\n"
	res := mustRead(t, []byte(data), Options{Name: "l.csv"})
	want := []string{"Remarks line two", strings.Repeat("x", 40) + "…"}
	if got := res.st.IgnoredColumns(); !slices.Equal(got, want) {
		t.Errorf("IgnoredColumns() = %q, want %q", got, want)
	}
}
