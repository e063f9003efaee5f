package diff_test

import (
	"reflect"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

func TestParseIgnore(t *testing.T) {
	tests := []struct {
		in      string
		want    diff.ClassMask
		wantErr bool
	}{
		{"", 0, false},
		{"none", 0, false},
		{"typography", diff.IgnoreTypography, false},
		{"style", diff.IgnoreStyle, false},
		{"typography,style", diff.IgnoreTypography | diff.IgnoreStyle, false},
		{" Style , TYPOGRAPHY ", diff.IgnoreTypography | diff.IgnoreStyle, false},
		{"style,style", diff.IgnoreStyle, false},
		{"wording", 0, true},
		{"typography,spelling", 0, true},
	}
	for _, tt := range tests {
		got, err := diff.ParseIgnore(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseIgnore(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil {
			back, err := diff.ParseIgnore(got.String())
			if err != nil || back != got {
				t.Errorf("ParseIgnore(%q.String() = %q) = %v, %v", tt.in, got.String(), back, err)
			}
		}
	}
	if m := diff.IgnoreTypography | diff.IgnoreStyle; !m.Has(diff.ClassStyle) || m.Has(diff.ClassWording) || m.Has(diff.ClassNone) {
		t.Errorf("mask %v: Has is wrong", m)
	}
}

// TestIgnoreLede hides typography and style on the lede fixture: the
// counts drop by exactly the hidden runs, every flagged change stays (the
// Kozlovskiy/Kozlovskyy respelling is style and NAME: it is never hidden),
// and the Result itself does not change.
func TestIgnoreLede(t *testing.T) {
	r := fixture(t, "lede")
	before := r.Stats
	blocksBefore := len(r.Blocks)

	if st, hidden := r.View(0).Stats(); st != r.Stats || hidden != 0 {
		t.Errorf("View(0).Stats() = %+v, %d; want r.Stats %+v, 0", st, hidden, r.Stats)
	}
	m := diff.IgnoreTypography | diff.IgnoreStyle
	v := r.View(m)
	st, hidden := v.Stats()

	// Count independently what m hides.
	wantHidden, hiddenPairs, hiddenBlocks := 0, 0, 0
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		if b.Boilerplate != "" {
			continue
		}
		allHidden := b.Kind == diff.Changed
		for pi := range b.Pairs {
			p := &b.Pairs[pi]
			visible := 0
			for _, run := range p.Runs {
				if (run.Class == diff.ClassTypography || run.Class == diff.ClassStyle) && run.Flags == 0 {
					wantHidden++
					if !v.RunHidden(run) {
						t.Errorf("block %d pair %d: %v run not hidden", bi, pi, run.Class)
					}
				} else {
					visible++
					if v.RunHidden(run) {
						t.Errorf("block %d pair %d: %v run hidden", bi, pi, run.Class)
					}
				}
			}
			if p.Kind == diff.Changed && visible == 0 {
				hiddenPairs++
				if !v.PairHidden(p) {
					t.Errorf("block %d pair %d: all runs hidden but pair not", bi, pi)
				}
			} else if v.PairHidden(p) {
				t.Errorf("block %d pair %d: %v pair with visible changes is hidden", bi, pi, p.Kind)
			}
			if p.Kind != diff.Equal && !v.PairHidden(p) {
				allHidden = false
			}
			if c, f := v.PairVisible(p); (c == diff.ClassTypography || c == diff.ClassStyle) && f == 0 {
				t.Errorf("block %d pair %d: visible unflagged class %v under %v", bi, pi, c, m)
			}
			if _, f := v.PairVisible(p); f != p.Flags {
				t.Errorf("block %d pair %d: visible flags %v, want all of %v", bi, pi, f, p.Flags)
			}
		}
		if allHidden {
			hiddenBlocks++
		}
		if v.BlockHidden(bi) != allHidden {
			t.Errorf("block %d: BlockHidden %v, want %v", bi, v.BlockHidden(bi), allHidden)
		}
	}
	if hidden != wantHidden || hidden == 0 {
		t.Errorf("hidden %d, want %d (> 0)", hidden, wantHidden)
	}
	if st.Typography != 0 || st.Style != 1 || st.Wording != before.Wording {
		t.Errorf("classes under %v: %+v (before %+v)", m, st, before)
	}
	if st.Negations != before.Negations || st.Numbers != before.Numbers || st.Quotes != before.Quotes ||
		st.Attributions != before.Attributions || st.Names != before.Names {
		t.Errorf("flag counts changed under %v: %+v, before %+v (a flagged change is never hidden)", m, st, before)
	}
	if st.SentencesChanged != before.SentencesChanged-hiddenPairs || st.SentencesEqual != before.SentencesEqual+hiddenPairs {
		t.Errorf("sentences under %v: %+v, before %+v, %d hidden pairs", m, st, before, hiddenPairs)
	}
	if st.Changed != before.Changed-hiddenBlocks || st.Equal != before.Equal+hiddenBlocks || hiddenBlocks != 2 {
		t.Errorf("blocks under %v: %d changed %d equal, before %d/%d, %d hidden (want 2: quotes, percent; Kozlovskyy is a NAME)",
			m, st.Changed, st.Equal, before.Changed, before.Equal, hiddenBlocks)
	}
	if st.WordsAdded >= before.WordsAdded || st.WordsRemoved >= before.WordsRemoved {
		t.Errorf("words under %v: +%d −%d, before +%d −%d", m, st.WordsAdded, st.WordsRemoved, before.WordsAdded, before.WordsRemoved)
	}
	// Ignoring is a view: the Result is untouched.
	if r.Stats != before || len(r.Blocks) != blocksBefore {
		t.Errorf("View.Stats changed the Result")
	}
}

func TestHiddenStructuralChanges(t *testing.T) {
	a := "The council met on Tuesday to discuss the US harbour budget for next year."
	b := "Residents packed the hall and several speakers asked for more ferry services."
	c := "The mayor said the vote would come before the end of the month."
	m := diff.IgnoreTypography | diff.IgnoreStyle
	var v diff.View
	// c moves to the top and a's US becomes U.S.: the style change hides,
	// the move does not.
	r := diff.Compare(doc("old", a, b, c), doc("new", c, "The council met on Tuesday to discuss the U.S. harbour budget for next year.", b), nil)
	v = r.View(m)
	for bi := range r.Blocks {
		blk := &r.Blocks[bi]
		if blk.Moved && v.BlockHidden(bi) {
			t.Errorf("moved block %d hidden", bi)
		}
	}
	st, hidden := r.View(m).Stats()
	if hidden != 1 || st.Moved != r.Stats.Moved || st.Moved == 0 {
		t.Errorf("hidden %d moved %d (was %d): want the style run hidden and the move kept", hidden, st.Moved, r.Stats.Moved)
	}
	// Added and removed sentences are never hidden.
	r = diff.Compare(doc("old", a, b), doc("new", a, c), nil)
	v = r.View(m)
	for bi := range r.Blocks {
		for pi := range r.Blocks[bi].Pairs {
			if p := &r.Blocks[bi].Pairs[pi]; p.Kind != diff.Equal && v.PairHidden(p) {
				t.Errorf("%v pair hidden", p.Kind)
			}
		}
	}
	if st, hidden := r.View(m).Stats(); !reflect.DeepEqual(st, r.Stats) || hidden != 0 {
		t.Errorf("ignoring changed the stats of a structural diff: %+v vs %+v", st, r.Stats)
	}
}

// TestAssembleCountsLikeView builds a Result by hand: Assemble's
// Stats are View(0).Stats()'s, so an added and a removed sentence count
// as wording changes and a boilerplate block counts apart.
func TestAssembleCountsLikeView(t *testing.T) {
	old := doc("old", "Byline.", "Gone now.")
	nw := doc("new", "Byline.", "Brand new words.")
	blocks := []diff.Block{
		{Kind: diff.Equal, Old: []int{0}, New: []int{0}, Origin: -1, Boilerplate: diff.BoilerByline, Pairs: []diff.Pair{
			{Kind: diff.Equal, OldRef: diff.SentRef{Para: 0}, NewRef: diff.SentRef{Para: 0}, Old: "Byline.", New: "Byline."}}},
		{Kind: diff.Removed, Old: []int{1}, Origin: -1, Pairs: []diff.Pair{
			{Kind: diff.Removed, OldRef: diff.SentRef{Para: 1}, NewRef: diff.None, Old: "Gone now."}}},
		{Kind: diff.Added, New: []int{1}, Origin: -1, Pairs: []diff.Pair{
			{Kind: diff.Added, OldRef: diff.None, NewRef: diff.SentRef{Para: 1}, New: "Brand new words."}}},
	}
	r, err := diff.Assemble(old, nw, blocks)
	if err != nil {
		t.Fatal(err)
	}
	want := diff.Stats{OldParagraphs: 2, NewParagraphs: 2, Added: 1, Removed: 1,
		SentencesAdded: 1, SentencesRemoved: 1, WordsAdded: 3, WordsRemoved: 2, Wording: 2, Boilerplate: 1,
		OldRemoved: 1, OldBoilerplate: 1, NewAdded: 1, NewBoilerplate: 1}
	if r.Stats != want {
		t.Errorf("Assemble stats\n%+v\nwant\n%+v", r.Stats, want)
	}
	if st, hidden := r.View(0).Stats(); st != r.Stats || hidden != 0 {
		t.Errorf("View(0).Stats() = %+v, %d; want r.Stats", st, hidden)
	}
}

// TestFlaggedNeverHidden: under every mask a change that carries a flag
// stays visible (a respelled surname is style and NAME), while unflagged
// typography and style changes are hidden.
func TestFlaggedNeverHidden(t *testing.T) {
	all := diff.IgnoreTypography | diff.IgnoreStyle
	tests := []struct {
		name, old, new string
		hidden         bool
	}{
		{"respelled surname", "The mayor, Anna Haverkamp, opened the bridge on Friday.",
			"The mayor, Anna Havercamp, opened the bridge on Friday.", false},
		{"transliteration", "The minister, Oleh Kozlovskiy, spoke to reporters in the capital.",
			"The minister, Oleh Kozlovskyy, spoke to reporters in the capital.", false},
		{"trap: spelling variant", "The council chose a new colour for the harbour ferries.",
			"The council chose a new color for the harbour ferries.", true},
		{"trap: curly quotes", `The sign read "closed" for most of the week.`,
			"The sign read “closed” for most of the week.", true},
		{"trap: abbreviation", "The US embassy issued a travel warning for the region.",
			"The U.S. embassy issued a travel warning for the region.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := diff.Compare(doc("old", tt.old), doc("new", tt.new), nil)
			v := r.View(all)
			if v.BlockHidden(0) != tt.hidden {
				t.Errorf("BlockHidden = %v, want %v (flags %v)", v.BlockHidden(0), tt.hidden, r.Blocks[0].Flags)
			}
			st, hidden := v.Stats()
			if tt.hidden {
				if hidden == 0 || st.Changed != 0 {
					t.Errorf("hidden %d, changed %d: want the change hidden", hidden, st.Changed)
				}
				return
			}
			if r.Blocks[0].Flags == 0 {
				t.Fatalf("no flag on %q → %q", tt.old, tt.new)
			}
			if _, f := v.BlockVisible(&r.Blocks[0]); f != r.Blocks[0].Flags {
				t.Errorf("visible flags %v, want %v", f, r.Blocks[0].Flags)
			}
			if hidden != 0 || st.Changed != 1 || st.Names != r.Stats.Names || st.Names == 0 {
				t.Errorf("hidden %d, changed %d, names %d (of %d): want the flagged change counted", hidden, st.Changed, st.Names, r.Stats.Names)
			}
		})
	}
}

// TestParagraphCountsReconcile: on every fixture and the seed pair, under
// every mask, each version's paragraph total is the sum of the categories
// the header shows, boilerplate included.
func TestParagraphCountsReconcile(t *testing.T) {
	results := map[string]*diff.Result{}
	for _, name := range []string{"lede", "boilerplate", "reordered", "split", "merged", "trimmed", "empty"} {
		results[name] = fixture(t, name)
	}
	for name, r := range results {
		for _, m := range []diff.ClassMask{0, diff.IgnoreTypography, diff.IgnoreTypography | diff.IgnoreStyle} {
			st, _ := r.View(m).Stats()
			if o := st.OldEqual + st.OldChanged + st.OldRemoved + st.OldBoilerplate; o != st.OldParagraphs || o != len(r.Old.Paragraphs) {
				t.Errorf("%s mask %v: old %d = %d+%d+%d+%d", name, m, st.OldParagraphs, st.OldEqual, st.OldChanged, st.OldRemoved, st.OldBoilerplate)
			}
			if n := st.NewEqual + st.NewChanged + st.NewAdded + st.NewBoilerplate; n != st.NewParagraphs || n != len(r.New.Paragraphs) {
				t.Errorf("%s mask %v: new %d = %d+%d+%d+%d", name, m, st.NewParagraphs, st.NewEqual, st.NewChanged, st.NewAdded, st.NewBoilerplate)
			}
		}
	}
}
