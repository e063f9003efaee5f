package diff

import (
	"strings"
	"unicode/utf8"

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
// reported, diffed as words and punctuation carrying their spaces, then
// made readable (see readable) so that an edit reads as whole words
// ("with" → "without" is one deleted and one inserted word).
func wordDiff(a, b string) []Word {
	var d wordDiffer
	return d.diff(a, b)
}

// wordDiffer holds the scratch of word diffs run one after another: a
// pair's tokens, units, token ids, runes and token runs are dropped once
// its Words are made, so each fill worker reuses one set (made afresh per
// pair they were a third of the fill's allocations on a 10 MB pair).
type wordDiffer struct {
	ta, tb []string
	ua, ub []unit
	runs   []opRun
	ids    map[string]rune
	ra, rb []rune
	toks   []string   // the tokens of the token runs, in order
	flat   []flatRun  // the token runs, as stretches of toks
	segs   []tokenRun // the token runs, as slices of toks, for readable
}

// maxScratch is the most elements a wordDiffer keeps in a buffer between
// pairs: a rare long pair's buffers are dropped, not held for the rest.
const maxScratch = 4096

// maxScratchIDs is the most token ids a wordDiffer clears for the next
// pair rather than dropping the map.
const maxScratchIDs = 256

// diff is wordDiff with d's scratch.
func (d *wordDiffer) diff(a, b string) []Word {
	if a == b { // common case
		return []Word{{OpEqual, a}}
	}
	// The stretches both texts start and end with are equal whatever the
	// diff finds in between (as go-diff itself assumes): only the middle is
	// tokenised and diffed, which in a sentence with one word changed is a
	// few tokens instead of dozens.
	defer d.trim()
	i, ja, jb := commonEnds(a, b)
	d.toks, d.flat = d.toks[:0], d.flat[:0]
	if i > 0 {
		d.add(OpEqual, a[:i])
	}
	if !d.middle(a[i:ja], b[i:jb]) {
		return []Word{{OpDelete, a}, {OpInsert, b}}
	}
	if suf := a[ja:]; suf != "" {
		// The suffix starts with white space: that space is its own token,
		// so that an insertion before it can read "would {+not +}be".
		sp := len(suf) - len(strings.TrimLeft(suf, " "))
		d.add(OpEqual, suf[:sp])
		if sp < len(suf) {
			d.add(OpEqual, suf[sp:])
		}
	}
	d.segs = d.segs[:0]
	for _, r := range d.flat {
		d.segs = append(d.segs, tokenRun{op: r.op, toks: d.toks[r.lo:r.hi:r.hi]})
	}
	return readable(d.segs)
}

// flatRun is a run of the tokens toks[lo:hi] of a wordDiffer with one
// operation.
type flatRun struct {
	op     Op
	lo, hi int
}

// add appends tok to the token runs of the pair, to the last run when it
// has operation op, else as a new run. The runs share one buffer
// (wordDiffer.toks) instead of a slice each, which were a third of what
// the word diffs allocated after the scratch buffers.
func (d *wordDiffer) add(op Op, tok string) {
	d.toks = append(d.toks, tok)
	if k := len(d.flat); k > 0 && d.flat[k-1].op == op {
		d.flat[k-1].hi = len(d.toks)
		return
	}
	d.flat = append(d.flat, flatRun{op, len(d.toks) - 1, len(d.toks)})
}

// commonEnds returns the length i of the prefix and the starts ja and jb of
// the suffix that a and b share, cut where a run of spaces starts (a token
// boundary in both: the prefix ends, and the suffix starts, with the start
// of a run of spaces that follows a non-space byte), so that the middles
// a[i:ja] and b[i:jb] tokenise as they would in the whole texts.
func commonEnds(a, b string) (i, ja, jb int) {
	n := min(len(a), len(b))
	p := 0
	for p < n && a[p] == b[p] {
		p++
	}
	// Back to the start of a run of spaces inside the common prefix.
	i = 0
	for k := p - 1; k > 0; k-- {
		if a[k] == ' ' && a[k-1] != ' ' {
			i = k
			break
		}
	}
	q := 0
	for q < n-i && a[len(a)-1-q] == b[len(b)-1-q] {
		q++
	}
	// Forward to the start of a run of spaces inside the common suffix,
	// preceded by a non-space byte in both texts.
	ja, jb = len(a), len(b)
	for k := len(a) - q; k < len(a); k++ {
		kb := k - len(a) + len(b)
		if a[k] == ' ' && k > i && a[k-1] != ' ' && kb > i && b[kb-1] != ' ' {
			ja, jb = k, kb
			break
		}
	}
	return i, ja, jb
}

// middle appends the token runs of the word diff of a into b (see
// wordDiff) to d's runs, or reports false when the texts are too long or
// have too many distinct tokens to diff word by word: they are then
// replaced wholesale.
func (d *wordDiffer) middle(a, b string) bool {
	// Tokenised up to the bound only: a pair past it is replaced
	// wholesale, and tokenising a 10 MB "sentence" to find that out cost
	// seconds and hundreds of MB.
	var ok bool
	if d.ta, ok = segment.AppendTokensMax(d.ta[:0], a, maxDiffTokens); !ok {
		return false
	}
	if d.tb, ok = segment.AppendTokensMax(d.tb[:0], b, maxDiffTokens-len(d.ta)); !ok {
		return false
	}
	ta, tb := d.ta, d.tb
	// The diff runs over words and punctuation, each carrying the white
	// space before it: white space is no evidence that two sentences
	// agree, and matching it would scatter kept spaces through a rewrite.
	d.ua, d.ub = appendSpaced(d.ua[:0], ta), appendSpaced(d.ub[:0], tb)
	ua, ub := d.ua, d.ub
	runs := d.unitOps(ua, ub)
	if runs == nil {
		return false
	}
	// Token runs, white space put back, then the clean-up: see readable.
	emit := d.add
	i, j := 0, 0
	for _, run := range runs {
		for range run.n {
			switch run.op {
			case diffmatchpatch.DiffEqual:
				x, y := ua[i], ub[j]
				if x.space != y.space {
					emitOne(emit, OpDelete, x.space)
					emitOne(emit, OpInsert, y.space)
					emit(OpEqual, x.tok)
				} else {
					emit(OpEqual, x.space)
					emit(OpEqual, x.tok)
				}
				i++
				j++
			case diffmatchpatch.DiffDelete:
				emit(OpDelete, ua[i].space)
				emit(OpDelete, ua[i].tok)
				i++
			case diffmatchpatch.DiffInsert:
				emit(OpInsert, ub[j].space)
				emit(OpInsert, ub[j].tok)
				j++
			}
		}
	}
	// White space after the last token (none in a trimmed sentence).
	if x, y := trailing(ta), trailing(tb); x != y {
		emitOne(emit, OpDelete, x)
		emitOne(emit, OpInsert, y)
	} else if x != "" {
		emit(OpEqual, x)
	}
	return true
}

// emitOne emits a run of the one token tok, unless tok is empty: a run
// of no text is no run (a pair of tokens, space and word, always is one).
func emitOne(emit func(Op, string), op Op, tok string) {
	if tok != "" {
		emit(op, tok)
	}
}

// opRun is a run of n units of a unit-level edit script.
type opRun struct {
	op diffmatchpatch.Operation
	n  int
}

// unitOps returns the edit script of units ua into ub, as go-diff's
// DiffMainRunes computes it on the units encoded as one rune per distinct
// token (units compare by token: white space is put back by middle),
// or nil when there are more distinct tokens than runes.
//
// Most pairs differ in one word, or gain or lose a few, and for those the
// script is known without go-diff: go-diff trims the units both sides
// start and end with, and what is left in the middle is one deletion
// and/or insertion when a side is empty or both hold one unit; its
// clean-up (DiffCleanupMerge) then changes nothing, unless a lone
// insertion or deletion between two equal runs ends like the first or
// starts like the second (it slides it over them). Those cases, and every
// larger middle, go to go-diff. The shortcut skips the token map, the rune
// encoding and go-diff's own copies: most of the allocations of the word
// diffs on a 10 MB pair.
func (d *wordDiffer) unitOps(ua, ub []unit) []opRun {
	p := 0
	for p < len(ua) && p < len(ub) && ua[p].tok == ub[p].tok {
		p++
	}
	q := 0
	for q < len(ua)-p && q < len(ub)-p && ua[len(ua)-1-q].tok == ub[len(ub)-1-q].tok {
		q++
	}
	ma, mb := len(ua)-p-q, len(ub)-p-q
	runs := d.runs[:0]
	if ma == 0 && mb == 0 { // the same tokens
		if p == 0 {
			return []opRun{} // empty, not nil (nil is "replace wholesale")
		}
		d.runs = append(runs, opRun{diffmatchpatch.DiffEqual, p})
		return d.runs
	}
	var mid [2]opRun
	var nm int
	switch {
	case ma == 0 && !(p > 0 && q > 0 && slides(ub[p:p+mb], ub[:p], ub[p+mb:])):
		mid[0], nm = opRun{diffmatchpatch.DiffInsert, mb}, 1
	case mb == 0 && !(p > 0 && q > 0 && slides(ua[p:p+ma], ua[:p], ua[p+ma:])):
		mid[0], nm = opRun{diffmatchpatch.DiffDelete, ma}, 1
	case ma == 1 && mb == 1:
		mid, nm = [2]opRun{{diffmatchpatch.DiffDelete, 1}, {diffmatchpatch.DiffInsert, 1}}, 2
	default:
		return d.goDiffOps(ua, ub)
	}
	if p > 0 {
		runs = append(runs, opRun{diffmatchpatch.DiffEqual, p})
	}
	runs = append(runs, mid[:nm]...)
	if q > 0 {
		runs = append(runs, opRun{diffmatchpatch.DiffEqual, q})
	}
	d.runs = runs
	return runs
}

// slides reports whether go-diff's clean-up would slide the edit mid
// between the equal runs pre and post: mid ends with pre or starts with
// post (by tokens).
func slides(mid, pre, post []unit) bool {
	return hasTokens(mid[max(0, len(mid)-len(pre)):], pre) || hasTokens(mid[:min(len(mid), len(post))], post)
}

// hasTokens reports whether x and y hold the same tokens.
func hasTokens(x, y []unit) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i].tok != y[i].tok {
			return false
		}
	}
	return true
}

