package tui

import (
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/render"
)

// cacheLimit bounds the number of laid-out rows a pane keeps; past it the
// cache starts afresh (a screen needs a few dozen).
const cacheLimit = 4096

// pane shows the rows of a result and scrolls through them. It lays out
// only the rows it draws, once per width, and keeps them in a cache shared
// by its copies (the cache is a cache: any copy may fill it).
type pane struct {
	r    *diff.Result
	keys keyMap
	st   *styles

	mode   render.Mode
	fold   bool
	markup bool
	// v is r under the ignore mask (the i key): the change classes it
	// hides; flaggedOnly makes n and N walk only the entries with a
	// visible flag (the m key).
	v           diff.View
	flaggedOnly bool
	// marks gives the review state of each reviewable change's block
	// (nil: no review shown); unreviewedOnly makes n and N walk only the
	// change entries whose block is unmarked (m, third step), listed in
	// unreviewed. See review_pane.go.
	marks          map[int]review.State
	unreviewedOnly bool
	unreviewed     []int

	width, height int
	entries       []render.Entry
	changes       []int // indices of entries that show a change
	flagged       []int // indices of entries that show a flag
	layout        *render.Layout
	cache         map[render.Entry]*render.Row
	// hls caches, by entry, the search highlights of its laid-out row
	// (cleared with the rows and when the query changes).
	hls map[render.Entry]*highlights

	// The first line drawn is line off of entry top.
	top, off int
	// maxTop, maxOff is the last position that still fills the screen;
	// valid when maxOK.
	maxTop, maxOff int
	maxOK          bool

	cursor int            // entry index of the cursor
	jumps  []render.Entry // where enter jumped from, for backspace

	note string // a message for the status line, taken by the model

	query   string // active search, "" when none
	fold1   bool   // the search ignores ASCII case
	matches []int  // entry indices matching query
}

func newPane(v diff.View, keys keyMap, st *styles, mode render.Mode, fold, markup bool) pane {
	p := pane{r: v.Result, v: v, keys: keys, st: st, mode: mode, fold: fold, markup: markup,
		cache: map[render.Entry]*render.Row{}, hls: map[render.Entry]*highlights{}}
	p.rebuild()
	return p
}

// rebuild lists the entries for the current mode and fold state.
func (p *pane) rebuild() {
	p.entries = render.Entries(p.v, p.mode, p.fold)
	p.changes, p.flagged = p.changes[:0], p.flagged[:0]
	for i, e := range p.entries {
		if e.IsChange(p.v) {
			p.changes = append(p.changes, i)
			if e.Flags(p.v) != 0 {
				p.flagged = append(p.flagged, i)
			}
		}
	}
	p.listUnreviewed()
	p.maxOK = false
	if p.query != "" {
		p.findMatches()
	}
}

// SetSize sets the size of the pane in cells; rows are laid out anew when
// the width changes.
func (p *pane) SetSize(w, h int) {
	if w != p.width || p.layout == nil {
		p.width = w
		p.layout = render.NewLayout(p.v, p.mode, w, p.layoutOptions())
		p.clearRows()
	}
	p.height = h
	p.maxOK = false
	p.clamp()
}

// setView switches mode and folding, keeping the cursor on the same block.
func (p *pane) setView(mode render.Mode, fold bool) {
	if mode == p.mode && fold == p.fold {
		return
	}
	relayout := mode != p.mode
	p.mode, p.fold = mode, fold
	p.relist(relayout)
}

func (p *pane) layoutOptions() render.Options {
	return render.Options{Markup: p.markup}
}

// setIgnore hides the change classes in m, keeping the cursor on the same
// block.
func (p *pane) setIgnore(m diff.ClassMask) {
	if m == p.v.Ignore {
		return
	}
	p.v = p.r.View(m)
	p.relist(true)
}

// relist lists the entries anew after a change of mode, folding or mask
// (and lays rows out anew if relayout), keeping the cursor on its block,
// centred.
func (p *pane) relist(relayout bool) {
	block := -1
	if p.cursor < len(p.entries) {
		block = p.entries[p.cursor].Block
	}
	p.rebuild()
	if relayout {
		p.layout = render.NewLayout(p.v, p.mode, p.width, p.layoutOptions())
		p.clearRows()
	}
	p.jumps = nil
	p.cursor = p.entryOfBlock(block)
	p.top, p.off = p.cursor, 0
	p.center(p.cursor)
}

