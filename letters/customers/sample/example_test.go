package sample_test

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/breachnotice/breachnotice/letters/customers"
	"github.com/breachnotice/breachnotice/letters/customers/sample"
)

// A sheet with deliberately bad rows, read back as breachnotice reads a
// customer file: every row is a person or a reject with its reason.
func ExampleWrite() {
	var xlsx bytes.Buffer
	err := sample.Write(&xlsx, sample.Options{Rows: 5000, Seed: 1, BadRows: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := customers.Read(&xlsx, customers.Options{Name: "sample.xlsx"}, func(p *customers.Person, rej *customers.Reject) error {
		if rej != nil {
			fmt.Println("reject:", rej)
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d rows: %d persons, %d rejects (BadRowCount %d)\n", st.Rows, st.Persons, st.Rejects, sample.BadRowCount(5000))
	// Output:
	// reject: sample.xlsx: sheet "Customers" row 11, column "Country": unknown country "Atlantis"
	// reject: sample.xlsx: sheet "Customers" row 1011, column "E-mail": invalid email address
	// reject: sample.xlsx: sheet "Customers" row 2011, column "Customer ID": missing customer_id
	// reject: sample.xlsx: sheet "Customers" row 3011, column "Customer ID": duplicate customer_id (first seen on row 3010)
	// reject: sample.xlsx: sheet "Customers" row 4011: no email and no postal address: unreachable
	// 5000 rows: 4995 persons, 5 rejects (BadRowCount 5)
}

// The first rows of a CSV sheet.
func ExampleWrite_csv() {
	var csv bytes.Buffer
	if err := sample.Write(&csv, sample.Options{Rows: 6, Seed: 1, Format: "csv"}); err != nil {
		fmt.Println(err)
		return
	}
	sc := bufio.NewScanner(&csv)
	for sc.Scan() {
		fmt.Println(strings.TrimPrefix(sc.Text(), "\uFEFF"))
	}
	// Output:
	// Customer ID,Full Name,E-mail,Phone,Street,ZIP,City,State/Province,Country,Language,Data Categories,Activation Code
	// S-0000001,韩超,c.han1@example.org,+86 155 1393 9244,武侯区幸福路552号4栋2单元2101室,610562,成都市,,CN,zh-Hans,"name, email, phone",ACME-ZKL4-TDH8
	// S-0000002,Lucas Rivière,lucas.riviere2@example.org,+33 6 39 98 24 36,12 rue Nationale,75018,Paris,Île-de-France,FR,fr,"name, email, password_hash, payment_card",ACME-DM9J-ZHLB
	// S-0000003,马斌,bin.ma3@example.org,,西城区新华路948号,100044,北京市,,CN,zh-CN,,ACME-7CXK-AJMZ
	// S-0000004,Michael McDonald,michael.mcdonald4@example.org,+44 7700 900611,83 Victoria Road,EH1 1XL,Edinburgh,,UK,en-GB,name;passport;date_of_birth,ACME-UGHE-UFLJ
	// S-0000005,Николаев Евгений Алексеевич,evgeny.nikolaev5@example.com,,"ул. Гагарина, д. 26",190267,Санкт-Петербург,,RU,ru,name;email;phone,ACME-994J-6XEK
	// S-0000006,Alice Giordano,alice.giordano6@example.org,+39 362 221 0849,Via della Libertà 21,00142,Roma,,IT,it,,ACME-A42G-UBJY
}
