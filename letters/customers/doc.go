// Package recipients reads the spreadsheet of affected customers exported
// from a CRM (.xlsx or CSV) and turns every data row into either a
// normalized [Person] or a [Reject] with a reason.
//
// The input is breached personal data. No cell value of a person ever
// appears in an error or a Reject: messages name only the file, the sheet,
// the row number, the column header and the customer_id. The values of the
// country, language and data_categories columns are not personal and are
// quoted (at most 40 characters) in reject reasons.
//
// # Formats
//
// The extension of [Options.Name] selects the format. .xlsx and .xlsm
// files are read in place when the reader is a file (else in memory, at
// most 1 GiB). Every XML part of the zip archive (workbook, relationships,
// styles, the shared string table and the chosen worksheet) is read by one
// small purpose-built streaming XML scanner (xmlscan.go), several times
// faster than a general XML decoder; the small parts are also checked to
// nest their elements properly. Worksheets written by Excel,
// LibreOffice, Google Sheets, openpyxl, excelize and .NET writers
// (namespace prefixes) are read alike:
//   - shared strings, inline strings (rich text runs joined, phonetic
//     guides left out), formula results (the cached value; a formula
//     without one makes its row a reject, if its column is read), booleans,
//     error values (a reject), ISO date cells;
//   - numbers as a spreadsheet shows them in General format, without float
//     noise ("100234", not "100234.0"; see formatNumber);
//   - numbers in a date or time format (built-in or custom), in the 1900
//     or the 1904 date system, as ISO dates ("2026-12-31").
//
// An encrypted workbook (ECMA-376 "Agile" or "Standard" encryption, as
// Excel and LibreOffice write with a password) is decrypted with excelize
// and [Options.Password]; without it, or with a wrong one, the error wraps
// [ErrPassword] (and, without it, [ErrNoPassword]); an encrypted workbook
// is decrypted in memory, so it may be at most 256 MiB. Limits against zip
// bombs and hostile files, checked on the sizes the archive declares
// before anything is inflated and again on the bytes actually read: a
// worksheet of at most 4 GiB, a shared string table of at most 1 GiB,
// other parts of at most 32 MiB; a part over 64 MiB may not inflate more
// than 200 to 1 (spreadsheets compress 3 to 10 to 1, zip bombs 1,000 to
// 1). The shared string table holds at most 16,777,216 strings and 256 MiB
// of text; a worksheet at most 134,217,728 XML elements, 262,144 in a row
// and 65,536 outside its rows, and 64 MiB after its data; the small parts
// at most 1,048,576 elements nested at most 64 deep. Each limit is an
// [ErrMalformed] naming the file, the part or sheet and the limit. A cell of
// more than 32,767 characters (Excel's limit) makes its row a reject; text
// of more than 256 KiB stops the read at once with [ErrMalformed], without
// reading the rest of it. Document type declarations are refused.
// Legacy .xls, .xlsb, .ods, .numbers (named so, or disguised as .xlsx) and
// other formats are rejected with [ErrUnsupportedFormat], naming the
// format and saying how to convert it.
//
// .csv, .tsv and .txt files are delimited text, decoded to UTF-8 while it
// is streamed (never loaded whole). [Options.Encoding] names the encoding
// (utf-8, utf-16le/be, windows-1252, iso-8859-1, iso-8859-15,
// windows-1251, koi8-r, gbk, gb18030 and common aliases); "" detects it
// from the first 64 KiB, deterministically: a byte order mark (UTF-8,
// UTF-16LE or UTF-16BE; Excel's "Unicode text" is UTF-16LE with a BOM);
// UTF-16 without a BOM by its pattern of NUL bytes; UTF-8 if the sample is
// valid UTF-8; otherwise the most plausible of GBK/GB18030 (valid
// double-byte sequences that are mostly common Han characters, or accented
// Latin letters inside Latin words: a Chinese export's "Zoé" and "Müller";
// gb18030 is reported when four-byte sequences occur), Windows-1251 and KOI8-R (runs
// of Russian letters, scored by case pattern and letter frequency: each
// decodes the other with the case swapped) and Windows-1252 (accented
// letters inside Latin words). ISO-8859-1 text is read and reported as
// windows-1252, which has the same characters at 0xA0–0xFF. ISO-8859-15
// differs from both in eight characters, among them €: it is 0xA4 in
// ISO-8859-15, where Windows-1252 and ISO-8859-1 have ¤, and 0x80 in
// Windows-1252; so iso-8859-15 is reported when the sample has the byte
// 0xA4 and no byte in 0x80–0x9F. The encoding used is in [Stats.Encoding]
// (with the delimiter in [Stats.Delimiter]) for the caller to show: a
// plausible guess can still be wrong. If no candidate is plausible, Read
// fails with an [*EncodingError] (wrapping [ErrMalformed]) that lists the
// supported encodings. Text that is not valid in the encoding further in
// the file (not UTF-8, or a byte sequence the encoding does not define)
// stops the read with an [*EncodingError] giving the line; a byte order mark that contradicts Options.Encoding is an error.
// A workbook cell whose text is not UTF-8 (or has half of a UTF-16
// surrogate pair) stops the read the same way, with an error wrapping
// [ErrMalformed] that names the sheet, row and cell: text is never read
// as U+FFFD.
//
// The delimiter is the most frequent of , ; tab | outside quotes on the
// first non-blank line, unless the file starts with Excel's "sep=X" line,
// which then names it. CSV syntax errors (quotes) stop the read with an
// error giving the line. A record may be at most 1 MiB after decoding: a
// longer one (a file without line ends, an unbalanced quote) stops the read
// with an error wrapping [ErrMalformed] that names the record, after
// reading little more than the limit. A cell longer than 32,767 characters
// (Excel's limit) is treated as for xlsx: its row is a reject if its column
// is read.
//
// # Rows
//
// The header row is the first of the first 20 non-blank rows from which
// the required columns (below) can be resolved; the non-blank rows above it
// (a title, an export date, a group header over merged cells) are skipped
// and listed in [Stats.SkippedAbove], so a preview shows them. If none of
// those rows qualifies, the first non-blank row is taken as the header and
// its problem is the error. Data rows whose cells are all empty (or white space only) are
// skipped and NOT counted in [Stats.Rows]: they are not customers. Every
// other row is counted and becomes exactly one Person or one Reject, so
// Stats.Rows == Stats.Persons + Stats.Rejects. Row numbers are what a
// spreadsheet user sees: the sheet row for xlsx (blank rows included), the
// CSV record number for CSV (header record = 1; empty lines are not
// records). A cell in a column that has no header, to the right of the last
// header, makes the row a reject ("row has 7 cells, header has 5"); empty
// extra cells are ignored. A cell holding a spreadsheet error such as #N/A
// makes the row a reject.
//
// # Headers
//
// Headers are compared after lower-casing, removing accents and removing
// spaces, underscores, hyphens, dots and other punctuation, against
// synonyms in English, Italian, French, Russian and Chinese and the names
// used by common CRM exports (see [MatchHeader]). Unrecognized headers are
// ignored and listed in [Stats.Columns] with Field "". Generic names have a
// low priority ("id", "name", "mobile", "country code", "state code",
// "regione", Italian "stato"): when a file also has a specific header for
// the same field ("customer id", "full name", "phone", "country"), the
// generic one is ignored; two headers of the same priority for one field
// are an error naming both ([ErrDuplicateColumn]). [Options.Mapping]
// overrides recognition for the fields it names.
//
// Required columns are customer_id, a name (full_name, or first_name and
// last_name) and country; otherwise Read fails with a
// [*MissingColumnsError] (wrapping [ErrMissingColumns]) listing the missing
// fields and the headers found. If no header at all is recognized, the
// first row is probably data, so its cells are not quoted (the error wraps
// ErrMissingColumns, and is no *MissingColumnsError).
//
// Ambiguous name headers are resolved with the other columns of the file:
//   - "Name" is the full name, but "Name" next to "Surname"/"Last name"
//     (and no first-name or full-name column) is the first name.
//   - Italian "Nome" and Russian "Имя" are the first name, but alone (no
//     surname and no full-name column) they hold the full name.
//   - French "Nom" is the family name, but alone (no "Prénom" and no
//     full-name column) it holds the full name.
//   - Chinese "姓" is the family name and "名" the given name; "姓名" and
//     "名字" are the full name.
//
// # Normalization and checks
//
// Every cell is trimmed, no-break spaces become spaces, zero-width
// characters and the BOM are removed, and the text is put in Unicode NFC.
// Inner white space is collapsed in every field except Street, where line
// breaks between address lines are kept.
//
// The checks are applied in this order; the first failing one makes the
// row a reject:
//   - a non-empty cell beyond the last header, a spreadsheet error value;
//   - missing customer_id; a numeric customer_id is un-formatted
//     ("100234.0" and "1.00234E+05" give "100234"), and one the spreadsheet
//     rounded (more than 15 digits) is rejected;
//   - duplicate customer_id: the first row with an id wins, even if that
//     row is itself rejected for another reason; every later row with the
//     same id is rejected as "duplicate customer_id (first seen on row N)".
//     Ids are compared exactly after trimming;
//   - missing name: FullName is full_name, or else first_name and
//     last_name joined by a space ("family given" without a space when both
//     are written in Chinese characters only); if only one of first_name
//     and last_name is filled, it is used alone;
//   - missing or unknown country: ISO 3166-1 alpha-2 and alpha-3 codes of
//     all 249 countries, CLDR names in English, Italian, French, Russian,
//     Chinese (simplified and traditional), German, Spanish, Portuguese and
//     Dutch, and common aliases ("UK", "USA", "США", "中华人民共和国"...);
//   - for the US, Canada and Australia, an unknown state, province or
//     territory (the region can select the law: California, Québec):
//     codes or names, see [NormalizeRegion]; an empty region is allowed
//     (Region ""). Italian provinces and regions are normalized too, but an
//     unknown Italian or other region is kept as written, since it only
//     completes the postal address;
//   - postal codes that lost their leading zeros in a number column are
//     restored where the country's format makes that safe (US 2134 ->
//     02134; see [NormalizePostalCode]);
//   - an invalid language: BCP 47 tags parsed by golang.org/x/text/language
//     ("fr_CA" is accepted as "fr-CA") or a common language name
//     ("Italiano", "French", "中文");
//   - an unknown data category (items split on , ; | or line breaks);
//   - an invalid email: a non-empty email cell that is not a bare
//     addr-spec (or has an invisible character inside it, such as a NUL,
//     or an internationalized domain without an ASCII form) is always a
//     reject, even if the postal address is usable
//     (predictable, and a typo in an address is worth fixing at the
//     source);
//   - unreachable: no email and no usable postal address (street, city
//     and country all filled);
//   - the same person twice: a row with another customer_id but the same
//     email (compared case-insensitively) and the same name (compared like
//     headers) as an earlier person is rejected as "same person as row N".
//     Rows are streamed, so the earlier row's letter is
//     already written and cannot absorb this row's data categories: the
//     reject asks the user to merge them at the source if they differ.
//     Same name at another email, or same email with another name (a
//     shared family address), are different persons.
//
// The duplicate checks are made one way: the two hashed keys of each row
// (16 bytes each) are recorded while the file is read and sorted, in
// memory up to a bound and past it in temporary files in a directory the
// caller gives, so memory does not grow with the file. FindDuplicates does
// that in a pass of its own, and Read given its result
// (Options.Duplicates) keeps nothing per row and delivers each row as it
// is read. Read without it reads the file once, keeps the converted rows
// in a spool (a temporary file past 8 MiB) while the keys are recorded,
// and delivers them once the keys are sorted (see Read).
package customers
