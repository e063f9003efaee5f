package diff

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
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

// TestProgressNotConcurrent compares documents large enough for the word
// diffs to run on several goroutines and checks that Progress is never
// called twice at once (Options promises Compare's goroutine) and still
// reports the batches of filled blocks.
func TestProgressNotConcurrent(t *testing.T) {
	var olds, news []string
	for i := range 5000 {
		olds = append(olds, fmt.Sprintf("Paragraph %d says the council met on day %d.", i, i))
		news = append(news, fmt.Sprintf("Paragraph %d says the council met again on day %d.", i, i))
	}
	var inside atomic.Bool
	diffing := 0
	Compare(NewDocument("old", olds, nil), NewDocument("new", news, nil), &Options{Progress: func(stage string, done, total int) {
		if !inside.CompareAndSwap(false, true) {
			t.Errorf("progress %s %d called while another call runs", stage, done)
			return
		}
		if stage == "diffing words" {
			diffing++
		}
		time.Sleep(time.Millisecond) // widen the window for an overlapping call
		inside.Store(false)
	}})
	if diffing < 3 { // the start of the stage and at least two batches
		t.Errorf("%d progress reports while diffing words; want the batches reported", diffing)
	}
}

// TestFallbackCounted: an alignment that cannot be assembled is counted by
// Fallbacks and named in a FindingError finding, never a silent success.
func TestFallbackCounted(t *testing.T) {
	old := NewDocument("old", []string{"One sentence here."}, nil)
	nw := NewDocument("new", []string{"Another sentence there."}, nil)
	before := Fallbacks()
	r := assembleOrWhole(old, nw, nil, nil) // no blocks: every sentence lost
	if Fallbacks() != before+1 {
		t.Errorf("Fallbacks %d -> %d, want one more", before, Fallbacks())
	}
	fallbacks.Add(-1) // deliberate: TestMain checks the others
	if len(r.Findings) == 0 || r.Findings[len(r.Findings)-1].Kind != FindingError {
		t.Errorf("findings %+v, want a FindingError first", r.Findings)
	}
}
