//go:build ignore

// make-customers writes testdata/customers.xlsx, the shipped sample: 56
// invented customers across IT, FR, GB, US-CA, US-NY, RU and CN, with
// headers as a real CRM export might have them and a few bad rows.
//
//	go run testdata/make-customers.go
package main

import (
	"fmt"
	"log"

	"github.com/xuri/excelize/v2"
)

func main() {
	header := []any{"Customer ID", "Full Name", "E-mail", "Phone", "Street", "ZIP", "City", "State/Province", "Country", "Language", "Data Categories", "Activation Code"}
	rows := [][]any{
		// Italy
		{"C-1001", "Giovanni Russo", "giovanni.russo@example.it", "+39 333 123 4567", "Via Garibaldi 12", "20121", "Milano", "MI", "IT", "it", "", "ACME-7K2P-9Q4L"},
		{"C-1002", "Francesca Esposito", "f.esposito@example.it", "", "Corso Umberto I 45", "80138", "Napoli", "NA", "Italia", "it-IT", "name;email;password_hash;payment_card", "ACME-3M8D-2X7V"},
		{"C-1003", "Luca Ferrari", "luca.ferrari@example.it", "", "Via Emilia 210", "41121", "Modena", "MO", "IT", "", "", "ACME-5T1N-8B3C"},
		{"C-1004", "Chiara Colombo", "chiara.colombo@example.it", "", "Piazza Duomo 3", "50122", "Firenze", "FI", "IT", "it", "name,email,national_id", "ACME-9H6R-4W2Z"},
		{"C-1005", "王伟", "wang.wei@example.it", "", "Via Paolo Sarpi 8", "20154", "Milano", "MI", "IT", "it", "", "ACME-2J7F-6K9D"},
		{"C-1006", "Sofia Ricci", "sofia.ricci@example.it", "", "Via Toledo 99", "80134", "Napoli", "NA", "IT", "it", "", ""},
		{"C-1007", "Marco D'Angelo", "marco.dangelo@example.it", "", "Via Po 18", "10123", "Torino", "TO", "IT", "it", "", "ACME-8L3S-1P5M"},
		{"C-1008", "Elena Greco", "elena.greco@example.it", "", "Via Etnea 300", "95131", "Catania", "CT", "IT", "it", "", "ACME-4Q9T-7C2N"},
		{"C-1009", "Alessandro Bruno", "a.bruno@example.it", "", "Via XX Settembre 5", "16121", "Genova", "GE", "IT", "en", "", "ACME-6V2B-3H8R"},
		{"C-1010", "Martina Gallo", "martina.gallo@example.it", "", "Via Indipendenza 7", "40121", "Bologna", "BO", "IT", "it", "", "ACME-1D5K-9F4X"},
		{"C-1011", "Davide Conti", "davide.conti@example.it", "", "Via Roma 120", "90133", "Palermo", "PA", "IT", "it", "", "ACME-7W4M-2L6T"},
		{"C-1012", "Giulia Mancini", "giulia.mancini@example.it", "", "Via Nazionale 51", "00184", "Roma", "RM", "IT", "it", "", "ACME-3R8C-5N1J"},
		// France
		{"C-2001", "Camille Dubois", "camille.dubois@example.fr", "", "12 rue de Rivoli", "75004", "Paris", "", "FR", "fr", "", "ACME-5B7H-2D9Q"},
		{"C-2002", "Lucas Moreau", "lucas.moreau@example.fr", "", "8 place Bellecour", "69002", "Lyon", "", "France", "fr-FR", "name;email;password_hash;payment_card", "ACME-8N3L-6T1W"},
		{"C-2003", "Chloé Laurent", "chloe.laurent@example.fr", "", "25 cours Mirabeau", "13100", "Aix-en-Provence", "", "FR", "fr", "", "ACME-2F6J-9M4S"},
		{"C-2004", "Hugo Lefèvre", "hugo.lefevre@example.fr", "", "3 quai des Chartrons", "33000", "Bordeaux", "", "FR", "fr", "name,email,passport", "ACME-4K1R-7V8C"},
		{"C-2005", "Zoé Martin 🙂", "zoe.martin@example.fr", "", "40 rue Nationale", "59000", "Lille", "", "FR", "fr", "", "ACME-6X9D-3P2H"},
		{"C-2006", "Léa Bernard", "lea.bernard@example.fr", "", "7 rue Sainte-Catherine", "33000", "Bordeaux", "", "FR", "fr", "", "ACME-9C4T-1B7N"},
		{"C-2007", "Nathan Petit", "nathan.petit@example.fr", "", "15 avenue Jean Médecin", "06000", "Nice", "", "FR", "fr", "", "ACME-1H8W-5Q3L"},
		{"C-2008", "Manon Roux", "manon.roux@example.fr", "", "2 rue du Vieux-Marché", "76000", "Rouen", "", "FR", "fr-CA", "", "ACME-3T2M-8K6D"},
		{"C-2009", "Élodie Fournier", "", "", "11 rue des Carmes", "45000", "Orléans", "", "FR", "fr", "", "ACME-7J5B-4R9X"},
		{"C-2010", "Thomas Girard", "thomas.girard@example.fr", "", "30 rue Paradis", "13001", "Marseille", "", "FR", "fr", "", "ACME-5L3F-2W8M"},
		// United Kingdom
		{"C-3001", "Oliver Smith", "oliver.smith@example.co.uk", "", "14 Baker Street", "NW1 6XE", "London", "", "GB", "en-GB", "", "ACME-2P7N-6H4C"},
		{"C-3002", "Amelia Jones", "amelia.jones@example.co.uk", "", "22 Deansgate", "M3 2BW", "Manchester", "", "United Kingdom", "en", "name;email;password_hash;payment_card", "ACME-8D1Q-3T5V"},
		{"C-3003", "Harry Williams", "harry.williams@example.co.uk", "", "5 Princes Street", "EH2 2AN", "Edinburgh", "", "GB", "en", "", "ACME-4M6K-9B2R"},
		{"C-3004", "Isla Taylor", "isla.taylor@example.co.uk", "", "9 Castle Street", "CF10 1BS", "Cardiff", "", "UK", "en", "name,email,passport", "ACME-6W3J-1X8L"},
		{"C-3005", "Jack Brown", "jack.brown@example.co.uk", "", "77 Bold Street", "L1 4EZ", "Liverpool", "", "GB", "", "", "ACME-9S5C-7F3N"},
		{"C-3006", "Anna Kowalska", "anna.kowalska@example.co.uk", "", "3 Park Row", "LS1 5HD", "Leeds", "", "GB", "pl", "", "ACME-1R8T-4D6W"},
		// United States: California
		{"C-4001", "Emily Johnson", "emily.johnson@example.com", "", "1200 Market St Apt 5", "94102", "San Francisco", "CA", "US", "en-US", "", "ACME-3B9H-6L2Q"},
		{"C-4002", "Michael Garcia", "m.garcia@example.com", "", "455 Sunset Blvd", "90028", "Los Angeles", "California", "USA", "en", "name;email;password_hash;payment_card", "ACME-7N4D-1K5T"},
		{"C-4003", "Jessica Nguyen", "jessica.nguyen@example.com", "", "88 Santa Clara St", "95113", "San Jose", "CA", "US", "en", "name,ssn,drivers_license", "ACME-2X6R-8C3M"},
		{"C-4004", "李娜", "li.na@example.com", "", "720 Grant Ave", "94108", "San Francisco", "CA", "US", "zh-Hans-CN", "", "ACME-5F1W-9J7B"},
		{"C-4005", "David Kim", "david.kim@example.com", "", "300 Broadway", "92101", "San Diego", "CA", "US", "en", "email", ""},
		{"C-4006", "Sarah Miller", "sarah.miller@example.com", "", "1500 K St", "95814", "Sacramento", "CA", "US", "en", "", "ACME-8H2T-4Q6N"},
		{"C-4007", "Carlos Hernández", "carlos.hernandez@example.com", "", "2100 Telegraph Ave", "94612", "Oakland", "CA", "US", "es-US", "", "ACME-1L7C-3V9D"},
		{"C-4008", "Ashley Davis", "ashley.davis@example.com", "", "600 W Broadway", "92701", "Santa Ana", "CA", "US", "en", "", "ACME-6K5M-2R8W"},
		// United States: New York
		{"C-5001", "Daniel Wilson", "daniel.wilson@example.com", "", "350 5th Ave", "10118", "New York", "NY", "US", "en", "", "ACME-4T3B-7H1X"},
		{"C-5002", "Olga Petrova", "olga.petrova@example.com", "", "2900 Ocean Pkwy", "11235", "Brooklyn", "NY", "US", "ru", "name;email;password_hash;payment_card", "ACME-9D8N-5F2L"},
		{"C-5003", "Christopher Lee", "chris.lee@example.com", "", "100 State St", "12207", "Albany", "New York", "US", "en", "name,email,ssn", "ACME-2C6J-8W4Q"},
		{"C-5004", "Matthew Taylor", "matt.taylor@example.com", "", "50 Fountain Plaza", "14202", "Buffalo", "NY", "US", "en", "", "ACME-7R1K-3M9T"},
		{"C-5005", "Jennifer White", "jennifer.white@example.com", "", "1 Main St", "14614", "Rochester", "NY", "US", "en", "", "ACME-5V4H-6B1C"},
		// Russia
		{"C-6001", "Иван Петров", "ivan.petrov@example.ru", "", "ул. Тверская, д. 7, кв. 12", "125009", "Москва", "", "RU", "ru", "", "ACME-3Q7L-9N2F"},
		{"C-6002", "Анна Смирнова", "anna.smirnova@example.ru", "", "Невский пр., д. 28, кв. 4", "191186", "Санкт-Петербург", "", "Россия", "ru-RU", "name;email;password_hash;payment_card", "ACME-8W5D-1T6R"},
		{"C-6003", "Дмитрий Кузнецов", "d.kuznetsov@example.ru", "", "ул. Ленина, д. 15", "620014", "Екатеринбург", "Свердловская область", "RU", "ru", "name,email,national_id", "ACME-2M9C-4H7K"},
		{"C-6004", "Jürgen Müller", "juergen.mueller@example.ru", "", "ул. Баумана, д. 44", "420111", "Казань", "Республика Татарстан", "RU", "ru", "", "ACME-6B3X-8J5P"},
		{"C-6005", "Елена Соколова", "elena.sokolova@example.ru", "", "Красный пр., д. 19", "630099", "Новосибирск", "Новосибирская область", "RU", "", "", "ACME-1F6T-7D3W"},
		{"C-6006", "Сергей Волков", "sergey.volkov@example.ru", "", "ул. Большая Покровская, д. 3", "603005", "Нижний Новгород", "", "RU", "ru", "", "ACME-9K2N-5L8B"},
		{"C-6007", "Мария Морозова", "maria.morozova@example.ru", "", "ул. Пушкинская, д. 60", "344006", "Ростов-на-Дону", "", "RU", "ru", "", "ACME-4J8R-2C6V"},
		// China
		{"C-7001", "张伟", "zhang.wei@example.cn", "", "朝阳区建国路88号", "100022", "北京市", "", "CN", "zh-CN", "", "ACME-7H5Q-3M1D"},
		{"C-7002", "王芳", "wang.fang@example.cn", "", "浦东新区世纪大道100号", "200120", "上海市", "", "中国", "zh", "name;email;password_hash;payment_card", "ACME-2T9W-6K4B"},
		{"C-7003", "李强", "li.qiang@example.cn", "", "天河区天河路385号", "510620", "广州市", "广东省", "CN", "zh-Hans", "name,email,national_id", "ACME-5D1N-8R7J"},
		{"C-7004", "刘洋", "liu.yang@example.cn", "", "南山区科技园南区", "518057", "深圳市", "广东省", "CN", "zh", "", "ACME-9X3F-2L5H"},
		{"C-7005", "陈静", "chen.jing@example.cn", "", "西湖区文三路90号", "310012", "杭州市", "浙江省", "CN", "zh", "", "ACME-3C8M-7W1T"},
		{"C-7006", "Michael Chen", "michael.chen@example.cn", "", "锦江区红星路三段1号", "610021", "成都市", "四川省", "CN", "en", "", "ACME-6R4K-1B9Q"},
		// Bad rows: each must end up in rejects.csv with a reason.
		{"C-9001", "Nemo Nobody", "nemo@example.com", "", "1 Deep Sea Road", "00000", "Poseidonia", "", "Atlantis", "en", "", ""},
		{"", "Row Without Id", "noid@example.com", "", "1 Nowhere Lane", "10001", "New York", "NY", "US", "en", "", ""},
		{"C-9003", "Bad Email", "not-an-email", "", "2 Some Street", "75001", "Paris", "", "FR", "fr", "", ""},
		{"C-1001", "Giovanni Russo (duplicate)", "giovanni.russo2@example.it", "", "Via Garibaldi 12", "20121", "Milano", "MI", "IT", "it", "", ""},
		{"C-9005", "Unreachable Person", "", "", "", "", "", "", "IT", "it", "", ""},
		{"C-9006", "Odd Category", "odd@example.it", "", "Via Verdi 1", "20121", "Milano", "MI", "IT", "it", "name;shoe_size", ""},
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Affected"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		log.Fatal(err)
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		log.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			log.Fatal(err)
		}
	}
	if err := f.SaveAs("testdata/customers.xlsx"); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote testdata/customers.xlsx: %d data rows\n", len(rows))
}
