package segment

// A faster sentence splitter for the text most news copy is made of.
//
// github.com/clipperhouse/uax29/v2/sentences (v2.7.0, Unicode 17) looks up
// every rune's sentence-break property in a trie, and its rules in a
// generic split function; on news copy that was about two thirds of
// Sentences' time (65 ms of 90 ms on 10 MB). sbBoundaries runs the same
// rules, ported line for line from that split function and its Iterator
// (see sbNext and sbSplit), on text whose every rune is ASCII, one of the
// six punctuation marks of sbPunct or a Latin-1 letter or sign of
// sbLatin1, with a table lookup per rune. Any
// other text goes to uax29 itself, so the fast path only has to agree with
// uax29 on that alphabet: TestFastBoundaries enumerates short strings of it
// and FuzzFastBoundaries compares both on arbitrary ones. (shieldFast
// checks the alphabet as it goes; sbFastText, in the tests, is its
// reference.)

// sbProp is a sentence break property, with uax29's bit values.
type sbProp uint16

const (
	sbATerm sbProp = 1 << iota
	sbCR
	sbClose
	sbExtend
	sbFormat
	sbLF
	sbLower
	sbNumeric
	sbOLetter
	sbSContinue
	sbSTerm
	sbSep
	sbSp
	sbUpper

	sbSATerm   = sbSTerm | sbATerm
	sbParaSep  = sbSep | sbCR | sbLF
	sbIgnore   = sbExtend | sbFormat
	sbStopLook = sbOLetter | sbUpper | sbLower | sbParaSep | sbSATerm
)

// sbASCII is the property of each ASCII byte (uax29's table for Unicode
// 17: note that ';' is SContinue).
var sbASCII = func() (t [128]sbProp) {
	for c := '0'; c <= '9'; c++ {
		t[c] = sbNumeric
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = sbLower
		t[c-'a'+'A'] = sbUpper
	}
	for _, c := range "\t\v\f " {
		t[c] = sbSp
	}
	for _, c := range "\"'()[]{}" {
		t[c] = sbClose
	}
	for _, c := range ",-:;" {
		t[c] = sbSContinue
	}
	t['\n'], t['\r'], t['.'], t['!'], t['?'] = sbLF, sbCR, sbATerm, sbSTerm, sbSTerm
	return t
}()

// sbKnown marks the runes of the fast path in sbPunct and sbLatin1 (the
// property of some of them is Other, 0); sbLookup clears it.
const sbKnown sbProp = 1 << 15

// sbPunct gives the property of the fast path's runes encoded E2 80 xx,
// by their last byte: the en and em dashes (SContinue) and the curly
// quotes (Close).
var sbPunct = [64]sbProp{
	0x13: sbKnown | sbSContinue, // – U+2013
	0x14: sbKnown | sbSContinue, // — U+2014
	0x18: sbKnown | sbClose,     // ‘ U+2018
	0x19: sbKnown | sbClose,     // ’ U+2019
	0x1C: sbKnown | sbClose,     // “ U+201C
	0x1D: sbKnown | sbClose,     // ” U+201D
}

// sbLatin1 gives the property of the fast path's runes from U+0080 to
// U+00FF (encoded C2 xx or C3 xx), by rune - 0x80: the accented letters,
// guillemets and a few signs common in news copy. Spaces, the soft hyphen
// and the rest are left to uax29.
var sbLatin1 = func() (t [128]sbProp) {
	for r := 0xC0; r <= 0xFF; r++ {
		t[r-0x80] = sbKnown | sbUpper
		if r >= 0xDF {
			t[r-0x80] = sbKnown | sbLower
		}
	}
	for _, r := range []int{0xAA, 0xB5, 0xBA} { // ª µ º
		t[r-0x80] = sbKnown | sbLower
	}
	for _, r := range []int{0xAB, 0xBB} { // « »
		t[r-0x80] = sbKnown | sbClose
	}
	for _, r := range []int{0xA3, 0xA9, 0xAE, 0xB0, 0xD7, 0xF7} { // £ © ® ° × ÷
		t[r-0x80] = sbKnown
	}
	return t
}()

// sbLookup returns the property and width of the rune at s[i], for text
// in the fast path's alphabet (shieldFast says which).
func sbLookup(s string, i int) (sbProp, int) {
	// Written to be inlined: the text is known to be in the alphabet, so
	// a lead byte E2 is one of sbPunct's runes, C2 or C3 one of sbLatin1's.
	c := s[i]
	if c < 0x80 {
		return sbASCII[c], 1
	}
	if c == 0xE2 {
		return sbPunct[s[i+2]&0x3F] &^ sbKnown, 3
	}
	return sbLatin1[(c&1)<<6|s[i+1]&0x3F] &^ sbKnown, 2
}

