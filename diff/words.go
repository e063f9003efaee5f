package diff

import (
	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/storydiff/storydiff/diff/segment"
)

// tokenBase is the first rune used to stand for a token when the word diff
// runs go-diff over token sequences. Runes from the supplementary planes are
// neither spaces nor punctuation to go-diff's semantic clean-up, so it
// judges the edits by tokens alone; there is room for about a million
// distinct tokens in one sentence pair.
const (
	tokenBase = 0x10000
	tokenMax  = 0x10FFFF
)

// wordDiff returns the word-level edit of a into b: tokens (words,
// punctuation, spaces) compared exactly, so typographic changes are
// reported, then grouped by go-diff's semantic clean-up so that an edit reads
// as whole words ("with" → "without" is one deleted and one inserted word).
func wordDiff(a, b string) []Word {
	if a == b { // common case
		return []Word{{OpEqual, a}}
	}
	ta, tb := segment.Tokens(a), segment.Tokens(b)
	ids := make(map[string]rune, len(ta)+len(tb))
	var toks []string
	encode := func(ts []string) ([]rune, bool) {
		rs := make([]rune, len(ts))
		for i, t := range ts {
			r, ok := ids[t]
			if !ok {
				if tokenBase+len(toks) > tokenMax {
					return nil, false
				}
				r = rune(tokenBase + len(toks))
				ids[t] = r
				toks = append(toks, t)
			}
			rs[i] = r
		}
		return rs, true
	}
	ra, okA := encode(ta)
	rb, okB := encode(tb)
	if !okA || !okB { // more distinct tokens than runes: replace wholesale
		return []Word{{OpDelete, a}, {OpInsert, b}}
	}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))

	var out []Word
	add := func(op Op, text string) {
		if text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += text
			return
		}
		out = append(out, Word{op, text})
	}
	for _, d := range diffs {
		var op Op
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			op = OpEqual
		case diffmatchpatch.DiffInsert:
			op = OpInsert
		case diffmatchpatch.DiffDelete:
			op = OpDelete
		}
		var text []byte
		for _, r := range d.Text {
			text = append(text, toks[r-tokenBase]...)
		}
		add(op, string(text))
	}
	return orderRuns(out)
}

// orderRuns puts the deletion before the insertion in every run of
// non-equal words, so that each run reads "old, then new".
func orderRuns(ws []Word) []Word {
	for i := 0; i < len(ws); {
		if ws[i].Op == OpEqual {
			i++
			continue
		}
		j := i
		var del, ins string
		for j < len(ws) && ws[j].Op != OpEqual {
			if ws[j].Op == OpDelete {
				del += ws[j].Text
			} else {
				ins += ws[j].Text
			}
			j++
		}
		var run []Word
		if del != "" {
			run = append(run, Word{OpDelete, del})
		}
		if ins != "" {
			run = append(run, Word{OpInsert, ins})
		}
		ws = append(ws[:i], append(run, ws[j:]...)...)
		i += len(run)
	}
	return ws
}
