package input

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/storydiff/storydiff/internal/textsafe"
)

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