// sbIsASCIIAlnumSpace is uax29's Iterator hot path test: [a-zA-Z0-9 ].
func sbIsASCIIAlnumSpace(b byte) bool {
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == ' '
}

// sbNext returns the end of the sentence starting at pos (pos < len(s)),
// as uax29's Iterator.Next does.
func sbNext(s string, pos int) int {
	start := pos
	for pos < len(s) && sbIsASCIIAlnumSpace(s[pos]) {
		pos++
	}
	if pos >= len(s) {
		return pos
	}
	if pos > start {
		pos-- // keep one rune of context, as uax29 does
	}
	return pos + sbSplit(s[pos:])
}

// sbSplit is uax29's splitFunc with atEOF set, on text in the fast path's
// alphabet (so no rune is ever incomplete): it returns the length of the
// first sentence of data (len(data) > 0).
func sbSplit(data string) int {
	var pos int
	var lastExIgnore, lastLastExIgnore, lastExIgnoreSp, lastExIgnoreClose sbProp
	var lastExIgnoreSpClose, lastExIgnoreParaSepSpClose sbProp

	current, w := sbLookup(data, 0)
	pos += w // SB1
main:
	for pos < len(data) { // SB2 at the end
		last := current
		if last&sbIgnore == 0 {
			lastLastExIgnore = lastExIgnore
			lastExIgnore = last
		}
		if lastExIgnore&sbSp == 0 {
			lastExIgnoreSp = lastExIgnore
		}
		if lastExIgnore&sbClose == 0 {
			lastExIgnoreClose = lastExIgnore
		}
		if lastExIgnoreSp&sbClose == 0 {
			lastExIgnoreSpClose = lastExIgnoreSp
		}
		if lastExIgnoreSpClose&sbParaSep == 0 {
			lastExIgnoreParaSepSpClose = lastExIgnoreSpClose
		}
		current, w = sbLookup(data, pos)
		if last&sbParaSep == 0 && (lastExIgnore|lastExIgnoreClose|lastExIgnoreSpClose)&sbSATerm == 0 &&
			lastExIgnore&sbParaSep == 0 {
			// No terminator is pending and no paragraph separator ends
			// the text before: every rule from SB4 to SB11 needs one of
			// them, and SB3 and SB5 advance as SB998 does. (uax29 takes
			// such a shortcut only between two runes of no property; this
			// is most of the fast path's saving.)
			pos += w
			continue
		}
		if current&sbLF != 0 && last&sbCR != 0 { // SB3
			pos += w
			continue
		}
		if last&sbParaSep != 0 { // SB4
			break
		}
		if current&sbIgnore != 0 { // SB5
			pos += w
			continue
		}
		if current&sbNumeric != 0 && lastExIgnore&sbATerm != 0 { // SB6
			pos += w
			continue
		}
		if current&sbUpper != 0 && lastExIgnore&sbATerm != 0 && lastLastExIgnore&(sbUpper|sbLower) != 0 { // SB7
			pos += w
			continue
		}
		if lastExIgnoreSpClose&sbATerm != 0 { // SB8
			p := pos
			for p < len(data) {
				prop, w := sbLookup(data, p)
				if prop&sbStopLook != 0 {
					break
				}
				p += w
			}
			if adv := sbSubsequent(sbLower, data[p:]); adv >= 0 {
				pos = p + adv
				continue
			}
		}
		if current&(sbSContinue|sbSATerm) != 0 && lastExIgnoreSpClose&sbSATerm != 0 { // SB8a
			pos += w
			continue
		}
		if current&(sbClose|sbSp|sbParaSep) != 0 && lastExIgnoreClose&sbSATerm != 0 { // SB9
			pos += w
			continue
		}
		if current&(sbSp|sbParaSep) != 0 && lastExIgnoreSpClose&sbSATerm != 0 { // SB10
			pos += w
			continue
		}
		if lastExIgnore&sbSATerm != 0 || // SB11
			(lastExIgnore&sbClose != 0 && lastExIgnoreClose&sbSATerm != 0) ||
			(lastExIgnore&sbSp != 0 && lastExIgnoreSpClose&sbSATerm != 0) ||
			(lastExIgnore&sbParaSep != 0 && lastExIgnoreParaSepSpClose&sbSATerm != 0) {
			break main
		}
		pos += w // SB998
	}
	return pos
}

// sbSubsequent is uax29's subsequent with atEOF set: the offset of the
// first rune of data that is not Extend or Format if it has one of props,
// else -1.
func sbSubsequent(props sbProp, data string) int {
	for i := 0; i < len(data); {
		prop, w := sbLookup(data, i)
		if prop&sbIgnore != 0 {
			i += w
			continue
		}
		if prop&props != 0 {
			return i
		}
		return -1
	}
	return -1
}
