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
	RowGhost                   // where a moved block, or a paragraph merged away, stood in the old version
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
	// Merged is, for the RowGhost of a paragraph merged into a block far
	// from it (diff.Result.Ghosts), 1 + that old paragraph; Block is then
	// the merge block. 0 for the ghost of a moved block.
	Merged int
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
		return v.PairFlags(e.Block, e.Pair)
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
			out = append(out, g)
		}
		add(Entry{Kind: RowBlock, Block: bi}, !v.BlockChanged(bi))
	}
	flush()
	out = append(out, ghosts[len(r.Blocks)]...)
	return out
}

// ghostIndex maps each block index (and len(Blocks)) to the ghost rows
// before it: the moved blocks whose old paragraphs stood there, then the
// paragraphs merged away from there.
func ghostIndex(r *diff.Result) map[int][]Entry {
	g := map[int][]Entry{}
	at := func(o int) int {
		if o < 0 || o > len(r.Blocks) {
			return len(r.Blocks)
		}
		return o
	}
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		if !b.Moved || len(b.Old) == 0 {
			continue
		}
		o := at(b.Origin)
		g[o] = append(g[o], Entry{Kind: RowGhost, Block: bi})
	}
	for _, gh := range r.Ghosts {
		if gh.Block < 0 || gh.Block >= len(r.Blocks) {
			continue
		}
		o := at(gh.At)
		g[o] = append(g[o], Entry{Kind: RowGhost, Block: gh.Block, Merged: gh.Old + 1})
	}
	return g
}
