package tui

import (
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// histView shows the latest version sentence by sentence, each with the
// version that introduced it and the one that changed it last in a gutter
// coloured by age (the H key).
type histView struct {
	h     *diff.History
	st    *styles
	names []string // version names for the header

	width, height int
	lines         []histLine
	top           int

	query   string
	fold1   bool
	matches []int // first lines of the sentences that hold the query
	// cur is the line of the current match; n and N go on from it.
	cur int
	// marks are the review marks (✓, ?) of the latest version's
	// sentences, by [paragraph, sentence], when the pair shown ends with
	// it (see Model.histMarks).
	marks map[[2]int]string
}

// histLine is one display line of the history view.
type histLine struct {
	para   int // paragraph of the latest version, -1 on a blank line
	sent   int // sentence within the paragraph
	first  bool
	origin diff.Origin
	text   render.Line
}

// versionLabel is the short name of version k (0-based): v1, v2, …
func versionLabel(k int) string { return "v" + strconv.Itoa(k+1) }

// gutterWidth is the width of the history gutter: paragraph number,
// introduced, last changed.
func (v *histView) gutterWidth() (numW, verW, total int) {
	n := len(v.h.Versions)
	last := max(n, 1)
	if n > 0 {
		last = max(len(v.h.Versions[n-1].Paragraphs), 1)
	}
	numW = len(strconv.Itoa(last))
	verW = len(versionLabel(max(n-1, 0)))
	return numW, verW, 1 + numW + 1 + verW + 2 + verW + 1
}

// setSize lays the lines out for a width, keeping the top sentence.
func (v *histView) setSize(w, h int) {
	v.height = h
	if w == v.width && v.lines != nil {
		v.clamp()
		return
	}
	topPara, topSent := -1, 0
	if v.top < len(v.lines) {
		topPara, topSent = v.sentenceAt(v.top)
	}
	v.width = w
	v.lines = v.lines[:0]
	if v.h == nil || len(v.h.Versions) == 0 {
		return
	}
	_, _, gw := v.gutterWidth()
	tw := max(w-gw-1, 1)
	latest := v.h.Versions[len(v.h.Versions)-1]
	for p := range latest.Paragraphs {
		if p > 0 {
			v.lines = append(v.lines, histLine{para: -1})
		}
		for s, sent := range latest.Paragraphs[p].Sentences {
			var o diff.Origin
			if p < len(v.h.Origins) && s < len(v.h.Origins[p]) {
				o = v.h.Origins[p][s]
			}
			for i, ln := range render.Wrap([]render.Span{{Text: sent.Text, Style: render.Plain}}, tw) {
				v.lines = append(v.lines, histLine{para: p, sent: s, first: i == 0, origin: o, text: ln})
			}
		}
	}
	v.top = 0
	if topPara >= 0 {
		v.top = v.lineOf(topPara, topSent)
	}
	if v.query != "" {
		v.findMatches()
	}
	v.clamp()
}

// sentenceAt returns the paragraph and sentence of line i (of the one
// above a blank line).
func (v *histView) sentenceAt(i int) (para, sent int) {
	for ; i >= 0 && v.lines[i].para < 0; i-- {
	}
	if i < 0 {
		return 0, 0
	}
	return v.lines[i].para, v.lines[i].sent
}

// lineOf returns the first line of sentence s of paragraph p.
func (v *histView) lineOf(p, s int) int {
	for i, ln := range v.lines {
		if ln.para == p && ln.sent == s && ln.first {
			return i
		}
	}
	return 0
}

func (v *histView) clamp() {
	v.top = max(min(v.top, len(v.lines)-v.height), 0)
}

// setQuery searches the sentences for q (smart case) and returns the number
// of matching sentences.
func (v *histView) setQuery(q string) int {
	v.query, v.matches = q, v.matches[:0]
	if q == "" {
		return 0
	}
	v.fold1 = smartCase(q)
	v.findMatches()
	return len(v.matches)
}

func (v *histView) findMatches() {
	v.matches = v.matches[:0]
	latest := v.h.Versions[len(v.h.Versions)-1]
	for i, ln := range v.lines {
		if !ln.first {
			continue
		}
		if indexQuery(latest.Paragraphs[ln.para].Sentences[ln.sent].Text, v.query, v.fold1) >= 0 {
			v.matches = append(v.matches, i)
		}
	}
}

// walkMatches scrolls to the next (or previous) match after the current
// one, wrapping around; it returns a note for the status line.
func (v *histView) walkMatches(back bool) string {
	if len(v.matches) == 0 {
		return "no matches"
	}
	note := ""
	t := nextOf(v.matches, v.cur, back)
	if t < 0 {
		if back {
			t, note = v.matches[len(v.matches)-1], "search wrapped to the bottom"
		} else {
			t, note = v.matches[0], "search wrapped to the top"
		}
	}
	v.cur = t
	v.top = t - v.height/3
	v.clamp()
	return note
}

// update handles scrolling keys.
func (v *histView) update(msg tea.KeyPressMsg, k keyMap) string {
	switch {
	case key.Matches(msg, k.Down):
		v.top++
	case key.Matches(msg, k.Up):
		v.top--
	case key.Matches(msg, k.PageDown):
		v.top += max(v.height-1, 1)
	case key.Matches(msg, k.PageUp):
		v.top -= max(v.height-1, 1)
	case key.Matches(msg, k.HalfDown):
		v.top += max(v.height/2, 1)
	case key.Matches(msg, k.HalfUp):
		v.top -= max(v.height/2, 1)
	case key.Matches(msg, k.Top):
		v.top = 0
	case key.Matches(msg, k.Bottom):
		v.top = len(v.lines)
	case v.query != "" && key.Matches(msg, k.NextMatch):
		return v.walkMatches(false)
	case v.query != "" && key.Matches(msg, k.PrevMatch):
		return v.walkMatches(true)
	default:
		return ""
	}
	v.clamp()
	v.cur = v.top - 1 // n goes on from the screen's top
	return ""
}

// scrollWheel scrolls n lines.
func (v *histView) scrollWheel(n int) {
	v.top += n
	v.clamp()
	v.cur = v.top - 1
}

// ageStyle returns the SGR of version k among n.
func (v *histView) ageStyle(k int) string {
	n := len(v.h.Versions)
	a := v.st.age
	if n <= 1 {
		return a[len(a)-1]
	}
	return a[min(max(k, 0), n-1)*(len(a)-1)/(n-1)]
}

// View draws exactly height lines.
func (v *histView) View() string {
	var b strings.Builder
	numW, verW, gw := v.gutterWidth()
	for i := 0; i < v.height; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		k := v.top + i
		if k >= len(v.lines) {
			continue
		}
		ln := v.lines[k]
		if ln.para < 0 {
			continue
		}
		if ln.first {
			num := ""
			if ln.sent == 0 {
				num = strconv.Itoa(ln.para + 1)
			}
			if g := v.marks[[2]int{ln.para, ln.sent}]; g != "" {
				st := v.st.span[render.MarkAdded]
				if g == "?" {
					st = v.st.span[render.MarkChanged]
				}
				b.WriteString(st + g + resetSGR)
			} else {
				b.WriteString(" ")
			}
			b.WriteString(v.st.span[render.Gutter] + pad(numW-len(num)) + num + " " + resetSGR)
			in, last := ln.origin.Introduced, ln.origin.LastChanged
			b.WriteString(v.ageStyle(in) + padRight(versionLabel(in), verW) + resetSGR)
			if last != in {
				b.WriteString(" " + v.ageStyle(last) + "·" + padRight(versionLabel(last), verW) + resetSGR + " ")
			} else {
				b.WriteString(pad(verW + 3))
			}
		} else {
			b.WriteString(pad(gw))
		}
		b.WriteByte(' ')
		text := ln.text.String()
		if v.query == "" {
			b.WriteString(text)
			continue
		}
		pos := 0
		for _, m := range findAll(text, v.query, v.fold1) {
			b.WriteString(text[pos:m[0]])
			b.WriteString(v.st.match + text[m[0]:m[1]] + resetSGR)
			pos = m[1]
		}
		b.WriteString(text[pos:])
	}
	return b.String()
}

