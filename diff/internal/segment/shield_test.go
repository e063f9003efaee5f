package segment

import (
	"strings"
	"testing"
	"unicode"
)

// TestShieldEveryRune checks shield's promise for every rune it treats
// specially, not only the ones a fuzzer happened on: a run of spaces or of
// closing punctuation made of that rune, and an ignorable rune inside a
// run of spaces or of closers, keeps every sentence boundary in the
// contexts that decide them (a full stop or question mark before, a
// capital, a lower-case letter, a digit or nothing after). U+0601, a
// format character uax29 treats as Numeric, once moved one.
func TestShieldEveryRune(t *testing.T) {
	var runs, ignorable []rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		if runKind(r) != runNone {
			runs = append(runs, r)
		} else if isIgnorable(r) {
			ignorable = append(ignorable, r)
		}
	}
	if len(runs) < 30 || len(ignorable) < 1000 {
		t.Fatalf("%d run runes and %d ignorable runes: the classes are wrong", len(runs), len(ignorable))
	}
	contexts := []struct{ before, after string }{
		{"a.", "B"}, {"a.", "b"}, {"a.", "1"}, {"a.", ""}, {"!", "x"}, {"!", "X"}, {"? ", ""}, {"x", "Y"},
	}
	check := func(what string, r rune, run string) {
		for _, c := range contexts {
			text := c.before + run + c.after
			if got, want := boundaries(shield(text)), boundaries(text); got != want {
				t.Errorf("%s %U: shield changed the boundaries of %q: got %s, want %s", what, r, text, got, want)
				return
			}
		}
	}
	for _, r := range runs {
		check("run rune", r, strings.Repeat(string(r), 6))
	}
	for _, r := range ignorable {
		check("ignorable in spaces", r, " "+string(r)+"    ")
		check("ignorable in closers", r, "”"+string(r)+"””””")
	}
}
