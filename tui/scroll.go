package tui

import (
	"sort"

	"github.com/storydiff/storydiff/internal/render"
)

func (p *pane) rowHeight(i int) int { return p.row(i).Height() }

// maxPos returns the last scroll position that still fills the screen.
func (p *pane) maxPos() (int, int) {
	if p.maxOK {
		return p.maxTop, p.maxOff
	}
	p.maxTop, p.maxOff, p.maxOK = 0, 0, true
	need := p.height
	for i := len(p.entries) - 1; i >= 0; i-- {
		h := p.rowHeight(i)
		if h >= need {
			p.maxTop, p.maxOff = i, h-need
			return p.maxTop, p.maxOff
		}
		need -= h
	}
	return 0, 0
}

// clamp keeps the scroll position between the top and maxPos.
func (p *pane) clamp() {
	if len(p.entries) == 0 || p.height <= 0 {
		p.top, p.off, p.cursor = 0, 0, 0
		return
	}
	p.cursor = min(max(p.cursor, 0), len(p.entries)-1)
	if p.top < 0 {
		p.top, p.off = 0, 0
	}
	mt, mo := p.maxPos()
	if p.top > mt || (p.top == mt && p.off > mo) {
		p.top, p.off = mt, mo
	}
	if p.top >= len(p.entries) {
		p.top, p.off = len(p.entries)-1, 0
	}
	if h := p.rowHeight(p.top); p.off >= h {
		p.off = h - 1
	}
	if p.off < 0 {
		p.off = 0
	}
}

// scrollBy scrolls n lines (negative: up).
func (p *pane) scrollBy(n int) {
	if len(p.entries) == 0 {
		return
	}
	for n > 0 {
		h := p.rowHeight(p.top)
		if p.off+n < h {
			p.off += n
			break
		}
		if p.top == len(p.entries)-1 {
			p.off = h - 1
			break
		}
		n -= h - p.off
		p.top, p.off = p.top+1, 0
		if mt, mo := p.maxPos(); p.top > mt || (p.top == mt && p.off >= mo) {
			break
		}
	}
	for n < 0 {
		if p.off+n >= 0 {
			p.off += n
			break
		}
		if p.top == 0 {
			p.off = 0
			break
		}
		n += p.off + 1
		p.top--
		p.off = p.rowHeight(p.top) - 1
	}
	p.clamp()
	p.keepCursorVisible()
}

// visible returns the first and last entries with a line on screen.
func (p *pane) visible() (first, last int) {
	if len(p.entries) == 0 {
		return 0, -1
	}
	lines := p.rowHeight(p.top) - p.off
	last = p.top
	for lines < p.height && last+1 < len(p.entries) {
		last++
		lines += p.rowHeight(last)
	}
	return p.top, last
}

// keepCursorVisible moves the cursor onto the screen after a scroll.
func (p *pane) keepCursorVisible() {
	first, last := p.visible()
	if p.cursor < first {
		p.cursor = first
		// Only the blank separator of the first entry shows: skip it.
		if first < last && p.rowHeight(first)-p.off <= 1 {
			p.cursor++
		}
	}
	if p.cursor > last {
		p.cursor = last
	}
}

// ensureVisible scrolls as little as possible to show entry i whole (its
// top, if it is taller than the screen).
func (p *pane) ensureVisible(i int) {
	if len(p.entries) == 0 {
		return
	}
	if i < p.top || (i == p.top && p.off > 0) {
		p.top, p.off = i, 0
		p.clamp()
		return
	}
	// Lines from the screen top to the end of entry i, counted only as
	// far as the screen reaches.
	lines := -p.off
	for j := p.top; j <= i && lines <= p.height; j++ {
		lines += p.rowHeight(j)
	}
	if lines <= p.height {
		return // already whole on screen
	}
	h := p.rowHeight(i)
	p.top, p.off = i, 0
	if h < p.height {
		p.scrollAbove(p.height - h) // bottom-align entry i
	}
	p.clamp()
}

// scrollAbove scrolls up from a screen whose top is the top of entry
// p.top by n lines (fewer at the first entry), entry by entry.
func (p *pane) scrollAbove(n int) {
	for n > 0 && p.top > 0 {
		p.top--
		h := p.rowHeight(p.top)
		if h > n {
			p.off = h - n
			return
		}
		n -= h
	}
}

