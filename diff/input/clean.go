package input

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/storydiff/storydiff/internal/textsafe"
)

// decode turns raw input bytes into valid UTF-8 text with LF line ends:
//
//   - a UTF-8 byte order mark is stripped; a UTF-16 LE or BE byte order mark
//     selects UTF-16, which is decoded (unpaired surrogates become U+FFFD);
//   - input holding a NUL byte (or, for UTF-16, a NUL character) is refused
//     with ErrBinary;
//   - input that is not valid UTF-8 but declares an ISO-8859-1, Latin-1,
//     US-ASCII or windows-1252 charset (XML declaration or HTML meta, in the
//     first 4 KiB) is decoded as windows-1252;
//   - any other invalid UTF-8 byte becomes U+FFFD, with one warning giving
//     the count and the byte offset of the first;
//   - CRLF and lone CR become LF.
//
// The warnings returned do not name the file; Read prefixes them.
func decode(data []byte) (string, []string, error) {
	var warns []string
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		big := data[0] == 0xFE
		var bad int
		s, bad = decodeUTF16(data[2:], big)
		if strings.IndexByte(s, 0) >= 0 {
			return "", nil, ErrBinary
		}
		if bad > 0 {
			warns = append(warns, fmt.Sprintf("%s in UTF-16 shown as U+FFFD", plural(bad, "invalid code unit")))
		}
	default:
		off := 0
		if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
			data, off = data[3:], 3
		}
		if bytes.IndexByte(data, 0) >= 0 {
			if looksUTF16(data) {
				return "", nil, fmt.Errorf("%w; it looks like UTF-16 without a byte order mark", ErrBinary)
			}
			return "", nil, ErrBinary
		}
		if utf8.Valid(data) {
			s = string(data) // common case
			break
		}
		if cs := declaredCharset(data); cs != "" {
			s = decode1252(data)
			warns = append(warns, fmt.Sprintf("not UTF-8, decoded as windows-1252 (declared charset %s)", cs))
			break
		}
		var n, first int
		s, n, first = toValidUTF8(data)
		warns = append(warns, fmt.Sprintf("%s shown as U+FFFD (first at byte %d)", plural(n, "invalid UTF-8 byte"), first+off))
	}
	return normalizeNewlines(s), warns, nil
}

// looksUTF16 reports whether the first bytes of b have a NUL in the same
// half of nearly every byte pair, as UTF-16 text without a BOM does.
func looksUTF16(b []byte) bool {
	pairs := min(len(b)/2, 256)
	if pairs < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < pairs; i++ {
		if b[2*i] == 0 && b[2*i+1] != 0 {
			even++
		} else if b[2*i+1] == 0 && b[2*i] != 0 {
			odd++
		}
	}
	return even*10 >= pairs*9 || odd*10 >= pairs*9
}

// decodeUTF16 decodes UTF-16 code units, returning the UTF-8 text and the
// number of invalid code units (unpaired surrogates, an odd final byte).
func decodeUTF16(b []byte, big bool) (string, int) {
	units := make([]uint16, len(b)/2)
	for i := range units {
		if big {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	var sb strings.Builder
	sb.Grow(len(b))
	bad := 0
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)):
			if u < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] < 0xE000 {
				sb.WriteRune(utf16.DecodeRune(rune(u), rune(units[i+1])))
				i++
				continue
			}
			bad++
			sb.WriteRune(utf8.RuneError)
		default:
			sb.WriteRune(rune(u))
		}
	}
	if len(b)%2 == 1 {
		bad++
		sb.WriteRune(utf8.RuneError)
	}
	return sb.String(), bad
}

// toValidUTF8 replaces each invalid byte with U+FFFD and returns the count
// and the offset of the first.
func toValidUTF8(b []byte) (string, int, int) {
	var sb strings.Builder
	sb.Grow(len(b) + 16)
	n, first := 0, -1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if first < 0 {
				first = i
			}
			n++
			sb.WriteRune(utf8.RuneError)
			i++
			continue
		}
		sb.Write(b[i : i+size])
		i += size
	}
	return sb.String(), n, first
}

var charsetRE = regexp.MustCompile(`(?i)(?:encoding|charset)\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// declaredCharset returns the single-byte charset declared in the first
// 4 KiB of b if it is one decode1252 can read, or "".
func declaredCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	m := charsetRE.FindSubmatch(b)
	if m == nil {
		return ""
	}
	switch cs := strings.ToLower(string(m[1])); cs {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "us-ascii", "ascii",
		"windows-1252", "cp1252", "x-cp1252":
		return cs
	}
	return ""
}

// win1252 maps bytes 0x80–0x9F of windows-1252; zero entries are undefined
// and keep their C1 value (later shown as U+FFFD).
var win1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// decode1252 decodes windows-1252 (a superset of ISO-8859-1's printable
// range) to UTF-8.
func decode1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) * 2)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0 && win1252[c-0x80] != 0:
			sb.WriteRune(win1252[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s // common case
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' {
			sb.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// cleanStats counts what clean replaced, for warnings.
type cleanStats struct {
	controls int // C0, DEL and C1 control characters replaced
	bidi     int // bidirectional embedding, override and isolate controls replaced
}

// Clean returns text as one display paragraph. The rules are those of
// every name and message storydiff shows, and live in one place
// (internal/textsafe):
//
//   - every run of white space (space, tab, LF, CR, NEL U+0085, U+2028,
//     U+2029, and the Unicode space separators such as NO-BREAK SPACE and
//     IDEOGRAPHIC SPACE, which would otherwise make invisible differences)
//     becomes one ordinary space; leading and trailing white space (and
//     ZWJ/ZWNJ) is trimmed;
//   - other C0 controls become their Unicode Control Picture (U+2400 + c,
//     e.g. ESC → ␛), DEL becomes ␡;
//   - other C1 controls (U+0080–U+009F) become U+FFFD: they have no
//     pictures, and in practice are mis-decoded windows-1252;
//   - bidirectional embedding, override and isolate controls (U+202A–U+202E,
//     U+2066–U+2069), which can make text display in an order other than
//     the one compared, become U+FFFD; LRM, RLM and ALM are kept;
//   - invisible zero-width characters that only hide differences (ZWSP
//     U+200B, WORD JOINER U+2060, BOM U+FEFF, SOFT HYPHEN U+00AD) are
//     dropped; ZWJ and ZWNJ, needed by emoji and several scripts, are kept;
//   - invalid UTF-8 becomes U+FFFD.
func Clean(text string) string {
	return textsafe.Clean(text)
}

func (st *cleanStats) clean(text string) string {
	out, n := textsafe.CleanCount(text)
	st.controls += n.Controls
	st.bidi += n.Bidi
	return out
}
