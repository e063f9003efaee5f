package diff_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/internal/segment"
)

// fixture compares the pair testdata/pairs/name through package input, as
// the CLI does.
func fixture(t *testing.T, name string) *diff.Result {
	t.Helper()
	dir := filepath.Join("..", "testdata", "pairs", name)
	return loadPair(t, filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt"))
}

func findingsOf(r *diff.Result, kind string) []diff.Finding {
	var out []diff.Finding
	for _, f := range r.Findings {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// TestFindingsFixtures checks the story-level findings on the fixture pairs
// (expectations from testdata/pairs/README.md).
func TestFindingsFixtures(t *testing.T) {
	tests := []struct {
		pair  string
		kinds []string // all finding kinds, in order
		text  []string // substrings of the findings' texts, same order
	}{
		{"identical", nil, nil},
		{"encoding", nil, nil},
		{"hardwrapped", nil, nil},
		{"split", nil, nil},
		{"merged", nil, nil},
		{"empty", nil, nil},
		{"lede", []string{diff.FindingLede}, []string{"lede"}},
		{"reordered", []string{diff.FindingReordered}, []string{"3 paragraphs moved"}},
		{"trimmed", []string{diff.FindingTrimmed}, []string{"trimmed after ¶10: −6 paragraphs, −"}},
		{"boilerplate", []string{diff.FindingDateline}, []string{"dateline added to ¶4: LISBON, Portugal (AW) —"}},
	}
	for _, tt := range tests {
		t.Run(tt.pair, func(t *testing.T) {
			r := fixture(t, tt.pair)
			if len(r.Findings) != len(tt.kinds) {
				t.Fatalf("findings %+v, want kinds %v", r.Findings, tt.kinds)
			}
			for i, f := range r.Findings {
				if f.Kind != tt.kinds[i] || !strings.Contains(f.Text, tt.text[i]) {
					t.Errorf("finding %d: %s %q, want %s containing %q", i, f.Kind, f.Text, tt.kinds[i], tt.text[i])
				}
				if len(f.Blocks) == 0 {
					t.Errorf("finding %d names no block", i)
				}
				for _, b := range f.Blocks {
					if b < 0 || b >= len(r.Blocks) {
						t.Errorf("finding %d: block %d out of range", i, b)
					}
				}
			}
		})
	}
}

func TestFindingTrimmedCounts(t *testing.T) {
	r := fixture(t, "trimmed")
	f := findingsOf(r, diff.FindingTrimmed)
	if len(f) != 1 {
		t.Fatalf("findings %+v", r.Findings)
	}
	words := 0
	for _, b := range f[0].Blocks {
		blk := &r.Blocks[b]
		if blk.Kind != diff.Removed || blk.Boilerplate != "" {
			t.Errorf("trimmed block %d is %v %q", b, blk.Kind, blk.Boilerplate)
		}
		for _, p := range blk.Old {
			words += segment.CountWords(r.Old.Paragraphs[p].Text)
		}
	}
	if len(f[0].Blocks) != 6 {
		t.Errorf("trimmed blocks %v, want old ¶11–16", f[0].Blocks)
	}
	if !strings.Contains(f[0].Text, fmt.Sprintf("−%d words", words)) {
		t.Errorf("%q: want −%d words", f[0].Text, words)
	}
}

func TestFindingsShapes(t *testing.T) {
	a := "The council met on Tuesday to discuss the harbour budget for next year."
	b := "Residents packed the hall and several speakers asked for more ferry services."
	c := "The mayor said the vote would come before the end of the month."
	d := "Officials expect the new terminal to open in the spring of 2027."
	e := "A storm flooded the lower harbour overnight and closed the ferry terminal until further notice."
	tests := []struct {
		name     string
		old, new []string
		want     []string // finding kinds in order
	}{
		{"unchanged", []string{a, b, c}, []string{a, b, c}, nil},
		{"new first paragraph", []string{a, b, c}, []string{e, a, b, c}, []string{diff.FindingLede}},
		{"lede reworded", []string{a, b, c},
			[]string{"Harbour ferry fares will double next year under a budget the council debated on Tuesday.", b, c}, []string{diff.FindingLede}},
		{"lede lightly edited", []string{a, b, c},
			[]string{"The council met on Wednesday to discuss the harbour budget for next year.", b, c}, nil},
		{"headline added is no new lede", []string{a, b, c}, []string{"Council debates harbour budget", a, b, c}, nil},
		{"moved", []string{a, b, c, d}, []string{a, c, b, d}, []string{diff.FindingReordered}},
		{"trimmed", []string{a, b, c, d}, []string{a, b}, []string{diff.FindingTrimmed}},
		{"trimmed before boilerplate", []string{a, b, c, d, "©2026 Harbor Wire"}, []string{a, b, "©2026 Harbor Wire"}, []string{diff.FindingTrimmed}},
		{"removed in the middle is no trim", []string{a, b, c, d}, []string{a, c, d}, nil},
		{"everything removed is no trim", []string{a, b}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := diff.Compare(doc("old", tt.old...), doc("new", tt.new...), nil)
			var got []string
			for _, f := range r.Findings {
				got = append(got, f.Kind)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("findings %+v, want kinds %v", r.Findings, tt.want)
			}
		})
	}
}
