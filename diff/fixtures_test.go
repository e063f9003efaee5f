package diff_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// shape renders the alignment compactly: one entry per block, old → new
// paragraph numbers (1-based), kind, and "m" for moved, e.g.
// "3→3+4 changed", "-→1 added", "11→2 equal m".
func shape(r *diff.Result) []string {
	nums := func(xs []int) string {
		if len(xs) == 0 {
			return "-"
		}
		s := make([]string, len(xs))
		for i, x := range xs {
			s[i] = fmt.Sprint(x + 1)
		}
		return strings.Join(s, "+")
	}
	out := make([]string, len(r.Blocks))
	for i, b := range r.Blocks {
		out[i] = fmt.Sprintf("%s→%s %s", nums(b.Old), nums(b.New), b.Kind)
		if b.Moved {
			out[i] += " m"
		}
	}
	return out
}

// TestFixtureAlignment checks the alignment each fixture pair's README
// entry (testdata/pairs/README.md) asks for.
func TestFixtureAlignment(t *testing.T) {
	tests := []struct {
		pair  string
		equal bool
		want  []string // blocks that must be present
		stats func(s diff.Stats) error
	}{
		{pair: "identical", equal: true},
		{pair: "encoding", equal: true},
		{pair: "reordered", want: []string{"11→2 equal m", "9→5 equal m", "4→11 changed m", "1→1 equal", "13→13 equal"},
			stats: func(s diff.Stats) error {
				if s.Moved != 3 || s.Equal != 12 || s.Changed != 1 {
					return fmt.Errorf("want 3 moved, 12 equal, 1 changed")
				}
				return nil
			}},
		{pair: "split", want: []string{"3→3+4 changed", "7→8+9+10 changed", "8→11 equal"},
			stats: func(s diff.Stats) error {
				if s.Split != 2 || s.Added != 0 || s.Removed != 0 || s.Moved != 0 {
					return fmt.Errorf("want 2 splits and nothing added, removed or moved")
				}
				return nil
			}},
		{pair: "merged", want: []string{"2+3→2 changed", "4+10→3 changed", "5+6→4 changed", "7+8→5 changed", "13+14→9 changed", "9→6 equal"},
			stats: func(s diff.Stats) error {
				if s.Merged != 5 || s.SentencesAdded+s.SentencesRemoved+s.SentencesChanged != 0 {
					return fmt.Errorf("want 5 merges and no sentence added, removed or changed")
				}
				return nil
			}},
		{pair: "trimmed", want: []string{"10→10 equal", "11→- removed", "16→- removed", "-→11 added"},
			stats: func(s diff.Stats) error {
				// The added "(Reporting by …)" line is boilerplate: counted
				// apart from the story's blocks.
				if s.Equal != 10 || s.Removed != 6 || s.Added != 0 || s.Boilerplate != 1 {
					return fmt.Errorf("want 10 equal, 6 removed, 1 boilerplate added")
				}
				return nil
			}},
		{pair: "lede", want: []string{"-→2 added", "2→3 changed", "5→6 changed", "7→8 changed", "9→10 equal", "14→15 changed", "15→16 equal"},
			stats: func(s diff.Stats) error {
				if s.Moved != 0 {
					return fmt.Errorf("nothing moved in a write-thru")
				}
				return nil
			}},
		{pair: "boilerplate", want: []string{"-→1 added", "-→2 added", "-→3 added", "1→4 changed", "2→5 equal", "10→13 equal"},
			stats: func(s diff.Stats) error {
				if s.Moved != 0 || s.SentencesMoved != 0 {
					return fmt.Errorf("no body sentence may move")
				}
				return nil
			}},
		{pair: "multiscript", want: []string{"9→3 equal m", "7→6 changed m", "3→4 changed", "4→5 changed", "6→8 changed", "5→7 equal", "1→1 equal"},
			stats: func(s diff.Stats) error {
				if s.Moved != 2 || s.SentencesAdded+s.SentencesRemoved != 0 {
					return fmt.Errorf("want 2 moved, no sentence added or removed")
				}
				return nil
			}},
		{pair: "hardwrapped", want: []string{"4→4 changed", "9→9 changed", "1→1 equal"},
			stats: func(s diff.Stats) error {
				if s.Equal != 8 || s.Changed != 2 || s.WordsAdded != 2 || s.WordsRemoved != 2 {
					return fmt.Errorf("want 8 equal, 2 changed, 2 words each way")
				}
				return nil
			}},
		{pair: "indented", want: []string{"8→8 changed"},
			stats: func(s diff.Stats) error {
				if s.Equal != 9 || s.Changed != 1 {
					return fmt.Errorf("want 9 equal, 1 changed")
				}
				return nil
			}},
		// Exact twins are partners: the old headline is aligned with its
		// verbatim copy further down, not with the suffixed new headline.
		{pair: "outlet", want: []string{"-→1 added", "1→4 equal m", "3→3 equal", "4→5 equal", "8→9 equal"},
			stats: func(s diff.Stats) error {
				if s.SentencesMoved != 0 || s.SentencesAdded+s.SentencesRemoved+s.SentencesChanged != 0 || s.Moved != 1 {
					return fmt.Errorf("want 1 moved block and no sentence moved, added, removed or changed")
				}
				return nil
			}},
		// A caption repeated verbatim stays with its own copy; the caption
		// that occurs once is aligned with its twin where it moved.
		{pair: "captions", want: []string{"2→2 equal", "10→11 equal", "6→4 equal m", "3→3 changed", "-→9 added", "11→12 equal"},
			stats: func(s diff.Stats) error {
				if s.Moved != 1 || s.SentencesMoved != 0 || s.Added != 1 || s.Removed != 0 {
					return fmt.Errorf("want 1 moved, 1 added, nothing removed, no sentence moved")
				}
				return nil
			}},
		// The headline repeated as the first line is a repeat, added: not a
		// split of the old headline.
		{pair: "headline-repeat", want: []string{"1→1 equal", "-→2 added", "2→3 equal", "6→7 changed"},
			stats: func(s diff.Stats) error {
				if s.Split != 0 || s.Moved != 0 || s.SentencesMoved != 0 {
					return fmt.Errorf("want no split and nothing moved")
				}
				return nil
			}},
		{pair: "empty",
			stats: func(s diff.Stats) error {
				if s.Added != 8 || s.Removed+s.Equal+s.Changed+s.Moved != 0 {
					return fmt.Errorf("want 8 added and nothing else")
				}
				return nil
			}},
	}
	for _, tt := range tests {
		t.Run(tt.pair, func(t *testing.T) {
			r := fixture(t, tt.pair)
			checkInvariants(t, r)
			got := shape(r)
			if r.Equal() != tt.equal {
				t.Errorf("Equal() = %v, want %v; blocks %v", r.Equal(), tt.equal, got)
			}
			have := map[string]bool{}
			for _, g := range got {
				have[g] = true
			}
			for _, w := range tt.want {
				if !have[w] {
					t.Errorf("missing block %q; blocks %v", w, got)
				}
			}
			if tt.stats != nil {
				if err := tt.stats(r.Stats); err != nil {
					t.Errorf("%v; stats %+v", err, r.Stats)
				}
			}
		})
	}
}
