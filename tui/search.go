package tui

import (
	"strings"
	"unicode"

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
	f := newFinder(s, q, fold)
	return f.index(0)
}

// findAll returns the byte ranges of every occurrence of q in s.
func findAll(s, q string, fold bool) [][2]int {
	var out [][2]int
	if q == "" {
		return nil
	}
	f := newFinder(s, q, fold)
	for pos := 0; pos < len(s); {
		start := f.index(pos)
		if start < 0 {
			break
		}
		end := start + len(q)
		out = append(out, [2]int{start, end})
		pos = end
	}
	return out
}

// finder finds q in s, from increasing positions.
type finder struct {
	s, q   string
	fold   bool
	lo, up byte // the first byte of q in lower and upper case (fold)
	// nextLo and nextUp are the positions of the next lo and up at or
	// after the last search position, len(s) when there is none, -1 when
	// not yet searched. Each is kept until a search passes it, so that a
	// first byte frequent in one case and rare in the other does not
	// rescan the text after every candidate or match (quadratic on a
	// long paragraph).
	nextLo, nextUp int
}

func newFinder(s, q string, fold bool) finder {
	f := finder{s: s, q: q, fold: fold, nextLo: -1, nextUp: -1}
	if fold && q != "" {
		f.lo = lowerASCII(q[0])
		f.up = f.lo
		if 'a' <= f.lo && f.lo <= 'z' {
			f.up = f.lo - ('a' - 'A')
		}
	}
	return f
}

// index returns the byte index of the first occurrence of q in s at or
// after pos, -1 if none. Calls must come with pos not decreasing.
func (f *finder) index(pos int) int {
	s, q := f.s, f.q
	if !f.fold {
		if i := strings.Index(s[min(pos, len(s)):], q); i >= 0 {
			return pos + i
		}
		return -1
	}
	if q == "" {
		return min(pos, len(s))
	}
	for ; pos+len(q) <= len(s); pos++ {
		// Next candidate: the first byte in either case (IndexByte is
		// vectorised; a byte loop is ten times slower on 10 MB).
		f.nextLo = nextByte(s, f.lo, f.nextLo, pos)
		i := f.nextLo
		if f.up != f.lo {
			f.nextUp = nextByte(s, f.up, f.nextUp, pos)
			i = min(i, f.nextUp)
		}
		if i+len(q) > len(s) {
			return -1
		}
		if equalFoldASCII(s[i:i+len(q)], q) {
			return i
		}
		pos = i
	}
	return -1
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

// sanitize makes a string from outside (a file name, an error message,
// a query, a piece of a snippet) safe to show, by the rules of every name
// and message (internal/textsafe): no control character, bidi override or
// invalid UTF-8 reaches the terminal. White space is kept, one space for
// each white-space character, since pieces are joined again.
func sanitize(s string) string { return textsafe.Fragment(s) }