// center scrolls so that entry i sits in the middle of the screen (its top
// at the top if it is taller than the screen).
func (p *pane) center(i int) {
	if len(p.entries) == 0 {
		return
	}
	h := p.rowHeight(i) - 1 // the blank separator does not count
	p.top, p.off = i, 0
	p.scrollAbove((p.height - h) / 2)
	p.clamp()
}

// moveCursor puts the cursor on entry i and scrolls to it.
func (p *pane) moveCursor(i int, centre bool) {
	if len(p.entries) == 0 {
		return
	}
	p.cursor = min(max(i, 0), len(p.entries)-1)
	if centre {
		p.center(p.cursor)
	} else {
		p.ensureVisible(p.cursor)
	}
}

// nextOf returns the first index in sorted list after cur (before it when
// back), or -1.
func nextOf(list []int, cur int, back bool) int {
	if back {
		k := sort.SearchInts(list, cur) - 1
		if k >= 0 {
			return list[k]
		}
		return -1
	}
	k := sort.SearchInts(list, cur+1)
	if k < len(list) {
		return list[k]
	}
	return -1
}

// walk moves the cursor to the next (or previous) entry of list, centring
// it; it stays put at either end and then reports false.
func (p *pane) walk(list []int, back bool) bool {
	if t := nextOf(list, p.cursor, back); t >= 0 {
		p.moveCursor(t, true)
		return true
	}
	return false
}

// walkMatches goes to the next (or previous) match, wrapping around at
// either end like less and vim; it returns a note for the status line.
func (p *pane) walkMatches(back bool) string {
	if len(p.matches) == 0 {
		return "no matches"
	}
	if p.walk(p.matches, back) {
		return ""
	}
	if back {
		p.moveCursor(p.matches[len(p.matches)-1], true)
		return "search wrapped to the bottom"
	}
	p.moveCursor(p.matches[0], true)
	return "search wrapped to the top"
}

// entryAt returns the entry drawn on screen line y, or -1.
func (p *pane) entryAt(y int) int {
	if y < 0 || y >= p.height || len(p.entries) == 0 {
		return -1
	}
	line := -p.off
	for i := p.top; i < len(p.entries); i++ {
		line += p.rowHeight(i)
		if y < line {
			return i
		}
	}
	return -1
}

// position describes where the cursor is, for the status line.
type position struct {
	para, paras int  // 1-based paragraph number of the cursor and total
	old         bool // para counts old paragraphs (a removed block)
	change      int  // 1-based number of the change at or before the cursor
	changes     int
	flag        int // the same for flagged changes
	flags       int
	match       int // 1-based number of the match at or before the cursor
	// unreviewed is the same for changes not yet reviewed, of
	// unreviewedN.
	unreviewed, unreviewedN int
	percent                 int
}

func (p *pane) position() position {
	pos := position{paras: len(p.r.New.Paragraphs), changes: len(p.changes), flags: len(p.flagged), unreviewedN: len(p.unreviewed)}
	if len(p.entries) == 0 {
		pos.percent = 100
		return pos
	}
	e := p.entries[p.cursor]
	b := &p.r.Blocks[e.Block]
	switch {
	case e.Kind == render.RowSentence:
		pr := &b.Pairs[e.Pair]
		if !pr.NewRef.IsNone() {
			pos.para = pr.NewRef.Para + 1
		} else {
			pos.para, pos.old, pos.paras = pr.OldRef.Para+1, true, len(p.r.Old.Paragraphs)
		}
	case len(b.New) > 0 && e.Kind != render.RowGhost:
		pos.para = b.New[0] + 1
	case len(b.Old) > 0:
		pos.para, pos.old, pos.paras = b.Old[0]+1, true, len(p.r.Old.Paragraphs)
	}
	pos.change = sort.SearchInts(p.changes, p.cursor+1)
	pos.flag = sort.SearchInts(p.flagged, p.cursor+1)
	pos.unreviewed = sort.SearchInts(p.unreviewed, p.cursor+1)
	pos.match = sort.SearchInts(p.matches, p.cursor+1)
	_, last := p.visible()
	mt, mo := p.maxPos()
	if p.top > mt || (p.top == mt && p.off >= mo) {
		pos.percent = 100
	} else {
		pos.percent = (last + 1) * 100 / len(p.entries)
		if last+1 == len(p.entries) {
			pos.percent = 99
		}
	}
	return pos
}
