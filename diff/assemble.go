package diff

import "fmt"

// Assemble builds a Result from documents and blocks that are already
// aligned: it indexes paragraphs and sentences to their blocks and pairs and
// counts the statistics as View(0).Stats() does (so Added and Removed
// sentences and the Runs set by hand count by class, and blocks with a
// Boilerplate label count apart). Compare ends with it; tests use it to build exact
// results by hand. It returns an error if the blocks do not hold every
// paragraph and sentence of both documents exactly once.
func Assemble(old, new *Document, blocks []Block) (*Result, error) {
	r, err := assemble(old, new, blocks)
	if err != nil {
		return nil, err
	}
	// The same count as View(0).Stats(): a hand-built Result reads the
	// same to views as one from Compare.
	r.Stats, _ = r.View(0).Stats()
	r.Matters = OrderMatters(r)
	return r, nil
}

// assemble is Assemble without the Stats and Matters: Compare annotates
// the Result next, which counts both again (counting them here too cost
// 10% of annotate on a 10 MB pair).
func assemble(old, new *Document, blocks []Block) (*Result, error) {
	r := &Result{Old: old, New: new, Blocks: blocks}
	r.oldBlock = fillInts(len(old.Paragraphs))
	r.newBlock = fillInts(len(new.Paragraphs))
	r.oldPair = pairIndex(old)
	r.newPair = pairIndex(new)
	for bi := range blocks {
		b := &blocks[bi]
		for _, p := range b.Old {
			if p < 0 || p >= len(old.Paragraphs) || r.oldBlock[p] >= 0 {
				return nil, fmt.Errorf("assemble: block %d: old paragraph %d out of range or repeated", bi, p)
			}
			r.oldBlock[p] = bi
		}
		for _, p := range b.New {
			if p < 0 || p >= len(new.Paragraphs) || r.newBlock[p] >= 0 {
				return nil, fmt.Errorf("assemble: block %d: new paragraph %d out of range or repeated", bi, p)
			}
			r.newBlock[p] = bi
		}
		for pi := range b.Pairs {
			loc := pairLoc{int32(bi), int32(pi)}
			pr := &b.Pairs[pi]
			for k := 0; k <= pr.OldMore && !pr.OldRef.IsNone(); k++ {
				ref := SentRef{pr.OldRef.Para, pr.OldRef.Sent + k}
				if err := place(r.oldPair, ref, loc); err != nil {
					return nil, fmt.Errorf("assemble: block %d pair %d: old %w", bi, pi, err)
				}
			}
			for k := 0; k <= pr.NewMore && !pr.NewRef.IsNone(); k++ {
				ref := SentRef{pr.NewRef.Para, pr.NewRef.Sent + k}
				if err := place(r.newPair, ref, loc); err != nil {
					return nil, fmt.Errorf("assemble: block %d pair %d: new %w", bi, pi, err)
				}
			}
		}
	}
	for p, b := range r.oldBlock {
		if b < 0 {
			return nil, fmt.Errorf("assemble: old paragraph %d is in no block", p)
		}
	}
	for p, b := range r.newBlock {
		if b < 0 {
			return nil, fmt.Errorf("assemble: new paragraph %d is in no block", p)
		}
	}
	if err := complete(r.oldPair); err != nil {
		return nil, fmt.Errorf("assemble: old %w", err)
	}
	if err := complete(r.newPair); err != nil {
		return nil, fmt.Errorf("assemble: new %w", err)
	}
	return r, nil
}

func fillInts(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

// pairIndex returns the sentence → pair index of d, every entry unset.
// The rows are cut from one array: a row per paragraph was 130 K
// allocations on a 10 MB pair.
func pairIndex(d *Document) [][]pairLoc {
	n := 0
	for p := range d.Paragraphs {
		n += len(d.Paragraphs[p].Sentences)
	}
	all := make([]pairLoc, n)
	for i := range all {
		all[i] = pairLoc{-1, -1}
	}
	idx := make([][]pairLoc, len(d.Paragraphs))
	for p := range d.Paragraphs {
		k := len(d.Paragraphs[p].Sentences)
		idx[p], all = all[:k:k], all[k:]
	}
	return idx
}

func place(idx [][]pairLoc, ref SentRef, loc pairLoc) error {
	if ref.IsNone() {
		return nil
	}
	if ref.Para >= len(idx) || ref.Sent < 0 || ref.Sent >= len(idx[ref.Para]) {
		return fmt.Errorf("sentence %d.%d out of range", ref.Para, ref.Sent)
	}
	if idx[ref.Para][ref.Sent].block >= 0 {
		return fmt.Errorf("sentence %d.%d is in two pairs", ref.Para, ref.Sent)
	}
	idx[ref.Para][ref.Sent] = loc
	return nil
}

func complete(idx [][]pairLoc) error {
	for p, row := range idx {
		for s, l := range row {
			if l.block < 0 {
				return fmt.Errorf("sentence %d.%d is in no pair", p, s)
			}
		}
	}
	return nil
}
