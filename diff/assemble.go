package diff

import (
	"fmt"

	"github.com/storydiff/storydiff/diff/segment"
)

// Assemble builds a Result from documents and blocks that are already
// aligned: it indexes paragraphs and sentences to their blocks and pairs and
// counts the statistics. Compare ends with it; tests use it to build exact
// results by hand. It returns an error if the blocks do not hold every
// paragraph and sentence of both documents exactly once.
func Assemble(old, new *Document, blocks []Block) (*Result, error) {
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
			if err := place(r.oldPair, b.Pairs[pi].OldRef, loc); err != nil {
				return nil, fmt.Errorf("assemble: block %d pair %d: old %w", bi, pi, err)
			}
			if err := place(r.newPair, b.Pairs[pi].NewRef, loc); err != nil {
				return nil, fmt.Errorf("assemble: block %d pair %d: new %w", bi, pi, err)
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
	r.Stats = r.count()
	return r, nil
}

func fillInts(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

func pairIndex(d *Document) [][]pairLoc {
	idx := make([][]pairLoc, len(d.Paragraphs))
	for p := range d.Paragraphs {
		row := make([]pairLoc, len(d.Paragraphs[p].Sentences))
		for s := range row {
			row[s] = pairLoc{-1, -1}
		}
		idx[p] = row
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

// count computes the statistics of r's blocks.
func (r *Result) count() Stats {
	st := Stats{OldParagraphs: len(r.Old.Paragraphs), NewParagraphs: len(r.New.Paragraphs)}
	for i := range r.Blocks {
		b := &r.Blocks[i]
		switch b.Kind {
		case Equal:
			st.Equal++
		case Changed:
			st.Changed++
		case Added:
			st.Added++
		case Removed:
			st.Removed++
		}
		if b.Moved {
			st.Moved++
		}
		if b.IsSplit() {
			st.Split++
		}
		if b.IsMerge() {
			st.Merged++
		}
		for j := range b.Pairs {
			p := &b.Pairs[j]
			if p.Moved {
				st.SentencesMoved++
			}
			switch p.Kind {
			case Equal:
				st.SentencesEqual++
			case Changed:
				st.SentencesChanged++
				for _, w := range p.Words {
					switch w.Op {
					case OpInsert:
						st.WordsAdded += segment.CountWords(w.Text)
					case OpDelete:
						st.WordsRemoved += segment.CountWords(w.Text)
					}
				}
			case Added:
				st.SentencesAdded++
				st.WordsAdded += segment.CountWords(p.New)
			case Removed:
				st.SentencesRemoved++
				st.WordsRemoved += segment.CountWords(p.Old)
			}
		}
	}
	return st
}
