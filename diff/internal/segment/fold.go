package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the matching key of a token: in Unicode normal form NFKC
// (so canonically equivalent spellings, precomposed or combining accents,
// and compatibility variants, ligatures, full-width forms, fold alike),
// lower-cased with Unicode simple case folding, typographic variants folded to ASCII (curly single quotes,
// apostrophes and primes to ', curly double quotes and guillemets to ",
// hyphen and dash variants and the minus sign to -, the ellipsis … to ...,
// every white space character to a space), runs of spaces collapsed to one
// space, soft hyphens dropped, invalid UTF-8 bytes replaced by U+FFFD. Fold of an already folded string returns it
// unchanged, without allocating.
func Fold(tok string) string {
	if isFolded(tok) {
		return tok // common case: lower-case ASCII word
	}
	var b strings.Builder
	b.Grow(len(tok))
	foldTo(&b, tok)
	return normalFold(b.String())
}

// normalFold returns a folded string in NFKC, folded again if NFKC changed
// it (a full-width capital becomes an ASCII one). Typographic marks are
// folded before NFKC, which would split some of them (″ into two primes).
func normalFold(s string) string {
	if isASCII(s) || norm.NFKC.QuickSpanString(s) == len(s) {
		return s // ASCII is in every normal form (and the check costs no allocation)
	}
	var b strings.Builder
	b.Grow(len(s))
	foldTo(&b, norm.NFKC.String(s))
	return b.String()
}

// isFolded reports whether Fold(s) == s can be decided cheaply: s is ASCII
// with no upper-case letter, no control white space and no double space.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c == '\t' || c == '\n' || c == '\r' ||
			c == '\v' || c == '\f' || c == ' ' && i > 0 && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// foldTo writes Fold(tok) to b.
func foldTo(b *strings.Builder, tok string) {
	if isASCIIWord(tok) { // fast path: ASCII letters, digits, ' and .
		for i := 0; i < len(tok); i++ {
			c := tok[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
		return
	}
	space := false // last written rune was a space
	for _, r := range tok {
		if isSpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		if r == '\u00ad' {
			continue // soft hyphen: invisible, dropped
		}
		space = false
		switch r {
		case '‘', '’', '‚', '‛', '′', '‵', 'ʼ', '‹', '›', '＇':
			b.WriteByte('\'')
		case '“', '”', '„', '‟', '«', '»', '″', '‶', '＂':
			b.WriteByte('"')
		case '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－', '⁃':
			b.WriteByte('-')
		case '…':
			b.WriteString("...")
		default:
			if r < utf8.RuneSelf {
				if r >= 'A' && r <= 'Z' {
					r += 'a' - 'A'
				}
				b.WriteByte(byte(r))
				continue
			}
			b.WriteRune(foldRune(r))
		}
	}
}

// foldRune maps r to its lower-case representative: ToLower(ToUpper(r)),
// which also folds ſ to s, ς to σ and the Kelvin sign to k.
func foldRune(r rune) rune {
	if r == utf8.RuneError {
		return r
	}
	return unicode.ToLower(unicode.ToUpper(r))
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isASCIIWord reports whether s holds only ASCII letters, digits, periods,
// commas, colons and straight apostrophes, which fold to themselves
// lower-cased.
func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !IsASCIIAlnum(c) && c != '.' && c != ',' && c != ':' && c != '\'' {
			return false
		}
	}
	return true
}

// AppendFold appends Fold(tok) to dst and returns the extended slice. An
// ASCII word (a capitalised one too) is folded in place, without
// allocating.
func AppendFold(dst []byte, tok string) []byte {
	if isFolded(tok) {
		return append(dst, tok...) // common case
	}
	if isASCIIWord(tok) { // lower-cased as foldTo does; ASCII needs no NFKC
		for i := 0; i < len(tok); i++ {
			c := tok[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	var b strings.Builder
	b.Grow(len(tok))
	foldTo(&b, tok)
	return append(dst, normalFold(b.String())...)
}
