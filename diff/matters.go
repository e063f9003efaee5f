package diff

import (
	"math/bits"
	"slices"
)

// Matter is one entry of What matters (Result.Matters): a flagged change
// or a story finding. The list is computed once, when the Result is
// classified, in the one order every view and export shows it:
//
//  1. corrections, clarifications, editor's notes and update notices
//     added or removed (FindingCorrectionAdded, FindingCorrectionRemoved);
//  2. the flagged changes by their most important flag (negation,
//     reversal, number, quote, name, attribution), edits of text that
//     stayed before whole sentences and paragraphs added or removed, then
//     in reading order;
//  3. the other findings (lede, dateline, reordered, trimmed) in their
//     order.
//
// A paragraph added or removed whole is one entry, flagged as a block
// (Pair -1), however many of its sentences carry a flag.
type Matter struct {
	// Finding is the index in Result.Findings of a finding, or -1 for a
	// flagged change.
	Finding int
	// Flags are the flags of a flagged change (0 for a finding).
	Flags Flag
	// Block is the block of the change, or the finding's first block (-1
	// when it names none).
	Block int
	// Pair is the index in Block.Pairs of a changed, added or removed
	// sentence, or -1 for a whole block (or a finding).
	Pair int
	// Run is the index in the pair's Runs of a flagged run of a changed
	// sentence, or -1 for a whole sentence or block (or a finding).
	Run int
}

// IsFinding reports whether the entry is a finding rather than a flagged
// change.
func (m Matter) IsFinding() bool { return m.Finding >= 0 }

// priority is the rank of the most important flag in f (0 for negation,
// the lowest bit; 16 for none).
func priority(f Flag) int { return bits.TrailingZeros16(uint16(f)) }

// IsWhole reports whether the block was added or removed whole (every
// sentence of its paragraphs is new or gone): such a block is flagged once,
// as a block, in Block.Flags; its pairs carry no flags.
func (b *Block) IsWhole() bool { return b.Kind == Added || b.Kind == Removed }

// PairFlags returns the flags shown with pair i of the block: the pair's
// own, or, in a block added or removed whole, the block's flags with its
// first pair (and none with the others).
func (b *Block) PairFlags(i int) Flag {
	if b.IsWhole() {
		if i == 0 {
			return b.wholeFlags()
		}
		return 0
	}
	return b.Pairs[i].Flags
}

// wholeFlags returns the flags of a block added or removed whole: its own
// and any its pairs carry (a Result assembled by hand may flag the pairs).
func (b *Block) wholeFlags() Flag {
	f := b.Flags
	for i := range b.Pairs {
		f |= b.Pairs[i].Flags
	}
	return f
}

// wholeBlockFlags moves the flags of the pairs of a block added or removed
// whole to the block: one flag for the paragraph, not one per sentence.
func wholeBlockFlags(b *Block) {
	if !b.IsWhole() {
		return
	}
	for i := range b.Pairs {
		b.Flags |= b.Pairs[i].Flags
		b.Pairs[i].Flags = 0
	}
}

// OrderMatters builds the ordered What matters list of a classified
// Result from its blocks and findings: what Compare and Assemble store in
// Result.Matters. A caller that builds or amends a Result by hand calls it
// again.
func OrderMatters(r *Result) []Matter {
	var out []Matter
	finding := func(i int) Matter {
		m := Matter{Finding: i, Block: -1, Pair: -1, Run: -1}
		if len(r.Findings[i].Blocks) > 0 {
			m.Block = r.Findings[i].Blocks[0]
		}
		return m
	}
	for i := range r.Findings {
		if IsCorrection(r.Findings[i].Kind) {
			out = append(out, finding(i))
		}
	}
	type cand struct {
		m     Matter
		whole bool
	}
	var flagged []cand
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		if b.Boilerplate != "" {
			continue
		}
		if b.IsWhole() {
			if f := b.wholeFlags(); f != 0 {
				flagged = append(flagged, cand{Matter{Finding: -1, Flags: f, Block: bi, Pair: -1, Run: -1}, true})
			}
			continue
		}
		for pi := range b.Pairs {
			p := &b.Pairs[pi]
			switch p.Kind {
			case Added, Removed:
				if p.Flags != 0 {
					flagged = append(flagged, cand{Matter{Finding: -1, Flags: p.Flags, Block: bi, Pair: pi, Run: -1}, true})
				}
			case Changed:
				if len(p.Runs) == 0 && p.Flags != 0 { // not classified (a Result assembled by hand)
					flagged = append(flagged, cand{Matter{Finding: -1, Flags: p.Flags, Block: bi, Pair: pi, Run: -1}, false})
				}
				for ri, run := range p.Runs {
					if run.Flags != 0 {
						flagged = append(flagged, cand{Matter{Finding: -1, Flags: run.Flags, Block: bi, Pair: pi, Run: ri}, false})
					}
				}
			}
		}
	}
	slices.SortStableFunc(flagged, func(a, b cand) int {
		if pa, pb := priority(a.m.Flags), priority(b.m.Flags); pa != pb {
			return pa - pb
		}
		switch {
		case a.whole == b.whole:
			return 0
		case b.whole:
			return -1
		}
		return 1
	})
	for _, c := range flagged {
		out = append(out, c.m)
	}
	for i := range r.Findings {
		if !IsCorrection(r.Findings[i].Kind) {
			out = append(out, finding(i))
		}
	}
	return out
}
