package diff_test

import (
	"slices"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// TestFlagNames checks the export names and badges of flag sets, in the
// fixed order of the bits.
func TestFlagNames(t *testing.T) {
	tests := []struct {
		f             diff.Flag
		names, badges []string
	}{
		{0, nil, nil},
		{diff.FlagNegation, []string{"negation"}, []string{"NEG"}},
		{diff.FlagAttribution | diff.FlagNumber, []string{"number", "attribution"}, []string{"NUM", "ATTR"}},
		{diff.FlagNegation | diff.FlagNumber | diff.FlagQuote | diff.FlagName | diff.FlagAttribution,
			[]string{"negation", "number", "quote", "name", "attribution"}, []string{"NEG", "NUM", "QUOTE", "NAME", "ATTR"}},
		{1 << 12, nil, nil}, // an unknown bit has no name
	}
	for _, tt := range tests {
		if got := tt.f.Names(); !slices.Equal(got, tt.names) {
			t.Errorf("Flag(%d).Names() = %q, want %q", tt.f, got, tt.names)
		}
		if got := tt.f.Badges(); !slices.Equal(got, tt.badges) {
			t.Errorf("Flag(%d).Badges() = %q, want %q", tt.f, got, tt.badges)
		}
	}
}
