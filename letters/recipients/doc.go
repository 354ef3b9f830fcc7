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
// The extension of [Options.Name] selects the format. .xlsx and .xlsm files
// are opened with excelize and read with its streaming row iterator; the
// cached value of formula cells is used, numbers come as excelize formats
// them. Opening is limited: the file may be at most 512 MiB, its parts at
// most 1 GiB uncompressed in total (excelize UnzipSizeLimit), and worksheets
// or shared strings larger than 16 MiB are extracted to a temporary file
// instead of memory (UnzipXMLSizeLimit); temporary files are removed when
// Read returns. .csv, .tsv and .txt files are UTF-8 text (a BOM is
// skipped; UTF-16 with a BOM, Excel's "Unicode text", is decoded; other
// text that is not valid UTF-8 is an error). The delimiter is the most
// frequent of , ; tab | outside quotes on the first non-blank line, unless
// the file starts with Excel's "sep=X" line, which then names it. CSV
// syntax errors (quotes) stop the read with an error giving the line. .xls,
// .xlsb, .ods, .numbers and other extensions are rejected with
// [ErrUnsupportedFormat] and advice to save as .xlsx or .csv.
//
// # Rows
//
// The first non-blank row is the header row; blank rows above it are
// skipped. Data rows whose cells are all empty (or white space only) are
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
// last_name) and country; otherwise Read fails with [ErrMissingColumns]
// listing the missing fields and the headers found. If no header at all is
// recognized, the first row is probably data, so its cells are not quoted.
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
//     Ids are compared exactly after trimming. Memory grows with the number
//     of distinct ids (one map entry each);
//   - missing name: FullName is full_name, or else first_name and
//     last_name joined by a space ("family given" without a space when both
//     are written in Chinese characters only); if only one of first_name
//     and last_name is filled, it is used alone;
//   - missing or unknown country: ISO 3166-1 alpha-2 and alpha-3 codes of
//     all 249 countries, CLDR names in English, Italian, French, Russian,
//     Chinese (simplified and traditional), German, Spanish, Portuguese and
//     Dutch, and common aliases ("UK", "USA", "США", "中华人民共和国"...);
//   - for the US, an unknown state: USPS codes or English names of the 50
//     states, DC, Puerto Rico, the other inhabited territories and the
//     Armed Forces codes; an empty region is allowed (Region "");
//   - an invalid language: BCP 47 tags parsed by golang.org/x/text/language
//     ("fr_CA" is accepted as "fr-CA") or a common language name
//     ("Italiano", "French", "中文");
//   - an unknown data category (items split on , ; | or line breaks);
//   - an invalid email: a non-empty email cell that is not a bare
//     addr-spec is always a reject, even if the postal address is usable
//     (predictable, and a typo in an address is worth fixing at the
//     source);
//   - unreachable: no email and no usable postal address (street, city
//     and country all filled).
package recipients
