package diff_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
	"github.com/storydiff/storydiff/internal/scaling"
)

// load reads one file through package input.
func load(t testing.TB, path string) *diff.Document {
	t.Helper()
	d, err := input.ReadFile(path, input.Auto)
	if err != nil {
		t.Fatal(err)
	}
	return diff.NewDocument(d.Name, d.Paragraphs, d.Labels)
}

func doc(name string, paras ...string) *diff.Document {
	return diff.NewDocument(name, paras, nil)
}

// checkInvariants asserts what every Result must satisfy: each paragraph of
// both versions is in exactly one block (Assemble checks that), each
// sentence in exactly one pair, pair texts are the documents' sentences,
// and the word ops rebuild both sentences of every pair. A Result Compare
// built wholesale (its alignment failed: a bug) fails it too.
func checkInvariants(t *testing.T, r *diff.Result) {
	t.Helper()
	for _, f := range r.Findings {
		if f.Kind == diff.FindingError {
			t.Errorf("Compare fell back to showing the versions whole: %s", f.Text)
		}
	}
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		for pi := range b.Pairs {
			p := &b.Pairs[pi]
			if !p.OldRef.IsNone() {
				if got := stretchText(r.Old, p.OldRef, p.OldMore); got != p.Old {
					t.Errorf("block %d pair %d: old text %q, document has %q", bi, pi, p.Old, got)
				}
				if ob, op := r.OldPair(p.OldRef); ob != bi || op != p {
					t.Errorf("block %d pair %d: OldPair index disagrees", bi, pi)
				}
			}
			if !p.NewRef.IsNone() {
				if got := stretchText(r.New, p.NewRef, p.NewMore); got != p.New {
					t.Errorf("block %d pair %d: new text %q, document has %q", bi, pi, p.New, got)
				}
			}
			if p.PartOf != nil {
				other := r.Old
				if p.Kind == diff.Removed {
					other = r.New
				}
				switch {
				case p.Kind != diff.Added && p.Kind != diff.Removed:
					t.Errorf("block %d pair %d: %v pair with PartOf", bi, pi, p.Kind)
				case p.PartOf.Para < 0 || p.PartOf.Para >= len(other.Paragraphs) || p.PartOf.Sent < 0 || p.PartOf.Sent >= len(other.Paragraphs[p.PartOf.Para].Sentences):
					t.Errorf("block %d pair %d: PartOf %v out of range", bi, pi, *p.PartOf)
				}
			}
			switch p.Kind {
			case diff.Equal:
				if p.Old != p.New {
					t.Errorf("block %d pair %d: equal pair with different texts", bi, pi)
				}
			case diff.Changed:
				var o, n strings.Builder
				for _, w := range p.Words {
					if w.Op != diff.OpInsert {
						o.WriteString(w.Text)
					}
					if w.Op != diff.OpDelete {
						n.WriteString(w.Text)
					}
				}
				if o.String() != p.Old || n.String() != p.New {
					t.Errorf("block %d pair %d: words rebuild %q / %q, want %q / %q", bi, pi, o.String(), n.String(), p.Old, p.New)
				}
			case diff.Added:
				if !p.OldRef.IsNone() {
					t.Errorf("block %d pair %d: added pair has an old side", bi, pi)
				}
			case diff.Removed:
				if !p.NewRef.IsNone() {
					t.Errorf("block %d pair %d: removed pair has a new side", bi, pi)
				}
			}
		}
		if b.Moved && (b.Origin < 0 || b.Origin > len(r.Blocks)) {
			t.Errorf("block %d: moved with origin %d", bi, b.Origin)
		}
		if len(b.Old) > 1 && len(b.New) > 1 {
			t.Errorf("block %d: many to many %v → %v", bi, b.Old, b.New)
		}
	}
	// Blocks follow the new reading order: each stands at its first new
	// paragraph, and a split's later paragraphs follow on, or stand after
	// paragraphs that moved in between them (a split across a move).
	placed := make([]bool, len(r.New.Paragraphs))
	next := 0 // the first new paragraph not yet placed
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		for k, n := range b.New {
			if k == 0 && n != next {
				t.Errorf("block %d: starts at new paragraph %d, want %d", bi, n, next)
			}
			if k > 0 {
				for gap := b.New[k-1] + 1; gap < n; gap++ {
					if gb := r.BlockOfNew(gap); !r.Blocks[gb].Moved {
						t.Errorf("block %d: new paragraphs %d and %d parted by new paragraph %d of block %d, which did not move", bi, b.New[k-1], n, gap, gb)
					}
				}
			}
			placed[n] = true
			for next < len(placed) && placed[next] {
				next++
			}
		}
	}
}