// goTo puts the cursor on the entry showing pair pi of block bi (the
// block's row outside Sentences mode), unfolding if it is folded, and
// remembers where it came from for backspace.
func (p *pane) goTo(bi, pi int) {
	if bi < 0 || bi >= len(p.r.Blocks) {
		return
	}
	t := -1
	find := func() {
		t = -1
		for i, e := range p.entries {
			if e.Kind == render.RowGhost {
				continue
			}
			if e.Block == bi && (p.mode != render.Sentences || pi < 0 || e.Pair == pi) {
				t = i
				return
			}
		}
	}
	find()
	if t < 0 && p.fold {
		p.setView(p.mode, false)
		find()
	}
	if t < 0 {
		t = p.entryOfBlock(bi)
	}
	if p.cursor < len(p.entries) && t != p.cursor {
		p.jumps = append(p.jumps, p.entries[p.cursor])
	}
	p.moveCursor(t, true)
}

// entryOfBlock returns the index of the entry showing block b (the fold
// holding it, the first sentence of it), or 0.
func (p *pane) entryOfBlock(b int) int {
	best := 0
	for i, e := range p.entries {
		switch e.Kind {
		case render.RowGhost:
			continue
		case render.RowFold:
			if p.mode != render.Sentences && b >= e.Block && b < e.Block+e.Count {
				return i
			}
		}
		if e.Block == b {
			return i
		}
		if e.Block < b {
			best = i
		}
	}
	return best
}

// row returns the laid-out entry i.
func (p *pane) row(i int) *render.Row {
	e := p.entries[i]
	if r, ok := p.cache[e]; ok {
		return r
	}
	if len(p.cache) >= cacheLimit {
		clear(p.cache) // in place: View fills the cache through a copy
	}
	r := p.layout.Row(e)
	p.cache[e] = &r
	return &r
}

// clearRows forgets the laid-out rows and their highlights.
func (p *pane) clearRows() {
	clear(p.cache)
	clear(p.hls)
}

// highlightsOf returns the search highlights of the row of entry i.
func (p *pane) highlightsOf(i int) *highlights {
	e := p.entries[i]
	if h, ok := p.hls[e]; ok {
		return h
	}
	if len(p.hls) >= cacheLimit {
		clear(p.hls)
	}
	row := p.row(i)
	h := &highlights{left: p.lineMatches(row.Left.Lines), right: p.lineMatches(row.Right.Lines)}
	p.hls[e] = h
	return h
}

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

// jumpTarget returns the entry to go to from entry i with enter: the ghost
// of a moved block, the moved block of a ghost, or the block a moved
// sentence came from or went to; -1 if none.
func (p *pane) jumpTarget(i int) int {
	if i < 0 || i >= len(p.entries) {
		return -1
	}
	e := p.entries[i]
	find := func(kind render.RowKind, block int) int {
		for j, f := range p.entries {
			if f.Kind == kind && f.Block == block {
				return j
			}
		}
		return -1
	}
	switch {
	case e.Kind == render.RowGhost:
		return find(render.RowBlock, e.Block)
	case e.Kind != render.RowBlock:
		return -1
	case p.r.Blocks[e.Block].Moved:
		return find(render.RowGhost, e.Block)
	}
	b := &p.r.Blocks[e.Block]
	// A sentence that came from another block's paragraph.
	for k := range b.Pairs {
		if pr := &b.Pairs[k]; pr.Moved && !pr.OldRef.IsNone() {
			if ob := p.r.BlockOfOld(pr.OldRef.Para); ob != e.Block {
				return find(render.RowBlock, ob)
			}
		}
	}
	// A sentence of this block's old paragraphs that went elsewhere.
	for _, op := range b.Old {
		for s := range p.r.Old.Paragraphs[op].Sentences {
			if ob, _ := p.r.OldPair(diff.SentRef{Para: op, Sent: s}); ob != e.Block {
				return find(render.RowBlock, ob)
			}
		}
	}
	return -1
}

// jump follows enter from the cursor; it reports whether there was
// anywhere to go.
func (p *pane) jump() bool {
	t := p.jumpTarget(p.cursor)
	if t < 0 {
		return false
	}
	// Enter on the place we just came to returns.
	if n := len(p.jumps); n > 0 && p.entries[t] == p.jumps[n-1] {
		p.jumps = p.jumps[:n-1]
	} else {
		p.jumps = append(p.jumps, p.entries[p.cursor])
	}
	p.moveCursor(t, true)
	return true
}

// back returns to where the last jump started; it reports whether there
// was a jump to undo.
func (p *pane) back() bool {
	n := len(p.jumps)
	if n == 0 {
		return false
	}
	e := p.jumps[n-1]
	p.jumps = p.jumps[:n-1]
	for i, f := range p.entries {
		if f == e {
			p.moveCursor(i, true)
			return true
		}
	}
	return false
}

