package tui

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// histView shows the latest version sentence by sentence, each with the
// version that introduced it and the one that changed it last in a gutter
// coloured by age (the H key). A cursor walks the sentences; the lines are
// drawn once per width (and query) into a viewport.
type histView struct {
	h     *diff.History
	st    *styles
	keys  keyMap
	names []string // version names for the header
	vp    viewport.Model

	width, height int
	y0            int // the screen line of the view's first line (for the mouse)
	lines         []histLine
	// cur is the first line of the sentence under the cursor.
	cur int

	query   string
	cq      query // query compiled
	matches []int // first lines of the sentences that hold the query
	// marks are the review marks (✓, ?) of the latest version's
	// sentences, by [paragraph, sentence], when the pair shown ends with
	// it (see Model.histMarks).
	marks map[[2]int]string
}

// setMarks shows the review marks of the sentences.
func (v *histView) setMarks(marks map[[2]int]string) {
	if len(marks) == 0 && len(v.marks) == 0 {
		return
	}
	v.marks = marks
	v.render()
}

// histLine is one display line of the history view.
type histLine struct {
	para   int // paragraph of the latest version, -1 on a blank line
	sent   int // sentence within the paragraph
	first  bool
	origin diff.Origin
	text   render.Line
}

func newHistView(h *diff.History, st *styles, names []string) histView {
	vp := viewport.New()
	vp.FillHeight = true
	return histView{h: h, st: st, keys: defaultKeys(), names: names, vp: vp}
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

// SetSize lays the lines out for a width, keeping the cursor's sentence.
func (v *histView) SetSize(w, h int) {
	v.height = h
	v.vp.SetHeight(h)
	v.vp.SetWidth(w)
	if w == v.width && v.lines != nil {
		v.scroll()
		return
	}
	para, sent, ok := v.current()
	v.width = w
	v.lines = v.lines[:0]
	if v.h == nil || len(v.h.Versions) == 0 {
		return
	}
	_, _, gw := v.gutterWidth()
	tw := max(w-gw-2, 1)
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
	v.cur = 0
	if ok {
		v.cur = v.lineOf(para, sent)
	}
	if v.query != "" {
		v.findMatches()
	}
	v.render()
	v.scroll()
}

func (v *histView) setStyles(st *styles) {
	v.st = st
	v.render()
}

// current returns the sentence under the cursor.
func (v *histView) current() (para, sent int, ok bool) {
	if v.cur < 0 || v.cur >= len(v.lines) || v.lines[v.cur].para < 0 {
		return 0, 0, false
	}
	return v.lines[v.cur].para, v.lines[v.cur].sent, true
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

// sentenceLines returns the lines of the sentence starting at line i.
func (v *histView) sentenceLines(i int) int {
	n := 1
	for i+n < len(v.lines) && v.lines[i+n].para >= 0 && !v.lines[i+n].first {
		n++
	}
	return n
}

// moveBy moves the cursor n sentences down (up when negative).
func (v *histView) moveBy(n int) {
	for ; n > 0; n-- {
		i := v.cur + 1
		for i < len(v.lines) && !v.lines[i].first {
			i++
		}
		if i >= len(v.lines) {
			break
		}
		v.cur = i
	}
	for ; n < 0; n++ {
		i := v.cur - 1
		for i >= 0 && !v.lines[i].first {
			i--
		}
		if i < 0 {
			break
		}
		v.cur = i
	}
	v.scroll()
}

// moveLines moves the cursor to the sentence about n lines away.
func (v *histView) moveLines(n int) {
	t := min(max(v.cur+n, 0), max(len(v.lines)-1, 0))
	for t > 0 && (t >= len(v.lines) || !v.lines[t].first) {
		t--
	}
	for t < len(v.lines) && !v.lines[t].first {
		t++
	}
	if t < len(v.lines) {
		v.cur = t
	}
	v.scroll()
}

// scroll keeps the cursor's sentence on screen.
func (v *histView) scroll() {
	if len(v.lines) == 0 {
		return
	}
	y, h := v.vp.YOffset(), max(v.height, 1)
	n := v.sentenceLines(v.cur)
	switch {
	case v.cur < y:
		v.vp.SetYOffset(v.cur)
	case v.cur+n > y+h:
		v.vp.SetYOffset(min(v.cur, v.cur+n-h))
	}
}

// setQuery searches the sentences for q (smart case, typography folded)
// and returns the number of matching sentences.
func (v *histView) setQuery(q string) int {
	v.query, v.matches = q, v.matches[:0]
	if q != "" {
		v.cq = compileQuery(q, smartCase(q))
		v.findMatches()
	}
	v.render()
	return len(v.matches)
}

func (v *histView) findMatches() {
	v.matches = v.matches[:0]
	latest := v.h.Versions[len(v.h.Versions)-1]
	for i, ln := range v.lines {
		if ln.first && v.cq.index(latest.Paragraphs[ln.para].Sentences[ln.sent].Text) >= 0 {
			v.matches = append(v.matches, i)
		}
	}
}

// firstMatch puts the cursor on the first match at or after it.
func (v *histView) firstMatch() {
	v.cur--
	v.walkMatches(false)
}

// walkMatches moves to the next (or previous) match, wrapping around; it
// returns a note for the status line.
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
	v.scroll()
	return note
}

// Update moves the cursor.
func (v histView) Update(msg tea.Msg) (histView, tea.Cmd) {
	h := max(v.height, 1)
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelDown:
			v.moveLines(3)
		case tea.MouseWheelUp:
			v.moveLines(-3)
		}
	case tea.MouseClickMsg:
		if i := msg.Y - v.y0 + v.vp.YOffset(); msg.Button == tea.MouseLeft && msg.Y >= v.y0 && i < len(v.lines) {
			for i > 0 && !v.lines[i].first {
				i-- // a wrapped line or a blank one: the sentence above
			}
			if v.lines[i].first {
				v.cur = i
				v.scroll()
			}
		}
	case tea.KeyPressMsg:
		k := v.keys
		switch {
		case key.Matches(msg, k.Down, k.NextPara):
			v.moveBy(1)
		case key.Matches(msg, k.Up, k.PrevPara):
			v.moveBy(-1)
		case key.Matches(msg, k.PageDown):
			v.moveLines(h - 1)
		case key.Matches(msg, k.PageUp):
			v.moveLines(-(h - 1))
		case key.Matches(msg, k.HalfDown):
			v.moveLines(h / 2)
		case key.Matches(msg, k.HalfUp):
			v.moveLines(-h / 2)
		case key.Matches(msg, k.Top):
			v.moveLines(-len(v.lines))
		case key.Matches(msg, k.Bottom):
			v.moveLines(len(v.lines))
		case v.query != "" && key.Matches(msg, k.NextMatch):
			return v, note(v.walkMatches(false))
		case v.query != "" && key.Matches(msg, k.PrevMatch):
			return v, note(v.walkMatches(true))
		}
	}
	return v, nil
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

