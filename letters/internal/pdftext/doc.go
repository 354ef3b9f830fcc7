// Package pdftext is a small, pure-Go PDF reader that extracts text, page
// geometry, document metadata and font information.
//
// It is designed to read back PDF files produced by codeberg.org/go-pdf/fpdf
// (including UTF-8 TrueType fonts added with AddUTF8FontFromBytes, which fpdf
// writes as Type0/Identity-H fonts with a ToUnicode CMap), but it follows the
// PDF specification closely enough to handle many other simple PDF files.
//
// The reader is meant for untrusted input: it never panics, bounds every
// recursion, and caps the amount of decompressed data and extracted text.
// Files with a damaged cross-reference table are recovered by scanning for
// objects; files that are truncated, encrypted, or whose streams fail to
// decode are reported as errors.
//
// Supported features:
//
//   - classic cross-reference tables with incremental updates (/Prev), and a
//     fallback object scan (which also indexes object streams) when the table
//     is missing or inconsistent;
//   - FlateDecode, ASCIIHexDecode, ASCII85Decode and RunLengthDecode filters;
//   - the text operators BT, ET, Tf, Td, TD, Tm, T*, Tj, TJ, ', ", Tc, Tw,
//     Tz, TL and Ts, the graphics operators q, Q and cm, and Form XObjects;
//   - marked content (BMC, BDC, EMC: each span's MCID and whether it is an
//     artifact), the catalog's /MarkInfo, and the structure tree with each
//     page's parent tree entry (Document.Structure, Page.StructParents);
//   - Type0 fonts (decoded through /ToUnicode, falling back to UTF-16BE) and
//     simple fonts (ToUnicode, /Encoding with /Differences, WinAnsiEncoding,
//     MacRomanEncoding);
//   - glyph coverage (Document.MissingGlyphs, Font.GlyphsChecked): for
//     fonts with an embedded TrueType program, every character drawn is
//     mapped to its glyph (Type0: code to CID through Identity-H/V or an
//     embedded CMap, CID to glyph through /CIDToGIDMap; simple TrueType
//     fonts: through the program's cmap table) and reported if the glyph
//     is .notdef, beyond the program's glyph count, or, for a visible
//     character, has no outline (the program's tables are read by
//     letters/fonts, the project's one TrueType reader). fpdf draws a character its UTF-8 font
//     lacks with glyph 0, which only this check reveals: the extracted text
//     is correct. Each font program is decoded and parsed once per
//     document (the table directory, head, maxp, loca, glyf and cmap
//     tables, bounds-checked), within the decompression budget.
//
// Limitations: cross-reference streams are not read (such files are
// recovered by the object scan, which does not find a trailer /Info);
// encrypted files, LZW/image filters and stream predictors are not
// supported; a file must end with %%EOF within its last 1024 bytes; glyph
// widths of non-embedded standard fonts are built in for Helvetica, Times
// and Courier (ASCII range) and estimated otherwise, which only affects
// span widths and the spaces Page.Text inserts between spans. Glyph
// coverage is not checked (Font.GlyphsChecked is false) for Type1 and CFF
// font programs (FontFile, FontFile3 other than TrueType-flavoured
// OpenType), Type3 fonts, fonts that are not embedded, Type0 fonts using
// predefined CMaps other than Identity-H/V, and simple TrueType fonts with
// a code whose glyph would have to be found by name in the 'post' table;
// composite glyphs are taken as drawn without looking at their components.
package pdftext

import "errors"

// Sentinel errors. Errors returned by Parse wrap one of these, so they can be
// tested with errors.Is.
var (
	// ErrNotPDF is returned for data that does not start with a %PDF header.
	ErrNotPDF = errors.New("pdftext: not a PDF file")
	// ErrCorrupt is returned for truncated or structurally damaged files,
	// including streams that fail to decompress.
	ErrCorrupt = errors.New("pdftext: corrupt or truncated PDF file")
	// ErrEncrypted is returned for encrypted files, which are not supported.
	ErrEncrypted = errors.New("pdftext: encrypted PDF files are not supported")
	// ErrTooLarge is returned when a file exceeds one of the safety limits
	// (decompressed data, number of text spans, extracted text, operators).
	ErrTooLarge = errors.New("pdftext: PDF exceeds safety limits")
)

// Safety limits applied while parsing a single document.
const (
	// MaxInflated is the maximum total number of bytes produced by stream
	// filters while parsing one document.
	MaxInflated = 64 << 20
	// MaxSpans is the maximum number of text spans in one document.
	MaxSpans = 1 << 20
	// MaxText is the maximum total size in bytes of extracted text.
	MaxText = 64 << 20
	// MaxOperators is the maximum number of content-stream operators
	// executed for one document (Form XObjects count every time they run).
	MaxOperators = 1 << 24
	// MaxContent is the maximum total size of the content streams
	// interpreted for one document (Form XObjects count every time they
	// run, and a stream listed twice in a page's /Contents counts twice).
	MaxContent = 256 << 20
	// MaxFormRuns is the maximum number of Form XObject executions for one
	// document.
	MaxFormRuns = 1 << 16

	maxDepth     = 64   // nesting of arrays/dictionaries and page tree depth
	maxRefChain  = 32   // references pointing to references
	maxFormDepth = 8    // nested Form XObjects
	maxGStack    = 1024 // q/Q nesting
)
