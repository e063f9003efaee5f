package segment

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
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
	s, _ := shieldFast(text)
	return s
}

// shieldFast is shield that also reports whether the text it returns is
// in the fast splitter's alphabet (sbFastText in the tests): it decodes every
// non-ASCII rune anyway, so checking them here saves a pass.
func shieldFast(text string) (string, bool) {
	fast := true
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
		if kind == runNone {
			// Fast path: plain ASCII outside any run, one table load a
			// byte.
			for i < len(text) && !notPlain[text[i]] {
				i++
			}
			if i == len(text) {
				break
			}
			if text[i] < utf8.RuneSelf && i+1 < len(text) && !notPlain[text[i+1]] {
				// A one-byte run (the space between two words) ended by
				// plain ASCII: shorter than shieldMin, nothing to flush or
				// start. Skipping it here halves shield's time on prose.
				i += 2
				continue
			}
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if fast && (r >= utf8.RuneSelf || w > 1) {
			// sbRune's test (sbfast_test.go), inline: r is valid (w > 1), so a lead byte
			// E2 or C2–C3 is followed by continuation bytes.
			fast = w == 3 && text[i] == 0xE2 && text[i+1] == 0x80 && sbPunct[text[i+2]&0x3F] != 0 ||
				w == 2 && text[i] <= 0xC3 && sbLatin1[(text[i]&1)<<6|text[i+1]&0x3F] != 0
		}
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
		return text, fast // common case
	}
	return string(buf), false // format characters were written
}

// notPlain marks the bytes shield's fast path stops at: the ASCII bytes
// for which runKind is not runNone, and every byte of a multi-byte rune.
var notPlain = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || runKind(rune(c)) != runNone
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
// (UAX #29 Extend or Format) as uax29 applies them. Go's unicode tables and
// uax29's need not be of one Unicode version, and general category is not
// the sentence break property: U+0600–U+0605, U+06DD, U+0890, U+0891,
// U+08E2, U+110BD and U+110CD are format characters (Cf) that uax29 treats
// as Numeric, so a run continued across one of them once moved a boundary.
// Every rune the categories admit is therefore confirmed with uax29 itself.
func isIgnorable(r rune) bool {
	if r < 0x300 {
		return r == '\u00ad'
	}
	switch r {
	case '\u200b', '\u2028', '\u2029', '\u0085':
		return false
	}
	return unicode.In(r, ignorableTables...) && !notIgnored()[r]
}

// ignorableTables are the general categories whose runes are Extend or
// Format for the sentence rules, with the exceptions in notIgnored.
var ignorableTables = []*unicode.RangeTable{unicode.Mn, unicode.Me, unicode.Cf}

// notIgnored returns the runes of ignorableTables that uax29 does not
// ignore: those after which "! " followed by the rune and a space is not
// one sentence (an ignored rune is invisible to SB5, so "!" and the spaces
// around it stay one sentence; anything else starts a new one by SB11).
var notIgnored = sync.OnceValue(func() map[rune]bool {
	out := map[rune]bool{}
	for _, tab := range ignorableTables {
		eachRune(tab, func(r rune) {
			if r >= 0x300 && !ignoredByUAX29(r) {
				out[r] = true
			}
		})
	}
	return out
})

// ignoredByUAX29 reports whether uax29 treats r as Extend or Format.
func ignoredByUAX29(r rune) bool {
	s := "! " + string(r) + " "
	it := sentences.FromString(s)
	return it.Next() && it.End() == len(s)
}

// eachRune calls f with every rune of tab.
func eachRune(tab *unicode.RangeTable, f func(rune)) {
	for _, rg := range tab.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			f(r)
		}
	}
	for _, rg := range tab.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			f(r)
		}
	}
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
