package diff_test

import (
	"path/filepath"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// TestSameStoryAcrossFormats aligns the one story written as plain text,
// HTML (with navigation and ads), Markdown, NITF and NewsML-G2: every
// paragraph of the plain text must align as Equal, unmoved, and nothing in
// the story may be reported changed or removed. The richer formats may add
// labelled metadata paragraphs (headline, byline, caption…), which show as
// added.
func TestSameStoryAcrossFormats(t *testing.T) {
	dir := filepath.Join("input", "testdata")
	plain := load(t, filepath.Join(dir, "harbour.txt"))
	for _, name := range []string{"harbour.html", "harbour.md", "harbour.nitf.xml", "harbour.newsml.xml"} {
		t.Run(name, func(t *testing.T) {
			r := diff.Compare(plain, load(t, filepath.Join(dir, name)), nil)
			checkInvariants(t, r)
			for p, para := range r.Old.Paragraphs {
				b := &r.Blocks[r.BlockOfOld(p)]
				if para.Label != "" {
					continue // metadata the plain text carries (its date line)
				}
				if b.Kind != diff.Equal || b.Moved {
					t.Errorf("old ¶%d %q: block kind %v moved %v, want equal", p+1, para.Text, b.Kind, b.Moved)
				}
			}
			if r.Stats.Changed != 0 || r.Stats.Removed != 0 || r.Stats.Moved != 0 {
				t.Errorf("story changes across formats: %+v", r.Stats)
			}
		})
	}
}
