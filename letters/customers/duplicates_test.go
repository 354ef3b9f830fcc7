package customers

import "testing"

func TestDuplicatePolicy(t *testing.T) {
	data := []byte("Customer ID,Full Name,Email,Country,Street,City\n" +
		"1,Ann Lee,ann@example.com,IE,,\n" +
		"2,ANN  LEE,Ann@Example.com,IE,,\n" + // same person, other account: reject
		"1,Bob Roy,bob@example.com,IE,,\n" + // same id: reject
		"3,Carl Lee,ann@example.com,IE,,\n" + // shared family address: a person
		"4,Ann Lee,ann.lee@example.org,IE,,\n" + // namesake: a person
		"5,Dee,,FR,1 rue X,Paris\n" +
		"6,Dee,,FR,1 rue X,Paris\n") // no email: names and addresses alone do not make a duplicate
	res := mustRead(t, data, Options{Name: "d.csv"})
	compareRejects(t, res.rejects, []Reject{
		{File: "d.csv", Row: 3, CustomerID: "2", Column: "Email", Reason: `same person as row 2: same email and name; one letter goes to row 2, so merge this row's data categories into it if they differ`},
		{File: "d.csv", Row: 4, CustomerID: "1", Column: "Customer ID", Reason: "duplicate customer_id (first seen on row 2)"},
	})
	var ids []string
	for _, p := range res.persons {
		ids = append(ids, p.CustomerID)
	}
	if len(ids) != 5 || ids[0] != "1" || ids[1] != "3" || ids[4] != "6" {
		t.Errorf("persons = %v, want 1 3 4 5 6", ids)
	}
}
