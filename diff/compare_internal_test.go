package diff

import (
	"errors"
	"strings"
	"testing"
)

// TestWholesale checks the Result of last resort keeps every sentence of
// both versions and says why it was used.
func TestWholesale(t *testing.T) {
	old := NewDocument("old", []string{"One two three. Four five.", "Six seven."}, nil)
	new := NewDocument("new", []string{"Eight nine."}, nil)
	r := wholesale(old, new, errors.New("boom"))
	if len(r.Blocks) != 3 || r.Stats.SentencesRemoved != 3 || r.Stats.SentencesAdded != 1 {
		t.Fatalf("blocks %d, stats %+v", len(r.Blocks), r.Stats)
	}
	if len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Text, "boom") {
		t.Errorf("findings %+v", r.Findings)
	}
	if _, p := r.OldPair(SentRef{0, 1}); p.Old != "Four five." {
		t.Errorf("old sentence 0.1 in pair %+v", p)
	}
	// Compare annotates the Result of last resort: the error finding must
	// survive it, first, next to the story findings.
	annotate(r)
	if len(r.Findings) < 2 || r.Findings[0].Kind != FindingError || !strings.Contains(r.Findings[0].Text, "boom") {
		t.Errorf("after annotate: findings %+v", r.Findings)
	}
}

// TestProgress checks Compare reports rising progress that ends at 100%.
func TestProgress(t *testing.T) {
	old := NewDocument("old", []string{"One two three. Four five.", "Six seven."}, nil)
	new := NewDocument("new", []string{"One two three.", "Six seven eight."}, nil)
	last := -1
	var stages []string
	Compare(old, new, &Options{Progress: func(stage string, done, total int) {
		if done < last || total != 100 {
			t.Errorf("progress %s %d/%d after %d", stage, done, total, last)
		}
		last = done
		stages = append(stages, stage)
	}})
	if last != 100 || stages[len(stages)-1] != "done" {
		t.Errorf("progress ended at %d (%v)", last, stages)
	}
}