// Update handles the navigation keys and the mouse.
func (p pane) Update(msg tea.Msg) (pane, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := p.keys
		switch {
		case key.Matches(msg, k.Down):
			p.scrollBy(1)
		case key.Matches(msg, k.Up):
			p.scrollBy(-1)
		case key.Matches(msg, k.PageDown):
			p.scrollBy(max(p.height-1, 1))
		case key.Matches(msg, k.PageUp):
			p.scrollBy(-max(p.height-1, 1))
		case key.Matches(msg, k.HalfDown):
			p.scrollBy(max(p.height/2, 1))
		case key.Matches(msg, k.HalfUp):
			p.scrollBy(-max(p.height/2, 1))
		case key.Matches(msg, k.Top):
			p.top, p.off, p.cursor = 0, 0, 0
			p.clamp()
		case key.Matches(msg, k.Bottom):
			p.top, p.off = p.maxPos()
			p.cursor = len(p.entries) - 1
			p.clamp()
		case p.query != "" && key.Matches(msg, k.NextMatch):
			p.walkMatches(false)
		case p.query != "" && key.Matches(msg, k.PrevMatch):
			p.walkMatches(true)
		case p.unreviewedOnly && key.Matches(msg, k.NextChange):
			if !p.walk(p.unreviewed, false) {
				p.note = "no more unreviewed changes below" + p.remainingNote()
			}
		case p.unreviewedOnly && key.Matches(msg, k.PrevChange):
			if !p.walk(p.unreviewed, true) {
				p.note = "no more unreviewed changes above" + p.remainingNote()
			}
		case p.flaggedOnly && key.Matches(msg, k.NextChange):
			if !p.walk(p.flagged, false) {
				p.note = "no more flagged changes below" + p.remainingNote()
			}
		case p.flaggedOnly && key.Matches(msg, k.PrevChange):
			if !p.walk(p.flagged, true) {
				p.note = "no more flagged changes above" + p.remainingNote()
			}
		case key.Matches(msg, k.NextChange):
			if !p.walk(p.changes, false) {
				p.note = "no more changes below" + p.remainingNote()
			}
		case key.Matches(msg, k.PrevChange):
			if !p.walk(p.changes, true) {
				p.note = "no more changes above" + p.remainingNote()
			}
		case key.Matches(msg, k.NextPara):
			p.moveCursor(p.cursor+1, false)
		case key.Matches(msg, k.PrevPara):
			p.moveCursor(p.cursor-1, false)
		case key.Matches(msg, k.Jump):
			p.jump()
		case key.Matches(msg, k.Back):
			p.back()
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelDown:
			p.scrollBy(3)
		case tea.MouseWheelUp:
			p.scrollBy(-3)
		}
	}
	return p, nil
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
// either end like less and vim.
func (p *pane) walkMatches(back bool) {
	if len(p.matches) == 0 {
		p.note = "no matches"
		return
	}
	if p.walk(p.matches, back) {
		return
	}
	if back {
		p.moveCursor(p.matches[len(p.matches)-1], true)
		p.note = "search wrapped to the bottom"
	} else {
		p.moveCursor(p.matches[0], true)
		p.note = "search wrapped to the top"
	}
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

// View draws the visible lines, exactly p.height of them.
func (p pane) View() string {
	var b strings.Builder
	b.Grow(p.height * (p.width + 32))
	drawn := 0
	if len(p.entries) == 0 && p.height > 0 {
		b.WriteString(p.st.span[render.Fold] + " The two versions are identical and empty." + resetSGR)
		drawn = 1
	}
	for i := p.top; i < len(p.entries) && drawn < p.height; i++ {
		row := p.row(i)
		start := 0
		if i == p.top {
			start = p.off
		}
		hl := &highlights{}
		if p.query != "" {
			hl = p.highlightsOf(i)
		}
		for ln := start; ln < row.Height() && drawn < p.height; ln++ {
			if drawn > 0 {
				b.WriteByte('\n')
			}
			mark := ""
			if ln == 0 {
				mark = p.markOf(i)
			}
			p.drawLine(&b, row, ln, i == p.cursor && ln < row.Height()-1, hl, mark)
			drawn++
		}
	}
	for ; drawn < p.height; drawn++ {
		if drawn > 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

const resetSGR = "\x1b[m"

// drawLine writes line ln of row.
// A review mark (✓, ?) goes in the first cell of the new side's gutter,
// or in the last cell of the one gutter of the inline view (the first is
// the cursor's).
func (p *pane) drawLine(b *strings.Builder, row *render.Row, ln int, cursor bool, hl *highlights, mark string) {
	gw := p.layout.GutterWidth()
	lw, rw := p.layout.TextWidth()
	if p.mode == render.Inline {
		p.drawMarkedGutter(b, row.Left.Gutter[ln], gw, cursor, mark, true)
	} else {
		p.drawGutter(b, row.Left.Gutter[ln], gw, cursor)
	}
	if p.mode == render.Inline {
		p.drawText(b, row.Left.Lines[ln], lw, false, hl.at(hl.left, ln))
		return
	}
	p.drawText(b, row.Left.Lines[ln], lw, true, hl.at(hl.left, ln))
	b.WriteByte(' ')
	b.WriteString(p.st.sep + "│" + resetSGR)
	p.drawMarkedGutter(b, row.Right.Gutter[ln], gw, false, mark, false)
	p.drawText(b, row.Right.Lines[ln], rw, false, hl.at(hl.right, ln))
}

// highlights holds, line by line, the byte ranges of search matches in the
// lines of one row's sides.
type highlights struct {
	left, right [][][2]int
}

func (h *highlights) at(side [][][2]int, ln int) [][2]int {
	if ln < len(side) {
		return side[ln]
	}
	return nil
}

// lineMatches finds the query in a side's lines read as one text (a space
// standing for each line break), so that a match broken across lines is
// highlighted on both; it returns the ranges line by line.
func (p *pane) lineMatches(lines []render.Line) [][][2]int {
	buf := make([][][2]int, len(lines))
	var sb strings.Builder
	starts := make([]int, len(lines))
	for i, ln := range lines {
		if i > 0 {
			sb.WriteByte(' ')
		}
		starts[i] = sb.Len()
		sb.WriteString(ln.String())
	}
	text := sb.String()
	i := 0
	for _, m := range findAll(text, p.query, p.fold1) {
		for i < len(lines) && lineEnd(text, starts, i) <= m[0] {
			i++
		}
		for j := i; j < len(lines) && starts[j] < m[1]; j++ {
			lo, hi := max(m[0], starts[j]), min(m[1], lineEnd(text, starts, j))
			if lo < hi {
				buf[j] = append(buf[j], [2]int{lo - starts[j], hi - starts[j]})
			}
		}
	}
	return buf
}

// lineEnd returns the end in text of line i.
func lineEnd(text string, starts []int, i int) int {
	if i+1 < len(starts) {
		return starts[i+1] - 1
	}
	return len(text)
}

func (p *pane) drawGutter(b *strings.Builder, g render.Line, width int, cursor bool) {
	w := 0
	for k, s := range g {
		text := s.Text
		if cursor && k == 0 && text != "" && text[0] == ' ' {
			b.WriteString(p.st.cursor + "▌" + resetSGR)
			text = text[1:]
			w++
		}
		p.span(b, text, s.Style)
		w += render.Width(text)
	}
	if cursor && len(g) == 0 {
		b.WriteString(p.st.cursor + "▌" + resetSGR)
		w++
	}
	b.WriteString(pad(width - w))
}

func (p *pane) span(b *strings.Builder, text string, st render.Style) {
	if text == "" {
		return
	}
	sgr := p.st.span[st]
	if p.mode == render.Inline {
		sgr = p.st.inline[st]
	}
	if sgr != "" {
		b.WriteString(sgr)
		b.WriteString(text)
		b.WriteString(resetSGR)
		return
	}
	b.WriteString(text)
}

// drawText writes a text line with the search matches in ranges
// highlighted, padded to width when padRight.
func (p *pane) drawText(b *strings.Builder, ln render.Line, width int, padRight bool, ranges [][2]int) {
	if len(ranges) == 0 {
		for _, s := range ln {
			p.span(b, s.Text, s.Style)
		}
	} else {
		text := ln.String()
		pos, ri := 0, 0
		for _, s := range ln {
			end := pos + len(s.Text)
			for cur := pos; cur < end; {
				for ri < len(ranges) && ranges[ri][1] <= cur {
					ri++
				}
				if ri < len(ranges) && ranges[ri][0] <= cur {
					e := min(end, ranges[ri][1])
					b.WriteString(p.st.match + text[cur:e] + resetSGR)
					cur = e
					continue
				}
				e := end
				if ri < len(ranges) {
					e = min(end, ranges[ri][0])
				}
				p.span(b, text[cur:e], s.Style)
				cur = e
			}
			pos = end
		}
	}
	if padRight {
		b.WriteString(pad(width - ln.Width()))
	}
}

func pad(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
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
