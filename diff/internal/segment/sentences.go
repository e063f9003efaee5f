package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
)

// Span is a byte range text[Start:End].
type Span struct{ Start, End int }

// Sentences splits paragraph text into sentences. The spans partition text
// exactly: they are consecutive, the first starts at 0, the last ends at
// len(text), and white space after a sentence belongs to it. The empty
// string has no sentences.
//
// Boundaries are those of Unicode sentence segmentation (UAX #29), which
// already keeps a closing quote or bracket with its sentence, does not split
// before a lower-case word (“in the U.S. and”, “at 5 p.m. on”, “Well...
// maybe”), nor inside numbers (2.5). Then these news-copy repairs join a
// sentence to the next one:
//
//   - after a title or honorific (Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Gen. Lt.
//     Col. Sgt. Capt. St. Prof. Rev. …) and after vs. and v.;
//   - after a month abbreviation (Jan. Feb. Aug. Sept. Oct. Nov. Dec. …)
//     followed by a digit;
//   - after No. followed by a digit;
//   - after initials (J.D. Vance, George W. Bush): one or more single capital
//     letters each with a period, followed by a capitalised word, except
//     the country and body abbreviations U.S. U.K. U.N. E.U., which end a
//     sentence only before a word that usually opens one (“the U.S. The
//     next day”, but “U.S. President Donald Trump”);
//   - after a.m./p.m. followed by a day name or time zone (“5 p.m. Tuesday”);
//   - after ? or ! (with any closing quotes) followed by a lower-case word
//     (“Why?” she asked).
//
// A period after Inc. Corp. Co. Ltd. Jr. Sr. etc. followed by a capitalised
// word is taken as the end of the sentence: news copy often ends sentences
// with them.
func Sentences(text string) []Span {
	if text == "" {
		return nil
	}
	return AppendSentences(make([]Span, 0, len(text)/80+1), text)
}

// AppendSentences appends the sentences of text, as Sentences returns
// them, to dst and returns the extended slice. A caller segmenting many
// paragraphs reuses one buffer instead of allocating a slice for each.
func AppendSentences(dst []Span, text string) []Span {
	base := len(dst)
	shielded, fast := shieldFast(text)
	if fast {
		// ASCII and common punctuation: the same boundaries, found
		// without uax29's trie (sbfast.go).
		for pos := 0; pos < len(shielded); {
			end := sbNext(shielded, pos)
			dst = appendSentence(dst, base, text, Span{pos, end})
			pos = end
		}
		return dst
	}
	it := sentences.FromString(shielded)
	for it.Next() {
		dst = appendSentence(dst, base, text, Span{it.Start(), it.End()})
	}
	return dst
}

// appendSentence appends the UAX #29 sentence sp of text to dst, or joins
// it to the previous one (dst[len(dst)-1] if len(dst) > base) when joinNext
// says so.
func appendSentence(dst []Span, base int, text string, sp Span) []Span {
	if n := len(dst); n > base && joinNext(text[dst[n-1].Start:dst[n-1].End], text[sp.Start:sp.End]) {
		dst[n-1].End = sp.End
		return dst
	}
	return append(dst, sp)
}

// joinNext reports whether sentence prev (with its trailing space) and the
// sentence next that follows it belong to one sentence. Its cost is
// bounded by the trailing space and closers of prev and the leading space,
// openers and first word of next, so Sentences stays linear.
func joinNext(prev, next string) bool {
	end := len(prev)
	for end > 0 { // trailing white space
		r, w := utf8.DecodeLastRuneInString(prev[:end])
		if !isSpace(r) {
			break
		}
		if isParaSep(r) {
			return false // a line break inside the paragraph is always kept
		}
		end -= w
	}
	if end == len(prev) || end == 0 {
		return false // a break not after white space: CJK full stop
	}
	word := firstWord(next)
	if word == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(word)
	body := prev[:end]
	last, lw := utf8.DecodeLastRuneInString(body)
	if last == '?' || last == '!' || isCloseQuote(last) {
		// Strip closing quotes and brackets, then look for ? or !.
		b := body
		for b != "" {
			r, w := utf8.DecodeLastRuneInString(b)
			if !isCloseQuote(r) {
				break
			}
			b = b[:len(b)-w]
		}
		r, _ := utf8.DecodeLastRuneInString(b)
		return (r == '?' || r == '!') && unicode.IsLower(first)
	}
	if last != '.' {
		return false
	}
	abbr := abbrevKind(lastWord(body[:end-lw]))
	switch abbr {
	case abbrTitle:
		return unicode.IsUpper(first) || isDigit(first)
	case abbrMonth, abbrNumber:
		return isDigit(first)
	case abbrTime:
		return unicode.IsLower(first) || isDigit(first) || isDayOrZone(word)
	case abbrCountry:
		// "U.S. President Donald Trump", "the U.K. Treasury": a capitalised
		// word after U.S. is usually a name it qualifies; it starts a new
		// sentence only when it is a word that typically opens one
		// ("… in the U.S. The next day").
		return unicode.IsLower(first) || isDigit(first) || !isSentenceStarter(word)
	case abbrInitials:
		return unicode.IsUpper(first)
	}
	return false
}

