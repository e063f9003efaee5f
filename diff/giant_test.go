package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/internal/scaling"
)

// oneLinePair is a story pasted as one line without a full stop: n words
// a side, every 97th word changed, so that the one "sentence" pair is far
// past maxDiffTokens and maxClassifyTokens.
func oneLinePair(n int) (old, new *Document, size int) {
	var o, w strings.Builder
	for i := range n {
		word := fmt.Sprintf("word%d", i%3001)
		o.WriteString(word + " ")
		if i%97 == 0 {
			word = fmt.Sprintf("other%d", i%389)
		}
		w.WriteString(word + " ")
	}
	return NewDocument("o", []string{o.String()}, nil), NewDocument("n", []string{w.String()}, nil), o.Len() + w.Len()
}

// TestGiantSentencePair: a "sentence" of tens of thousands of words is
// shown wholesale by the word diff and classified as wording without
// flags (it is no sentence a flag could speak of), and Compare allocates
// in proportion to the input: it used to tokenise such a pair whole in
// both the word diff and the classifier (a 13 MB line: 14 s, 894 MB).
func TestGiantSentencePair(t *testing.T) {
	old, new, size := oneLinePair(30000)
	var r *Result
	cost := scaling.Measure(func() { r = Compare(old, new, nil) })
	if len(r.Blocks) != 1 || len(r.Blocks[0].Pairs) != 1 {
		t.Fatalf("want one block of one pair, got %d blocks", len(r.Blocks))
	}
	p := r.Blocks[0].Pairs[0]
	if p.Kind != Changed || p.Class != ClassWording || p.Flags != 0 || len(p.Runs) == 0 {
		t.Errorf("giant pair: kind %v class %v flags %v, %d runs; want a changed wording pair, no flags", p.Kind, p.Class, p.Flags, len(p.Runs))
	}
	for _, run := range p.Runs {
		for _, w := range p.Words[run.Start:run.End] {
			if w.Op == OpEqual {
				t.Fatalf("run %d-%d holds an equal word", run.Start, run.End)
			}
		}
	}
	// Everything of both texts is there, deleted or inserted.
	var a, b strings.Builder
	for _, w := range p.Words {
		if w.Op != OpInsert {
			a.WriteString(w.Text)
		}
		if w.Op != OpDelete {
			b.WriteString(w.Text)
		}
	}
	if a.String() != p.Old || b.String() != p.New {
		t.Error("the giant pair's words do not rebuild its two sentences")
	}
	t.Logf("%d input bytes: %d allocations, %d bytes allocated (%.1f per input byte)", size, cost.Allocs, cost.Bytes, float64(cost.Bytes)/float64(size))
	// Before the bounds: 94.7 bytes allocated per input byte here (6.2 after).
	if per := float64(cost.Bytes) / float64(size); per > 20 {
		t.Errorf("Compare allocated %.1f bytes per input byte on a one-line pair, want ≤ 20", per)
	}
}
