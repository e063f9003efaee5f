package tui

import (
	"strings"

	"github.com/storydiff/storydiff/internal/render"
)

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

// drawLine writes line ln of row. A review mark (✓, ?) goes in the first
// cell of the new side's gutter, or in the last cell of the one gutter of
// the inline view (the first is the cursor's).
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
	for _, m := range p.cq.findAll(text) {
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
	p.st.drawSpan(b, text, st, p.mode == render.Inline)
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
