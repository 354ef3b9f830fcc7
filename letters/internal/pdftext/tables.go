package pdftext

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding tables. WinAnsiEncoding and MacRomanEncoding come from
// golang.org/x/text's Windows-1252 and Mac OS Roman code pages;
// PDFDocEncoding is Latin-1 with the differences listed in ISO 32000-1,
// Annex D. The glyph names were derived from the code page maps shipped with
// fpdf (font/*.map).

// winAnsiEncoding is WinAnsiEncoding (Windows-1252); the five codes
// Windows-1252 leaves undefined map to the Latin-1 character of that value.
var winAnsiEncoding = codePage(charmap.Windows1252)

// macRomanEncoding is MacRomanEncoding (Mac OS Roman).
var macRomanEncoding = codePage(charmap.Macintosh)

// pdfDocEncoding is PDFDocEncoding, used by text strings without a byte order
// mark (PDF 32000-1:2008, Annex D): Latin-1 except for these codes.
var pdfDocEncoding = func() [256]rune {
	var t [256]rune
	for b := range t {
		t[b] = rune(b)
	}
	copy(t[0x18:], []rune{0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC})
	copy(t[0x80:], []rune{
		0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
		0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
		0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
		0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD,
		0x20AC,
	})
	t[0xAD] = 0xFFFD
	return t
}()

// codePage returns the 256 characters of a single-byte code page; a byte
// the code page leaves undefined stands for the Latin-1 character.
func codePage(cm *charmap.Charmap) [256]rune {
	var t [256]rune
	for b := range t {
		t[b] = cm.DecodeByte(byte(b))
		if t[b] == utf8.RuneError {
			t[b] = rune(b)
		}
	}
	return t
}