// goDiffOps is unitOps by go-diff itself: each distinct token becomes one
// rune, and DiffMainRunes diffs the rune strings.
func (d *wordDiffer) goDiffOps(ua, ub []unit) []opRun {
	if d.ids == nil {
		d.ids = make(map[string]rune, len(ua)+len(ub))
	}
	ids := d.ids
	n := 0
	encode := func(rs []rune, us []unit) ([]rune, bool) {
		for _, u := range us {
			r, ok := ids[u.tok]
			if !ok {
				if tokenBase+n > tokenMax {
					return nil, false
				}
				r = rune(tokenBase + n)
				n++
				ids[u.tok] = r
			}
			rs = append(rs, r)
		}
		return rs, true
	}
	ra, okA := encode(d.ra[:0], ua)
	rb, okB := encode(d.rb[:0], ub)
	d.ra, d.rb = ra, rb
	if !okA || !okB { // more distinct tokens than runes: replace wholesale
		return nil
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no deadline: the result must not depend on the machine's speed
	diffs := dmp.DiffMainRunes(ra, rb, false)
	runs := d.runs[:0]
	for _, df := range diffs {
		runs = append(runs, opRun{df.Type, utf8.RuneCountInString(df.Text)})
	}
	d.runs = runs
	return runs
}

// trim empties d's token ids for the next pair and drops the buffers a
// long pair grew beyond maxScratch.
func (d *wordDiffer) trim() {
	switch {
	case len(d.ids) > maxScratchIDs:
		d.ids = nil // clearing costs the map's size: a big one is dropped
	case len(d.ids) > 0:
		clear(d.ids)
	}
	if cap(d.ta) > maxScratch || cap(d.tb) > maxScratch {
		d.ta, d.tb = nil, nil
	}
	if cap(d.ua) > maxScratch || cap(d.ub) > maxScratch || cap(d.ra) > maxScratch || cap(d.rb) > maxScratch {
		d.ua, d.ub, d.ra, d.rb = nil, nil, nil, nil
	}
	if cap(d.toks) > maxScratch || cap(d.flat) > maxScratch || cap(d.segs) > maxScratch {
		d.toks, d.flat, d.segs = nil, nil, nil
	}
}

// unit is a word or punctuation token with the white space before it.
type unit struct{ space, tok string }

// appendSpaced groups tokens into units, appended to us; white space
// after the last token is left out (see trailing).
func appendSpaced(us []unit, ts []string) []unit {
	space := ""
	for _, t := range ts {
		if segment.IsSpace(t) {
			space += t
			continue
		}
		us = append(us, unit{space, t})
		space = ""
	}
	return us
}

// trailing returns the white space after the last non-space token.
func trailing(ts []string) string {
	s := ""
	for k := len(ts) - 1; k >= 0 && segment.IsSpace(ts[k]); k-- {
		s = ts[k] + s
	}
	return s
}

// tokenRun is a run of tokens with one operation.
type tokenRun struct {
	op   Op
	toks []string
}

// edit is a stretch of the word diff between two kept equal runs: the old
// tokens it deletes and the new tokens it inserts.
type edit struct{ del, ins []string }

// readable turns the token-level edit script into Words that read as an
// editor's change. A minimal edit script keeps every token the two
// sentences share, which in a rewritten clause leaves confetti: a lone
// "the" or comma kept between two replaced stretches. So an equal run
// between two edits is folded into them when it holds no word (only spaces
// and punctuation) or one function word, and the edits on both sides are
// real rewrites (at least minRewriteWords words each). Any other equal run
// stays equal: words that survived are never shown as changed. Within each
// edit the deletion comes before the insertion.
func readable(segs []tokenRun) []Word {
	// Alternate equal runs and edits: items[0], items[2], … are equal runs
	// (possibly empty), items[1], items[3], … edits. Runs and edits alternate,
	// so there are at most (len(segs)+1)/2 edits: the lists are made once at
	// that size rather than grown (a quarter of what readable allocated).
	// A run's tokens are kept as they are (not copied) when nothing else
	// joins them, capacity cut to length so that appending copies.
	n := (len(segs) + 1) / 2
	eqs := make([][]string, 0, n)
	eds := make([]edit, 0, n)
	cur := edit{}
	inEdit := false
	var lastEq []string
	join := func(dst, toks []string) []string {
		if dst == nil {
			return toks[:len(toks):len(toks)]
		}
		return append(dst, toks...)
	}
	for _, sg := range segs {
		if sg.op == OpEqual {
			if inEdit {
				eqs = append(eqs, lastEq)
				eds = append(eds, cur)
				cur, inEdit = edit{}, false
				lastEq = nil
			}
			lastEq = join(lastEq, sg.toks)
			continue
		}
		inEdit = true
		if sg.op == OpDelete {
			cur.del = join(cur.del, sg.toks)
		} else {
			cur.ins = join(cur.ins, sg.toks)
		}
	}
	if inEdit {
		eqs = append(eqs, lastEq)
		eds = append(eds, cur)
		lastEq = nil
	}
	tail := lastEq
	// eqs[k] precedes eds[k]; tail follows the last edit. Fold the equal
	// runs between edits where they are confetti.
	outEq := make([][]string, 0, len(eds))
	outEd := make([]edit, 0, len(eds))
	for k := range eds {
		if k > 0 && confetti(eqs[k], outEd[len(outEd)-1], eds[k]) {
			prev := &outEd[len(outEd)-1]
			prev.del = append(append(prev.del, eqs[k]...), eds[k].del...)
			prev.ins = append(append(prev.ins, eqs[k]...), eds[k].ins...)
			continue
		}
		outEq = append(outEq, eqs[k])
		outEd = append(outEd, eds[k])
	}
	for k := range outEd {
		// A replacement reads "a [-34-]{+35+}", not "a[- 34-]{+ 35+}": the
		// white space both sides start with stays in the equal run.
		if e := &outEd[k]; len(e.del) > 0 && len(e.ins) > 0 && e.del[0] == e.ins[0] && segment.IsSpace(e.del[0]) {
			outEq[k] = append(outEq[k], e.del[0])
			e.del, e.ins = e.del[1:], e.ins[1:]
		}
		// An insertion or deletion alone reads "would {+not +}be": its
		// leading space moves to its end when the next equal run starts
		// with the same space.
		if e := &outEd[k]; len(e.del) == 0 || len(e.ins) == 0 {
			side := &e.del
			if len(e.del) == 0 {
				side = &e.ins
			}
			next := &tail
			if k+1 < len(outEq) {
				next = &outEq[k+1]
			}
			if s := *side; len(s) > 1 && segment.IsSpace(s[0]) && len(*next) > 0 && (*next)[0] == s[0] {
				outEq[k] = append(outEq[k], s[0])
				*side = append(append([]string(nil), s[1:]...), s[0])
				*next = (*next)[1:]
			}
		}
	}
	// The words, made at their number (a pair's Words are kept: no slack).
	// Step k above changes only outEq[k], outEd[k] and the equal run after
	// them, so the words can be made after all the steps.
	nw := 0
	for k := range outEd {
		nw += min(1, len(outEq[k])) + min(1, len(outEd[k].del)) + min(1, len(outEd[k].ins))
	}
	nw += min(1, len(tail))
	if nw == 0 {
		return nil // as appending nothing to a nil slice gave
	}
	out := make([]Word, 0, nw)
	for k := range outEd {
		if len(outEq[k]) > 0 {
			out = append(out, Word{OpEqual, strings.Join(outEq[k], "")})
		}
		if len(outEd[k].del) > 0 {
			out = append(out, Word{OpDelete, strings.Join(outEd[k].del, "")})
		}
		if len(outEd[k].ins) > 0 {
			out = append(out, Word{OpInsert, strings.Join(outEd[k].ins, "")})
		}
	}
	if len(tail) > 0 {
		out = append(out, Word{OpEqual, strings.Join(tail, "")})
	}
	return out
}

// minRewriteWords is the number of words an edit must change on each side
// of a kept function word for that word to count as confetti.
const minRewriteWords = 2

// confetti reports whether the equal run eq between edits a and b is to be
// folded into them (see readable).
func confetti(eq []string, a, b edit) bool {
	words := 0
	var word string
	for _, t := range eq {
		if segment.IsWord(t) {
			words++
			word = t
		}
	}
	switch {
	case words == 0:
		return true
	case words > 1 || !functionWords[strings.ToLower(word)]:
		return false
	}
	return editWords(a) >= minRewriteWords && editWords(b) >= minRewriteWords
}

// editWords counts the words an edit changes on its larger side.
func editWords(e edit) int {
	return max(countWords(e.del), countWords(e.ins))
}

func countWords(ts []string) int {
	n := 0
	for _, t := range ts {
		if segment.IsWord(t) {
			n++
		}
	}
	return n
}

// functionWords are English words that carry grammar rather than content:
// one of them kept alone between two rewritten stretches is a coincidence,
// not a surviving piece of the sentence.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "at": true,
	"for": true, "by": true, "with": true, "from": true, "as": true, "and": true, "or": true, "but": true,
	"that": true, "which": true, "who": true, "it": true, "its": true, "is": true, "was": true,
	"were": true, "be": true, "been": true, "has": true, "had": true, "have": true, "he": true,
	"she": true, "they": true, "his": true, "her": true, "their": true, "this": true, "than": true,
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
