package input

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFixturePairs loads the project's fixture pairs (../../testdata) and
// checks the paragraph counts testdata/pairs/README.md documents.
func TestFixturePairs(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	if _, err := os.Stat(filepath.Join(root, "pairs")); err != nil {
		t.Skip("fixture pairs absent")
	}
	tests := []struct {
		dir      string
		old, new int
		differ   []int // 0-based indexes whose text differs, when counts are equal and aligned
	}{
		{"pairs/identical", 10, 10, []int{}},
		{"pairs/encoding", 10, 10, []int{}},
		{"pairs/reordered", 13, 13, nil},
		{"pairs/split", 11, 14, nil},
		{"pairs/merged", 14, 9, nil},
		{"pairs/trimmed", 16, 11, nil},
		{"pairs/lede", 15, 16, nil},
		{"pairs/boilerplate", 12, 18, nil},
		{"pairs/multiscript", 11, 11, nil},
		{"pairs/hardwrapped", 10, 10, []int{3, 8}},
		{"pairs/indented", 10, 10, []int{7}},
		{"pairs/empty", 0, 8, nil},
		{"demo", 16, 21, nil},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			load := func(name string) *Doc {
				d, err := ReadFile(filepath.Join(root, tt.dir, name), Auto)
				if err != nil {
					t.Fatal(err)
				}
				checkInvariants(t, d)
				return d
			}
			o, n := load("old.txt"), load("new.txt")
			if len(o.Paragraphs) != tt.old || len(n.Paragraphs) != tt.new {
				t.Fatalf("%d and %d paragraphs, want %d and %d", len(o.Paragraphs), len(n.Paragraphs), tt.old, tt.new)
			}
			if tt.differ == nil {
				return
			}
			want := map[int]bool{}
			for _, i := range tt.differ {
				want[i] = true
			}
			for i := range o.Paragraphs {
				if (o.Paragraphs[i] != n.Paragraphs[i]) != want[i] {
					t.Errorf("¶%d: differ=%v, want %v:\n%q\n%q", i+1, !want[i], want[i], o.Paragraphs[i], n.Paragraphs[i])
				}
			}
		})
	}
}