// firstWord returns the first word of s after leading white space and
// opening quotes or brackets, or "" if s does not start with one.
func firstWord(s string) string {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) && !isOpenQuote(r) {
			break
		}
		i += w
	}
	if i == len(s) {
		return ""
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	if !isWordRune(r) {
		return ""
	}
	return s[i:wordEnd(s, i, r, w)]
}

// lastWord returns the run of letters and periods that ends s, at most 12
// bytes long ("" if longer: no abbreviation is that long).
func lastWord(s string) string {
	i := len(s)
	for i > 0 && len(s)-i <= 12 {
		r, w := utf8.DecodeLastRuneInString(s[:i])
		if r != '.' && !unicode.IsLetter(r) {
			break
		}
		i -= w
	}
	if len(s)-i > 12 {
		return ""
	}
	return s[i:]
}

func isParaSep(r rune) bool {
	switch r {
	case '\n', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

func isCloseQuote(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}':
		return true
	}
	return false
}

func isOpenQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '„', '‚':
		return true
	}
	return false
}

type abbr int

const (
	abbrNone     abbr = iota
	abbrTitle         // Mr. Dr. Sen.: always followed by a name
	abbrMonth         // Jan.: followed by a day number
	abbrNumber        // No.
	abbrTime          // a.m. p.m.
	abbrCountry       // U.S. U.K.
	abbrInitials      // J.D. W.
)

var abbrevs = map[string]abbr{
	"mr": abbrTitle, "mrs": abbrTitle, "ms": abbrTitle, "messrs": abbrTitle, "dr": abbrTitle,
	"prof": abbrTitle, "sen": abbrTitle, "sens": abbrTitle, "rep": abbrTitle, "reps": abbrTitle,
	"gov": abbrTitle, "govs": abbrTitle, "gen": abbrTitle, "lt": abbrTitle, "col": abbrTitle,
	"sgt": abbrTitle, "capt": abbrTitle, "cmdr": abbrTitle, "adm": abbrTitle, "maj": abbrTitle,
	"cpl": abbrTitle, "pvt": abbrTitle, "rev": abbrTitle, "fr": abbrTitle, "hon": abbrTitle,
	"pres": abbrTitle, "supt": abbrTitle, "det": abbrTitle, "insp": abbrTitle, "atty": abbrTitle,
	"st": abbrTitle, "mt": abbrTitle, "ft": abbrTitle, "vs": abbrTitle, "v": abbrTitle,
	"jan": abbrMonth, "feb": abbrMonth, "mar": abbrMonth, "apr": abbrMonth, "jun": abbrMonth,
	"jul": abbrMonth, "aug": abbrMonth, "sep": abbrMonth, "sept": abbrMonth, "oct": abbrMonth,
	"nov": abbrMonth, "dec": abbrMonth,
	"no": abbrNumber, "nos": abbrNumber,
	"a.m": abbrTime, "p.m": abbrTime,
	"u.s": abbrCountry, "u.k": abbrCountry, "u.n": abbrCountry, "e.u": abbrCountry,
	"u.s.a": abbrCountry, "d.c": abbrCountry,
}

// abbrevKind classifies word, the letters and periods before a final
// period.
func abbrevKind(word string) abbr {
	var buf [16]byte
	n := 0
	for _, r := range word {
		if r >= utf8.RuneSelf || n == len(buf) {
			n = -1
			break
		}
		c := byte(r)
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	if n > 0 && word != "V" { // "V" is an initial, "v" is versus (Roe v. Wade)
		if k := abbrevs[string(buf[:n])]; k != abbrNone { // no allocation: map lookup by converted key
			return k
		}
	}
	// Initials: single capital letters, each followed by a period: "J.D", "W".
	prevLetter := false
	count := 0
	for _, r := range word {
		switch {
		case r == '.':
			if !prevLetter {
				return abbrNone
			}
			prevLetter = false
		case unicode.IsUpper(r) && !prevLetter:
			prevLetter = true
			count++
		default:
			return abbrNone
		}
	}
	if count > 0 && prevLetter {
		return abbrInitials
	}
	return abbrNone
}

var dayOrZone = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "today": true, "tomorrow": true, "yesterday": true,
	"et": true, "est": true, "edt": true, "ct": true, "cst": true, "cdt": true, "mt": true,
	"mst": true, "mdt": true, "pt": true, "pst": true, "pdt": true, "gmt": true, "utc": true,
	"bst": true, "cet": true, "cest": true,
}

// isDayOrZone reports whether w names a day or a time zone, words that
// follow a.m./p.m. inside a sentence.
// sentenceStarters are capitalised words that usually open a sentence
// rather than continue a name ("U.S. The", not "U.S. President").
var sentenceStarters = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an he she it they we i you but and or nor in on at of
		this that these those his her their its our my your there here as if when while after before
		since until some many most much more no not yet so still also meanwhile however for with by from
		to one two both all each every any few what why how who whom whose where which then now last
		next later earlier despite although though because instead only even such other another
		officials police authorities critics analysts experts residents`) {
		sentenceStarters[w] = true
	}
}

// isSentenceStarter reports whether w (any case) is in sentenceStarters.
func isSentenceStarter(w string) bool {
	if len(w) > 16 {
		return false
	}
	return sentenceStarters[strings.ToLower(w)]
}

func isDayOrZone(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return dayOrZone[string(buf[:len(w)])]
}
