package tui

import (
	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// goTo puts the cursor on the entry showing pair pi of block bi (the
// block's row outside Sentences mode), unfolding if it is folded, and
// remembers where it came from for backspace.
func (p *pane) goTo(bi, pi int) {
	if bi < 0 || bi >= len(p.r.Blocks) {
		return
	}
	t := -1
	find := func() {
		t = -1
		for i, e := range p.entries {
			if e.Kind == render.RowGhost {
				continue
			}
			if e.Block == bi && (p.mode != render.Sentences || pi < 0 || e.Pair == pi) {
				t = i
				return
			}
		}
	}
	find()
	if t < 0 && p.fold {
		p.setView(p.mode, false)
		find()
	}
	if t < 0 {
		t = p.entryOfBlock(bi)
	}
	if p.cursor < len(p.entries) && t != p.cursor {
		p.jumps = append(p.jumps, p.entries[p.cursor])
	}
	p.moveCursor(t, true)
}

// entryOfBlock returns the index of the entry showing block b (the fold
// holding it, the first sentence of it), or 0.
func (p *pane) entryOfBlock(b int) int {
	best := 0
	for i, e := range p.entries {
		switch e.Kind {
		case render.RowGhost:
			continue
		case render.RowFold:
			if p.mode != render.Sentences && b >= e.Block && b < e.Block+e.Count {
				return i
			}
		}
		if e.Block == b {
			return i
		}
		if e.Block < b {
			best = i
		}
	}
	return best
}

// jumpTarget returns the entry to go to from entry i with enter: the ghost
// of a moved block, the moved block of a ghost, the block a moved sentence
// came from or went to, or the sentence a "from ¶N" or "into ¶N" note
// points at (a clause split off into its own paragraph, a sentence merged
// into another); -1 if none. A target in a fold opens that fold.
func (p *pane) jumpTarget(i int) int {
	if i < 0 || i >= len(p.entries) {
		return -1
	}
	e := p.entries[i]
	r := p.r
	switch {
	case e.Kind == render.RowGhost:
		return p.locate(render.RowBlock, e.Block, -1)
	case e.Kind == render.RowSentence:
		return p.sentenceTarget(&r.Blocks[e.Block].Pairs[e.Pair], e.Block)
	case e.Kind != render.RowBlock:
		return -1
	case r.Blocks[e.Block].Moved:
		return p.locate(render.RowGhost, e.Block, -1)
	}
	b := &r.Blocks[e.Block]
	// A sentence that came from another block's paragraph.
	for k := range b.Pairs {
		if pr := &b.Pairs[k]; pr.Moved && !pr.OldRef.IsNone() {
			if ob := r.BlockOfOld(pr.OldRef.Para); ob != e.Block {
				return p.locate(render.RowBlock, ob, -1)
			}
		}
	}
	// A sentence of this block's old paragraphs that went elsewhere.
	for _, op := range b.Old {
		for s := range r.Old.Paragraphs[op].Sentences {
			if ob, _ := r.OldPair(diff.SentRef{Para: op, Sent: s}); ob != e.Block {
				return p.locate(render.RowBlock, ob, -1)
			}
		}
	}
	// A from ¶N / into ¶N note.
	for k := range b.Pairs {
		if ob, _, ok := p.partOf(&b.Pairs[k]); ok && ob != e.Block {
			return p.locate(render.RowBlock, ob, -1)
		}
	}
	return -1
}

// sentenceTarget is jumpTarget for the row of pair pr of block bi in the
// sentence view.
func (p *pane) sentenceTarget(pr *diff.Pair, bi int) int {
	r := p.r
	if ob, opi, ok := p.partOf(pr); ok {
		return p.locate(render.RowSentence, ob, opi)
	}
	if !pr.Moved || pr.OldRef.IsNone() || !hasSentence(r.Old, pr.OldRef) {
		return -1
	}
	// Where it stood: the first sentence row of the block holding its old
	// paragraph.
	if ob := r.BlockOfOld(pr.OldRef.Para); ob != bi {
		return p.locate(render.RowSentence, ob, -1)
	}
	return -1
}

// partOf returns the block and pair a from ¶N / into ¶N note of pr points
// at.
func (p *pane) partOf(pr *diff.Pair) (block, pair int, ok bool) {
	if pr.PartOf == nil {
		return 0, 0, false
	}
	var b int
	var to *diff.Pair
	switch {
	case pr.Kind == diff.Added && hasSentence(p.r.Old, *pr.PartOf):
		b, to = p.r.OldPair(*pr.PartOf)
	case pr.Kind == diff.Removed && hasSentence(p.r.New, *pr.PartOf):
		b, to = p.r.NewPair(*pr.PartOf)
	default:
		return 0, 0, false
	}
	for k := range p.r.Blocks[b].Pairs {
		if &p.r.Blocks[b].Pairs[k] == to {
			return b, k, true
		}
	}
	return b, -1, true
}

// locate returns the entry of kind for block bi (and pair pi, -1: its
// first), opening the fold that holds it; -1 if there is none.
func (p *pane) locate(kind render.RowKind, bi, pi int) int {
	find := func() (int, int) {
		fold := -1
		for j, f := range p.entries {
			switch {
			case f.Kind == kind && f.Block == bi && (pi < 0 || f.Pair == pi):
				return j, -1
			case f.Kind == render.RowFold && fold < 0 && p.folds(f, bi, pi):
				fold = j
			}
		}
		return -1, fold
	}
	t, fold := find()
	if t < 0 && fold >= 0 {
		if p.opened == nil {
			p.opened = map[render.Entry]bool{}
		}
		p.opened[p.entries[fold]] = true
		p.rebuild()
		t, _ = find()
	}
	return t
}

// folds reports whether fold entry f stands for block bi (pair pi).
func (p *pane) folds(f render.Entry, bi, pi int) bool {
	if p.mode != render.Sentences {
		return bi >= f.Block && bi < f.Block+f.Count
	}
	// In the sentence view a fold counts pairs from (Block, Pair).
	b, k := f.Block, f.Pair
	for n := 0; n < f.Count && b < len(p.r.Blocks); n++ {
		if b == bi && (pi < 0 || k == pi) {
			return true
		}
		if k++; k >= len(p.r.Blocks[b].Pairs) {
			b, k = b+1, 0
		}
	}
	return false
}

// jump follows enter from the cursor; it reports whether there was
// anywhere to go.
func (p *pane) jump() bool {
	if p.cursor < 0 || p.cursor >= len(p.entries) {
		return false
	}
	from := p.entries[p.cursor]
	t := p.jumpTarget(p.cursor)
	if t < 0 {
		return false
	}
	// Enter on the place we just came to returns.
	if n := len(p.jumps); n > 0 && p.entries[t] == p.jumps[n-1] {
		p.jumps = p.jumps[:n-1]
	} else {
		p.jumps = append(p.jumps, from)
	}
	p.moveCursor(t, true)
	return true
}

// back returns to where the last jump started; it reports whether there
// was a jump to undo.
func (p *pane) back() bool {
	n := len(p.jumps)
	if n == 0 {
		return false
	}
	e := p.jumps[n-1]
	p.jumps = p.jumps[:n-1]
	for i, f := range p.entries {
		if f == e {
			p.moveCursor(i, true)
			return true
		}
	}
	return false
}
