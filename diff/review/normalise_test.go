package review

import (
	"strings"
	"testing"
	"unsafe"
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
		{" leading", false},
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
