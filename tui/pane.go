package tui

import (
	"strconv"

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
	// opened holds the folds opened with enter; they stay open while the
	// mode and mask stay.
	opened map[render.Entry]bool

	query   string // active search, "" when none
	cq      query  // query compiled
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
	if len(p.opened) > 0 {
		p.entries = p.openFolds(p.entries)
	}
	p.changes, p.flagged = p.changes[:0], p.flagged[:0]
	for i, e := range p.entries {
		// A ghost marks where a moved or merged paragraph stood; the
		// change itself is its block, so n stops there once, and the
		// stops are the changes review.Changes lists (one per block in
		// the paragraph views, one per sentence pair in Sentences).
		if e.Kind != render.RowGhost && e.IsChange(p.v) {
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
	if relayout || !fold {
		clear(p.opened)
	}
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
	clear(p.opened)
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

// Update handles the navigation keys and the mouse; what it has to say
// goes to the status line as a command.
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
			return p, note(p.walkMatches(false))
		case p.query != "" && key.Matches(msg, k.PrevMatch):
			return p, note(p.walkMatches(true))
		case p.unreviewedOnly && key.Matches(msg, k.NextChange):
			if !p.walk(p.unreviewed, false) {
				return p, note("no more unreviewed changes below" + p.remainingNote())
			}
		case p.unreviewedOnly && key.Matches(msg, k.PrevChange):
			if !p.walk(p.unreviewed, true) {
				return p, note("no more unreviewed changes above" + p.remainingNote())
			}
		case p.flaggedOnly && key.Matches(msg, k.NextChange):
			if !p.walk(p.flagged, false) {
				return p, note("no more flagged changes below" + p.remainingNote())
			}
		case p.flaggedOnly && key.Matches(msg, k.PrevChange):
			if !p.walk(p.flagged, true) {
				return p, note("no more flagged changes above" + p.remainingNote())
			}
		case key.Matches(msg, k.NextChange):
			if !p.walk(p.changes, false) {
				return p, note("no more changes below" + p.remainingNote())
			}
		case key.Matches(msg, k.PrevChange):
			if !p.walk(p.changes, true) {
				return p, note("no more changes above" + p.remainingNote())
			}
		case key.Matches(msg, k.NextPara):
			p.moveCursor(p.cursor+1, false)
		case key.Matches(msg, k.PrevPara):
			p.moveCursor(p.cursor-1, false)
		case key.Matches(msg, k.Jump):
			return p, note(p.enter())
		case key.Matches(msg, k.Back):
			if !p.back() {
				return p, note("nothing to go back to: backspace returns after enter on a ¶ note")
			}
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

// enter acts on the row under the cursor: it opens a fold, or follows a
// note (moved from or to ¶N, split or merged) to where it points; it
// returns a note for the status line.
func (p *pane) enter() string {
	if p.cursor < len(p.entries) && p.entries[p.cursor].Kind == render.RowFold {
		n := p.entries[p.cursor].Count
		p.openFold(p.cursor)
		return "opened " + strconv.Itoa(n) + " unchanged " + plural(n, "row", "rows") + " (f folds them all again)"
	}
	if !p.jump() {
		return "nothing to open here: enter opens a fold or follows a ¶ note (moved, split, merged)"
	}
	return ""
}

// openFold replaces fold entry i with the rows it stands for.
func (p *pane) openFold(i int) {
	if p.opened == nil {
		p.opened = map[render.Entry]bool{}
	}
	p.opened[p.entries[i]] = true
	p.rebuild()
	p.moveCursor(min(i, len(p.entries)-1), false)
}

// openFolds returns entries with the opened folds replaced by their rows.
func (p *pane) openFolds(entries []render.Entry) []render.Entry {
	out := make([]render.Entry, 0, len(entries))
	for _, e := range entries {
		if e.Kind != render.RowFold || !p.opened[e] {
			out = append(out, e)
			continue
		}
		if p.mode != render.Sentences {
			for k := 0; k < e.Count; k++ {
				out = append(out, render.Entry{Kind: render.RowBlock, Block: e.Block + k})
			}
			continue
		}
		bi, pi := e.Block, e.Pair
		for k := 0; k < e.Count && bi < len(p.r.Blocks); k++ {
			out = append(out, render.Entry{Kind: render.RowSentence, Block: bi, Pair: pi})
			if pi++; pi >= len(p.r.Blocks[bi].Pairs) {
				bi, pi = bi+1, 0
				for bi < len(p.r.Blocks) && len(p.r.Blocks[bi].Pairs) == 0 {
					bi++
				}
			}
		}
	}
	return out
}