// render draws every line into the viewport.
func (v *histView) render() {
	if v.h == nil || v.st == nil {
		return
	}
	numW, verW, gw := v.gutterWidth()
	out := make([]string, len(v.lines))
	var b strings.Builder
	for k, ln := range v.lines {
		if ln.para < 0 {
			continue
		}
		b.Reset()
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
		pos := 0
		if v.query != "" {
			for _, m := range v.cq.findAll(text) {
				b.WriteString(text[pos:m[0]])
				b.WriteString(v.st.match + text[m[0]:m[1]] + resetSGR)
				pos = m[1]
			}
		}
		b.WriteString(text[pos:])
		out[k] = b.String()
	}
	v.vp.SetContentLines(out)
}

// View draws exactly height lines, the cursor's sentence marked.
func (v histView) View() string {
	vp := v.vp
	lo, hi := v.cur, v.cur+v.sentenceLines(v.cur)
	mark := v.st.cursor + "▌" + resetSGR
	vp.LeftGutterFunc = func(c viewport.GutterContext) string {
		if c.Index >= lo && c.Index < hi && c.Index < c.TotalLines {
			return mark
		}
		return " "
	}
	return vp.View()
}

// legend is the header of the history view: every version's label in its
// colour, with names while they fit.
func (v *histView) legend(width int) string {
	var b strings.Builder
	w := 0
	b.WriteString(" history:")
	w += 9
	n := len(v.h.Versions)
	names := shortNames(v.names)
	for k := 0; k < n; k++ {
		name := ""
		if k < len(names) {
			name = " " + truncate(sanitize(names[k]), 24)
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

// position returns the status of the history view: the cursor's sentence,
// the number of sentences, percent, and the match at or above the cursor.
func (v *histView) position() (sentence, sentences, percent, match int) {
	if len(v.lines) == 0 {
		return 0, 0, 100, 0
	}
	for i, ln := range v.lines {
		if ln.first {
			sentences++
			if i <= v.cur {
				sentence++
			}
		}
	}
	percent = min((v.vp.YOffset()+v.height)*100/len(v.lines), 100)
	match = sort.SearchInts(v.matches, v.cur+1)
	return sentence, sentences, percent, match
}

// shortNames returns the versions' file names without their directories
// when that keeps them apart, else the names as given.
func shortNames(names []string) []string {
	out := make([]string, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		out[i] = path.Base(n)
		if seen[out[i]] || out[i] == "." || out[i] == "/" {
			return names
		}
		seen[out[i]] = true
	}
	return out
}
