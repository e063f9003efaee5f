package review

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/storydiff/storydiff/diff"
)

// TestNormaliseCases holds normalise to its contract, strings.Fields
// joined by one space, on the bytes its table lets through and those it
// stops at, and checks that text already normal is returned without a
// copy.
func TestNormaliseCases(t *testing.T) {
	for _, tt := range []struct {
		in   string
		same bool // already normal: returned as it is
	}{
		{"", true},
		{"plain words here", true},
		{"curly “quotes” and ‘apostrophes’ — dashes", true},
		{"ctrl\x01byte", true},
		{"ǅ Ā ℃ ㄱ", true}, // lead bytes C7, C4, E2, E3 that are not spaces
		{" ", false},
		{"  ", false},
		{"a b c", true},
		{" leading", false},
		{"two  ", false},
		{"  two", false},
		{"a \tb", false},
		{"a\u00a0", false},
		{"trailing ", false},
		{"two  spaces", false},
		{"tab\there", false},
		{"new\nline", false},
		{"cr\r\nlf", false},
		{"nbsp\u00a0here", false},
		{"next\u0085line", false},
		{"ogham\u1680space", false},
		{"em\u2003space", false},
		{"ideographic\u3000space", false},
		{"mixed \u00a0 \u2003 end", false},
	} {
		got := normalise(tt.in)
		if want := strings.Join(strings.Fields(tt.in), " "); got != want {
			t.Errorf("normalise(%q) = %q, want %q", tt.in, got, want)
		}
		if tt.same && tt.in != "" && unsafe.StringData(got) != unsafe.StringData(tt.in) {
			t.Errorf("normalise(%q) copied text already normal", tt.in)
		}
	}
}

// TestKeyOf: the key of two documents is the key of their comparison, so
// that it can be computed while they are compared; nil is no key.
func TestKeyOf(t *testing.T) {
	for _, tt := range []struct {
		name     string
		old, new []string
	}{
		{"edited", []string{"The council met. It voted.", "Rain fell."}, []string{"The council met on Monday. It voted.", "Rain fell."}},
		{"white space", []string{"One  two.\tThree"}, []string{" One two. Three "}},
		{"empty old", nil, []string{"Only new."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, b := diff.NewDocument("a", tt.old, nil), diff.NewDocument("b", tt.new, nil)
			if got, want := KeyOf(a, b), Key(diff.Compare(a, b, nil)); got != want || got == "" {
				t.Errorf("KeyOf = %q, Key of the comparison %q", got, want)
			}
		})
	}
	if KeyOf(nil, diff.NewDocument("b", []string{"x"}, nil)) != "" || Key(nil) != "" {
		t.Error("a key without two documents")
	}
}
