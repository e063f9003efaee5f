package segment

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/clipperhouse/uax29/v2/sentences"
)

// sbRune returns the property of the multi-byte rune at s[i] (plus
// sbKnown) and its width, or 0 if the rune is not in the fast path's
// alphabet. shieldFast makes the same test inline; this is its reference.
func sbRune(s string, i int) (sbProp, int) {
	switch c := s[i]; {
	case (c == 0xC2 || c == 0xC3) && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xC0:
		return sbLatin1[(c-0xC2)<<6|(s[i+1]-0x80)], 2
	case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] >= 0x80 && s[i+2] < 0xC0:
		return sbPunct[s[i+2]-0x80], 3
	}
	return 0, 1
}

// sbFastText reports whether every rune of s is ASCII or in sbPunct or
// sbLatin1: the fast splitter's alphabet, as shieldFast reports it.
func sbFastText(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < 0x80 {
			i++
			continue
		}
		p, w := sbRune(s, i)
		if p == 0 {
			return false
		}
		i += w
	}
	return true
}

// uax29Ends returns the sentence ends uax29 finds in s.
func uax29Ends(s string) []int {
	var ends []int
	it := sentences.FromString(s)
	for it.Next() {
		ends = append(ends, it.End())
	}
	return ends
}

// fastEnds returns the sentence ends the fast path finds in s.
func fastEnds(s string) []int {
	var ends []int
	for pos := 0; pos < len(s); {
		pos = sbNext(s, pos)
		ends = append(ends, pos)
	}
	return ends
}

// checkFast compares the fast path with uax29 on s, if s is in its
// alphabet.
func checkFast(t *testing.T, s string) {
	t.Helper()
	if !sbFastText(s) {
		return
	}
	if got, want := fastEnds(s), uax29Ends(s); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("fast path on %q: ends %v, uax29 %v", s, got, want)
	}
}

// sbAlphabet is every rune of the fast path.
var sbAlphabet = func() []string {
	var a []string
	for c := range 128 {
		a = append(a, string(rune(c)))
	}
	a = append(a, "–", "—", "‘", "’", "“", "”")
	for r := rune(0x80); r <= 0xFF; r++ {
		if sbFastText(string(r)) {
			a = append(a, string(r))
		}
	}
	return a
}()

// sbClasses holds one or two runes of each property class (and of
// classes the rules tell apart), to enumerate longer strings.
var sbClasses = []string{"a", "z", "A", "Q", "5", ".", "!", "?", " ", "\t", "\n", "\r", "\"", ")",
	"’", "“", ",", ";", "—", "-", "#", "\x00", "é", "É", "«", "©"}

func TestFastBoundaries(t *testing.T) {
	// Every rune of the alphabet in every context of class runes.
	for _, r := range sbAlphabet {
		for _, a := range sbClasses {
			for _, b := range sbClasses {
				checkFast(t, a+r+b)
				checkFast(t, r+a+b)
				checkFast(t, a+b+r)
				checkFast(t, a+r+r+b)
			}
		}
	}
	// Every string of up to four class runes.
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		checkFast(t, prefix)
		if n == 0 {
			return
		}
		for _, c := range sbClasses {
			gen(prefix+c, n-1)
		}
	}
	gen("", 4)
	// Longer random strings of news-like pieces.
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"Mr.", "U.S.", " ", "  ", "a", "The", "said", ".", "?", "!", "”", "“", "’", "—",
		"(", ")", "\n", "\r\n", "2.5", ",", ";", ":", "-", "e.g.", "etc.", "...", "\"", "'", "A.", "b"}
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(30) {
			if r.IntN(2) == 0 {
				b.WriteString(sbClasses[r.IntN(len(sbClasses))])
			} else {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		checkFast(t, b.String())
	}
	if !sbFastText("“Yes,” Mr. Smith said — again. ‘No’ (2.5%); done!") {
		t.Error("the fast path refuses generated news copy: it would never run")
	}
	for _, s := range []string{"\u00a0", "x\u00ad", "é\xc3", "\xe2\x80", "\xe2\x80\x93\xe2", "\u2026", "\u2060"} {
		if sbFastText(s) {
			t.Errorf("sbFastText(%q) = true, want false", s)
		}
	}
}

// FuzzFastBoundaries compares the fast path with uax29 on arbitrary text in
// its alphabet, and AppendSentences with Sentences computed by uax29 alone.
func FuzzFastBoundaries(f *testing.F) {
	f.Add("“Is it over?” she asked. Mr. Smith met J.D. Vance at 5 p.m. Tuesday in the U.S. The end")
	f.Add("a.  (b) c! d? — e; f: g\r\nh\n\n“i.”  ‘j’ 2.5.x")
	f.Fuzz(func(t *testing.T, s string) {
		checkFast(t, s)
		checkFast(t, shield(s))
		checkShieldFast(t, s)
	})
}

// TestShieldFast checks that shieldFast reports the alphabet of the text
// it returns as sbFastText does.
func TestShieldFast(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	texts := append([]string{"", "é", "a\xe2\x80", "“a”", "a.    b", "a.  \u00ad  b", "x\u2060y"}, sbAlphabet...)
	for range 3000 {
		texts = append(texts, randomText(r, 1+r.IntN(20)))
	}
	for _, text := range texts {
		checkShieldFast(t, text)
	}
}

func checkShieldFast(t *testing.T, text string) {
	t.Helper()
	if got, fast := shieldFast(text); fast != sbFastText(got) {
		t.Fatalf("shieldFast(%q) fast = %v, sbFastText of its text %q = %v", text, fast, got, !fast)
	}
}
