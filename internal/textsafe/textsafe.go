// Package textsafe decides, in one place, what text from outside may look
// like once storydiff shows it anywhere: story paragraphs (through
// input.Clean), and every file name and every message that quotes input
// (standard error, the viewer's status line, every export's header, the
// JSON export's names, parse errors). Nothing it returns can drive a
// terminal or reorder what is displayed.
package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Counts says what Clean replaced.
type Counts struct {
	Controls int // C0, DEL and C1 control characters replaced
	Bidi     int // bidirectional embedding, override and isolate controls replaced
}

// Clean returns s as one line of display text:
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
func Clean(s string) string {
	out, _ := CleanCount(s)
	return out
}

// Fragment is Clean for a piece of a longer line (a snippet, a highlighted
// part): the same characters are replaced, but each white-space character
// becomes one space and nothing is trimmed, so that pieces joined again
// keep their spacing.
func Fragment(s string) string {
	out, _ := clean(s, false)
	return out
}

// CleanCount is Clean that also counts what it replaced.
func CleanCount(text string) (string, Counts) {
	return clean(text, true)
}

// clean implements Clean (line) and Fragment (!line).
func clean(text string, line bool) (string, Counts) {
	var st Counts
	if isClean(text, line) {
		return text, st // common case: nothing to change, no copy
	}
	return cleanCopy(text, line)
}

// cleanCopy is clean without the isClean shortcut: it always builds a copy.
func cleanCopy(text string, line bool) (string, Counts) {
	var st Counts
	var b strings.Builder
	b.Grow(len(text))
	pending := false
	for i := 0; i < len(text); {
		if c := text[i]; c > ' ' && c < 0x7F { // common case: printable ASCII
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == ' ', r == '\t', r == '\n', r == '\r', r == 0x85, r == 0x2028, r == 0x2029,
			r >= 0xA0 && unicode.Is(unicode.Zs, r):
			if !line {
				b.WriteByte(' ')
				continue
			}
			pending = true
			continue
		case r == utf8.RuneError:
			r = utf8.RuneError
		case r < 0x20:
			st.Controls++
			r += 0x2400
		case r == 0x7F:
			st.Controls++
			r = 0x2421
		case r >= 0x80 && r < 0xA0:
			st.Controls++
			r = utf8.RuneError
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			st.Bidi++
			r = utf8.RuneError
		case r == 0x200B, r == 0x2060, r == 0xFEFF, r == 0xAD:
			continue
		}
		if pending && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pending = false
		b.WriteRune(r)
	}
	if !line {
		return b.String(), st
	}
	return strings.TrimFunc(b.String(), trimmable), st
}

// isClean reports whether clean would return s unchanged, so that it can
// return s itself: on news copy, which is mostly ASCII with curly quotes
// and dashes, a paragraph is nearly always clean, and testing it costs a
// fraction of the copy (on a 10 MB file: 21 MB less allocated, 3× faster).
//
// It is conservative: false only sends s to the full cleaning. A line must
// not start or end with a space and hold no two spaces in a row; every
// ASCII byte must be printable; a multi-byte rune must be valid and
// outside the ranges holding every rune clean changes, drops or trims
// (C1 controls and U+00A0–U+00AD, U+1680, U+2000–U+200F, U+2028–U+202F,
// U+205F–U+206F, U+3000, U+FEFF).
// TestIsClean and FuzzClean check it against the full cleaning.
func isClean(s string, line bool) bool {
	if s == "" {
		return true
	}
	if line && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return false
	}
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight bytes at once: 3× faster than byte by byte on prose.
			if x := word8(s[i : i+8]); printableASCII8(x) {
				if line && (doubleSpace8(x) || s[i+7] == ' ' && i+8 < len(s) && s[i+8] == ' ') {
					return false
				}
				i += 8
				continue
			}
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !cleanRune(r, size) {
				return false
			}
			i += size
			continue
		}
		if c < ' ' || c == 0x7F || (line && c == ' ' && s[i+1] == ' ') {
			return false
		}
		i++
	}
	return true
}

const ones8, highs8 = 0x0101010101010101, 0x8080808080808080

// word8 returns the 8 bytes of b (len(b) == 8) as one little-endian word.
func word8(b string) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// printableASCII8 reports whether the 8 bytes of x are all printable
// ASCII (0x20 to 0x7E). A byte of 0x7F or more has its high bit set in x or
// in x+1 (a carry out of a byte can only start at 0xFF, itself caught); a
// byte below 0x20 sets the high bit of (x - 0x20…) &^ x (exact for a word
// with no high bit set).
func printableASCII8(x uint64) bool {
	return (x|(x+ones8))&highs8 == 0 && (x-0x20*ones8)&^x&highs8 == 0
}

// doubleSpace8 reports whether two adjacent bytes of x (printable ASCII)
// are spaces: the spaces become zero bytes, marked exactly by their high
// bit, and two marks one byte apart overlap when shifted.
func doubleSpace8(x uint64) bool {
	const low7 = 0x7F7F7F7F7F7F7F7F
	y := x ^ 0x20*ones8
	zeros := ^((y&low7 + low7) | y | low7)
	return zeros&(zeros>>8) != 0
}

// cleanRune reports whether the non-ASCII rune r, encoded in size bytes,
// is one that clean keeps as it is wherever it stands (see isClean).
func cleanRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1, // invalid UTF-8
		r < 0xAE,                   // C1 controls, NEL, NO-BREAK SPACE, SOFT HYPHEN
		r == 0x1680,                // OGHAM SPACE MARK
		r >= 0x2000 && r <= 0x200F, // spaces, zero-width, ZWNJ/ZWJ (dashes and quotes follow)
		r >= 0x2028 && r <= 0x202F, // separators, bidi, NARROW NO-BREAK SPACE
		r >= 0x205F && r <= 0x206F, // MEDIUM MATHEMATICAL SPACE, WORD JOINER, bidi isolates
		r == 0x3000, r == 0xFEFF:
		return false
	}
	return true
}

func trimmable(r rune) bool {
	return unicode.IsSpace(r) || r == 0x200C || r == 0x200D
}
