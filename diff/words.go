package diff

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/storydiff/storydiff/diff/internal/segment"
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

// maxDiffTokens bounds the tokens (words, spaces, punctuation) of a
// sentence pair diffed word by word. go-diff's bisection costs
// O(tokens × edits), and under its default one-second deadline it returns
// a coarser result on a slow machine, so the same input could give
// different Results. With no deadline and this bound (about 500 words a
// side, far beyond a real sentence) a pair costs at most a few
// milliseconds and the output is deterministic; longer pairs (text
// without punctuation) are replaced wholesale.
const maxDiffTokens = 2000

// wordDiff returns the word-level edit of a into b: tokens (words,
// punctuation, spaces) compared exactly, so typographic changes are
// reported, then grouped by go-diff's semantic clean-up so that an edit reads
// as whole words ("with" → "without" is one deleted and one inserted word).
func wordDiff(a, b string) []Word {
	if a == b { // common case
		return []Word{{OpEqual, a}}
	}
	ta, tb := segment.Tokens(a), segment.Tokens(b)
	if len(ta)+len(tb) > maxDiffTokens {
		return []Word{{OpDelete, a}, {OpInsert, b}}
	}
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
	dmp.DiffTimeout = 0 // no deadline: the result must not depend on the machine's speed
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
// non-equal words, so that each run reads "old, then new". It builds a new
// slice in one pass.
func orderRuns(ws []Word) []Word {
	out := make([]Word, 0, len(ws))
	for i := 0; i < len(ws); {
		if ws[i].Op == OpEqual {
			out = append(out, ws[i])
			i++
			continue
		}
		var del, ins strings.Builder
		for ; i < len(ws) && ws[i].Op != OpEqual; i++ {
			if ws[i].Op == OpDelete {
				del.WriteString(ws[i].Text)
			} else {
				ins.WriteString(ws[i].Text)
			}
		}
		if del.Len() > 0 {
			out = append(out, Word{OpDelete, del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, Word{OpInsert, ins.String()})
		}
	}
	return out
}
