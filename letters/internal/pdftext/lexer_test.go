package pdftext

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeLiteralString(t *testing.T) {
	tests := []struct {
		name string
		in   string // text after the opening parenthesis
		want string
		end  int // bytes consumed, -1 for len(in)
		ok   bool
	}{
		{"plain", "abc)", "abc", -1, true},
		{"empty", ")", "", -1, true},
		{"rest ignored", "a) b", "a", 2, true},
		{"balanced parens", "a(b(c))d)", "a(b(c))d", -1, true},
		{"escaped parens", `a\(b\)c)`, "a(b)c", -1, true},
		{"unbalanced escaped", `\(\(x)`, "((x", -1, true},
		{"backslash", `a\\b)`, `a\b`, -1, true},
		{"control escapes", `\n\r\t\b\f)`, "\n\r\t\b\f", -1, true},
		{"octal 3 digits", `\101\060)`, "A0", -1, true},
		{"octal short", `\1a\12)`, "\x01a\x0a", -1, true},
		{"octal then digit", `\0053)`, "\x053", -1, true},
		{"octal overflow", `\777)`, "\xff", -1, true},
		{"octal 8 is not octal", `\8)`, "8", -1, true},
		{"unknown escape", `\q)`, "q", -1, true},
		{"continuation LF", "ab\\\ncd)", "abcd", -1, true},
		{"continuation CRLF", "ab\\\r\ncd)", "abcd", -1, true},
		{"continuation CR", "ab\\\rcd)", "abcd", -1, true},
		{"raw CRLF is LF", "a\r\nb)", "a\nb", -1, true},
		{"raw CR is LF", "a\rb)", "a\nb", -1, true},
		{"raw LF kept", "a\nb)", "a\nb", -1, true},
		{"binary UTF-16", "\x00\xe9\x00\\(\x04\x16)", "\x00\xe9\x00(\x04\x16", -1, true},
		{"unterminated", "abc", "abc", -1, false},
		{"unterminated nested", "a(b)", "a(b)", -1, false},
		{"dangling backslash", `abc\`, "abc", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, end, ok := decodeLiteralString([]byte(tt.in), 0)
			if string(got) != tt.want || ok != tt.ok {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
			wantEnd := tt.end
			if wantEnd < 0 {
				wantEnd = len(tt.in)
			}
			if end != wantEnd {
				t.Errorf("end = %d, want %d", end, wantEnd)
			}
		})
	}
}

func TestDecodeHexString(t *testing.T) {
	tests := []struct {
		name string
		in   string // text after the opening angle bracket
		want string
		ok   bool
	}{
		{"empty", ">", "", true},
		{"upper", "48656C6C6F>", "Hello", true},
		{"lower", "48656c6c6f>", "Hello", true},
		{"white space", " 48 65\n6c\t6c\r6f >", "Hello", true},
		{"odd digits", "414>", "A@", true},
		{"single digit", "7>", "p", true},
		{"utf16", "FEFF00E9>", "\xfe\xff\x00\xe9", true},
		{"invalid char", "4G>", "", false},
		{"unterminated", "4142", "AB", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := decodeHexString([]byte(tt.in), 0)
			if ok != tt.ok || (ok && string(got) != tt.want) {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLexerTokens(t *testing.T) {
	in := `%comment
1 -2 +3 4.5 -.5 6. /Name /A#42C /Sp#20ace (str) <4142> << >> [ ] true R Tj ' " 1.2.3 --4 } {`
	want := []token{
		{kind: tokInt, i: 1, f: 1}, {kind: tokInt, i: -2, f: -2}, {kind: tokInt, i: 3, f: 3},
		{kind: tokReal, f: 4.5}, {kind: tokReal, f: -0.5}, {kind: tokReal, f: 6},
		{kind: tokName, s: "Name"}, {kind: tokName, s: "ABC"}, {kind: tokName, s: "Sp ace"},
		{kind: tokString, s: "str"}, {kind: tokString, s: "AB"},
		{kind: tokDictStart}, {kind: tokDictEnd}, {kind: tokArrayStart}, {kind: tokArrayEnd},
		{kind: tokKeyword, s: "true"}, {kind: tokKeyword, s: "R"}, {kind: tokKeyword, s: "Tj"},
		{kind: tokKeyword, s: "'"}, {kind: tokKeyword, s: `"`},
		{kind: tokKeyword, s: "1.2.3"}, {kind: tokKeyword, s: "--4"},
		{kind: tokKeyword, s: "}"}, {kind: tokKeyword, s: "{"},
		{kind: tokEOF},
	}
	l := lexer{b: []byte(in)}
	for i, w := range want {
		if got := l.next(); got != w {
			t.Fatalf("token %d: got %+v, want %+v", i, got, w)
		}
	}
}

func TestParseObject(t *testing.T) {
	tests := []struct {
		in   string
		want object
	}{
		{"<< /A 1 /B [2 0 R (x) /N] /C << /D null >> /E true >>", dict{
			"A": int64(1), "B": array{objRef{2, 0}, pdfString("x"), name("N")},
			"C": dict{}, "E": true,
		}},
		{"[1 2 3 R 4]", array{int64(1), objRef{2, 3}, int64(4)}},
		{"[1 2]", array{int64(1), int64(2)}},
		{"<< /Key >>", dict{}},
	}
	for _, tt := range tests {
		p := parser{lex: lexer{b: []byte(tt.in)}, refs: true}
		got, err := p.parse(0)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parse(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"[1 2", "<< /A 1", "<< 1 2 >>", "]", "[ obj ]", "(abc", "<< /A (x >>"} {
		p := parser{lex: lexer{b: []byte(bad)}, refs: true}
		if got, err := p.parse(0); err == nil {
			t.Errorf("parse(%q) = %#v, want error", bad, got)
		}
	}
	deep := make([]byte, 0, 2*maxDepth+10)
	for range maxDepth + 5 {
		deep = append(deep, '[')
	}
	p := parser{lex: lexer{b: deep}}
	if _, err := p.parse(0); err == nil {
		t.Error("deeply nested arrays: want error")
	}
	huge := "[" + strings.Repeat("0 ", maxElems+1) + "]"
	p = parser{lex: lexer{b: []byte(huge)}}
	if _, err := p.parse(0); !errors.Is(err, errSize) {
		t.Errorf("array of %d elements: err = %v, want errSize", maxElems+1, err)
	}
}

func TestDecodeTextString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "Hello", "Hello"},
		{"pdfdoc latin1", "perch\xe9", "perché"},
		{"pdfdoc specials", "\x80\x84\x92\xa0", "•—™€"},
		{"utf16be", "\xfe\xff\x00p\x00\xe8\x04\x16", "pèЖ"},
		{"utf16be surrogate", "\xfe\xff\xd8\x3d\xde\x00", "😀"},
		{"utf16be lang escape", "\xfe\xff\x00\x1bit\x00\x1b\x00c\x00i\x00a\x00o", "ciao"},
		{"utf16le", "\xff\xfep\x00\xe8\x00", "pè"},
		{"utf8 bom", "\xef\xbb\xbfgià", "già"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := decodeTextString(tt.in); got != tt.want {
			t.Errorf("%s: decodeTextString(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
