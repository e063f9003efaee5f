// Package segment splits story text into sentences and tokens and computes
// the normalised keys the diff engine matches on.
//
// Every splitting function partitions its input exactly: the pieces, in
// order, concatenate back to the input, whatever the input is (invalid
// UTF-8 included). Nothing here panics or allocates per byte; all
// functions run in time linear in the input.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokens splits text into tokens that partition it exactly (their
// concatenation is text). A token is one of:
//
//   - a word: letters, digits and combining marks, keeping internal
//     apostrophes (' ’ ʼ) and internal periods (U.S., a.m., 2.5), commas and
//     colons between digits (1,000, 5:30), and the closing period of a
//     dotted abbreviation whose parts are one or two letters (U.S., a.m.,
//     Ph.D.). Hyphens split words: "two-and-a-half" is seven tokens. Each
//     CJK ideograph or kana is a word on its own;
//   - a run of the same punctuation character ("...", "——", "!!") or a
//     single other character (symbol, emoji with its modifiers);
//   - a run of white space.
func Tokens(text string) []string {
	if text == "" {
		return nil
	}
	return AppendTokens(make([]string, 0, len(text)/2+1), text) // news copy: about one token per 2.7 bytes
}

// AppendTokens appends the tokens of text (see Tokens) to dst and returns
// the extended slice, so that a caller tokenising one text after another
// reuses one slice (Tokens allocates about 8 bytes per byte of text).
func AppendTokens(dst []string, text string) []string {
	for i := 0; i < len(text); {
		j, _ := nextToken(text, i)
		dst = append(dst, text[i:j])
		i = j
	}
	return dst
}

// AppendTokensMax is AppendTokens that stops after max tokens: it reports
// false, with dst holding the first max+1 tokens, when text has more. A
// caller with a bound (a word diff, a classifier) can so refuse a "sentence"
// of a million tokens (text without punctuation) at the cost of its bound,
// not of the text.
func AppendTokensMax(dst []string, text string, max int) ([]string, bool) {
	for i, n := 0, 0; i < len(text); n++ {
		if n == max {
			j, _ := nextToken(text, i)
			return append(dst, text[i:j]), false
		}
		j, _ := nextToken(text, i)
		dst = append(dst, text[i:j])
		i = j
	}
	return dst, true
}

// IsWord reports whether tok contains a letter or a digit.
func IsWord(tok string) bool {
	for _, r := range tok {
		if r < utf8.RuneSelf {
			if IsASCIIAlnum(byte(r)) {
				return true
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// IsSpace reports whether tok is all white space. The empty string is not
// white space.
func IsSpace(tok string) bool {
	if tok == "" {
		return false
	}
	for _, r := range tok {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// CountWords returns the number of word tokens in text.
func CountWords(text string) int {
	n := 0
	for i := 0; i < len(text); {
		j, word := nextToken(text, i)
		if word {
			n++
		}
		i = j
	}
	return n
}

// WordKeys returns the folded word tokens of text (see Fold), in order,
// without punctuation or white space.
func WordKeys(text string) []string {
	var keys []string
	for i := 0; i < len(text); {
		j, word := nextToken(text, i)
		if word {
			keys = append(keys, Fold(text[i:j]))
		}
		i = j
	}
	return keys
}

// Key returns the normalised matching key of a sentence: the folded word
// tokens joined by single spaces, punctuation and white space dropped, so
// that `“There’s no deal,” Trump said.` and `"There's no deal" Trump said`
// have the same key.
func Key(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		j, word := nextToken(text, i)
		if word {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(Fold(text[i:j]))
		}
		i = j
	}
	return b.String()
}

// isSpace reports whether r is white space. It matches the white space
// trimmed by package diff: Unicode White_Space plus the BOM / zero width
// no-break space.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		switch r {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			return true
		}
		return false
	}
	return unicode.IsSpace(r) || r == '\ufeff'
}

// IsASCIIAlnum reports whether c is an ASCII letter or digit, the bytes a
// plain word is made of (the linker's fast path reads words with it too).
func IsASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isIdeo reports whether r is a Han or kana letter, written without spaces
// between words: each such rune is a word token of its own. (Hangul is
// written with spaces and is left to ordinary word rules.)
func isIdeo(r rune) bool {
	return r >= 0x2E80 && unicode.IsLetter(r) && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r))
}

