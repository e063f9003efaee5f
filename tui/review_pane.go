package tui

import (
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/render"
)

// setMarks shows the review states of the changes (block → state; nil for
// no review) and lists the unreviewed change entries anew.
func (p *pane) setMarks(marks map[int]review.State) {
	p.marks = marks
	p.listUnreviewed()
	if p.marks == nil {
		p.unreviewedOnly = false
	}
}

// listUnreviewed lists the change entries whose block is a reviewable
// change not yet checked or queried; a moved block's ghost row is left
// out (the block's own row stands for the change). A fresh slice: copies
// of the pane may hold the old one.
func (p *pane) listUnreviewed() {
	if p.marks == nil {
		p.unreviewed = nil
		return
	}
	var out []int
	for _, i := range p.changes {
		e := p.entries[i]
		if e.Kind == render.RowGhost {
			continue
		}
		if s, ok := p.marks[e.Block]; ok && s == review.Unmarked {
			out = append(out, i)
		}
	}
	p.unreviewed = out
}

// markOf returns the gutter mark of entry i: ✓, ? or "".
func (p *pane) markOf(i int) string {
	if p.marks == nil || i < 0 || i >= len(p.entries) || !p.entries[i].IsChange(p.v) {
		return ""
	}
	return glyph(p.marks[p.entries[i].Block])
}

// remainingNote is what n and N add at either end when a review is shown:
// how many changes are left to review.
func (p *pane) remainingNote() string {
	if p.marks == nil {
		return ""
	}
	u := 0
	for _, s := range p.marks {
		if s == review.Unmarked {
			u++
		}
	}
	switch u {
	case 0:
		return " · every change reviewed"
	case 1:
		return " · 1 change not reviewed"
	}
	return " · " + strconv.Itoa(u) + " changes not reviewed"
}

// drawMarkedGutter draws a gutter with a review mark in its first cell, or
// in its last when atEnd; the gutter's own text keeps its place.
func (p *pane) drawMarkedGutter(b *strings.Builder, g render.Line, width int, cursor bool, mark string, atEnd bool) {
	if mark == "" {
		p.drawGutter(b, g, width, cursor)
		return
	}
	st := render.MarkAdded
	if mark == "?" {
		st = render.MarkChanged
	}
	if len(g) == 0 {
		g = render.Line{{Text: pad(width), Style: render.Gutter}}
	}
	out := make(render.Line, 0, len(g)+1)
	if atEnd {
		out = append(out, g...)
		last := out[len(out)-1]
		switch w := render.Width(g.String()); {
		case w < width:
			out = append(out, render.Span{Text: pad(width - w - 1), Style: render.Gutter})
		case strings.HasSuffix(last.Text, " "):
			out[len(out)-1].Text = last.Text[:len(last.Text)-1]
		default:
			p.drawGutter(b, g, width, cursor) // no room: the mark is left out
			return
		}
		out = append(out, render.Span{Text: mark, Style: st})
	} else {
		first := g[0]
		if !strings.HasPrefix(first.Text, " ") {
			p.drawGutter(b, g, width, cursor)
			return
		}
		out = append(out, render.Span{Text: mark, Style: st}, render.Span{Text: first.Text[1:], Style: first.Style})
		out = append(out, g[1:]...)
	}
	p.drawGutter(b, out, width, cursor)
}
