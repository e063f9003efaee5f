package textsafe

import (
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, line, fragment string }{
		{"old.txt", "old.txt", "old.txt"},
		{"Szabó 東京 🎉", "Szabó 東京 🎉", "Szabó 東京 🎉"},
		{"a\x1b]0;x\x07b", "a␛]0;x␇b", "a␛]0;x␇b"},
		{"del\x7f", "del␡", "del␡"},
		{"c1\u0080\u009b", "c1\ufffd\ufffd", "c1\ufffd\ufffd"},
		{"evil\u202egnp\u2066x\u2069", "evil\ufffdgnp\ufffdx\ufffd", "evil\ufffdgnp\ufffdx\ufffd"},
		{"lrm\u200e kept", "lrm\u200e kept", "lrm\u200e kept"},
		{"bad\xffutf8", "bad\ufffdutf8", "bad\ufffdutf8"},
		{"zw\u200bsp\u00ad\ufeff", "zwsp", "zwsp"},
		{"  two  \t spaces\n", "two spaces", "  two    spaces "},
		{"line\u2028sep", "line sep", "line sep"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.line {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := Fragment(tt.in); got != tt.fragment {
			t.Errorf("Fragment(%q) = %q, want %q", tt.in, got, tt.fragment)
		}
	}
	_, n := CleanCount("\x1b\u0085\u202e\u2067x")
	if n.Controls != 1 || n.Bidi != 2 {
		t.Errorf("counts %+v, want 1 control (NEL is white space) and 2 bidi", n)
	}
}

// cleanInputs are strings at the edges of isClean: every rune class clean
// changes, at the start, inside and at the end of a line.
var cleanInputs = []string{
	"", "a", "plain ASCII text.", "a  b", " a", "a ", "a\tb", "“curly” — dashes’ é 東京 🎉",
	"a\u00a0b", "a\u00adb", "a\u0085b", "a\u0080b", "a\u009fb", "\u00aeregistered", "\u00a9 2026",
	"a\u1680b", "a\u2000b", "a\u200bb", "\u200dx", "x\u200c", "a\u200db", "a\u2028b", "a\u202eb",
	"a\u202fb", "a\u205fb", "a\u2060b", "a\u2066b", "a\u2069b", "a\u2070b", "a\u3000b", "a\ufeffb",
	"a\ufffdb", "a\xffb", "a\xe2\x80b", "\x7f", "a\x1bb", "tab\t", "ok…", "é", "\u200e",
}

func TestIsClean(t *testing.T) {
	for _, s := range cleanInputs {
		checkIsClean(t, s)
	}
	// Every rune, alone and between letters.
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if utf8.ValidRune(r) {
			checkIsClean(t, string(r))
			checkIsClean(t, "a"+string(r)+"b")
		}
	}
	if !isClean("“curly” — dashes’ é 東京 🎉", true) {
		t.Error("isClean refuses clean non-ASCII text: the shortcut would never apply")
	}
}

// checkIsClean checks that isClean accepts s only when the full cleaning
// returns s unchanged and counts nothing.
func checkIsClean(t *testing.T, s string) {
	t.Helper()
	for _, line := range []bool{true, false} {
		if !isClean(s, line) {
			continue
		}
		if got, n := cleanCopy(s, line); got != s || n != (Counts{}) {
			t.Errorf("isClean(%q, %v) but the full cleaning gives %q, %+v", s, line, got, n)
		}
	}
}

// FuzzClean checks isClean against the full cleaning on arbitrary input.
func FuzzClean(f *testing.F) {
	for _, s := range cleanInputs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkIsClean(t, s) })
}

func TestWord8(t *testing.T) {
	for c := range 256 {
		for pos := range 8 {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			if got, want := printableASCII8(word8(string(b))), c >= 0x20 && c < 0x7F; got != want {
				t.Errorf("printableASCII8 with %#x at %d = %v, want %v", c, pos, got, want)
			}
			b[(pos+1)%8] = 0xFF // a second odd byte next to it
			if printableASCII8(word8(string(b))) {
				t.Errorf("printableASCII8(%q) = true", b)
			}
		}
	}
	// Every placement of spaces in a word.
	for mask := range 256 {
		b := []byte("abcdefgh")
		want := false
		for i := range 8 {
			if mask&(1<<i) != 0 {
				b[i] = ' '
				want = want || i > 0 && b[i-1] == ' '
			}
		}
		if got := doubleSpace8(word8(string(b))); got != want {
			t.Errorf("doubleSpace8(%q) = %v, want %v", b, got, want)
		}
	}
	// Two spaces across words, and near the end.
	for _, s := range []string{"abcdefg  hijklmno", "abcdefgh  ijklmno", "abcdefghijklmn  x", "abcdefghijklmnop  x"} {
		if isClean(s, true) {
			t.Errorf("isClean(%q) = true", s)
		}
	}
}
