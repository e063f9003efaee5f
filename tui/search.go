package tui

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/storydiff/storydiff/internal/render"
	"github.com/storydiff/storydiff/internal/textsafe"
)

// setQuery starts a search for q (smart case: a query without upper-case
// letters ignores ASCII case) and returns the number of matching entries.
// An empty q clears the search.
func (p *pane) setQuery(q string) int {
	p.query = q
	p.matches = p.matches[:0]
	clear(p.hls)
	if q == "" {
		return 0
	}
	p.cq = compileQuery(q, smartCase(q))
	p.findMatches()
	return len(p.matches)
}

// previewQuery highlights q in the rows drawn, as it is typed, without
// listing the matching entries (setQuery does, when the search is run):
// a keystroke costs a screenful of rows, not the whole text.
func (p *pane) previewQuery(q string) {
	p.query = q
	p.matches = p.matches[:0]
	clear(p.hls)
	p.cq = compileQuery(q, smartCase(q))
}

// smartCase reports whether a search for q ignores case: q has no
// upper-case letter.
func smartCase(q string) bool {
	for _, r := range q {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// findMatches lists the entries whose text holds the query on either side.
func (p *pane) findMatches() {
	p.matches = p.matches[:0]
	for i, e := range p.entries {
		if p.entryMatches(e) {
			p.matches = append(p.matches, i)
		}
	}
}

func (p *pane) entryMatches(e render.Entry) bool {
	has := func(s string) bool { return p.cq.index(s) >= 0 }
	block := func(bi int) bool {
		b := &p.r.Blocks[bi]
		for _, o := range b.Old {
			if has(p.r.Old.Paragraphs[o].Text) {
				return true
			}
		}
		for _, n := range b.New {
			if has(p.r.New.Paragraphs[n].Text) {
				return true
			}
		}
		return false
	}
	switch e.Kind {
	case render.RowBlock:
		return block(e.Block)
	case render.RowSentence:
		pr := &p.r.Blocks[e.Block].Pairs[e.Pair]
		return has(pr.Old) || has(pr.New)
	case render.RowFold:
		if p.mode == render.Sentences {
			return false
		}
		for i := 0; i < e.Count && e.Block+i < len(p.r.Blocks); i++ {
			if block(e.Block + i) {
				return true
			}
		}
	}
	return false
}

// foldedMatch reports whether a fold row holds a match (the search then
// unfolds).
func (p *pane) foldedMatch() bool {
	for _, i := range p.matches {
		if p.entries[i].Kind == render.RowFold {
			return true
		}
	}
	return false
}

// indexQuery returns the byte index of the first occurrence of q in s, -1
// if none, with typography folded (see compileQuery); with fold, ASCII
// letters match either case.
func indexQuery(s, q string, fold bool) int {
	cq := compileQuery(q, fold)
	return cq.index(s)
}

// findAll returns the byte ranges of every occurrence of q in s.
func findAll(s, q string, fold bool) [][2]int {
	cq := compileQuery(q, fold)
	return cq.findAll(s)
}

// query is a compiled search. Text and query are compared rune by rune
// after folding typography: curly and straight quotes and apostrophes are
// one, so are the hyphen, the dashes and the minus sign, and the
// no-break spaces and the space; with fold, ASCII letters match either
// case. The query is put in Unicode normal form C, and so is a text that
// is not in it (rare: most text is) when the query has non-ASCII letters.
type query struct {
	runes []rune // the folded query
	fold  bool
	// cand are the bytes a match can start with: the first rune's own and
	// those of the runes folded into it (at most three).
	cand     [3]byte
	nCand    int
	nonASCII bool
}

// foldRune folds r for comparison (see query).
func foldRune(r rune, fold bool) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	case '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a':
		return ' '
	}
	if fold && 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// compileQuery compiles q (see query).
func compileQuery(q string, fold bool) query {
	c := query{fold: fold}
	for _, r := range norm.NFC.String(q) {
		c.runes = append(c.runes, foldRune(r, fold))
		c.nonASCII = c.nonASCII || r >= utf8.RuneSelf
	}
	if len(c.runes) == 0 {
		return c
	}
	add := func(b byte) {
		for _, x := range c.cand[:c.nCand] {
			if x == b {
				return
			}
		}
		c.cand[c.nCand] = b
		c.nCand++
	}
	var buf [utf8.UTFMax]byte
	first := c.runes[0]
	utf8.EncodeRune(buf[:], first)
	add(buf[0])
	switch {
	case fold && 'a' <= first && first <= 'z':
		add(byte(first) - ('a' - 'A'))
	case first == '\'' || first == '"' || first == '-':
		add(0xe2) // the lead byte of U+2010–U+2033 and U+2212
	case first == ' ':
		add(0xc2) // U+00A0
		add(0xe2) // U+2007, U+2009, U+200A, U+202F
	}
	return c
}

// matchAt returns the end of a match of q at s[i:], or -1.
func (q *query) matchAt(s string, i int) int {
	for _, qr := range q.runes {
		if i >= len(s) {
			return -1
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if foldRune(r, q.fold) != qr {
			return -1
		}
		i += size
	}
	return i
}

// index returns the byte index of the first match in s, -1 if none.
func (q *query) index(s string) int {
	if len(q.runes) == 0 {
		return 0
	}
	if q.nonASCII && !norm.NFC.IsNormalString(s) {
		n := newNormalized(s)
		if m := q.findIn(n.text, 1); len(m) > 0 {
			return n.orig(m[0][0], false)
		}
		return -1
	}
	var first [1][2]int // no allocation: one match is all index wants
	if m := q.findInto(s, first[:0], 1); len(m) > 0 {
		return m[0][0]
	}
	return -1
}

// findAll returns the byte ranges of every match in s.
func (q *query) findAll(s string) [][2]int {
	if len(q.runes) == 0 {
		return nil
	}
	if q.nonASCII && !norm.NFC.IsNormalString(s) {
		n := newNormalized(s)
		out := q.findIn(n.text, -1)
		for k := range out {
			out[k] = [2]int{n.orig(out[k][0], false), n.orig(out[k][1], true)}
		}
		return out
	}
	return q.findIn(s, -1)
}

// findIn returns the ranges of the first limit matches in s (all if limit
// is negative).
func (q *query) findIn(s string, limit int) [][2]int { return q.findInto(s, nil, limit) }

// findInto is findIn appending to out.
func (q *query) findInto(s string, out [][2]int, limit int) [][2]int {
	// next[k] is the position of the next cand[k] at or after the search
	// position, len(s) if none, -1 if not searched yet. Each is kept until
	// a search passes it, so that a first byte frequent in one form and
	// rare in the other does not rescan the text after every candidate
	// (quadratic on a long paragraph); IndexByte is vectorised.
	next := [3]int{-1, -1, -1}
	for pos := 0; pos < len(s) && limit != 0; {
		i := len(s)
		for k := 0; k < q.nCand; k++ {
			next[k] = nextByte(s, q.cand[k], next[k], pos)
			i = min(i, next[k])
		}
		if i >= len(s) {
			break
		}
		if end := q.matchAt(s, i); end > i {
			out = append(out, [2]int{i, end})
			limit--
			pos = end
			continue
		}
		pos = i + 1
	}
	return out
}

// nextByte returns the position of the first c in s at or after pos:
// at itself if it is there already, len(s) if there is none.
func nextByte(s string, c byte, at, pos int) int {
	if at >= pos {
		return at
	}
	if i := strings.IndexByte(s[pos:], c); i >= 0 {
		return pos + i
	}
	return len(s)
}

// normalized is a text put in normal form C, with the map back to the
// original's byte offsets (one entry per normalisation segment).
type normalized struct {
	text     string
	dst, src []int // segment starts in text and in the original
	srcLen   int
}

func newNormalized(s string) normalized {
	var it norm.Iter
	it.InitString(norm.NFC, s)
	n := normalized{srcLen: len(s)}
	var b strings.Builder
	for !it.Done() {
		n.dst = append(n.dst, b.Len())
		n.src = append(n.src, it.Pos())
		b.Write(it.Next())
	}
	n.text = b.String()
	return n
}

// orig maps offset i of the normalised text back to the original: the
// start of its segment, or with end, the end of the segment before i.
func (n normalized) orig(i int, end bool) int {
	k := sort.SearchInts(n.dst, i+1) - 1 // the segment holding i
	if k < 0 {
		return 0
	}
	if end && n.dst[k] == i {
		return n.src[k] // i starts a segment: the previous one ends here
	}
	if end {
		if k+1 < len(n.src) {
			return n.src[k+1]
		}
		return n.srcLen
	}
	return n.src[k]
}

// sanitize makes a string from outside (a file name, an error message,
// a query, a piece of a snippet) safe to show, by the rules of every name
// and message (internal/textsafe): no control character, bidi override or
// invalid UTF-8 reaches the terminal. White space is kept, one space for
// each white-space character, since pieces are joined again.
func sanitize(s string) string { return textsafe.Fragment(s) }
