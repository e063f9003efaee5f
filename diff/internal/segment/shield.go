package segment

import (
	"unicode"
	"unicode/utf8"
)

// shieldMin is the byte length from which a run of spaces or closing
// punctuation is shielded. It is small because every unshielded space
// after a full stop costs one look-ahead to the next letter, which may be
// megabytes of digits away.
const shieldMin = 4

// shield returns text, or for text with long runs of white space or of
// closing punctuation a copy of the same length in which the inside of each
// such run is replaced by invisible format characters (U+00AD, U+2060).
//
// Why: after a full stop, the UAX #29 rule SB8 looks ahead from every space
// or closing character for a lower-case letter, so "a." followed by a
// megabyte of spaces costs quadratic time in uax29 (measured: 8 s for 25 kB
// of spaces). Format characters are
// ignored by the sentence rules (SB5) and start no look-ahead, and no
// sentence boundary can fall strictly inside a run of spaces or of closing
// punctuation, so the boundaries of the copy are those of text (FuzzSegment
// checks this against uax29 on text itself). The first and last rune of
// each run are kept as they are.
func shield(text string) string {
	var buf []byte
	kind := runNone
	start, lastEnd := 0, 0 // current run: text[start:lastEnd] ends with a run rune
	flush := func() {
		if kind == runNone || lastEnd-start < shieldMin {
			return
		}
		_, fw := utf8.DecodeRuneInString(text[start:])
		_, lw := utf8.DecodeLastRuneInString(text[:lastEnd])
		from, to := start+fw, lastEnd-lw
		if to-from < 2 {
			return
		}
		if buf == nil {
			buf = []byte(text)
		}
		fillFormat(buf[from:to])
	}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && kind == runNone && !asciiRun[c] {
			i++ // fast path: ASCII outside any run
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		k := runKind(r)
		switch {
		case k != runNone && k == kind:
			lastEnd = i + w
		case kind != runNone && isIgnorable(r):
			// inside a run, ignored by the sentence rules
		default:
			flush()
			kind, start, lastEnd = k, i, i+w
		}
		i += w
	}
	flush()
	if buf == nil {
		return text // common case
	}
	return string(buf)
}

// asciiRun marks the ASCII bytes for which runKind is not runNone.
var asciiRun = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = runKind(rune(c)) != runNone
	}
	return t
}()

const (
	runNone = iota
	runSpace
	runClose
)

// runKind returns the run class of r: white space other than paragraph
// separators (UAX #29 Sp), closing punctuation (Close), or neither.
func runKind(r rune) int {
	switch r {
	case ' ', '\t', '\v', '\f', '\u00a0', '\u3000':
		return runSpace
	case '"', '\'', ')', ']', '}', '”', '’', '»', '“', '‘', '«':
		return runClose
	case '\n', '\r', '\u0085', '\u2028', '\u2029', '\ufeff':
		return runNone
	}
	if r < utf8.RuneSelf {
		return runNone
	}
	if unicode.IsSpace(r) {
		return runSpace
	}
	if unicode.In(r, unicode.Ps, unicode.Pe) {
		return runClose
	}
	return runNone
}

// isIgnorable reports whether r is certainly ignored by the sentence rules
// (UAX #29 Extend or Format).
func isIgnorable(r rune) bool {
	if r < 0x300 {
		return r == '\u00ad'
	}
	switch r {
	case '\u200b', '\u2028', '\u2029', '\u0085':
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf)
}

// fillFormat overwrites b (len(b) >= 2) with format characters of the same
// total length: U+00AD (2 bytes) and U+2060 (3 bytes).
func fillFormat(b []byte) {
	n := len(b)
	i := 0
	if n%2 == 1 {
		copy(b, "\u2060")
		i = 3
	}
	for ; i < n; i += 2 {
		copy(b[i:], "\u00ad")
	}
}
