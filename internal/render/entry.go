package render

import "github.com/storydiff/storydiff/diff"

// Mode selects a layout.
type Mode uint8

// The layouts.
const (
	SideBySide Mode = iota // old left, new right, one row per block
	Inline                 // one column, deletions and insertions in place
	Sentences              // old left, new right, one row per sentence pair
)

var modeNames = [...]string{"side-by-side", "inline", "sentences"}

// String returns side-by-side, inline or sentences.
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return "unknown"
}

// RowKind says what a row shows.
type RowKind uint8

// The kinds of row.
const (
	RowBlock    RowKind = iota // one aligned block of paragraphs
	RowGhost                   // where a moved block stood in the old version
	RowFold                    // a run of unchanged blocks or pairs, folded
	RowSentence                // one sentence pair (Sentences mode)
)

// Entry is one row to draw, before layout: cheap to list for a whole result.
type Entry struct {
	Kind RowKind
	// Block is the block shown (RowBlock, RowSentence), the moved block
	// (RowGhost) or the first folded block (RowFold).
	Block int
	// Pair is the pair shown by a RowSentence, or the first pair folded in
	// Sentences mode.
	Pair int
	// Count is the number of blocks (or pairs, in Sentences mode) a RowFold
	// stands for.
	Count int
}

// IsChange reports whether the entry shows a change in the view v: a
// changed, added, removed or moved block or pair, or a ghost, but not a
// block that v.BlockHidden reports or a pair whose runs are all hidden.
func (e Entry) IsChange(v diff.View) bool {
	switch e.Kind {
	case RowBlock:
		return v.BlockChanged(e.Block)
	case RowSentence:
		p := &v.Result.Blocks[e.Block].Pairs[e.Pair]
		return (p.Kind != diff.Equal || p.Moved) && !v.PairHidden(p)
	case RowGhost:
		return true
	}
	return false
}

// Flags returns the flags the entry shows in the view v: those of its pair
// (a RowSentence) or of its block's pairs (a RowBlock), not counting runs
// v hides. Folds and ghosts have none.
func (e Entry) Flags(v diff.View) diff.Flag {
	r := v.Result
	switch e.Kind {
	case RowBlock:
		_, f := v.BlockVisible(&r.Blocks[e.Block])
		return f
	case RowSentence:
		if r.Blocks[e.Block].Boilerplate != "" {
			return 0
		}
		_, f := v.PairVisible(&r.Blocks[e.Block].Pairs[e.Pair])
		return f
	}
	return 0
}

// Entries lists the rows of the view v in the given mode. Moved blocks
// leave a ghost row where they stood (in SideBySide and Inline modes).
// With fold, each run of unchanged blocks (or pairs) becomes one RowFold;
// blocks and pairs that read as unchanged in v (see Entry.IsChange) are
// folded too.
func Entries(v diff.View, mode Mode, fold bool) []Entry {
	r := v.Result
	if r == nil {
		return nil
	}
	n := len(r.Blocks) + 1
	if mode == Sentences {
		n = r.Stats.SentencesEqual + r.Stats.SentencesChanged + r.Stats.SentencesAdded + r.Stats.SentencesRemoved + 1
	}
	if fold {
		n = n/4 + 1 // a guess; append grows it if need be
	}
	out := make([]Entry, 0, n)
	foldStart, foldN := Entry{}, 0
	flush := func() {
		if foldN > 0 {
			foldStart.Kind, foldStart.Count = RowFold, foldN
			out = append(out, foldStart)
			foldN = 0
		}
	}
	add := func(e Entry, unchanged bool) {
		if fold && unchanged {
			if foldN == 0 {
				foldStart = e
			}
			foldN++
			return
		}
		flush()
		out = append(out, e)
	}
	if mode == Sentences {
		for bi := range r.Blocks {
			for pi := range r.Blocks[bi].Pairs {
				p := &r.Blocks[bi].Pairs[pi]
				add(Entry{Kind: RowSentence, Block: bi, Pair: pi}, (p.Kind == diff.Equal && !p.Moved) || v.PairHidden(p))
			}
		}
		flush()
		return out
	}
	ghosts := ghostIndex(r)
	for bi := range r.Blocks {
		for _, g := range ghosts[bi] {
			flush()
			out = append(out, Entry{Kind: RowGhost, Block: g})
		}
		add(Entry{Kind: RowBlock, Block: bi}, !v.BlockChanged(bi))
	}
	flush()
	for _, g := range ghosts[len(r.Blocks)] {
		out = append(out, Entry{Kind: RowGhost, Block: g})
	}
	return out
}

// ghostIndex maps each block index (and len(Blocks)) to the moved blocks
// whose old paragraphs stood before it.
func ghostIndex(r *diff.Result) map[int][]int {
	g := map[int][]int{}
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		if !b.Moved || len(b.Old) == 0 {
			continue
		}
		o := b.Origin
		if o < 0 || o > len(r.Blocks) {
			o = len(r.Blocks)
		}
		g[o] = append(g[o], bi)
	}
	return g
}
