package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/internal/render"
)

// listItem is one line of a list screen.
type listItem struct {
	spans []render.Span
	// block and pair are where enter goes (findings list); pair is -1 for
	// a whole block.
	block, pair int
	// from and to are the versions enter compares (picker).
	from, to int
}

// list is a list screen with a cursor: the findings (F) or the version
// picker (p). A title line, then the items in a viewport; the cursor's
// mark is the viewport's gutter.
type list struct {
	title, hint string
	items       []listItem
	cursor      int
	st          *styles
	keys        keyMap
	vp          viewport.Model
	width       int
	// y0 is the screen line of the first item (for the mouse).
	y0 int
	// picker: digits typed choose a pair ("1 3").
	picker bool
	typed  string
}

func newList(title, hint string, items []listItem, st *styles) list {
	vp := viewport.New()
	vp.FillHeight = true
	vp.MouseWheelEnabled = false // the wheel moves the cursor (Update)
	return list{title: title, hint: hint, items: items, st: st, keys: defaultKeys(), vp: vp}
}

// SetSize sizes the list; its lines are drawn anew for a new width.
func (l *list) SetSize(w, h int) {
	l.vp.SetHeight(max(h-1, 1))
	if w != l.width {
		l.width = w
		l.vp.SetWidth(w)
		l.render()
	}
	l.scroll()
}

func (l *list) setStyles(st *styles) {
	l.st = st
	l.render()
}

// render draws the items into the viewport's lines.
func (l *list) render() {
	if l.st == nil {
		return
	}
	out := make([]string, 0, max(len(l.items), 1))
	if len(l.items) == 0 {
		var b strings.Builder
		l.st.drawSpan(&b, truncate("  "+l.hint, l.width-1), render.Fold, false)
		out = append(out, b.String())
	}
	for _, it := range l.items {
		var b strings.Builder
		drawClipped(&b, l.st, it.spans, l.width-1)
		out = append(out, b.String())
	}
	l.vp.SetContentLines(out)
}

// scroll keeps the cursor on screen.
func (l *list) scroll() {
	h := l.vp.Height()
	switch y := l.vp.YOffset(); {
	case l.cursor < y:
		l.vp.SetYOffset(l.cursor)
	case l.cursor >= y+h:
		l.vp.SetYOffset(l.cursor - h + 1)
	}
}

// move moves the cursor by n items.
func (l *list) move(n int) {
	if len(l.items) == 0 {
		return
	}
	l.cursor = min(max(l.cursor+n, 0), len(l.items)-1)
	l.scroll()
}

// selected returns the item under the cursor.
func (l list) selected() (listItem, bool) {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return listItem{}, false
	}
	return l.items[l.cursor], true
}

// Update moves the cursor (keys, wheel) and, in the picker, collects the
// version numbers typed.
func (l list) Update(msg tea.Msg) (list, tea.Cmd) {
	h := l.vp.Height()
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelDown:
			l.move(3)
		case tea.MouseWheelUp:
			l.move(-3)
		}
	case tea.MouseClickMsg:
		if i := msg.Y - l.y0 + l.vp.YOffset(); msg.Button == tea.MouseLeft && msg.Y >= l.y0 && i < len(l.items) {
			l.move(i - l.cursor) // a click selects; enter acts
		}
	case tea.KeyPressMsg:
		k := l.keys
		switch {
		case l.picker && pairText(msg.Text):
			l.typed += msg.Text // the space key's String is "space", its Text " "
		case l.picker && msg.String() == "backspace" && l.typed != "":
			l.typed = l.typed[:len(l.typed)-1]
		case key.Matches(msg, k.Down, k.NextPara):
			l.move(1)
		case key.Matches(msg, k.Up, k.PrevPara):
			l.move(-1)
		case key.Matches(msg, k.PageDown):
			l.move(max(h-1, 1))
		case key.Matches(msg, k.PageUp):
			l.move(-max(h-1, 1))
		case key.Matches(msg, k.HalfDown):
			l.move(max(h/2, 1))
		case key.Matches(msg, k.HalfUp):
			l.move(-max(h/2, 1))
		case key.Matches(msg, k.Top):
			l.move(-len(l.items))
		case key.Matches(msg, k.Bottom):
			l.move(len(l.items))
		}
	}
	return l, nil
}

// View draws the title line and the items, the cursor marked in the
// gutter.
func (l list) View() string {
	title := " " + l.title
	if l.typed != "" {
		title += "  › " + l.typed
	}
	vp := l.vp
	cursor, mark := l.cursor, l.st.cursor+"▌"+resetSGR
	if len(l.items) == 0 {
		cursor = -1
	}
	vp.LeftGutterFunc = func(c viewport.GutterContext) string {
		if c.Index == cursor && !c.Soft {
			return mark
		}
		return " "
	}
	return l.st.title.Render(truncate(title, l.width)) + "\n" + vp.View()
}

// drawClipped draws spans cut to width cells (an ellipsis marks the cut).
func drawClipped(b *strings.Builder, st *styles, spans []render.Span, width int) {
	w := 0
	for _, s := range spans {
		sw := render.Width(s.Text)
		if w+sw > width {
			st.drawSpan(b, truncate(s.Text, width-w), s.Style, false)
			return
		}
		st.drawSpan(b, s.Text, s.Style, false)
		w += sw
	}
}