// stretchText is the text of sentence ref and the more sentences after it
// in its paragraph, as a pair covering them holds it.
func stretchText(d *diff.Document, ref diff.SentRef, more int) string {
	para := &d.Paragraphs[ref.Para]
	return para.Text[para.Sentences[ref.Sent].Start:para.Sentences[ref.Sent+more].End]
}

// covers reports whether a pair side starting at start and covering more
// further sentences includes ref.
func covers(start diff.SentRef, more int, ref diff.SentRef) bool {
	return start.Para == ref.Para && start.Sent <= ref.Sent && ref.Sent <= start.Sent+more
}

// findBlock returns the block holding the new paragraph that starts with
// prefix, or the old one when there is no such new paragraph.
func findBlock(t *testing.T, r *diff.Result, prefix string) *diff.Block {
	t.Helper()
	for i, p := range r.New.Paragraphs {
		if strings.HasPrefix(p.Text, prefix) {
			return &r.Blocks[r.BlockOfNew(i)]
		}
	}
	for i, p := range r.Old.Paragraphs {
		if strings.HasPrefix(p.Text, prefix) {
			return &r.Blocks[r.BlockOfOld(i)]
		}
	}
	t.Fatalf("no paragraph starts with %q", prefix)
	return nil
}

func seedDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("seed pair not present:", err)
	}
	return dir
}

