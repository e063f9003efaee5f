package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff/render"
)

// setQuery starts a search for q (smart case: a query without upper-case
// letters ignores ASCII case) and returns the number of matching entries.
// An empty q clears the search.
func (p *pane) setQuery(q string) int {
	p.query = q
	p.matches = p.matches[:0]
	if q == "" {
		return 0
	}
	p.fold1 = smartCase(q)
	p.findMatches()
	return len(p.matches)
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
	has := func(s string) bool { return indexQuery(s, p.query, p.fold1) >= 0 }
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
// if none. With fold, ASCII letters match either case.
func indexQuery(s, q string, fold bool) int {
	if !fold {
		return strings.Index(s, q)
	}
	if q == "" {
		return 0
	}
	lo := lowerASCII(q[0])
	up := lo
	if 'a' <= lo && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	// Next candidates: the first byte in either case (IndexByte is
	// vectorised; a byte loop is ten times slower on 10 MB). Each case's
	// next position is kept until the search passes it, so that a first
	// byte frequent in one case and rare in the other does not rescan the
	// text after every candidate (quadratic on a long paragraph).
	nextLo, nextUp := -1, -1
	next := func(c byte, at, pos int) int {
		if at >= pos {
			return at
		}
		if i := strings.IndexByte(s[pos:], c); i >= 0 {
			return pos + i
		}
		return len(s)
	}
	for pos := 0; pos+len(q) <= len(s); {
		nextLo = next(lo, nextLo, pos)
		i := nextLo
		if up != lo {
			nextUp = next(up, nextUp, pos)
			i = min(i, nextUp)
		}
		if i+len(q) > len(s) {
			return -1
		}
		if equalFoldASCII(s[i:i+len(q)], q) {
			return i
		}
		pos = i + 1
	}
	return -1
}

// findAll returns the byte ranges of every occurrence of q in s.
func findAll(s, q string, fold bool) [][2]int {
	var out [][2]int
	for pos := 0; pos < len(s); {
		i := indexQuery(s[pos:], q, fold)
		if i < 0 {
			break
		}
		start := pos + i
		end := start + len(q)
		out = append(out, [2]int{start, end})
		pos = end
	}
	return out
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// sanitize makes a string from outside (a file name, an error message)
// safe to print: control characters and invalid UTF-8 become U+FFFD.
func sanitize(s string) string {
	clean := utf8.ValidString(s)
	for _, r := range s {
		if !clean || unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s // common case
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}