// isWordRune reports whether r starts or continues a word (letters and
// numbers other than ideographs).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return IsASCIIAlnum(byte(r))
	}
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && !isIdeo(r)
}

// isAttach reports whether r attaches to the rune before it: combining
// marks, variation selectors, emoji skin-tone modifiers.
func isAttach(r rune) bool {
	if r < 0x300 {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || (r >= 0x1F3FB && r <= 0x1F3FF)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r) }

// skipAttached returns the index after any runes attached to the rune
// ending at i, including zero width joiner sequences (👩‍💻).
func skipAttached(s string, i int) int {
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			return i
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case isAttach(r):
			i += w
		case r == '\u200d':
			i += w
			if i < len(s) {
				_, w2 := utf8.DecodeRuneInString(s[i:])
				i += w2
			}
		default:
			return i
		}
	}
	return i
}

// nextToken returns the end of the token that starts at s[i] (i < len(s))
// and whether it is a word (IsWord).
func nextToken(s string, i int) (end int, word bool) {
	if c := s[i]; c < utf8.RuneSelf { // fast paths for ASCII
		switch {
		case IsASCIIAlnum(c):
			return wordEnd(s, i, rune(c), 1), true
		case c == ' ':
			j := i + 1
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j == len(s) || s[j] < utf8.RuneSelf && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' && s[j] != '\v' && s[j] != '\f' {
				return j, false
			}
		}
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	switch {
	case isSpace(r):
		j := i + w
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if !isSpace(r) {
				break
			}
			j += w
		}
		return j, false
	case isWordRune(r):
		return wordEnd(s, i, r, w), true
	case isIdeo(r):
		return skipAttached(s, i+w), true
	}
	// Punctuation, symbol, emoji, invalid byte. Tokens that start with a
	// combining mark (after white space or at the start) may hold a letter
	// in a ZWJ sequence, so IsWord decides.
	j := skipAttached(s, i+w)
	if r == utf8.RuneError && w <= 1 || !unicode.IsPunct(r) || j != i+w {
		return j, j != i+w && IsWord(s[i:j])
	}
	for j+w <= len(s) && s[j:j+w] == s[i:i+w] {
		j += w
	}
	return j, false
}

// wordEnd returns the end of the word that starts at s[i] with rune r of
// width w.
func wordEnd(s string, i int, r rune, w int) int {
	j := i + w
	prev := r
	dotted := false // saw an internal period
	for j < len(s) {
		if IsASCIIAlnum(s[j]) { // fast path
			for j < len(s) && IsASCIIAlnum(s[j]) {
				j++
			}
			prev = rune(s[j-1])
			continue
		}
		c, cw := utf8.DecodeRuneInString(s[j:])
		if isWordRune(c) || isAttach(c) {
			if !isAttach(c) {
				prev = c
			}
			j += cw
			continue
		}
		if !(c == '.' || c == ',' || c == ':' || isApostrophe(c)) || j+cw >= len(s) {
			break
		}
		n, _ := utf8.DecodeRuneInString(s[j+cw:])
		if !isWordRune(n) {
			break
		}
		if (c == ',' || c == ':') && !(isDigit(prev) && isDigit(n)) {
			break
		}
		if c == '.' {
			dotted = true
		}
		j += cw
	}
	if dotted && j < len(s) && s[j] == '.' && isDottedAbbrev(s[i:j]) {
		j++
	}
	return j
}

// isDottedAbbrev reports whether w is like "U.S" or "a.m" or "Ph.D": parts
// of one or two letters separated by single periods.
func isDottedAbbrev(w string) bool {
	n := 0
	for _, r := range w {
		switch {
		case r == '.':
			if n == 0 {
				return false
			}
			n = 0
		case unicode.IsLetter(r):
			n++
			if n > 2 {
				return false
			}
		case isAttach(r):
		default:
			return false
		}
	}
	return n > 0
}

// NextWord returns the byte range of the first word token of text at or
// after from, or (-1, -1) when there is none. With AppendFold it lets a
// caller walk the folded words of a text without allocating:
//
//	for s, e := NextWord(t, 0); s >= 0; s, e = NextWord(t, e) { … t[s:e] … }
func NextWord(text string, from int) (start, end int) {
	for i := from; i < len(text); {
		j, word := nextToken(text, i)
		if word {
			return i, j
		}
		i = j
	}
	return -1, -1
}