func TestSeedPair(t *testing.T) {
	dir := seedDir(t)
	r := diff.Compare(load(t, filepath.Join(dir, "anchorage-v1-original.txt")),
		load(t, filepath.Join(dir, "anchorage-v2-syndicated.txt")), nil)
	checkInvariants(t, r)

	oldText := func(b *diff.Block) string {
		var s []string
		for _, o := range b.Old {
			s = append(s, r.Old.Paragraphs[o].Text)
		}
		return strings.Join(s, " | ")
	}

	// Old ¶3's last clause became the start of new ¶6, with new ¶5 moved in
	// between: one split block (old ¶3 → new ¶4+¶6), and the split-off
	// sentence points at the sentence it was cut from, its words diffed
	// against the clause that sentence lost.
	split := findBlock(t, r, "The event followed the longest")
	if !slices.Equal(split.Old, []int{2}) || !slices.Equal(split.New, []int{3, 5}) || split.Kind != diff.Changed {
		t.Errorf("The event followed…: block %v → %v kind %v, want the split old ¶3 → new ¶4+¶6", split.Old, split.New, split.Kind)
	}
	for _, p := range split.Pairs {
		if !strings.HasPrefix(p.New, "The event followed") {
			continue
		}
		if p.Kind != diff.Added || p.PartOf == nil || !strings.HasPrefix(r.Old.Paragraphs[p.PartOf.Para].Sentences[p.PartOf.Sent].Text, "“There’s no deal") {
			t.Errorf("The event followed…: %v, PartOf %v, want added from the old “There’s no deal…” sentence", p.Kind, p.PartOf)
		}
		var carried, fresh []string
		for _, w := range p.From {
			switch w.Op {
			case diff.OpEqual:
				carried = append(carried, strings.TrimSpace(w.Text))
			case diff.OpInsert:
				fresh = append(fresh, strings.TrimSpace(w.Text))
			}
		}
		if got := strings.Join(carried, " "); got != "followed the longest ever face-to-face meeting between the two leaders" {
			t.Errorf("The event followed…: carried over %q", got)
		}
		if got := strings.Join(fresh, " "); got != "The event ." {
			t.Errorf("The event followed…: new words %q", got)
		}
	}

	// Old ¶11 was merged into new ¶7 far above: a ghost marks where it
	// stood, after the block of old ¶9 (its last old predecessor in place).
	ghosted := false
	for _, g := range r.Ghosts {
		if g.Old != 10 {
			continue
		}
		ghosted = true
		if !slices.Contains(r.Blocks[g.Block].Old, 10) || !slices.Equal(r.Blocks[g.Block].New, []int{6}) {
			t.Errorf("ghost of old ¶11: block %d is %v → %v, want the merge into new ¶7", g.Block, r.Blocks[g.Block].Old, r.Blocks[g.Block].New)
		}
		if g.At < 1 || g.At > len(r.Blocks) || !slices.Contains(r.Blocks[g.At-1].Old, 8) {
			t.Errorf("ghost of old ¶11 at block %d, want right after the block of old ¶9", g.At)
		}
	}
	if !ghosted {
		t.Errorf("no ghost for old ¶11, merged into new ¶7: %+v", r.Ghosts)
	}

	for _, prefix := range []string{"Putin spoke first", "Ahead of the talks European allies"} {
		b := findBlock(t, r, prefix)
		if !b.Moved || b.Kind != diff.Changed {
			t.Errorf("%q: kind %v moved %v, want changed and moved (old: %s)", prefix, b.Kind, b.Moved, oldText(b))
		}
	}
	if b := findBlock(t, r, "Putin spoke first"); len(b.Old) != 1 || !strings.HasPrefix(r.Old.Paragraphs[b.Old[0]].Text, "Putin cast the conversations") {
		t.Errorf("Putin spoke first: aligned with %s", oldText(b))
	}

	merge := findBlock(t, r, "“We had a very productive meeting")
	if !merge.IsMerge() || !strings.Contains(oldText(merge), "Trump said he would discuss") {
		t.Errorf("We had a very productive meeting: old %v (%s), want a merge with “Trump said he would discuss…”", merge.Old, oldText(merge))
	}

	media := findBlock(t, r, "The media event")
	if media.Kind != diff.Changed || !strings.HasPrefix(oldText(media), "The press event") {
		t.Errorf("The media event: kind %v, old %s", media.Kind, oldText(media))
	}

	// with → without is a word change inside the "Ahead of the talks" sentence.
	ahead := findBlock(t, r, "Ahead of the talks European allies")
	found := false
	for _, p := range ahead.Pairs {
		for i, w := range p.Words {
			if w.Op == diff.OpDelete && strings.TrimSpace(w.Text) == "with" &&
				i+1 < len(p.Words) && p.Words[i+1].Op == diff.OpInsert && strings.TrimSpace(p.Words[i+1].Text) == "without" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("with → without not found as a word change in %+v", ahead.Pairs)
	}

	for _, prefix := range []string{
		"Trump says talks with Putin", "Published in News & Features",
		"“I’m going to start making a few phone calls", "Samuel Charap", "_____", "Comments",
	} {
		if b := findBlock(t, r, prefix); b.Kind != diff.Added {
			t.Errorf("%q: kind %v, want added", prefix, b.Kind)
		}
	}
	if r.Stats.OldParagraphs != len(r.Old.Paragraphs) || r.Stats.NewParagraphs != len(r.New.Paragraphs) {
		t.Errorf("stats paragraphs %d/%d", r.Stats.OldParagraphs, r.Stats.NewParagraphs)
	}
}

func TestCompareShapes(t *testing.T) {
	a := "The council met on Tuesday to discuss the harbour budget for next year."
	b := "Residents packed the hall and several speakers asked for more ferry services."
	c := "The mayor said the vote would come before the end of the month."
	d := "Officials expect the new terminal to open in the spring of 2027."
	tests := []struct {
		name     string
		old, new []string
		check    func(t *testing.T, r *diff.Result)
	}{
		{"identical", []string{a, b}, []string{a, b}, func(t *testing.T, r *diff.Result) {
			if !r.Equal() || len(r.Blocks) != 2 {
				t.Errorf("want 2 equal blocks, got %+v", r.Blocks)
			}
		}},
		{"empty old", nil, []string{a, b}, func(t *testing.T, r *diff.Result) {
			if r.Stats.Added != 2 || r.Equal() {
				t.Errorf("want 2 added, got %+v", r.Stats)
			}
		}},
		{"both empty", nil, nil, func(t *testing.T, r *diff.Result) {
			if !r.Equal() || len(r.Blocks) != 0 {
				t.Errorf("want nothing, got %+v", r.Blocks)
			}
		}},
		{"moved", []string{a, b, c, d}, []string{c, a, b, d}, func(t *testing.T, r *diff.Result) {
			if r.Stats.Moved != 1 || r.Stats.Equal != 4 {
				t.Errorf("want one moved of 4 equal, got %+v", r.Stats)
			}
			b0 := r.Blocks[0]
			if !b0.Moved || b0.Old[0] != 2 || b0.Origin != 3 {
				t.Errorf("first block %+v, want old ¶2 moved from before block 3", b0)
			}
		}},
		{"split", []string{a + " " + b, c}, []string{a, b, c}, func(t *testing.T, r *diff.Result) {
			if r.Stats.Split != 1 || !r.Blocks[0].IsSplit() {
				t.Errorf("want a split, got %+v", r.Blocks)
			}
		}},
		{"merge", []string{a, b, c}, []string{a + " " + b, c}, func(t *testing.T, r *diff.Result) {
			if r.Stats.Merged != 1 || !r.Blocks[0].IsMerge() {
				t.Errorf("want a merge, got %+v", r.Blocks)
			}
		}},
		{"removed stays in place", []string{a, b, c}, []string{a, c}, func(t *testing.T, r *diff.Result) {
			if len(r.Blocks) != 3 || r.Blocks[1].Kind != diff.Removed || r.Blocks[1].Old[0] != 1 {
				t.Errorf("want a, -b, c; got %+v", r.Blocks)
			}
		}},
		{"one word", []string{"Allies fear a deal with the consent of Kyiv."}, []string{"Allies fear a deal without the consent of Kyiv."},
			func(t *testing.T, r *diff.Result) {
				p := r.Blocks[0].Pairs[0]
				want := []diff.Word{{diff.OpEqual, "Allies fear a deal "}, {diff.OpDelete, "with"}, {diff.OpInsert, "without"}, {diff.OpEqual, " the consent of Kyiv."}}
				if len(p.Words) != len(want) {
					t.Fatalf("words %+v, want %+v", p.Words, want)
				}
				for i := range want {
					if p.Words[i] != want[i] {
						t.Errorf("word %d: %+v, want %+v", i, p.Words[i], want[i])
					}
				}
			}},
		{"sentences joined", []string{"There were many points that we agreed on, most of them. I would say a couple of big ones remain open, the mayor added."},
			[]string{"There were many points that we agreed on — most of them I would say — a couple of big ones remain open, the mayor said."},
			func(t *testing.T, r *diff.Result) {
				b := r.Blocks[0]
				if len(b.Pairs) != 1 {
					t.Fatalf("want one pair covering both old sentences, got %+v", b.Pairs)
				}
				p := b.Pairs[0]
				if p.Kind != diff.Changed || p.OldRef != (diff.SentRef{Para: 0, Sent: 0}) || p.OldMore != 1 || p.NewMore != 0 {
					t.Errorf("pair %+v", p)
				}
				var del []string
				for _, w := range p.Words {
					if w.Op == diff.OpDelete {
						del = append(del, w.Text)
					}
				}
				if strings.Join(del, "|") != ",|.|added" {
					t.Errorf("deleted words %q, want only the comma, the full stop and “added”", del)
				}
			}},
		{"sentence split", []string{"Rescuers pulled 48 people from the water, and 11 of them were taken to the regional hospital."},
			[]string{"Rescuers pulled 48 people from the water. Eleven of them were taken to the regional hospital."},
			func(t *testing.T, r *diff.Result) {
				b := r.Blocks[0]
				if len(b.Pairs) != 1 || b.Pairs[0].NewMore != 1 || b.Pairs[0].Kind != diff.Changed {
					t.Errorf("want one changed pair covering both new sentences, got %+v", b.Pairs)
				}
			}},
		{"sentence moved between paragraphs", []string{a + " " + b + " " + c, d}, []string{a + " " + c, d + " " + b},
			func(t *testing.T, r *diff.Result) {
				_, p := r.NewPair(diff.SentRef{Para: 1, Sent: 1})
				if !p.Moved || p.Kind != diff.Equal || p.OldRef != (diff.SentRef{Para: 0, Sent: 1}) {
					t.Errorf("moved sentence pair %+v", p)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := diff.Compare(doc("old", tt.old...), doc("new", tt.new...), nil)
			checkInvariants(t, r)
			tt.check(t, r)
		})
	}
}

// TestGroupingScaling measures the shapes that once made grouping
// quadratic: one old paragraph split into thousands of new ones of varied
// length (the split edges arrive out of reading order and wait for their
// neighbours), and thousands merged into one (each join copied its group).
// Eight times the paragraphs may cost at most 24 times the allocations
// (n log n with slack; the copying joins grew with the square). With
// STORYDIFF_TIMING=1 the wall-clock time is held to the same ratio
// (quadratic grouping cost about 60 times).
func TestGroupingScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("16000 paragraphs")
	}
	sentences := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("Sentence number %d tells %s of item %d.", i, strings.Repeat(fmt.Sprintf("w%dx ", i), 1+(i*7919)%13), i*7)
		}
		return out
	}
	compare := func(old, new *diff.Document) {
		if r := diff.Compare(old, new, nil); len(r.Blocks) != 1 {
			t.Fatalf("%d blocks, want one split or merge block", len(r.Blocks))
		}
	}
	best := func(old, new *diff.Document) time.Duration {
		var b time.Duration
		for range 3 {
			start := time.Now()
			compare(old, new)
			if el := time.Since(start); b == 0 || el < b {
				b = el
			}
		}
		return b
	}
	for _, shape := range []string{"split", "merge"} {
		var times [2]time.Duration
		var costs [2]scaling.Cost
		for i, n := range []int{2000, 16000} {
			ss := sentences(n)
			old, new := doc("whole", strings.Join(ss, " ")), doc("parts", ss...)
			if shape == "merge" {
				old, new = new, old
			}
			costs[i] = scaling.Measure(func() { compare(old, new) })
			if scaling.Timing() {
				times[i] = best(old, new)
			}
		}
		scaling.Near(t, shape+" 2000 -> 16000 paragraphs", costs[0], costs[1], 24, scaling.Cost{})
		if !scaling.Timing() {
			continue
		}
		ratio := float64(times[1]) / float64(times[0])
		t.Logf("%s: 2000 paragraphs %v, 16000 %v, ratio %.1f", shape, times[0], times[1], ratio)
		if ratio > 24 {
			t.Errorf("%s: 8× the paragraphs took %.1f× the time: grouping is not near-linear", shape, ratio)
		}
	}
}
