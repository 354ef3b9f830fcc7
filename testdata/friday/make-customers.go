//go:build ignore

// make-customers writes customers.csv for the deadline demo: 501 Californians
// (one more than California's "more than 500" threshold for notice to the
// Attorney General), and one person each in Italy, Germany, Brazil,
// Massachusetts and Texas. The Texan's only leaked data is an email address,
// which Texas law does not make notifiable. Every name is invented.
//
//	go run testdata/friday/make-customers.go
package main

import (
	"encoding/csv"
	"fmt"
	"log"
	"os"
)

func main() {
	rows := [][]string{{"customer_id", "full_name", "email", "street", "postal_code", "city", "region", "country", "language", "data_categories"}}
	add := func(id, name, email, street, zip, city, region, country, lang, cats string) {
		rows = append(rows, []string{id, name, email, street, zip, city, region, country, lang, cats})
	}
	for i := 1; i <= 501; i++ {
		add(fmt.Sprintf("CA-%04d", i), fmt.Sprintf("Resident %04d", i), fmt.Sprintf("resident%04d@example.com", i),
			fmt.Sprintf("%d Ocean Ave", 100+i), "94103", "San Francisco", "CA", "US", "en", "name;email;password;ssn")
	}
	add("IT-0001", "Lucia Ferri", "lucia.ferri@example.it", "Via Po 2", "10123", "Torino", "TO", "IT", "it", "name;email;password")
	add("DE-0001", "Jonas Weber", "jonas.weber@example.de", "Hauptstraße 5", "10115", "Berlin", "", "DE", "", "name;email;password")
	add("BR-0001", "Ana Souza", "ana.souza@example.com.br", "Rua Augusta 10", "01305-000", "São Paulo", "SP", "BR", "", "name;email;password")
	add("MA-0001", "Sam Rivera", "sam.rivera@example.com", "12 Beacon St", "02108", "Boston", "MA", "US", "en", "name;email;password;ssn")
	add("TX-0001", "Alex Kim", "alex.kim@example.com", "5 Congress Ave", "78701", "Austin", "TX", "US", "en", "email")
	f, err := os.OpenFile("testdata/friday/customers.csv", os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		log.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
