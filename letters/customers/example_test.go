package customers_test

import (
	"fmt"
	"strings"

	"github.com/breachnotice/breachnotice/letters/customers"
)

func ExampleRead() {
	const data = "Customer ID;Full name;Email;Country;Language;Data affected\n" +
		"C-1;Mario Rossi;mario@example.it;Italia;it;email, password\n" +
		"C-2;Jane Doe;jane@example;USA;;\n" +
		"C-3;Иван Петров;ivan@example.ru;Atlantis;ru;\n"
	st, err := customers.Read(strings.NewReader(data), customers.Options{Name: "customers.csv"},
		func(p *customers.Person, rej *customers.Reject) error {
			if rej != nil {
				fmt.Println("reject:", rej)
				return nil
			}
			fmt.Println(p.Row, p.CustomerID, p.Country, p.Language, p.DataCategories)
			return nil
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d rows: %d persons, %d rejects\n", st.Rows, st.Persons, st.Rejects)
	// Output:
	// 2 C-1 IT it [email password]
	// reject: customers.csv: row 3, column "Email": invalid email address
	// reject: customers.csv: row 4, column "Country": unknown country "Atlantis"
	// 3 rows: 1 persons, 2 rejects
}