// legend is the header of the history view: every version's label in its
// colour, with names while they fit.
func (v *histView) legend(width int) string {
	var b strings.Builder
	w := 0
	b.WriteString(" history:")
	w += 9
	n := len(v.h.Versions)
	for k := 0; k < n; k++ {
		name := ""
		if k < len(v.names) {
			name = " " + sanitize(v.names[k])
		}
		lbl := " " + versionLabel(k)
		if w+len(lbl)+render.Width(name) > width-2 {
			name = ""
		}
		if w+len(lbl) > width-1 {
			break
		}
		b.WriteString(" " + v.ageStyle(k) + versionLabel(k) + resetSGR)
		b.WriteString(name)
		w += len(lbl) + render.Width(name)
	}
	const key = "   (introduced ·last changed)"
	if w+len(key)-1 <= width-1 {
		b.WriteString(v.st.span[render.Gutter] + key + resetSGR)
	}
	return truncate(b.String(), width)
}

// position returns the status of the history view: first line shown,
// lines, percent, and the match at or above the top.
func (v *histView) position() (line, lines, percent, match int) {
	lines = len(v.lines)
	if lines == 0 {
		return 0, 0, 100, 0
	}
	line = v.top + 1
	percent = min((v.top+v.height)*100/lines, 100)
	match = sort.SearchInts(v.matches, max(v.cur, v.top)+1)
	return line, lines, percent, match
}