// glyphNames maps glyph names (a subset of the Adobe Glyph List covering
// Latin, Greek, Cyrillic, Hebrew and Thai code pages) to Unicode.
var glyphNames = map[string]rune{
	"A": 0x0041, "AE": 0x00C6, "Aacute": 0x00C1, "Abreve": 0x0102, "Acircumflex": 0x00C2,
	"Adieresis": 0x00C4, "Agrave": 0x00C0, "Alpha": 0x0391, "Alphatonos": 0x0386, "Amacron": 0x0100,
	"Aogonek": 0x0104, "Aring": 0x00C5, "Atilde": 0x00C3, "B": 0x0042, "Beta": 0x0392, "C": 0x0043,
	"Cacute": 0x0106, "Ccaron": 0x010C, "Ccedilla": 0x00C7, "Chi": 0x03A7, "D": 0x0044,
	"Dcaron": 0x010E, "Dcroat": 0x0110, "Delta": 0x0394, "E": 0x0045, "Eacute": 0x00C9,
	"Ecaron": 0x011A, "Ecircumflex": 0x00CA, "Edieresis": 0x00CB, "Edotaccent": 0x0116,
	"Egrave": 0x00C8, "Emacron": 0x0112, "Eng": 0x014A, "Eogonek": 0x0118, "Epsilon": 0x0395,
	"Epsilontonos": 0x0388, "Eta": 0x0397, "Etatonos": 0x0389, "Eth": 0x00D0, "Euro": 0x20AC,
	"F": 0x0046, "G": 0x0047, "Gamma": 0x0393, "Gbreve": 0x011E, "Gcommaaccent": 0x0122, "H": 0x0048,
	"I": 0x0049, "Iacute": 0x00CD, "Icircumflex": 0x00CE, "Idieresis": 0x00CF, "Idotaccent": 0x0130,
	"Igrave": 0x00CC, "Imacron": 0x012A, "Iogonek": 0x012E, "Iota": 0x0399, "Iotadieresis": 0x03AA,
	"Iotatonos": 0x038A, "Itilde": 0x0128, "J": 0x004A, "K": 0x004B, "Kappa": 0x039A,
	"Kcommaaccent": 0x0136, "L": 0x004C, "Lacute": 0x0139, "Lambda": 0x039B, "Lcaron": 0x013D,
	"Lcommaaccent": 0x013B, "Lslash": 0x0141, "M": 0x004D, "Mu": 0x039C, "N": 0x004E,
	"Nacute": 0x0143, "Ncaron": 0x0147, "Ncommaaccent": 0x0145, "Ntilde": 0x00D1, "Nu": 0x039D,
	"O": 0x004F, "OE": 0x0152, "Oacute": 0x00D3, "Ocircumflex": 0x00D4, "Odieresis": 0x00D6,
	"Ograve": 0x00D2, "Ohorn": 0x01A0, "Ohungarumlaut": 0x0150, "Omacron": 0x014C, "Omega": 0x03A9,
	"Omegatonos": 0x038F, "Omicron": 0x039F, "Omicrontonos": 0x038C, "Oslash": 0x00D8,
	"Otilde": 0x00D5, "P": 0x0050, "Phi": 0x03A6, "Pi": 0x03A0, "Psi": 0x03A8, "Q": 0x0051,
	"R": 0x0052, "Racute": 0x0154, "Rcaron": 0x0158, "Rcommaaccent": 0x0156, "Rho": 0x03A1,
	"S": 0x0053, "SF010000": 0x250C, "SF020000": 0x2514, "SF030000": 0x2510, "SF040000": 0x2518,
	"SF050000": 0x253C, "SF060000": 0x252C, "SF070000": 0x2534, "SF080000": 0x251C,
	"SF090000": 0x2524, "SF100000": 0x2500, "SF110000": 0x2502, "SF190000": 0x2561,
	"SF200000": 0x2562, "SF210000": 0x2556, "SF220000": 0x2555, "SF230000": 0x2563,
	"SF240000": 0x2551, "SF250000": 0x2557, "SF260000": 0x255D, "SF270000": 0x255C,
	"SF280000": 0x255B, "SF360000": 0x255E, "SF370000": 0x255F, "SF380000": 0x255A,
	"SF390000": 0x2554, "SF400000": 0x2569, "SF410000": 0x2566, "SF420000": 0x2560,
	"SF430000": 0x2550, "SF440000": 0x256C, "SF450000": 0x2567, "SF460000": 0x2568,
	"SF470000": 0x2564, "SF480000": 0x2565, "SF490000": 0x2559, "SF500000": 0x2558,
	"SF510000": 0x2552, "SF520000": 0x2553, "SF530000": 0x256B, "SF540000": 0x256A, "Sacute": 0x015A,
	"Scaron": 0x0160, "Scedilla": 0x015E, "Scommaaccent": 0x0218, "Sigma": 0x03A3, "T": 0x0054,
	"Tau": 0x03A4, "Tbar": 0x0166, "Tcaron": 0x0164, "Tcommaaccent": 0x021A, "Theta": 0x0398,
	"Thorn": 0x00DE, "U": 0x0055, "Uacute": 0x00DA, "Ucircumflex": 0x00DB, "Udieresis": 0x00DC,
	"Ugrave": 0x00D9, "Uhorn": 0x01AF, "Uhungarumlaut": 0x0170, "Umacron": 0x016A, "Uogonek": 0x0172,
	"Upsilon": 0x03A5, "Upsilondieresis": 0x03AB, "Upsilontonos": 0x038E, "Uring": 0x016E,
	"Utilde": 0x0168, "V": 0x0056, "W": 0x0057, "X": 0x0058, "Xi": 0x039E, "Y": 0x0059,
	"Yacute": 0x00DD, "Ydieresis": 0x0178, "Z": 0x005A, "Zacute": 0x0179, "Zcaron": 0x017D,
	"Zdotaccent": 0x017B, "Zeta": 0x0396, "a": 0x0061, "aacute": 0x00E1, "abreve": 0x0103,
	"acircumflex": 0x00E2, "acute": 0x00B4, "acutecomb": 0x0301, "adieresis": 0x00E4, "ae": 0x00E6,
	"afii00208": 0x2015, "afii10017": 0x0410, "afii10018": 0x0411, "afii10019": 0x0412,
	"afii10020": 0x0413, "afii10021": 0x0414, "afii10022": 0x0415, "afii10023": 0x0401,
	"afii10024": 0x0416, "afii10025": 0x0417, "afii10026": 0x0418, "afii10027": 0x0419,
	"afii10028": 0x041A, "afii10029": 0x041B, "afii10030": 0x041C, "afii10031": 0x041D,
	"afii10032": 0x041E, "afii10033": 0x041F, "afii10034": 0x0420, "afii10035": 0x0421,
	"afii10036": 0x0422, "afii10037": 0x0423, "afii10038": 0x0424, "afii10039": 0x0425,
	"afii10040": 0x0426, "afii10041": 0x0427, "afii10042": 0x0428, "afii10043": 0x0429,
	"afii10044": 0x042A, "afii10045": 0x042B, "afii10046": 0x042C, "afii10047": 0x042D,
	"afii10048": 0x042E, "afii10049": 0x042F, "afii10050": 0x0490, "afii10051": 0x0402,
	"afii10052": 0x0403, "afii10053": 0x0404, "afii10054": 0x0405, "afii10055": 0x0406,
	"afii10056": 0x0407, "afii10057": 0x0408, "afii10058": 0x0409, "afii10059": 0x040A,
	"afii10060": 0x040B, "afii10061": 0x040C, "afii10062": 0x040E, "afii10065": 0x0430,
	"afii10066": 0x0431, "afii10067": 0x0432, "afii10068": 0x0433, "afii10069": 0x0434,
	"afii10070": 0x0435, "afii10071": 0x0451, "afii10072": 0x0436, "afii10073": 0x0437,
	"afii10074": 0x0438, "afii10075": 0x0439, "afii10076": 0x043A, "afii10077": 0x043B,
	"afii10078": 0x043C, "afii10079": 0x043D, "afii10080": 0x043E, "afii10081": 0x043F,
	"afii10082": 0x0440, "afii10083": 0x0441, "afii10084": 0x0442, "afii10085": 0x0443,
	"afii10086": 0x0444, "afii10087": 0x0445, "afii10088": 0x0446, "afii10089": 0x0447,
	"afii10090": 0x0448, "afii10091": 0x0449, "afii10092": 0x044A, "afii10093": 0x044B,
	"afii10094": 0x044C, "afii10095": 0x044D, "afii10096": 0x044E, "afii10097": 0x044F,
	"afii10098": 0x0491, "afii10099": 0x0452, "afii10100": 0x0453, "afii10101": 0x0454,
	"afii10102": 0x0455, "afii10103": 0x0456, "afii10104": 0x0457, "afii10105": 0x0458,
	"afii10106": 0x0459, "afii10107": 0x045A, "afii10108": 0x045B, "afii10109": 0x045C,
	"afii10110": 0x045E, "afii10145": 0x040F, "afii10193": 0x045F, "afii299": 0x200E,
	"afii300": 0x200F, "afii57636": 0x20AA, "afii57645": 0x05BE, "afii57658": 0x05C3,
	"afii57664": 0x05D0, "afii57665": 0x05D1, "afii57666": 0x05D2, "afii57667": 0x05D3,
	"afii57668": 0x05D4, "afii57669": 0x05D5, "afii57670": 0x05D6, "afii57671": 0x05D7,
	"afii57672": 0x05D8, "afii57673": 0x05D9, "afii57674": 0x05DA, "afii57675": 0x05DB,
	"afii57676": 0x05DC, "afii57677": 0x05DD, "afii57678": 0x05DE, "afii57679": 0x05DF,
	"afii57680": 0x05E0, "afii57681": 0x05E1, "afii57682": 0x05E2, "afii57683": 0x05E3,
	"afii57684": 0x05E4, "afii57685": 0x05E5, "afii57686": 0x05E6, "afii57687": 0x05E7,
	"afii57688": 0x05E8, "afii57689": 0x05E9, "afii57690": 0x05EA, "afii57716": 0x05F0,
	"afii57717": 0x05F1, "afii57718": 0x05F2, "afii57793": 0x05B4, "afii57794": 0x05B5,
	"afii57795": 0x05B6, "afii57796": 0x05BB, "afii57797": 0x05B8, "afii57798": 0x05B7,
	"afii57799": 0x05B0, "afii57800": 0x05B2, "afii57801": 0x05B1, "afii57802": 0x05B3,
	"afii57803": 0x05C2, "afii57804": 0x05C1, "afii57806": 0x05B9, "afii57807": 0x05BC,
	"afii57839": 0x05BD, "afii57841": 0x05BF, "afii57842": 0x05C0, "afii61352": 0x2116,
	"agrave": 0x00E0, "alpha": 0x03B1, "alphatonos": 0x03AC, "amacron": 0x0101, "ampersand": 0x0026,
	"angkhankhuthai": 0x0E5A, "aogonek": 0x0105, "approxequal": 0x2248, "aring": 0x00E5,
	"asciicircum": 0x005E, "asciitilde": 0x007E, "asterisk": 0x002A, "at": 0x0040, "atilde": 0x00E3,
	"b": 0x0062, "backslash": 0x005C, "bahtthai": 0x0E3F, "bar": 0x007C, "beta": 0x03B2,
	"block": 0x2588, "bobaimaithai": 0x0E1A, "braceleft": 0x007B, "braceright": 0x007D,
	"bracketleft": 0x005B, "bracketright": 0x005D, "breve": 0x02D8, "brokenbar": 0x00A6,
	"bullet": 0x2022, "c": 0x0063, "cacute": 0x0107, "caron": 0x02C7, "ccaron": 0x010D,
	"ccedilla": 0x00E7, "cedilla": 0x00B8, "cent": 0x00A2, "chi": 0x03C7, "chochangthai": 0x0E0A,
	"chochanthai": 0x0E08, "chochingthai": 0x0E09, "chochoethai": 0x0E0C, "circumflex": 0x02C6,
	"colon": 0x003A, "comma": 0x002C, "copyright": 0x00A9, "currency": 0x00A4, "d": 0x0064,
	"dagger": 0x2020, "daggerdbl": 0x2021, "dcaron": 0x010F, "dcroat": 0x0111, "degree": 0x00B0,
	"delta": 0x03B4, "dieresis": 0x00A8, "dieresistonos": 0x0385, "divide": 0x00F7, "dkshade": 0x2593,
	"dnblock": 0x2584, "dochadathai": 0x0E0E, "dodekthai": 0x0E14, "dollar": 0x0024, "dong": 0x20AB,
	"dotaccent": 0x02D9, "dotbelowcomb": 0x0323, "dotlessi": 0x0131, "e": 0x0065, "eacute": 0x00E9,
	"ecaron": 0x011B, "ecircumflex": 0x00EA, "edieresis": 0x00EB, "edotaccent": 0x0117,
	"egrave": 0x00E8, "eight": 0x0038, "eightthai": 0x0E58, "ellipsis": 0x2026, "emacron": 0x0113,
	"emdash": 0x2014, "endash": 0x2013, "eng": 0x014B, "eogonek": 0x0119, "epsilon": 0x03B5,
	"epsilontonos": 0x03AD, "equal": 0x003D, "eta": 0x03B7, "etatonos": 0x03AE, "eth": 0x00F0,
	"exclam": 0x0021, "exclamdown": 0x00A1, "f": 0x0066, "ff": 0xFB00, "ffi": 0xFB03, "ffl": 0xFB04,
	"fi": 0xFB01, "filledbox": 0x25A0, "five": 0x0035, "fivethai": 0x0E55, "fl": 0xFB02,
	"florin": 0x0192, "fofanthai": 0x0E1F, "fofathai": 0x0E1D, "fongmanthai": 0x0E4F, "four": 0x0034,
	"fourthai": 0x0E54, "fraction": 0x2044, "g": 0x0067, "gamma": 0x03B3, "gbreve": 0x011F,
	"gcommaaccent": 0x0123, "gereshhebrew": 0x05F3, "germandbls": 0x00DF, "gershayimhebrew": 0x05F4,
	"grave": 0x0060, "gravecomb": 0x0300, "greater": 0x003E, "greaterequal": 0x2265,
	"guillemotleft": 0x00AB, "guillemotright": 0x00BB, "guilsinglleft": 0x2039,
	"guilsinglright": 0x203A, "h": 0x0068, "hohipthai": 0x0E2B, "honokhukthai": 0x0E2E,
	"hookabovecomb": 0x0309, "hungarumlaut": 0x02DD, "hyphen": 0x002D, "i": 0x0069, "iacute": 0x00ED,
	"icircumflex": 0x00EE, "idieresis": 0x00EF, "igrave": 0x00EC, "imacron": 0x012B,
	"integralbt": 0x2321, "integraltp": 0x2320, "iogonek": 0x012F, "iota": 0x03B9,
	"iotadieresis": 0x03CA, "iotadieresistonos": 0x0390, "iotatonos": 0x03AF, "itilde": 0x0129,
	"j": 0x006A, "k": 0x006B, "kappa": 0x03BA, "kcommaaccent": 0x0137, "kgreenlandic": 0x0138,
	"khokhaithai": 0x0E02, "khokhonthai": 0x0E05, "khokhuatthai": 0x0E03, "khokhwaithai": 0x0E04,
	"khomutthai": 0x0E5B, "khorakhangthai": 0x0E06, "kokaithai": 0x0E01, "l": 0x006C,
	"lacute": 0x013A, "lakkhangyaothai": 0x0E45, "lambda": 0x03BB, "lcaron": 0x013E,
	"lcommaaccent": 0x013C, "less": 0x003C, "lessequal": 0x2264, "lfblock": 0x258C,
	"lochulathai": 0x0E2C, "logicalnot": 0x00AC, "lolingthai": 0x0E25, "lslash": 0x0142,
	"ltshade": 0x2591, "luthai": 0x0E26, "m": 0x006D, "macron": 0x00AF, "maichattawathai": 0x0E4B,
	"maiekthai": 0x0E48, "maihanakatthai": 0x0E31, "maitaikhuthai": 0x0E47, "maithothai": 0x0E49,
	"maitrithai": 0x0E4A, "maiyamokthai": 0x0E46, "middot": 0x00B7, "minus": 0x2212,
	"momathai": 0x0E21, "mu": 0x00B5, "multiply": 0x00D7, "n": 0x006E, "nacute": 0x0144,
	"nbspace": 0x00A0, "ncaron": 0x0148, "ncommaaccent": 0x0146, "ngonguthai": 0x0E07,
	"nikhahitthai": 0x0E4D, "nine": 0x0039, "ninethai": 0x0E59, "nonenthai": 0x0E13,
	"nonuthai": 0x0E19, "ntilde": 0x00F1, "nu": 0x03BD, "numbersign": 0x0023, "o": 0x006F,
	"oacute": 0x00F3, "oangthai": 0x0E2D, "ocircumflex": 0x00F4, "odieresis": 0x00F6, "oe": 0x0153,
	"ogonek": 0x02DB, "ograve": 0x00F2, "ohorn": 0x01A1, "ohungarumlaut": 0x0151, "omacron": 0x014D,
	"omega": 0x03C9, "omegatonos": 0x03CE, "omicron": 0x03BF, "omicrontonos": 0x03CC, "one": 0x0031,
	"onehalf": 0x00BD, "onequarter": 0x00BC, "onesuperior": 0x00B9, "onethai": 0x0E51,
	"ordfeminine": 0x00AA, "ordmasculine": 0x00BA, "oslash": 0x00F8, "otilde": 0x00F5, "p": 0x0070,
	"paiyannoithai": 0x0E2F, "paragraph": 0x00B6, "parenleft": 0x0028, "parenright": 0x0029,
	"percent": 0x0025, "period": 0x002E, "periodcentered": 0x00B7, "perthousand": 0x2030,
	"phi": 0x03C6, "phinthuthai": 0x0E3A, "phophanthai": 0x0E1E, "phophungthai": 0x0E1C,
	"phosamphaothai": 0x0E20, "pi": 0x03C0, "plus": 0x002B, "plusminus": 0x00B1, "poplathai": 0x0E1B,
	"psi": 0x03C8, "q": 0x0071, "question": 0x003F, "questiondown": 0x00BF, "quotedbl": 0x0022,
	"quotedblbase": 0x201E, "quotedblleft": 0x201C, "quotedblright": 0x201D, "quoteleft": 0x2018,
	"quoteright": 0x2019, "quotesinglbase": 0x201A, "quotesingle": 0x0027, "r": 0x0072,
	"racute": 0x0155, "radical": 0x221A, "rcaron": 0x0159, "rcommaaccent": 0x0157,
	"registered": 0x00AE, "rho": 0x03C1, "roruathai": 0x0E23, "rtblock": 0x2590, "ruthai": 0x0E24,
	"s": 0x0073, "sacute": 0x015B, "saraaathai": 0x0E32, "saraaethai": 0x0E41,
	"saraaimaimalaithai": 0x0E44, "saraaimaimuanthai": 0x0E43, "saraamthai": 0x0E33,
	"saraathai": 0x0E30, "saraethai": 0x0E40, "saraiithai": 0x0E35, "saraithai": 0x0E34,
	"saraothai": 0x0E42, "saraueethai": 0x0E37, "sarauethai": 0x0E36, "sarauthai": 0x0E38,
	"sarauuthai": 0x0E39, "scaron": 0x0161, "scedilla": 0x015F, "scommaaccent": 0x0219,
	"section": 0x00A7, "semicolon": 0x003B, "seven": 0x0037, "seventhai": 0x0E57, "sfthyphen": 0x00AD,
	"shade": 0x2592, "sigma": 0x03C3, "sigma1": 0x03C2, "six": 0x0036, "sixthai": 0x0E56,
	"slash": 0x002F, "sorusithai": 0x0E29, "sosalathai": 0x0E28, "sosothai": 0x0E0B,
	"sosuathai": 0x0E2A, "space": 0x0020, "sterling": 0x00A3, "t": 0x0074, "tau": 0x03C4,
	"tbar": 0x0167, "tcaron": 0x0165, "tcommaaccent": 0x021B, "thanthakhatthai": 0x0E4C,
	"theta": 0x03B8, "thonangmonthothai": 0x0E11, "thophuthaothai": 0x0E12, "thorn": 0x00FE,
	"thothahanthai": 0x0E17, "thothanthai": 0x0E10, "thothongthai": 0x0E18, "thothungthai": 0x0E16,
	"three": 0x0033, "threequarters": 0x00BE, "threesuperior": 0x00B3, "threethai": 0x0E53,
	"tilde": 0x02DC, "tildecomb": 0x0303, "tonos": 0x0384, "topatakthai": 0x0E0F, "totaothai": 0x0E15,
	"trademark": 0x2122, "two": 0x0032, "twosuperior": 0x00B2, "twothai": 0x0E52, "u": 0x0075,
	"uacute": 0x00FA, "ucircumflex": 0x00FB, "udieresis": 0x00FC, "ugrave": 0x00F9, "uhorn": 0x01B0,
	"uhungarumlaut": 0x0171, "umacron": 0x016B, "underscore": 0x005F, "uogonek": 0x0173,
	"upblock": 0x2580, "upsilon": 0x03C5, "upsilondieresis": 0x03CB, "upsilondieresistonos": 0x03B0,
	"upsilontonos": 0x03CD, "uring": 0x016F, "utilde": 0x0169, "v": 0x0076, "w": 0x0077,
	"wowaenthai": 0x0E27, "x": 0x0078, "xi": 0x03BE, "y": 0x0079, "yacute": 0x00FD,
	"yamakkanthai": 0x0E4E, "ydieresis": 0x00FF, "yen": 0x00A5, "yoyakthai": 0x0E22,
	"yoyingthai": 0x0E0D, "z": 0x007A, "zacute": 0x017A, "zcaron": 0x017E, "zdotaccent": 0x017C,
	"zero": 0x0030, "zerothai": 0x0E50, "zeta": 0x03B6,
}
