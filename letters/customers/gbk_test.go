package customers

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestDetectGBKWithLatinNames: a Chinese Excel's CSV export (code page
// 936, GBK) whose European customers' names carry accents is GBK, however
// few the Chinese names; Western files with accented names stay
// windows-1252.
func TestDetectGBKWithLatinNames(t *testing.T) {
	gbk := func(s string) []byte { return encodeText(t, simplifiedchinese.GBK, s) }
	gb18030 := func(s string) []byte { return encodeText(t, simplifiedchinese.GB18030, s) }
	w1252 := func(s string) []byte { return encodeText(t, charmap.Windows1252, s) }
	europeans := "2,Zoé Martin,zoe@example.fr,FR\n3,Jürgen Müller,jm@example.de,DE\n4,Hélène Dupré,h@example.fr,FR\n" +
		"5,José Núñez,j@example.es,ES\n6,Andrés Gómez,a@example.es,ES\n7,Noémie Lefèvre,n@example.fr,FR\n"
	gbkSafe := strings.NewReplacer("ñ", "n").Replace(europeans) // ñ is not in GBK
	tests := []struct {
		what string
		data []byte
		want string
	}{
		{"gbk one Chinese name among Europeans", gbk("ID,Name,Email,Country\n1,王伟,wang@example.com,CN\n" + gbkSafe), "gbk"},
		{"gbk Chinese headers, European names only", gbk("客户编号,姓名,邮箱,国家\n" + gbkSafe), "gbk"},
		{"gbk European names only", gbk("ID,Name,Email,Country\n2,Zoé Martin,zoe@example.fr,FR\n3,Jürgen Müller,jm@example.de,DE\n"), "gbk"},
		{"gbk Chinese first", gbk("客户编号,姓名,邮箱,国家\n1,王伟,wang@example.com,中国\n2,Zoé Martin,zoe@example.fr,法国\n"), "gbk"},
		{"gb18030 ñ ç ö in four bytes", gb18030("ID,Name,Email,Country\n1,王伟,wang@example.com,CN\n" + europeans +
			"8,François Çelik,f@example.fr,FR\n9,Björn Öberg,b@example.se,SE\n"), "gb18030"},
		{"1252 French", w1252("Identifiant;Nom;Courriel;Pays\n1;Hélène Dupré;h@example.fr;France\n2;François Lefèvre;f@example.fr;France\n3;Zoé Noël;z@example.fr;France\n"), "windows-1252"},
		{"1252 German", w1252("ID;Name;E-Mail;Land\n1;Jürgen Müller;j@example.de;DE\n2;Ömer Günter;o@example.de;DE\n3;Björn Weiß;b@example.de;DE\n4;ÄRGER GRÖßE;a@example.de;DE\n"), "windows-1252"},
		{"1252 Spanish", w1252("id,nombre,correo,país\n1,José Núñez,j@example.es,ES\n2,Andrés Gómez,a@example.es,ES\n3,María Peña,m@example.es,ES\n"), "windows-1252"},
		{"1252 Portuguese", w1252("id,nome,email,país\n1,João Conceição,j@example.pt,PT\n2,Inês Simões,i@example.pt,PT\n"), "windows-1252"},
		{"1252 Nordic", w1252("id,navn,epost,land\n1,Åsa Ødegård,a@example.no,NO\n2,Søren Kierkegård,s@example.dk,DK\n"), "windows-1252"},
		{"1252 accents in pairs", w1252("id,name\n1,Hélène\n2,Zoé\n3,Müller\n4,Léa\n5,Émilie\n"), "windows-1252"},
	}
	for _, tt := range tests {
		if got := detectEncoding(tt.data, false).name; got != tt.want {
			t.Errorf("%s: detected %q, want %q", tt.what, got, tt.want)
		}
	}
}

// TestReadGBKWithLatinNames reads the mixed export with no encoding given:
// the Chinese and the accented names both come out right.
func TestReadGBKWithLatinNames(t *testing.T) {
	data := encodeText(t, simplifiedchinese.GBK, "ID,Name,Email,Country\n1,王伟,wang@example.com,CN\n2,Zoé Martin,zoe@example.fr,FR\n3,Jürgen Müller,jm@example.de,DE\n")
	res := mustRead(t, data, Options{Name: "export.csv"})
	comparePersons(t, res.persons, []Person{
		{Row: 2, CustomerID: "1", FullName: "王伟", Email: "wang@example.com", Country: "CN"},
		{Row: 3, CustomerID: "2", FullName: "Zoé Martin", Email: "zoe@example.fr", Country: "FR"},
		{Row: 4, CustomerID: "3", FullName: "Jürgen Müller", Email: "jm@example.de", Country: "DE"},
	})
	if res.st.Encoding != "gbk" {
		t.Errorf("Encoding = %q, want gbk (detected)", res.st.Encoding)
	}
}
