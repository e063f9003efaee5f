package diff

import (
	"fmt"

	"github.com/storydiff/storydiff/diff/internal/segment"
)

// The kinds of Finding, in the order findings are listed (top of the story
// to the bottom).
const (
	// FindingLede: the new version opens differently. The first story
	// paragraph of new is not in the block of the first story paragraph
	// of old, or at least half of the words of its first sentence (or
	// sentences, up to 15 words) are new: added, moved in or inserted by
	// wording runs.
	FindingLede = "lede"
	// FindingDateline: a dateline was glued to (or removed from) the start
	// of a story paragraph that is otherwise unchanged; the paragraph is
	// story text, the dateline run is ClassStyle.
	FindingDateline = "dateline"
	// FindingReordered: story paragraphs were moved (Block.Moved).
	FindingReordered = "reordered"
	// FindingTrimmed: story paragraphs at the end of old were removed
	// (boilerplate after them is skipped).
	FindingTrimmed = "trimmed"
	// FindingError: the alignment failed (a bug of this package, never of
	// the input) and the versions are shown whole, every old paragraph
	// removed and every new one added; Text names the error.
	FindingError = "error"
)

// ledeRewrite is the share of the lede's words that must be new for the
// lede to count as rewritten; the lede is the first sentences of the first
// story paragraph, up to ledeWords words.
const (
	ledeRewrite = 0.5
	ledeWords   = 15
)

// findings returns the story-level findings of an annotated Result (block
// labels set, pairs classified).
func findings(r *Result, datelines []datelineChange) []Finding {
	out := noticeFindings(r)
	story := func(b int) bool { return r.Blocks[b].Boilerplate == "" }
	if f, ok := ledeFinding(r, story); ok {
		out = append(out, f)
	}
	for _, d := range datelines {
		b := &r.Blocks[d.block]
		verb, n := "added to", b.New
		if d.removed {
			verb, n = "removed from", b.Old
		}
		if len(n) == 0 {
			continue
		}
		out = append(out, Finding{Kind: FindingDateline, Blocks: []int{d.block},
			Text: fmt.Sprintf("dateline %s ¶%d: %s", verb, n[0]+1, d.text)})
	}
	var moved []int
	nMoved := 0
	for i := range r.Blocks {
		if r.Blocks[i].Moved && story(i) {
			moved = append(moved, i)
			nMoved += len(r.Blocks[i].Old)
		}
	}
	if nMoved > 0 {
		out = append(out, Finding{Kind: FindingReordered, Blocks: moved,
			Text: fmt.Sprintf("%d %s moved", nMoved, plural(nMoved, "paragraph", "paragraphs"))})
	}
	if f, ok := trimmedFinding(r, story); ok {
		out = append(out, f)
	}
	return out
}

// ledeFinding reports a new or rewritten lede.
func ledeFinding(r *Result, story func(int) bool) (Finding, bool) {
	firstOld, firstNew := -1, -1
	for p := range r.Old.Paragraphs {
		if story(r.BlockOfOld(p)) {
			firstOld = p
			break
		}
	}
	for p := range r.New.Paragraphs {
		if story(r.BlockOfNew(p)) {
			firstNew = p
			break
		}
	}
	if firstOld < 0 || firstNew < 0 || len(r.New.Paragraphs[firstNew].Sentences) == 0 {
		return Finding{}, false
	}
	bn, bo := r.BlockOfNew(firstNew), r.BlockOfOld(firstOld)
	if bn != bo {
		return Finding{Kind: FindingLede, Blocks: []int{bn},
			Text: fmt.Sprintf("new lede: new ¶%d does not continue old ¶%d", firstNew+1, firstOld+1)}, true
	}
	// The lede is the opening of the paragraph: its first sentences up to
	// ledeWords words (sentence fragments such as a lone "U.S." do not
	// decide it). Words of added or moved-in sentences and inserted words
	// of wording runs are new.
	total, fresh := 0, 0
	blk := &r.Blocks[bn]
	for i := range blk.Pairs {
		p := &blk.Pairs[i]
		if p.NewRef.Para != firstNew {
			continue
		}
		n := segment.CountWords(p.New)
		total += n
		switch {
		case p.Kind == Added || p.Moved || p.OldRef.Para != firstOld:
			fresh += n
		case p.Kind == Changed:
			for _, run := range p.Runs {
				if run.Class != ClassWording {
					continue
				}
				for _, w := range p.Words[run.Start:run.End] {
					if w.Op == OpInsert {
						fresh += segment.CountWords(w.Text)
					}
				}
			}
		}
		if total >= ledeWords {
			break
		}
	}
	if total > 0 && float64(fresh) >= ledeRewrite*float64(total) {
		return Finding{Kind: FindingLede, Blocks: []int{bn},
			Text: fmt.Sprintf("lede rewritten: %d of the first %d words of ¶%d are new", fresh, total, firstNew+1)}, true
	}
	return Finding{}, false
}

// trimmedFinding reports story paragraphs removed from the end of old.
func trimmedFinding(r *Result, story func(int) bool) (Finding, bool) {
	var blocks []int
	paras, words := 0, 0
	last := -1 // last kept old story paragraph
	for p := len(r.Old.Paragraphs) - 1; p >= 0; p-- {
		bi := r.BlockOfOld(p)
		if !story(bi) {
			continue
		}
		if r.Blocks[bi].Kind != Removed {
			last = p
			break
		}
		if IsNotice(r.Old.Paragraphs[p].Text) {
			continue // a placeholder or notice removed is a finding of its own, not a trim
		}
		paras++
		words += segment.CountWords(r.Old.Paragraphs[p].Text)
		if len(blocks) == 0 || blocks[len(blocks)-1] != bi {
			blocks = append(blocks, bi)
		}
	}
	if paras == 0 || last < 0 {
		return Finding{}, false
	}
	for i, j := 0, len(blocks)-1; i < j; i, j = i+1, j-1 {
		blocks[i], blocks[j] = blocks[j], blocks[i]
	}
	return Finding{Kind: FindingTrimmed, Blocks: blocks,
		Text: fmt.Sprintf("trimmed after ¶%d: −%d %s, −%d %s", last+1, paras, plural(paras, "paragraph", "paragraphs"),
			words, plural(words, "word", "words"))}, true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
